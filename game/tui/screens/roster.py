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
from game.tui.widgets.keybar import KeyBar

HEADERS = ("unit or aircraft", "kind", "at", "strength", "ready", "supply", "today's lines")


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
            f"{planned} of {asset.sorties} sorties", plan_summary(asset.id, plan, names))))
    return tuple(rows)


class RosterScreen(ModalScreen[RosterChoice | None]):
    """Pick a unit or aircraft; the cursor starts on the selected one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose('select')", "Select", id="roster.select", priority=True),
        Binding("a", "choose('add')", "Add op", id="roster.add"),
        Binding("h", "choose('hold')", "Standing hold", id="roster.hold"),
        Binding("z", "choose('rest')", "Standing rest", id="roster.rest"),
        Binding("x", "choose('clear')", "Clear its lines", id="roster.clear"),
        Binding("escape,o", "cancel", "Close", id="roster.close"),
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
        self._fill(0)
        self.query_one("#roster-table", DataTable).focus()
        self.call_after_refresh(self._fit)

    def _fill(self, width: int) -> None:
        """The rows; with the table's `width` known, the last column takes the room the
        others leave (cut there, whole in the line under the table)."""
        table: DataTable[Any] = self.query_one("#roster-table", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        widths = [max(len(h), *(len(r.cells[i]) for r in self.rows)) if self.rows else len(h)
                  for i, h in enumerate(HEADERS)]
        room = width - sum(widths[:-1]) - 2 * len(HEADERS) - 2
        if width and widths[-1] > room:
            widths[-1] = max(room, len(HEADERS[-1]))
        for header, column in zip(HEADERS, widths, strict=True):
            table.add_column(Text(header), width=column)
        for row in self.rows:
            table.add_row(*map(Text, row.cells), key=row.owner)
        owners = [row.owner for row in self.rows]
        if width:
            table.move_cursor(row=keep)
        elif self.selected in owners:
            table.move_cursor(row=owners.index(self.selected))

    def _fit(self) -> None:
        self._fill(self.query_one("#roster-table", DataTable).size.width)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """The highlighted owner's lines in full, however narrow their column."""
        if 0 <= event.cursor_row < len(self.rows):
            row = self.rows[event.cursor_row]
            self.query_one("#roster-detail", Static).update(
                f"{row.cells[0]}: {row.cells[-1] if row.cells[-1] != '-' else 'no line today'}")

    def action_choose(self, action: str) -> None:
        table: DataTable[Any] = self.query_one("#roster-table", DataTable)
        if not self.rows:
            self.dismiss(None)
            return
        self.dismiss(RosterChoice(self.rows[table.cursor_row].owner, action))

    def action_cancel(self) -> None:
        self.dismiss(None)
