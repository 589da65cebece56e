"""Where the doctrine attacks next: the objective it goes for, the enemy place to
take next on the way, the held place to assault it from, and the way up.

The doctrine drives for the border. Its axis is the shortest way from the
main body of its army to the nearest crossing the enemy holds (over a destroyed
bridge too, which its engineers can span, at a cost in km). It goes for the
nearest enemy-held objective on that axis, or cut off from the border; an
objective off the axis whose road to the border is still open is bypassed
until its lines are cut or nothing else is left, as Rawa was in 2017. A
scenario without crossings has no axis: the nearest objective comes first.

It reads only what the player sees (`observe`).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable

from game.engine.index import ScenarioIndex
from game.engine.model import UnitKind
from game.engine.observe import Observation
from game.engine.paths import costs_from
from game.engine.record import record
from game.engine.state import GameState
from game.engine.supply import enemy_cut_off

COMBAT = (UnitKind.ARMY, UnitKind.POLICE, UnitKind.TRIBAL, UnitKind.MILITIA,
          UnitKind.COUNTER_TERRORISM)
# A destroyed bridge costs the doctrine this many km more than its length: a day
# or two of engineers' work, worth it only where the way round is much longer.
BRIDGE_DETOUR_KM = 60.0


@record
class Front:
    """Where the doctrine attacks next, and the way up to it."""

    objective: int  # the objective it goes for
    target: int  # the enemy place to take next on the way there
    staging: int  # the held place next to it, to assault from
    road: int  # the road between them
    bridge: bool  # that road is a destroyed bridge: engineers must span it first
    way: tuple[int, ...]  # held places from a supply source or depot to the staging place
    way_roads: tuple[int, ...]


# Fronts already found, by all that `find_front` reads of the observation: the same
# map with the same sides and units recurs day after day.
_FRONTS: dict[tuple[object, ...], tuple[ScenarioIndex, Front | None]] = {}


def find_front(state: GameState, ix: ScenarioIndex, obs: Observation) -> Front | None:
    key = (id(ix), ix.player,
           tuple((p.side, p.supply_source, p.depot_range_km is not None) for p in obs.places),
           tuple((r.km, r.destroyed) for r in obs.roads),
           tuple((u.kind, u.at, u.strength) for u in obs.units))
    hit = _FRONTS.get(key)
    if hit is not None and hit[0] is ix:
        return hit[1]
    front = _find_front(ix, obs)
    if len(_FRONTS) >= 4096:
        _FRONTS.clear()
    _FRONTS[key] = (ix, front)
    return front


def _find_front(ix: ScenarioIndex, obs: Observation) -> Front | None:
    mine = ix.player
    held = [i for i, p in enumerate(obs.places) if p.side == mine]
    back: dict[int, tuple[int, int]] = {}

    def cost(road: int) -> float:
        view = obs.roads[road]
        return view.km + (BRIDGE_DETOUR_KM if view.destroyed else 0.0)

    dist = costs_from(ix, held, lambda place: True, cost, back)
    goals = [pos for pos, _ in ix.objectives if obs.places[pos].side != mine and pos in dist]
    if not goals:
        return None
    cut_off = enemy_cut_off(ix, [p.side for p in obs.places], [r.destroyed for r in obs.roads])
    axis = _axis(ix, obs, cost)
    pool = [g for g in goals if g in axis or cut_off[g]] or goals
    goal = min(pool, key=lambda g: (dist[g], g))
    chain = _chain(back, goal)
    first_enemy = next(i for i, p in enumerate(chain) if obs.places[p].side != mine)
    staging, target = chain[first_enemy - 1], chain[first_enemy]
    road = back[target][1]
    sources = [i for i, p in enumerate(obs.places)
               if p.side == mine and (p.supply_source or p.depot_range_km is not None)]
    way, way_roads = held_path(ix, obs, mine, sources, staging)
    return Front(goal, target, staging, road, obs.roads[road].destroyed, tuple(way),
                 tuple(way_roads))


def _axis(ix: ScenarioIndex, obs: Observation, cost: Callable[[int], float]) -> set[int]:
    """The places on the shortest way from where the main body of the army stands (the
    held place with the most combat strength) to the nearest crossing the enemy holds
    (empty without one)."""
    mine = ix.player
    strength: dict[int, int] = {}
    for unit in obs.units:
        if unit.kind in COMBAT:
            pos = ix.place_pos[unit.at]
            strength[pos] = strength.get(pos, 0) + unit.strength
    if not strength:
        return set()
    main = max(strength, key=lambda pos: (strength[pos], -pos))
    back: dict[int, tuple[int, int]] = {}
    dist = costs_from(ix, [main], lambda place: True, cost, back)
    crossings = [c for c in ix.crossings if obs.places[c].side != mine and c in dist]
    if not crossings:
        return set()
    return set(_chain(back, min(crossings, key=lambda c: (dist[c], c))))


def _chain(back: dict[int, tuple[int, int]], goal: int) -> list[int]:
    """The places from a held place to `goal`, by the search's back pointers."""
    chain = [goal]
    while chain[-1] in back:
        chain.append(back[chain[-1]][0])
    chain.reverse()
    return chain


def held_path(ix: ScenarioIndex, obs: Observation, mine: str, starts: list[int],
              goal: int) -> tuple[list[int], list[int]]:
    """The way from the nearest of `starts` to `goal` over held places ([goal] if none).

    Not `paths.km_from`: a place's `back` here is the last held neighbour settled
    before it, which is not always the nearest.
    """
    dist: dict[int, float] = {}
    back: dict[int, tuple[int, int]] = {}
    heap = [(0.0, s) for s in starts]
    heapq.heapify(heap)
    while heap:
        d, pos = heapq.heappop(heap)
        if pos in dist:
            continue
        dist[pos] = d
        if pos == goal:
            break
        for road, other in ix.adjacency[pos]:
            if obs.roads[road].destroyed or other in dist or obs.places[other].side != mine:
                continue
            back.setdefault(other, (pos, road))
            if d + ix.roads[road].km < dist.get(other, float("inf")):
                back[other] = (pos, road) if other not in dist else back[other]
            heapq.heappush(heap, (d + ix.roads[road].km, other))
    if goal not in dist:
        return [goal], []
    places, roads = [goal], []
    while places[-1] in back and places[-1] not in starts:
        prev, road = back[places[-1]]
        places.append(prev)
        roads.append(road)
    places.reverse()
    roads.reverse()
    return places, roads
