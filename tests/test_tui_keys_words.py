"""Keys the playtest asked for, and help that words every key: `{` and `}` move a plan
line to the top or the bottom, and no key in `?` is listed by a raw action name."""

from __future__ import annotations

import re
from pathlib import Path

from game.tui import narrate
from game.tui.screens.game import GameScreen
from game.tui.screens.help import screen_keys
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.plan import PlanTable
from tests.test_tui_layout import busy_app


def _moved_by_steps(plan: tuple[object, ...], index: int, target: int) -> tuple[object, ...]:
    step = 1 if target > index else -1
    for at in range(index, target, step):
        plan = narrate.swap_lines(plan, at, at + step)
    return plan


async def test_braces_move_the_selected_line_to_the_top_and_the_bottom(
    tmp_path: Path,
) -> None:
    """One key does what 16 presses of `[` did: waits on the lines passed follow them."""
    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        table = screen.query_one(PlanTable)
        table.focus()
        start = screen.plan
        last = len(start) - 1
        await pilot.press("end", "left_curly_bracket")
        await pilot.pause()
        assert screen.plan == _moved_by_steps(start, last, 0)
        assert screen.plan[0] == start[last] and table.cursor_row == 0
        await pilot.press("right_curly_bracket")
        await pilot.pause()
        assert screen.plan == _moved_by_steps(_moved_by_steps(start, last, 0), 0, last)
        assert table.cursor_row == last
        assert "[/]/{/} Move" in screen.query_one(KeyBar).render().plain  # the plan's keys
        screen.map.focus()  # from the map too, on the plan's selected line
        await pilot.pause()
        bottom = screen.plan[last]
        await pilot.press("left_curly_bracket")
        await pilot.pause()
        assert screen.plan[0] == bottom and table.cursor_row == 0
        assert "r Report" in screen.query_one(KeyBar).render().plain


async def test_help_words_every_key_on_every_panel_and_the_roster(tmp_path: Path) -> None:
    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        listed: list[tuple[str, str, str]] = []
        for _ in range(3):  # the map, the plan, the log
            listed += screen_keys(screen)
            await pilot.press("tab")
        await pilot.press("o")
        await pilot.pause()
        listed += screen_keys(app.screen)
        actions = {binding.action.split("(")[0].rsplit(".", 1)[-1]
                   for node, bindings in app.screen._binding_chain
                   for found in bindings.key_to_bindings.values() for binding in found}
        actions |= {"help_quit", "command_palette", "cursor_up", "scroll_home"}
        for keys, text, _ident in listed:
            assert text and text not in actions, (keys, text)
            assert not re.fullmatch(r"[a-z]+(_[a-z]+)+", text), (keys, text)
            assert text[0].islower(), (keys, text)  # the game's words, not Textual's titles
        words = {text for _, text, _ in listed}
        assert "says how to quit (ctrl+q quits)" in words
        assert "move the selected plan line to the top of the plan" in words
        assert "the first / the last unit or aircraft" in words
        # A roster key the screen takes first is listed once, as the screen's.
        homes = [text for keys, text, _ in screen_keys(app.screen) if keys.startswith("home")]
        assert homes == ["the first / the last unit or aircraft"]


async def test_the_end_of_day_question_names_the_units_with_no_line(tmp_path: Path) -> None:
    from game.engine import Operation, OpKind
    from game.tui.app import create_app
    from game.tui.screens.confirm import ConfirmScreen

    campaign = Path(__file__).resolve().parent.parent / "scenarios" / "western-anbar-2017.yaml"
    app = create_app(scenario_path=campaign, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        owners = screen.owners()
        screen.set_plan((Operation(owners[0][0], OpKind.REST),
                         Operation(owners[1][0], OpKind.REST)))
        await pilot.press("n")
        await pilot.pause()
        question = app.screen
        assert isinstance(question, ConfirmScreen)
        idle = "; ".join(name for _, name in owners[2:])
        assert question.detail == (
            f"2 operations planned. No line today for {len(owners) - 2} of {len(owners)} "
            f"units and aircraft: {idle}.")


async def test_typing_an_operation_the_unit_is_not_offered_says_why(tmp_path: Path) -> None:
    """'convoy' before any depot exists: the menu says there is none yet, not only that
    nothing matches, and enter closes it saying the same."""
    from textual.widgets import Label

    from game.engine import OpKind, legal_operations
    from game.tui.app import create_app
    from game.tui.widgets.operation_menu import OperationMenu

    campaign = Path(__file__).resolve().parent.parent / "scenarios" / "western-anbar-2017.yaml"
    app = create_app(scenario_path=campaign, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        assert not screen.state.depots
        transport = next(owner for owner, name in screen.owners() if "transport" in name)
        assert not any(c.kind == OpKind.CONVOY
                       for c in legal_operations(screen.state, transport, ()))
        screen.select_owner(transport)
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, OperationMenu)
        await pilot.press(*"convoy")
        await pilot.pause()
        reason = str(app.screen.query_one("#opmenu-reason", Label).render())
        assert reason.startswith("No convoy here: there is no depot to bring loads to yet")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        said = [n.message for n in app._notifications]
        assert any("No convoy here: there is no depot" in text for text in said), said
        screen.select_owner(screen.owners()[0][0])  # a brigade asked for an air strike
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"strike")
        await pilot.pause()
        reason = str(app.screen.query_one("#opmenu-reason", Label).render())
        assert reason.startswith("No air_strike here: only aircraft strike"), reason
