"""The two errors of saves, low enough for every save module to raise.

`SaveError` is a save that cannot be written or read; `SaveNameError` a name
the player typed that could not be a save in the save folder. Both print as
one harmless line whatever the file held (`game.data.problems.printable`).
"""

from __future__ import annotations

from pathlib import Path

from game.data.problems import printable


class SaveError(Exception):
    """A save that cannot be written or loaded; `str()` is one line naming the file."""

    def __init__(self, path: Path | str, reason: str, day: int | None = None) -> None:
        super().__init__(printable(f"{path}: {reason}"))
        self.path = Path(path)
        self.reason = printable(reason)
        self.day = day  # the day a replay failed or drifted on, when that is the reason


class SaveNameError(ValueError):
    """A save name that would leave the save folder or could not be a file there."""

    def __init__(self, reason: str) -> None:
        super().__init__(printable(reason))
