"""The doctrine's plans, pinned: a speed-up of the doctrine or the checker must not
change a single plan line or the state any day leads to.

One hash over every plan and every day's fingerprint of doctrine games on the
built-in scenarios (seeds 1-20 of the default campaign, a few with each rule
family switched off, and the tutorial). A change to the rules or the doctrine
moves it on purpose: print the new value with
`python tests/test_doctrine_plans.py` and say why in the commit.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from game.data.scenario import load_scenario
from game.engine import SWITCHES, play_game

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = "32254054299108b063217982a03c9fd566f4015eb5235db99417bdcf0e40ab42"


def plans_digest() -> str:
    digest = hashlib.sha256()
    default = load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")
    tutorial = load_scenario(ROOT / "scenarios" / "tutorial.yaml")
    games = [(default, seed, ()) for seed in range(1, 21)]
    games += [(default, seed, (switch,)) for switch in SWITCHES for seed in (1, 2)]
    games += [(tutorial, seed, ()) for seed in (1, 2)]
    for scenario, seed, without in games:
        record = play_game(scenario, seed, "doctrine", without=without)
        digest.update(f"{scenario.id} {seed} {without}\n".encode())
        for plan, print_ in zip(record.plans, record.fingerprints, strict=True):
            digest.update(" | ".join(op.text() for op in plan).encode())
            digest.update(f"\n{print_}\n".encode())
    return digest.hexdigest()


def test_doctrine_plans_unchanged() -> None:
    assert plans_digest() == EXPECTED


if __name__ == "__main__":
    print(plans_digest())
