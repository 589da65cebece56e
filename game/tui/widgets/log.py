"""The log of the whole game: one entry an event, wrapped to the width, scrollable.

Built on Textual's plain-text `Log` (RichLog would pull Rich's pretty-printer
and its dependencies into every start for text the game never pretty-prints).
Entries wrap at the widget's width with a hanging indent under the hour, and
re-wrap when the terminal is resized.
"""

from __future__ import annotations

import textwrap

from textual import events
from textual.widgets import Log

MAX_ENTRIES = 5000
INDENT = " " * 7  # under "HH:MM  " and "night  "


class GameLog(Log):
    """The game's log; `plain` keeps each entry whole (the tests and saves read them)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, highlight=False, max_lines=MAX_ENTRIES * 4, auto_scroll=True)
        self.plain: list[str] = []
        self._wrap_width = 0

    def _wrapped(self, text: str) -> list[str]:
        width = self._wrap_width
        if width <= len(INDENT) + 8:
            return [text]
        return textwrap.wrap(text, width, subsequent_indent=INDENT) or [""]

    @staticmethod
    def _room(content_width: int) -> int:
        return max(content_width - 2, 0)  # room for the scrollbar once the log is long

    def add(self, text: str) -> None:
        self.plain.append(text)
        if len(self.plain) > MAX_ENTRIES:
            del self.plain[0]
        self.write_lines(self._wrapped(text))

    def on_mount(self) -> None:
        # Entries written before the first layout wrap to a guess: the log spans the
        # screen's width. The first resize re-wraps them if the guess was wrong; when
        # it was right, the first frame already shows them wrapped.
        self._wrap_width = self._room(self.app.size.width - self.styles.gutter.width)

    def on_resize(self, event: events.Resize) -> None:
        width = self._room(self.size.width)
        if width != self._wrap_width:
            self._wrap_width = width
            self.clear()
            for text in self.plain:
                self.write_lines(self._wrapped(text))
