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
from itertools import compress, count, repeat
from operator import eq

from game.engine import searches
from game.engine.index import ScenarioIndex
from game.engine.model import UnitKind
from game.engine.observe import Observation
from game.engine.paths import road_columns
from game.engine.record import record
from game.engine.searches import costs_and_back
from game.engine.state import GameState, UnitState

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


def find_front(state: GameState, ix: ScenarioIndex, obs: Observation) -> Front | None:
    """The front on what `obs` shows (the same as `front_of` on its state)."""
    depots = tuple(pos for pos, view in enumerate(obs.places) if view.depot_range_km is not None)
    return _front(ix, tuple(p.side for p in obs.places), tuple(r.destroyed for r in obs.roads),
                  _main_body(ix, obs.units), depots)


def front_of(state: GameState, ix: ScenarioIndex, sides: tuple[str, ...],
             destroyed: tuple[bool, ...]) -> Front | None:
    """The front on the player's knowledge of `state`: who holds each place (`sides`),
    the destroyed roads, the army and the depots, all of which `observe` shows."""
    depots = tuple(sorted({ix.place_pos[d.place] for d in state.depots}))
    return _front(ix, sides, destroyed, _main_body(ix, state.units), depots)


def _main_body(ix: ScenarioIndex, units: tuple[UnitState, ...]) -> int | None:
    """The held place with the most combat strength (the lower position at a tie)."""
    strength: dict[int, int] = {}
    for unit in units:
        if unit.kind in COMBAT:
            pos = ix.place_pos[unit.at]
            strength[pos] = strength.get(pos, 0) + unit.strength
    if not strength:
        return None
    return max(strength, key=lambda pos: (strength[pos], -pos))


def _front(ix: ScenarioIndex, sides: tuple[str, ...], destroyed: tuple[bool, ...],
           main: int | None, depots: tuple[int, ...]) -> Front | None:
    """The front, remembered on a small map by all it depends on: who holds each place,
    the roads destroyed, where the main body stands and the depots' places."""
    return searches.answer(
        ix, lambda: ("front", id(ix), sides, destroyed, main, depots),
        lambda: _find_front(ix, sides, destroyed, main, depots))


def _find_front(ix: ScenarioIndex, sides: tuple[str, ...], destroyed: tuple[bool, ...],
                main: int | None, depots: tuple[int, ...]) -> Front | None:
    mine = ix.player
    # By C loops over the map (a large one's places and roads): whose each place is, ...
    held_by_pos = tuple(map(eq, sides, repeat(mine)))
    held = list(compress(count(), held_by_pos))
    # ... and each road's km, a destroyed bridge's detour included (the few of them).
    cost: list[float | None] = list(map(float, road_columns(ix)[0]))
    for road in compress(count(), destroyed):
        cost[road] = ix.roads[road].km + BRIDGE_DETOUR_KM
    anywhere = [True] * len(sides)
    wanted = {pos for pos, _ in ix.objectives if sides[pos] != mine}
    dist, back = _settled(ix, held, anywhere, cost, wanted)
    goals = [pos for pos, _ in ix.objectives if sides[pos] != mine and pos in dist]
    if not goals:
        return None
    cut_off = searches.cut_off(ix, sides, destroyed)
    axis = _axis(ix, sides, main, anywhere, cost)
    pool = [g for g in goals if g in axis or cut_off[g]] or goals
    goal = min(pool, key=lambda g: (dist[g], g))
    chain = _chain(back, goal)
    first_enemy = next(i for i, p in enumerate(chain) if sides[p] != mine)
    staging, target = chain[first_enemy - 1], chain[first_enemy]
    road = back[target][1]
    sources = [i for i in held if ix.places[i].supply_source or i in depots]
    way, way_roads = held_path(ix, held_by_pos, destroyed, sources, staging)
    return Front(goal, target, staging, road, destroyed[road], tuple(way), tuple(way_roads))


def _axis(ix: ScenarioIndex, sides: tuple[str, ...], main: int | None,
          anywhere: list[bool], cost: list[float | None]) -> set[int]:
    """The places on the shortest way from where the main body of the army stands (the
    held place with the most combat strength) to the nearest crossing the enemy holds
    (empty without one)."""
    if main is None:
        return set()
    theirs = {c for c in ix.crossings if sides[c] != ix.player}
    if not theirs:
        return set()  # no search: there is nothing to find
    dist, back = _settled(ix, [main], anywhere, cost, theirs, first=True)
    crossings = [c for c in theirs if c in dist]
    if not crossings:
        return set()
    return set(_chain(back, min(crossings, key=lambda c: (dist[c], c))))


def _settled(ix: ScenarioIndex, starts: list[int], anywhere: list[bool],
             cost: list[float | None], wanted: set[int], first: bool = False
             ) -> tuple[dict[int, float], dict[int, tuple[int, int]]]:
    """`searches.costs_and_back`'s costs and back pointers, as far as the front reads
    them: on a large map the search stops once every `wanted` place is settled (with
    `first`, the first of them: places settle cheapest first, at equal cost the lower
    position first, so that is the nearest). A place's cost and back pointer never
    change once it is settled, and every place on its way back settled before it."""
    if searches.small(ix):
        return costs_and_back(ix, starts, anywhere, cost)
    adjacency = ix.adjacency
    heap = [(0.0, s) for s in starts]
    heapq.heapify(heap)
    best = {s: 0.0 for s in starts}
    done: dict[int, float] = {}
    back: dict[int, tuple[int, int]] = {}
    left = set(wanted)
    pop, push, inf = heapq.heappop, heapq.heappush, float("inf")
    while heap and left:
        d, pos = pop(heap)
        if pos in done:
            continue
        done[pos] = d
        for road, other in adjacency[pos]:
            if other in done:
                continue
            c = cost[road]
            if c is None:
                continue
            far = d + c
            if far < best.get(other, inf):
                best[other] = far
                back[other] = (pos, road)
                push(heap, (far, other))
        if pos in left:
            left.discard(pos)
            if first:
                break
    return done, back


def _chain(back: dict[int, tuple[int, int]], goal: int) -> list[int]:
    """The places from a held place to `goal`, by the search's back pointers."""
    chain = [goal]
    while chain[-1] in back:
        chain.append(back[chain[-1]][0])
    chain.reverse()
    return chain


def held_path(ix: ScenarioIndex, held: tuple[bool, ...], destroyed: tuple[bool, ...],
              starts: list[int], goal: int) -> tuple[list[int], list[int]]:
    """The way from the nearest of `starts` to `goal` over held places ([goal] if none),
    on which places are held and which roads destroyed.

    Not `paths.km_from`: a place's `back` here is the last held neighbour settled
    before it, which is not always the nearest. The lists are shared: read them only.
    """
    return searches.answer(
        ix, lambda: ("held path", id(ix), tuple(starts), goal, held, destroyed),
        lambda: _held_path(ix, held, destroyed, starts, goal))


def _held_path(ix: ScenarioIndex, held: tuple[bool, ...], destroyed: tuple[bool, ...],
               starts: list[int], goal: int) -> tuple[list[int], list[int]]:
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
            if destroyed[road] or other in dist or not held[other]:
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
