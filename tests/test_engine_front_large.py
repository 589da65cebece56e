"""The front's searches stop early on a large map: the same front as the full searches.

`front._settled` runs the full (remembered) search on a small map and stops once the
places it wants are settled on a large one. Here the large map's way is forced on the
built-in scenarios and compared, day by day of a doctrine game, with the full search.
"""

from __future__ import annotations

import importlib
import types

import pytest

from game.data.builtin import builtin_scenarios
from game.data.scenario import load_scenario
from game.engine import apply_plan, new_game
from game.engine.doctrine import doctrine_plan
from game.engine.index import index_of
from game.engine.observe import observe

front = importlib.import_module("game.engine.front")


@pytest.mark.parametrize("path", builtin_scenarios(), ids=lambda p: p.stem)
def test_front_large_map_way_is_the_full_search(path, monkeypatch) -> None:
    scenario = load_scenario(path)
    ix = index_of(scenario)
    state = new_game(scenario, 11)
    large = types.SimpleNamespace(**{**vars(front.searches), "small": lambda ix: False})
    for _ in range(12):
        if state.over:
            break
        obs = observe(state, ix.player)
        full = front.find_front(state, ix, obs)
        with monkeypatch.context() as patch:
            patch.setattr(front, "searches", large)
            assert front.find_front(state, ix, obs) == full
        state, _ = apply_plan(state, doctrine_plan(state))
