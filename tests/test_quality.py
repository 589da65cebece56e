"""Keep the floor level: ruff over the code and tests, mypy --strict over the
whole game, its three rooms and the commands (configuration in pyproject.toml)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(shutil.which("ruff") is None, reason="ruff is not installed")
def test_ruff_is_clean() -> None:
    result = run("ruff", "check", "game", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_over_the_whole_game() -> None:
    result = run(sys.executable, "-m", "mypy", "--strict", "game")
    assert result.returncode == 0, result.stdout + result.stderr
