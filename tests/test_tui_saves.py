"""The save and load dialogs, and the game's commands in the command palette,
driven with the pilot as a player would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.command import CommandList
from textual.widgets import Label

from game.tui.commands import GAME_COMMANDS, GameCommands


class Host(App[None]):
    """A bare App that opens one screen and keeps what it returned."""

    CSS_PATH = Path(__file__).resolve().parents[1] / "game" / "tui" / "euphrates.tcss"
    COMMANDS = {GameCommands}  # noqa: RUF012 (Textual's own class attribute)

    def __init__(self, screen: Any = None) -> None:
        super().__init__()
        self.first = screen
        self.results: list[Any] = []
        self.actions: list[tuple[str, ...]] = []

    def compose(self) -> ComposeResult:
        yield Label("host")

    def on_mount(self) -> None:
        if self.first is not None:
            self.push_screen(self.first, self.results.append)

    # The App actions the palette calls, recorded instead of performed.
    def action_overlay(self, name: str) -> None:
        self.actions.append(("overlay", name))

    def action_save(self) -> None:
        self.actions.append(("save",))

    def action_load(self) -> None:
        self.actions.append(("load",))

    def action_new_game(self) -> None:
        self.actions.append(("new_game",))

    def action_help(self) -> None:
        self.actions.append(("help",))

    def action_report(self) -> None:
        self.actions.append(("report",))


# --- the command palette ---------------------------------------------------------------------


async def test_palette_finds_supply_overlay_and_runs_it() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p", *"supply")
        await pilot.pause(0.2)
        shown = [str(option.prompt) for option in app.screen.query_one(CommandList).options]
        assert shown == ["Supply overlay\nShow which places and roads are in supply"]
        await pilot.press("enter")
        await pilot.pause()
    assert app.actions == [("overlay", "supply")]


async def test_every_game_command_runs_its_own_action() -> None:
    expected = [
        ("save",),
        ("load",),
        ("new_game",),
        ("overlay", "supply"),
        ("overlay", "traps"),
        ("overlay", "enemy"),
        ("help",),
        ("report",),
    ]
    app = Host()
    async with app.run_test():
        provider = GameCommands(app.screen)
        for command in GAME_COMMANDS:
            async for hit in provider.search(command.name):
                if hit.text == command.name:
                    await hit.command()
    assert [command.name for command in GAME_COMMANDS] == [
        "Save",
        "Load",
        "New game",
        "Supply overlay",
        "Traps overlay",
        "Enemy overlay",
        "Help",
        "After-action report",
    ]
    assert app.actions == expected
