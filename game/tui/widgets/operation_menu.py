"""The operation menu: every operation the engine lists for one unit, legal or not.

A modal screen that returns the index of the chosen choice (or None). Illegal
choices are greyed with their reason (cut at the dialog's edge) and cannot be
picked; the line above the list gives the highlighted one's reason in full.
Typing filters the list: every word must match the start of a word of the entry
(or, failing that, any part of it), in any order, so `rawa ana` finds the
Ana–Rawa road; entries whose words match exactly come first, then those matched
by a word's start, the possible before the impossible at an equal match. Enter
picks the highlighted entry, the best match; when that is not possible it says
why and stays open; with no possible match at all, it closes the menu and says
why, so the keys typed next reach the game. A menu of more than `SHOWN_AT_MOST`
entries (an air asset's on a map of thousands of places) lists its best matches
and a last line saying how many more the filter reaches.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from game.engine.operations import collection_paused
from game.tui import tcss
from game.tui.absent import explain_absent
from game.tui.menu_entries import REMEMBERED_AT_MOST as REMEMBERED_AT_MOST
from game.tui.menu_entries import MenuItem as MenuItem
from game.tui.menu_entries import MenuItems as MenuItems
from game.tui.menu_entries import Prepared, ranked
from game.tui.menu_entries import forget as forget
from game.tui.menu_entries import match_rank as match_rank
from game.tui.menu_entries import menu_items as menu_items
from game.tui.menu_entries import prepare as prepare
from game.tui.menu_entries import prepare_all as prepare_all
from game.tui.menu_entries import words as words
from game.tui.widgets.menu_list import MenuList
from game.tui.widgets.one_frame import OneFrameModal

# The most entries the list holds at once: a longer menu shows its best matches and
# a last line that says how many more the filter can reach.
SHOWN_AT_MOST = 100
# The rows the list shows at most (`max-height` of #opmenu-list in euphrates.tcss). A
# longer menu has its scrollbar from the start ("long"): shown only once the list is laid
# out, it made Textual lay the menu out and paint it once more, a frame later.
LIST_ROWS = 20


def item_prompt(item: MenuItem) -> Text:
    """One line an entry: a long reason is read under the list, never wrapped into it."""
    if item.legal:
        return Text(item.label, no_wrap=True, overflow="ellipsis")
    return Text.assemble((item.label, "dim"), (f"  not possible: {item.reason}", "dim italic"),
                         no_wrap=True, overflow="ellipsis")


class OperationMenu(OneFrameModal[int | None]):
    """Pick one of `items` for `owner`; returns its index in `items`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="menu.cancel"),
    ]

    DEFAULT_CSS = tcss.section("dialog", "OperationMenu")

    def __init__(self, owner: str, items: Sequence[MenuItem], example: str = "",
                 absent: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.owner = owner
        # Worded as read (`MenuItems`): the list shows a hundred at most.
        self.items: Sequence[MenuItem] = items if isinstance(items, MenuItems) else tuple(items)
        self.example = example
        self.absent = dict(absent or {})  # kinds the engine does not offer here, and why
        self.shown: list[int] = list(range(len(self.items)))
        self._said = ""  # what the line above the list says
        self._words: list[Prepared] | None = None  # every label's words, at the first filter

    def label_words(self) -> list[Prepared]:
        """Every entry's label prepared for matching (`prepare_all`): worked out when the
        player first types a filter, not to open the menu."""
        if self._words is None:
            items = self.items
            with collection_paused():  # tens of thousands of entries, all kept
                labels = (items.labels() if isinstance(items, MenuItems)
                          else [item.label for item in items])
                self._words = prepare_all(labels, self.owner)
        return self._words

    def compose(self) -> ComposeResult:
        placeholder = "type to filter" + (f", e.g. {self.example}" if self.example else "")
        with Vertical(id="opmenu-dialog", classes="dialog"):
            yield Label(f"Add an operation: {self.owner}", classes="dialog-title", markup=False)
            yield Input(placeholder=placeholder, id="opmenu-filter")
            # Above the list, so a long list never pushes it out of the dialog.
            yield Label("", id="opmenu-reason", markup=False)
            yield MenuList(id="opmenu-list", classes="long" if len(self.items) > LIST_ROWS else "")
            yield Label("enter add · up/down choose · escape cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#opmenu-filter", Input).focus()

    def _fill(self, query: str) -> None:
        with collection_paused():
            self.shown = ranked(self.items, query, self.label_words() if words(query) else None)
        listed = self.shown[:SHOWN_AT_MOST]
        menu = self.query_one("#opmenu-list", MenuList)
        options = [Option(item_prompt(self.items[i]), id=str(i)) for i in listed]
        if len(self.shown) > len(listed):
            more = len(self.shown) - len(listed)
            options.append(Option(Text(f"… and {more:,} more: type to narrow the list",
                                       style="dim italic"), disabled=True))
        menu.clear_options()
        menu.add_options(options)
        # The best match, possible or not: among equal matches the possible come first,
        # so an impossible one is on top only when it matches better than any other.
        menu.highlighted = 0 if self.shown else None
        self._explain()

    def _explain(self) -> None:
        menu = self.query_one("#opmenu-list", MenuList)
        if not self.shown:
            typed = self.query_one("#opmenu-filter", Input).value
            why = explain_absent(typed, self.absent)
            self._say(f"{why} Enter closes the menu." if why
                      else "No operation matches: enter closes the menu.")
            return
        if menu.highlighted is None or menu.highlighted >= SHOWN_AT_MOST:
            self._say("")
            return
        item = self.items[self.shown[menu.highlighted]]
        self._say("" if item.legal else f"Not possible: {item.reason}")

    def _say(self, text: str) -> None:
        if text != self._said:  # an update lays the dialog out again, and paints it
            self._said = text
            self.query_one("#opmenu-reason", Label).update(text)

    @on(Input.Changed, "#opmenu-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(OptionList.OptionHighlighted, "#opmenu-list")
    def _highlighted(self) -> None:
        self._explain()

    @on(Input.Submitted, "#opmenu-filter")
    def _submit_filter(self, event: Input.Submitted) -> None:
        menu = self.query_one("#opmenu-list", MenuList)
        if menu.highlighted is not None and menu.highlighted < SHOWN_AT_MOST \
                and self.items[self.shown[menu.highlighted]].legal:
            self._pick(self.shown[menu.highlighted])
            return
        items = self.items
        if isinstance(items, MenuItems):
            legal = [i for i in self.shown if items.choices[i].legal]
        else:
            legal = [i for i in self.shown if items[i].legal]
        if legal and menu.highlighted is not None and menu.highlighted < SHOWN_AT_MOST:
            # The best match is not possible: say why and stay, rather than add a worse
            # match the player did not mean ("recon ana-al" is not the al-Qaim road).
            item = self.items[self.shown[menu.highlighted]]
            self._say(f"Not possible: {item.reason} (up/down: another; escape: close)")
            self.app.bell()
            return
        if legal:
            self._pick(legal[0])
            return
        # Nothing to add: close, so that the next keys are the game's again, and say why.
        typed = event.value.strip()
        if not self.shown:
            why = explain_absent(typed, self.absent)
            self.app.notify(f"{self.owner}: {why}" if why
                            else f"No operation of {self.owner} matches '{typed}'.",
                            severity="warning", markup=False)
        else:
            first = self.items[self.shown[0]]
            self.app.notify(f"{first.label}: not possible: {first.reason}", severity="warning",
                            markup=False)
        self.dismiss(None)

    @on(OptionList.OptionSelected, "#opmenu-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self._pick(int(event.option.id))

    def _pick(self, index: int) -> None:
        item = self.items[index]
        if not item.legal:
            self._say(f"Not possible: {item.reason}")
            return
        self.dismiss(index)

    def key_down(self) -> None:
        self.query_one("#opmenu-list", MenuList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one("#opmenu-list", MenuList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
