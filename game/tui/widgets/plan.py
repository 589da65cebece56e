"""The plan editor's table: the day's ordered operations with the engine's preview.

Attributes down: `rows` (one `PlanRow` a plan line, built by the screen from
`preview_plan`). The screen reads `cursor_row` to know which line the player's
keys (delete, move, wait) act on.
"""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import DataTable

from game.engine.record import record

COLUMNS = ("#", "unit", "operation", "target", "start", "end", "supply", "risks")


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
    supply: float = 0.0
    risks: str = ""
    after: int | None = None
    error: str = ""

    def cells(self) -> tuple[Text, ...]:
        """The row's cells as plain text: a name with brackets in it is not markup."""
        kind = self.kind if self.after is None else f"{self.kind} (after {self.after})"
        risks = Text(f"refused: {self.error}", style="bold red") if self.error else Text(self.risks)
        return (
            Text(str(self.number)),
            Text(self.owner),
            Text(kind),
            Text(self.target),
            Text(hour(self.start)),
            Text(hour(self.end)),
            Text(f"{self.supply:g}"),
            risks,
        )


class PlanTable(DataTable[Text]):
    """The day's plan, one row a line, in the player's order."""

    rows_shown: reactive[tuple[PlanRow, ...]] = reactive((), always_update=True)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self.add_columns(*map(Text, COLUMNS))  # Text: plain, not parsed as markup

    def watch_rows_shown(self, rows: tuple[PlanRow, ...]) -> None:
        keep = self.cursor_row
        cells = [row.cells() for row in rows]
        # Columns sized here, not measured by the table when idle: a row painted before
        # that measurement would stay cut to the old widths.
        self.clear(columns=True)
        for index, label in enumerate(COLUMNS):
            width = max([len(label)] + [line[index].cell_len for line in cells])
            self.add_column(Text(label), width=width)
        for row, line in zip(rows, cells, strict=True):
            self.add_row(*line, key=str(row.number))
        if rows:
            self.move_cursor(row=min(max(keep, 0), len(rows) - 1))
