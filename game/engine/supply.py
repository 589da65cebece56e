"""Supply: which places are in supply, and which source or depot supplies each.

Supply starts at every player-held supply source (reach `supply.range_km`) and
depot (its own reach), and flows along roads that are not destroyed and have
no traps, between places the player holds. It reaches a trapped place of the
player's but does not flow on through it. A place is in supply when some
source reaches it with reach to spare (>= 0 km left).

Each place in supply has its **hubs**: the supply source that reaches it if
there is one (sources never run dry), else every depot whose reach arrives
there, the one with the most km to spare first. Work at a place (an assault,
clearing, bridging) and each unit standing there at night draw loads from its
first depot that has them.

One multi-source Dijkstra for the sources and one per depot a night,
O((1 + depots) (V+E) log V), never one per unit.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Sequence
from itertools import compress, count, repeat
from operator import eq, ge, ne
from typing import TYPE_CHECKING

from game.engine.index import ScenarioIndex
from game.engine.memo import last_by_identity
from game.engine.model import Rules

if TYPE_CHECKING:
    from game.engine.state import PlaceState, RoadState

NO_HUB = -1


# Each written out rather than through a shared helper: the doctrine and the night ask
# them some forty times a day, and a call is most of what they cost.
def assault_loads(rules: Rules, strength: int) -> int:
    """Loads an attacker of `strength` draws from its depot: one per assault_men_per_load
    men, rounded up."""
    per_load = rules.assault_men_per_load
    return -(-strength // per_load) if per_load > 0 and strength > 0 else 0


def upkeep_loads(rules: Rules, strength: int) -> int:
    """Loads a unit of `strength` eats a night from the depot that supplies it: one per
    upkeep_men_per_load men, rounded up."""
    per_load = rules.upkeep_men_per_load
    return -(-strength // per_load) if per_load > 0 and strength > 0 else 0


def trace_supply(
    ix: ScenarioIndex,
    sources: Sequence[tuple[int, float]],
    depots: Sequence[tuple[int, float]],
    place_side: Sequence[str],
    place_traps: Sequence[int],
    road_traps: Sequence[int],
    road_destroyed: Sequence[bool],
) -> tuple[list[bool], list[tuple[int, ...]]]:
    """(in supply, hubs) for every place, given (position, reach km) of the supply
    sources and of the depots. A place's hubs are empty when it is out of supply."""
    args = (place_side, place_traps, road_traps, road_destroyed)
    hub, _ = _reach(ix, sources, *args)
    count = len(place_side)
    # Supply reaches the player's ground alone: the places reached are picked out by C
    # loops (compress), and only they are read one by one.
    hubs: list[tuple[int, ...]] = [()] * count
    for pos in compress(range(count), map(ne, hub, repeat(NO_HUB))):
        hubs[pos] = (hub[pos],)
    reached: dict[int, list[tuple[float, int, int]]] = {}
    for order, depot in enumerate(depots):
        _, left = _reach(ix, [depot], *args)
        for pos in compress(range(count), map(ge, left, repeat(0.0))):
            if not hubs[pos]:
                reached.setdefault(pos, []).append((-left[pos], order, depot[0]))
    for pos, found in reached.items():
        hubs[pos] = tuple(depot for _, _, depot in sorted(found))
    return list(map(bool, hubs)), hubs


Traced = tuple[list[bool], list[tuple[int, ...]]]


