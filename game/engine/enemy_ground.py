"""The enemy's ground at night: the tables and searches its night reads.

No place changes hands at night and no road is cut, so the night works these out
once (`enemy.night`); on a large map each is found from the few places that matter
(the edge of its ground, the roads below the ceiling) rather than from all it holds.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from itertools import compress, count, repeat
from operator import attrgetter, eq, not_

from game.engine import searches
from game.engine.index import ScenarioIndex
from game.engine.memo import by_identity, last_by_identity
from game.engine.world import World


class Border:
    """The roads across the enemy's line, as (a place it does not hold, the road, its
    place beyond), in the order of places and roads: found once a night, when first
    asked for, from the places it does not hold (on a large map it holds most). No place
    changes hands at night, so the night's readers (the cells' reach, the front its
    fighters flow to, the places that strike) share the one pass each made for itself;
    and with it the places near its ground (`near_own`), by reach, and its fighters'
    drives (`drive`), by start and reach."""

    __slots__ = ("drives", "found", "ix", "near", "own")

    def __init__(self, ix: ScenarioIndex, own: list[bool]) -> None:
        self.ix, self.own = ix, own
        self.found: list[tuple[int, int, int]] | None = None
        self.near: dict[float, list[bool]] = {}
        self.drives: dict[tuple[int, float], dict[int, float]] = {}

    def drive(self, start: int, road_km: list[float | None], limit: float
              ) -> dict[int, float]:
        """`drive` from `start` over the enemy's places (`road_km`: the night's, that the
        line was made for), kept with the line for the nights it serves. Shared: read
        it only."""
        found = self.drives.get((start, limit))
        if found is None:
            found = self.drives[start, limit] = drive(self.ix, start, self.own, road_km, limit)
        return found

    def __call__(self) -> list[tuple[int, int, int]]:
        if self.found is None:
            own, adjacency = self.own, self.ix.adjacency
            self.found = [(pos, road, other)
                          for pos in compress(range(len(own)), map(not_, own))
                          for road, other in adjacency[pos] if own[other]]
        return self.found


@last_by_identity
def ground(ix: ScenarioIndex, sides: tuple[str, ...], destroyed: tuple[bool, ...]
           ) -> tuple[list[bool], Border]:
    """The places the enemy holds (by position) and its line, for the night's columns.
    The day hands on the very same columns while no place changes hands and no bridge is
    laid (`columns`), most nights of a game: for them, the same two again, with all the
    line found of them the nights before. Shared: read them only."""
    own = list(map(eq, sides, repeat(ix.enemy)))
    return own, Border(ix, own)


def near_own(world: World, own: list[bool], road_km: list[float | None],
             limit: float, border: Border) -> list[bool]:
    """For each place: within `limit` km by open road of a place the enemy holds (`own`,
    `road_km`: the night's, those `border` was made for).

    Its own places are (at 0 km); of the others, the nearest of its places on a way to
    one is the last of its places on that way, so the search starts from its places at
    the edge of its ground and runs over the others alone: the same km, found in the
    few places near its edge rather than over all it holds (most of a large map)."""
    ix = world.ix

    def search() -> list[bool]:
        others = list(map(not_, own))
        edge = sorted({other for _, road, other in border() if road_km[road] is not None})
        near = own.copy()
        if edge:
            for pos in searches.km_reach(ix, edge, others, road_km, limit=limit):
                near[pos] = True
        return near

    # Kept with the night's line (the same `own` and `road_km` on every night it serves),
    # and remembered on a small map by all it reads (shared: read only).
    found = border.near.get(limit)
    if found is None:
        found = border.near[limit] = searches.answer(
            ix, lambda: ("near own", id(ix), tuple(own), tuple(road_km), limit), search)
    return found


@by_identity(16)
def factories(ix: ScenarioIndex) -> tuple[int, ...]:
    """The places with a car bomb factory, in order, once per scenario."""
    return tuple(compress(count(), map(_FACTORY, ix.places)))


def drive(ix: ScenarioIndex, start: int, own: list[bool], road_km: list[float | None],
          limit: float) -> dict[int, float]:
    """`searches.km_reach` from one place over the enemy's own places, no farther than
    `limit`: the same search (`paths.Search`) written out for the night's many short
    drives on a large map, where nothing is remembered; a small map's are."""
    if searches.small(ix):
        return searches.km_reach(ix, [start], own, road_km, limit=limit)
    adjacency = ix.adjacency
    done: dict[int, float] = {}
    best = {start: 0.0}
    heap = [(0.0, start)]
    pop, push, inf = heapq.heappop, heapq.heappush, float("inf")
    while heap:
        d, pos = pop(heap)
        if pos in done:
            continue
        done[pos] = d
        for road, other in adjacency[pos]:
            if other in done or not own[other]:
                continue
            km = road_km[road]
            if km is None:
                continue
            far = d + km
            if far <= limit and far < best.get(other, inf):
                best[other] = far
                push(heap, (far, other))
    return done


def open_km(world: World, destroyed: tuple[bool, ...] | None = None) -> list[float | None]:
    """Each road's km, None where it is destroyed: the enemy drives any other road
    (`searches.open_km`'s table, from the scenario's km and the few roads destroyed;
    `destroyed`: the roads' column, when the caller has it). Shared: read it only."""
    if destroyed is None:
        return _without(world.ix, [r.destroyed for r in world.roads])
    return _open_km(world.ix, destroyed)


@last_by_identity
def _open_km(ix: ScenarioIndex, destroyed: tuple[bool, ...]) -> list[float | None]:
    """`open_km` of the night's column, most often the very tuple of the nights before
    (the day hands it on while no bridge is laid: `columns`)."""
    return _without(ix, destroyed)


def _without(ix: ScenarioIndex, destroyed: Sequence[bool]) -> list[float | None]:
    km: list[float | None] = list(_road_km(ix))
    for road in compress(range(len(km)), destroyed):
        km[road] = None
    return km


@by_identity(16)
def _road_km(ix: ScenarioIndex) -> tuple[float, ...]:
    """Each road's km, once per scenario."""
    return tuple(map(_KM, ix.roads))


_FACTORY, _KM = attrgetter("vbied_factory"), attrgetter("km")
