"""The operation menu opens in one frame: its list counts its lines as OptionList does,
without drawing them; the screen is laid out and painted once, and what happens after
is painted as ever; the collector, held off from the key, is on again after it."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, OptionList
from textual.widgets.option_list import Option

from game.tui import garbage
from game.tui.app import create_app
from game.tui.widgets.menu_list import MenuList
from game.tui.widgets.operation_menu import OperationMenu, forget

LONG = "move  Place 933  not possible: ends at hour 16.9, after Brigade 0's day ends at 16.0"


def _options() -> list[Option]:
    return [Option(Text("recon  Place 4  (2.0 h)", no_wrap=True, overflow="ellipsis")),
            Option(Text.assemble(("clear  Haditha", "dim"), (f"  {LONG}", "dim italic"),
                                 no_wrap=True, overflow="ellipsis")),
            Option("plain [b]markup[/b] prompt"),
            Option(Text("two\nlines")),
            Option(Text("東京都 " * 12)),
            Option(Text("… and 3,200 more: type to narrow the list", style="dim italic"),
                   disabled=True)]


async def test_the_menu_list_has_option_lists_lines() -> None:
    class Both(App[None]):
        def compose(self) -> ComposeResult:
            with Horizontal():
                yield OptionList(*_options(), id="theirs")
                yield MenuList(*_options(), id="ours")

    for size in ((120, 30), (70, 30), (44, 30)):
        app = Both()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            theirs, ours = app.query_one("#theirs", OptionList), app.query_one(MenuList)
            assert ours.size == theirs.size, size
            assert ours.virtual_size == theirs.virtual_size, size
            assert list(ours._lines) == list(theirs._lines), size
            for y in range(ours.size.height):
                assert ours.render_line(y).text == theirs.render_line(y).text, (size, y)


async def _frames_of_a(app: Any, painted: list[float]) -> int:
    """Press `a` and wait for the menu's frames to stop: how many it painted."""
    painted.clear()
    app._driver.send_message(_key("a"))  # as a terminal's key reaches the app
    for _ in range(200):
        await asyncio.sleep(0.01)
        if painted and asyncio.get_running_loop().time() - painted[-1] > 0.3:
            break
    return len(painted)


def _key(key: str) -> Any:
    from textual import events

    return events.Key(key, key)


async def test_an_air_assets_menu_opens_in_one_frame_and_repaints_after(
        tmp_path: Path) -> None:
    from bench.gen_scenario import generate

    scenario = tmp_path / "generated.yaml"
    scenario.write_text(generate(2000, 3000, 1), encoding="utf-8")
    painted: list[float] = []
    paint = OperationMenu._compositor_refresh

    def painting(menu: OperationMenu) -> None:
        paint(menu)
        painted.append(asyncio.get_running_loop().time())

    app = create_app(scenario_path=scenario, seed=1, saves_folder=tmp_path)
    OperationMenu._compositor_refresh = painting  # type: ignore[method-assign]
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            while type(app.screen).__name__ != "GameScreen":
                await pilot.pause(0.01)
            await pilot.pause(0.3)
            screen: Any = app.screen
            for owner in (screen.state.air[0].id, screen.state.units[0].id):
                screen.select_owner(owner)
                await pilot.pause(0.3)
                forget()
                assert await _frames_of_a(app, painted) == 1, owner
                menu = app.screen
                assert isinstance(menu, OperationMenu) and gc.isenabled()
                options = menu.query_one(MenuList)
                assert options.highlighted == 0 and options.option_count > 1
                painted.clear()
                await pilot.press("down", "down")  # the frames after the first are painted
                await pilot.pause(0.3)
                assert painted and options.highlighted == 2
                await pilot.press("r")
                await pilot.pause(0.3)
                assert menu.query_one(Input).value == "r"
                assert all(menu.items[i].label.lower().count("r") for i in menu.shown[:20])
                await pilot.press("escape")
                await pilot.pause(0.3)
    finally:
        OperationMenu._compositor_refresh = paint  # type: ignore[method-assign]


async def test_the_collector_held_off_comes_back_without_a_frame() -> None:
    app = App[None]()
    async with app.run_test() as pilot:
        assert gc.isenabled()
        garbage.hold_off(app)
        assert not gc.isenabled()
        await pilot.pause(1.2)
        assert gc.isenabled()
        garbage.hold_off(app)
        garbage.let_go()
        assert gc.isenabled()
