"""`anbar replay SAVE [--json | --view | --report md|json]`: replay a save.

Headless, it checks every day's fingerprint: exit 0 when every day replays to
the fingerprint the save recorded, 1 when the save is bad or the replay drifts
(the message names the day). `--report` writes the after-action report of the
replayed game on stdout; `--view` opens it day by day in the terminal UI, once
the save has replayed exactly (a bad one is refused as without it), and exits 1
if the UI stops on an error.
"""

from __future__ import annotations

import argparse
import json
import sys

from game.data.problems import printable
from game.data.saves import SaveError, find_save, read_save, restore, saves_dir
from game.engine import GameState, fingerprint


def run(args: argparse.Namespace) -> int:
    folder = saves_dir(getattr(args, "saves_dir", None))
    try:
        save = read_save(find_save(args.save, folder))
    except SaveError as error:
        print(f"anbar replay: {error}", file=sys.stderr)
        if args.json:  # still one JSON object on stdout, for scripts
            print(json.dumps({"save": str(error.path), "error": error.reason,
                              "fingerprint_ok": False}, sort_keys=True))
        return 1
    summary: dict[str, object] = {
        "save": str(save.path),
        "scenario": save.scenario_id,
        "seed": save.seed,
        "day": save.day,
        "outcome": save.outcome,
        "fingerprint": save.final_fingerprint,
        "without": list(save.without),  # the rule switches it was played without
    }
    try:
        restored = restore(save, mornings=args.view)  # the view shows each morning
    except SaveError as error:
        summary.update(fingerprint_ok=False, error=error.reason)
        if error.day is not None:
            summary["drift_day"] = error.day
        ok = False
    else:
        summary.update(fingerprint=fingerprint(restored.state), fingerprint_ok=True,
                       day=restored.state.day, outcome=str(restored.state.outcome))
        ok = True
    if args.view and ok:
        # Checked above, before any UI: a bad save is refused as without --view. The app
        # shows the days replayed here; a crash in it is status 1 (`run_app`).
        from game.tui.app import create_app, run_app

        return run_app(create_app(replay=save.path, saves_folder=folder, game=restored),
                       "anbar replay")
    if args.report and ok:
        print(_report(args.report, restored.state, save.seed, str(save.path)), end="")
    elif args.json:
        print(json.dumps(summary, sort_keys=True))
    elif ok:
        from game.tui.wording import rules_off

        off = f", {rules_off(save.without)}" if save.without else ""
        print(printable(f"{save.path}: {save.scenario_id}, seed {save.seed}{off}, "
                        f"day {summary['day']}, {summary['outcome']}: replays exactly "
                        f"({len(save.plans)} days, fingerprint "
                        f"{str(summary['fingerprint'])[:16]})"))
    else:
        print(printable(f"anbar replay: {save.path}: {summary['error']}"), file=sys.stderr)
    return 0 if ok else 1


def _report(form: str, state: GameState, seed: int, save: str) -> str:
    from game.tui.aar import report_figures, report_json, report_markdown

    figures = report_figures(state)
    about = {"save": save, "scenario": state.scenario.id, "seed": seed}
    if form == "json":
        return report_json(figures, **about) + "\n"
    return report_markdown(figures, **about)
