"""The scenario cache's encoding: the scenario's canonical form, floats kept exact.

A record is the list of its class's name and its fields in order, an enum its value,
a tuple a list: the form `game.engine.index.canonical_json` writes for the scenario's
digest, except that floats are written as they are rather than rounded to six
decimals. When every float of a scenario has at most six decimals (what a scenario
file holds), the two are the same text, and the cache marks the entry so: its own
checksum, which the cache checks anyway, is then the scenario's digest, and a
restore need not write the whole scenario again to fingerprint its first day.

Decoding is directed by the model's annotations and builds only the model's own
classes; a long tuple of records (places, roads) is built column by column, each
enum column through its members' table, in C loops. The values' types and bounds
are `model_check`'s to check, as before: a wrong shape here raises ValueError,
TypeError, KeyError or IndexError (a miss).
"""

from __future__ import annotations

import builtins
import json
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass
from enum import Enum
from operator import countOf
from typing import Any

from game.engine import model
from game.engine.collect import collection_paused
from game.engine.model import Scenario
from game.engine.record import rows as records

# json.dumps(value, separators=(",", ":"), ensure_ascii=True): canonical_json's encoder.
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True,
                           check_circular=False).encode  # a scenario holds no cycle


def encode(scenario: Scenario) -> str:
    return _ENCODE(_exact(scenario))


def decode(text: str) -> Scenario:
    """The scenario back from `encode`'s text (see the module's docstring)."""
    return decode_columns(text)[0]


# Each long tuple of records (places, roads) with the columns it was built from, by the
# tuple's identity (the tuple held, so its id is not reused): `model_check` reads a
# field's values from its column rather than from every record again.
Columns = dict[int, tuple[tuple[Any, ...], list[Sequence[Any]]]]
_BUILT: Columns = {}


def decode_columns(text: str) -> tuple[Scenario, Columns]:
    """`decode`, and the columns its long tuples of records were built from."""
    # The collector is held off: every list and record made here outlives the loop that
    # makes it (until the lists are dropped at the end), so its passes would free nothing.
    with collection_paused():
        raw = json.loads(text, parse_constant=_no_constant)
        _ONE.clear()
        _BUILT.clear()
        try:
            scenario = _builder(Scenario)(raw)
            built = dict(_BUILT)
        finally:
            _ONE.clear()
            _BUILT.clear()
    if type(scenario) is not Scenario:
        raise TypeError("not a scenario")
    return scenario, built


def _exact(value: Any) -> Any:
    if isinstance(value, Enum):  # before the scalars: a StrEnum is a str
        return value.value
    if is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__, *(_exact(getattr(value, f.name)) for f in fields(value))]
    if isinstance(value, tuple | list):
        return [_exact(item) for item in value]
    return value


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a scenario holds")


# --- builders, one per annotation, made once ---------------------------------------------

Build = Callable[[Any], Any]
_BUILDERS: dict[object, Build] = {}
# The ids that records name one another by (a road's ends, a place's side, a unit's place):
# JSON reads each occurrence as a new string, so a 10,000-place map held 30,000 copies of
# its place ids and 10,000 of its sides. Each is made the object of its first occurrence
# (the referred record's own, which comes first), so the game's lookups by id find their
# hash made and compare by identity, and memory holds one copy. Only the ids that repeat
# are shared: making a map of the unique names cost more than it saved. Filled within
# one decode (values equal all the same: a decode on another thread only shares less).
_SHARED = frozenset({
    ("SideSpec", "id"), ("Place", "id"), ("Place", "side"), ("Road", "a"), ("Road", "b"),
    ("UnitSpec", "side"), ("UnitSpec", "at"), ("AirAsset", "side"), ("Objective", "place"),
})
_ONE: dict[Any, Any] = {}
_HINTS: dict[str, Any] = {}
_MODEL, _BUILTINS = vars(model), vars(builtins)


