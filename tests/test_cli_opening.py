"""A large scenario or save is named while it opens, on a terminal and in the game: it
takes seconds (100,000 places: several), and nothing else is on screen meanwhile."""

from __future__ import annotations

import io
import threading
from pathlib import Path

import pytest

from game.cli import main
from game.commands.opening import opening_note
from game.data import files
from game.tui import opening
from game.tui.app import create_app
from game.tui.screens.game import GameScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.title import TitleScreen

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_slow_to_open_is_the_size_of_a_large_regular_file_only(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert files.slow_to_open(TUTORIAL) is None  # a few kB
    monkeypatch.setattr(files, "SLOW_TO_OPEN_BYTES", 1000)
    assert files.slow_to_open(TUTORIAL) == TUTORIAL.stat().st_size
    assert files.slow_to_open(tmp_path) is None  # a folder
    assert files.slow_to_open(tmp_path / "missing.yaml") is None
    assert files.slow_to_open("bad\0name") is None


def test_on_a_terminal_the_note_is_written_then_wiped(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "SLOW_TO_OPEN_BYTES", 1000)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    size = TUTORIAL.stat().st_size / 1e6
    with opening_note("anbar validate", TUTORIAL):
        assert terminal.getvalue() == f"anbar validate: opening tutorial.yaml ({size:.0f} MB)..."
    assert terminal.getvalue().endswith("\r\x1b[K")  # the line wiped for what follows


def test_no_note_for_a_small_file_or_a_pipe(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    with opening_note("anbar play", TUTORIAL):
        pass
    assert terminal.getvalue() == ""  # small
    monkeypatch.setattr(files, "SLOW_TO_OPEN_BYTES", 1000)
    pipe = io.StringIO()
    monkeypatch.setattr("sys.stderr", pipe)
    with opening_note("anbar play", TUTORIAL):
        pass
    assert pipe.getvalue() == ""  # a log keeps no half line


def test_validate_wipes_the_note_before_its_verdict(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(files, "SLOW_TO_OPEN_BYTES", 1000)
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    assert main(["validate", str(TUTORIAL)]) == 0
    assert terminal.getvalue().startswith("anbar validate: opening tutorial.yaml")
    assert terminal.getvalue().endswith("\r\x1b[K")
    assert capsys.readouterr().out.startswith(f"{TUTORIAL}: ok")


async def test_the_game_names_a_large_file_and_stays_alive_while_it_opens(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is opened in a thread: meanwhile the title is on screen with the note,
    and keys are handled (here the help opens and closes); then the game comes."""
    monkeypatch.setattr(files, "SLOW_TO_OPEN_BYTES", 1000)
    may_finish = threading.Event()
    real = opening.new_game

    def slow(path: Path, seed: int | None) -> object:
        assert may_finish.wait(10)
        return real(path, seed)

    monkeypatch.setattr(opening, "new_game", slow)
    app = create_app(seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        title = app.screen
        app.start_game(TUTORIAL, 1)
        await pilot.pause()
        notes = [note.message for note in app._notifications]
        assert any(note.startswith("Opening tutorial.yaml (") for note in notes)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        assert app.screen is title
        may_finish.set()
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, GameScreen):
                break
        assert isinstance(app.screen, GameScreen)


async def test_a_large_file_that_does_not_open_says_why_on_the_title(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opened in a thread: the refusal comes back to the title, as a small file's does."""
    monkeypatch.setattr(files, "SLOW_TO_OPEN_BYTES", 1000)
    broken = tmp_path / "broken.yaml"
    broken.write_text("places: [\n" + "# padding\n" * 200, encoding="utf-8")
    app = create_app(seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        title = app.screen
        assert isinstance(title, TitleScreen)
        app.start_game(broken, 1)
        app.start_game(broken, 1)  # a second start while the first opens: not another
        for _ in range(40):
            await pilot.pause(0.05)
            if any(n.message.startswith("Cannot open") for n in app._notifications):
                break
        notes = [note.message for note in app._notifications]
        assert sum(note.startswith("Opening broken.yaml") for note in notes) == 1
        assert sum(note.startswith(f"Cannot open {broken}: ") for note in notes) == 1
        assert app.screen is title


async def test_a_large_save_is_replayed_from_a_thread_too(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from game.tui.screens.replay import ReplayScreen

    assert main(["--saves-dir", str(tmp_path), "simulate", "tutorial", "--runs", "1",
                 "--save", "mine"]) == 0
    capsys.readouterr()
    save = tmp_path / "mine.json"
    monkeypatch.setattr(files, "SLOW_TO_OPEN_BYTES", 1000)
    app = create_app(seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.open_replay(save)
        await pilot.pause()
        notes = [note.message for note in app._notifications]
        assert any(note.startswith("Opening mine.json (") for note in notes)
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, ReplayScreen):
                break
        assert isinstance(app.screen, ReplayScreen)
