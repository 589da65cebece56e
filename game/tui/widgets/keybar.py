"""The key bar: the keys that matter on the current screen, on one line (or two).

Textual's Footer builds a widget for every key and rebuilds them all whenever
the bindings change (each focus change): on the game screen that was about a
third of the time to the first frame. This bar is one widget that draws one
line from the screen's active bindings, with the Footer's theme colours; a
click on a key presses it. Bindings of one `Binding.Group` share an entry
(`s/t/v Overlay`), as in Textual's Footer. Given two rows (the game screen on
a narrow terminal), keys that do not fit on the first go on the second rather
than being dropped.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import ActiveBinding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from game.engine.record import record
from game.tui import tcss

_DIM = Style(dim=True)  # a key that does nothing here


@record
class _Entry:
    """One key the key bar shows. (A record: a frozen dataclass's six generated methods
    cost a start more than the whole key bar's drawing, and a named tuple's fields each
    had their annotation compiled by `typing`: a record costs a start less than either.)"""

    key: str
    label: str
    description: str
    enabled: bool
    app_wide: bool  # quit and help: kept when the bar must drop keys

    def width(self, *, compact: bool) -> int:
        label_width = cell_len(self.label) + 1 + cell_len(self.description)
        return label_width + (1 if compact else 2)


def _fit(
    entries: list[_Entry], room: int, *, compact: bool, drop: bool = False
) -> list[_Entry] | None:
    """The entries that fit in `room` columns, or None when not all fit and `drop` is off.

    Dropping removes the screen's own keys from the end first, keeping the
    app-wide ones (quit, help), since help lists every key anyway.
    """
    shown = list(entries)
    while sum(entry.width(compact=compact) for entry in shown) > room:
        if not drop:
            return None
        droppable = [i for i, entry in enumerate(shown) if not entry.app_wide]
        if not droppable:
            break
        del shown[droppable[-1]]
    return shown


def _first_row(entries: list[_Entry], width: int) -> list[_Entry]:
    """The screen's keys that fit on a first row of `width` columns, in order."""
    row: list[_Entry] = []
    used = 0
    for entry in entries:
        if entry.app_wide or used + entry.width(compact=True) > width:
            break
        row.append(entry)
        used += entry.width(compact=True)
    return row


@cache
def _declared(node_class: type[DOMNode]) -> dict[str | None, int]:
    """Each binding id of a class, by its place among the class's own declarations."""
    merged = node_class._merged_bindings
    order: dict[str | None, int] = {}
    if merged is not None:
        for found in merged.key_to_bindings.values():
            for binding in found:
                order.setdefault(binding.id, len(order))
    return order


def _in_declared_order(bindings: dict[str, ActiveBinding]) -> list[tuple[str, ActiveBinding]]:
    """The active bindings, each node's in the order its class declares them: a key the
    player remapped (which Textual moves to the end) keeps its place, so a full bar
    still drops the last declared keys first, never `End day`."""
    items = list(bindings.items())
    rank: dict[int, int] = {}
    for _, active in items:
        rank.setdefault(id(active.node), len(rank))

    def place(item: tuple[str, ActiveBinding]) -> tuple[int, int]:
        node, binding = item[1].node, item[1].binding
        order = _declared(type(node))
        return rank[id(node)], order.get(binding.id, len(order)) if binding.id else len(order)

    return sorted(items, key=place)


class KeyBar(Widget, can_focus=False):
    """One line of `key description` pairs; the command palette's key on the right."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}
    # Its own rules (euphrates.tcss's section): Textual parses them at every start.
    DEFAULT_CSS = tcss.section("KeyBar")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._keys: list[tuple[int, int, int, str]] = []  # (row, first column, end, key)

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if screen is self.screen:
            self.refresh()

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        description_style = self.get_component_rich_style("keybar--description")
        bindings = self.screen.active_bindings
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        entries: list[_Entry] = []
        seen: set[str] = set()
        grouped: dict[object, int] = {}  # a binding group's entry
        for key, (node, binding, enabled, _tooltip) in _in_declared_order(bindings):
            if not binding.show or key == palette or binding.action in seen:
                continue
            seen.add(binding.action)  # one entry an action, as the Footer shows them
            label = self.app.get_key_display(binding)
            group = binding.group
            if group is not None and group in grouped:
                # Related keys share one entry: "s/t/v Overlay".
                index = grouped[group]
                first = entries[index]
                entries[index] = _Entry(first.key, f"{first.label}/{label}", first.description,
                                        first.enabled or enabled, first.app_wide)
                continue
            description = binding.description if group is None else group.description
            if group is not None:
                grouped[group] = len(entries)
            entries.append(_Entry(key, label, description, enabled, node is self.app))
        palette_entry = None
        if palette is not None and palette in bindings:
            binding = bindings[palette][1]
            label = self.app.get_key_display(binding)
            palette_entry = _Entry(palette, label, binding.description, True, True)
        width = self.size.width
        room = width - (palette_entry.width(compact=False) + 1 if palette_entry else 0)
        shown = _fit(entries, room, compact=False)
        compact = shown is None
        first_row: list[_Entry] = []
        if shown is None:  # too wide: tighter spacing, the palette's key alone, then drops
            if palette_entry is not None:
                room = width - (len(palette_entry.label) + 2)
                palette_entry = _Entry(palette_entry.key, palette_entry.label, "", True, True)
            if self.size.height >= 2:  # a second row: what the first cannot hold goes there
                first_row = _first_row(entries, width)
                entries = entries[len(first_row):]
            shown = _fit(entries, room, compact=True, drop=True) or []

        self._keys = []
        rows = [self._row(first_row, 0, compact, key_style, description_style)] if first_row else []
        text = self._row(shown, len(rows), compact, key_style, description_style)
        if palette_entry is not None:
            palette_label = Text.assemble(
                ("▏", "dim"),
                (palette_entry.label, key_style),
                (
                    " " + palette_entry.description + " " if palette_entry.description else " ",
                    description_style,
                ),
            )
            text.truncate(max(width - palette_label.cell_len, 0))
            text.append(" " * max(width - text.cell_len - palette_label.cell_len, 0))
            start = text.cell_len
            text.append_text(palette_label)
            self._keys.append((len(rows), start, text.cell_len, palette_entry.key))
        for row in rows:
            row.truncate(width, pad=True)
        return Text("\n", end="").join([*rows, text])

    def _row(
        self, shown: list[_Entry], row: int, compact: bool, key_style: Style,
        description_style: Style,
    ) -> Text:
        text = Text(no_wrap=True, overflow="crop", end="")
        end = 0  # the row's width so far: each piece measured once, not the row again
        # Style objects, not their text: each style's text would be parsed back when drawn.
        styles = {True: (key_style, description_style),
                  False: (key_style + _DIM, description_style + _DIM)}
        for entry in shown:
            start = end
            pad = "" if compact else " "
            key, description = pad + entry.label, " " + entry.description + pad
            entry_key, entry_description = styles[entry.enabled]
            text.append(key, entry_key)
            text.append(description, entry_description)
            end += cell_len(key) + cell_len(description)
            if compact:
                text.append(" ")
                end += 1
            self._keys.append((row, start, end, entry.key))
        return text

    def on_click(self, event: events.Click) -> None:
        for row, first, end, key in self._keys:
            if row == event.y and first <= event.x < end:
                self.app.simulate_key(key)
                return
