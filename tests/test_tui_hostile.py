"""The terminal game against hostile saves and its own crashes, driven as a player would.

A folder of hostile files never stops the title screen, "Resume latest", the load
screen or the end-of-day autosave; what a file says is shown as text, never read
as markup. A crash inside the UI exits with status 1 and the error on stderr,
after autosaving the game when its state is whole.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Button, OptionList

from game.cli import main
from game.data import saves
from game.engine import apply_plan
from game.tui.app import EuphratesApp, create_app
from game.tui.screens.game import GameScreen
from game.tui.screens.saves import LoadScreen
from game.tui.screens.title import TitleScreen

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def a_save(folder: Path, name: str, **edits: Any) -> Path:
    """A readable save of day 1 of the tutorial, under any file name, fields edited."""
    scenario, playthrough = saves.start_playthrough(TUTORIAL, 1)
    from game.engine import new_game

    written = saves.save_game(folder, "template", playthrough, new_game(scenario, 1))
    data = json.loads(written.read_text(encoding="utf-8"))
    written.unlink()
    for key, value in edits.items():
        if key == "title":
            data["scenario"]["title"] = value
        else:
            data[key] = value
    path = folder / f"{name}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def hostile_folder(folder: Path) -> Path:
    """Hostile files, each newer than the one good save, which is returned."""
    folder.mkdir(exist_ok=True)
    good = a_save(folder, "good")
    os.utime(good, (1_000_000, 1_000_000))
    markup = a_save(folder, "a[b] [@click=app.quit]", title="[/x] \x1b[2J title")
    os.utime(markup, (2_000_000, 2_000_000))
    huge = a_save(folder, "huge")
    huge.write_text(huge.read_text().replace('"seed": 1', '"seed": ' + "9" * 5000))
    os.mkfifo(folder / "pipe.json")
    other_rules = a_save(folder, "other-rules", rules_version=1)
    assert other_rules.exists()
    return markup


async def test_the_title_and_resume_latest_pass_over_hostile_saves(tmp_path: Path) -> None:
    newest_loadable = hostile_folder(tmp_path)
    app = create_app(saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert app.screen.latest_save == newest_loadable
        label = str(app.screen.query_one("#title-resume", Button).label)
        assert "(a[b] [@click=app.quit])" in label  # as written, not read as markup
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.screen.state.day == 1


async def test_the_load_screen_lists_hostile_saves_as_text(tmp_path: Path) -> None:
    hostile_folder(tmp_path)
    app = create_app(saves_folder=tmp_path)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.action_load()
        await pilot.pause()
        assert isinstance(app.screen, LoadScreen)
        options = app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt)
                   for i in range(options.option_count)]
        assert len(prompts) == 5 and all(prompt.isprintable() for prompt in prompts)
        assert any("[/x] \\x1b[2J title" in prompt for prompt in prompts)
        assert sum("unreadable" in prompt for prompt in prompts) == 2
        assert sum("cannot load: made under rules version 1" in prompt for prompt in prompts) == 1
        loadable = [not options.get_option_at_index(i).disabled
                    for i in range(options.option_count)]
        assert loadable.count(True) == 2


async def test_a_hostile_newest_autosave_does_not_stop_the_end_of_day(tmp_path: Path) -> None:
    for name in ("autosave-0009", "autosave-tutorial-0009"):
        a_save(tmp_path, name).write_text('{"format": "euphrates-road-save", "format_version": '
                                          + "9" * 5000 + "}")
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", "y")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen) and app.screen.state.day == 2
    assert saves.read_save(tmp_path / "autosave-tutorial-0010-day2.json").day == 2


# --- a crash inside the UI ----------------------------------------------------------------------


class Boom(RuntimeError):
    pass


def crash_after_first_frame(monkeypatch: pytest.MonkeyPatch, when: str = "mount") -> None:
    """Every app runs headless and raises Boom once its first screen is up."""
    monkeypatch.setattr(EuphratesApp, "run", lambda self, **kw: App.run(self, headless=True))
    real_mount = EuphratesApp.on_mount

    def mount(self: EuphratesApp) -> None:
        real_mount(self)

        def boom() -> None:
            raise Boom("the map could not be drawn")

        self.set_timer(0.2, boom)

    monkeypatch.setattr(EuphratesApp, "on_mount", mount)


def test_a_crash_exits_1_with_the_error_on_stderr_after_an_autosave(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    crash_after_first_frame(monkeypatch)
    status = main(["--saves-dir", str(tmp_path), "play", "tutorial", "--seed", "4"])
    err = capsys.readouterr().err
    assert status == 1
    assert "anbar play: the game stopped on an error: Boom: the map could not be drawn" in err
    assert "anbar play: the game was autosaved: resume it with `anbar play --load " \
           "autosave-tutorial-0001-day1`" in err
    restored = saves.restore(saves.read_save(tmp_path / "autosave-tutorial-0001-day1.json"))
    assert (restored.state.day, restored.playthrough.seed) == (1, 4)


def test_a_crash_on_the_title_screen_exits_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    crash_after_first_frame(monkeypatch)
    assert main(["--saves-dir", str(tmp_path)]) == 1
    assert "anbar: the game stopped on an error: Boom" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []  # no game, nothing to autosave


async def test_a_crash_while_a_day_plays_out_autosaves_the_day_played(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=2, saves_folder=tmp_path)
    app.event_delay = 30  # the day's log is still being shown when the crash comes
    with pytest.raises(Boom):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press("n", "y")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, GameScreen) and screen.after_day is not None

            def boom() -> None:
                raise Boom("while the day played out")

            app.call_later(boom)
            await pilot.pause()
    assert "autosaved" in app.crash_note
    [autosave] = tmp_path.glob("autosave-*.json")
    assert saves.restore(saves.read_save(autosave)).state.day == 2


async def test_a_crash_with_a_state_that_is_not_whole_saves_nothing(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=2, saves_folder=tmp_path)
    with pytest.raises(Boom):
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, GameScreen) and screen.playthrough is not None
            # Plans a day ahead of the state, with no day in flight: not a game to save.
            ahead, _ = apply_plan(screen.state, ())
            screen.playthrough = screen.playthrough.after((), ahead)

            def boom() -> None:
                raise Boom("in a broken state")

            app.call_later(boom)
            await pilot.pause()
    assert app.crash_note == "the game's state was not whole, so it was not autosaved"
    assert list(tmp_path.iterdir()) == []
