"""`anbar saves`: list the saves of the save folder, newest first."""

from __future__ import annotations

import argparse

from game.data.saves import list_saves, saves_dir


def run(args: argparse.Namespace) -> int:
    folder = saves_dir(getattr(args, "saves_dir", None))
    infos = list_saves(folder)
    if not infos:
        print(f"no saves in {folder}")
        return 0
    print(f"{'NAME':<20} {'SCENARIO':<20} {'DAY':>4} {'OUTCOME':<11} SAVED (UTC)")
    for info in infos:
        if info.error is not None:
            print(f"{info.name:<20} unreadable: {info.error}")
            continue
        outcome = info.outcome or "in progress"
        print(f"{info.name:<20} {info.scenario_id:<20} {info.day:>4} {outcome:<11} {info.saved_at}")
    return 0