def ground_trace(ix: ScenarioIndex, sides: tuple[str, ...], destroyed: tuple[bool, ...],
                 places: Sequence[PlaceState], roads: Sequence[RoadState],
                 depots: tuple[tuple[int, float], ...],
                 trace: Callable[[tuple[int, ...], tuple[int, ...]], Traced]) -> Traced:
    """`trace(place_traps, road_traps)`, given the traps it reads: those of the player's
    places and of the roads between two of them, 0 elsewhere. Supply flows only through
    the player's places (`_reach`), so it reads no other: the same trace, from the
    player's ground alone rather than from a whole map's records. And the same again
    for the very columns (`sides`, `destroyed`: the day hands them on while no place
    changes hands and no bridge is laid) with the same depots and traps on that ground,
    as most nights of a game are. Shared: read it only."""
    held, lines = _held_ground(ix, sides)
    # Comprehensions: they read a record's field for less than `map` of an attrgetter (a
    # slot read the interpreter has learnt), at any size.
    held_traps = tuple([places[pos].traps for pos in held])
    line_traps = tuple([roads[road].traps for road in lines])
    key = (depots, held_traps, line_traps)
    last = _TRACED[0]
    if last is not None and last[0] is sides and last[1] is destroyed and last[2] is ix \
            and last[3] == key:
        return last[4]
    place_traps = [0] * len(places)
    road_traps = [0] * len(roads)
    deque(map(place_traps.__setitem__, held, held_traps), 0)
    deque(map(road_traps.__setitem__, lines, line_traps), 0)
    found = trace(tuple(place_traps), tuple(road_traps))
    _TRACED[0] = (sides, destroyed, ix, key, found)  # replaced as one
    return found


# The last trace, with the columns (held, so that their ids are not reused meanwhile),
# the index and the depots and traps it was made from.
_TRACED: list[tuple[tuple[str, ...], tuple[bool, ...], ScenarioIndex,
                    tuple[object, ...], Traced] | None] = [None]


@last_by_identity
def _held_ground(ix: ScenarioIndex, sides: tuple[str, ...]
                 ) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The player's places by `sides`, and the roads between two of them, in order: found
    again only for other sides than the last (the day hands on its very column of sides
    while no place changes hands: `columns`)."""
    player, adjacency = ix.player, ix.adjacency
    held = tuple(compress(count(), map(eq, sides, repeat(player))))
    lines = tuple(sorted({road for pos in held for road, other in adjacency[pos]
                          if sides[other] == player}))
    return held, lines


def _reach(
    ix: ScenarioIndex,
    starts: Sequence[tuple[int, float]],
    place_side: Sequence[str],
    place_traps: Sequence[int],
    road_traps: Sequence[int],
    road_destroyed: Sequence[bool],
) -> tuple[list[int], list[float]]:
    """For each place, the start whose reach arrives with the most km left (NO_HUB: none),
    and the km left (-1 where none arrives). At equal km left, the start listed first wins.
    """
    player = ix.player
    best: list[float] = [-1.0] * len(place_side)
    hub: list[int] = [NO_HUB] * len(place_side)
    heap: list[tuple[float, int, int]] = []
    for order, (pos, reach) in enumerate(starts):
        if place_side[pos] == player and reach > best[pos]:
            best[pos] = reach
            hub[pos] = pos
            heapq.heappush(heap, (-reach, order, pos))
    roads = ix.roads
    adjacency = ix.adjacency
    while heap:
        neg, order, pos = heapq.heappop(heap)
        left = -neg
        if left < best[pos] or place_traps[pos] > 0:
            continue  # stale entry, or a trapped place: supply stops here
        for road, other in adjacency[pos]:
            if road_traps[road] or road_destroyed[road] or place_side[other] != player:
                continue
            rest = left - roads[road].km
            if rest > best[other]:
                best[other] = rest
                hub[other] = hub[pos]
                heapq.heappush(heap, (-rest, order, other))
    return hub, best


def enemy_cut_off(ix: ScenarioIndex, place_side: Sequence[str],
                  road_destroyed: Sequence[bool]) -> list[bool]:
    """For each place: held by the enemy and cut off from every crossing it holds.

    The enemy's lines run from its crossings (to Syria) over roads that are not
    destroyed, through places it holds. A scenario with no crossing has no such
    lines to cut: nothing is cut off there.
    """
    enemy = ix.enemy
    if not ix.crossings:
        return [False] * len(place_side)
    linked = [False] * len(place_side)
    stack = [c for c in ix.crossings if place_side[c] == enemy]
    for c in stack:
        linked[c] = True
    while stack:
        pos = stack.pop()
        for road, other in ix.adjacency[pos]:
            if not linked[other] and not road_destroyed[road] and place_side[other] == enemy:
                linked[other] = True
                stack.append(other)
    return [side == enemy and not link for side, link in zip(place_side, linked, strict=True)]
