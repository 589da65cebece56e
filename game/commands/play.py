"""`anbar play [SCENARIO] [--seed N] [--load SAVE]`: open a game directly.

A bad scenario or save is one line on stderr and exit status 1, before any UI starts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.common import check_scenario
from game.data import saves


def _fail(message: str) -> int:
    print(f"anbar play: {message}", file=sys.stderr)
    return 1


def check_save(arg: str, folder: Path) -> Path:
    """The save's path after reading and replaying it once; raises ValueError with one line."""
    try:
        path = saves.find_save(arg, folder)
        saves.restore(saves.read_save(path))
    except saves.SaveError as error:
        raise ValueError(str(error)) from None
    return path


def run(args: argparse.Namespace) -> int:
    folder = saves.saves_dir(getattr(args, "saves_dir", None))
    try:
        if args.load is not None:
            save = check_save(args.load, folder)
            scenario = None
        else:
            save = None
            scenario = check_scenario(args.scenario)
    except ValueError as error:
        return _fail(str(error))
    from game.tui.app import create_app

    create_app(scenario_path=scenario, seed=args.seed, load=save, saves_folder=folder).run()
    return 0
