"""Shortest paths over roads: by time for moves, convoys and the policies, by km for
the doctrine's front and the enemy's retreat."""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from operator import attrgetter, truediv

from game.engine.index import ScenarioIndex, road_speed, unit_speed_percent
from game.engine.memo import by_identity
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
    table = _hours_table(ix, rules, kind, sandstorm)
    if len(_HOURS) >= 256:
        _HOURS.clear()
    _HOURS[key] = (ix, rules, table)
    return table


def _hours_table(
    ix: ScenarioIndex, rules: Rules, kind: UnitKind, sandstorm: bool
) -> tuple[float, ...]:
    # Apart from `hours_table`, asked some ten times a day: the comprehension's names are
    # cells of the function it is in, made at each call, found or not.
    # Each road kind's speed once, then each road's km over its kind's (C loops): the
    # same division `_road_hours` makes for each road.
    speeds = {road_kind: speed_kmh(rules, road_kind, kind, sandstorm) for road_kind in RoadKind}
    kms, kinds = road_columns(ix)
    if min(speeds.values()) > 0:
        table = tuple(map(truediv, kms, map(speeds.__getitem__, kinds)))
    else:
        table = tuple(_road_hours(rules, km, road_kind, kind, sandstorm)
                      for km, road_kind in zip(kms, kinds, strict=True))
    return table


@by_identity(4)
def road_columns(ix: ScenarioIndex) -> tuple[tuple[float, ...], tuple[RoadKind, ...]]:
    """Each road's km and kind, by road position: read once for every unit kind's
    table (on a large map, a pass over the roads' records costs more than the division)."""
    return tuple(map(_KM, ix.roads)), tuple(map(_KIND, ix.roads))


def _road_hours(rules: Rules, km: float, road_kind: RoadKind, kind: UnitKind,
                sandstorm: bool) -> float:
    speed = speed_kmh(rules, road_kind, kind, sandstorm)
    return km / speed if speed > 0 else float("inf")


def speed_kmh(rules: Rules, road_kind: RoadKind, kind: UnitKind, sandstorm: bool) -> float:
    """km an hour for a unit of `kind` on a road of `road_kind`."""
    speed = road_speed(rules, road_kind) * unit_speed_percent(rules, kind) / 100.0
    if sandstorm:
        speed *= rules.sandstorm_speed_percent / 100.0
    return speed


_KM, _KIND = attrgetter("km"), attrgetter("kind")


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
    return Search(ix, start, passable, cost).way(goal)


def all_costs(
    ix: ScenarioIndex,
    start: int,
    passable: Callable[[int], bool],
    cost: Callable[[int], float | None],
    limit: float = float("inf"),
) -> dict[int, float]:
    """Cost from `start` to every place reachable within `limit`."""
    return _dijkstra(ix, (start,), passable, cost, limit=limit)


def km_from(
    ix: ScenarioIndex,
    starts: Iterable[int],
    passable: Callable[[int], bool],
    road_open: Callable[[int], bool],
    back: dict[int, tuple[int, int]] | None = None,
    limit: float = float("inf"),
) -> dict[int, float]:
    """km by road from the nearest of `starts` to every place it reaches (within
    `limit` km: the places nearer than that get the same km either way).

    The way may enter a place only if `passable(place)` and use a road only if
    `road_open(road)`. If `back` is given, each place reached from another gets
    (previous place, road) on its shortest way, chosen as `_dijkstra` says.
    """
    roads = ix.roads
    return _dijkstra(ix, starts, passable,
                     lambda road: roads[road].km if road_open(road) else None, back=back,
                     limit=limit)


def _dijkstra(
    ix: ScenarioIndex,
    starts: Iterable[int],
    passable: Callable[[int], bool],
    cost: Callable[[int], float | None],
    *,
    limit: float = float("inf"),
    back: dict[int, tuple[int, int]] | None = None,
) -> dict[int, float]:
    """Least cost from the nearest of `starts` to each place reached, in the order settled.

    Places are settled cheapest first (at equal cost, lower position first). The
    search enters a place only if `passable(place)` (the starts need not be), uses
    a road only if `cost(road)` is not None and keeps only places costing at most
    `limit` (a `Search` run to the end). If `back` is given, each place
    reached from another gets (previous place, road) on its cheapest way: the
    first to offer that cost, in settling order and then in `ix.adjacency` order.
    """
    return Search(ix, starts, passable, cost, limit=limit, back=back,
                  track=back is not None).settle()


