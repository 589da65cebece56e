"""The three rooms and their one-way imports: engine <- data <- tui / commands.

Every module under game/ is parsed with `ast` (nothing is imported), and every
import it makes, at any depth, is checked against its room's allowance.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

GAME = Path(__file__).resolve().parent.parent / "game"
STDLIB = frozenset(sys.stdlib_module_names)


def module_name(path: Path) -> str:
    parts = path.relative_to(GAME.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute module name) of every import in the file (or in `source`, read
    as if it were that file)."""
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, filename=str(path))
    package = module_name(path)
    if path.name != "__init__.py":
        package = package.rpartition(".")[0]
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
            found += [(node.lineno, f"{name}.{alias.name}") for alias in node.names
                      if name in ("game", "game.engine", "game.data")]
    return found


def room_of(name: str) -> str:
    parts = name.split(".")
    return ".".join(parts[:2]) if parts[0] == "game" and len(parts) > 1 else parts[0]


def allowed(room: str, name: str) -> bool:
    top = name.split(".")[0]
    if top != "game":
        if room == "game.engine":
            return top in STDLIB
        if room == "game.data":
            return top in STDLIB or top == "yaml"
        return True
    if name in ("game", "game.__version__"):  # game/__init__ holds the version only
        return True
    target = room_of(name)
    permitted = {
        "game.engine": {"game.engine"},
        "game.data": {"game.engine", "game.data"},
        "game.tui": {"game.engine", "game.data", "game.tui"},
        "game.commands": {"game.engine", "game.data", "game.tui", "game.commands"},
    }.get(room)
    return permitted is None or target in permitted


def violations() -> list[str]:
    found = []
    for path in sorted(GAME.rglob("*.py")):
        room = room_of(module_name(path))
        for line, name in imports(path):
            if not allowed(room, name):
                found.append(f"{path.relative_to(GAME.parent)}:{line}: {room} imports {name}")
    return found


def test_rooms_import_one_way() -> None:
    assert violations() == []


def test_the_checker_sees_forbidden_imports() -> None:
    assert imports(GAME / "engine" / "model.py")  # it imports something, all allowed
    assert allowed("game.engine", "dataclasses")
    assert not allowed("game.engine", "yaml")
    assert not allowed("game.engine", "textual.app")
    assert not allowed("game.engine", "rich")
    assert not allowed("game.engine", "game.data.scenario")
    assert not allowed("game.engine", "game.tui")
    assert not allowed("game.engine", "game.commands.validate")
    assert allowed("game.data", "yaml")
    assert allowed("game.data", "game.engine.model")
    assert not allowed("game.data", "game.tui.app")
    assert not allowed("game.data", "textual")
    assert not allowed("game.data", "game.commands")
    assert allowed("game.tui", "textual.app")
    assert allowed("game.commands", "game.tui")


def test_relative_imports_are_resolved() -> None:
    source = "from ..data import scenario\nfrom . import rules\nimport yaml\n"
    found = imports(GAME / "engine" / "model.py", source)
    assert found == [(1, "game.data"), (1, "game.data.scenario"), (2, "game.engine"),
                     (2, "game.engine.rules"), (3, "yaml")]
    assert [n for _, n in found if not allowed("game.engine", n)] == [
        "game.data", "game.data.scenario", "yaml"]
