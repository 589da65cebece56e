"""`anbar validate [--balance] [--jobs N] FILE...`: every problem of every file,
FILE:LINE:COL: path: message.

FILE is a path, or a built-in scenario's id (`tutorial`), as for `anbar play`.

Everything goes to stdout, problems first, then one `FILE: ok (...)` line for
each file with no error, so the output reads (and greps) as one report. With
--balance, a file without error that declares a balance band (`balance:`) has
its games played (as `anbar simulate` plays them) and fails when the policy's
win rate falls outside the band.
Exit status: 0 when no file has an error (warnings allowed) and every band
holds, 1 otherwise; argparse gives 2 for usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.opening import opening_note
from game.data.builder import BalanceBand
from game.data.problems import Problem, printable
from game.data.scenario import analyse_file
from game.engine import Scenario


def _builtin_or_path(name: str) -> str:
    """A built-in scenario's id (`tutorial`) names its file, as for `play`; a path stays."""
    if Path(name).exists():
        return name
    from game.data.builtin import builtin_scenarios

    found = next((p for p in builtin_scenarios() if p.stem == name), None)
    return name if found is None else str(found)


def run(args: argparse.Namespace) -> int:
    status = 0
    for name in args.files:
        if not name:  # not the current folder, which Path("") is
            print("'': the name is empty: not a scenario file or a built-in scenario's id")
            status = 1
            continue
        name = _builtin_or_path(name)
        with opening_note("anbar validate", name):
            analysis = analyse_file(name)
        for problem in analysis.problems:
            print(problem)
        scenario = analysis.scenario
        if scenario is None:
            status = 1
            continue
        warnings = len(analysis.problems)
        note = f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else ""
        print(printable(f"{name}: ok ({len(scenario.places)} places, "
                        f"{len(scenario.roads)} roads{note})"))
        if args.balance:
            if analysis.balance is None:
                print(printable(f"{name}: no balance band declared (add balance: to check one)"))
            elif not check_band(name, scenario, analysis.balance, args.jobs):
                status = 1
    return status


def check_band(name: str, scenario: Scenario, band: BalanceBand, jobs: int | None) -> bool:
    """Play the band's games; print how they went against it; True when within it."""
    from game.commands.lab import play_many  # only --balance pays for the lab
    from game.engine.balance import aggregate

    seeds = range(band.seed, band.seed + band.runs)
    games = play_many(scenario, band.policy, seeds, jobs=jobs, progress=sys.stderr)
    report = aggregate(scenario, band.policy, band.seed, games)
    low, high = report.win_interval
    played = (f"{band.policy} won {report.wins} of {report.runs} games "
              f"({report.win_rate:.0%}; 95% interval {low:.0%}-{high:.0%}; "
              f"seeds {band.seed}..{band.seed + band.runs - 1})")
    wanted = f"{band.low:.0%}..{band.high:.0%}"
    if band.low - 1e-9 <= report.win_rate <= band.high + 1e-9:
        print(printable(f"{name}: balance ok: {played}, within {wanted}"))
        return True
    print(Problem(name, band.line, band.col, "balance.win_rate",
                  f"{played}: outside the declared band {wanted}; see anbar simulate "
                  f"{name} --policy {band.policy} --runs {band.runs} --seed {band.seed}"))
    return False
