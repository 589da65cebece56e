"""Screenshots of the main screens at 120x40 and 80x24, compared with the SVGs
in tests/__snapshots__/ (regenerate with `pytest --snapshot-update`, then look).

Every picture is deterministic: a fixed scenario and seed, an empty save
folder, the day's log lines written at once, no clock on screen.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from game.data.scenario import load_scenario
from game.tui.app import EuphratesApp, create_app
from game.tui.screens.report import ReportScreen

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "scenarios" / "western-anbar-2017.yaml"
SIZES = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]


def game_app(saves: Path) -> EuphratesApp:
    app = create_app(scenario_path=DEFAULT, seed=1, saves_folder=saves)
    app.event_delay = 0.0
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Wait until the game screen is up and its first log lines are written."""
    while type(pilot.app.screen).__name__ != "GameScreen":
        await pilot.pause(0.01)
    await pilot.pause()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_title(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(create_app(saves_folder=tmp_path), terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_game_screen(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def settle_and_read_the_map(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        # What the picture shows: every objective's name in full, with its mark, and
        # no name over another place's marker.
        from game.tui.widgets.map import MapView

        screen = pilot.app.screen
        view = screen.query_one(MapView)
        picture = view.picture
        assert picture is not None and picture.problems() == []
        painted = "\n".join(view.render_line(y).text for y in range(view.size.height))
        scenario = screen.state.scenario  # type: ignore[attr-defined]
        assert scenario.objectives
        for objective in scenario.objectives:
            assert f"{scenario.place(objective.place).name}*" in painted, objective.place

    assert snap_compare(game_app(tmp_path), terminal_size=size, run_before=settle_and_read_the_map)


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    async def open_help(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(game_app(tmp_path), terminal_size=size, run_before=open_help)


@pytest.mark.parametrize("size", SIZES)
def test_report(snap_compare: Any, tmp_path: Path, size: tuple[int, int]) -> None:
    from game.engine import play_game

    state = play_game(load_scenario(DEFAULT), 1, "doctrine").final

    async def open_report(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.app.push_screen(ReportScreen(state))
        # The charts draw again once the grid has its size: let that frame land.
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.2)

    assert snap_compare(game_app(tmp_path), terminal_size=size, run_before=open_report)


def test_roster(snap_compare: Any, tmp_path: Path) -> None:
    async def open_roster(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()

    assert snap_compare(game_app(tmp_path), terminal_size=(120, 40), run_before=open_roster)


def test_replay(snap_compare: Any, tmp_path: Path) -> None:
    from game.data import saves
    from game.engine import apply_plan, choose_plan

    scenario, playthrough = saves.start_playthrough(DEFAULT, 1)
    state = saves.opened(scenario, playthrough).state
    for _ in range(2):
        plan = choose_plan("doctrine", state)
        state, _ = apply_plan(state, plan)
        playthrough = playthrough.after(plan, state)
    path = saves.save_game(tmp_path, "two-days", playthrough, state)
    app = create_app(replay=path, saves_folder=tmp_path)

    async def day_two(pilot: Pilot[Any]) -> None:
        while type(pilot.app.screen).__name__ != "ReplayScreen":
            await pilot.pause(0.01)
        await pilot.press("right")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=day_two)
