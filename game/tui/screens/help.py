"""Help: the keys of the screen it was opened on, the rules in short, and the full rules.

The keys are read from the screen's own bindings (with the player's keymap
applied), so the help never lists a key the screen does not have; each shows
its binding id, the name to use in the player's keys file (`game.tui.keys`).
`r` shows the whole rules page the game ships (`anbar rules` prints it).
"""

from __future__ import annotations

from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Label, Static

from game.tui import tcss

# Longer words for some keys than the key bar has room for, by binding id.
LONG: dict[str, str] = {
    "game.end_day": "end the day: confirm, then watch it play out (space skips)",
    "game.add": "add an operation for the selected unit from all it can do "
                "(illegal ones say why)",
    "game.repeat": "repeat yesterday's plan after today's lines: each line is checked again "
                   "today, and those that cannot be done are left out with the reason",
    "game.roster": "the roster: every unit and aircraft, where it is, its strength, readiness, "
                   "supply and today's lines; pick one, or give a standing hold or rest",
    "game.next_unit": "select the next unit or aircraft (the cursor goes to it)",
    "game.previous_unit": "select the previous unit or aircraft",
    "game.standing": "daily: the selected hold or rest stands, planned again every morning "
                     "until changed (again: it stops)",
    "game.fill": "the selected line again, as many times as the engine accepts "
                 "(an aircraft's strikes, to its last sortie)",
    "game.fill_all": "the same for every aircraft: the selected strike or recon, flown by "
                     "each aircraft to its last sortie",
    "game.after": "the selected line waits for another line: type its number (empty: none)",
    "game.delete": "remove the selected plan line",
    "game.go_to_line": "select a plan line by its number (then x, w, d, f act on it)",
    "game.line_up": "move the selected plan line up",
    "game.line_down": "move the selected plan line down",
    "game.line_top": "move the selected plan line to the top of the plan",
    "game.line_bottom": "move the selected plan line to the bottom of the plan",
    "game.overlay_supply": "overlay: which places are in supply (again to hide)",
    "game.overlay_traps": "overlay: the known trap levels",
    "game.overlay_enemy": "overlay: the estimated enemy strength",
    "game.report": "the after-action report",
    "game.new_game": "once the game is over: back to the scenarios for a new game",
    "game.replay": "once the game is over: replay it day by day",
    "game.log_up": "scroll the log up a page (tab to the log: arrows, home, end; "
                   "the mouse wheel too)",
    "game.log_down": "scroll the log down a page",
    "game.skip": "while the day plays out: show the rest of it at once",
    "replay.continue": "a new game from this morning, written as a new save "
                       "(the save replayed is kept)",
    "replay.go_to": "go to a day by its number",
    "app.quit": "quit (the game in progress is autosaved, today's plan with it)",
    "app.help": "this help",
    "plan.first_line": "in the plan: the first / the last line",
    "plan.last_line": "in the plan: the first / the last line",
    "roster.first": "the first / the last unit or aircraft",
    "roster.last": "the first / the last unit or aircraft",
    "roster.select": "select it (the map's cursor goes to it)",
    "roster.add": "select it and add an operation",
    "roster.hold": "a standing hold where it stands (or will, after its lines)",
    "roster.rest": "a standing rest",
    "roster.clear": "take its lines off today's plan",
    "roster.close": "close the roster",
    "app.save": "save the game under a name",
    "app.load": "load a saved game",
}

