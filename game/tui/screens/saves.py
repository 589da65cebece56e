"""Two modal screens around the save folder: name a save, pick a save to load.

`SaveScreen(folder)` returns the chosen name (or None when the player backs
out); it asks before a save is replaced and refuses a file that is not a save.
`LoadScreen(folder)` returns the path of the chosen save (or None). The App
does the saving and loading; these screens only ask. A file that is not a
save, or a save made under other rules, is listed with the reason and cannot
be picked; what files say is shown as plain text, never read as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from game.data import saves
from game.data.problems import printable
from game.tui import tcss, wording
from game.tui.screens.confirm import ConfirmScreen


class SaveScreen(ModalScreen[str | None]):
    """Ask a save name; refuse a bad one with the saves module's reason."""

    # Its own rules (euphrates.tcss's section), parsed when it first shows.
    DEFAULT_CSS = tcss.section("dialog", "SaveScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="save.cancel"),
    ]

    def __init__(self, folder: Path, suggestion: str = "") -> None:
        super().__init__()
        self.folder = folder
        self.suggestion = suggestion

    def compose(self) -> ComposeResult:
        with Vertical(id="save-dialog", classes="dialog"):
            yield Label("Save the game", classes="dialog-title")
            yield Label(printable(f"Folder: {self.folder}"), id="save-folder", markup=False)
            yield Input(
                value=self.suggestion,
                placeholder="a name, e.g. ana-taken",
                id="save-name",
            )
            yield Label("", id="save-error", markup=False)
            yield Label("enter save · escape cancel", classes="dialog-keys")

    @on(Input.Changed, "#save-name")
    def _clear_error(self) -> None:
        self.query_one("#save-error", Label).update("")

    @on(Input.Submitted, "#save-name")
    def _submit(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        try:
            path = saves.save_path(self.folder, name)
        except saves.SaveNameError as error:
            self._refuse(f"Cannot save: {error}")
            return
        existing = saves.save_info(path)
        if existing is None:
            self.dismiss(name)
        elif existing.error is not None:
            # Not a save (or a damaged one): it is never written over.
            self._refuse(f"Cannot save over {path.name}: {existing.error}. Choose another name.")
        else:

            def answered(replace: bool | None) -> None:
                if replace:
                    self.dismiss(name)

            question = ConfirmScreen(
                f"Replace the save '{name}'?", summarize_save(existing), yes="Replace"
            )
            self.app.push_screen(question, answered)

    def _refuse(self, text: str) -> None:
        self.query_one("#save-error", Label).update(printable(text))

    def action_cancel(self) -> None:
        self.dismiss(None)


def saved_time(stamp: str) -> str:
    """'2017-10-01T09:30:12Z' as '2017-10-01 09:30': the minute is enough to tell saves apart."""
    return stamp.replace("T", " ")[:16]


NAME_WIDTH = 16  # the load list's name column: at least this, longer names whole...
MOST_NAME_WIDTH = 40  # ...up to this (autosaves: `autosave-western-anbar-2017-0005-day5`)


def name_width(infos: Sequence[saves.SaveInfo]) -> int:
    """The name column's width: the longest name, whole, within bounds."""
    longest = max((len(printable(info.name)) for info in infos), default=0)
    return min(max(longest, NAME_WIDTH), MOST_NAME_WIDTH)


def describe_save(info: saves.SaveInfo, width: int = NAME_WIDTH) -> str:
    """One line of the load list: name, scenario, day, outcome, time saved."""
    name = f"{printable(info.name):<{width}.{width}}"
    if info.error:
        return printable(f"{name}  unreadable: {info.error}")
    if info.refused:
        return printable(f"{name}  cannot load: {info.refused}")
    outcome = "in progress" if info.outcome in ("", "ongoing") else info.outcome
    off = f"  {wording.rules_off(info.without)}" if info.without else ""
    return printable(
        f"{name}  {printable(info.scenario_title):<22.22}  day {info.day:>2}  "
        f"{outcome:<11}  {saved_time(info.saved_at)}{off}"
    )


def summarize_save(info: saves.SaveInfo) -> str:
    """A readable save in a sentence: scenario, day, outcome, when it was saved."""
    outcome = "in progress" if info.outcome in ("", "ongoing") else info.outcome
    off = f", {wording.rules_off(info.without)}" if info.without else ""
    return printable(f"{info.scenario_title}, day {info.day}, {outcome}{off}; "
                     f"saved {saved_time(info.saved_at)}.")


class LoadScreen(ModalScreen[Path | None]):
    """List the saves of a folder; unreadable ones show why and cannot be picked.

    Enter returns the chosen save (to load it, or with `replay` to replay it); `p`
    asks the App to replay the highlighted save instead (`LoadScreen.ReplayChosen`)."""

    # Its own rules (euphrates.tcss's section), parsed when it first shows.
    DEFAULT_CSS = tcss.section("dialog", "LoadScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="load.cancel"),
        Binding("p", "replay", "Replay it", id="load.replay"),
    ]

    class ReplayChosen(Message):
        """The player asked to watch a save day by day rather than load it."""

        def __init__(self, save: Path) -> None:
            super().__init__()
            self.save = save

    def __init__(self, folder: Path, *, replay: bool = False) -> None:
        super().__init__()
        self.folder = folder
        self.replay = replay
        self.problem = ""  # why the folder could not be listed
        try:
            self.infos: tuple[saves.SaveInfo, ...] = tuple(saves.list_saves(folder))
        except saves.SaveError as error:
            self.infos, self.problem = (), str(error)

    def compose(self) -> ComposeResult:
        title = "Replay a game: pick its save" if self.replay else "Load a game"
        keys = ("enter replay · escape cancel" if self.replay
                else "enter load · p replay it day by day · escape cancel")
        with Vertical(id="load-dialog", classes="dialog"):
            yield Label(title, classes="dialog-title", markup=False)
            yield Label(printable(f"Folder: {self.folder}"), id="load-folder", markup=False)
            if self.infos:
                width = name_width(self.infos)
                yield OptionList(
                    *(
                        Option(Content(describe_save(info, width)), id=str(index),
                               disabled=not info.loadable)
                        for index, info in enumerate(self.infos)
                    ),
                    id="load-list",
                )
            else:
                empty = printable(self.problem) or "No saves in this folder yet."
                yield Label(empty, id="load-empty", markup=False)
            yield Label(keys, classes="dialog-keys", markup=False)

    @on(OptionList.OptionSelected, "#load-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        assert event.option.id is not None
        info = self.infos[int(event.option.id)]
        if info.loadable:
            self.dismiss(info.path)

    def action_replay(self) -> None:
        if self.replay or not self.infos:
            return
        menu = self.query_one("#load-list", OptionList)
        if menu.highlighted is None:
            return
        info = self.infos[menu.highlighted]
        if info.loadable:
            self.post_message(self.ReplayChosen(info.path))
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
