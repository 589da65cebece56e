"""`anbar` with no command: the title screen, where the player picks a scenario."""

from __future__ import annotations

import argparse

from game.data import saves


def run(args: argparse.Namespace) -> int:
    from game.tui.app import create_app, run_app

    folder = saves.saves_dir(getattr(args, "saves_dir", None))
    return run_app(create_app(saves_folder=folder), "anbar")
