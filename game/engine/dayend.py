"""The end of a day, after the plan's last line: the enemy's night, each unit's
fatigue, rest, supply and attrition, the day's record, and the verdict.

`apply_plan` hands over what the day's execution gathered for the night: the
watches set, the places under air cover, the hours each unit worked and the
units that rested.
"""

from __future__ import annotations

import math

from game.engine import columns, enemy
from game.engine.events import (
    Attrition,
    Event,
    GameOver,
    SuppliesShort,
    SupplyStatus,
    UnitDestroyed,
)
from game.engine.record import record
from game.engine.state import Cause, GameState, Outcome
from game.engine.supply import upkeep_loads
from game.engine.traps import night_in_trapped_towns
from game.engine.world import World

NIGHT = 24.0


def watched_roads(w: World, watches: list[tuple[str, str]]) -> set[int]:
    """Roads a unit watches tonight: it set a watch and still stands there."""
    ix = w.ix
    roads: set[int] = set()
    for unit_id, target in watches:
        unit = w.units.get(unit_id)
        if unit is None:
            continue
        here = ix.place_pos[unit.at]
        road = ix.road_pos.get(target)
        if road is not None:
            if here in ix.ends(road):
                roads.add(road)
        elif ix.place_pos[target] == here:
            roads.update(r for r, _ in ix.adjacency[here])
    return roads


def end_day(state: GameState, w: World, watches: list[tuple[str, str]], covered: set[int],
            worked: dict[str, float], rested: set[str],
            bridgers: list[tuple[str, int]]) -> tuple[GameState, tuple[Event, ...]]:
    """The night, supply and the verdict; returns the next state and the day's events."""
    rules = w.rules
    # The board's columns as the day left them: the same all night and next morning.
    # Most days leave them as the morning's: only a place changing hands (`set_place`
    # counts it) changes a side, and only bridging (its `bridgers`) opens a road.
    # (A comprehension reads a record's field for less than `map` of an attrgetter.)
    sides, destroyed = columns.of(state)
    if w.sides_changed:
        sides = tuple([place.side for place in w.places])
    if bridgers:
        destroyed = tuple([road.destroyed for road in w.roads])
    enemy.night(w, watched_roads(w, watches), covered, bridgers, sides, destroyed)
    night_in_trapped_towns(w, NIGHT)
    w.trace(sides, destroyed)
    fed = feed(w)
    out: list[str] = []
    for unit in list(w.units.values()):
        readiness = unit.readiness - int(worked.get(unit.id, 0.0)
                                         * rules.fatigue_per_hour)
        supplied = unit.id in fed
        days_out = 0 if supplied else unit.days_out_of_supply + 1
        strength = unit.strength
        if supplied:
            readiness += rules.supply_recovery
        else:
            out.append(unit.id)
        if unit.id in rested:
            readiness += rules.rest_readiness
        if days_out >= 3 and strength > 0:
            lost = min(strength, max(1, math.ceil(strength * rules.attrition_percent / 100)))
            strength -= lost
            w.count_losses(lost, Cause.ATTRITION)
            w.events.append(Attrition(w.day, 24.0, unit.id, lost))
        readiness = max(0, min(100, readiness))
        if (readiness != unit.readiness or strength != unit.strength
                or days_out != unit.days_out_of_supply):  # most nights change no one
            w.set_unit(unit, readiness=readiness, strength=strength,
                       days_out_of_supply=days_out)
    for unit in list(w.units.values()):
        if unit.strength <= 0:
            del w.units[unit.id]
            w.events.append(UnitDestroyed(w.day, 24.0, unit.id))
    w.events.append(SupplyStatus(w.day, 24.0, sum(w.supplied), tuple(out)))
    record = (*state.record, w.day_record(sides))
    verdict = judge(w, w.day)
    outcome = verdict.outcome
    if outcome != Outcome.ONGOING:
        w.events.append(GameOver(w.day, 24.0, outcome.value, verdict.reason, verdict.place,
                                 verdict.by_day))
        over = w.freeze(w.day, record, outcome, ())
        columns.keep(over, sides, destroyed)
        return over, tuple(w.events)
    day_events = len(w.events)
    w.day += 1
    w.start_day()  # changes no side and cuts no road
    news = tuple(w.events[day_events:])
    morning = w.freeze(w.day, record, outcome, news)
    columns.keep(morning, sides, destroyed)
    return morning, tuple(w.events)


@record
class Verdict:
    """The end-of-day verdict: the outcome, and for a finished game why."""

    outcome: Outcome
    reason: str = ""  # see `GameOver.reason`
    place: str | None = None
    by_day: int | None = None


def feed(w: World) -> set[str]:
    """The units in supply tonight: each unit a depot supplies eats its upkeep from it
    (`supply.upkeep_loads`), in the order units arrived; those it can no longer feed go
    without (as if out of supply: no recovery, and in time no assault and attrition)."""
    fed: set[str] = set()
    place_pos, supplied, rules = w.ix.place_pos, w.supplied, w.rules
    for unit in w.units.values():
        pos = place_pos[unit.at]
        if not supplied[pos]:
            continue
        need = upkeep_loads(rules, unit.strength)
        if w.draw_loads(pos, need):
            fed.add(unit.id)
        else:
            w.events.append(SuppliesShort(w.day, NIGHT, unit.id, unit.at, need))
    return fed


def judge(w: World, day: int) -> Verdict:
    """Victory when every objective is held; defeat at a missed `by_day` or the day limit."""
    player = w.ix.player
    missing: int | None = None
    for pos, by_day in w.ix.objectives:
        if w.places[pos].side == player:
            continue
        if by_day is not None and by_day <= day:
            return Verdict(Outcome.DEFEAT, "deadline", w.ix.places[pos].id, by_day)
        if missing is None:
            missing = pos
    if missing is None and w.ix.objectives:
        return Verdict(Outcome.VICTORY, "objectives-held")
    if day >= w.scenario.days:
        place = w.ix.places[missing].id if missing is not None else None
        return Verdict(Outcome.DEFEAT, "day-limit", place)
    return Verdict(Outcome.ONGOING)
