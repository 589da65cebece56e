"""Searches over the road network remembered by what they depend on alone.

The planner, the doctrine and the enemy's night ask the same questions of the
map day after day (the quickest way between two places, the cost to every place
within reach, which enemy places are cut off), and the knowledge they ask them
on changes slowly: most are asked before. Each search here takes plain tables
(the places that may be entered, each road's cost or whether it is open), so
that its answer is remembered by their values, never by the objects that made
them (a table's values are hashed once, looked up by the table itself after:
`table_token`). The answers are shared: callers read them and never change them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from game.engine.index import ScenarioIndex
from game.engine.paths import Search, all_costs, costs_from, find_path
from game.engine.supply import enemy_cut_off

Way = tuple[float, list[int], list[int]]  # (hours, places, roads), as find_path gives
T = TypeVar("T")

# Answers by their question: the kind of search, the scenario's index, the start (and
# goal or limit) and the tables. Cleared when full: the answers stay the same.
_SEARCHES: dict[tuple[object, ...], tuple[ScenarioIndex, Any]] = {}
MISSING = object()  # what `remembered` gives for a question not asked before
# What the answers hold, counted in places and roads of their maps.
_SIZE = [0]
_MAX_ANSWERS = 8192
_MAX_SIZE = 2_000_000
# Only maps up to this many places and roads remember: on a larger one a question's key
# is as long as the map, hashing it costs what a search saves, and few would fit.
SMALL_MAP = 4000


def small(ix: ScenarioIndex) -> bool:
    """Whether answers on this map are remembered."""
    return ix.size <= SMALL_MAP


def remembered(key: tuple[object, ...], ix: ScenarioIndex) -> object:
    """The answer remembered for `key` on the map `ix`, or MISSING."""
    hit = _SEARCHES.get(key)
    if hit is not None and hit[0] is ix:
        return hit[1]
    return MISSING


def remember(key: tuple[object, ...], ix: ScenarioIndex, found: object) -> None:
    """Remember `found` as the answer to `key` on the map `ix` (a key begins with the
    name of its question and holds all the answer depends on)."""
    size = len(ix.places) + len(ix.roads)
    if len(_SEARCHES) >= _MAX_ANSWERS or _SIZE[0] + size > _MAX_SIZE:
        _SEARCHES.clear()
        _SIZE[0] = 0
    _SEARCHES[key] = (ix, found)
    _SIZE[0] += size


# Tokens: a number for each table of values a question is asked on, so that many
# questions on one table are keyed by a number, not by the table. A number is never
# given to other values, even once the tokens are forgotten (a question keyed by an
# old number goes unanswered, never wrongly answered).
_TOKENS: dict[tuple[object, ...], int] = {}
_LAST_TOKEN = [0]


def token(values: tuple[object, ...]) -> int:
    """The number standing for `values` in the keys of remembered answers: the same for
    equal values (while remembered), never the same for different ones."""
    found = _TOKENS.get(values)
    if found is None:
        if len(_TOKENS) >= _MAX_ANSWERS:
            _TOKENS.clear()
        _LAST_TOKEN[0] += 1
        found = _TOKENS[values] = _LAST_TOKEN[0]
    return found


# The tokens of the tables the searches are asked on, by the table's identity, holding
# the table (so that its id is not another's while kept). The searches' callers share
# their tables read only, and hand the same ones over and over (the plan's places held
# and drive hours, the night's columns): a table's values are hashed once, not at each
# question (a tuple does not keep its hash).
_TABLE_TOKENS: dict[int, tuple[Sequence[object], int]] = {}


def table_token(table: Sequence[object]) -> int:
    """`token` of a table's values, looked up by the table itself once given: the table
    must never change."""
    hit = _TABLE_TOKENS.get(id(table))
    if hit is not None and hit[0] is table:
        return hit[1]
    if len(_TABLE_TOKENS) >= 512:
        _TABLE_TOKENS.clear()
    found = token(tuple(table))
    _TABLE_TOKENS[id(table)] = (table, found)
    return found


def answer(ix: ScenarioIndex, question: Callable[[], tuple[object, ...]],
            search: Callable[[], T]) -> T:
    """The answer `search()` gives, remembered by `question()` on a small map (asked
    only there: a question's key is as long as the map)."""
    return asked(ix, question() if ix.size <= SMALL_MAP else None, search)


def asked(ix: ScenarioIndex, key: tuple[object, ...] | None,
          search: Callable[..., T], *args: Any) -> T:
    """`search(*args)`, remembered by `key` (None on a large map, where nothing is: a
    key there would be as long as the map). The searches over tables, asked a few dozen
    times a day, put their key and arguments here rather than build two functions, one
    to ask and one to answer, at each question."""
    if key is None:
        return search(*args)
    hit = _SEARCHES.get(key)
    if hit is not None and hit[0] is ix:
        found: T = hit[1]  # what `search` gave for this question
        return found
    found = search(*args)
    remember(key, ix, found)
    return found


def cut_off(ix: ScenarioIndex, sides: tuple[str, ...],
            destroyed: tuple[bool, ...]) -> list[bool]:
    """`supply.enemy_cut_off`, remembered by the sides and the broken bridges."""
    key = ("cut off", id(ix), table_token(sides), table_token(destroyed)) \
        if ix.size <= SMALL_MAP else None
    return asked(ix, key, _cut_off, ix, sides, destroyed)


def _cut_off(ix: ScenarioIndex, sides: tuple[str, ...],
             destroyed: tuple[bool, ...]) -> list[bool]:
    return enemy_cut_off(ix, list(sides), list(destroyed))


def quickest_way(ix: ScenarioIndex, start: int, goal: int, passable: list[bool],
                 costs: list[float | None]) -> Way | None:
    """`paths.find_path` over tables: `passable` by place, `costs` by road."""
    key = ("way", id(ix), start, goal, table_token(passable), tuple(costs)) \
        if ix.size <= SMALL_MAP else None
    return asked(ix, key, find_path, ix, start, goal, passable.__getitem__, costs.__getitem__)


def way_search(ix: ScenarioIndex, start: int, passable: list[bool],
               costs: list[float | None]) -> Search:
    """A `paths.Search` for the quickest ways from `start` over tables, shared by every
    caller that asks on the same tables: it settles only as far as it is asked and goes
    on from there, and what it settled never changes. The tables must not change."""
    key = ("search", id(ix), start, table_token(passable), table_token(costs)) \
        if ix.size <= SMALL_MAP else None
    return asked(ix, key, Search, ix, start, passable.__getitem__, costs.__getitem__)


def reach_costs(ix: ScenarioIndex, start: int, passable: list[bool],
                costs: list[float | None], limit: float = float("inf")) -> dict[int, float]:
    """`paths.all_costs` over tables: `passable` by place, `costs` by road."""
    key = ("reach", id(ix), start, limit, table_token(passable), table_token(costs)) \
        if ix.size <= SMALL_MAP else None
    return asked(ix, key, all_costs, ix, start, passable.__getitem__, costs.__getitem__,
                 limit)


def reach_order(ix: ScenarioIndex, start: int, passable: list[bool],
                costs: list[float | None]) -> list[int]:
    """The places `reach_costs` reaches, nearest first (ties: by position)."""
    key = ("reach order", id(ix), start, table_token(passable), table_token(costs)) \
        if ix.size <= SMALL_MAP else None
    return asked(ix, key, _order, ix, start, passable, costs)


def _order(ix: ScenarioIndex, start: int, passable: list[bool],
           costs: list[float | None]) -> list[int]:
    near = reach_costs(ix, start, passable, costs)
    return [pos for _, pos in sorted(zip(near.values(), near, strict=True))]


def open_km(ix: ScenarioIndex, road_open: list[bool]) -> list[float | None]:
    """Each road's km where it is open (None where it is not): the table `km_reach`
    reads, built once for all the searches over the same roads (and remembered by
    them on a small map: shared, so read it only)."""
    return answer(
        ix, lambda: ("open km", id(ix), tuple(road_open)),
        lambda: [road.km if open_ else None
                 for road, open_ in zip(ix.roads, road_open, strict=True)])


def km_reach(ix: ScenarioIndex, starts: list[int], passable: list[bool],
             road_km: list[float | None], limit: float = float("inf")) -> dict[int, float]:
    """`paths.km_from` over tables: `passable` by place, `road_km` by road (`open_km`);
    no farther than `limit` km."""
    return answer(
        ix, lambda: ("km", id(ix), tuple(starts), tuple(passable), tuple(road_km), limit),
        lambda: costs_from(ix, starts, passable.__getitem__, road_km.__getitem__, limit=limit))


def costs_and_back(ix: ScenarioIndex, starts: list[int], passable: list[bool],
                   costs: list[float | None]) -> tuple[dict[int, float],
                                                       dict[int, tuple[int, int]]]:
    """`paths.costs_from` over tables, and the `back` pointers it fills."""
    def search() -> tuple[dict[int, float], dict[int, tuple[int, int]]]:
        back: dict[int, tuple[int, int]] = {}
        return costs_from(ix, starts, passable.__getitem__, costs.__getitem__, back), back

    return answer(
        ix, lambda: ("back", id(ix), tuple(starts), tuple(passable), tuple(costs)), search)
