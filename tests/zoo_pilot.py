"""Drive the real app on a scenario as a player would, or as a monkey would.

`play_through` opens the game, moves the map's cursor with every map key, toggles every
overlay, opens the operation menu of every unit and air asset (adding the first possible
line), the roster, the help and its rules, the report, the replay, saves, and ends days
until the game is over; `monkey` presses random keys of the game's bindings. Both return
what they saw go wrong: an exception inside the app (Textual ends the app on one), a
screen left neither the game nor a dialog of it, a key that hung. Used by
tests/test_tui_zoo.py and, over the whole zoo at four sizes, by

    python -m tests.zoo_pilot [NAME...]          # ZOO_SIZES="120x40 60x20" for fewer

(about half a minute a scenario, size and pilot on this machine).
"""

from __future__ import annotations

import asyncio
import random
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from game.tui.app import EuphratesApp, create_app

MAP_KEYS = ("left", "right", "up", "down", "plus", "equals_sign", "minus")
# Every key a binding of the game's screens names (and a few a player types by mistake).
MONKEY_KEYS = (
    "left", "right", "up", "down", "enter", "plus", "minus", "s", "t", "v", "r",
    "left_square_bracket", "right_square_bracket", "left_curly_bracket", "right_curly_bracket",
    "p", "pageup", "pagedown", "space", "escape", "n", "a", "y", "o", "u", "U", "w", "g", "d",
    "f", "F", "delete", "x", "question_mark", "ctrl+s", "home", "end", "comma", "full_stop",
    "c", "h", "z", "q", "tab", "shift+tab", "backspace", "1", "0", "e", "ctrl+p",
)
SIZES = ((120, 40), (80, 24), (60, 20), (40, 15))


class Hang(Exception):
    """A key that did not come back within the time allowed."""


async def _press(pilot: Pilot[None], *keys: str, timeout: float = 60.0) -> None:
    try:
        await asyncio.wait_for(pilot.press(*keys), timeout)
    except TimeoutError as error:
        raise Hang(f"keys {keys} did not return in {timeout} s") from error


def _screen_name(app: EuphratesApp) -> str:
    return type(app.screen).__name__


async def _back_to_game(pilot: Pilot[None], app: EuphratesApp) -> None:
    for _ in range(6):
        if _screen_name(app) == "GameScreen":
            return
        await _press(pilot, "escape")


async def _scripted(pilot: Pilot[None], app: EuphratesApp, days: int, thorough: bool) -> bool:
    """The scripted player; whether the game is over at the end."""
    await pilot.pause()
    for key in MAP_KEYS:
        for _ in range(4):
            await _press(pilot, key)
    await _press(pilot, "enter")
    await _back_to_game(pilot, app)
    for key in ("s", "t", "v", "s", "s", "t", "t", "v", "v"):
        await _press(pilot, key)
    for day in range(days + 1):
        if app.screen.__class__.__name__ != "GameScreen":
            await _back_to_game(pilot, app)
        screen: Any = app.screen
        if screen.state.over:
            break
        owners = screen.owners()
        for _ in owners:
            await _press(pilot, "u")
            await _press(pilot, "a")
            await pilot.pause()
            if _screen_name(app) == "OperationMenu":
                await _press(pilot, "down", "up", "enter")
                await pilot.pause()
            await _back_to_game(pilot, app)
        await _press(pilot, "U", "d")
        await _back_to_game(pilot, app)
        await _press(pilot, "w")
        await _back_to_game(pilot, app)
        await _press(pilot, "f", "F", "left_square_bracket", "right_curly_bracket",
                     "right_square_bracket", "left_curly_bracket")
        await _press(pilot, "o")
        await pilot.pause()
        await _press(pilot, "down", "end", "home", "escape")
        await _back_to_game(pilot, app)
        if day == 0 and thorough:
            await _press(pilot, "question_mark")
            await _press(pilot, "r")
            await pilot.pause()
            await _press(pilot, "escape", "escape")
            await _back_to_game(pilot, app)
        if day == 0:
            await _press(pilot, "ctrl+s")
            await pilot.pause()
            await _press(pilot, *"zoo-save", "enter")
            await pilot.pause()
            await _back_to_game(pilot, app)
        await _press(pilot, "r")
        await pilot.pause()
        await _press(pilot, "t")
        await _press(pilot, "t", "escape")
        await _back_to_game(pilot, app)
        await _press(pilot, "n")
        await pilot.pause()
        await _press(pilot, "y")
        await pilot.pause()
        await _press(pilot, "space")
        await pilot.pause()
        await _back_to_game(pilot, app)
        if day == 1 and thorough:
            await _press(pilot, "p")
            await pilot.pause()
            await _press(pilot, "right", "end", "home", "left", "escape")
            await _back_to_game(pilot, app)
    await _press(pilot, "r")
    await pilot.pause()
    await _press(pilot, "t", "escape")
    await _back_to_game(pilot, app)
    await _press(pilot, "n")
    await pilot.pause()
    await _back_to_game(pilot, app)
    over: Any = app.screen
    return bool(over.state.over)


