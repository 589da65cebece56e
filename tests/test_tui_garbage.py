"""The collector kept off the game's long-lived records (game.tui.garbage): after a day
and when a game takes another's place, what lives is frozen and what died is freed."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

from game.engine.collect import collection_paused
from game.tui import garbage
from game.tui.app import create_app
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.game import GameScreen

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


class Node:
    """A container the collector tracks; two of them pointing at each other are a cycle."""

    other: Node | None = None


def cycle() -> weakref.ref[Node]:
    """A cycle no one holds: only the collector can free it."""
    a, b = Node(), Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def frozen(thing: object) -> bool:
    """Out of the collector's generations: moved to the permanent one by `gc.freeze`."""
    return gc.is_tracked(thing) and not any(found is thing for found in gc.get_objects())


def test_after_a_day_what_lives_is_frozen_and_the_dead_cycles_are_freed() -> None:
    kept = [Node()]
    dead = cycle()
    garbage.kept_after_day()
    assert dead() is None  # freed, not frozen with the rest
    assert frozen(kept)
    assert gc.get_freeze_count() > 0


def test_inside_a_paused_block_nothing_is_collected_or_frozen() -> None:
    dead = cycle()
    with collection_paused():
        garbage.kept_after_day()
        garbage.renewed()
    assert gc.get_freeze_count() == 0
    assert dead() is not None
    gc.collect()
    assert dead() is None


def test_a_new_game_frees_the_cycles_that_died_frozen() -> None:
    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    garbage.kept_after_day()
    assert frozen(a)
    del a, b  # a cycle that dies frozen: no collection sees it
    gc.collect()
    assert gone() is not None
    garbage.renewed()
    assert gone() is None
    assert gc.get_freeze_count() > 0  # what lives is frozen again


async def test_a_game_from_the_title_and_its_days_are_frozen(tmp_path: Path) -> None:
    """From the title screen, as the player starts one: the game is frozen after its first
    frame (nothing else freezes it then), and each day's new state after the day."""
    app = create_app(seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert gc.get_freeze_count() == 0
        app.start_game(TUTORIAL, 1)
        for _ in range(20):
            await pilot.pause(0.05)
            if isinstance(app.screen, GameScreen) and gc.get_freeze_count():
                break
        screen = app.screen
        assert isinstance(screen, GameScreen)
        assert frozen(screen.state.places)
        await pilot.press("f", "n")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await pilot.pause()
        assert screen.state.day == 2
        assert frozen(screen.state.places)
