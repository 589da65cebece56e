"""Golden games: three seeded doctrine games on the default scenario, fingerprints checked in.

A change to the rules, the doctrine or the default scenario changes these on
purpose; regenerate them then (see docs/rules.md) and say why in the commit.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.data.scenario import load_scenario
from game.engine import play_game

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = json.loads((ROOT / "tests" / "golden" / "western-anbar-2017-doctrine.json").read_text())


@pytest.mark.parametrize("seed", sorted(GOLDEN))
def test_golden_doctrine_game(seed: str) -> None:
    scenario = load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")
    record = play_game(scenario, int(seed), "doctrine")
    expected = GOLDEN[seed]
    assert (record.outcome.value, record.days, record.fingerprints[-1]) == (
        expected["outcome"], expected["days"], expected["final"])
