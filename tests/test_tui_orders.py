"""Standing orders, the roster and repetition, driven by the pilot as a player would:
the repeat key, a standing hold kept from day to day, fill, the roster, `after` by
number, and the end of a game."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from game.engine import Operation, OpKind, choose_plan, preview_plan
from game.engine.standing import repeat_plan
from game.tui.app import create_app
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.game import GameScreen
from game.tui.screens.prompt import NumberPrompt
from game.tui.screens.roster import RosterScreen
from game.tui.widgets.hints import HintLine
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.log import GameLog
from game.tui.widgets.plan import PlanDetail, PlanTable

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = ROOT / "scenarios" / "western-anbar-2017.yaml"
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def _game(app: object) -> GameScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, GameScreen)
    return screen


async def _end_day(pilot: Pilot[None]) -> None:
    await pilot.press("n")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)
    await pilot.press("y")
    await pilot.pause()


async def test_five_days_of_the_campaign_with_the_repeat_key(tmp_path: Path) -> None:
    """Day 1 is the doctrine's plan with a standing hold; days 2 to 5 are the repeat key,
    then n and the confirmation: three keys a day. Each day's plan is exactly yesterday's
    as the engine's check carries it over, standing hold first."""
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        hold = Operation("anbar-police", OpKind.HOLD, "haditha", standing=True)
        day_one = (hold, *choose_plan("doctrine", screen.state))
        assert preview_plan(screen.state, day_one).ok
        screen.set_plan(day_one)
        await _end_day(pilot)
        for day in range(2, 6):
            assert screen.state.day == day
            assert screen.plan == (hold,)  # the standing hold, carried over and checked
            yesterday = screen.playthrough.plans[-1] if screen.playthrough else ()
            expected = repeat_plan(screen.state, yesterday, (hold,))
            await pilot.press("y")
            await pilot.pause()
            assert screen.plan == expected.plan
            assert len(screen.plan) > 1 and preview_plan(screen.state, screen.plan).ok
            await _end_day(pilot)  # two more keys: five or fewer in all
        assert screen.state.day == 6
        assert screen.playthrough is not None and len(screen.playthrough.plans) == 5


