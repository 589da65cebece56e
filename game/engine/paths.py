"""Shortest paths by time over roads, for moves, convoys and the policies."""

from __future__ import annotations

import heapq
from collections.abc import Callable

from game.engine.index import ScenarioIndex, road_speed, unit_speed_percent
from game.engine.model import RoadKind, Rules, UnitKind


def road_hours(
    ix: ScenarioIndex, rules: Rules, road: int, kind: UnitKind, sandstorm: bool
) -> float:
    """Hours for a unit of `kind` to drive the whole road."""
    return hours_table(ix, rules, kind, sandstorm)[road]


_HOURS: dict[tuple[int, int, UnitKind, bool],
             tuple[ScenarioIndex, Rules, tuple[float, ...]]] = {}


def hours_table(
    ix: ScenarioIndex, rules: Rules, kind: UnitKind, sandstorm: bool
) -> tuple[float, ...]:
    """Hours for a unit of `kind` to drive each road, by road position (cached)."""
    key = (id(ix), id(rules), kind, sandstorm)
    hit = _HOURS.get(key)
    if hit is not None and hit[0] is ix and hit[1] is rules:
        return hit[2]
    table = tuple(_road_hours(rules, r.km, r.kind, kind, sandstorm) for r in ix.roads)
    if len(_HOURS) >= 256:
        _HOURS.clear()
    _HOURS[key] = (ix, rules, table)
    return table


def _road_hours(rules: Rules, km: float, road_kind: RoadKind, kind: UnitKind,
                sandstorm: bool) -> float:
    speed = road_speed(rules, road_kind) * unit_speed_percent(rules, kind) / 100.0
    if sandstorm:
        speed *= rules.sandstorm_speed_percent / 100.0
    return km / speed if speed > 0 else float("inf")


def find_path(
    ix: ScenarioIndex,
    start: int,
    goal: int,
    passable: Callable[[int], bool],
    cost: Callable[[int], float | None],
) -> tuple[float, list[int], list[int]] | None:
    """(cost, places from start to goal, roads between them), or None.

    `passable(place)` says whether a path may enter a place (the goal included);
    `cost(road)` gives a road's cost, or None when it cannot be used.
    """
    dist: dict[int, float] = {start: 0.0}
    back: dict[int, tuple[int, int]] = {}
    heap: list[tuple[float, int]] = [(0.0, start)]
    adjacency = ix.adjacency
    done: set[int] = set()
    while heap:
        d, pos = heapq.heappop(heap)
        if pos in done:
            continue
        if pos == goal:
            places = [goal]
            roads: list[int] = []
            while places[-1] != start:
                prev, road = back[places[-1]]
                places.append(prev)
                roads.append(road)
            places.reverse()
            roads.reverse()
            return d, places, roads
        done.add(pos)
        for road, other in adjacency[pos]:
            if other in done or not passable(other):
                continue
            c = cost(road)
            if c is None:
                continue
            nd = d + c
            if nd < dist.get(other, float("inf")):
                dist[other] = nd
                back[other] = (pos, road)
                heapq.heappush(heap, (nd, other))
    return None


def all_costs(
    ix: ScenarioIndex,
    start: int,
    passable: Callable[[int], bool],
    cost: Callable[[int], float | None],
    limit: float = float("inf"),
) -> dict[int, float]:
    """Cost from `start` to every place reachable within `limit`."""
    dist: dict[int, float] = {start: 0.0}
    heap: list[tuple[float, int]] = [(0.0, start)]
    done: dict[int, float] = {}
    adjacency = ix.adjacency
    while heap:
        d, pos = heapq.heappop(heap)
        if pos in done:
            continue
        done[pos] = d
        for road, other in adjacency[pos]:
            if other in done or not passable(other):
                continue
            c = cost(road)
            if c is None:
                continue
            nd = d + c
            if nd <= limit and nd < dist.get(other, float("inf")):
                dist[other] = nd
                heapq.heappush(heap, (nd, other))
    return done