# Words for keys that belong to widgets or to Textual, by (class, action name).
WIDGET_KEYS: dict[tuple[str, str], str] = {
    ("MapView", "cursor"): "move the map cursor to the nearest place that way "
                           "(or click a place)",
    ("MapView", "open"): "on the map: the selected unit's operations aimed at the place under "
                         "the cursor and its roads (or click the selected place again)",
    ("MapView", "zoom"): "zoom the map in / out around the cursor; a zoomed map follows "
                         "the cursor",
    ("", "focus_next"): "move between the map, the plan and the log",
    ("", "focus_previous"): "the same, backwards",
    ("", "help_quit"): "says how to quit (ctrl+q quits)",
    ("", "command_palette"): "the command palette: every command by name",
    # A table's own keys (the plan, the roster): a pair with the same words is one row.
    ("", "cursor_up"): "move the cursor a row up / down",
    ("", "cursor_down"): "move the cursor a row up / down",
    ("", "cursor_left"): "scroll the table sideways",
    ("", "cursor_right"): "scroll the table sideways",
    ("", "page_up"): "a page up / down",
    ("", "page_down"): "a page up / down",
    ("", "page_left"): "a page left / right",
    ("", "page_right"): "a page left / right",
    ("", "scroll_top"): "the first / the last row",
    ("", "scroll_bottom"): "the first / the last row",
    ("", "scroll_home"): "the table's left / right edge",
    ("", "scroll_end"): "the table's left / right edge",
    # The log's, once it has the keys (tab to it).
    ("GameLog", "scroll_up"): "in the log: a line up / down",
    ("GameLog", "scroll_down"): "in the log: a line up / down",
    ("GameLog", "page_up"): "in the log: a page up / down",
    ("GameLog", "page_down"): "in the log: a page up / down",
    ("GameLog", "scroll_home"): "in the log: the first / the latest entry",
    ("GameLog", "scroll_end"): "in the log: the first / the latest entry",
}
# Keys listed nowhere: Textual's own for copying and screenshots, a table's enter (the
# screen's enter acts instead, or nothing does), and a log's sideways scroll (it wraps).
HIDDEN_ACTIONS = frozenset({"copy_text", "screenshot", "select_cursor"})
HIDDEN_WIDGET_ACTIONS = frozenset({("GameLog", "scroll_left"), ("GameLog", "scroll_right")})

# Keys of a screen that are no bindings of its own (the plan table's, for one).
MORE_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "GameScreen": (
        ("up / down", "in the plan: select a line; its whole reason, odds and risks show under it"),
        ("home / end", "in the plan: the first / the last line"),
    ),
}

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
        "- establish_depot on a held, cleared place extends supply; convoy brings it loads, "
        "which an assault draws on (without them it fights weaker).",
        "- bridge: engineers lay a floating bridge over a destroyed road, exposed while they "
        "work.",
        "- hold watches a place's roads (or one road) so the enemy cannot re-seed them "
        "that night; it is work, and tires the unit like any other.",
        "- rest recovers readiness; it watches nothing.",
        "",
        "At night the enemy re-seeds unwatched roads, sends car bombs at exposed columns and "
        "counterattacks weak or unsupplied units. Then supply is traced from sources and "
        "depots over held, cleared roads: out of supply, a unit first stops recovering, then "
        "cannot assault, then loses strength.",
        "",
        "In the plan, 'N km beyond supply' is the part of a line's way that lies beyond the "
        "supplied network. A standing order (d, or h and z in the roster) is planned again every "
        "morning until changed.",
        "",
        "Win by holding the objectives (*) by the day limit.",
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


def _action(binding: Binding) -> str:
    """A binding's action without its namespace or arguments: `app.focus_next` is
    `focus_next`, `cursor('left')` is `cursor`."""
    return binding.action.split("(")[0].rsplit(".", 1)[-1]


def _words(node: object, binding: Binding) -> str:
    action = _action(binding)
    return (LONG.get(binding.id or "")
            or WIDGET_KEYS.get((type(node).__name__, action))
            or WIDGET_KEYS.get(("", action))
            or binding.description or action)


