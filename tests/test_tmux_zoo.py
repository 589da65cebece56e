"""The strangest scenario of the zoo (names in CJK, emoji, combining accents, markup) in a real
terminal: tmux at 120x40, the screen read back. Every row of the map keeps its right border in
one column, so no name pushed or pulled the rest of its row."""

from __future__ import annotations

import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from rich.cells import cell_len

from tests import scenario_zoo
from tests.test_tmux import ROOT, Terminal, quit_with_ctrl_q, tmux

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None, reason="tmux is not installed: no real terminal to play in"
)


def _border_columns(screen: str) -> set[int]:
    """The cell columns of the map's right border (┃) on the rows of the map."""
    columns = set()
    for line in screen.splitlines():
        if line.startswith("┃") and "┃" in line[1:]:
            columns.add(cell_len(line[: line.index("┃", 1)]))
    return columns


def test_wide_and_marked_names_keep_the_map_square_in_tmux(tmp_path: Path) -> None:
    path = tmp_path / "wide.yaml"
    path.write_text(scenario_zoo.text("wide-unicode"), encoding="utf-8")
    name = f"anbar-zoo-{uuid.uuid4().hex[:8]}"
    command = (f"cd {ROOT} && LANG=C.UTF-8 TERM=xterm-256color ANBAR_SAVES_DIR={tmp_path} "
               f"{sys.executable} -m game play {path} --seed 1")
    started = subprocess.run(["tmux", "new-session", "-d", "-x", "120", "-y", "40", "-s", name,
                              command], capture_output=True, text=True, timeout=10)
    assert started.returncode == 0, started.stderr
    term = Terminal(name)
    try:
        screen = term.wait_for_text("Day 1/5", "东京都 (town)", timeout=30)
        assert "ééé E" in screen and "E Zalgo" in screen  # accents composed or left out
        assert len(_border_columns(screen)) == 1, screen
        term.keys("Down", "Down", "Left", "v")  # the cursor over other names, an overlay
        moved = term.wait_for(lambda text: "东京都 (town)" not in text, "the cursor moved")
        assert len(_border_columns(moved)) == 1, moved
        quit_with_ctrl_q(term)
    finally:
        tmux("kill-session", "-t", name)
