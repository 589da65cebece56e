"""Supply: one multi-source Dijkstra a day, O((V+E) log V), not one per unit.

Supply starts at every player-held supply source (reach `supply.range_km`) and
depot (its own reach), and flows along roads that are not destroyed and have
no traps, between places the player holds. It reaches a trapped place of the
player's but does not flow on through it. A place is in supply when some
source reaches it with reach to spare (>= 0 km left).
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from game.engine.index import ScenarioIndex


def trace_supply(
    ix: ScenarioIndex,
    sources: Sequence[tuple[int, float]],
    place_side: Sequence[str],
    place_traps: Sequence[int],
    road_traps: Sequence[int],
    road_destroyed: Sequence[bool],
) -> list[bool]:
    """Which places are in supply, given (place position, reach km) sources."""
    player = ix.player
    best: list[float] = [-1.0] * len(place_side)
    heap: list[tuple[float, int]] = []
    for pos, reach in sources:
        if place_side[pos] == player and reach > best[pos]:
            best[pos] = reach
            heapq.heappush(heap, (-reach, pos))
    roads = ix.roads
    adjacency = ix.adjacency
    while heap:
        neg, pos = heapq.heappop(heap)
        left = -neg
        if left < best[pos] or place_traps[pos] > 0:
            continue  # stale entry, or a trapped place: supply stops here
        for road, other in adjacency[pos]:
            if road_traps[road] or road_destroyed[road] or place_side[other] != player:
                continue
            rest = left - roads[road].km
            if rest > best[other]:
                best[other] = rest
                heapq.heappush(heap, (-rest, other))
    return [b >= 0.0 for b in best]
