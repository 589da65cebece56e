"""The plan editor's table: one row a plan line (see `game.tui.widgets.plan`).

Its own module, imported when the table is first built: DataTable is about a
thirtieth of a start, and a game that starts with no plan shows `EmptyPlan` in its
first frame instead.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import DataTable

from game.tui import tcss
from game.tui.widgets.plan import (
    CELL_PADDING,
    COLUMNS,
    MIN_RISKS_WIDTH,
    MOST_NAME_WIDTH,
    RISKS_COLUMN,
    SCROLLBAR,
    TIGHT_NAME_WIDTH,
    WANTED_RISKS_WIDTH,
    WRAP_FROM_HEIGHT,
    PlanRow,
)


class PlanTable(DataTable[Text]):
    """The day's plan, one row a line, in the player's order; home and end go to the
    first and the last line."""

    # Its own rules (euphrates.tcss's section), parsed with the table.
    DEFAULT_CSS = tcss.section("PlanTable")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("home", "first_line", "First line", show=False, id="plan.first_line"),
        Binding("end", "last_line", "Last line", show=False, id="plan.last_line"),
    ]

    rows_shown: reactive[tuple[PlanRow, ...]] = reactive((), always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.select_next: int | None = None  # a row to put the cursor on at the next rows
        self._laid_out_for = Size(0, 0)  # the size the columns were last sized for

    def on_mount(self) -> None:
        if not self.columns:  # none yet: no rows were shown before it was mounted
            self.add_columns(*map(Text, COLUMNS))  # Text: plain, not parsed as markup

    @property
    def wraps(self) -> bool:
        """Whether a long reason or list of risks wraps in its row (read whole in the
        table): when the table has the rows for it; else it is cut, and whole in the
        detail line under the table."""
        return self.size.height >= WRAP_FROM_HEIGHT

    def watch_rows_shown(self, rows: tuple[PlanRow, ...]) -> None:
        keep = self.cursor_row if self.select_next is None else self.select_next
        self.select_next = None
        self._laid_out_for = self.size
        wraps = self.wraps
        cells = [row.cells() for row in rows]
        widths = [max([len(label)] + [line[i].cell_len for line in cells])
                  for i, label in enumerate(COLUMNS)]
        # The risks column takes the room the others leave, so the table does not scroll
        # sideways; names are cut only when that room is too small to read.
        if self.size.width and widths[RISKS_COLUMN] > self._room(widths):
            if self._room(widths) < (MIN_RISKS_WIDTH if wraps else WANTED_RISKS_WIDTH):
                widths = [min(w, MOST_NAME_WIDTH.get(i, w)) for i, w in enumerate(widths)]
            if self._room(widths) < MIN_RISKS_WIDTH:
                widths = [min(w, TIGHT_NAME_WIDTH.get(i, w)) for i, w in enumerate(widths)]
            widths[RISKS_COLUMN] = max(self._room(widths), MIN_RISKS_WIDTH)
        # Columns sized here, not measured by the table when idle: a row painted before
        # that measurement would stay cut to the old widths.
        self.clear(columns=True)
        for label, width in zip(COLUMNS, widths, strict=True):
            self.add_column(Text(label), width=width)
        room = widths[RISKS_COLUMN]
        for row, line in zip(rows, cells, strict=True):
            tall = wraps and line[RISKS_COLUMN].cell_len > room
            self.add_row(*line, key=str(row.number), height=None if tall else 1)
        if rows:
            selected = min(max(keep, 0), len(rows) - 1)
            self.move_cursor(row=selected, scroll=True)
            # Once laid out again (the detail line under the table may have grown), the
            # selected row is brought into view: a line just added is seen.
            self.call_after_refresh(self.move_cursor, row=selected, scroll=True)

    def action_first_line(self) -> None:
        self.move_cursor(row=0, scroll=True)

    def action_last_line(self) -> None:
        self.move_cursor(row=max(self.row_count - 1, 0), scroll=True)

    def on_resize(self, event: events.Resize) -> None:
        # Rows laid out for another width (none at all, before the first layout) again.
        laid_out = self._laid_out_for
        if self.rows_shown and (event.size.width != laid_out.width
                                or (event.size.height >= WRAP_FROM_HEIGHT)
                                != (laid_out.height >= WRAP_FROM_HEIGHT)):
            self.watch_rows_shown(self.rows_shown)

    def _room(self, widths: list[int]) -> int:
        """The risks column's room beside the others at the table's width."""
        return (self.size.width - sum(widths[:RISKS_COLUMN]) - CELL_PADDING * len(COLUMNS)
                - SCROLLBAR)
