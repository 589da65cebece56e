"""The log of the whole game: one entry an event, wrapped to the width, scrollable.

Built on Textual's plain-text `Log` (RichLog would pull Rich's pretty-printer
and its dependencies into every start for text the game never pretty-prints).
Entries wrap at the widget's width with a hanging indent under the hour, and
re-wrap when the terminal is resized. The keys scroll it (the screen binds
page up and page down; focused, the arrows and home/end work too), and after
a day `show_from` brings that day's first entry into view. A day's heading is
written once: the day before ends with this day's morning news under it
(`narrate.day_lines`), so the day's own lines come under that heading, not a second.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import cell_len
from textual import events
from textual.widgets import Log

from game.tui import cells
from game.tui.narrate import HEADING_MARK

MAX_ENTRIES = 5000
INDENT = " " * 7  # under "HH:MM  " and "night  "


class GameLog(Log):
    """The game's log; `plain` keeps each entry whole (the tests and saves read them)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, highlight=False, max_lines=MAX_ENTRIES * 4, auto_scroll=True)
        self.plain: list[str] = []
        self._starts: list[int] = []  # the first line of each entry in `plain`
        self._dropped = 0  # entries dropped off the top: `entries` keeps counting
        self._wrap_width = 0
        self._heading = ("", 0)  # the last day's heading written, and its entry's number
        self._under_heading = (-1, 0)  # where a repeated heading was dropped, and its entry

    def _update_size(self, updates: int, lines: list[str]) -> None:  # type: ignore[override]
        """The widest line, measured here rather than in a thread of its own as `Log`
        does (starting one cost a start more than the measuring): the lines are wrapped to
        the log's width already, a day's at a time."""
        if lines:
            widest = max(cell_len(self._process_line(line)) for line in lines)
            self._update_maximum_width(updates, widest)

    @property
    def entries(self) -> int:
        """How many entries were ever added: a mark for `show_from`."""
        return self._dropped + len(self.plain)

    def _wrapped(self, text: str) -> list[str]:
        width = self._wrap_width
        if width <= len(INDENT) + 8:
            return [text]
        return cells.wrap(text, width, INDENT)  # a name in CJK takes two cells a character

    @staticmethod
    def _room(content_width: int) -> int:
        return max(content_width - 2, 0)  # room for the scrollbar once the log is long

    def add(self, text: str) -> None:
        self.add_all((text,))

    def add_all(self, texts: Iterable[str]) -> None:
        """Entries in order, written at once: the log scrolls to its end once, not once an
        entry (each scroll lays the log out)."""
        lines: list[str] = []
        overflow = False
        for text in texts:
            if text == self._heading[0]:  # written already, above the day's morning news
                self._under_heading = (self.entries, self._heading[1])
                continue
            if text.startswith(HEADING_MARK):
                self._heading = (text, self.entries)
            self.plain.append(text)
            if len(self.plain) > MAX_ENTRIES:
                del self.plain[0]
                self._dropped += 1
                overflow = True
            elif not overflow:
                self._starts.append(self.line_count + len(lines))
                lines += _split(self._wrapped(text))
        if overflow:
            self._rewrite()
        elif lines:
            self.write_lines(lines)

    def _rewrite(self) -> None:
        self.clear()
        self._starts = []
        lines: list[str] = []
        for text in self.plain:
            self._starts.append(len(lines))
            lines += _split(self._wrapped(text))
        if lines:
            self.write_lines(lines)

    def reset(self) -> None:
        """An empty log (the replay shows one day at a time)."""
        self.plain.clear()
        self._dropped = 0
        self._heading, self._under_heading = ("", 0), (-1, 0)
        self._rewrite()

    def show_from(self, mark: int) -> None:
        """Scroll so the entry numbered `mark` (see `entries`) is the first line shown, when
        what follows it is more than the log shows at once; else to the end. A mark where
        a repeated heading was dropped stands for that heading's entry."""
        if mark == self._under_heading[0]:
            mark = self._under_heading[1]
        index = mark - self._dropped
        if not 0 <= index < len(self._starts):
            return
        line = self._starts[index]
        if self.line_count - line > self.scrollable_content_region.height:
            self.auto_scroll = False
            self.call_after_refresh(self._scroll_to_line, line)
        else:
            self.scroll_end(animate=False)

    def _scroll_to_line(self, line: int) -> None:
        self.scroll_to(y=line, animate=False)
        self.auto_scroll = True

    def on_mount(self) -> None:
        # Entries written before the first layout wrap to a guess: the log spans the
        # screen's width. The first resize re-wraps them if the guess was wrong; when
        # it was right, the first frame already shows them wrapped.
        self._wrap_width = self._room(self.app.size.width - self.styles.gutter.width)

    def on_resize(self, event: events.Resize) -> None:
        width = self._room(self.size.width)
        if width != self._wrap_width:
            self._wrap_width = width
            self._rewrite()


def _split(lines: list[str]) -> list[str]:
    """The lines as the log stores them (Textual's `Log` splits each at its line breaks,
    and keeps none of an empty one): so an entry's first line is counted right."""
    return [piece for line in lines for piece in line.splitlines()]
