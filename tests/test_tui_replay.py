"""A save replayed in the game: stepped and sought day by day, continued from a morning
as a new game and a new save (the original kept), and its report exported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from game.cli import main
from game.data import saves
from game.engine import apply_plan, choose_plan, fingerprint
from game.tui.app import create_app
from game.tui.screens.game import GameScreen
from game.tui.screens.prompt import NumberPrompt
from game.tui.screens.replay import ReplayScreen
from game.tui.screens.saves import LoadScreen
from game.tui.widgets.log import GameLog
from game.tui.widgets.plan import PlanTable

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = ROOT / "scenarios" / "western-anbar-2017.yaml"


def save_days(folder: Path, days: int, name: str = "five-days") -> Path:
    """A save of the campaign after `days` days of the doctrine's plans."""
    scenario, playthrough = saves.start_playthrough(CAMPAIGN, 7)
    state = saves.opened(scenario, playthrough).state
    for _ in range(days):
        plan = choose_plan("doctrine", state)
        state, _ = apply_plan(state, plan)
        playthrough = playthrough.after(plan, state)
    return saves.save_game(folder, name, playthrough, state)


async def test_a_save_replayed_sought_to_day_3_and_continued_from_there(
    tmp_path: Path,
) -> None:
    path = save_days(tmp_path, 5)
    original = path.read_bytes()
    save = saves.read_save(path)
    app = create_app(saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("p")  # the title's "Replay a save"
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen) and app.screen.replay
        await pilot.press("enter")
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        assert replay.day.state.day == 1
        await pilot.press("right")  # a day on
        assert replay.day.state.day == 2
        assert replay.query_one(PlanTable).row_count == len(save.plans[1])
        assert replay.query_one(GameLog).plain[0] == "— Day 2 —"
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, NumberPrompt)
        await pilot.press("3", "enter")
        await pilot.pause()
        assert replay.day.state.day == 3
        assert fingerprint(replay.day.state) == save.fingerprints[1]  # day 2's evening
        await pilot.press("c")
        await pilot.pause()
        game = app.screen
        assert isinstance(game, GameScreen)
        assert game.state.day == 3
        assert fingerprint(game.state) == save.fingerprints[1]
        assert game.playthrough is not None
        assert game.playthrough.plans == save.plans[:2]
    assert path.read_bytes() == original  # the save replayed is kept as it was
    continued = saves.read_save(tmp_path / "five-days-day3.json")
    assert continued.day == 3 and continued.final_fingerprint == save.fingerprints[1]
    assert saves.restore(continued).state.day == 3


async def test_the_replay_steps_to_the_ends_and_closes_back(tmp_path: Path) -> None:
    path = save_days(tmp_path, 2)
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        game = app.screen
        app.open_replay(path)
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        await pilot.press("end")
        assert replay.day.state.day == 3 and not replay.day.plan  # not played yet
        await pilot.press("right")  # no further
        assert replay.day.state.day == 3
        await pilot.press("home", "left")
        assert replay.day.state.day == 1
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is game


def test_replay_exports_the_report_as_markdown_and_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = save_days(tmp_path, 3)
    assert main(["replay", str(path), "--report", "md"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# After-action report: Western Anbar, autumn 2017\n")
    assert "| day | own cas. |" in text and "\n| 3 | " in text
    assert main(["replay", "five-days", "--report", "json", "--saves-dir", str(tmp_path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["days_used"] == 3 and data["seed"] == 7 and len(data["days"]) == 3
    assert data["totals"]["own_casualties"] == sum(d["own_casualties"] for d in data["days"])
    assert main(["replay", str(path), "--json"]) == 0  # the headless check as before
    assert json.loads(capsys.readouterr().out)["fingerprint_ok"] is True


async def _noop(pilot: Pilot[None]) -> None:
    await pilot.pause()


async def test_a_game_played_without_traps_replays_and_continues_without_them(
    tmp_path: Path,
) -> None:
    """A save of `simulate --without traps` is replayed under its own switches, from the
    command line's --view and from the game it is loaded into, and a game continued from
    it keeps them (replayed with traps, its plans broke on day 2)."""
    assert main(["simulate", str(CAMPAIGN), "--without", "traps", "--save", "no-traps",
                 "--saves-dir", str(tmp_path)]) == 0
    path = tmp_path / "no-traps.json"
    save = saves.read_save(path)
    assert save.without == ("traps",) and save.playthrough.without == ("traps",)
    app = create_app(replay=path, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        await pilot.press("end")
        assert fingerprint(replay.day.state) == save.final_fingerprint
        assert "without booby-traps" in str(replay.query_one("#game-status").render())
        await pilot.press("home", "right", "right")
        await pilot.press("c")
        await pilot.pause()
        game = app.screen
        assert isinstance(game, GameScreen)
        assert game.state.day == 3 and game.state.without == ("traps",)
        assert game.playthrough is not None and game.playthrough.without == ("traps",)
        assert "· without booby-traps" in str(game.query_one("#game-status").render())
    continued = saves.read_save(tmp_path / "no-traps-day3.json")
    assert continued.without == ("traps",)
    assert saves.restore(continued).state.day == 3

    app = create_app(load=path, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.screen.state.over
        await pilot.press("p")  # the finished game's replay
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        await pilot.press("end")
        assert fingerprint(replay.day.state) == save.final_fingerprint


def test_a_restore_with_its_mornings_gives_the_replay_its_days(tmp_path: Path) -> None:
    """The days a restore checked are the days the replay shows, as playing the plans
    again would give them."""
    save = saves.read_save(save_days(tmp_path, 4))
    kept = ReplayScreen.of_restored(saves.restore(save, mornings=True), "kept").days
    again = ReplayScreen.of_playthrough(save.playthrough).days
    assert len(kept) == len(again) == 5
    for one, other in zip(kept, again, strict=True):
        assert fingerprint(one.state) == fingerprint(other.state)
        assert (one.plan, one.events) == (other.plan, other.events)
    assert not saves.restore(save).mornings  # kept only when asked for


async def test_the_replay_of_a_save_restored_plays_no_day_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`anbar replay --view` restores the save to check it, and the view shows those days."""
    path = save_days(tmp_path, 3)
    restored = saves.restore(saves.read_save(path), mornings=True)

    def played(*args: object, **kwargs: object) -> None:
        raise AssertionError("a day was played again")

    monkeypatch.setattr("game.data.restore.apply_plan", played)
    monkeypatch.setattr("game.tui.screens.replay.apply_plan", played)
    app = create_app(replay=path, saves_folder=tmp_path, game=restored)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        replay = app.screen
        assert isinstance(replay, ReplayScreen)
        await pilot.press("end")
        assert replay.day.state is restored.state
