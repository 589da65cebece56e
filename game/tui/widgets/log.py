"""The log of the whole game: one line an event, scrollable."""

from __future__ import annotations

from textual.widgets import RichLog


class GameLog(RichLog):
    """A RichLog that also keeps its lines as plain text (the tests and saves read them)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, wrap=True, markup=False, highlight=False, max_lines=5000)
        self.plain: list[str] = []

    def add(self, text: str) -> None:
        self.plain.append(text)
        self.write(text)
