"""Measure every performance target of the game in one run, side by side.

    python bench/run.py [--quick] [--json]

Each figure comes from one of the bench scripts beside this file, run in its
own process (so start-up and peak memory are its own) with `--json`. Timings
are medians of repeated runs; `--quick` repeats less and finishes in under a
minute. With `--json`, one JSON object: each figure under its name (the unit
is in the name), and `targets` saying for each whether it meets its target.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent


@dataclass(frozen=True)
class Target:
    figure: str  # the JSON key, unit in the name
    label: str
    limit: float
    at_least: bool = False  # True: the figure must reach the limit; False: stay under it

    def met(self, value: float) -> bool:
        return value >= self.limit if self.at_least else value <= self.limit

    def describe(self) -> str:
        return f"{'>=' if self.at_least else '<='} {self.limit:g}"


TARGETS = (
    Target("startup_ratio", "start-up, game screen / bare Textual app", 1.5),
    Target("keypress_ms", "map cursor keypress to repaint, median ms", 50),
    Target("day_ms", "one day of the default scenario, median ms", 5),
    Target("games_per_s", "doctrine games per second, default scenario", 50, at_least=True),
    Target("doctrine_minstr_per_game", "doctrine game, M instructions (callgrind)", 50),
    Target("validate_large_s", "load + validate 10,000 places / 15,000 roads, s", 2),
    Target("validate_large_mb", "peak memory of that load, MB", 300),
    Target("day_large_s", "one day on the 10,000-place scenario, s", 1),
    Target("save_ms", "save a 60-day game, ms", 200),
    Target("load_ms", "load (and replay) a 60-day game, ms", 200),
    Target("simulate_200_s", "simulate the campaign, 200 runs, every core, s", 10),
    Target("simulate_speedup", "the same, --jobs 1 time / every core's", 1.7, at_least=True),
    Target("simulate_identical", "the same JSON whatever the jobs (1 = yes)", 1, at_least=True),
)

# Which script gives which figures. Each prints one JSON object with --json.
SCRIPTS = (
    ("bench_tui.py", ("startup_ratio", "startup_game_ms", "startup_bare_ms", "keypress_ms")),
    ("bench_engine.py", ("day_ms", "games_per_s", "day_large_s",
                         "doctrine_minstr_per_game")),
    ("bench_validate.py", ("validate_large_s", "validate_large_mb")),
    ("bench_saves.py", ("save_ms", "load_ms")),
    ("bench_simulate.py", ("simulate_200_s", "simulate_1job_s", "simulate_speedup",
                           "simulate_identical")),
)


def run_script(name: str, quick: bool) -> tuple[dict[str, float], str | None]:
    """Run one bench script; return its figures, or an error to report."""
    script = BENCH / name
    if not script.exists():
        return {}, f"{name} is missing"
    command = [sys.executable, str(script), "--json", *(["--quick"] if quick else [])]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {}, f"{name} failed: {last}"
    try:
        figures = json.loads(result.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        return {}, f"{name} printed no JSON object"
    return {k: float(v) for k, v in figures.items() if isinstance(v, int | float)}, None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: under a minute")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    figures: dict[str, float] = {}
    errors: list[str] = []
    for name, _keys in SCRIPTS:
        values, error = run_script(name, args.quick)
        figures.update(values)
        if error:
            errors.append(error)
    elapsed = time.perf_counter() - started

    verdicts = {t.figure: (t.met(figures[t.figure]) if t.figure in figures else None)
                for t in TARGETS}
    if args.json:
        print(json.dumps({**figures, "targets": verdicts, "errors": errors,
                          "quick": args.quick, "seconds": round(elapsed, 1)}, sort_keys=True))
    else:
        print(f"{'figure':<52} {'value':>10}  {'target':>9}  ok")
        for t in TARGETS:
            value = figures.get(t.figure)
            shown = f"{value:10.3g}" if value is not None else f"{'-':>10}"
            mark = {True: "yes", False: "NO", None: "-"}[verdicts[t.figure]]
            print(f"{t.label:<52} {shown}  {t.describe():>9}  {mark}")
        for error in errors:
            print(f"not measured: {error}")
        print(f"({elapsed:.0f} s{', quick' if args.quick else ''})")
    return 0 if not errors and all(v for v in verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
