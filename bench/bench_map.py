"""The map at any size: the game screen's first frame, an overlay toggle and a cursor key.

    python bench/bench_map.py [--places 10000] [--stacked] [--runs 3] [--presses 30] [--json]

On a generated scenario of `--places` places (bench/gen_scenario.py, 1.5 roads a
place; `--stacked`: every place on one point; `--places 0`: the default
campaign), at 120x40, headless:

- `first_frame_ms`: a fresh `anbar play` process from launch to the first frame
  that shows the whole game screen (median of `--runs`, the scenario cache warm),
  and `screen_first_frame_ms`, the part from the game screen's construction on;
- `overlay_ms`: an overlay key (`s`, `t`, `v`, each on then off, twice) handed to
  the driver as a terminal's would be, to the frame that shows it (median), and
  `overlay_first_ms` the slowest of the first round (each overlay drawn anew);
- `cursor_ms`: a map cursor key to the last frame it causes (the details panel
  follows by message), median; `cursor_cpu_ms` the process's CPU time for it;
  `cursor_layouts`: how many whole-screen layouts (`Screen._refresh_layout`)
  the presses caused, all told (target: none);
- `menu_unit_frame_ms`, `menu_air_frame_ms`: `a` (add an operation) with the first
  unit, and with the first air asset, selected: to the operation menu's last frame
  (median; target < 200 at 10,000 places); `menu_unit_shown_ms`, `menu_air_shown_ms`
  to its first frame, which shows the whole menu; each timed opening is built as
  the first for its owner (the last menu's entries forgotten); `menu_unit_again_ms`,
  `menu_air_again_ms` a reopening, which takes the last menu's entries;
  `menu_first_frame_ms` the first menu of the game (the unit's), which also loads
  the menu's code;
- the same figures named with the size and unit for `bench/run.py`: at 10,000 places
  `first_frame_10k_s`, `overlay_10k_ms`, `overlay_first_10k_ms`, `cursor_10k_ms`,
  `menu_unit_frame_10k_ms`, `menu_air_frame_10k_ms`, `menu_unit_shown_10k_ms`,
  `menu_air_shown_10k_ms`;
- `bare_cpu_ms`: the CPU time of a bare Textual app, one widget repainted by a
  key, measured the same way in the same run; `cursor_cpu_ratio` the ratio
  (target: at most 2).

Wall times swing with the machine; CPU times and their ratio much less. For
instruction counts, which do not swing at all, run the key presses alone under
callgrind, with N presses and with none (the difference is N keys' worth):

    valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        python bench/bench_map.py --places 0 --only-keys N [--bare]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import size_tag  # noqa: E402

DEFAULT_SCENARIO = ROOT / "scenarios" / "western-anbar-2017.yaml"
SIZE = (120, 40)

CHILD = """
import sys, time
sys.path.insert(0, {root!r})
from textual.app import App
import game.tui.screens.game as game_screen

built, painted = [], []
init = game_screen.GameScreen.__init__

def stamp_built(self, *args, **kwargs):
    built.append(time.time())
    init(self, *args, **kwargs)

game_screen.GameScreen.__init__ = stamp_built
display = App._display

def stamp_first_frame(app, screen, renderable):
    if renderable is not None and not painted and type(screen).__name__ == "GameScreen":
        logs = screen.query("#game-log")
        if logs and logs.first().line_count > 0:
            painted.append(time.time())
    return display(app, screen, renderable)

App._display = stamp_first_frame

async def settle(pilot):
    while not painted:
        await pilot.pause(0.005)
    print(built[0], painted[0], flush=True)
    pilot.app.exit()

