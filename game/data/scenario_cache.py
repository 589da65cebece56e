"""Checked scenarios kept between starts, so that a start need not load the YAML parser.

After Python's own imports, checking a scenario's YAML was the slowest part of
starting a game: importing PyYAML (which compiles a large regular expression as
it loads), parsing, checking, building. A scenario that loads without error is
kept as JSON under a key made of its text and of the code that turns text into
the engine's model; a later start on the same text decodes that instead. As
with Python's bytecode cache, a change to the text or to those modules makes a
new key, and a cache file that cannot be used (half written, edited, of another
version) is a miss, never an error: the text is checked again.

    parse_cached(text, filename) -> Scenario    raises ScenarioError as parse_scenario does
    load_cached(path) -> Scenario               raises ScenarioError as load_scenario does

The folder is $ANBAR_CACHE_DIR, else $XDG_CACHE_HOME/euphrates-road, else
~/.cache/euphrates-road; ANBAR_CACHE_DIR set but empty turns the cache off.
`anbar validate` does not use it: it reports warnings too, so it always checks.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import fields, is_dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from game import __version__
from game.data.atomic import write_atomic
from game.data.save_errors import SaveError
from game.data.source import read_text
from game.engine import model
from game.engine.model import Scenario

FORMAT = 1  # of the cache files; part of the key
MAX_FILES = 64  # the oldest files beyond this many are removed
_DATA = Path(__file__).resolve().parent
# The code between a scenario's text and its model (the whole data room, to be safe,
# and the engine's model): a change to any of it makes new keys.
_CODE = (
    *sorted(_DATA.glob("*.py")),
    _DATA.parent / "engine" / "model.py",
    _DATA.parent / "engine" / "record.py",
)
_RECORDS: dict[str, type] = {
    name: kind for name, kind in vars(model).items()
    if isinstance(kind, type) and is_dataclass(kind)
}
_ENUMS: dict[str, type[Enum]] = {
    name: kind for name, kind in vars(model).items()
    if isinstance(kind, type) and issubclass(kind, Enum) and kind.__module__ == model.__name__
}


def cache_dir() -> Path | None:
    """The folder of cached scenarios, or None when the cache is turned off."""
    chosen = os.environ.get("ANBAR_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() / "scenarios" if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "euphrates-road" / "scenarios"


def load_cached(path: str | Path) -> Scenario:
    """The scenario in the file at `path`, from the cache when its text was checked before."""
    return parse_cached(read_text(path), str(path))


def parse_cached(text: str, filename: str) -> Scenario:
    """The scenario in `text`, from the cache when it was checked before."""
    entry = _entry(text)
    if entry is not None:
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError, RecursionError):
            return decode(entry.read_text(encoding="utf-8"))
    from game.data.scenario import parse_scenario  # the YAML parser, only on a miss

    scenario = parse_scenario(text, filename)
    if entry is not None:
        _keep(entry, scenario)
    return scenario


def _entry(text: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(f"{FORMAT} {__version__}\n".encode())
    try:
        for source in _CODE:
            stat = source.stat()
            key.update(f"{source.name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
    except OSError:  # the code is not in files (a zip): no way to tell it changed
        return None
    key.update(text.encode("utf-8", "surrogatepass"))
    return folder / f"{key.hexdigest()[:40]}.json"


def _keep(entry: Path, scenario: Scenario) -> None:
    """Write the cache file, if the model comes back whole from it; never an error."""
    encoded = encode(scenario)
    if decode(encoded) != scenario:  # a field the encoding does not carry: do not keep it
        return
    with contextlib.suppress(SaveError, OSError):
        write_atomic(entry, encoded, durable=False)  # a file lost to a power cut is a miss
        _prune(entry.parent)


def _prune(folder: Path) -> None:
    kept = sorted(folder.glob("*.json"), key=lambda path: path.stat().st_mtime, reverse=True)
    for old in kept[MAX_FILES:]:
        old.unlink(missing_ok=True)


# --- the encoding: the model's records and enums, tagged by class name -------------------


def encode(scenario: Scenario) -> str:
    """The scenario as JSON: each record an object tagged `~record`, each enum `~enum`."""
    return json.dumps(_plain(scenario), separators=(",", ":"), ensure_ascii=False)


def decode(text: str) -> Scenario:
    """The scenario back from `encode`; only the model's own classes can be built."""
    scenario = json.loads(text, object_hook=_object)
    if not isinstance(scenario, Scenario):
        raise TypeError("not a scenario")
    return scenario


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):  # before the scalars: a StrEnum is a str
        return {"~enum": type(value).__name__, "value": value.value}
    if is_dataclass(value) and not isinstance(value, type):
        plain = {"~record": type(value).__name__}
        for field in fields(value):
            plain[field.name] = _plain(getattr(value, field.name))
        return plain
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _object(pairs: dict[str, Any]) -> Any:
    if "~enum" in pairs:
        return _ENUMS[pairs["~enum"]](pairs["value"])
    kind = _RECORDS[pairs.pop("~record")]
    return kind(**{name: _tuples(value) for name, value in pairs.items()})


def _tuples(value: Any) -> Any:
    return tuple(_tuples(item) for item in value) if isinstance(value, list) else value
