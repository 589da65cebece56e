"""Engine figures: one day of the default scenario, doctrine games a second, a 10,000-place day.

    python bench/bench_engine.py [--quick] [--json]

Prints the figures (or one JSON object: day_ms, games_per_s, day_large_s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.data.scenario import load_scenario, parse_scenario  # noqa: E402
from game.engine import apply_plan, choose_plan, new_game, play_game  # noqa: E402


def day_ms(repeats: int) -> float:
    scenario = load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")
    state = new_game(scenario, 1)
    for _ in range(4):  # into the campaign, where plans are full
        state, _ = apply_plan(state, choose_plan("doctrine", state))
    plan = choose_plan("doctrine", state)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        apply_plan(state, plan)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def games_per_s(games: int) -> float:
    scenario = load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")
    start = time.perf_counter()
    for seed in range(games):
        play_game(scenario, seed, "doctrine")
    return games / (time.perf_counter() - start)


def day_large_s(repeats: int) -> float:
    from bench.gen_scenario import generate

    scenario = parse_scenario(generate(10_000, 15_000, seed=1), "synthetic.yaml")
    state = new_game(scenario, 1)
    plan = choose_plan("doctrine", state)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        apply_plan(state, plan)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = {
        "day_ms": round(day_ms(50 if args.quick else 300), 3),
        "games_per_s": round(games_per_s(10 if args.quick else 40), 2),
        "day_large_s": round(day_large_s(3 if args.quick else 7), 3),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"one day, default scenario, median: {figures['day_ms']} ms (target < 5)")
        print(f"doctrine games per second:         {figures['games_per_s']} (target >= 20)")
        print(f"one day, 10,000 places, median:    {figures['day_large_s']} s (target < 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
