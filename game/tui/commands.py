"""The game's commands in Textual's command palette (ctrl+p).

Each command runs one of the App's actions, so the palette, the key bindings
and the tests all go through the same code path.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from game.engine.record import record


@record
class GameCommand:
    """One of the game's commands in the command palette."""

    name: str
    action: str  # an App action, as a key binding would name it
    help: str


GAME_COMMANDS: tuple[GameCommand, ...] = (
    GameCommand("Save", "save", "Save the game under a name"),
    GameCommand("Load", "load", "Resume a saved game"),
    GameCommand("New game", "new_game", "Start again: pick a scenario and a seed"),
    GameCommand(
        "Supply overlay", "overlay('supply')", "Show which places and roads are in supply"
    ),
    GameCommand("Traps overlay", "overlay('traps')", "Show the known booby-trap levels"),
    GameCommand("Enemy overlay", "overlay('enemy')", "Show the estimated enemy strength"),
    GameCommand("Help", "help", "Keys, operations and the rules in short"),
    GameCommand(
        "After-action report", "report", "Score and day-by-day charts of the game so far"
    ),
)


class GameCommands(Provider):
    """Save, load, new game, the three map overlays, help and the report."""

    def _runner(self, command: GameCommand) -> Callable[[], Awaitable[bool]]:
        return partial(self.app.run_action, command.action)

    async def discover(self) -> Hits:
        for command in GAME_COMMANDS:
            yield DiscoveryHit(command.name, self._runner(command), help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in GAME_COMMANDS:
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.name),
                    self._runner(command),
                    text=command.name,
                    help=command.help,
                )
