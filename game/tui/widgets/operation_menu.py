"""The operation menu: every operation the engine lists for one unit, legal or not.

A modal screen that returns the index of the chosen choice (or None). Illegal
choices are greyed, show the engine's reason, and cannot be picked. Typing
filters the list; enter in the filter picks the first legal match.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from game.engine.record import record


@record
class MenuItem:
    """One entry of the operation menu: legal, or greyed with the reason."""

    label: str  # e.g. "recon  Zawiya  (3.0 h)"
    legal: bool
    reason: str = ""


def item_prompt(item: MenuItem) -> Text:
    if item.legal:
        return Text(item.label)
    return Text.assemble((item.label, "dim"), (f"  not possible: {item.reason}", "dim italic"))


class OperationMenu(ModalScreen[int | None]):
    """Pick one of `items` for `owner`; returns its index in `items`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, owner: str, items: Sequence[MenuItem], focus_hint: str = "") -> None:
        super().__init__()
        self.owner = owner
        self.items = tuple(items)
        self.focus_hint = focus_hint
        self.shown: list[int] = list(range(len(self.items)))

    def compose(self) -> ComposeResult:
        with Vertical(id="opmenu-dialog", classes="dialog"):
            yield Label(f"Add an operation: {self.owner}", classes="dialog-title")
            yield Input(placeholder="type to filter, e.g. recon zawiya", id="opmenu-filter")
            yield OptionList(id="opmenu-list")
            yield Label("", id="opmenu-reason")
            yield Label("enter add · up/down choose · escape cancel", classes="dialog-keys")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#opmenu-filter", Input).focus()

    def _fill(self, query: str) -> None:
        words = query.lower().split()
        self.shown = [
            i for i, item in enumerate(self.items) if all(w in item.label.lower() for w in words)
        ]
        menu = self.query_one("#opmenu-list", OptionList)
        menu.clear_options()
        menu.add_options(
            Option(item_prompt(self.items[i]), id=str(i), disabled=not self.items[i].legal)
            for i in self.shown
        )
        legal = [pos for pos, i in enumerate(self.shown) if self.items[i].legal]
        menu.highlighted = legal[0] if legal else None
        if not legal and self.shown:
            first = self.items[self.shown[0]]
            self._say(f"{first.label}: not possible: {first.reason}")
        elif not self.shown:
            self._say("No operation matches.")
        else:
            self._say("")

    def _say(self, text: str) -> None:
        self.query_one("#opmenu-reason", Label).update(text)

    @on(Input.Changed, "#opmenu-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#opmenu-filter")
    def _submit_filter(self) -> None:
        menu = self.query_one("#opmenu-list", OptionList)
        if menu.highlighted is not None:
            self._pick(self.shown[menu.highlighted])

    @on(OptionList.OptionSelected, "#opmenu-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        self._pick(int(event.option.id))

    def _pick(self, index: int) -> None:
        item = self.items[index]
        if not item.legal:
            self._say(f"{item.label}: not possible: {item.reason}")
            return
        self.dismiss(index)

    def key_down(self) -> None:
        self.query_one("#opmenu-list", OptionList).action_cursor_down()

    def key_up(self) -> None:
        self.query_one("#opmenu-list", OptionList).action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
