"""`anbar scenarios`: the built-in scenarios as a table (id, title, days, places)."""

from __future__ import annotations

import argparse

from game.data.builtin import builtin_scenarios, scenarios_dir
from game.data.scenario import analyse_file


def run(args: argparse.Namespace) -> int:
    rows = [("ID", "TITLE", "DAYS", "PLACES")]
    status = 0
    for path in builtin_scenarios():
        analysis = analyse_file(path)
        scenario = analysis.scenario
        if scenario is None:
            errors = sum(1 for p in analysis.problems if p.is_error)
            rows.append((path.stem, f"(invalid: {errors} errors; run anbar validate)", "-", "-"))
            status = 1
            continue
        rows.append((path.stem, scenario.title, str(scenario.days), str(len(scenario.places))))
    if len(rows) == 1:
        print(f"no built-in scenarios in {scenarios_dir()}")
        return 1
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for ident, title, days, places in rows:
        print(f"{ident:<{widths[0]}}  {title:<{widths[1]}}  {days:>{widths[2]}}  {places:>6}")
    return status
