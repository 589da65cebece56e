"""Every command stops quietly when the reader of its output goes away (`| head -1`).

Each runs in a real process whose standard output is a pipe already closed at
the reading end, so its first write fails: no traceback, no "Exception
ignored", status 141 (as a tool stopped by SIGPIPE).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = str(ROOT / "scenarios" / "tutorial.yaml")
CAMPAIGN = str(ROOT / "scenarios" / "western-anbar-2017.yaml")


def run_into_closed_pipe(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    read, write = os.pipe()
    os.close(read)  # nobody will ever read: every write fails with EPIPE
    try:
        return subprocess.run([sys.executable, "-m", "game", *args], cwd=ROOT, stdout=write,
                              stderr=subprocess.PIPE, text=True, timeout=300, env=env)
    finally:
        os.close(write)


@pytest.fixture(scope="module")
def saves(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("saves")
    subprocess.run([sys.executable, "-m", "game", "--saves-dir", str(folder), "simulate",
                    "tutorial", "--runs", "1", "--save", "piped"], cwd=ROOT, check=True,
                   capture_output=True, timeout=120)
    return folder


COMMANDS = {
    "validate": ["validate", TUTORIAL, CAMPAIGN],
    "validate a broken file": ["validate", str(ROOT / "tests" / "broken" / "syntax.yaml")],
    "validate --balance": ["validate", "--balance", TUTORIAL],
    "schema": ["schema"],
    "scenarios": ["scenarios"],
    "simulate": ["simulate", "tutorial", "--runs", "4"],
    "simulate --json": ["simulate", "tutorial", "--runs", "4", "--json"],
    "saves": ["saves"],
    "replay": ["replay", "piped"],
    "replay --json": ["replay", "piped", "--json"],
    "replay --report": ["replay", "piped", "--report", "md"],
    "rules": ["rules"],
    "help": ["--help"],
    "a command's help": ["simulate", "--help"],
    "version": ["--version"],
}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_closed_pipe_stops_the_command_quietly(name: str, saves: Path) -> None:
    env = dict(os.environ, ANBAR_SAVES_DIR=str(saves))
    done = run_into_closed_pipe(COMMANDS[name], env)
    assert "Traceback" not in done.stderr
    assert "Exception ignored" not in done.stderr
    assert done.stderr == ""
    # argparse drops its own write errors (help, version): those end as if read.
    assert done.returncode == (0 if name in ("help", "a command's help", "version") else 141)
