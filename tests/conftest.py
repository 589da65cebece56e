"""Every test session has its own empty scenario cache, never the player's; and what a
test's game froze out of the collector's way (game.tui.garbage) is thawed after it, so
that the games of finished tests are freed."""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from collections.abc import Iterator

import pytest

_CACHE = tempfile.mkdtemp(prefix="anbar-test-cache-")


def pytest_configure(config: pytest.Config) -> None:
    os.environ["ANBAR_CACHE_DIR"] = _CACHE  # child processes (tmux, the CLI) inherit it


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_CACHE, ignore_errors=True)


@pytest.fixture(autouse=True)
def _thawed() -> Iterator[None]:
    yield
    gc.unfreeze()
