"""The game screen's layout and focus, driven by the pilot: the plan and the log grow
with the terminal and every plan line reads whole at 120 columns, 80x24 stays playable,
the keys go back where the player plans after a day, and focus shows without colour."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets.data_table import RowKey

from game.data import saves
from game.engine import Operation, OpKind, apply_plan, choose_plan, legal_operations
from game.tui.app import EuphratesApp, create_app
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.game import GameScreen
from game.tui.widgets.log import GameLog
from game.tui.widgets.map import MapView
from game.tui.widgets.plan import COLUMNS, RISKS_COLUMN, PlanTable

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = ROOT / "scenarios" / "western-anbar-2017.yaml"


def busy_game() -> saves.RestoredGame:
    """Day 5 of the campaign with a draft of 17 lines: the doctrine's strikes and
    assaults, then a move or a recon for every unit (long names, long risks)."""
    scenario, playthrough = saves.start_playthrough(CAMPAIGN, 7)
    state = saves.opened(scenario, playthrough).state
    for _ in range(4):
        plan = choose_plan("doctrine", state)
        state, _ = apply_plan(state, plan)
        playthrough = playthrough.after(plan, state)
    draft = list(choose_plan("doctrine", state))
    for unit in state.units:
        for choice in legal_operations(state, unit.id, tuple(draft)):
            if choice.legal and choice.kind in (OpKind.MOVE, OpKind.RECON):
                draft.append(Operation(unit.id, choice.kind, choice.target))
                break
    return saves.RestoredGame(scenario, state, playthrough, draft=tuple(draft))


def busy_app(tmp_path: Path) -> EuphratesApp:
    app = create_app(game=busy_game(), saves_folder=tmp_path)
    app.event_delay = 0
    return app


def _game(app: object) -> GameScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, GameScreen)
    return screen


async def _settle(pilot: Pilot[None]) -> None:
    await pilot.pause()
    await pilot.pause()


async def test_at_120x40_the_plan_and_the_log_have_the_rows(tmp_path: Path) -> None:
    """Seven plan lines and seven log lines at 120x40, the map keeping 14 rows; more of
    each on a bigger terminal."""
    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        screen = _game(app)
        table = screen.query_one(PlanTable)
        assert len(screen.plan) == 17
        assert table.size.height - 1 >= 7  # the header, then seven one-line rows
        assert screen.query_one(GameLog).scrollable_content_region.height >= 7
        assert screen.query_one(MapView).content_size.height >= 14
        small = (table.size.height, screen.query_one(GameLog).size.height)
        await pilot.resize_terminal(160, 50)
        await _settle(pilot)
        bigger = (table.size.height, screen.query_one(GameLog).size.height)
        assert bigger[0] > small[0] and bigger[1] > small[1]
        assert screen.query_one("#game-timeline").display  # room for the hour chart too


async def test_every_plan_lines_risks_read_whole_at_120_columns(tmp_path: Path) -> None:
    """No name is cut, the table never scrolls sideways, and a reason or a list of risks
    too long for its column wraps in its row instead of being cut."""
    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        table = _game(app).query_one(PlanTable)
        rows = table.rows_shown
        widths = [column.width for column in table.ordered_columns]
        for i in range(RISKS_COLUMN):  # number, unit, operation, target, hours: whole
            assert widths[i] >= max(row.cells()[i].cell_len for row in rows), COLUMNS[i]
        assert table.virtual_size.width <= table.size.width
        room = widths[RISKS_COLUMN]
        long = [row for row in rows if row.cells()[RISKS_COLUMN].cell_len > room]
        assert long, "the test wants a line whose risks do not fit one row"
        for row in rows:
            painted = table.rows[RowKey(str(row.number))]
            need = row.cells()[RISKS_COLUMN].wrap(app.console, room)
            assert painted.height >= len(need), row.number


async def test_at_80x24_the_plan_does_not_scroll_sideways(tmp_path: Path) -> None:
    app = busy_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        screen = _game(app)
        table = screen.query_one(PlanTable)
        assert table.virtual_size.width <= table.size.width
        assert table.size.height - 1 >= 2  # two lines shown, the detail under them
        assert screen.query_one(MapView).content_size.height >= 10


async def test_after_the_day_the_keys_are_back_where_the_player_plans(
    tmp_path: Path,
) -> None:
    """Focus moved to the log while the day played out (a click, a tab) goes back to
    where the player planned: the map's arrows move the cursor, not down the log."""
    app = busy_app(tmp_path)
    app.event_delay = 0.1  # the day plays out line by line, as in the game
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        screen = _game(app)
        for planned_in in (screen.map, screen.query_one(PlanTable)):
            planned_in.focus()
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await pilot.pause()
            assert screen.after_day is not None  # the day is playing out
            screen.query_one(GameLog).focus()  # the player clicked the log meanwhile
            while screen.after_day is not None:
                await pilot.pause(0.02)
            await pilot.pause()
            assert app.screen is screen
            assert app.focused is planned_in


