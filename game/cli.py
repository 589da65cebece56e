"""The `anbar` command line: argument parsing and dispatch, nothing else.

Exit status: 0 success, 1 a problem with the input (scenario, save) or an output that
cannot be written (`> /dev/full`, a closed standard output), 2 usage,
130 interrupted (Ctrl+C), 141 the output pipe closed early (`anbar validate F |
head -1`): quietly, as any tool stopped by SIGPIPE.
"""

from __future__ import annotations

import argparse
import errno
import gc
import importlib
import os
import sys
from collections.abc import Callable, Collection, Sequence

from game import __version__

# game.engine.POLICIES, without importing the engine
POLICIES = ("doctrine", "reckless", "random", "idle")
SWITCHES = ("traps", "supply", "vbieds")  # game.engine.SWITCHES, likewise
UI_COMMANDS = frozenset({"play", "title"})  # the commands that open the terminal UI
CLOSED_PIPE = 141  # the status of a process that SIGPIPE stopped
SEED_DIGITS = 20  # as `game.data.limits.MAX_INT_DIGITS`: a save holds no longer number
MAX_RUNS = 10_000  # as `game.data.format.MAX_RUNS`, the most games a balance band plays
MAX_JOBS = 256  # --jobs above this is a mistake; any value runs on the usable cores at most
JOBS_HELP = (f"processes, 1 to {MAX_JOBS}; no more than the usable cores are started "
             "(default: every usable core); the report is the same whatever N")


def seed(text: str) -> int:
    """A game seed: a whole number a save can hold (2**64 has 20 digits)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid seed: '{text[:40]}'") from None
    if len(str(abs(value))) > SEED_DIGITS:
        raise argparse.ArgumentTypeError(f"a seed has at most {SEED_DIGITS} digits")
    return value


def _count(what: str, text: str, most: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: '{text[:40]}'") from None
    if not 1 <= value <= most:
        raise argparse.ArgumentTypeError(f"{what} must be from 1 to {most:,}")
    return value


def runs(text: str) -> int:
    """A number of games: 1 to MAX_RUNS."""
    return _count("games", text, MAX_RUNS)


def jobs(text: str) -> int:
    """A number of processes: 1 to MAX_JOBS (the lab starts no more than the cores)."""
    return _count("processes", text, MAX_JOBS)


def _usage_error(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Options that contradict each other: argparse's usage error (exit 2)."""
    if args.command == "play" and args.load is not None and args.scenario is not None:
        parser.error(f"play: give a SCENARIO or --load SAVE, not both ('{args.scenario}' "
                     f"and --load {args.load}): a save holds its own scenario")
    if args.command == "play" and args.load is not None and args.seed is not None:
        parser.error(f"play: --seed {args.seed} is for a new game; a save (--load "
                     f"{args.load}) goes on with its own seed")


SAVES_DIR_HELP = "save folder (default: $ANBAR_SAVES_DIR or ./saves)"


