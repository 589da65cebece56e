"""Help: every key, the rules in short, and where the full rules live."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEYS: tuple[tuple[str, str], ...] = (
    ("arrows", "move the map cursor to the nearest place that way (or click a place)"),
    ("+ / -", "zoom the map in / out around the cursor; a zoomed map follows the cursor"),
    ("u / U", "select the next / previous unit or air asset (the cursor goes to it)"),
    ("enter", "on the map: the selected unit's operations aimed at the place under the cursor "
              "and its roads (or click the selected place again): the target picked on the map"),
    ("a", "add an operation for the selected unit from all it can do (illegal ones show why)"),
    ("tab", "move between the map and the plan"),
    ("delete / x", "remove the selected plan line"),
    ("[ / ]", "move the selected plan line up / down"),
    ("w", "make the selected plan line wait (after N): the line above, then each earlier one, "
          "then none"),
    ("s / t / v", "overlays: supply, traps, enemy estimates (again to hide)"),
    ("n", "end the day: confirm, then watch it play out (space skips)"),
    ("ctrl+s / ctrl+o", "save / load a game"),
    ("r", "after-action report"),
    ("ctrl+p", "command palette: every command by name"),
    ("?", "this help"),
    ("ctrl+q", "quit (the game in progress is saved automatically)"),
)

# One line a paragraph or a bullet: the dialog wraps them to its width.
RULES = "\n".join(
    (
        "Each day you plan an ordered list of operations, then end the day. An operation "
        "starts when its unit has finished the one before (or later, when it waits for "
        "another line with `after N`); a unit works as many hours as its readiness allows.",
        "",
        "- recon reveals the traps and the garrison of a road or a place.",
        "- clear: engineers remove trap levels, hours per level. Uncleared traps strike "
        "anything that drives in: casualties and lost hours.",
        "- move along roads; assault a garrison; air_strike destroys car bombs (VBIEDs) and "
        "weakens defenders, but costs civilian harm in populated towns.",
        "- establish_depot on a held, cleared place extends supply; convoy feeds it.",
        "- hold or rest recover readiness and watch a road so the enemy cannot re-seed it.",
        "",
        "At night the enemy re-seeds unwatched roads, sends car bombs at exposed columns and "
        "counterattacks weak or unsupplied units. Then supply is traced from sources and "
        "depots over held, cleared roads: out of supply, a unit first stops recovering, then "
        "cannot assault, then loses strength.",
        "",
        "Win by holding the objectives (*) by the day limit.",
        "",
        "The full rules: docs/rules.md.",
    )
)


# The map's signs: every one is a character, so none depends on colour.
MAP_LEGEND: tuple[tuple[str, str], ...] = (
    ("G  E  ?", "a place held by the government, by the enemy, unknown; its name one space "
                "beside it, on its row (the cursor shows both reversed)"),
    ("*  S  D", "after a name: objective, supply source, depot"),
    ("+2u  !1e", "your units there; enemy units seen there"),
    ("-  |  /  \\  .", "roads and highways; tracks dotted"),
    ("=  X", "a bridge; a destroyed bridge"),
    ("0-9  ?", "on a road: its known trap level; unknown (recon to learn)"),
    ("~", "the river"),
    ("s  t  v", "overlays: [sup] / [NO SUP] after a name and # on roads in supply; t and the "
                "trap level; the enemy garrison seen or ~low-high estimated"),
    ("scale", "directions are kept (west left, north up), distances are not: crowded ground "
              "is spread out, empty desert squeezed; each road's km are in the details. "
              "+ zooms in around the cursor; 'N more: zoom in' counts places with no room"),
)


def legend_table() -> Table:
    """The map's signs in two columns, as the keys."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for sign, text in MAP_LEGEND:
        table.add_row(Text(sign), Text(text))  # plain text: `[sup]` is no markup
    return table


def keys_table() -> Table:
    """The keys in two columns: a long description wraps under itself, not under the key."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    for key, text in KEYS:
        table.add_row(key, text)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and rules; escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label("Euphrates Road: help", classes="dialog-title")
            yield Static(keys_table(), id="help-keys")
            yield Label("The map", classes="dialog-title")
            yield Static(legend_table(), id="help-legend")
            yield Static(RULES, id="help-rules", markup=False)
            yield Label("escape closes", classes="dialog-keys")

    def action_close(self) -> None:
        self.dismiss(None)