class Search:
    """Dijkstra's search that settles only as far as it is asked, and goes on from
    there when asked again: one search answers the ways to every goal
    (`find_path`), and run to the end it gives every cost (`_dijkstra`).

    Places are settled cheapest first (at equal cost, lower position first); the
    places settled before a goal, their order and their `back` entries are the
    same whether the search stops at the goal or goes on, and a place's entry
    never changes once it is settled. `passable` and `cost` must not change while
    the search is in use.
    """

    def __init__(self, ix: ScenarioIndex, starts: int | Iterable[int],
                 passable: Callable[[int], bool], cost: Callable[[int], float | None], *,
                 limit: float = float("inf"), back: dict[int, tuple[int, int]] | None = None,
                 track: bool = True) -> None:
        """From one place (`way` needs one) or the nearest of several; places costing
        more than `limit` are never reached. `back` (a new dict if None) gets each
        way's last step, unless `track` is False (costs alone are wanted)."""
        self.ix = ix
        self.starts = (starts,) if isinstance(starts, int) else tuple(starts)
        self.passable = passable
        self.cost = cost
        self.limit = limit
        self.heap: list[tuple[float, int]] = [(0.0, s) for s in self.starts]
        heapq.heapify(self.heap)
        self.best: dict[int, float] = {s: 0.0 for s in self.starts}
        self.done: dict[int, float] = {}  # the places settled, in order, with their cost
        self.back: dict[int, tuple[int, int]] | None = (
            ({} if back is None else back) if track else None)
        # The ways walked so far, by goal: a settled place's way never changes.
        self.ways: dict[int, tuple[float, list[int], list[int]] | None] = {}

    def settle(self, goal: int | None = None, within: float = float("inf")) -> dict[int, float]:
        """Settle places until `goal` is (every reachable place if None), but none costing
        more than `within` (every place costing that or less is, unless `goal` came
        first); the settled."""
        done = self.done
        if goal is not None and goal in done:
            return done
        heap, back = self.heap, self.back
        adjacency, passable, cost = self.ix.adjacency, self.passable, self.cost
        pop, push = heapq.heappop, heapq.heappush
        # A place is kept only at a cost within `limit` and below its best so far: one
        # test against that best, or, for a place not reached yet, against the least
        # number above `limit` (every best so far is within it; costs are never negative).
        best_below, above = self.best.get, math.nextafter(self.limit, math.inf)
        best = self.best
        while heap:
            d, pos = pop(heap)
            if pos in done:
                continue
            if d > within:  # back on the heap as it was: the search goes on from there
                push(heap, (d, pos))
                break
            done[pos] = d
            for road, other in adjacency[pos]:
                if other in done or not passable(other):
                    continue
                c = cost(road)
                if c is None:
                    continue
                nd = d + c
                if nd < best_below(other, above):
                    best[other] = nd
                    if back is not None:
                        back[other] = (pos, road)
                    push(heap, (nd, other))
            if pos == goal:
                break
        return done

    def way(self, goal: int) -> tuple[float, list[int], list[int]] | None:
        """(cost, places from the start to `goal`, roads between them), or None. The
        lists are shared with every caller that asks the same way: read them only."""
        if goal in self.ways:
            return self.ways[goal]
        done = self.settle(goal)
        if goal not in done:
            self.ways[goal] = None  # the search has run to its end
            return None
        assert self.back is not None and len(self.starts) == 1, "a way needs one start, tracked"
        places = [goal]
        roads: list[int] = []
        back, start = self.back, self.starts[0]
        while places[-1] != start:
            prev, road = back[places[-1]]
            places.append(prev)
            roads.append(road)
        places.reverse()
        roads.reverse()
        found = done[goal], places, roads
        self.ways[goal] = found
        return found


def costs_from(
    ix: ScenarioIndex,
    starts: Iterable[int],
    passable: Callable[[int], bool],
    cost: Callable[[int], float | None],
    back: dict[int, tuple[int, int]] | None = None,
    limit: float = float("inf"),
) -> dict[int, float]:
    """Least cost from the nearest of `starts` to every place reached (within `limit`;
    see `km_from`)."""
    return _dijkstra(ix, starts, passable, cost, back=back, limit=limit)
