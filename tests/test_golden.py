"""Golden games: three seeded doctrine games on the default scenario, fingerprints checked in.

A change to the rules, the doctrine or the default scenario changes these on
purpose; regenerate them then with `python tests/test_golden.py --regenerate`
and say why in the commit.
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


def regenerate() -> None:
    """Rewrite the golden file from the games as the engine plays them now.

    Run `python tests/test_golden.py --regenerate` after a change to the rules,
    the doctrine or the default scenario, and commit the file with that change.
    """
    scenario = load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")
    games = {}
    for seed in sorted(GOLDEN, key=int):
        record = play_game(scenario, int(seed), "doctrine")
        games[seed] = {"outcome": record.outcome.value, "days": record.days,
                       "final": record.fingerprints[-1]}
    path = ROOT / "tests" / "golden" / "western-anbar-2017-doctrine.json"
    path.write_text(json.dumps(games, indent=2) + "\n")


if __name__ == "__main__":
    import sys

    if sys.argv[1:] != ["--regenerate"]:
        sys.exit("usage: python tests/test_golden.py --regenerate")
    regenerate()