def screen_keys(screen: Screen[Any]) -> list[tuple[str, str, str]]:
    """(keys, what they do, binding id) for every key of `screen`, then of the widget
    focused on it, then of the App, the player's keymap applied; one row a thing done."""
    app = screen.app
    chain = screen._binding_chain
    ordered = ([pair for pair in chain if pair[0] is screen]
               + [pair for pair in chain if pair[0] not in (screen, app)]
               + [pair for pair in chain if pair[0] is app])
    # A widget's key that the screen takes first (priority) never reaches the widget.
    taken = {key for node, bindings in chain if node is screen
             for key, found in bindings.key_to_bindings.items()
             if any(binding.priority for binding in found)}
    rows: dict[tuple[int, str], tuple[list[str], str, str, int]] = {}
    for rank, (node, bindings) in enumerate(ordered):
        widget = node is not screen and node is not app
        for key, found in bindings.key_to_bindings.items():
            if widget and key in taken:
                continue
            for binding in found:
                if (_action(binding) in HIDDEN_ACTIONS
                        or (type(node).__name__, _action(binding)) in HIDDEN_WIDGET_ACTIONS):
                    continue
                text = _words(node, binding)
                slot = (id(node), text)
                if slot not in rows:
                    # The game's own keys (with ids) first, Textual's own after them.
                    order = rank if binding.id or node is not screen else len(ordered) - 1
                    rows[slot] = ([], text, binding.id or "", order)
                display = app.get_key_display(binding.with_key(key))
                if display not in rows[slot][0]:
                    rows[slot][0].append(display)
    found_rows = sorted(rows.values(), key=lambda row: row[3])
    listed = [(" / ".join(keys), text, ident) for keys, text, ident, _ in found_rows]
    listed += [(keys, text, "") for keys, text in MORE_KEYS.get(type(screen).__name__, ())]
    return listed


def keys_table(rows: list[tuple[str, str, str]]) -> Table:
    """The keys in three columns: a long description wraps under itself, not under the key."""
    table = Table.grid(padding=(0, 2))
    table.add_column(no_wrap=True, style="bold")
    table.add_column(ratio=1)
    table.add_column(no_wrap=True, style="dim")
    for keys, text, ident in rows:
        table.add_row(keys, text, ident)
    return table


class HelpScreen(ModalScreen[None]):
    """Keys and rules; escape, q or ? closes it, r shows the full rules."""

    # Its own rules (euphrates.tcss's section), parsed when it first shows.
    DEFAULT_CSS = tcss.section("dialog", "HelpScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="help.close"),
        Binding("q", "close", "Close", show=False, id="help.close_q"),
        Binding("question_mark", "close", "Close", show=False, id="help.close_help"),
        Binding("r", "rules", "Full rules", id="help.rules"),
    ]

    def __init__(self, beneath: Screen[Any] | None = None) -> None:
        super().__init__()
        self.beneath = beneath

    def compose(self) -> ComposeResult:
        from game.tui.keys import keymap_path

        rows = screen_keys(self.beneath) if self.beneath is not None else []
        with VerticalScroll(id="help-dialog", classes="dialog"):
            yield Label("Euphrates Road: help", classes="dialog-title")
            yield Static(keys_table(rows), id="help-keys", markup=False)
            yield Label("The map", classes="dialog-title")
            yield Static(legend_table(), id="help-legend", markup=False)
            yield Static(RULES, id="help-rules", markup=False)
            yield Static(
                f"Your own keys: map a binding id (right column) to keys in {keymap_path()}, "
                'e.g. [keys] "game.end_day" = "e". The full rules: r here, or `anbar rules`.',
                id="help-keymap", markup=False)
            yield Label("escape closes · r the full rules", classes="dialog-keys")

    def action_rules(self) -> None:
        from textual.widgets import Markdown

        from game.tui.rulebook import rules_text

        if self.query("#help-full-rules"):
            return
        text = rules_text() or "The rules page is missing from this installation."
        dialog = self.query_one("#help-dialog", VerticalScroll)
        full = Markdown(text, id="help-full-rules")
        dialog.mount(full)
        dialog.call_after_refresh(dialog.scroll_to_widget, full, top=True, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
