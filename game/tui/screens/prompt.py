"""A small dialog that asks for a whole number: the line a plan line waits for, the day
a replay goes to. Returns the number, `NONE` when the player clears it, or None when
they back out."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from game.tui import tcss

NONE = 0  # the answer "none": an empty field (waits for no line)


class NumberPrompt(ModalScreen[int | None]):
    """Ask for a number from `low` to `high`; enter on an empty field answers NONE when
    `allow_none`."""

    # Its own rules (euphrates.tcss's section), parsed when it first shows.
    DEFAULT_CSS = tcss.section("dialog", "NumberPrompt")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="prompt.cancel"),
    ]

    def __init__(self, question: str, low: int, high: int, *, value: int | None = None,
                 allow_none: bool = False, keys: str = "") -> None:
        super().__init__()
        self.question = question
        self.low, self.high = low, high
        self.value = value
        self.allow_none = allow_none
        none = " · empty for none" if allow_none else ""
        self.keys = keys or f"enter {low}-{high}{none} · escape cancel"

    def compose(self) -> ComposeResult:
        with Vertical(id="prompt-dialog", classes="dialog"):
            yield Label(self.question, classes="dialog-title", markup=False)
            yield Input(value="" if self.value is None else str(self.value),
                        type="integer", id="prompt-number")
            yield Label("", id="prompt-error", markup=False)
            yield Label(self.keys, classes="dialog-keys", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#prompt-number")
    def _submit(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text and self.allow_none:
            self.dismiss(NONE)
            return
        if text.lstrip("-").isdigit() and self.low <= int(text) <= self.high:
            self.dismiss(int(text))
            return
        self.query_one("#prompt-error", Label).update(
            f"A number from {self.low} to {self.high}, please.")

    def action_cancel(self) -> None:
        self.dismiss(None)
