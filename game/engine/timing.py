"""How long operations take, and the road an assault crosses: the rules the plan
checker and the day's execution both apply, so that a preview's hours and the
day's hours come from the same arithmetic.
"""

from __future__ import annotations

from game.engine.index import ScenarioIndex
from game.engine.model import AirKind, UnitKind
from game.engine.plan import OpKind
from game.engine.state import AirState, GameState, UnitState


def work_limit(state: GameState, unit: UnitState, kind: OpKind) -> float:
    rules = state.scenario.rules
    if kind == OpKind.REST:
        return rules.rest_day_hours
    return rules.work_hours * unit.readiness / 100.0


def clear_hours_per_level(ix: ScenarioIndex, state: GameState, target: str) -> float:
    rules = state.scenario.rules
    if target in ix.place_pos:
        return rules.clear_place_hours_per_level
    return rules.clear_hours_per_level + rules.clear_hours_per_level_km * ix.roads[
        ix.road_pos[target]].km


def recon_hours(ix: ScenarioIndex, state: GameState, owner: UnitState | AirState,
                target: str) -> float:
    rules = state.scenario.rules
    if isinstance(owner, AirState):
        return rules.drone_recon_hours if owner.kind == AirKind.DRONE else rules.jet_recon_hours
    hours = rules.recon_hours
    if target in ix.road_pos:
        hours += rules.recon_hours_per_km * ix.roads[ix.road_pos[target]].km
    if owner.kind == UnitKind.ADVISERS:
        hours *= rules.adviser_recon_percent / 100.0
    return hours


def assault_road(ix: ScenarioIndex, state: GameState, here: int, goal: int) -> int | None:
    """The road an assault from `here` on `goal` crosses: the first one not destroyed."""
    for road, other in ix.adjacency[here]:
        if other == goal and not state.roads[road].destroyed:
            return road
    return None

