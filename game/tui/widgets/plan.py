"""The plan editor's table, and the line under it that shows the selected line in full.

Attributes down: `rows_shown` (one `PlanRow` a plan line, built by the screen
from `preview_plan`). The screen reads `cursor_row` to know which line the
player's keys (delete, move, wait, standing, fill) act on, and hands the
selected row to `PlanDetail`, which words it whole (its way too). A reason or a
list of risks too long for its column wraps in its row when the table is tall
enough (120x40); in a short one (80x24) it is cut, and read whole in the detail.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.widgets import DataTable, Static

from game.engine.record import record

# The risks column leads with the km of the line's way that lie beyond the supplied
# network ("12 km beyond supply"), when there are any: words, not a column to explain.
COLUMNS = ("#", "unit", "operation", "target", "hours", "risks")
RISKS_COLUMN = len(COLUMNS) - 1
MIN_RISKS_WIDTH = 12
# When the risks column would have less room than this, long names are cut in the table
# to these widths (the detail line has them whole).
WANTED_RISKS_WIDTH = 30
MOST_NAME_WIDTH = {1: 24, 2: 22, 3: 24}
# And when even then the risks column would be less than MIN_RISKS_WIDTH (80 columns),
# to these, so that the table never scrolls sideways.
TIGHT_NAME_WIDTH = {1: 14, 2: 12, 3: 12}
CELL_PADDING = 2  # a DataTable cell's padding, left and right
SCROLLBAR = 2
# A table this many rows high (the plan at 120x40) wraps a long reason or list of risks
# in its row; a shorter one (80x24) keeps a line a row and cuts it.
WRAP_FROM_HEIGHT = 6


def hour(value: float | None) -> str:
    """Hours of the day as HH:MM (a start of 6.5 reads 06:30)."""
    if value is None:
        return "-"
    minutes = round(value * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


@record
class PlanRow:
    """One line of the plan table, ready to show."""

    number: int
    owner: str
    kind: str
    target: str
    start: float | None
    end: float | None
    supply: float = 0.0  # km of the way beyond supply
    risks: str = ""
    after: int | None = None
    error: str = ""
    standing: bool = False
    path: tuple[str, ...] = ()  # the places passed, by name

    def operation(self) -> str:
        text = self.kind
        if self.standing:
            text += " (standing)"
        if self.after is not None:
            text += f" (after {self.after})"
        return text

    def hours(self) -> str:
        """`06:30-09:00`, or `-` for a line with no hours (refused)."""
        if self.start is None and self.end is None:
            return "-"
        return f"{hour(self.start)}-{hour(self.end)}"

    def risk_words(self) -> str:
        """The risks column: the way beyond supply, then every risk."""
        parts = [f"{self.supply:g} km beyond supply"] if self.supply else []
        if self.risks:
            parts.append(self.risks)
        return "; ".join(parts)

    def cells(self) -> tuple[Text, ...]:
        """The row's cells as plain text: a name with brackets in it is not markup."""
        if self.error:  # the word says it, the colour only adds to it
            risks = Text(f"refused: {self.error}", style="bold red")
        else:
            risks = Text(self.risk_words())
        return (
            Text(str(self.number)),
            Text(self.owner),
            Text(self.operation()),
            Text(self.target),
            Text(self.hours()),
            risks,
        )

    def detail(self) -> str:
        """The whole line in words, for the line under the table."""
        head = f"Line {self.number}: {self.owner} {self.operation()}"
        if self.target:
            head += f" {self.target}"
        if self.error:
            return f"{head}. Refused: {self.error}"
        parts = [f"{head}, {hour(self.start)}-{hour(self.end)}"]
        if len(self.path) > 1:
            parts.append("Way: " + " > ".join(self.path))
        if self.supply:
            parts.append(f"{self.supply:g} km of the way beyond supply")
        parts.append(f"Risks: {self.risks}" if self.risks else "No known risk")
        return ". ".join(parts) + "."


class PlanTable(DataTable[Text]):
    """The day's plan, one row a line, in the player's order; home and end go to the
    first and the last line."""

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


class PlanDetail(Static):
    """The selected plan line in full: its way, its supply and every risk, or why not."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, row: PlanRow | None, empty: str) -> None:
        self.update(empty if row is None else row.detail())
