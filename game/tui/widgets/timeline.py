"""The day as a small Gantt chart: one row a unit, one column an hour.

Each plan line is a bar over its hours that starts with the line's number
(`12━━━`), so line 12 is never read as line 2; a bar too short for its
number shows as much of it as fits, and the detail line under the plan
names it in full. Names take the room the hours leave.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual import events
from textual.reactive import reactive
from textual.widgets import Static

from game.tui.widgets.plan import PlanRow

HOURS = 24
MIN_NAME_WIDTH = 8
MAX_NAME_WIDTH = 28
BAR = "━"
BAR_STYLES = ("bold cyan", "bold cyan reverse")


def _bar(row: PlanRow) -> tuple[int, int] | None:
    if row.start is None or row.end is None:
        return None
    first = min(max(int(row.start), 0), HOURS - 1)
    last = min(max(int(-(-row.end // 1)), first + 1), HOURS)
    return first, last


def gantt(rows: Sequence[PlanRow], owners: Sequence[str], width: int = 0) -> Text:
    """A line per owner: each of its plan lines as a bar that starts with its number."""
    name_width = max(MIN_NAME_WIDTH, min(MAX_NAME_WIDTH, width - HOURS - 1)) if width else 14
    text = Text()
    scale = " " * name_width + "".join(str(h % 10) if h % 6 == 0 else "." for h in range(HOURS))
    text.append(scale + "\n", style="dim")
    for owner in owners:
        cells: list[tuple[str, str]] = [(" ", "")] * HOURS
        bars = 0
        for row in rows:
            span = None if row.owner != owner else _bar(row)
            if span is None:
                continue
            first, last = span
            label = str(row.number)
            # Every other bar of a row in reverse video: two bars side by side (line 5
            # for an hour, then line 9) never read as one (line 59), colour or none.
            style = BAR_STYLES[bars % 2]
            bars += 1
            for h in range(first, last):
                offset = h - first
                cells[h] = (label[offset] if offset < len(label) else BAR, style)
        # Measured in cells: a name in wide characters (CJK, emoji) takes two a character.
        name = owner if cell_len(owner) < name_width else set_cell_size(owner, name_width - 2) + "…"
        text.append(set_cell_size(name, name_width))
        for char, style in cells:
            text.append(char, style=style)
        text.append("\n")
    return text


class Timeline(Static):
    """Each unit's day, from the plan preview."""

    rows: reactive[tuple[PlanRow, ...]] = reactive(())
    owners: reactive[tuple[str, ...]] = reactive(())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)

    def _redraw(self) -> None:
        used = [o for o in self.owners if any(r.owner == o for r in self.rows)]
        if not used:
            self.update(Text("No operations planned yet."))
            return
        self.update(gantt(self.rows, used, self.content_size.width))

    def watch_rows(self) -> None:
        self._redraw()

    def watch_owners(self) -> None:
        self._redraw()

    def on_resize(self, event: events.Resize) -> None:
        self._redraw()
