"""Whether a scenario model read back from elsewhere than its YAML is one the checker passes.

The scenario cache keeps checked scenarios as JSON; a cache file may be damaged,
edited or written by someone else, and a model built from it never went
through the YAML checks. `model_problem(scenario)` holds it to the model's own
types (each field as annotated: a float finite, text that UTF-8 can write, a
record of its class), to the same bounds as the checker, read from the format
itself (`game.data.format`: each field's range, choices, id and text lengths),
and to the references the engine relies on (two sides, one of them the
player's; ids unique; every road, unit, objective and event pointing at what
exists; every objective reachable by an open road). A model that fails any of
it is a cache miss: the YAML is checked instead.

Each class's checks are worked out once, on first use, so a start pays for
one walk over the model (a fraction of a millisecond for the default campaign).
"""

from __future__ import annotations

import datetime as dt
import math
import types
import typing
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, is_dataclass
from enum import Enum
from itertools import compress, count, repeat
from operator import attrgetter, countOf, eq, not_
from typing import Any

from game.data.format import (
    AIR,
    EVENT,
    GARRISON,
    OBJECTIVE,
    PLACE,
    ROAD,
    SIDE,
    SIDES,
    SORTIES,
    SUPPLY,
    UNIT,
    Field,
    Section,
    rules_section,
    scenario_section,
)
from game.data.limits import MAX_ID_CHARS, MAX_TEXT_CHARS
from game.data.scenario_codec import annotation
from game.engine.index import index_of
from game.engine.model import (
    AirAsset,
    GarrisonChange,
    Message,
    Objective,
    Place,
    Reinforcements,
    Road,
    Rules,
    Scenario,
    SideSpec,
    SortiesChange,
    SupplyRules,
    UnitSpec,
    Weather,
    Withdrawal,
)


class _Wrong(Exception):
    pass


def model_problem(scenario: Scenario, columns: Built | None = None) -> str | None:
    """The first thing the checker would refuse in `scenario`, or None when it passes.
    `columns`: tuples of records of it with the columns of values they were built from
    (`scenario_codec.decode_columns`), by the tuple's identity, read instead of the
    records' fields."""
    _GIVEN.update(columns or {})
    try:
        if type(scenario) is not Scenario:
            raise _Wrong("not a scenario")
        _walk(scenario)
        _references(scenario)
    except _Wrong as wrong:
        return str(wrong)
    finally:
        _GIVEN.clear()
    return None


Built = Mapping[int, tuple[tuple[Any, ...], Sequence[Sequence[Any]]]]
_GIVEN: dict[int, tuple[tuple[Any, ...], Sequence[Sequence[Any]]]] = {}


# --- types and bounds, field by field ------------------------------------------------------

Check = Callable[[Any], None]
ColumnCheck = Callable[[Sequence[Any]], None]
_PLANS: dict[type, tuple[tuple[str, Check], ...]] = {}
_COLUMNS: dict[type, tuple[tuple[Callable[[Any], Any], ColumnCheck], ...]] = {}
_SECTIONS: dict[type, Section] = {}
# Model fields named otherwise in the format: (class, model name) -> format name.
_RENAMED = {(SortiesChange, "sorties"): "count", (Weather, "kind"): "weather"}


def _walk(item: Any) -> None:
    """Check a record's fields (their types, then the format's bounds), records within too."""
    plan = _PLANS.get(type(item)) or _plan(type(item))
    for name, check in plan:
        check(getattr(item, name))


