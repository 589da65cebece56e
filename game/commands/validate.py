"""`anbar validate FILE...`: every problem of every file, FILE:LINE:COL: path: message.

FILE is a path, or a built-in scenario's id (`tutorial`), as for `anbar play`.

Everything goes to stdout, problems first, then one `FILE: ok (...)` line for
each file with no error, so the output reads (and greps) as one report.
Exit status: 0 when no file has an error (warnings allowed), 1 otherwise;
argparse gives 2 for usage errors.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from game.data.problems import printable
from game.data.scenario import analyse_file


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
        name = _builtin_or_path(name)
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
    return status
