"""`anbar serve [--host H] [--port P] [SCENARIO]`: play in a web browser.

Each browser tab that opens the page gets its own game, `anbar play [SCENARIO]`
run by this same Python, with the same save folder as the terminal game (the
global --saves-dir is passed on; $ANBAR_SAVES_DIR is inherited). The scenario
is checked before the server starts. Exit status: 0 after Ctrl+C or SIGTERM,
1 a bad scenario or an address that cannot be bound, 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from game.commands.common import check_scenario
from game.tui.serve import GameServer, ServeError, is_loopback, page_address, play_command


def _fail(message: str, status: int = 1) -> int:
    print(f"anbar serve: {message}", file=sys.stderr)
    return status


def scenario_argument(arg: str | None) -> str | None:
    """The SCENARIO to pass on to each game (a file as an absolute path, a built-in
    by its id), after loading it once; raises ValueError with one line."""
    check_scenario(arg)
    if arg is None:
        return None
    return str(Path(arg).resolve()) if Path(arg).is_file() else arg


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.port <= 65535:
        print("usage: anbar serve [-h] [--host HOST] [--port PORT] [SCENARIO]", file=sys.stderr)
        return _fail(f"argument --port: {args.port} is not a port number (1-65535)", 2)
    try:
        scenario = scenario_argument(args.scenario)
    except ValueError as error:
        return _fail(str(error))
    saves_dir = args.saves_dir
    if saves_dir is not None:
        saves_dir = str(Path(saves_dir).resolve())

    address = page_address(args.host, args.port)

    def announce() -> None:
        print(f"anbar serve: listening on {args.host} port {args.port}", flush=True)
        print(f"anbar serve: open {address} in a web browser; each tab plays its own game")
        if not is_loopback(args.host):
            print(
                f"anbar serve: warning: {args.host} is not a loopback address: anyone who can "
                f"reach this machine on port {args.port} can start games here",
                flush=True,
            )
        print("anbar serve: press Ctrl+C to stop", flush=True)

    server = GameServer(
        play_command(scenario, saves_dir), host=args.host, port=args.port, announce=announce
    )
    try:
        server.serve()
    except ServeError as error:
        return _fail(str(error))
    except KeyboardInterrupt:
        pass
    print("anbar serve: stopped", flush=True)
    return 0
