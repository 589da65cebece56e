"""The game's screens driven by the pilot: title, help, the game screen, `anbar play` errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.tui.app import create_app
from game.tui.screens.help import HelpScreen
from game.tui.screens.title import TitleScreen

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
    assert err.startswith(f"anbar play: {broken}:4:1: YAML syntax error")


def test_play_with_a_missing_save_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["--saves-dir", str(tmp_path), "play", "--load", "nothing-here"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("anbar play: ")
    assert err.count("\n") == 1
    assert "Traceback" not in err


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


async def test_help_opens_and_closes(tmp_path: Path) -> None:
    app = create_app(saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert isinstance(app.screen, TitleScreen)
