"""`anbar play [SCENARIO] [--seed N] [--load SAVE]`: open a game directly.

A bad scenario or save is one line on stderr and exit status 1, before any UI starts.
A crash inside the game exits with status 1, the error on stderr (`run_app`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.common import open_scenario
from game.commands.opening import opening_note
from game.data import saves
from game.data.problems import printable


def _fail(message: str) -> int:
    print(printable(f"anbar play: {message}"), file=sys.stderr)
    return 1


def open_save(arg: str, folder: Path) -> saves.RestoredGame:
    """The game in a save, read and replayed once; raises ValueError with one line."""
    try:
        path = saves.find_save(arg, folder)
        with opening_note("anbar play", path):
            return saves.restore(saves.read_save(path))
    except saves.SaveError as error:
        raise ValueError(str(error)) from None


def run(args: argparse.Namespace) -> int:
    folder = saves.saves_dir(getattr(args, "saves_dir", None))
    # The game is opened here, once, so that a bad file stops before any UI; the
    # app starts on it rather than reading and checking the file a second time.
    try:
        if args.load is not None:
            game = open_save(args.load, folder)
        else:
            game = saves.opened(*open_scenario(args.scenario, args.seed, "anbar play"))
    except ValueError as error:
        return _fail(str(error))
    from game.tui.app import create_app, run_app

    return run_app(create_app(game=game, seed=args.seed, saves_folder=folder), "anbar play")
