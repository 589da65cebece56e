"""The roster: every unit and aircraft at a glance, to pick from.

One row an owner: where it is, its strength, readiness and supply (a unit),
or its sorties (an aircraft), and its lines in today's plan. Enter selects
it; `a` selects it and opens its operations; `h` and `z` give it a standing
hold where it stands or a standing rest, the orders that last until changed;
`x` takes its lines off today's plan (a standing order with them).
Returns a `RosterChoice`, or None when the player backs out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Label, Static

from game.engine import Observation, Operation
from game.engine.record import record
from game.tui import tcss, wording
from game.tui.widgets.keybar import KeyBar

HEADERS = ("unit or aircraft", "kind", "at", "strength", "ready", "supply", "today's lines")
# On a short screen, where a row's lines do not wrap, long names (the owner, where it
# is) are cut to these widths when today's lines would have less room than LINES_ROOM;
# the line under the table has them whole.
LINES_ROOM = 24
NAME_CAPS = {0: 24, 2: 14}
# The dialog's rows besides the table (border, padding, title, detail, keys) and the
# key bar: the table gets the rest of the screen, never less than a few rows.
DIALOG_ROWS = 18
MIN_TABLE_ROWS = 4
# From this many rows (120x40) a row's lines too long for their column wrap in it.
WRAP_FROM_SCREEN_ROWS = 34


@record
class RosterRow:
    """One owner as the roster shows it."""

    owner: str
    cells: tuple[str, ...]


@record
class RosterChoice:
    """What the player chose in the roster: an owner, and what to do with it."""

    owner: str
    action: str  # "select", "add", "hold", "rest" or "clear" (its lines off today's plan)


def plan_summary(owner: str, plan: Sequence[Operation], names: Mapping[str, str]) -> str:
    """An owner's lines of today's plan, numbered, the same line repeated counted once:
    `3 move Ana, 5 hold* Ana–Rawa road, 6-8 air_strike Rawa x3` (a star: standing)."""
    runs: list[tuple[int, int, str]] = []  # first line, last line, words
    for number, op in enumerate(plan, 1):
        if op.owner != owner:
            continue
        target = "" if op.target is None else " " + names.get(op.target, op.target)
        words = f"{op.kind.value}{'*' if op.standing else ''}{target}"
        if runs and runs[-1][2] == words and runs[-1][1] == number - 1:
            runs[-1] = (runs[-1][0], number, words)
        else:
            runs.append((number, number, words))
    parts = [f"{first} {words}" if first == last else f"{first}-{last} {words} x{last - first + 1}"
             for first, last, words in runs]
    return ", ".join(parts) if parts else "-"


def roster_rows(seen: Observation, plan: Sequence[Operation],
                names: Mapping[str, str]) -> tuple[RosterRow, ...]:
    rows = []
    for unit in seen.units:
        view = seen.place(unit.at)
        supply = "in supply" if view.in_supply else f"out {unit.days_out_of_supply} d"
        rows.append(RosterRow(unit.id, (
            unit.name, unit.kind.value, names.get(unit.at, unit.at), str(unit.strength),
            f"{unit.readiness}%", supply, plan_summary(unit.id, plan, names))))
    for asset in seen.air:
        planned = sum(1 for op in plan if op.owner == asset.id)
        rows.append(RosterRow(asset.id, (
            asset.name, asset.kind.value, "air", "-", "-",
            f"{planned} of {wording.count(asset.sorties, 'sortie')}",
            plan_summary(asset.id, plan, names))))
    return tuple(rows)


def row_detail(row: RosterRow) -> str:
    """An owner's row in words, whole, for the line under the table."""
    name, kind, at, strength, ready, supply, lines = row.cells
    if at == "air":
        head = f"{name} ({kind}, aircraft): {supply} planned"
    else:
        if supply.startswith("out "):  # "out 2 d"
            days = int(supply.split()[1])
            supply = f"out of supply for {wording.count(days, 'day')}"
        head = f"{name} ({kind}) at {at}: strength {strength}, readiness {ready}, {supply}"
    return f"{head}. Today: {'no line' if lines == '-' else lines}."