async def test_the_panel_with_the_keys_shows_it_without_colour(tmp_path: Path) -> None:
    """A marked title and a heavy line, on the map, the plan and the log alike."""
    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        screen = _game(app)
        box = screen.query_one("#game-plan-box")
        log = screen.query_one(GameLog)
        panels = [screen.map, box, log]
        for target, marked in ((screen.map, screen.map), (screen.query_one(PlanTable), box),
                               (log, log)):
            target.focus()
            await pilot.pause()
            for panel in panels:
                focused = panel is marked
                assert str(panel.border_title).startswith("▶") == focused, panel
                assert (panel.styles.border_top[0] == "heavy") == focused, panel


async def test_a_notice_after_the_day_does_not_cover_the_log(tmp_path: Path) -> None:
    """The repeat key's notice, right after a day, sits at the top right: the day's log
    stays readable under the plan."""
    from textual.widgets._toast import Toast

    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _settle(pilot)
        screen = _game(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("y")
        await _settle(pilot)
        assert screen.state.day == 6
        await pilot.press("y")  # repeat yesterday's plan: a notice says how much
        await _settle(pilot)
        toasts = list(app.screen.query(Toast))
        assert toasts
        log = screen.query_one(GameLog).region
        status = screen.query_one("#game-status").region
        for toast in toasts:
            assert not toast.region.overlaps(log), toast.region
            assert not toast.region.overlaps(status), toast.region


async def test_the_overlay_stays_on_and_keeps_every_place_where_it_is(
    tmp_path: Path,
) -> None:
    """v shows the enemy's figures without moving a place; the overlay left on comes
    back with the game resumed from its autosave."""
    app = busy_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        view = _game(app).map
        before = view.picture
        assert before is not None and view.overlay is None
        await pilot.press("v")
        await _settle(pilot)
        after = view.picture
        assert view.overlay == "enemy" and after is not None
        assert after.cells == before.cells
        assert any(label.text != before.labels[place].text
                   for place, label in after.labels.items())  # the figures are there
        await pilot.press("ctrl+q")
    latest = saves.latest_save(tmp_path)
    assert latest is not None
    again = create_app(load=latest, saves_folder=tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        assert _game(again).map.overlay == "enemy"
        assert "overlay: enemy" in str(_game(again).query_one("#game-status").render())


async def test_reinforcements_that_joined_overnight_are_announced_and_selected(
    tmp_path: Path,
) -> None:
    """Found in play: units arriving on days 37, 39 and 44 went unseen for days (the
    repeat key gives them no line). The morning they arrive, a notice says where each
    stands, and the first is selected."""
    from textual.widgets._toast import Toast

    from game.data.builtin import resolve_scenario

    text = resolve_scenario("tutorial").read_text(encoding="utf-8")
    text = text.replace("\nevents:\n", """
events:
  - day: 2
    reinforcements:
      - id: fresh-bde
        name: 9th Brigade
        side: gov
        kind: army
        at: haditha
        strength: 500
    text: "The 9th Brigade joins."
""", 1)
    scenario = tmp_path / "reinforced.yaml"
    scenario.write_text(text, encoding="utf-8")
    app = create_app(scenario_path=scenario, seed=1, saves_folder=tmp_path / "saves")
    app.event_delay = 0
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await _settle(pilot)
        screen = _game(app)
        screen.action_end_day()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _settle(pilot)
        assert screen.state.day == 2 and screen.owner == "fresh-bde"
        notices = [str(toast._notification.message) for toast in app.screen.query(Toast)]
        assert any(n.startswith("Reinforcements arrived: 9th Brigade at Haditha.")
                   for n in notices), notices