run = App.run
App.run = lambda app: run(app, headless=True, size={size!r}, auto_pilot=settle)
from game.cli import main
sys.exit(main(["--saves-dir", {saves!r}, "play", {scenario!r}, "--seed", "1"]))
"""


def scenario_file(places: int, folder: Path, stacked: bool = False) -> Path:
    if places <= 0:
        return DEFAULT_SCENARIO
    import re

    from bench.gen_scenario import generate

    text = generate(places, places * 3 // 2, 1)
    if stacked:  # every place on one point: the crowd a map must survive
        text = re.sub(r"(?m)^    lat: .*$", "    lat: 34.0", text)
        text = re.sub(r"(?m)^    lon: .*$", "    lon: 42.0", text)
    path = folder / f"generated-{places}{'-stacked' if stacked else ''}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def first_frame(scenario: Path, saves: Path, runs: int) -> dict[str, float]:
    code = CHILD.format(root=str(ROOT), size=SIZE, saves=str(saves), scenario=str(scenario))
    env = {**os.environ, "ANBAR_CACHE_DIR": str(saves / "cache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    totals, screens = [], []
    for run in range(runs + 1):  # the first run fills the scenario cache, untimed
        launched = time.time()
        done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                              capture_output=True, text=True, timeout=900)
        built, painted = (float(word) for word in done.stdout.split()[-2:])
        if run:
            totals.append((painted - launched) * 1000)
            screens.append((painted - built) * 1000)
    return {
        "first_frame_ms": round(statistics.median(totals), 1),
        "screen_first_frame_ms": round(statistics.median(screens), 1),
    }


class Frames:
    """Counts the frames a screen paints, and the whole-screen layouts it makes."""

    def __init__(self, screen: Any) -> None:
        self.painted = asyncio.Event()
        self.last = 0.0
        self.layouts = 0
        paint, layout = screen._compositor_refresh, screen._refresh_layout

        def painting() -> None:
            paint()
            self.last = time.perf_counter()
            self.painted.set()

        def laying_out(*args: Any, **kwargs: Any) -> None:
            self.layouts += 1
            layout(*args, **kwargs)

        screen._compositor_refresh = painting
        screen._refresh_layout = laying_out

    async def press(
        self, app: Any, key: str, quiet: float = 0.15, wait: float = 30
    ) -> tuple[float, float] | None:
        """Hand `key` to the driver; wall and CPU ms to the last frame it causes (the
        frames stop for `quiet` seconds); None if it paints nothing within `wait`."""
        from textual import events

        self.painted.clear()
        started, cpu = time.perf_counter(), time.process_time()
        app._driver.send_message(events.Key(key, None))
        try:
            await asyncio.wait_for(self.painted.wait(), timeout=wait)
        except TimeoutError:
            return None
        cpu_done = time.process_time()
        while True:
            self.painted.clear()
            try:
                await asyncio.wait_for(self.painted.wait(), timeout=quiet)
            except TimeoutError:
                break
            cpu_done = time.process_time()
        return (self.last - started) * 1000, (cpu_done - cpu) * 1000


async def game_keys(
    scenario: Path, saves: Path, presses: int, overlays: bool = True
) -> dict[str, float]:
    from game.tui.app import create_app

    app = create_app(scenario_path=scenario, seed=1, saves_folder=saves)
    async with app.run_test(size=SIZE) as pilot:
        while type(app.screen).__name__ != "GameScreen":
            await pilot.pause(0.01)
        await pilot.pause(0.5)
        frames = Frames(app.screen)
        overlay_keys = "sstvvt" * 2 if overlays else ""
        overlay = [t for key in overlay_keys if (t := await frames.press(app, key))]
        frames.layouts = 0
        cursor: list[tuple[float, float]] = []
        keys = itertools.cycle(("left", "up", "right", "down"))
        key = next(keys)
        misses = 0
        view = app.screen.map  # type: ignore[attr-defined]
        while len(cursor) < presses and misses < presses:
            before = view.selected
            timing = await frames.press(app, key, wait=1.0)
            if timing is None or view.selected == before:
                misses += 1  # the edge of the map that way: turn
                key = next(keys)
                continue
            cursor.append(timing)
            if len(cursor) % 3 == 0:
                key = next(keys)
        figures: dict[str, float] = {"cursor_layouts": frames.layouts,
                                     "cursor_presses": len(cursor)}
        if overlay:
            # The first toggle of each overlay draws its picture; later ones reuse it.
            figures["overlay_first_ms"] = round(max(t for t, _ in overlay[:6]), 1)
            figures["overlay_ms"] = round(statistics.median(t for t, _ in overlay), 1)
            figures["overlay_cpu_ms"] = round(statistics.median(c for _, c in overlay), 1)
        if cursor:
            figures["cursor_ms"] = round(statistics.median(t for t, _ in cursor), 2)
            figures["cursor_cpu_ms"] = round(statistics.median(c for _, c in cursor), 2)
        return figures


async def menu_keys(scenario: Path, saves: Path, repeats: int) -> dict[str, float]:
    """`a` on the first unit and on the first air asset: ms from the key handed to the
    driver to the operation menu's last frame (median of `repeats`, the menu closed
    between)."""
    from game.tui.app import create_app
    from game.tui.widgets import operation_menu
    from game.tui.widgets.operation_menu import OperationMenu

    painted = asyncio.Event()
    stamps: list[float] = []
    paint = OperationMenu._compositor_refresh

    def painting(menu: Any) -> None:
        paint(menu)
        stamps.append(time.perf_counter())
        painted.set()

    OperationMenu._compositor_refresh = painting  # type: ignore[method-assign]
    # As `anbar play` starts: collection off until the first frame, then the app freezes
    # what start-up built out of later collections (`_collect_garbage_again`).
    gc.disable()
    app = create_app(scenario_path=scenario, seed=1, saves_folder=saves)
    figures: dict[str, float] = {}
    try:
        async with app.run_test(size=SIZE) as pilot:
            from textual import events

            while type(app.screen).__name__ != "GameScreen":
                await pilot.pause(0.01)
            await pilot.pause(0.5)
            screen: Any = app.screen
            owners = {"unit": screen.state.units[0].id, "air": screen.state.air[0].id}
            for what, owner in owners.items():
                screen.select_owner(owner)
                await pilot.pause(0.2)
                times, firsts, again = [], [], []
                for turn in range(repeats + 2):  # the first imports the menu: untimed
                    # Each timed opening is a first for this owner (the entries of the last
                    # menu forgotten), as the player's first of a game; the last one is a
                    # reopening, which takes the entries of the one before.
                    if turn <= repeats:
                        operation_menu.forget()
                    painted.clear()
                    started = time.perf_counter()
                    app._driver.send_message(events.Key("a", "a"))
                    await asyncio.wait_for(painted.wait(), timeout=120)
                    firsts.append((stamps[-1] - started) * 1000)
                    while True:  # to the last frame: none for 0.15 s
                        painted.clear()
                        try:
                            await asyncio.wait_for(painted.wait(), timeout=0.15)
                        except TimeoutError:
                            break
                    (times if turn <= repeats else again).append((stamps[-1] - started) * 1000)
                    assert isinstance(app.screen, OperationMenu)
                    await pilot.press("escape")
                    await pilot.pause(0.2)
                figures[f"menu_{what}_frame_ms"] = round(statistics.median(times[1:]), 1)
                figures[f"menu_{what}_shown_ms"] = round(statistics.median(firsts[1:-1]), 1)
                figures[f"menu_{what}_again_ms"] = round(again[0], 1)
                figures.setdefault("menu_first_frame_ms", round(times[0], 1))
    finally:
        OperationMenu._compositor_refresh = paint  # type: ignore[method-assign]
        gc.enable()
        gc.unfreeze()
    return figures


def bare_app() -> Any:
    """A bare Textual app: one focused widget that a key repaints."""
    from textual.app import App, ComposeResult
    from textual.reactive import reactive
    from textual.widget import Widget

    class Counter(Widget, can_focus=True):
        count: reactive[int] = reactive(0)

        def render(self) -> str:
            return f"pressed {self.count}"

        def on_key(self) -> None:
            self.count += 1

    class Bare(App[None]):
        def compose(self) -> ComposeResult:
            yield Counter()

        def on_mount(self) -> None:
            self.query_one(Counter).focus()

    return Bare()


async def bare_keys(presses: int) -> dict[str, float]:
    app = bare_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        frames = Frames(app.screen)
        timings = [t for _ in range(presses) if (t := await frames.press(app, "left"))]
    return {
        "bare_ms": round(statistics.median(t for t, _ in timings), 2),
        "bare_cpu_ms": round(statistics.median(c for _, c in timings), 2),
    }


def only_keys(places: int, presses: int, bare: bool, stacked: bool) -> int:
    """The app started and settled, then `presses` keys handed to the driver as a
    terminal's would be, each followed to its last frame: under callgrind, the runs
    with and without the keys differ by the keys' work (and a little idling)."""
    from textual.app import App

    async def press(app: App[None], keys: list[str]) -> None:
        async with app.run_test(size=SIZE) as pilot:
            while type(app.screen).__name__ not in ("GameScreen", "Screen"):
                await pilot.pause()
            await pilot.pause(0.5)
            frames = Frames(app.screen)
            for key in keys:
                await frames.press(app, key, quiet=0.3, wait=60)

    cycle = itertools.cycle(("left", "left", "up", "right", "right", "down"))
    keys = ["left"] * presses if bare else [next(cycle) for _ in range(presses)]
    with tempfile.TemporaryDirectory(prefix="anbar-bench-map-") as folder:
        saves = Path(folder)
        os.environ["ANBAR_CACHE_DIR"] = str(saves / "cache")
        if bare:
            asyncio.run(press(bare_app(), keys))
        else:
            from game.tui.app import create_app

            scenario = scenario_file(places, saves, stacked)
            asyncio.run(press(create_app(scenario_path=scenario, seed=1, saves_folder=saves),
                              keys))
    return 0