class RosterScreen(ModalScreen[RosterChoice | None]):
    """Pick a unit or aircraft; the cursor starts on the selected one."""

    # Its own rules (euphrates.tcss's section), parsed when it first shows.
    DEFAULT_CSS = tcss.section("dialog", "RosterScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose('select')", "Select", id="roster.select", priority=True),
        Binding("a", "choose('add')", "Add op", id="roster.add"),
        Binding("h", "choose('hold')", "Standing hold", id="roster.hold"),
        Binding("z", "choose('rest')", "Standing rest", id="roster.rest"),
        Binding("x", "choose('clear')", "Clear its lines", id="roster.clear"),
        Binding("escape,o", "cancel", "Close", id="roster.close"),
        # Before the table's own home and end, which scroll it sideways.
        Binding("home", "first", "First", show=False, priority=True, id="roster.first"),
        Binding("end", "last", "Last", show=False, priority=True, id="roster.last"),
    ]

    def __init__(self, rows: Sequence[RosterRow], selected: str | None = None) -> None:
        super().__init__()
        self.rows = tuple(rows)
        self.selected = selected

    def compose(self) -> ComposeResult:
        with Vertical(id="roster-dialog", classes="dialog"):
            yield Label("Roster: every unit and aircraft", classes="dialog-title")
            yield DataTable[Text](id="roster-table", cursor_type="row", zebra_stripes=True)
            yield Static("", id="roster-detail", markup=False)
            yield Label("enter select · a add an operation · h standing hold · z standing rest"
                        " · x clear its lines · escape close", classes="dialog-keys")
        yield KeyBar()

    def on_mount(self) -> None:
        self._fit_height()
        self._fill(0)
        self.query_one("#roster-table", DataTable).focus()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self._fit_height()

    def _fit_height(self) -> None:
        """The table takes the rows the dialog leaves on the screen: the whole dialog fits,
        so its header, the detail and the keys never scroll out of sight."""
        table = self.query_one("#roster-table", DataTable)
        table.styles.max_height = max(self.app.size.height - DIALOG_ROWS, MIN_TABLE_ROWS)

    def _fill(self, width: int) -> None:
        """The rows; with the table's `width` known, the last column keeps room beside the
        others (long names cut to make it); on a tall screen a row's lines wrap in it, and
        the line under the table has the highlighted row whole."""
        table: DataTable[Any] = self.query_one("#roster-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        widths = [max(len(h), *(len(r.cells[i]) for r in self.rows)) if self.rows else len(h)
                  for i, h in enumerate(HEADERS)]

        def room() -> int:
            return width - sum(widths[:-1]) - 2 * len(HEADERS) - 2

        wraps = bool(width) and self.app.size.height >= WRAP_FROM_SCREEN_ROWS
        if width and not wraps and widths[-1] > room() and room() < LINES_ROOM:
            widths = [min(w, NAME_CAPS.get(i, w)) for i, w in enumerate(widths)]
        if width and widths[-1] > room():
            widths[-1] = max(room(), len(HEADERS[-1]))
        for header, column in zip(HEADERS, widths, strict=True):
            table.add_column(Text(header), width=column)
        for row in self.rows:
            tall = wraps and len(row.cells[-1]) > widths[-1]
            table.add_row(*map(Text, row.cells), key=row.owner, height=None if tall else 1)
        owners = [row.owner for row in self.rows]
        if width:
            table.move_cursor(row=keep)
        elif self.selected in owners:
            table.move_cursor(row=owners.index(self.selected))

    def _fit(self) -> None:
        self._fill(self.query_one("#roster-table", DataTable).size.width)

    def _highlighted(self) -> RosterRow | None:
        """The row under the table's cursor, by its key (the owner), not by position."""
        table: DataTable[Any] = self.query_one("#roster-table", DataTable)
        if not self.rows or not 0 <= table.cursor_row < table.row_count:
            return None
        owner = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((row for row in self.rows if row.owner == owner), None)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted owner whole: where, strength, supply and every line today."""
        row = next((r for r in self.rows if r.owner == event.row_key.value), None)
        if row is not None:
            self.query_one("#roster-detail", Static).update(row_detail(row))

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        """A click on the highlighted row picks it, as enter does."""
        if event.row_key.value is not None:
            self.dismiss(RosterChoice(event.row_key.value, "select"))

    def action_choose(self, action: str) -> None:
        row = self._highlighted()
        self.dismiss(None if row is None else RosterChoice(row.owner, action))

    def action_first(self) -> None:
        self.query_one("#roster-table", DataTable).move_cursor(row=0)

    def action_last(self) -> None:
        table = self.query_one("#roster-table", DataTable)
        table.move_cursor(row=max(table.row_count - 1, 0))

    def action_cancel(self) -> None:
        self.dismiss(None)
