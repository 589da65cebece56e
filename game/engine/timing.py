"""How long operations take, and the road an assault crosses: the rules the plan
checker and the day's execution both apply, so that a preview's hours and the
day's hours come from the same arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from game.engine.index import ScenarioIndex
from game.engine.model import DRONE, Rules, UnitKind
from game.engine.plan import REST, OpKind
from game.engine.state import AirState, UnitState


def work_limit(rules: Rules, readiness: int, kind: OpKind) -> float:
    """The hour a ground unit's working day ends, set by its readiness at dawn."""
    if kind == REST:
        return rules.rest_day_hours
    return rules.work_hours * readiness / 100.0


def short_supply_factor(rules: Rules, short: bool) -> float:
    """The share of its usual speed that clearing or bridging goes at."""
    return rules.short_supply_work_percent / 100.0 if short else 1.0


def clear_hours_per_level(ix: ScenarioIndex, rules: Rules, target: str, short: bool) -> float:
    if target in ix.place_pos:
        hours = rules.clear_place_hours_per_level
    else:
        hours = rules.clear_hours_per_level + rules.clear_hours_per_level_km * ix.roads[
            ix.road_pos[target]].km
    factor = short_supply_factor(rules, short)
    return hours / factor if factor > 0 else float("inf")


def banked_hours(rules: Rules, swept: float, short: bool) -> float:
    """A road's banked sweeping (`RoadState.swept`, full-speed hours) as hours of a sweep
    going at today's speed: what its first level needs that much less."""
    factor = short_supply_factor(rules, short)
    return swept / factor if factor > 0 else 0.0


def levels_in(hours: float, per_level: float, banked: float) -> int:
    """Whole trap levels a sweep finishes in `hours`, the road's `banked` hours (at the
    sweep's speed) counted toward the first."""
    return math.floor((hours + banked) / per_level + 1e-9)


def recon_hours(ix: ScenarioIndex, rules: Rules, owner: UnitState | AirState,
                target: str) -> float:
    if isinstance(owner, AirState):
        return rules.drone_recon_hours if owner.kind == DRONE else rules.jet_recon_hours
    hours = rules.recon_hours
    if target in ix.road_pos:
        hours += rules.recon_hours_per_km * ix.roads[ix.road_pos[target]].km
    if owner.kind == UnitKind.ADVISERS:
        hours *= rules.adviser_recon_percent / 100.0
    return hours


def assault_road(ix: ScenarioIndex, here: int, goal: int,
                 road_open: Callable[[int], bool]) -> int | None:
    """The road an assault from `here` on `goal` crosses: the first open one."""
    for road, other in ix.adjacency[here]:
        if other == goal and road_open(road):
            return road
    return None
