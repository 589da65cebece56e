"""The tutorial played to victory from the keyboard alone, with the hints along the way."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from game.engine import Operation, OpKind
from game.tui.app import create_app
from game.tui.screens.confirm import ConfirmScreen
from game.tui.screens.game import GameScreen
from game.tui.widgets.hints import LESSONS, HintLine, next_hint
from game.tui.widgets.log import GameLog
from game.tui.widgets.plan import PlanTable

TUTORIAL = Path(__file__).resolve().parent.parent / "scenarios" / "tutorial.yaml"

# Each day: (owner, what to type in the operation menu, wait for line N, the line expected).
DAYS: tuple[tuple[tuple[str, str, int | None, Operation], ...], ...] = (
    (
        ("drone", "recon haditha wadi", None, Operation("drone", OpKind.RECON,
                                                        "haditha--wadi-junction")),
        ("drone", "recon wadi zawiya", None, Operation("drone", OpKind.RECON,
                                                       "wadi-junction--zawiya")),
        ("coalition-jets", "recon zawiya", None, Operation("coalition-jets", OpKind.RECON,
                                                           "zawiya")),
        ("coalition-jets", "recon saqra", None, Operation("coalition-jets", OpKind.RECON,
                                                          "saqra")),
        ("engineers-1", "clear haditha wadi", None, Operation("engineers-1", OpKind.CLEAR,
                                                              "haditha--wadi-junction")),
    ),
    (
        ("coalition-jets", "air_strike zawiya", None,
         Operation("coalition-jets", OpKind.AIR_STRIKE, "zawiya")),
        ("coalition-jets", "air_strike saqra", None,
         Operation("coalition-jets", OpKind.AIR_STRIKE, "saqra")),
        ("drone", "recon zawiya saqra", None, Operation("drone", OpKind.RECON, "zawiya--saqra")),
        ("7-div-1-bde", "move wadi", None, Operation("7-div-1-bde", OpKind.MOVE,
                                                     "wadi-junction")),
        ("engineers-1", "move wadi", None, Operation("engineers-1", OpKind.MOVE,
                                                     "wadi-junction")),
        ("engineers-1", "clear wadi zawiya", None, Operation("engineers-1", OpKind.CLEAR,
                                                             "wadi-junction--zawiya")),
    ),
    (
        ("engineers-1", "clear wadi zawiya", None, Operation("engineers-1", OpKind.CLEAR,
                                                             "wadi-junction--zawiya")),
        ("7-div-1-bde", "assault zawiya", 1, Operation("7-div-1-bde", OpKind.ASSAULT,
                                                       "zawiya", after=1)),
        ("coalition-jets", "air_strike saqra", None,
         Operation("coalition-jets", OpKind.AIR_STRIKE, "saqra")),
        ("coalition-jets", "air_strike zawiya", None,
         Operation("coalition-jets", OpKind.AIR_STRIKE, "zawiya")),
    ),
    (
        ("engineers-1", "move zawiya", None, Operation("engineers-1", OpKind.MOVE, "zawiya")),
        ("engineers-1", "clear zawiya saqra", None, Operation("engineers-1", OpKind.CLEAR,
                                                              "zawiya--saqra")),
        ("7-div-1-bde", "assault saqra", 2, Operation("7-div-1-bde", OpKind.ASSAULT, "saqra",
                                                      after=2)),
        ("coalition-jets", "air_strike saqra", None,
         Operation("coalition-jets", OpKind.AIR_STRIKE, "saqra")),
        ("coalition-jets", "air_strike saqra", None,
         Operation("coalition-jets", OpKind.AIR_STRIKE, "saqra")),
    ),
)


def test_the_hint_follows_the_lessons_in_order() -> None:
    assert next_hint(set()) == LESSONS[0][1]
    assert next_hint({"recon"}) == LESSONS[1][1]
    assert next_hint(set(), {"recon"}).startswith("recon is in the plan. Press n")
    assert next_hint({k for k, _ in LESSONS}).startswith("You have used every operation")


async def _type(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*["space" if c == " " else c for c in text])


async def test_the_tutorial_is_won_with_key_presses_only(tmp_path: Path) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    app.event_delay = 0
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        hint = screen.query_one(HintLine)
        assert hint.text == LESSONS[0][1]
        for number, day in enumerate(DAYS, 1):
            assert screen.state.day == number
            for line, (owner, words, after, expected) in enumerate(day):
                while screen.owner != owner:
                    await pilot.press("u")
                await pilot.press("a")
                await _type(pilot, words)
                await pilot.press("enter")
                await pilot.pause()
                if after is not None:
                    await pilot.press("tab")  # to the plan
                    assert screen.query_one(PlanTable).has_focus
                    await pilot.press(*["up"] * len(screen.plan), *["down"] * line, "w")
                    await pilot.press("shift+tab")  # back to the map
                    assert screen.map.has_focus
                assert screen.plan[line] == expected
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("y")
            await pilot.pause()
            if number == 1:
                assert hint.text == LESSONS[2][1]  # recon and clear done; move is next
        assert str(screen.state.outcome) == "victory"
        assert screen.state.day == 4
        assert "Victory: the objectives are held." in " ".join(screen.query_one(GameLog).plain)
