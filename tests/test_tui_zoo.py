"""The real app driven by the pilot over unusual but valid scenarios (tests/scenario_zoo.py),
at small terminal sizes: every map key, overlay, operation menu, the roster, the report, a
save and every day to the end, then a monkey's random keys. A fast few here; `python -m
tests.zoo_pilot` runs the whole zoo at four sizes."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Label, Static

from game.data import saves
from game.tui.app import create_app
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.saves import SaveScreen
from tests import scenario_zoo
from tests.zoo_pilot import drive


def _scenario(folder: Path, name: str) -> Path:
    path = folder / f"{name}.yaml"
    path.write_text(scenario_zoo.text(name), encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "size", "days"), [
    ("one-day", (40, 15), 1),  # to the end
    ("reinforcements-edges", (60, 20), 4),  # to the end
    ("wide-unicode", (80, 24), 1),
    ("odd-ids", (60, 20), 1),
])
async def test_a_game_on_an_unusual_scenario(
        tmp_path: Path, name: str, size: tuple[int, int], days: int) -> None:
    problems = await drive(_scenario(tmp_path, name), tmp_path, size, days=days,
                           thorough=False)
    assert problems == []
    names = [info.path.name for info in saves.list_saves(tmp_path)]
    assert "zoo-save.json" in names


@pytest.mark.parametrize(("name", "seed"), [("markup-names", 5), ("nobody-left", 6)])
async def test_a_monkey_on_an_unusual_scenario(tmp_path: Path, name: str, seed: int) -> None:
    problems = await drive(_scenario(tmp_path, name), tmp_path, (60, 20), seed=seed,
                           monkey_presses=80)
    assert problems == []


async def test_a_long_refusal_wraps_in_the_save_dialog(tmp_path: Path) -> None:
    app = create_app(scenario_path=_scenario(tmp_path, "two-places"), seed=1,
                     saves_folder=tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SaveScreen)
        app.screen.query_one(Input).value = "?" * 40
        await pilot.press("enter")
        await pilot.pause()
        error = app.screen.query_one("#save-error", Label)
        text = str(error.render())
        assert text.startswith("Cannot save: ") and text.endswith("or digit")
        assert error.size.height >= 2 and error.size.width <= app.screen.size.width


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_the_end_of_day_question_keeps_its_buttons_beside_long_names(
        tmp_path: Path, size: tuple[int, int]) -> None:
    app = create_app(scenario_path=_scenario(tmp_path, "long-names"), seed=1,
                     saves_folder=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter", "n")  # one line: the others are named as idle
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        dialog = app.screen.query_one("#confirm-dialog").region
        for button in app.screen.query(Button):
            assert dialog.contains_region(button.region), (button.region, dialog)


@pytest.mark.parametrize("size", [(40, 15), (60, 20), (80, 24)])
async def test_the_report_figures_never_run_together(
        tmp_path: Path, size: tuple[int, int]) -> None:
    app = create_app(scenario_path=_scenario(tmp_path, "two-places"), seed=1,
                     saves_folder=tmp_path)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        figures = list(app.screen.query(".report-figure").results(Label))
        assert len(figures) == 7
        rows: dict[int, list[tuple[int, int]]] = {}
        for figure in figures:  # whole on one row, a cell at least before the next
            text = str(figure.render())
            assert figure.size.width >= len(text) and figure.size.height == 1, (text, figure.size)
            rows.setdefault(figure.region.y, []).append((figure.region.x, figure.region.right))
        for spans in rows.values():
            spans.sort()
            assert all(right < x for (_, right), (x, _) in pairwise(spans)), spans


async def test_the_report_table_scrolls_sideways_rather_than_wrap(tmp_path: Path) -> None:
    app = create_app(scenario_path=_scenario(tmp_path, "two-places"), seed=1,
                     saves_folder=tmp_path)
    async with app.run_test(size=(40, 15)) as pilot:
        await pilot.pause()
        await pilot.press("n", "y")
        await pilot.pause()
        await pilot.press("r", "t")
        await pilot.pause()
        table = app.screen.query_one("#report-table-text", Static)
        lines = str(table.render()).splitlines()
        assert lines[0].split() == ["day", "own", "cas.", "enemy", "civilian", "struck",
                                    "cleared", "vbieds", "held"]
        assert table.size.width >= max(map(len, lines)) and table.size.height == len(lines)
