"""The game's screens driven by the pilot: title, help, the game screen, `anbar play` errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, Static

from game.cli import main
from game.engine import fingerprint
from game.engine.operations import Operation, OpKind, legal_operations, preview_plan
from game.engine.refusals import describe
from game.tui import narrate
from game.tui.app import create_app
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.details import DetailsPanel
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.log import GameLog
from game.tui.widgets.map import MapView
from game.tui.widgets.operation_menu import OperationMenu
from game.tui.widgets.plan import PlanTable, hour

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def test_play_with_a_bad_scenario_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["play", "no-such-scenario"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == (
        "anbar play: no scenario file or built-in scenario 'no-such-scenario'; "
        "built-in: tutorial, western-anbar-2017\n"
    )


def test_play_with_a_broken_scenario_file_names_file_line_and_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken = ROOT / "tests" / "broken" / "syntax.yaml"
    assert main(["play", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"anbar play: {broken}:4:1: $: YAML syntax error")


def test_play_with_a_missing_save_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--saves-dir", str(tmp_path), "play", "--load", "nothing-here"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("anbar play: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


def test_play_opens_the_scenario_once_and_starts_the_app_on_that_game(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import game.data.restore
    from game.tui.app import EuphratesApp

    reads: list[Path] = []
    real_read = game.data.restore.read_text
    monkeypatch.setattr(game.data.restore, "read_text", lambda p: reads.append(p) or real_read(p))
    started: list[EuphratesApp] = []
    monkeypatch.setattr(EuphratesApp, "run", lambda self: started.append(self))
    assert main(["--saves-dir", str(tmp_path), "play", "tutorial", "--seed", "3"]) == 0
    assert reads == [TUTORIAL]
    [app] = started
    assert app.first_game is not None
    state, playthrough = app.first_game.state, app.first_game.playthrough
    assert state.day == 1 and state.seed == 3 and playthrough.seed == 3
    assert playthrough.scenario_text == TUTORIAL.read_text(encoding="utf-8")


async def test_anbar_holds_garbage_collection_until_the_first_frame(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import gc

    from game.tui.app import EuphratesApp

    states: list[bool] = []
    monkeypatch.setattr(EuphratesApp, "run", lambda self: states.append(gc.isenabled()))
    try:
        assert main(["--saves-dir", str(tmp_path), "validate", str(TUTORIAL)]) == 0
        assert gc.isenabled()  # not a UI command: collection untouched
        assert main(["--saves-dir", str(tmp_path), "play", "tutorial", "--seed", "3"]) == 0
        assert states == [False]
        assert gc.isenabled()  # on again when the command returns, whatever happened
        assert main(["play", "no-such-scenario"]) == 1
        assert gc.isenabled()
        app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert gc.isenabled()  # back on once the first frame is painted
    finally:
        gc.enable()


async def test_title_lists_builtins_with_the_default_preselected(tmp_path: Path) -> None:
    app = create_app(saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TitleScreen)
        assert [e.path.stem for e in screen.entries] == ["tutorial", "western-anbar-2017"]
        assert screen.chosen is not None
        assert screen.chosen.path.stem == "western-anbar-2017"
        assert screen.chosen.title == "Western Anbar, autumn 2017"
        assert screen.chosen.days == 60


async def test_title_offers_resume_only_when_a_save_exists(tmp_path: Path) -> None:
    app = create_app(saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar).render().plain
        assert "Start" in bar and "Resume" not in bar
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)

    # A game played one day and quit leaves an autosave: the title now offers it.
    played = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    played.event_delay = 0
    async with played.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "y")
        await pilot.pause()
        assert _game(played).state.day == 2
        await pilot.press("ctrl+q")
    app = create_app(saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "l Resume latest" in app.screen.query_one(KeyBar).render().plain
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert app.screen.state.day == 2


async def test_help_opens_and_closes(tmp_path: Path) -> None:
    app = create_app(saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)


# --- the game screen ----------------------------------------------------------------------


def _game(app: object) -> GameScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, GameScreen)
    return screen


async def _select_owner(pilot: Pilot[None], screen: GameScreen, owner: str) -> None:
    for _ in range(len(screen.owners())):
        if screen.owner == owner:
            return
        await pilot.press("u")
    assert screen.owner == owner


def _keys(text: str) -> list[str]:
    """Key names that type `text` into the operation menu's filter (dashes as spaces)."""
    return ["space" if c in " –" else c for c in text]


