"""Whether a scenario model read back from elsewhere than its YAML is one the checker passes.

The scenario cache keeps checked scenarios as JSON; a cache file may be damaged,
edited or written by someone else, and a model built from it never went
through the YAML checks. `model_problem(scenario)` holds it to the same
bounds, read from the format itself (`game.data.format`: each field's range,
choices, id and text lengths), and to the references the engine relies on
(two sides, one of them the player's; ids unique; every road, unit, objective
and event pointing at what exists; every objective reachable by an open road).
A model that fails any of it is a cache miss: the YAML is checked instead.

Types are the decoder's (`game.data.scenario_cache`): it builds only the model's
own classes, each field of its annotated type.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterator
from dataclasses import fields, is_dataclass
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
)


class _Wrong(Exception):
    pass


def _sections() -> dict[type, Section]:
    return {
        Scenario: scenario_section(), SideSpec: SIDE, Place: PLACE, Road: ROAD, UnitSpec: UNIT,
        AirAsset: AIR, SupplyRules: SUPPLY, Rules: rules_section(), Objective: OBJECTIVE,
        Reinforcements: EVENT, Message: EVENT, Weather: EVENT,
        SortiesChange: Section("sorties", (*EVENT.fields, *SORTIES.fields)),
        GarrisonChange: Section("garrison", (*EVENT.fields, *GARRISON.fields)),
    }


# Model fields named otherwise in the format: (class, model name) -> format name.
_RENAMED = {(SortiesChange, "sorties"): "count", (Weather, "kind"): "weather"}


def model_problem(scenario: Scenario) -> str | None:
    """The first thing the checker would refuse in `scenario`, or None when it passes."""
    try:
        sections = _sections()
        for item in _records(scenario):
            _bounds(item, sections.get(type(item)))
        _references(scenario)
    except _Wrong as wrong:
        return str(wrong)
    return None


def _records(value: Any) -> Iterator[Any]:
    """Every record in the model, the scenario first."""
    if is_dataclass(value) and not isinstance(value, type):
        yield value
        for field in fields(value):
            yield from _records(getattr(value, field.name))
    elif isinstance(value, tuple):
        for item in value:
            yield from _records(item)


def _bounds(item: Any, section: Section | None) -> None:
    if section is None:
        return
    kind = type(item).__name__
    for field in fields(item):
        spec = section.field(_RENAMED.get((type(item), field.name), field.name))
        value = getattr(item, field.name)
        if spec is not None and value is not None:
            _bound(value, spec, f"{kind}.{field.name}")


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
    for asset in s.air:
        _known(asset.side, sides, "side")
    for event in s.events:
        if event.day > s.days:
            raise _Wrong("an event beyond the day limit")
        if isinstance(event, SortiesChange):
            _known(event.asset, air, "air asset")
        if isinstance(event, GarrisonChange):
            _known(event.place, places, "place")
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
    targets = [o.place for o in s.objectives] + [p.id for p in s.places if p.objective]
    if any(target not in reach for target in targets):
        raise _Wrong("an objective no open road reaches")
