"""Engine figures: one day of the default scenario, doctrine games a second, a 10,000-place day.

    python bench/bench_engine.py [--quick] [--json]

Prints the figures (or one JSON object: day_ms, games_per_s, day_large_s and, where
valgrind is installed, doctrine_minstr_per_game: the millions of instructions one
doctrine game of the default campaign takes, counted by callgrind, which gives the
same figure on every run where wall time swings by a third; a game once the engine's
modules are imported, compiled and warm, as every game after a session's first is).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
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


def play_games(games: int) -> None:
    """Play doctrine games of the default campaign, seeds 1 to `games` (callgrind's subject)."""
    scenario = load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")
    for seed in range(1, games + 1):
        play_game(scenario, seed, "doctrine")


def instructions(games: int) -> int:
    """Instructions callgrind counts for a process that plays `games` doctrine games."""
    with tempfile.TemporaryDirectory(prefix="bench-engine-") as tmp:
        out = Path(tmp) / "callgrind.out"
        subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
             str(Path(__file__).resolve()), "--play", str(games)],
            cwd=ROOT, check=True, capture_output=True, timeout=1200)
        for line in out.read_text().splitlines():
            if line.startswith("summary:"):
                return int(line.split()[1])
    raise RuntimeError("callgrind wrote no summary")


def doctrine_minstr_per_game(games: int) -> float | None:
    """Millions of instructions a doctrine game takes, start-up and the first game taken
    away: (the count for 1 + `games` games - the count for one) / `games`. The first game
    imports the modules only a game needs, and compiles them where no bytecode is cached
    (about 70 M instructions, a game's third): a cost of the process, not of a game.
    None without valgrind."""
    if shutil.which("valgrind") is None:
        return None
    return (instructions(1 + games) - instructions(1)) / games / 1e6


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
    parser.add_argument("--play", type=int, metavar="N",
                        help="only play N doctrine games (what callgrind counts)")
    args = parser.parse_args()
    if args.play is not None:
        play_games(args.play)
        return 0
    figures = {
        "day_ms": round(day_ms(50 if args.quick else 300), 3),
        "games_per_s": round(games_per_s(10 if args.quick else 40), 2),
        "day_large_s": round(day_large_s(3 if args.quick else 7), 3),
    }
    minstr = doctrine_minstr_per_game(2 if args.quick else 4)
    if minstr is not None:
        figures["doctrine_minstr_per_game"] = round(minstr, 1)
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"one day, default scenario, median: {figures['day_ms']} ms (target < 5)")
        print(f"doctrine games per second:         {figures['games_per_s']} (target >= 50)")
        if minstr is not None:
            print(f"doctrine game, M instructions:     {figures['doctrine_minstr_per_game']}"
                  " (target <= 50)")
        else:
            print("doctrine game, M instructions:     not measured (no valgrind)")
        print(f"one day, 10,000 places, median:    {figures['day_large_s']} s (target < 1)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