def _plan(kind: type) -> tuple[tuple[str, Check], ...]:
    if not _SECTIONS:
        top = scenario_section()
        # The rules' section it holds: rules_section() again would build its 88 fields twice.
        held = top.field("rules")
        rules = held.section if held is not None and held.section is not None else rules_section()
        _SECTIONS.update({
            Scenario: top, SideSpec: SIDE, Place: PLACE, Road: ROAD,
            UnitSpec: UNIT, AirAsset: AIR, SupplyRules: SUPPLY, Rules: rules,
            Objective: OBJECTIVE, Reinforcements: EVENT, Message: EVENT, Weather: EVENT,
            Withdrawal: EVENT,
            SortiesChange: Section("sorties", (*EVENT.fields, *SORTIES.fields)),
            GarrisonChange: Section("garrison", (*EVENT.fields, *GARRISON.fields)),
        })
    section = _SECTIONS.get(kind)
    plan = []
    columns: list[tuple[Callable[[Any], Any], ColumnCheck]] = []
    for field in fields(kind):
        hint = field.type
        try:  # `from __future__ import annotations`: the text of it, evaluated once
            hint = annotation(hint)
        except Exception:  # a name the model only imports for type checkers
            raise _Wrong(f"no check for {kind.__name__}.{field.name}") from None
        spec = section.field(_RENAMED.get((kind, field.name), field.name)) if section else None
        where = f"{kind.__name__}.{field.name}"
        check = _field_check(_typed(hint), spec, where)
        plan.append((field.name, check))
        columns.append((attrgetter(field.name), _column_check(hint, spec, where, check)))
    _PLANS[kind] = tuple(plan)
    _COLUMNS[kind] = tuple(columns)
    return _PLANS[kind]


def _rows(kind: type, records: tuple[Any, ...]) -> None:
    """Check a tuple of records of one class field by field, each field's column at once."""
    if countOf(map(type, records), kind) != len(records):
        raise _Wrong(f"not a {kind.__name__}")
    if kind not in _COLUMNS:
        _plan(kind)
    given = _given(records)
    if given is not None:
        for (_, check), column in zip(_COLUMNS[kind], given, strict=True):
            check(column)
        return
    for get, check in _COLUMNS[kind]:
        check(list(map(get, records)))


def _column_check(hint: Any, spec: Field | None, where: str, check: Check) -> ColumnCheck:
    """The field's check over a column of values: in C loops for plain text, numbers,
    flags and enums (the same types and bounds as `check`'s), else `check` on each."""
    kind = spec.type if spec is not None else ""
    numeric = kind in ("int", "number")
    simple = hint in (str, int, float, bool) or (isinstance(hint, type) and issubclass(hint, Enum))
    if not simple or kind == "date" or (numeric and hint not in (int, float)) or (
            kind in ("id", "text") and hint is not str):
        def each(column: Sequence[Any]) -> None:
            for value in column:
                check(value)

        return each

    def at_once(column: Sequence[Any]) -> None:
        if not column:
            return
        # Each value's type counted (no set of them made: a set hashed each type again).
        if countOf(map(type, column), hint) != len(column):
            raise _Wrong(f"{where}: not a {hint.__name__}")
        # A sum of floats is finite only when each is (an infinity or a NaN stays in it):
        # one C loop of additions (one that overflows only makes the entry a miss).
        if hint is float and not math.isfinite(sum(column)):
            raise _Wrong(f"{where}: not a finite number")
        if hint is str and not "".join(column).isascii():  # all text at once
            for value in column:
                _text(value)
        if spec is None:
            return
        if numeric:
            low, high, above = spec.minimum, spec.maximum, spec.above
            least, most = min(column), max(column)
            if ((low is not None and least < low) or (high is not None and most > high)
                    or (above is not None and least <= above)):
                raise _Wrong(f"{where} is out of range")
        elif kind == "choice":
            for value in set(column):
                _bound(value, spec, where)
        elif kind in ("id", "text"):
            if kind == "id" and not all(map(str.strip, column)):
                raise _Wrong(f"{where} is not an id")
            if max(map(len, column)) > (MAX_ID_CHARS if kind == "id" else MAX_TEXT_CHARS):
                raise _Wrong(f"{where} is too long")

    return at_once


def _field_check(typed: Check, spec: Field | None, where: str) -> Check:
    """The type check, followed by the format's bound when it has one worth checking."""
    bounded = spec is not None and (spec.type in ("id", "text", "choice", "date") or (
        spec.type in ("int", "number")
        and (spec.minimum, spec.maximum, spec.above) != (None, None, None)))
    if not bounded:
        return typed
    assert spec is not None

    def check(value: Any) -> None:
        typed(value)
        if value is not None:
            _bound(value, spec, where)

    return check