def annotation(text: Any) -> Any:
    """A model field's annotation (its text: `from __future__ import annotations`) as what
    it names, evaluated in the model's module once a text, for this decoder and for
    `model_check` alike; a bare name is looked up as its evaluation would, not compiled."""
    if not isinstance(text, str):
        return text
    if text not in _HINTS:
        _HINTS[text] = (_MODEL[text] if text in _MODEL else _BUILTINS[text]
                        if text in _BUILTINS else eval(text, _MODEL))  # the model's own only
    return _HINTS[text]



def _builder(hint: Any) -> Build:
    found = _BUILDERS.get(hint)
    if found is None:
        found = _BUILDERS[hint] = _make(hint)
    return found


def _same(value: Any) -> Any:
    return value  # a value as JSON gives it: model_check holds it to its field's type


def _make(hint: Any) -> Build:
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = args[0]
            if isinstance(item, type) and is_dataclass(item):
                return _rows(item)
            each = _builder(item)
            return lambda value: tuple([each(v) for v in _list(value)])
        parts = [_builder(arg) for arg in args]
        return lambda value: tuple([
            build(v) for build, v in zip(parts, _list(value), strict=True)])
    if origin is typing.Union or origin is types.UnionType:
        kinds = {kind.__name__: kind for kind in typing.get_args(hint)
                 if isinstance(kind, type) and is_dataclass(kind)}
        if not kinds:
            return _same
        return lambda value: _builder(kinds[_list(value)[0]])(value)
    if isinstance(hint, type) and is_dataclass(hint):
        return _record(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda value: hint._value2member_map_[value]
    return _same


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("not a list")
    return value


def _columns(kind: type) -> list[Build | None]:
    """Each field's builder (None: taken as it is)."""
    builds: list[Build | None] = []
    for field in fields(kind):
        build = _builder(annotation(field.type))
        builds.append(None if build is _same else build)
    return builds


def _record(kind: type) -> Build:
    builds = _columns(kind)
    name, width = kind.__name__, len(builds) + 1

    def one(value: Any) -> Any:
        if len(_list(value)) != width or value[0] != name:
            raise ValueError(f"not a {name}")
        return kind(*[v if build is None else build(v)
                      for build, v in zip(builds, value[1:], strict=True)])

    return one


def _rows(kind: type) -> Build:
    """A tuple of records of one class, built column by column (C loops)."""
    builds = _columns(kind)
    name, width = kind.__name__, len(builds) + 1
    tables = [_enum_table(annotation(field.type)) for field in fields(kind)]
    shared = [(kind.__name__, field.name) in _SHARED for field in fields(kind)]

    def many(value: Any) -> Any:
        rows = _list(value)
        if not rows:
            return ()
        if countOf(map(type, rows), list) != len(rows):
            raise ValueError(f"not rows of {name}")
        # Rows of unequal lengths raise ValueError here: their length is then the columns'.
        columns = list(zip(*rows, strict=True))
        if len(columns) != width:
            raise ValueError(f"not rows of {name}")
        # Counted, not made a set: each row's copy of the name is a string of its own,
        # whose hash a set would compute.
        if columns[0].count(name) != len(rows):
            raise ValueError(f"not rows of {name}")
        out: list[Sequence[Any]] = []
        for build, table, one, column in zip(builds, tables, shared, columns[1:],
                                             strict=True):
            if one:  # each id the first object of its text (a C loop)
                out.append(list(map(_ONE.setdefault, column, column)))
            elif table is not None:
                out.append(list(map(table.__getitem__, column)))
            elif build is not None:
                out.append([build(v) for v in column])
            else:
                out.append(column)
        made: tuple[Any, ...] = records(kind, *out)
        _BUILT[id(made)] = (made, out)
        return made

    return many


def _enum_table(hint: Any) -> dict[Any, Any] | None:
    """An enum's members by value (None for any other type)."""
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint._value2member_map_
    return None
