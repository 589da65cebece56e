"""The precompiled `__init__` code of plain records (`game/engine/record_inits.py`) is
what `record._init` would compile: the file is generated here and held to it.

    python tests/test_engine_record_inits.py   # writes the file again
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import pkgutil
import sys
from dataclasses import MISSING
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))

from game.engine import record_inits  # noqa: E402
from game.engine.record import (  # noqa: E402
    _frozen_setattr,
    _LazyInit,
    plain_source,
    record,
)

FILE = ROOT / "game" / "engine" / "record_inits.py"
MOST = 24  # every count up to this; above it, only the counts the game's records have
# The packages whose modules declare the game's records (not `game`: its __main__ starts the UI).
PACKAGES = ("game.engine", "game.data", "game.tui", "game.tui.widgets", "game.tui.screens",
            "game.commands")


def declared_records() -> list[type]:
    """Every record class the game's modules declare (`@record`: not a dataclass)."""
    found: list[type] = []
    for name in PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.iter_modules(package.__path__):
            loaded = importlib.import_module(f"{name}.{module.name}")
            found.extend(value for value in vars(loaded).values()
                         if isinstance(value, type) and value.__module__ == loaded.__name__
                         and value.__dict__.get("__setattr__") is _frozen_setattr)
    return found


def _precompiled(cls: type) -> bool:
    """A record whose `__init__` comes with the package: each field set from its parameter
    or made by its default factory, then its `__post_init__` if it has one; fields not in
    `__init__` come last, with no default (a `Section`'s index)."""
    every = dataclasses.fields(cls)
    given = [f for f in every if f.init]
    return every[:len(given)] == tuple(given) and all(
        f.default is MISSING and f.default_factory is MISSING for f in every[len(given):])


def _shape(cls: type) -> tuple[int | str, ...]:
    """Its count of fields in `__init__`, the numbers of those with a default factory,
    and "post" when it has `__post_init__`."""
    given = [f for f in dataclasses.fields(cls) if f.init]
    factories = (i for i, f in enumerate(given) if f.default_factory is not MISSING)
    return (len(given), *factories, *(("post",) if hasattr(cls, "__post_init__") else ()))


def shapes() -> list[tuple[int | str, ...]]:
    """The shapes the file holds an `__init__` for: every count of plain fields up to MOST,
    and each shape of the game's records besides (the scenario's rules: 88 fields; the
    scenario: 16, two with factories; a format's section: 3, then `__post_init__`)."""
    declared = {_shape(cls) for cls in declared_records() if _precompiled(cls)}
    return sorted({(count,) for count in range(MOST + 1)} | declared,
                  key=lambda shape: (shape[0], [w for w in shape[1:] if w != "post"],
                                     shape[-1] == "post"))


def templates_text() -> str:
    """The module's text: its head as written, then one function a shape, each
    `plain_source` of it under the name `init_<count>[_<factory>...][_post]`."""
    head = FILE.read_text(encoding="utf-8").split("\n\n\ndef init_0", 1)[0]
    parts = [head]
    names = ["init_" + "_".join(map(str, shape)) for shape in shapes()]
    for name, shape in zip(names, shapes(), strict=True):
        post = shape[-1] == "post"
        count, *factories = [int(word) for word in (shape[:-1] if post else shape)]
        text = plain_source(count, tuple(factories), post).replace("def __init__", f"def {name}")
        parts.append(f"\n\n\n{text}\n")
    listed = ",\n    ".join(names)
    parts.append(f"\n\nTEMPLATES = (\n    {listed},\n)\n")
    return "".join(parts)


def test_the_file_is_what_the_generator_writes() -> None:
    assert FILE.read_text(encoding="utf-8") == templates_text()
    assert len(record_inits.TEMPLATES) == len(shapes())


def test_every_plain_record_of_the_game_runs_precompiled_code() -> None:
    """Compiling an `__init__` at a start costs about 0.7 M instructions, the rules' (88
    fields) 8 M: each record's comes with the package."""
    records = declared_records()
    assert any(len(dataclasses.fields(cls)) > MOST for cls in records)
    for cls in records:
        init = cls.__dict__["__init__"]
        code = (init.compiled() if isinstance(init, _LazyInit) else init).__code__
        expected = record_inits.__file__ if _precompiled(cls) else "<string>"
        assert code.co_filename == expected, cls.__qualname__


def test_a_plain_record_runs_the_precompiled_code_under_its_own_names() -> None:
    @record
    class Column:
        """Three fields, one defaulted."""

        place: str
        day: int
        loads: int = 0

    made = Column("ana", 3)
    assert (made.place, made.day, made.loads) == ("ana", 3, 0)
    assert Column(day=4, place="rawa", loads=2) == Column("rawa", 4, 2)
    code = Column.__init__.__code__
    assert code.co_filename == record_inits.__file__
    assert code.co_name == "__init__"
    assert str(inspect.signature(Column)) == "(place: 'str', day: 'int', loads: 'int' = 0) -> None"


def test_other_shapes_compile_their_own() -> None:
    @record
    class Hooked:
        """A record with `__post_init__` is no plain record."""

        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    assert Hooked(2).value == 2
    assert Hooked.__init__.__code__.co_filename == "<string>"


if __name__ == "__main__":
    FILE.write_text(templates_text(), encoding="utf-8")