def _typed(hint: Any) -> Check:
    """A check that a value is of the annotated type (raising _Wrong), made once per hint
    (a check is the hint's alone: the model's fields share a few dozen)."""
    made = _TYPED.get(hint)
    if made is None:
        made = _TYPED[hint] = _make_typed(hint)
    return made


_TYPED: dict[Any, Check] = {}


def _make_typed(hint: Any) -> Check:
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            kind = args[0]
            if isinstance(kind, type) and is_dataclass(kind):
                def rows(value: Any) -> None:
                    if type(value) is not tuple:
                        raise _Wrong(f"not a tuple: {type(value).__name__}")
                    if value:
                        _rows(kind, value)

                return rows
            item = _typed(args[0])

            def each(value: Any) -> None:
                if type(value) is not tuple:
                    raise _Wrong(f"not a tuple: {type(value).__name__}")
                for inner in value:
                    item(inner)

            return each
        items = [_typed(arg) for arg in args]

        def fixed(value: Any) -> None:
            if type(value) is not tuple or len(value) != len(items):
                raise _Wrong("not a tuple of its length")
            for check, inner in zip(items, value, strict=True):
                check(inner)

        return fixed
    if origin is typing.Union or origin is types.UnionType:
        choices = [_typed(arg) for arg in typing.get_args(hint)]

        def either(value: Any) -> None:
            for check in choices:
                try:
                    check(value)
                except _Wrong:
                    continue
                return
            raise _Wrong(f"not one of {hint}")

        return either
    if hint is type(None):
        return _none
    if hint is float:
        return _finite
    if hint is str:
        return _text
    if isinstance(hint, type) and is_dataclass(hint):
        def a_record(value: Any) -> None:
            if type(value) is not hint:
                raise _Wrong(f"not a {hint.__name__}")
            _walk(value)

        return a_record
    if hint in (int, bool) or (isinstance(hint, type) and issubclass(hint, Enum)):
        def exactly(value: Any) -> None:
            if type(value) is not hint:
                raise _Wrong(f"not a {hint.__name__}")

        return exactly
    raise _Wrong(f"no check for {hint}")  # a new kind of field: a miss until it has one


def _none(value: Any) -> None:
    if value is not None:
        raise _Wrong("not None")


def _finite(value: Any) -> None:
    if type(value) is not float or not math.isfinite(value):
        raise _Wrong("not a finite number")


def _text(value: Any) -> None:
    if type(value) is not str:
        raise _Wrong("not text")
    if not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, from a \ud800 escape
            raise _Wrong("not text UTF-8 can write") from None


def _bound(value: Any, spec: Field, where: str) -> None:
    if spec.type in ("int", "number") and not isinstance(value, bool):
        low, high, above = spec.minimum, spec.maximum, spec.above
        if ((low is not None and value < low) or (high is not None and value > high)
                or (above is not None and value <= above)):
            raise _Wrong(f"{where} {value} is out of range")
    elif spec.type == "id" and not (isinstance(value, str) and value.strip()
                                    and len(value) <= MAX_ID_CHARS):
        raise _Wrong(f"{where} is not an id")
    elif spec.type == "text" and not (isinstance(value, str) and len(value) <= MAX_TEXT_CHARS):
        raise _Wrong(f"{where} is too long")
    elif spec.type == "choice" and isinstance(value, str) and value not in spec.choices:
        raise _Wrong(f"{where} is not one of {', '.join(spec.choices)}")
    elif spec.type == "date":
        try:
            dt.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise _Wrong(f"{where} is not a date") from None
        if len(value) != len("2017-09-19"):
            raise _Wrong(f"{where} is not a date")


def _unique(ids: Sequence[str], what: str) -> set[str]:
    seen = set(ids)
    if len(seen) != len(ids):
        raise _Wrong(f"duplicate {what} id")
    return seen


def _known(ident: str, known: set[str], what: str) -> None:
    if ident not in known:
        raise _Wrong(f"unknown {what}")


