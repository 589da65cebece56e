"""The tutorial played to victory from the keyboard alone, with the hints along the way."""

from __future__ import annotations

import re
from pathlib import Path

from textual.pilot import Pilot

from game.engine import choose_plan, legal_operations
from game.tui import narrate
from game.tui.app import create_app
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.game import GameScreen
from game.tui.widgets.hints import LESSONS, NO_CAR_BOMB, HintLine, next_hint
from game.tui.widgets.log import GameLog
from game.tui.widgets.operation_menu import MenuItem, ranked
from game.tui.widgets.plan import PlanTable

TUTORIAL = Path(__file__).resolve().parent.parent / "scenarios" / "tutorial.yaml"

def test_the_hint_follows_the_lessons_in_order() -> None:
    assert next_hint(set()) == LESSONS[0][1]
    assert next_hint({"recon"}) == LESSONS[1][1]
    assert next_hint(set(), {"recon"}).startswith("recon is in the plan. Press n")
    assert next_hint({k for k, _ in LESSONS}).startswith("You have used every operation")


def test_the_air_lesson_drops_the_car_bomb_once_none_is_known_left() -> None:
    learnt = {kind for kind, _ in LESSONS[:LESSONS.index(next(
        lesson for lesson in LESSONS if lesson[0] == "air_strike"))]}
    assert "car bomb" in next_hint(learnt, car_bombs_seen=True)
    assert next_hint(learnt, car_bombs_seen=False) == NO_CAR_BOMB


KEY_NAMES = {" ": "space", "-": "minus", "_": "underscore"}


async def _type(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*[KEY_NAMES.get(c, c) for c in text])


def filter_words(label: str, items: list[MenuItem]) -> str:
    """What a player types to find a menu line: the fewest of its words (hours in brackets
    left out) after which it is the first legal line the menu's filter ranks."""
    words = [w for w in label.split("(")[0].replace("\u2013", " ").lower().split()
             if re.fullmatch(r"[a-z0-9_-]+", w)]
    for n in range(1, len(words) + 1):
        typed = " ".join(words[:n])
        kept = [items[i].label for i in ranked(items, typed) if items[i].legal]
        if kept and kept[0] == label:
            return typed
    return " ".join(words)


async def test_the_tutorial_is_won_with_key_presses_only(tmp_path: Path) -> None:
    """Each day the player types, through the operation menu, the plan the engine's
    doctrine would play (so the test follows the rules as they are tuned), sets each
    `after N` with `w`, and ends the day through the confirmation."""
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        hint = screen.query_one(HintLine)
        assert hint.text == LESSONS[0][1]
        days = 0
        while not screen.state.over:
            days += 1
            assert screen.state.day == days
            wanted = choose_plan("doctrine", screen.state)
            for line, expected in enumerate(wanted):
                while screen.owner != expected.owner:
                    await pilot.press("u")
                names = narrate.names(screen.state)
                choices = legal_operations(screen.state, expected.owner, screen.plan)
                choice = next(c for c in choices
                              if c.legal and (c.kind, c.target) == (expected.kind, expected.target))
                await pilot.press("a")
                items = [MenuItem(narrate.choice_label(c, names), c.legal) for c in choices]
                await _type(pilot, filter_words(narrate.choice_label(choice, names), items))
                await pilot.press("enter")
                await pilot.pause()
                if expected.after is not None:
                    # The line just added is the selected one: w, its number, enter.
                    assert screen.query_one(PlanTable).cursor_row == line
                    await pilot.press("w", *str(expected.after), "enter")
                    await pilot.pause()
                    assert screen.map.has_focus
                assert screen.plan[line] == expected
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await pilot.pause()
            if days == 1:
                assert hint.text != LESSONS[0][1]  # the first lesson is learnt
        assert str(screen.state.outcome) == "victory"
        assert "Victory: the objectives are held." in " ".join(screen.query_one(GameLog).plain)