async def test_repeat_says_which_lines_it_left_out_and_why(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        await pilot.press("y")
        assert any("No plan from yesterday" in str(n.message) for n in app._notifications)
        move = Operation("7-div-1-bde", OpKind.MOVE, "wadi-junction")
        screen.set_plan((move, Operation(move.owner, OpKind.REST)))
        assert preview_plan(screen.state, screen.plan).ok
        await _end_day(pilot)
        await pilot.press("y")
        await pilot.pause()
        said = [str(n.message) for n in app._notifications]
        assert any(m.startswith("Repeated 1 of 2 lines of day 1.\nLeft out: ") and
                   "already at" in m for m in said), said
        assert screen.plan == (Operation(move.owner, OpKind.REST),)


async def test_a_standing_rest_from_the_roster_lasts_until_changed(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        await pilot.press("o")
        await pilot.pause()
        roster = app.screen
        assert isinstance(roster, RosterScreen)
        owners = [row.owner for row in roster.rows]
        assert owners == [o for o, _ in screen.owners()]  # every unit and aircraft
        await pilot.press("down")
        second = owners[1]
        await pilot.press("z")  # a standing rest for the second unit
        await pilot.pause()
        assert screen.owner == second
        assert screen.plan == (Operation(second, OpKind.REST, standing=True),)
        assert "rest (standing)" in screen.query_one(PlanDetail).render().plain  # type: ignore[union-attr]
        await _end_day(pilot)
        assert screen.plan == (Operation(second, OpKind.REST, standing=True),)
        await pilot.press("tab")  # to the plan
        await pilot.press("d")  # no longer standing
        assert screen.plan == (Operation(second, OpKind.REST),)
        await _end_day(pilot)
        assert screen.plan == ()
        screen.set_plan((Operation(second, OpKind.REST, standing=True),
                         Operation(owners[0], OpKind.REST)))
        await pilot.press("o", "x")  # the roster, on the selected unit: clear its lines
        await pilot.pause()
        assert screen.plan == (Operation(owners[0], OpKind.REST),)


async def test_fill_strikes_to_the_last_sortie_with_one_key(tmp_path: Path) -> None:
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        jets = screen.state.air_asset("coalition-jets")
        assert jets is not None and jets.sorties > 1
        assert screen.add_operation(Operation("coalition-jets", OpKind.AIR_STRIKE, "anah"))
        await pilot.press("f")
        await pilot.pause()
        assert screen.plan == (Operation("coalition-jets", OpKind.AIR_STRIKE, "anah"),) * \
            jets.sorties
        assert preview_plan(screen.state, screen.plan).ok
        await pilot.press("f")  # nothing more fits: it says why
        assert any("No more copies" in str(n.message) for n in app._notifications)


async def test_after_is_set_by_number_on_the_line_just_added(tmp_path: Path) -> None:
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        screen.set_plan([Operation("drones", OpKind.RECON, "anah")] +
                        [Operation(u, OpKind.REST) for u in ("anbar-police", "advisers")])
        assert screen.add_operation(Operation("7-div-1-bde", OpKind.REST))
        assert screen.query_one(PlanTable).cursor_row == 3  # the line just added
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, NumberPrompt)
        await pilot.press("1", "enter")
        await pilot.pause()
        assert screen.plan[3] == Operation("7-div-1-bde", OpKind.REST, after=1)
        await pilot.press("w", "backspace", "enter")  # empty: waits for none
        await pilot.pause()
        assert screen.plan[3].after is None


async def test_after_the_end_the_screen_says_so_and_offers_what_comes_next(
    tmp_path: Path,
) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        while not screen.state.over:
            screen.set_plan(choose_plan("doctrine", screen.state))
            await _end_day(pilot)
        await pilot.press("escape")  # the report opened at the end
        await pilot.pause()
        assert app.screen is screen
        hint = screen.query_one(HintLine)
        assert hint.display and hint.text.startswith("Victory on day")
        bar = screen.query_one(KeyBar).render().plain
        assert "r Report" in bar and "New game" in bar and "p Replay" in bar
        assert "n End day" not in bar and "a Add op" not in bar
        await pilot.press("n")
        assert any("Victory on day" in str(n.message) and "new game" in str(n.message)
                   for n in app._notifications)


async def test_a_players_keys_file_remaps_a_key_and_help_shows_it(
    tmp_path: Path, monkeypatch: object
) -> None:
    import pytest

    from game.tui.screens.help import HelpScreen, screen_keys

    keys = tmp_path / "keys.toml"
    keys.write_text('[keys]\n"game.end_day" = "e"\n', encoding="utf-8")
    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setenv("ANBAR_KEYS", str(keys))
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        rows = {ident: keys for keys, _, ident in screen_keys(screen)}
        assert rows["game.end_day"] == "e" and rows["game.repeat"] == "y"
        assert "e End day" in screen.query_one(KeyBar).render().plain
        await pilot.press("n")  # no longer ending the day
        assert app.screen is screen
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_the_log_scrolls_by_keys(tmp_path: Path) -> None:
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        screen.set_plan(choose_plan("doctrine", screen.state))
        await _end_day(pilot)
        log = screen.query_one(GameLog)
        assert log.max_scroll_y > 0
        heading = log.plain.index("— Day 1 —")
        assert log.scroll_y > 0  # the new day opens at its heading...
        await pilot.press("pageup")
        up = log.scroll_y
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert log.scroll_y > up  # ...and the keys page through it
        assert heading > 0


async def test_shift_f_sends_every_aircraft_on_the_same_strike(tmp_path: Path) -> None:
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        assert screen.add_operation(Operation("coalition-jets", OpKind.AIR_STRIKE, "anah"))
        await pilot.press("F")
        await pilot.pause()
        sorties = {a.id: a.sorties for a in screen.state.air}
        flown = {owner: sum(1 for op in screen.plan if op.owner == owner) for owner in sorties}
        assert flown == sorties  # every sortie of every aircraft, one key
        assert {op.target for op in screen.plan} == {"anah"}
        assert preview_plan(screen.state, screen.plan).ok


async def test_a_plan_line_is_reached_by_its_number_or_home_and_end(tmp_path: Path) -> None:
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        owners = [o for o, _ in screen.owners()][:8]
        screen.set_plan([Operation(owner, OpKind.REST) for owner in owners])
        table = screen.query_one(PlanTable)
        await pilot.press("g", "6", "enter")
        await pilot.pause()
        assert table.has_focus and table.cursor_row == 5
        await pilot.press("x")
        assert [op.owner for op in screen.plan] == owners[:5] + owners[6:]
        await pilot.press("end")
        assert table.cursor_row == 6
        await pilot.press("home")
        assert table.cursor_row == 0


async def test_the_days_draft_is_autosaved_and_comes_back_on_resume(tmp_path: Path) -> None:
    from game.data import saves

    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        owner = screen.owners()[1][0]
        draft = (Operation(owner, OpKind.REST, standing=True),)
        screen.set_plan(draft)
        assert app.autosave() is None  # as ctrl+q and a new game do
    latest = saves.latest_save(tmp_path)
    assert latest is not None
    restored = saves.restore(saves.read_save(latest))
    assert restored.draft == draft
    again = create_app(load=latest, saves_folder=tmp_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _game(again).plan == draft


async def test_each_day_is_headed_once_and_opens_at_its_heading(tmp_path: Path) -> None:
    """A day ends with the next morning's news under the next day's heading; that day's
    own lines then come under the same heading, not a second one, and the log opens the
    day at it (the morning's news first)."""
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 24)) as pilot:
        await pilot.pause()
        screen = _game(app)
        for _ in range(3):
            await _end_day(pilot)
        assert screen.state.day == 4
        log = screen.query_one(GameLog)
        headings = [line for line in log.plain if line.startswith("— Day ")]
        assert headings[:3] == ["— Day 1 —", "— Day 2 —", "— Day 3 —"]
        assert len(headings) == len(set(headings))  # day 4's too, had it morning news
        day_3 = log.plain.index("— Day 3 —")
        assert log.plain[day_3 + 1].startswith("00:00")  # day 3's morning news...
        assert any(line.startswith("night") for line in log.plain[day_3 + 2:])  # ...its night
        await pilot.pause()
        first_shown = round(log.scroll_y)
        assert log.plain[log._starts.index(first_shown)] == "— Day 3 —"
