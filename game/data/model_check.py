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
from collections import deque
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from enum import Enum
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
from game.engine import model
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


def model_problem(scenario: Scenario) -> str | None:
    """The first thing the checker would refuse in `scenario`, or None when it passes."""
    try:
        if type(scenario) is not Scenario:
            raise _Wrong("not a scenario")
        _walk(scenario)
        _references(scenario)
    except _Wrong as wrong:
        return str(wrong)
    return None


# --- types and bounds, field by field ------------------------------------------------------

Check = Callable[[Any], None]
_PLANS: dict[type, tuple[tuple[str, Check], ...]] = {}
_SECTIONS: dict[type, Section] = {}
_HINTS: dict[str, Any] = {}  # an annotation's text, evaluated once
# Model fields named otherwise in the format: (class, model name) -> format name.
_RENAMED = {(SortiesChange, "sorties"): "count", (Weather, "kind"): "weather"}


def _walk(item: Any) -> None:
    """Check a record's fields (their types, then the format's bounds), records within too."""
    plan = _PLANS.get(type(item)) or _plan(type(item))
    for name, check in plan:
        check(getattr(item, name))


def _plan(kind: type) -> tuple[tuple[str, Check], ...]:
    if not _SECTIONS:
        _SECTIONS.update({
            Scenario: scenario_section(), SideSpec: SIDE, Place: PLACE, Road: ROAD,
            UnitSpec: UNIT, AirAsset: AIR, SupplyRules: SUPPLY, Rules: rules_section(),
            Objective: OBJECTIVE, Reinforcements: EVENT, Message: EVENT, Weather: EVENT,
            Withdrawal: EVENT,
            SortiesChange: Section("sorties", (*EVENT.fields, *SORTIES.fields)),
            GarrisonChange: Section("garrison", (*EVENT.fields, *GARRISON.fields)),
        })
    section = _SECTIONS.get(kind)
    plan = []
    for field in fields(kind):
        hint = field.type
        if isinstance(hint, str):  # `from __future__ import annotations`: the text of it
            if hint not in _HINTS:
                try:
                    _HINTS[hint] = eval(hint, vars(model))  # the model's own annotations only
                except Exception:  # a name the model only imports for type checkers
                    raise _Wrong(f"no check for {kind.__name__}.{field.name}") from None
            hint = _HINTS[hint]
        spec = section.field(_RENAMED.get((kind, field.name), field.name)) if section else None
        plan.append((field.name, _field_check(_typed(hint), spec, f"{kind.__name__}.{field.name}")))
    _PLANS[kind] = tuple(plan)
    return _PLANS[kind]


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
    """A check that a value is of the annotated type (raising _Wrong), made once per hint."""
    origin = typing.get_origin(hint)
    if origin is tuple:
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
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


def _unique(ids: list[str], what: str) -> set[str]:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise _Wrong(f"duplicate {what} id")
        seen.add(ident)
    return seen


def _known(ident: str, known: set[str], what: str) -> None:
    if ident not in known:
        raise _Wrong(f"unknown {what}")


def _references(s: Scenario) -> None:
    if len(s.sides) != SIDES or sum(side.player for side in s.sides) != 1:
        raise _Wrong("not two sides with one player")
    sides = _unique([side.id for side in s.sides], "side")
    places = _unique([place.id for place in s.places], "place")
    _unique([road.id for road in s.roads], "road")
    reinforcements = [unit for event in s.events if isinstance(event, Reinforcements)
                      for unit in event.units]
    _unique([u.id for u in (*s.units, *reinforcements)] + [a.id for a in s.air], "owner")
    holder = {place.id: place.side for place in s.places}
    for place in s.places:
        _known(place.side, sides, "side")
    for road in s.roads:
        _known(road.a, places, "place")
        _known(road.b, places, "place")
        if road.a == road.b:
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
    player = next(side.id for side in s.sides if side.player)
    roads: dict[str, list[str]] = {place.id: [] for place in s.places}
    for road in s.roads:
        if not road.destroyed:
            roads[road.a].append(road.b)
            roads[road.b].append(road.a)
    reach = {place.id for place in s.places if place.side == player}
    queue = deque(reach)
    while queue:
        for nxt in roads[queue.popleft()]:
            if nxt not in reach:
                reach.add(nxt)
                queue.append(nxt)
    targets = [o.place for o in s.objectives]  # the one list (a place's flag is folded in)
    if any(target not in reach for target in targets):
        raise _Wrong("an objective no open road reaches")
