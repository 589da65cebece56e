"""Measure every performance target of the game in one run, side by side.

    python bench/run.py [--quick] [--json]

Each figure comes from one of the bench scripts beside this file, run in its
own process (so start-up and peak memory are its own) with `--json`. Timings
are medians of repeated runs; `--quick` repeats less and finishes in under a
minute (but for bench_scale.py's 100,000 places). With `--json`, one JSON object:
each figure under its name (the unit is in the name), and `targets`: for each
target its label, its limit, the value measured and its verdict ("met",
"missed" or "not measured"). `--only bench_scale.py` runs some scripts only.
Timings the machine makes noisy are ratios measured side by side, CPU time, or
instruction counts.
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


# Issue 16's targets first, then the earlier ones. A figure is a key of the JSON object
# a script in SCRIPTS prints; a target whose figure no script printed is "not measured".
# To add a figure: a Target here (its key carries its unit) and the script in SCRIPTS.
TARGETS = (
    # The default campaign (bench_engine.py, bench_tui.py; instruction counts where noisy).
    Target("doctrine_minstr_per_game", "doctrine: million instructions a game", 50),
    Target("games_per_s", "doctrine games per second, one core", 50, at_least=True),
    Target("startup_instr_ratio", "start-up, warm, game / bare app, by instructions", 1.3),
    Target("startup_first_instr_ratio", "start-up, first (no cache), by instructions", 1.4),
    Target("startup_ratio", "start-up, warm, game / bare app, wall time", 1.3),
    Target("startup_first_ratio", "start-up, first (no cache), wall time", 1.4),
    Target("cursor_cpu_ratio", "10k places: cursor key CPU / bare app's repaint CPU", 2),
    Target("cursor_layouts", "10k places: whole-screen re-layouts per cursor key", 0),
    # 10,000 places (bench_scale.py; the screen's from bench_map.py, run by bench_map_growth.py).
    Target("validate_10k_ratio", "load + validate 10k places / PyYAML compose", 1.3),
    Target("first_frame_10k_s", "10k places: game screen's first frame, s", 2),
    Target("overlay_10k_ms", "10k places: an overlay toggle, ms", 100),
    Target("cursor_10k_ms", "10k places: a cursor key, ms", 100),
    Target("menu_unit_frame_10k_ms", "10k places: a unit's operation menu, ms", 200),
    Target("menu_air_frame_10k_ms", "10k places: an air asset's operation menu, ms", 200),
    Target("legal_ops_10k_ms", "10k places: legal_operations, slowest owner, ms", 100),
    Target("day_50_10k_ms", "10k places: a day with a 50-line plan, ms", 300),
    Target("new_game_10k_ms", "10k places: new_game, ms", 300),
    Target("restore_10k_ms", "10k places: restore a 10-day save, ms", 300),
    Target("autosave_10k_ms", "10k places: an autosave, ms", 100),
    Target("collector_planning_10k_ms",
           "10k places: longest collector pause while planning, 6 days, ms", 50),
    Target("doctrine_10k_lines", "10k places: lines of the doctrine's day-1 plan", 1,
           at_least=True),
    # 100,000 places, and growth from 10,000 to 100,000 (time ~ N^k; n log n is 1.1).
    Target("start_100k_s", "100k places: load, validate and start, s", 20),
    Target("start_100k_mb", "100k places: peak memory of that, MB", 700),
    *(Target(f"growth_{name}", f"growth 10k->100k, exponent: {name}", 1.2)
      for name in ("load", "start", "new_game", "restore", "autosave", "legal_ops",
                   "day_50", "doctrine", "first_frame", "overlay", "cursor", "menu_unit",
                   "menu_air")),
    # Earlier targets (the README's first table).
    Target("keypress_ms", "map cursor keypress to repaint, median ms", 50),
    Target("day_ms", "one day of the default scenario, median ms", 5),
    Target("save_ms", "save a 60-day game, ms", 200),
    Target("load_ms", "load (and replay) a 60-day game, ms", 200),
    Target("simulate_200_s", "simulate the campaign, 200 runs, every core, s", 10),
    Target("simulate_speedup", "the same, --jobs 1 time / every core's", 1.7, at_least=True),
    Target("simulate_identical", "the same JSON whatever the jobs (1 = yes)", 1, at_least=True),
)

# Which script gives which figures. Each prints one JSON object with --json (its last
# line), with an optional "errors" list of what it could not measure.
SCRIPTS = (
    ("bench_tui.py", ("startup_ratio", "startup_first_ratio", "startup_game_ms",
                      "startup_bare_ms", "keypress_ms")),
    ("bench_startup.py", ("startup_instr_ratio", "startup_first_instr_ratio",
                          "startup_game_minstr", "startup_bare_minstr")),
    ("bench_engine.py", ("day_ms", "games_per_s", "day_large_s", "doctrine_minstr_per_game")),
    ("bench_saves.py", ("save_ms", "load_ms", "autosave_ms")),
    ("bench_map_growth.py", ("first_frame_10k_s", "overlay_10k_ms", "cursor_10k_ms",
                             "cursor_cpu_ratio", "cursor_layouts", "menu_unit_frame_10k_ms",
                             "menu_air_frame_10k_ms", "growth_first_frame")),
    ("bench_scale.py", ("validate_10k_ratio", "load_10k_s", "compose_10k_s", "new_game_10k_ms",
                        "restore_10k_ms", "autosave_10k_ms", "legal_ops_10k_ms",
                        "day_50_10k_ms", "doctrine_10k_lines", "start_100k_s",
                        "start_100k_mb", "growth_load")),
    ("bench_collector.py", ("collector_planning_10k_ms",)),
    ("bench_simulate.py", ("simulate_200_s", "simulate_1job_s", "simulate_speedup",
                           "simulate_identical")),
)


def run_script(name: str, quick: bool) -> tuple[dict[str, float], list[str]]:
    """Run one bench script; return its figures, and the errors to report."""
    script = BENCH / name
    if not script.exists():
        return {}, [f"{name} is missing"]
    command = [sys.executable, str(script), "--json", *(["--quick"] if quick else [])]
    try:
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True,
                                timeout=1800)
    except subprocess.TimeoutExpired:
        return {}, [f"{name} took over 30 minutes: stopped"]
    try:
        figures = json.loads(result.stdout.strip().splitlines()[-1])
    except (json.JSONDecodeError, IndexError):
        last = (result.stderr.strip().splitlines() or ["no output"])[-1]
        return {}, [f"{name} failed: {last}"]
    errors = [f"{name}: {e}" for e in figures.get("errors", []) if isinstance(e, str)]
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["exit status"])[-1]
        errors.append(f"{name} failed: {last}")
    return {k: float(v) for k, v in figures.items()
            if isinstance(v, int | float) and not isinstance(v, bool)}, errors


def verdict(target: Target, figures: dict[str, float]) -> str:
    value = figures.get(target.figure)
    if value is None:
        return "not measured"
    return "met" if target.met(value) else "missed"


def report(figures: dict[str, float]) -> dict[str, dict[str, object]]:
    """Each target: its label, limit, measured value and verdict."""
    return {t.figure: {"label": t.label, "target": t.describe(),
                       "value": figures.get(t.figure), "verdict": verdict(t, figures)}
            for t in TARGETS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats: under a minute")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--only", default="",
                        help="comma-separated bench scripts to run (default: all)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    figures: dict[str, float] = {}
    errors: list[str] = []
    chosen = {name.strip() for name in args.only.split(",") if name.strip()}
    for name, _keys in SCRIPTS:
        if chosen and name not in chosen:
            continue
        values, found = run_script(name, args.quick)
        figures.update(values)
        errors += found
    elapsed = time.perf_counter() - started

    targets = report(figures)
    if args.json:
        print(json.dumps({**figures, "targets": targets, "errors": errors,
                          "quick": args.quick, "seconds": round(elapsed, 1)}, sort_keys=True))
    else:
        print(f"{'figure':<52} {'value':>10}  {'target':>9}  verdict")
        for t in TARGETS:
            value = figures.get(t.figure)
            shown = f"{value:10.3g}" if value is not None else f"{'-':>10}"
            print(f"{t.label:<52} {shown}  {t.describe():>9}  {targets[t.figure]['verdict']}")
        for error in errors:
            print(f"not measured: {error}")
        print(f"({elapsed:.0f} s{', quick' if args.quick else ''})")
    met = all(entry["verdict"] == "met" for entry in targets.values())
    return 0 if not errors and met else 1


if __name__ == "__main__":
    sys.exit(main())
