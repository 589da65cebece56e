"""The after-action report on seeded games: the totals it shows are the sums of
the engine's per-day record, the table reads without colour, keys work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import ContentSwitcher, Label, Static

from game.data.scenario import load_scenario
from game.engine import GameState, new_game, play_game
from game.tui.app import create_app
from game.tui.screens.report import ReportScreen, count_ticks, integer_ticks, table_text

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "scenarios" / "western-anbar-2017.yaml"
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


class Host(App[None]):
    CSS_PATH = ROOT / "game" / "tui" / "euphrates.tcss"

    def __init__(self, state: GameState, no_color: bool = False) -> None:
        super().__init__()
        self.state = state
        self.results: list[Any] = []
        self.no_color = no_color

    def compose(self) -> ComposeResult:
        yield Label("host")

    def on_mount(self) -> None:
        self.push_screen(ReportScreen(self.state), self.results.append)


def texts(screen: Any, selector: str) -> list[str]:
    return [str(widget.render()) for widget in screen.query(selector)]


@pytest.fixture(scope="module")
def won() -> GameState:
    """The first won doctrine game of the campaign, by seed (rules move which one)."""
    scenario = load_scenario(DEFAULT)
    games = (play_game(scenario, seed, "doctrine").final for seed in range(1, 30))
    return next(state for state in games if str(state.outcome) == "victory")


async def test_report_shows_the_record_totals_of_a_seeded_game(won: GameState) -> None:
    record = won.record
    assert str(won.outcome) == "victory"
    expected = [
        f"Days used {len(record)} of 60",
        f"Own casualties {sum(d.own_casualties for d in record)}",
        f"Enemy losses {sum(d.enemy_losses for d in record)}",
        f"Civilian harm {sum(d.civilian_harm for d in record)}",
        f"Traps struck {sum(d.traps_struck for d in record)}",
        f"Traps cleared {sum(d.traps_cleared for d in record)}",
        f"VBIEDs destroyed {sum(d.vbieds_destroyed for d in record)}",
    ]
    app = Host(won)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ReportScreen)
        assert texts(screen, "#report-title") == [
            "After-action report: Western Anbar, autumn 2017"
        ]
        assert texts(screen, "#report-outcome") == [f"Victory on day {len(record)} of 60"]
        assert texts(screen, ".report-figure") == expected
        # Four charts, one a figure of the record, drawn in colour by default.
        assert len(screen.query(".report-chart")) == 4
        assert screen.query_one(ContentSwitcher).current == "report-charts"


async def test_table_lists_every_day_and_t_toggles_it(won: GameState) -> None:
    app = Host(won)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("t")
        screen = app.screen
        assert screen.query_one(ContentSwitcher).current == "report-table"
        lines = str(screen.query_one("#report-table-text", Static).render()).splitlines()
        assert lines[0].split() == [
            "day", "own", "cas.", "enemy", "civilian", "struck", "cleared", "vbieds", "held"
        ]
        assert len(lines) == 2 + len(won.record)
        first = won.record[0]
        assert lines[2].split() == [
            str(v)
            for v in (
                1,
                first.own_casualties,
                first.enemy_losses,
                first.civilian_harm,
                first.traps_struck,
                first.traps_cleared,
                first.vbieds_destroyed,
                first.places_held,
            )
        ]
        await pilot.press("t")
        assert screen.query_one(ContentSwitcher).current == "report-charts"


async def test_without_colour_the_table_comes_first(won: GameState) -> None:
    app = Host(won, no_color=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ContentSwitcher).current == "report-table"


async def test_escape_closes_the_report() -> None:
    app = Host(new_game(load_scenario(TUTORIAL), 1))
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReportScreen)
    assert app.results == [None]


async def test_defeat_and_a_game_not_yet_begun() -> None:
    lost = play_game(load_scenario(TUTORIAL), 1, "idle").final
    app = Host(lost)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert texts(app.screen, "#report-outcome") == ["Defeat after 8 days of 8"]

    fresh = Host(new_game(load_scenario(TUTORIAL), 1))
    async with fresh.run_test() as pilot:
        await pilot.pause()
        assert texts(fresh.screen, "#report-outcome") == ["In progress: 0 of 8 days played"]
        assert texts(fresh.screen, ".report-figure")[:2] == ["Days used 0 of 8", "Own casualties 0"]


def test_empty_table_says_so() -> None:
    assert table_text(()).splitlines() == [
        "day  own cas.  enemy  civilian  struck  cleared  vbieds  held",
        "---  --------  -----  --------  ------  -------  ------  ----",
        "(no day has been played yet)",
    ]


def test_integer_ticks() -> None:
    assert integer_ticks(1, 14) == [1, 4, 7, 10, 13]
    assert integer_ticks(0, 1, most=5) == [0, 1]
    assert integer_ticks(0, 60, most=5) == [0, 15, 30, 45, 60]


def test_count_ticks_are_round_and_reach_the_top() -> None:
    assert count_ticks(0) == [0, 1]
    assert count_ticks(4) == [0, 1, 2, 3, 4]
    assert count_ticks(5) == [0, 2, 4, 6]
    assert count_ticks(16) == [0, 5, 10, 15, 20]
    assert count_ticks(323) == [0, 100, 200, 300, 400]
    assert count_ticks(1181) == [0, 500, 1000, 1500]


async def test_r_on_the_game_screen_opens_the_report(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        while type(app.screen).__name__ != "GameScreen":
            await pilot.pause(0.01)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        assert texts(app.screen, "#report-title") == [
            "After-action report: Tutorial: the road to Saqra"
        ]


async def test_a_game_played_without_rules_says_so() -> None:
    """The report of an ablation game (`simulate --without`) names the rules it was played
    without, in the headline and in the JSON (by their switches' names)."""
    import json

    from game.tui.aar import headline, report_figures, report_json, report_markdown

    state = play_game(load_scenario(TUTORIAL), 2, "doctrine",
                      without=("traps", "vbieds")).final
    figures = report_figures(state)
    assert headline(figures).endswith(", without booby-traps and car bombs")
    assert json.loads(report_json(figures))["without"] == ["traps", "vbieds"]
    page = report_markdown(figures)
    assert "without booby-traps and car bombs**" in page and "- to car bombs: 0" in page
    assert "without" not in headline(report_figures(play_game(
        load_scenario(TUTORIAL), 2, "doctrine").final))
    app = Host(state)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "without booby-traps and car bombs" in texts(app.screen, "#report-outcome")[0]


def test_the_rules_off_in_words() -> None:
    from game.tui.wording import rules_off

    assert rules_off(()) == ""
    assert rules_off(("supply",)) == "without supply"
    assert rules_off(("traps", "vbieds")) == "without booby-traps and car bombs"
    assert rules_off(("traps", "supply", "vbieds")) == \
        "without booby-traps, supply and car bombs"