def _references(s: Scenario) -> None:
    if len(s.sides) != SIDES or sum(side.player for side in s.sides) != 1:
        raise _Wrong("not two sides with one player")
    sides = _unique([side.id for side in s.sides], "side")
    place_ids = _field(s.places, "id")
    places = _unique(place_ids, "place")
    _unique(_field(s.roads, "id"), "road")
    reinforcements = [unit for event in s.events if isinstance(event, Reinforcements)
                      for unit in event.units]
    _unique([u.id for u in (*s.units, *reinforcements)] + [a.id for a in s.air], "owner")
    # Column by column (C loops over the map's places and roads).
    holder = dict(zip(place_ids, _field(s.places, "side"), strict=True))
    if not sides.issuperset(holder.values()):  # no set made of a map's worth of values
        raise _Wrong("unknown side")
    ends_a, ends_b = _field(s.roads, "a"), _field(s.roads, "b")
    if not (places.issuperset(ends_a) and places.issuperset(ends_b)):
        raise _Wrong("unknown place")
    if any(map(eq, ends_a, ends_b)):
        raise _Wrong("a road to itself")
    for unit in (*s.units, *reinforcements):
        _known(unit.side, sides, "side")
        _known(unit.at, places, "place")
    for unit in s.units:
        if holder[unit.at] != unit.side:
            raise _Wrong("a unit starts where the other side holds")
    air = {asset.id for asset in s.air}
    player = next(side.id for side in s.sides if side.player)
    players_units = {u.id for u in (*s.units, *reinforcements) if u.side == player}
    for asset in s.air:
        _known(asset.side, sides, "side")
    for event in s.events:
        if event.day > s.days:
            raise _Wrong("an event beyond the day limit")
        if isinstance(event, SortiesChange):
            _known(event.asset, air, "air asset")
        if isinstance(event, GarrisonChange):
            _known(event.place, places, "place")
        if isinstance(event, Withdrawal):
            if not event.units:
                raise _Wrong("a withdrawal of no unit")
            for ident in event.units:
                _known(ident, players_units, "unit of the player's")
    for objective in s.objectives:
        _known(objective.place, places, "place")
        if objective.by_day is not None and objective.by_day > s.days:
            raise _Wrong("an objective beyond the day limit")
    if any(not (-90 <= lat <= 90 and -180 <= lon <= 180) for lat, lon in s.river):
        raise _Wrong("a river point outside the earth")
    _reachable_objectives(s)


def _reachable_objectives(s: Scenario) -> None:
    """Every objective reached by open roads from the player's places (the engine's index
    of the scenario, which a game of it builds anyway, gives the roads at each place)."""
    ix = index_of(s)
    open_roads = list(map(not_, _field(s.roads, "destroyed")))
    targets = {ix.place_pos[o.place] for o in s.objectives}  # a place's flag is folded in
    reach = bytearray(len(s.places))
    queue = list(compress(count(), map(eq, _field(s.places, "side"), repeat(ix.player))))
    for place in queue:
        reach[place] = 1
    targets.difference_update(queue)
    adjacency = ix.adjacency
    for place in queue:  # grows as it goes: a search by breadth
        if not targets:
            return
        for road, other in adjacency[place]:
            if not reach[other] and open_roads[road]:
                reach[other] = 1
                targets.discard(other)
                queue.append(other)
    if targets:
        raise _Wrong("an objective no open road reaches")


def _given(records: tuple[Any, ...]) -> Sequence[Sequence[Any]] | None:
    """The columns `records` were built from, field by field, when the builder gave them
    (the records hold their very values), else None."""
    given = _GIVEN.get(id(records))
    return given[1] if given is not None and given[0] is records else None


def _field(records: tuple[Any, ...], name: str) -> Sequence[Any]:
    """A field's values over a tuple of records of one class: the column they were built
    from when given, else read from each record."""
    given = _given(records)
    if given is not None and records:
        return given[[f.name for f in fields(type(records[0]))].index(name)]
    return list(map(attrgetter(name), records))
