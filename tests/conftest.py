"""Every test session has its own empty scenario cache, never the player's."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

_CACHE = tempfile.mkdtemp(prefix="anbar-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    os.environ["ANBAR_CACHE_DIR"] = _CACHE  # child processes (tmux, the CLI) inherit it


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)
