"""The plan editor's table, and the line under it that shows the selected line in full.

Attributes down: `rows_shown` (one `PlanRow` a plan line, built by the screen
from `preview_plan`). The screen reads `cursor_row` to know which line the
player's keys (delete, move, wait, standing, fill) act on, and hands the
selected row to `PlanDetail`, which words it whole (its way too). A reason or a
list of risks too long for its column wraps in its row when the table is tall
enough (120x40); in a short one (80x24) it is cut, and read whole in the detail.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from rich.segment import Segment
from rich.text import Text
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from game.engine.record import record
from game.tui import tcss

if TYPE_CHECKING:
    from game.tui.widgets.plan_table import PlanTable as PlanTable

# The last column holds what the player should expect of a line: a work's progress
# ("bridge 16 of 20 h done"), an assault's odds, then its risks, led by the km of its
# way beyond the supplied network ("12 km beyond supply"): words, not columns to explain.
COLUMNS = ("#", "unit", "operation", "target", "hours", "notes")
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
        parts.append(f"Notes: {self.risks}" if self.risks else "No known risk")
        return ". ".join(parts) + "."


class EmptyPlan(Widget):
    """The plan's table before it is built: its header over an empty table, as the table
    draws it with no line (every column as wide as its heading). A game that starts with
    no plan shows this in its first frame; the table itself (`PlanTable`, a DataTable:
    about a thirtieth of a start) takes its place right after (`GameScreen`)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"datatable--header"}
    # As DataTable's own rules for these parts (euphrates.tcss's section): Textual parses
    # them at every start.
    DEFAULT_CSS = tcss.section("EmptyPlan")

    @staticmethod
    def table() -> PlanTable:
        """The plan's table itself."""
        from game.tui.widgets.plan_table import PlanTable

        return PlanTable(id="game-plan")

    def make_table(self, lines: int) -> PlanTable:
        """The table in this one's place, at once (mounted as the caller goes on); with
        `lines` planned meanwhile, its last selected."""
        table = self.table()
        if lines:
            table.select_next = lines - 1
        parent = self.parent
        assert isinstance(parent, Widget)
        parent.mount(table, before=self)
        self.remove()
        return table

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y:
            return Strip.blank(width, self.rich_style)
        style = self.rich_style + self.get_component_rich_style("datatable--header")
        cells = [Segment(f" {label} ", style) for label in COLUMNS]  # a segment a cell
        rest = width - sum(len(cell.text) for cell in cells)
        return Strip([*cells, Segment(" " * rest, style)] if rest > 0 else cells).crop(0, width)


class PlanDetail(Static):
    """The selected plan line in full: its way, its supply and every risk, or why not."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def show(self, row: PlanRow | None, empty: str) -> None:
        self.update(empty if row is None else row.detail())


def __getattr__(name: str) -> Any:
    """`PlanTable`, from its own module when first asked for: it imports DataTable."""
    if name == "PlanTable":
        from game.tui.widgets.plan_table import PlanTable

        return PlanTable
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
