"""A large scenario or save is named while it opens, on a terminal and in the game: it
takes seconds (100,000 places: several), and nothing else is on screen meanwhile."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.cli import main
from game.commands.opening import opening_note
from game.data import files
from game.tui.app import create_app
from game.tui.screens.game import GameScreen

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


async def test_the_game_names_a_large_file_before_it_opens_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "SLOW_TO_OPEN_BYTES", 1000)
    app = create_app(seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.start_game(TUTORIAL, 1)
        await pilot.pause()
        notes = [note.message for note in app._notifications]
        assert any(note.startswith("Opening tutorial.yaml (") for note in notes)
        assert not isinstance(app.screen, GameScreen)  # not yet: the note is shown first
        for _ in range(40):
            await pilot.pause(0.05)
            if isinstance(app.screen, GameScreen):
                break
        assert isinstance(app.screen, GameScreen)
