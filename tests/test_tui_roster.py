"""The roster driven by the pilot: home and end, the pick by the row's owner (keys and
mouse), rows read whole at 120x40, and a dialog that fits 80x24 with its header."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Label, Static

from game.tui.screens.game import GameScreen
from game.tui.screens.roster import RosterScreen, row_detail
from tests.test_tui_layout import busy_app


async def _open_roster(pilot: object, app: object) -> tuple[GameScreen, RosterScreen]:
    game = app.screen  # type: ignore[attr-defined]
    assert isinstance(game, GameScreen)
    await pilot.press("o")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    roster = app.screen  # type: ignore[attr-defined]
    assert isinstance(roster, RosterScreen)
    return game, roster


async def test_home_and_end_and_enter_pick_by_the_rows_owner(tmp_path: Path) -> None:
    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        game, roster = await _open_roster(pilot, app)
        table = roster.query_one(DataTable)
        owners = [row.owner for row in roster.rows]
        assert table.cursor_row == owners.index(game.owner)  # opens on the selected one
        await pilot.press("end")
        assert table.cursor_row == len(owners) - 1 and table.scroll_x == 0
        assert roster.query_one("#roster-detail", Static).render().plain == \
            row_detail(roster.rows[-1])
        await pilot.press("home")
        assert table.cursor_row == 0
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert app.screen is game and game.owner == owners[2]


async def test_a_click_on_the_highlighted_row_picks_it(tmp_path: Path) -> None:
    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        game, roster = await _open_roster(pilot, app)
        await pilot.press("end")
        first = roster.rows[0].owner
        await pilot.click("#roster-table", offset=(4, 1))  # highlights the first row
        await pilot.pause()
        assert app.screen is roster
        await pilot.click("#roster-table", offset=(4, 1))  # and picks it
        await pilot.pause()
        assert app.screen is game and game.owner == first


async def test_at_120x40_every_name_is_whole_and_long_lines_wrap(tmp_path: Path) -> None:
    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        _, roster = await _open_roster(pilot, app)
        table: DataTable[object] = roster.query_one(DataTable)
        widths = [column.width for column in table.ordered_columns]
        assert widths[0] >= max(len(row.cells[0]) for row in roster.rows)
        assert table.virtual_size.width <= table.size.width  # no sideways scroll
        long = [row for row in roster.rows if len(row.cells[-1]) > widths[-1]]
        assert long
        for row in long:
            assert table.rows[row.owner].height >= 2, row.owner  # type: ignore[index]


async def test_at_80x24_the_roster_fits_with_its_header_and_keys(tmp_path: Path) -> None:
    app = busy_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _, roster = await _open_roster(pilot, app)
        await pilot.press("end")
        await pilot.pause()
        dialog = roster.query_one("#roster-dialog")
        keys = roster.query_one(".dialog-keys", Label)
        table = roster.query_one(DataTable)
        assert dialog.region.y >= 0 and dialog.region.bottom <= 23  # above the key bar
        # Every key shown: the line wraps in two at 80 columns, inside the dialog.
        assert keys.size.height == 2 and keys.region.bottom < dialog.region.bottom
        assert roster.scroll_y == 0  # the screen does not scroll the header away
        assert table.cursor_row == len(roster.rows) - 1
        assert table.region.y >= dialog.region.y
