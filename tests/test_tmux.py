"""Plays in a real terminal: tmux runs `python -m game play tutorial` (and bare
`python -m game`, the title) at 120x40, keys go in as a player types them, the
screen text is read back."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed: no real terminal to play in"
)


def tmux(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, timeout=10)


class Terminal:
    def __init__(self, name: str) -> None:
        self.name = name

    def screen(self) -> str:
        return tmux("capture-pane", "-p", "-t", self.name).stdout

    def alive(self) -> bool:
        return tmux("has-session", "-t", self.name).returncode == 0

    def keys(self, *keys: str) -> None:
        tmux("send-keys", "-t", self.name, *keys)

    def wait_for(self, check: Callable[[str], bool], what: str, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if check(text):
                return text
            time.sleep(0.1)
        raise AssertionError(f"after {timeout} s, no {what} on the screen:\n{text}")

    def wait_for_text(self, *parts: str, timeout: float = 10.0) -> str:
        return self.wait_for(lambda text: all(p in text for p in parts), repr(parts), timeout)


@contextmanager
def anbar(saves: Path, *args: str) -> Iterator[Terminal]:
    """`python -m game ARGS` in a fresh 120x40 tmux session; the session dies after."""
    name = f"anbar-test-{uuid.uuid4().hex[:8]}"
    command = (
        f"cd {ROOT} && ANBAR_SAVES_DIR={saves} TERM=xterm-256color "
        f"{sys.executable} -m game {' '.join(args)}"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    started = subprocess.run(
        ["tmux", "new-session", "-d", "-x", "120", "-y", "40", "-s", name, command],
        capture_output=True, text=True, timeout=10, env=env,
    )
    assert started.returncode == 0, started.stderr
    try:
        yield Terminal(name)
    finally:
        tmux("kill-session", "-t", name)


def quit_with_ctrl_q(term: Terminal) -> None:
    term.keys("C-q")
    deadline = time.monotonic() + 10
    while term.alive() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not term.alive(), "ctrl+q did not end the game"


def test_play_the_tutorial_in_tmux(tmp_path: Path) -> None:
    with anbar(tmp_path / "saves", "play", "tutorial", "--seed", "1") as term:
        first = term.wait_for_text("Day 1/8", "plan: 0 ops", "Haditha (town)")

        # The map cursor moves north to the dam: the details panel follows it.
        term.keys("Up")
        moved = term.wait_for_text("Haditha Dam (dam), held by Iraqi forces")
        assert "Haditha (town)" in first and "Haditha (town)" not in moved

        # Help opens over the game and closes again.
        term.keys("?")
        term.wait_for_text("Euphrates Road: help", "end the day", "game.end_day")
        term.keys("Escape")
        back = term.wait_for(lambda text: "Euphrates Road: help" not in text, "help closed")
        assert "plan: 0 ops" in back

        # The target picked on the map: enter at the dam offers the selected unit's
        # operations aimed at it; a filter, enter.
        term.keys("Enter")
        term.wait_for_text("Add an operation: 1st Brigade, 7th Division at Haditha Dam")
        term.keys("move")
        term.wait_for(lambda text: "recon  Haditha Dam  (" not in text, "the filtered menu")
        term.keys("Enter")
        planned = term.wait_for_text("· plan: 1 op")
        row = next(line for line in planned.splitlines() if line.startswith("│ 1  "))
        assert row.split()[1:3] == ["1", "1st"]
        assert " move " in row and "Haditha Dam" in row and "00:00" in row

        # Zoomed in, the map still shows the cursor's place.
        term.keys("+")
        term.wait_for_text("zoom 2x")

        quit_with_ctrl_q(term)


def test_the_title_starts_the_default_scenario_and_resumes_it_in_tmux(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    with anbar(saves) as term:
        title = term.wait_for_text("EUPHRATES ROAD", "Western Anbar, autumn 2017", "Start")
        assert "Resume" not in title  # nothing saved yet
        term.keys("Enter")
        term.wait_for_text("Day 1/60", "plan: 0 ops")
        quit_with_ctrl_q(term)
    assert list(saves.glob("autosave-*.json")), "quitting a game in progress leaves an autosave"

    with anbar(saves) as term:
        term.wait_for_text("EUPHRATES ROAD", "l Resume latest")
        term.keys("l")
        term.wait_for_text("Day 1/60", "plan: 0 ops")
        quit_with_ctrl_q(term)
