"""The remembered searches give what the searches they remember give, and forget
before they hold too much."""

from __future__ import annotations

import random
from pathlib import Path

from game.data.scenario import load_scenario
from game.engine import searches
from game.engine.index import index_of
from game.engine.paths import all_costs, costs_from, find_path
from game.engine.supply import enemy_cut_off

ROOT = Path(__file__).resolve().parent.parent


def test_remembered_answers_are_the_searches_answers() -> None:
    ix = index_of(load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml"))
    rng = random.Random(7)
    places, roads = len(ix.places), len(ix.roads)
    for _ in range(300):
        passable = [rng.random() < 0.8 for _ in range(places)]
        costs: list[float | None] = [None if rng.random() < 0.1 else rng.choice((0.5, 1.0, 2.5))
                                     for _ in range(roads)]
        start, goal = rng.randrange(places), rng.randrange(places)
        limit = rng.choice((float("inf"), 3.0))
        for _ in range(2):  # asked, then remembered
            assert searches.quickest_way(ix, start, goal, passable, costs) == find_path(
                ix, start, goal, passable.__getitem__, costs.__getitem__)
            assert searches.reach_costs(ix, start, passable, costs, limit) == all_costs(
                ix, start, passable.__getitem__, costs.__getitem__, limit=limit)
            back: dict[int, tuple[int, int]] = {}
            dist = costs_from(ix, [start], passable.__getitem__, costs.__getitem__, back)
            assert searches.costs_and_back(ix, [start], passable, costs) == (dist, back)
            open_ = [c is not None for c in costs]
            km = [r.km if o else None for r, o in zip(ix.roads, open_, strict=True)]
            assert searches.open_km(ix, open_) == km
            assert searches.km_reach(ix, [start], passable, km) == costs_from(
                ix, [start], passable.__getitem__, km.__getitem__)
            assert searches.km_reach(ix, [start], passable, km, limit) == costs_from(
                ix, [start], passable.__getitem__, km.__getitem__, limit=limit)
            sides = tuple(rng.choice(("gov", "is")) for _ in range(places))
            destroyed = tuple(c is None for c in costs)
            assert searches.cut_off(ix, sides, destroyed) == enemy_cut_off(
                ix, list(sides), list(destroyed))


def test_remembered_answers_are_bounded() -> None:
    ix = index_of(load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml"))
    size = len(ix.places) + len(ix.roads)
    for n in range(searches._MAX_ANSWERS + 10):
        searches.remember(("test", n), ix, n)
        assert len(searches._SEARCHES) <= searches._MAX_ANSWERS
        assert searches._SIZE[0] <= searches._MAX_SIZE
    assert searches.remembered(("test", searches._MAX_ANSWERS + 9), ix) == \
        searches._MAX_ANSWERS + 9
    assert searches.remembered(("test", -1), ix) is searches.MISSING
    assert searches._SIZE[0] == size * len(searches._SEARCHES)
