"""Names, titles and reasons are the author's text: shown as written, never read as markup.

A unit named `[/]` crashed the operation menu (Rich: "closing tag has nothing to close"); a
title `[bold]x[/]` lost its brackets. Every notification and every Label or Static built from
anything but a literal says `markup=False`, and the pilot opens what shows the names.
"""

from __future__ import annotations

import ast
from pathlib import Path

from textual.widgets import Label

from game.tui.app import create_app
from game.tui.screens.game import GameScreen
from game.tui.screens.report import ReportScreen
from game.tui.widgets.operation_menu import OperationMenu
from tests import scenario_zoo

ROOT = Path(__file__).resolve().parents[1]


def _unmarked(tree: ast.AST) -> list[int]:
    """Lines of calls that would read a text that is not a literal as markup."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or any(k.arg == "markup" for k in node.keywords):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        literal = bool(node.args) and isinstance(node.args[0], ast.Constant)
        if (name == "notify" and not literal) or (
                name in ("Label", "Static") and node.args and not literal):
            found.append(node.lineno)
    return found


def test_no_text_of_the_game_reaches_a_widget_as_markup() -> None:
    bad = {}
    for path in sorted((ROOT / "game" / "tui").rglob("*.py")):
        if path.name == "map_layout.py":  # its Label is the map's own record, not a widget
            continue
        lines = _unmarked(ast.parse(path.read_text(encoding="utf-8")))
        if lines:
            bad[str(path.relative_to(ROOT))] = lines
    assert bad == {}


async def test_markup_in_names_and_title_is_shown_as_written(tmp_path: Path) -> None:
    path = tmp_path / "markup.yaml"
    path.write_text(scenario_zoo.text("markup-names"), encoding="utf-8")
    app = create_app(scenario_path=path, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        titles = []
        for _ in screen.owners():
            await pilot.press("u", "a")
            await pilot.pause()
            menu = app.screen
            assert isinstance(menu, OperationMenu)
            titles.append(str(menu.query_one(".dialog-title", Label).render()))
            await pilot.press("z", "z", "z", "enter")  # nothing matches: the menu says why
            await pilot.pause()
        assert "Add an operation: [/]" in titles
        assert "Add an operation: [@click=app.quit]" in titles
        await pilot.press("n", "y")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReportScreen)
        title = str(app.screen.query_one("#report-title", Label).render())
        assert title == "After-action report: [bold red]Title[/] [@click=app.quit]x[/]"
        assert app.crash is None
