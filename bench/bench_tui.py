"""Start-up and keypress latency of the game's UI.

    python bench/bench_tui.py [--runs 9] [--presses 50] [--quick] [--json]

Start-up: a fresh Python process starts the game as `anbar play` does, on the
default scenario (seed 1), and stamps the wall clock when the first full frame
of the game screen is painted; another starts a bare Textual app that shows one
Label and stamps its first frame. Both run headless, alternately, `--runs`
times; the figures are the median times from launching the interpreter to that
frame, and their ratio (target: at most 1.5). Also reported: the time to
`settled` (the pilot finds the app idle after that frame) and to the process's
exit (`*_process_ms`). The game starts as a player's second and later starts do,
with the checked scenario in its cache (as Python's bytecode is); a third child
starts it with no cache, as the first start after an install or a change to the
scenario does (`startup_first_ms`: the YAML parsed, checked and cached).

Keypress: on the default scenario at 120x40 (run_test), a map-cursor key event
is handed to the driver as a terminal's would be; `keypress_ms` is the time to
the frame that shows the cursor moved (target: under 50 ms), and
`keypress_settled_ms` the time to the last frame the key causes (the details
panel follows the cursor by message, a frame or two later). Medians over
`--presses` moves; a key that hits the map's edge turns and is not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_SCENARIO = ROOT / "scenarios" / "western-anbar-2017.yaml"
CURSOR_KEYS = ("left", "up", "right", "down")

# Each child stamps the wall clock twice: when the compositor paints the first
# full frame of the screen of interest (App._display receives it; headless, the
# terminal write is skipped for both alike), and when the pilot finds the app idle
# after it (pending messages handled, a 20 ms slice without work: `settled`).
STAMPS = """
import sys, time
from textual.app import App

painted = []
display = App._display

def stamp_first_frame(app, screen, renderable):
    if renderable is not None and not painted and full_frame(screen):
        painted.append(time.time())
    return display(app, screen, renderable)

App._display = stamp_first_frame

async def settle(pilot):
    while not painted:
        await pilot.pause(0.005)
    await pilot.pause()
    print(painted[0], time.time(), flush=True)
    pilot.app.exit()

run = App.run
App.run = lambda app: run(app, headless=True, size=(120, 40), auto_pilot=settle)
"""

BARE_CHILD = STAMPS + """
from textual.widgets import Label

def full_frame(screen):
    return True

class Bare(App):
    def compose(self):
        yield Label("Euphrates Road")

Bare().run()
"""

# The game starts as a player starts it, through `anbar play` (game.cli.main: the
# scenario opened and checked once, then the app); only App.run is made headless.
# Its first full frame is the game screen's with the log written (the log wraps to
# its width, so it is filled one refresh after the first layout). Textual is
# imported before `anbar` runs, which if anything flatters the bare app.
GAME_CHILD = STAMPS + """
sys.path.insert(0, {root!r})

def full_frame(screen):
    if type(screen).__name__ != "GameScreen":
        return False
    logs = screen.query("#game-log")
    return bool(logs) and logs.first().line_count > 0

from game.cli import main
sys.exit(main(["--saves-dir", {saves!r}, "play", {scenario!r}, "--seed", "1"]))
"""


# An installed game has its bytecode compiled (pip does it at install time); a
# PYTHONDONTWRITEBYTECODE environment would make the game, and not Textual
# (compiled in site-packages), pay for compiling its sources at every start.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_child(code: str, cache: str = "") -> tuple[float, float, float]:
    """One fresh interpreter running `code`: launch to its first full frame, launch
    to settled, launch to exit, in ms. `cache`: the scenario cache's folder ("": off)."""
    env = {**CHILD_ENV, "ANBAR_CACHE_DIR": cache}
    launched = time.time()
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120,
                          env=env, capture_output=True, text=True)
    process_ms = (time.perf_counter() - started) * 1000
    frame, settled = (float(word) for word in done.stdout.split()[-2:])
    return (frame - launched) * 1000, (settled - launched) * 1000, process_ms


def startup(runs: int, saves: str) -> dict[str, float]:
    game_code = GAME_CHILD.format(root=str(ROOT), scenario=str(DEFAULT_SCENARIO), saves=saves)
    cache = str(Path(saves) / "cache")
    # One untimed run of each warms the disk cache and the bytecode caches, and puts the
    # checked scenario in the game's cache, as a player's first start does.
    time_child(BARE_CHILD)
    time_child(game_code, cache)
    bare: list[tuple[float, float, float]] = []
    game: list[tuple[float, float, float]] = []
    first: list[tuple[float, float, float]] = []  # with no cache: a first start
    for _ in range(runs):  # alternately, so a slow spell of the machine hits all
        bare.append(time_child(BARE_CHILD))
        game.append(time_child(game_code, cache))
        first.append(time_child(game_code))

    def median(runs: list[tuple[float, float, float]], which: int) -> float:
        return statistics.median(run[which] for run in runs)

    figures: dict[str, float] = {}
    for which, name in enumerate(("", "_settled", "_process")):
        figures[f"startup_game{name}_ms"] = round(median(game, which), 1)
        figures[f"startup_bare{name}_ms"] = round(median(bare, which), 1)
    figures["startup_first_ms"] = round(median(first, 0), 1)
    figures["startup_ratio"] = round(median(game, 0) / median(bare, 0), 3)
    figures["startup_first_ratio"] = round(median(first, 0) / median(bare, 0), 3)
    figures["startup_settled_ratio"] = round(median(game, 1) / median(bare, 1), 3)
    return figures


