"""The day as a small Gantt chart: one row a unit, one column an hour."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from game.tui.widgets.plan import PlanRow

HOURS = 24
NAME_WIDTH = 14


def gantt(rows: Sequence[PlanRow], owners: Sequence[str]) -> Text:
    """A line per owner: the hours each of its plan lines takes, marked by line number."""
    text = Text()
    scale = " " * NAME_WIDTH + "".join(str(h % 10) if h % 6 == 0 else "." for h in range(HOURS))
    text.append(scale + "\n", style="dim")
    for owner in owners:
        cells = [" "] * HOURS
        for row in rows:
            if row.owner != owner or row.start is None or row.end is None:
                continue
            first = max(int(row.start), 0)
            last = min(max(int(-(-row.end // 1)), first + 1), HOURS)
            for h in range(first, last):
                cells[h] = str(row.number % 10)
        text.append(f"{owner[: NAME_WIDTH - 1]:<{NAME_WIDTH}}")
        text.append("".join(cells) + "\n", style="bold cyan")
    return text


class Timeline(Static):
    """Each unit's day, from the plan preview."""

    rows: reactive[tuple[PlanRow, ...]] = reactive(())
    owners: reactive[tuple[str, ...]] = reactive(())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)

    def _redraw(self) -> None:
        used = [o for o in self.owners if any(r.owner == o for r in self.rows)]
        self.update(gantt(self.rows, used) if used else Text("No operations planned yet."))

    def watch_rows(self) -> None:
        self._redraw()

    def watch_owners(self) -> None:
        self._redraw()
