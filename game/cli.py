"""The `anbar` command line: argument parsing and dispatch, nothing else.

Exit status: 0 success, 1 a problem with the input (scenario, save), 2 usage.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import sys
from collections.abc import Sequence

from game import __version__

POLICIES = ("doctrine", "random", "idle")
UI_COMMANDS = frozenset({"play", "title"})  # the commands that open the terminal UI
SEED_DIGITS = 20  # as `game.data.limits.MAX_INT_DIGITS`: a save holds no longer number


def seed(text: str) -> int:
    """A game seed: a whole number a save can hold (2**64 has 20 digits)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid seed: '{text[:40]}'") from None
    if len(str(abs(value))) > SEED_DIGITS:
        raise argparse.ArgumentTypeError(f"a seed has at most {SEED_DIGITS} digits")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="anbar",
        description="Euphrates Road: retake Ana, Rawa and al-Qaim, autumn 2017.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--saves-dir",
        metavar="DIR",
        help="save folder (default: $ANBAR_SAVES_DIR or ./saves)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = sub.add_parser("play", help="play a scenario (default: the western Anbar campaign)")
    play.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a YAML path or built-in id")
    play.add_argument("--seed", type=seed, default=None, help="seed of the game's chance")
    play.add_argument("--load", metavar="SAVE", help="resume a save (a name or a path)")

    validate = sub.add_parser("validate", help="check scenario files; print FILE:LINE:COL problems")
    validate.add_argument("files", nargs="+", metavar="FILE")

    sub.add_parser("schema", help="print the JSON Schema of the scenario format")
    sub.add_parser("scenarios", help="list the built-in scenarios")

    simulate = sub.add_parser("simulate", help="play seeded games headless with a built-in policy")
    simulate.add_argument("scenario", metavar="SCENARIO")
    simulate.add_argument("--policy", choices=POLICIES, default="doctrine")
    simulate.add_argument("--seed", type=seed, default=1)
    simulate.add_argument("--runs", type=int, default=1)
    simulate.add_argument("--json", action="store_true", help="one JSON object on stdout")
    simulate.add_argument("--save", metavar="NAME", help="with --runs 1: write the game as a save")

    sub.add_parser("saves", help="list saves")

    replay = sub.add_parser("replay", help="replay a save headless and check its fingerprint")
    replay.add_argument("save", metavar="SAVE")
    replay.add_argument("--json", action="store_true", help="one JSON object on stdout")

    serve = sub.add_parser("serve", help="serve the game to a web browser")
    serve.add_argument("scenario", nargs="?", metavar="SCENARIO")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = args.command or "title"
    ui = command in UI_COMMANDS
    if ui:
        # Until its first frame the game only builds (modules, the scenario, the
        # widgets) and frees almost nothing: collecting garbage then is wasted work,
        # about a tenth of the start. The app turns collection back on after it.
        gc.disable()
    try:
        module = importlib.import_module(f"game.commands.{command}")
        status: int = module.run(args)
    except KeyboardInterrupt:
        return 130
    finally:
        if ui:
            gc.enable()  # a game that stopped before its first frame, too
    return status


if __name__ == "__main__":
    sys.exit(main())
