"""Opening a game for the app: a new one on a scenario, or a save's, replayed.

No UI here: the app opens a large file in a thread, its screen alive meanwhile
(`EuphratesApp._open`), and shows the game, or the reason there is none, when done.
"""

from __future__ import annotations

from pathlib import Path

from game.data import saves
from game.data.problems import ScenarioError


def new_game(path: Path, seed: int | None) -> saves.RestoredGame | str:
    """A new game on the scenario at `path`, or why not, in the player's words."""
    try:
        return saves.opened(*saves.start_playthrough(path, seed))
    except (ScenarioError, OSError) as error:
        return f"Cannot open {path}: {str(error).splitlines()[0]}"


def saved_game(save: Path) -> saves.RestoredGame | str:
    """The game in a save, replayed, or why not."""
    try:
        return saves.restore(saves.read_save(save))
    except saves.SaveError as error:
        return f"Cannot load: {error}"


def replayed_game(save: Path) -> saves.RestoredGame | str:
    """The game in a save with each of its mornings, to replay it, or why not."""
    try:
        return saves.restore(saves.read_save(save), mornings=True)
    except saves.SaveError as error:
        return f"Cannot replay: {error}"
