"""The title screen: pick a built-in scenario, open one by path, or resume the latest save.

Messages up: `TitleScreen.Start(path, seed)` and `TitleScreen.Resume(save)`;
the App starts the game. Whatever a file says (a scenario's title, a save's
name, an error about either) is shown as plain text: never read as markup,
control characters escaped.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from game.data.builtin import DEFAULT_SCENARIO, builtin_scenarios
from game.data.problems import ScenarioError, printable
from game.data.scenario_cache import load_cached
from game.engine.record import record
from game.tui import tcss
from game.tui.widgets.keybar import KeyBar


@record
class ScenarioEntry:
    """A scenario the title screen offers."""

    path: Path
    title: str
    days: int
    description: str


def scenario_entries() -> list[ScenarioEntry]:
    """The built-in scenarios that load; a broken one shows its first problem instead."""
    entries = []
    for path in builtin_scenarios():
        try:
            scenario = load_cached(path)
        except (ScenarioError, OSError) as error:
            first = str(error).splitlines()[0] if str(error) else "cannot be read"
            entries.append(ScenarioEntry(path, f"{path.stem} (invalid)", 0, first))
            continue
        entries.append(ScenarioEntry(path, scenario.title, scenario.days, scenario.description))
    return entries


class ScenarioList(OptionList):
    """The scenario picker; enter starts the highlighted one, and the key bar says so."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Start", id="title.select")]


class TitleScreen(Screen[None]):
    """Euphrates Road's first screen."""

    # Its own rules (euphrates.tcss's section), parsed when it first shows.
    DEFAULT_CSS = tcss.section("TitleScreen")

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "Start", show=True, id="title.start"),
        Binding("o", "focus_path", "Open file", id="title.open_file"),
        Binding("l", "resume", "Resume latest", id="title.resume"),
        Binding("p", "replay", "Replay a save", id="title.replay"),
    ]

    class Start(Message):
        def __init__(self, path: Path) -> None:
            super().__init__()
            self.path = path

    class Resume(Message):
        def __init__(self, save: Path) -> None:
            super().__init__()
            self.save = save

    class Replay(Message):
        """The player wants to pick a save and watch it day by day."""

    def __init__(self, latest_save: Path | None = None) -> None:
        super().__init__()
        self.entries = scenario_entries()
        self.latest_save = latest_save

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static("EUPHRATES ROAD", id="title-name")
            yield Label("Western Anbar, autumn 2017: Ana, Rawa, al-Qaim.", id="title-tagline")
            yield ScenarioList(
                *(
                    Option(Content(printable(f"{e.title}  ({e.days} days)")), id=str(i))
                    for i, e in enumerate(self.entries)
                ),
                id="title-scenarios",
            )
            yield Static("", id="title-description", markup=False)
            yield Input(placeholder="or a scenario file: path/to/scenario.yaml", id="title-path")
            yield Label("", id="title-error", markup=False)
            with Horizontal(id="title-buttons"):
                yield Button("Start", id="title-start", variant="primary")
                if self.latest_save is not None:
                    label = printable(f"Resume latest ({self.latest_save.stem})", 80)
                    yield Button(Content(label), id="title-resume")
                    yield Button("Replay a save", id="title-replay")
        yield KeyBar()

    def on_mount(self) -> None:
        menu = self.query_one("#title-scenarios", OptionList)
        stems = [e.path.stem for e in self.entries]
        if stems:
            menu.highlighted = stems.index(DEFAULT_SCENARIO) if DEFAULT_SCENARIO in stems else 0
        menu.focus()

    @property
    def chosen(self) -> ScenarioEntry | None:
        index = self.query_one("#title-scenarios", OptionList).highlighted
        return None if index is None or not self.entries else self.entries[index]

    @on(OptionList.OptionHighlighted, "#title-scenarios")
    def _describe(self) -> None:
        entry = self.chosen
        text = "" if entry is None else entry.description.strip()
        self.query_one("#title-description", Static).update(printable(text, 4000))

    @on(OptionList.OptionSelected, "#title-scenarios")
    def _selected(self) -> None:
        self.action_start()

    @on(Input.Submitted, "#title-path")
    def _path_submitted(self, event: Input.Submitted) -> None:
        self._start_path(event.value.strip())

    @on(Button.Pressed, "#title-start")
    def _start_pressed(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#title-resume")
    def _resume_pressed(self) -> None:
        self.action_resume()

    @on(Button.Pressed, "#title-replay")
    def _replay_pressed(self) -> None:
        self.action_replay()

    def action_start(self) -> None:
        typed = self.query_one("#title-path", Input).value.strip()
        if typed:
            self._start_path(typed)
            return
        entry = self.chosen
        if entry is not None:
            self.post_message(self.Start(entry.path))

    def _start_path(self, typed: str) -> None:
        path = Path(typed).expanduser()
        if not path.is_file():
            self.query_one("#title-error", Label).update(printable(f"No such file: {typed}"))
            return
        self.post_message(self.Start(path))

    def action_focus_path(self) -> None:
        self.query_one("#title-path", Input).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # No save yet: nothing to resume or replay, so the keys are neither shown nor live.
        return not (action in ("resume", "replay") and self.latest_save is None)

    def action_resume(self) -> None:
        if self.latest_save is not None:
            self.post_message(self.Resume(self.latest_save))

    def action_replay(self) -> None:
        if self.latest_save is not None:
            self.post_message(self.Replay())

    def show_error(self, text: str) -> None:
        self.query_one("#title-error", Label).update(printable(text))