def measure(places: int, runs: int, presses: int, stacked: bool = False) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="anbar-bench-map-") as folder:
        saves = Path(folder)
        os.environ["ANBAR_CACHE_DIR"] = str(saves / "cache")
        scenario = scenario_file(places, saves, stacked)
        figures: dict[str, float] = {"places": places, "stacked": int(stacked)}
        figures |= first_frame(scenario, saves, runs)
        run: Callable[[Any], Any] = asyncio.run
        figures |= run(game_keys(scenario, saves, presses))
        figures |= run(menu_keys(scenario, saves, max(1, min(5, runs + 2))))
        figures |= run(bare_keys(presses))
    figures["cursor_cpu_ratio"] = round(figures["cursor_cpu_ms"] / figures["bare_cpu_ms"], 2)
    return figures | sized(figures, places)


def sized(figures: dict[str, float], places: int) -> dict[str, float]:
    """The figures again, named with the map's size and unit (`overlay_10k_ms`,
    `first_frame_10k_s`), for bench/run.py: at 0 places, `default`."""
    tag = size_tag(places)
    out = {
        f"first_frame_{tag}_s": round(figures["first_frame_ms"] / 1000, 3),
        f"overlay_{tag}_ms": figures.get("overlay_ms", 0.0),
        f"overlay_first_{tag}_ms": figures.get("overlay_first_ms", 0.0),
        f"cursor_{tag}_ms": figures.get("cursor_ms", 0.0),
    }
    for what in ("unit", "air"):
        for when in ("frame", "shown"):
            if f"menu_{what}_{when}_ms" in figures:
                out[f"menu_{what}_{when}_{tag}_ms"] = figures[f"menu_{what}_{when}_ms"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000, help="0: the default campaign")
    parser.add_argument("--stacked", action="store_true", help="every place on one point")
    parser.add_argument("--runs", type=int, default=3, help="first frames, each a process")
    parser.add_argument("--presses", type=int, default=30, help="cursor keys")
    parser.add_argument("--quick", action="store_true", help="1 run, 12 presses")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--only-keys", type=int, metavar="N",
                        help="press N cursor keys (or with --bare, N keys of the bare app) "
                             "and measure nothing: for callgrind")
    parser.add_argument("--bare", action="store_true", help="with --only-keys: the bare app")
    args = parser.parse_args(argv)
    if args.only_keys is not None:
        return only_keys(args.places, args.only_keys, args.bare, args.stacked)
    runs, presses = (1, 12) if args.quick else (args.runs, args.presses)
    figures = measure(args.places, runs, presses, args.stacked)
    if args.json:
        print(json.dumps(figures, sort_keys=True))
        return 0
    where = f"{args.places} places" if args.places else "the default campaign"
    if args.stacked:
        where += ", all on one point"
    print(f"on {where}, at {SIZE[0]}x{SIZE[1]}:")
    print(f"first frame           {figures['first_frame_ms']:9.1f} ms from launch "
          f"({figures['screen_first_frame_ms']:.1f} from the game screen; target < 2000)")
    print(f"overlay toggle        {figures['overlay_ms']:9.1f} ms "
          f"(CPU {figures['overlay_cpu_ms']:.1f}; the first of each "
          f"{figures['overlay_first_ms']:.1f}; target < 100)")
    print(f"cursor key            {figures['cursor_ms']:9.2f} ms "
          f"(CPU {figures['cursor_cpu_ms']:.2f}; target < 100)")
    print(f"operation menu, unit  {figures['menu_unit_frame_ms']:9.1f} ms "
          f"to its last frame (target < 200)")
    print(f"operation menu, air   {figures['menu_air_frame_ms']:9.1f} ms "
          f"to its last frame (target < 200)")
    print(f"bare app, a repaint   {figures['bare_ms']:9.2f} ms (CPU {figures['bare_cpu_ms']:.2f})")
    print(f"cursor CPU / bare CPU {figures['cursor_cpu_ratio']:9.2f}    (target <= 2)")
    print(f"whole-screen layouts  {figures['cursor_layouts']:9.0f}    in "
          f"{figures['cursor_presses']:.0f} cursor keys (target 0)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
