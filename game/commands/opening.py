"""A word on the terminal while a large file is opened."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from game.data.files import slow_to_open
from game.tui import wording


@contextmanager
def opening_note(command: str, path: str | os.PathLike[str]) -> Iterator[None]:
    """While a large file is opened, one line on a terminal's stderr ('anbar play: opening
    big.yaml (24 MB)...'), wiped once it is: a scenario of 100,000 places takes seconds,
    and the terminal would show nothing meanwhile. None for a small file, or when stderr
    is a pipe or a log (which would keep the line)."""
    size = slow_to_open(path) if sys.stderr.isatty() else None
    if size is not None:
        print(f"{command}: {wording.opening(Path(path).name, size)}", end="", file=sys.stderr,
              flush=True)
    try:
        yield
    finally:
        if size is not None:
            print("\r\x1b[K", end="", file=sys.stderr, flush=True)