async def _add(pilot: Pilot[None], words: str) -> None:
    await pilot.press("a")
    await pilot.pause()
    assert isinstance(pilot.app.screen, OperationMenu)
    await pilot.press(*_keys(words))
    await pilot.press("enter")
    await pilot.pause()


async def test_picker_starts_the_chosen_scenario(tmp_path: Path) -> None:
    app = create_app(saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("up")  # from the default campaign to the tutorial
        await pilot.press("enter")
        await pilot.pause()
        screen = _game(app)
        assert screen.state.scenario.id == "tutorial"
        assert screen.state.day == 1


async def test_adding_an_operation_adds_a_plan_line_with_the_previews_hours(
    tmp_path: Path,
) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        await _select_owner(pilot, screen, "advisers")
        await _add(pilot, "recon haditha–wadi junction road")
        assert isinstance(app.screen, GameScreen)
        expected = Operation("advisers", OpKind.RECON, "haditha--wadi-junction")
        assert screen.plan == (expected,)
        line = preview_plan(screen.state, screen.plan).lines[0]
        table = screen.query_one(PlanTable)
        assert table.row_count == 1
        row = [cell.plain for cell in table.get_row_at(0)]
        assert row[:5] == [
            "1", "Coalition advisers", "recon", "Haditha–Wadi junction road",
            f"{hour(line.start)}-{hour(line.end)}",
        ]


async def test_delete_and_reorder_plan_lines(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        await _select_owner(pilot, screen, "advisers")
        await _add(pilot, "recon haditha–wadi junction road")
        await _select_owner(pilot, screen, "drone")
        await _add(pilot, "recon zawiya–saqra road")
        first, second = screen.plan
        await pilot.press("tab")  # to the plan table
        assert screen.query_one(PlanTable).has_focus
        await pilot.press("down", "left_square_bracket")
        assert screen.plan == (second, first)
        await pilot.press("x")  # the cursor followed the moved line
        assert screen.plan == (first,)


async def test_an_illegal_operation_shows_the_engines_reason_and_changes_nothing(
    tmp_path: Path,
) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        await _select_owner(pilot, screen, "7-div-1-bde")
        before = screen.plan
        choice = next(
            c for c in legal_operations(screen.state, "7-div-1-bde", before)
            if c.kind == OpKind.CLEAR and not c.legal
        )
        await pilot.press("a")
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, OperationMenu)
        target = narrate.names(screen.state)[choice.target or ""]
        await pilot.press(*_keys(f"clear {target}".lower()))
        await pilot.pause()
        reason = str(menu.query_one("#opmenu-reason", Label).render())
        assert choice.reason is not None
        words = describe(choice.reason)
        assert reason == f"Not possible: {words}"  # the highlighted line's, in full
        await pilot.press("enter")
        await pilot.pause()
        # Not picked, and the menu closed saying why: the next keys are the game's again.
        assert app.screen is screen
        assert any(str(n.message).endswith(f"not possible: {words}")
                   for n in app._notifications)
        assert screen.plan == before
        # and through the screen's own door: refused, the plan stays equal
        assert not screen.add_operation(Operation("7-div-1-bde", OpKind.CLEAR, choice.target))
        assert screen.plan == before


async def test_overlay_keys_toggle_the_maps_overlay(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = _game(app).query_one(MapView)

        def status() -> str:
            return str(app.screen.query_one("#game-status", Static).render())

        assert "overlay" not in status()
        await pilot.press("s")
        assert view.overlay == "supply"
        assert status().endswith(" · overlay: supply")
        await pilot.press("t")
        assert view.overlay == "traps"
        await pilot.press("t")
        assert view.overlay is None
        assert "overlay" not in status()
        await app.run_action("overlay('enemy')")
        assert view.overlay == "enemy"


async def test_cursor_starts_at_the_first_unit_and_moves_on_the_map(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        view = screen.query_one(MapView)
        assert view.selected == "haditha"
        await pilot.press("left")  # up the river to the dam, the nearest place that way
        assert view.selected == "haditha-dam"
        await pilot.press("left")
        assert view.selected == "wadi-junction"
        details = screen.query_one(DetailsPanel).lines
        assert details[0] == "Wadi junction (junction), held by Iraqi forces"


async def _plan_a_drone_recon(pilot: Pilot[None], app: object) -> GameScreen:
    """The tutorial's first sensible plan: the drone reconnoitres the Zawiya road."""
    await pilot.pause()
    screen = _game(app)
    await _select_owner(pilot, screen, "drone")
    await _add(pilot, "recon zawiya–saqra road")
    return screen


async def test_ending_the_day_asks_first_then_advances_the_day(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _plan_a_drone_recon(pilot, app)
        await pilot.press("n")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")  # no: nothing happens
        assert screen.state.day == 1 and len(screen.plan) == 1
        await pilot.press("n", "y")
        await pilot.pause()
        assert screen.state.day == 2
        assert screen.plan == ()
        log = screen.query_one(GameLog).plain
        assert "— Day 1 —" in log
        assert "01:00  Reconnaissance drone reconnoitred Zawiya–Saqra road: traps level 1." in log


async def test_the_game_is_the_first_screen_and_a_new_game_replaces_it(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        first = _game(app)
        assert app.screen_stack == [first]  # no blank screen painted before the game
        await app.run_action("new_game")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app._game() is None  # the left game is not shown any more...
        [kept] = tmp_path.glob("autosave-*.json")  # ...but kept, to resume if wanted
        assert app.screen.latest_save == kept
        await pilot.press("enter")  # the default campaign
        await pilot.pause()
        second = _game(app)
        assert second is not first and second.state.scenario.id == "western-anbar-2017"
        assert app._game() is second
        await app.run_action("new_game")
        await pilot.pause()
        await pilot.press("up", "enter")  # the tutorial again: replaces, does not pile up
        await pilot.pause()
        assert len(app.screen_stack) == 2 and _game(app).state.scenario.id == "tutorial"


@pytest.mark.parametrize("width", [80, 120])
async def test_the_key_bar_fits_the_width_and_a_click_presses_the_key(
    tmp_path: Path, width: int
) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        rows = bar.render().plain.split("\n")
        assert [len(row) for row in rows] == [width] * bar.size.height
        line = "\n".join(rows)
        # Every key of the game shows at any width: under 100 columns on two rows.
        for label in ("^q Quit", "? Help", "n End day", "a Add op", "^p", "s/t/v Overlays",
                      "r Report", "y Repeat", "d Daily"):
            assert label in line
        if width < 100:  # a click on the second row presses its key
            second = rows[1]
            await pilot.click(KeyBar, offset=(second.index("r Report"), 1))
            await pilot.pause()
            assert type(app.screen).__name__ == "ReportScreen"
            await pilot.press("escape")
            await pilot.pause()
        await pilot.click(KeyBar, offset=(rows[0].index("n End day"), 0))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)


async def test_a_resumed_game_shows_the_whole_log_of_the_game(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _plan_a_drone_recon(pilot, app)
        await pilot.press("n", "y")
        await pilot.pause()
        await pilot.press("n", "y")
        await pilot.pause()
        assert screen.state.day == 3
        played = list(screen.query_one(GameLog).plain)
        await pilot.press("ctrl+q")
    assert "— Day 1 —" in played and "— Day 2 —" in played

    latest = max(tmp_path.glob("autosave-*.json"))  # the day's end; quitting kept it
    resumed = create_app(load=latest, saves_folder=tmp_path)
    async with resumed.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        log = _game(resumed).query_one(GameLog).plain
        assert log == [*played, "Resumed on day 3 of 8."]


async def test_a_new_game_can_be_undone_from_the_title(tmp_path: Path) -> None:
    """The palette's "New game" autosaves the game it leaves: "l" on the title resumes it."""
    app = create_app(scenario_path=TUTORIAL, seed=4, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "y")  # a day played: not the game a fresh start would give
        await pilot.pause()
        left = _game(app).state
        assert left.day == 2
        await app.run_action("new_game")
        await pilot.pause()
        await pilot.press("l")
        await pilot.pause()
        resumed = _game(app)
        assert resumed.state.scenario.id == "tutorial" and resumed.state.seed == 4
        assert resumed.state.day == 2 and fingerprint(resumed.state) == fingerprint(left)