async def keypress(presses: int, saves: str) -> dict[str, float]:
    """Key event in, repaint out: the key goes to the driver's queue as a terminal's
    would, and the clock stops when the screen's compositor has painted the change.
    (The pilot's own `press` adds ~60 ms of idle-waiting of its own, so it is not
    used as the stopwatch.)"""
    from textual import events

    from game.tui.app import create_app

    app = create_app(scenario_path=DEFAULT_SCENARIO, seed=1, saves_folder=Path(saves))
    timings: list[float] = []  # key to the frame that shows the cursor moved
    settled: list[float] = []  # key to the last frame it causes (the details panel)
    async with app.run_test(size=(120, 40)) as pilot:
        while type(app.screen).__name__ != "GameScreen":
            await pilot.pause(0.005)
        await pilot.pause()
        screen = app.screen
        painted = asyncio.Event()
        paint = screen._compositor_refresh

        last_paint = [0.0]

        def refresh_and_signal() -> None:
            paint()
            last_paint[0] = time.perf_counter()
            painted.set()

        screen._compositor_refresh = refresh_and_signal  # type: ignore[method-assign]
        keys = itertools.cycle(CURSOR_KEYS)
        key = next(keys)
        misses = 0
        while len(timings) < presses and misses < 4 * presses:
            await pilot.pause()
            before = screen.map.selected  # type: ignore[attr-defined]
            painted.clear()
            started = time.perf_counter()
            assert app._driver is not None
            app._driver.send_message(events.Key(key, None))
            moved = False
            try:
                while not moved:
                    await asyncio.wait_for(painted.wait(), timeout=0.5)
                    painted.clear()
                    moved = screen.map.selected != before  # type: ignore[attr-defined]
                cursor_at = last_paint[0]
                # The details panel follows by message: wait for the last paint.
                while True:
                    await asyncio.wait_for(painted.wait(), timeout=0.1)
                    painted.clear()
            except TimeoutError:
                pass
            if moved:
                timings.append((cursor_at - started) * 1000)
                settled.append((last_paint[0] - started) * 1000)
            else:  # the edge of the map that way: turn
                misses += 1
                key = next(keys)
            if len(timings) % 3 == 0:
                key = next(keys)
    return {
        "keypress_ms": round(statistics.median(timings), 2),
        "keypress_max_ms": round(max(timings), 2),
        "keypress_settled_ms": round(statistics.median(settled), 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="start-ups of each app")
    parser.add_argument("--presses", type=int, default=50, help="cursor key presses")
    parser.add_argument("--quick", action="store_true", help="fewer runs (5 start-ups)")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)
    runs = 5 if args.quick else args.runs

    import tempfile

    with tempfile.TemporaryDirectory(prefix="anbar-bench-") as saves:
        os.environ["ANBAR_CACHE_DIR"] = str(Path(saves) / "cache")  # not the player's cache
        figures = startup(runs, saves)
        figures |= asyncio.run(keypress(args.presses, saves))
    figures["runs"] = runs
    figures["presses"] = args.presses

    if args.json:
        print(json.dumps(figures, sort_keys=True))
    else:
        for app in ("game", "bare"):
            label = "game screen" if app == "game" else "bare Textual app"
            print(f"start-up, {label:<19}{figures[f'startup_{app}_ms']:8.1f} ms to the first "
                  f"frame (median; settled {figures[f'startup_{app}_settled_ms']:.0f} ms, "
                  f"exit {figures[f'startup_{app}_process_ms']:.0f} ms)")
        print(f"ratio game / bare            {figures['startup_ratio']:8.3f}    (target <= 1.5; "
              f"settled {figures['startup_settled_ratio']:.3f})")
        print(f"first start (no cache)       {figures['startup_first_ms']:8.1f} ms, ratio "
              f"{figures['startup_first_ratio']:.3f} (the scenario's YAML checked and cached)")
        print(f"cursor key to repaint        {figures['keypress_ms']:8.2f} ms (median of "
              f"{args.presses}; max {figures['keypress_max_ms']:.1f}; target < 50)")
        print(f"cursor key to last frame     {figures['keypress_settled_ms']:8.2f} ms "
              "(details panel updated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
