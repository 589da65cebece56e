"""Start-up and keypress latency of the game's UI.

    python bench/bench_tui.py [--runs 9] [--presses 50] [--quick] [--json]

Start-up: a fresh Python process starts the game on the default scenario
(seed 1) and exits at the first frame of the game screen; another starts a
bare Textual app that shows one Label and exits at its first frame. Both run
headless, alternately, `--runs` times; the figures are the median wall times
of the whole process and their ratio (target: at most 1.5).

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

# Each child process exits once its first screen of interest has been painted.
# The pilot waits for the screen to be current and for pending messages and
# the repaint to finish, so both children stop at the same point.
BARE_CHILD = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("Euphrates Road")

async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit()

Bare().run(headless=True, size=(120, 40), auto_pilot=first_frame)
"""

GAME_CHILD = """
import sys
sys.path.insert(0, {root!r})
from game.tui.app import create_app

async def first_frame(pilot):
    while type(pilot.app.screen).__name__ != "GameScreen":
        await pilot.pause(0.005)
    await pilot.pause()
    pilot.app.exit()

create_app(scenario_path={scenario!r}, seed=1, saves_folder={saves!r}).run(
    headless=True, size=(120, 40), auto_pilot=first_frame
)
"""


# An installed game has its bytecode compiled (pip does it at install time); a
# PYTHONDONTWRITEBYTECODE environment would make the game, and not Textual
# (compiled in site-packages), pay for compiling its sources at every start.
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def time_child(code: str) -> float:
    """Wall time of one fresh interpreter running `code`, in ms."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=120,
                   env=CHILD_ENV)
    return (time.perf_counter() - started) * 1000


def startup(runs: int, saves: str) -> dict[str, float]:
    game_code = GAME_CHILD.format(root=str(ROOT), scenario=str(DEFAULT_SCENARIO), saves=saves)
    # One untimed run of each warms the disk cache and the bytecode caches.
    time_child(BARE_CHILD)
    time_child(game_code)
    bare: list[float] = []
    game: list[float] = []
    for _ in range(runs):
        bare.append(time_child(BARE_CHILD))
        game.append(time_child(game_code))
    bare_ms = statistics.median(bare)
    game_ms = statistics.median(game)
    return {
        "startup_game_ms": round(game_ms, 1),
        "startup_bare_ms": round(bare_ms, 1),
        "startup_ratio": round(game_ms / bare_ms, 3),
    }


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
        figures = startup(runs, saves)
        figures |= asyncio.run(keypress(args.presses, saves))
    figures["runs"] = runs
    figures["presses"] = args.presses

    if args.json:
        print(json.dumps(figures, sort_keys=True))
    else:
        print(f"start-up, game screen        {figures['startup_game_ms']:8.1f} ms (median)")
        print(f"start-up, bare Textual app   {figures['startup_bare_ms']:8.1f} ms (median)")
        print(f"ratio game / bare            {figures['startup_ratio']:8.3f}    (target <= 1.5)")
        print(f"cursor key to repaint        {figures['keypress_ms']:8.2f} ms (median of "
              f"{args.presses}; max {figures['keypress_max_ms']:.1f}; target < 50)")
        print(f"cursor key to last frame     {figures['keypress_settled_ms']:8.2f} ms "
              "(details panel updated)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