def _saves_dir_option(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """`--saves-dir DIR`, before the command or after it: the command's own copy has no
    default, so it only overrides the one before the command when it is given."""
    if top:
        parser.add_argument("--saves-dir", metavar="DIR", help=SAVES_DIR_HELP)
    else:
        parser.add_argument("--saves-dir", metavar="DIR", help=SAVES_DIR_HELP,
                            default=argparse.SUPPRESS)


def _save_name(text: str) -> str:
    """A save's name, checked as the save will check it: before the game, not after it."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a save needs a name")
    from game.data.problems import printable
    from game.data.saves import check_save_name

    try:
        return check_save_name(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(printable(str(error))) from None


def _play(play: argparse.ArgumentParser) -> None:
    play.add_argument("scenario", nargs="?", metavar="SCENARIO", help="a YAML path or built-in id")
    play.add_argument("--seed", type=seed, default=None, help="seed of the game's chance")
    play.add_argument("--load", metavar="SAVE", help="resume a save (a name or a path)")


def _validate(validate: argparse.ArgumentParser) -> None:
    validate.add_argument("files", nargs="+", metavar="FILE",
                          help="a scenario file, or a built-in scenario's id")
    validate.add_argument("--balance", action="store_true",
                          help="also play each file's declared balance band (balance:) and "
                               "fail outside it")
    validate.add_argument("--jobs", type=jobs, default=None, metavar="N",
                          help=f"with --balance: {JOBS_HELP}")


def _simulate(simulate: argparse.ArgumentParser) -> None:
    simulate.add_argument("scenario", metavar="SCENARIO")
    simulate.add_argument("--policy", choices=POLICIES, default="doctrine",
                          help="who plays the player's side (default: doctrine)")
    simulate.add_argument("--seed", type=seed, default=1, help="the first seed (default: 1)")
    simulate.add_argument("--runs", type=runs, default=1,
                          help=f"games to play, at most {MAX_RUNS:,} (default: 1)")
    simulate.add_argument("--jobs", type=jobs, default=None, metavar="N", help=JOBS_HELP)
    simulate.add_argument("--without", action="append", choices=SWITCHES, metavar="RULES",
                          help="switch a family of rules off: traps, supply or vbieds "
                               "(repeat for several)")
    simulate.add_argument("--json", action="store_true", help="one JSON object on stdout")
    simulate.add_argument("--save", metavar="NAME", type=_save_name,
                          help="with --runs 1: write the game as a save")


def _replay(replay: argparse.ArgumentParser) -> None:
    replay.add_argument("save", metavar="SAVE")
    shown = replay.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="one JSON object on stdout")
    shown.add_argument("--view", action="store_true",
                       help="watch the game day by day in the terminal UI")
    shown.add_argument("--report", choices=("md", "json"),
                       help="the after-action report on stdout, as Markdown or JSON")


def _serve(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("scenario", nargs="?", metavar="SCENARIO")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)


def _no_arguments(parser: argparse.ArgumentParser) -> None:
    pass


# Each command: its help, its description (None: the help's), its arguments, and
# whether it takes --saves-dir after its name.
_COMMANDS: dict[str, tuple[str, str | None, Callable[[argparse.ArgumentParser], None], bool]] = {
    "play": ("play a scenario (default: the western Anbar campaign)",
             "Play a scenario, or resume a save with --load (not both).", _play, True),
    "validate": ("check scenario files; print FILE:LINE:COL problems", None, _validate, True),
    "schema": ("print the JSON Schema of the scenario format", None, _no_arguments, False),
    "scenarios": ("list the built-in scenarios", None, _no_arguments, False),
    "simulate": ("play seeded games headless with a built-in policy", None, _simulate, True),
    "saves": ("list saves", None, _no_arguments, True),
    "replay": ("replay a save headless and check its fingerprint",
               "Replay a save headless and check every day's fingerprint; or watch it day "
               "by day (--view); or write its after-action report (--report).", _replay, True),
    "rules": ("print the game's rules (Markdown)", None, _no_arguments, False),
    "serve": ("serve the game to a web browser", None, _serve, True),
}


def build_parser(commands: Collection[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; with `commands`, only those commands (a parser each costs
    about a millisecond, mostly argparse's translated words): a start builds the parser
    of the one command it runs, not all nine."""
    parser = argparse.ArgumentParser(
        prog="anbar",
        description="Euphrates Road: retake Ana, Rawa and al-Qaim, autumn 2017.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _saves_dir_option(parser, top=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, (text, description, arguments, saves_dir) in _COMMANDS.items():
        if commands is None or name in commands:
            command = sub.add_parser(name, help=text, description=description)
            arguments(command)
            if saves_dir:
                _saves_dir_option(command)
    return parser


def _commands_named(words: Sequence[str]) -> set[str] | None:
    """The commands the arguments can run: those named in them. None (all of them) when
    none is named (the title, or a mistyped command: its error lists them all) or when
    help is asked for (the list of commands)."""
    named = {word for word in words if word in _COMMANDS}
    if not named or any(word in ("-h", "--help") for word in words):
        return None
    return named


# What a write to standard output fails with (a full disk, a descriptor opened for
# reading, a device that refuses): an error with no file name that no command handles.
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF,
                            errno.EINVAL, errno.EROFS, errno.EPERM, errno.EACCES})


def main(argv: Sequence[str] | None = None) -> int:
    if sys.stdout is None:  # started with standard output closed (`anbar ... >&-`)
        return cannot_write("standard output is closed")
    try:
        try:
            status = _run(argv)
        finally:
            sys.stdout.flush()  # here, not at exit (--help too), so a closed pipe is caught
    except BrokenPipeError:
        return closed_pipe()
    except OSError as error:
        if error.filename is not None or error.errno not in _OUTPUT_ERRORS:
            raise
        return cannot_write(error.strerror or str(error))
    return status


def cannot_write(reason: str) -> int:
    """The output cannot be written (`anbar schema > /dev/full`): one line on stderr,
    status 1, and what is left in the buffer dropped so that exit does not complain."""
    print(f"anbar: cannot write the output: {reason}", file=sys.stderr)
    _drop_output()
    return 1


def closed_pipe() -> int:
    """The reader of the output went away (`anbar validate F | head -1`): stop quietly,
    as a tool killed by SIGPIPE does (status 128 + 13), with no traceback."""
    _drop_output()
    return CLOSED_PIPE


def _drop_output() -> None:
    """Python would still flush standard output at exit and complain: point it at
    /dev/null first."""
    if sys.stdout is None:
        return
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):  # no file descriptor (a test's captured output)
        pass


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser(_commands_named(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    _usage_error(parser, args)
    command = args.command or "title"
    ui = command in UI_COMMANDS or (command == "replay" and args.view)
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
