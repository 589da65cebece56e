"""The scenario cache's encoding: the scenario's canonical form, floats kept exact.

A record is the list of its class's name and its fields in order, an enum its value,
a tuple a list: the form `game.engine.index.canonical_json` writes for the scenario's
digest, except that floats are written as they are rather than rounded to six
decimals. When every float of a scenario has at most six decimals (what a scenario
file holds), the two are the same text, so the entry's own checksum, which the cache
checks anyway, is the scenario's digest: a restore need not write the whole scenario
again to fingerprint its first day.

The text is not encoded again to compare (a quarter of the decoding): an entry this
code wrote is that form whenever its floats are, and the checksum of any other text
(one edited by hand, its checksum forged to match) is the digest of no scenario at
all, since the canonical form of a scenario decodes back to one of the same form:
every fingerprint taken with it differs from those of a save, whose replay is then
refused on its first day, as an entry forged to hold another scenario is already.

Decoding is directed by the model's annotations and builds only the model's own
classes; a long tuple of records (places, roads) is built column by column, each
enum column through its members' table, in C loops. The values' types and bounds
are `model_check`'s to check, as before: a wrong shape here raises ValueError,
TypeError, KeyError or IndexError (a miss).
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import fields, is_dataclass
from enum import Enum
from itertools import repeat
from operator import eq
from typing import Any

from game.engine import model
from game.engine.collect import collection_paused
from game.engine.model import Scenario

# json.dumps(value, separators=(",", ":"), ensure_ascii=True): canonical_json's encoder.
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode


class Decoded:
    """A decoded scenario, and whether its entry's checksum is its digest (its floats
    have at most six decimals, so the text this code writes is its canonical form)."""

    def __init__(self, scenario: Scenario, canonical: bool) -> None:
        self.scenario, self.canonical = scenario, canonical


def encode(scenario: Scenario) -> str:
    return _ENCODE(_exact(scenario))


def decode(text: str) -> Decoded:
    """The scenario back from `encode`'s text (see the module's docstring)."""
    # The collector is held off: every list and record made here outlives the loop that
    # makes it (until the lists are dropped at the end), so its passes would free nothing.
    with collection_paused():
        raw = json.loads(text, parse_constant=_no_constant)
        exact = [True]  # cleared by a float that six decimals would change
        scenario = _builder(Scenario)(raw, exact)
    if type(scenario) is not Scenario:
        raise TypeError("not a scenario")
    return Decoded(scenario, exact[0])


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

Build = Callable[[Any, list[bool]], Any]
_BUILDERS: dict[object, Build] = {}
_HINTS: dict[str, Any] = {}


def _hint(text: Any) -> Any:
    if not isinstance(text, str):
        return text
    if text not in _HINTS:
        _HINTS[text] = eval(text, vars(model))  # the model's own annotations only
    return _HINTS[text]


def _builder(hint: Any) -> Build:
    found = _BUILDERS.get(hint)
    if found is None:
        found = _BUILDERS[hint] = _make(hint)
    return found


def _same(value: Any, exact: list[bool]) -> Any:
    if type(value) is list or type(value) is dict:
        raise TypeError("a list where a value belongs")
    return value


def _float(value: Any, exact: list[bool]) -> Any:
    if type(value) is float and round(value, 6) != value:
        exact[0] = False
    return _same(value, exact)


def _make(hint: Any) -> Build:
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            item = args[0]
            if isinstance(item, type) and is_dataclass(item):
                return _rows(item)
            each = _builder(item)
            return lambda value, exact: tuple([each(v, exact) for v in _list(value)])
        parts = [_builder(arg) for arg in args]
        return lambda value, exact: tuple([
            build(v, exact) for build, v in zip(parts, _list(value), strict=True)])
    if origin is typing.Union or origin is types.UnionType:
        kinds = {kind.__name__: kind for kind in typing.get_args(hint)
                 if isinstance(kind, type) and is_dataclass(kind)}
        if not kinds:
            return _float if float in typing.get_args(hint) else _same
        return lambda value, exact: _builder(kinds[_list(value)[0]])(value, exact)
    if isinstance(hint, type) and is_dataclass(hint):
        return _record(hint)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return lambda value, exact: hint._value2member_map_[value]
    return _float if hint is float else _same


def _list(value: Any) -> list[Any]:
    if type(value) is not list:
        raise TypeError("not a list")
    return value


def _columns(kind: type) -> tuple[list[Build | None], list[bool]]:
    """Each field's builder (None: taken as it is) and whether it is a float."""
    builds: list[Build | None] = []
    floats: list[bool] = []
    for field in fields(kind):
        build = _builder(_hint(field.type))
        floats.append(build is _float)
        builds.append(None if build is _same or build is _float else build)
    return builds, floats


def _rounded(column: Sequence[Any]) -> bool:
    """Whether every float of the column has at most six decimals."""
    try:
        return all(map(eq, map(round, column, repeat(6)), column))
    except TypeError:  # not only numbers: a None, or a value model_check will refuse
        return all(round(v, 6) == v for v in column if type(v) is float)


def _record(kind: type) -> Build:
    builds, floats = _columns(kind)
    name, width = kind.__name__, len(builds) + 1

    def one(value: Any, exact: list[bool]) -> Any:
        if len(_list(value)) != width or value[0] != name:
            raise ValueError(f"not a {name}")
        args = [_same(v, exact) if build is None else build(v, exact)
                for build, v in zip(builds, value[1:], strict=True)]
        if exact[0] and not _rounded([v for v, is_float in zip(args, floats, strict=True)
                                      if is_float]):
            exact[0] = False
        return kind(*args)

    return one


def _rows(kind: type) -> Build:
    """A tuple of records of one class, built column by column (C loops)."""
    builds, floats = _columns(kind)
    name, width = kind.__name__, len(builds) + 1
    tables = [_enum_table(_hint(field.type)) for field in fields(kind)]

    def many(value: Any, exact: list[bool]) -> Any:
        rows = _list(value)
        if not rows:
            return ()
        if set(map(type, rows)) != {list} or set(map(len, rows)) != {width}:
            raise ValueError(f"not rows of {name}")
        columns = list(zip(*rows, strict=True))
        if set(columns[0]) != {name}:
            raise ValueError(f"not rows of {name}")
        out: list[Sequence[Any]] = []
        for build, is_float, table, column in zip(builds, floats, tables, columns[1:],
                                                  strict=True):
            if table is not None:
                out.append(list(map(table.__getitem__, column)))
            elif build is not None:
                out.append([build(v, exact) for v in column])
            else:  # taken as it is: model_check holds each column to its field's type
                if is_float and exact[0] and not _rounded(column):
                    exact[0] = False
                out.append(column)
        return tuple(map(kind, *out))

    return many


def _enum_table(hint: Any) -> dict[Any, Any] | None:
    """An enum's members by value (None for any other type)."""
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint._value2member_map_
    return None
