"""Searches over the road network remembered by what they depend on alone.

The planner, the doctrine and the enemy's night ask the same questions of the
map day after day (the quickest way between two places, the cost to every place
within reach, which enemy places are cut off), and the knowledge they ask them
on changes slowly: most are asked before. Each search here takes plain tables
(the places that may be entered, each road's cost or whether it is open), so
that its answer is remembered by their values, never by the objects that made
them. The answers are shared: callers read them and never change them.
"""

from __future__ import annotations

from typing import cast

from game.engine.index import ScenarioIndex
from game.engine.paths import all_costs, costs_from, find_path
from game.engine.supply import enemy_cut_off

Way = tuple[float, list[int], list[int]]  # (hours, places, roads), as find_path gives

# Answers by their question: the kind of search, the scenario's index, the start (and
# goal or limit) and the tables. Cleared when full: the answers stay the same.
_SEARCHES: dict[tuple[object, ...], tuple[ScenarioIndex, object]] = {}


MISSING = object()  # what `remembered` gives for a question not asked before


def remembered(key: tuple[object, ...], ix: ScenarioIndex) -> object:
    """The answer remembered for `key` on the map `ix`, or MISSING."""
    hit = _SEARCHES.get(key)
    if hit is not None and hit[0] is ix:
        return hit[1]
    return MISSING


# What the answers hold, counted in places and roads of their maps: on a large map
# each question's key alone is as long as the map.
_SIZE = [0]
_MAX_ANSWERS = 8192
_MAX_SIZE = 2_000_000


def remember(key: tuple[object, ...], ix: ScenarioIndex, found: object) -> None:
    """Remember `found` as the answer to `key` on the map `ix` (a key begins with the
    name of its question and holds all the answer depends on)."""
    size = len(ix.places) + len(ix.roads)
    if len(_SEARCHES) >= _MAX_ANSWERS or _SIZE[0] + size > _MAX_SIZE:
        _SEARCHES.clear()
        _SIZE[0] = 0
    _SEARCHES[key] = (ix, found)
    _SIZE[0] += size


def cut_off(ix: ScenarioIndex, sides: tuple[str, ...],
            destroyed: tuple[bool, ...]) -> list[bool]:
    """`supply.enemy_cut_off`, remembered by the sides and the broken bridges."""
    key = ("cut off", id(ix), sides, destroyed)
    found = remembered(key, ix)
    if found is MISSING:
        found = enemy_cut_off(ix, list(sides), list(destroyed))
        remember(key, ix, found)
    return cast("list[bool]", found)


def quickest_way(ix: ScenarioIndex, start: int, goal: int, passable: list[bool],
                 costs: list[float | None]) -> Way | None:
    """`paths.find_path` over tables: `passable` by place, `costs` by road."""
    key = ("way", id(ix), start, goal, tuple(passable), tuple(costs))
    found = remembered(key, ix)
    if found is MISSING:
        found = find_path(ix, start, goal, passable.__getitem__, costs.__getitem__)
        remember(key, ix, found)
    return cast("Way | None", found)


def reach_costs(ix: ScenarioIndex, start: int, passable: list[bool],
                costs: list[float | None], limit: float = float("inf")) -> dict[int, float]:
    """`paths.all_costs` over tables: `passable` by place, `costs` by road."""
    key = ("reach", id(ix), start, limit, tuple(passable), tuple(costs))
    found = remembered(key, ix)
    if found is MISSING:
        found = all_costs(ix, start, passable.__getitem__, costs.__getitem__, limit=limit)
        remember(key, ix, found)
    return cast("dict[int, float]", found)


def km_reach(ix: ScenarioIndex, starts: list[int], passable: list[bool],
             road_open: list[bool]) -> dict[int, float]:
    """`paths.km_from` over tables: `passable` by place, `road_open` by road."""
    key = ("km", id(ix), tuple(starts), tuple(passable), tuple(road_open))
    found = remembered(key, ix)
    if found is MISSING:
        km = [road.km if open_ else None for road, open_ in zip(ix.roads, road_open,
                                                                  strict=True)]
        found = costs_from(ix, starts, passable.__getitem__, km.__getitem__)
        remember(key, ix, found)
    return cast("dict[int, float]", found)


def costs_and_back(ix: ScenarioIndex, starts: list[int], passable: list[bool],
                   costs: list[float | None]) -> tuple[dict[int, float],
                                                       dict[int, tuple[int, int]]]:
    """`paths.costs_from` over tables, and the `back` pointers it fills."""
    key = ("back", id(ix), tuple(starts), tuple(passable), tuple(costs))
    found = remembered(key, ix)
    if found is MISSING:
        back: dict[int, tuple[int, int]] = {}
        found = (costs_from(ix, starts, passable.__getitem__, costs.__getitem__, back), back)
        remember(key, ix, found)
    return cast("tuple[dict[int, float], dict[int, tuple[int, int]]]", found)
