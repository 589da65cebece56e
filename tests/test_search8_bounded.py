"""Searches bounded by what they need: the same answers as the full searches.

A `Search` settled within a cost and then on to the end settles the same places in
the same order, at the same costs, with the same ways, as one run to the end at
once. The doctrine's `_beyond_day` says a move is refused for its hour from the
places within the day's drive alone: wherever it says so, the checker's own drive
(`move_drive`) refuses the move, here with known traps strewn over the map so that
columns stop short.
"""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest

from bench.gen_scenario import generate
from game.data.scenario import load_scenario
from game.data.scenario_cache import parse_cached
from game.engine import apply_plan, columns, doctrine_day, new_game
from game.engine.doctrine import doctrine_plan
from game.engine.doctrine_day import DoctrineDay, PlanBuilder
from game.engine.front import front_of
from game.engine.index import index_of
from game.engine.model import Scenario
from game.engine.paths import Search
from game.engine.refusals import Refusal

ROOT = Path(__file__).resolve().parent.parent


def test_a_search_settled_within_a_cost_goes_on_as_the_full_one() -> None:
    ix = index_of(load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml"))
    rng = random.Random(8)
    # Costs with ties (whole and half hours) and closed roads, places not to be entered.
    choices: list[float | None] = [None, 0.5, 1.0, 1.0, 2.5, 2.5, 3.0]
    for _ in range(200):
        passable = [rng.random() < 0.85 for _ in ix.places]
        costs = rng.choices(choices, k=len(ix.roads))
        start, goal = rng.sample(range(len(ix.places)), 2)
        within = rng.choice((0.0, 1.0, 2.5, 4.0, 7.5))
        full = Search(ix, start, passable.__getitem__, costs.__getitem__)
        full.settle()
        bounded = Search(ix, start, passable.__getitem__, costs.__getitem__)
        settled = dict(bounded.settle(goal, within))
        near = {pos: d for pos, d in full.done.items() if d <= within}
        assert list(settled.items()) == list(full.done.items())[:len(settled)]
        assert goal in settled or settled == near
        assert bounded.way(goal) == full.way(goal)
        bounded.settle()
        assert list(bounded.done.items()) == list(full.done.items())
        assert bounded.back == full.back


def _scenarios() -> list[Scenario]:
    return [load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml"),
            parse_cached(generate(400, 600, 3), "bounded-400")]


@pytest.mark.parametrize("number", [0, 1])
def test_beyond_day_only_where_the_checker_refuses(number: int) -> None:
    scenario = _scenarios()[number]
    ix = index_of(scenario)
    rng = random.Random(number)
    state = new_game(scenario, 4)
    checked = 0
    for day in range(6):
        if state.over:
            break
        # Known traps here and there (and none on some days), so that columns stop short.
        share = (0.0, 0.05, 0.3)[day % 3]
        known = replace(state, known_road_traps=tuple(
            rng.randint(1, 3) if rng.random() < share else level
            for level in state.known_road_traps), known_place_traps=tuple(
            rng.randint(1, 3) if rng.random() < share else level
            for level in state.known_place_traps))
        sides, destroyed = columns.of(known)
        front = front_of(known, ix, sides, destroyed)
        if front is not None:
            day_ = DoctrineDay(PlanBuilder(known), ix, sides, destroyed, front)
            p = day_.p
            goals = rng.sample(range(len(ix.places)), min(60, len(ix.places)))
            for unit in known.units:
                here = p.pos[unit.id]
                for goal in goals:
                    if day_._beyond_day(unit, here, goal, 0.0):
                        checked += 1
                        assert isinstance(p.move_drive(unit, here, goal, 0.0), Refusal)
        state, _ = apply_plan(state, doctrine_plan(state))
    assert checked


def test_large_map_shortcuts_plan_as_the_small_map_does(monkeypatch) -> None:
    """The doctrine's ways on a large map (the drive known refused within the day's
    hours, the army's waiting places among those it can reach) plan the same days as
    the small map's full searches, here forced on the default scenario."""
    scenario = load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")
    state = new_game(scenario, 6)
    for _ in range(15):
        if state.over:
            break
        plan = doctrine_plan(state)
        with monkeypatch.context() as patch:
            patch.setattr(doctrine_day.searches, "small", lambda ix: False)
            assert doctrine_plan(state) == plan
        state, _ = apply_plan(state, plan)