async def _monkey(pilot: Pilot[None], app: EuphratesApp, seed: int, presses: int) -> None:
    rng = random.Random(seed)
    await pilot.pause()
    for _ in range(presses):
        key = rng.choice(MONKEY_KEYS)
        if key in ("ctrl+p",) and rng.random() < 0.8:
            continue
        await _press(pilot, key)
        if _screen_name(app) in ("TitleScreen",):
            return  # ctrl+n left the game: what follows is the title's, not the game's


async def drive(path: Path, saves: Path, size: tuple[int, int], *, seed: int = 1,
                monkey_presses: int = 0, days: int = 400, thorough: bool = True) -> list[str]:
    """Play the scenario at `path` in the app at `size`; the problems seen (empty: none)."""
    app = create_app(scenario_path=path, seed=seed, saves_folder=saves)
    app.event_delay = 0
    problems: list[str] = []
    try:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if _screen_name(app) != "GameScreen":
                return [f"opened on {_screen_name(app)}, not the game"]
            if monkey_presses:
                await _monkey(pilot, app, seed, monkey_presses)
            else:
                over = await _scripted(pilot, app, days, thorough)
                if not over and days >= app.screen.state.scenario.days:  # type: ignore[attr-defined]
                    problems.append(f"not over after {days} days")
            if app.crash is not None:
                problems.append(f"crash: {type(app.crash).__name__}: {app.crash}")
            await _press(pilot, "ctrl+q")
    except Hang as hang:
        problems.append(f"hang: {hang}")
    except Exception as error:  # what the app raised, re-raised by run_test
        problems.append(f"{type(error).__name__}: {error}")
    if app.crash is not None and not problems:
        problems.append(f"crash: {type(app.crash).__name__}: {app.crash}")
    return problems


def main() -> None:
    import os
    import sys
    import tempfile
    import time

    from tests import scenario_zoo

    names = sys.argv[1:] or list(scenario_zoo.ZOO)
    sizes = [tuple(map(int, s.split("x"))) for s in os.environ.get("ZOO_SIZES", "").split()]
    folder = Path(tempfile.mkdtemp(prefix="tuifuzz-"))
    for name in names:
        path = folder / f"{name}.yaml"
        path.write_text(scenario_zoo.text(name), encoding="utf-8")
        for size in sizes or SIZES:
            for label, presses in (("script", 0), ("monkey", 300)):
                started = time.perf_counter()
                saves = folder / f"saves-{name}-{size[0]}-{label}"
                saves.mkdir()
                problems = asyncio.run(drive(path, saves, size, monkey_presses=presses,
                                             seed=size[0]))
                took = time.perf_counter() - started
                print(f"{name} {size} {label} {took:.1f}s", problems or "ok", flush=True)


if __name__ == "__main__":
    main()
