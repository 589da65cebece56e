"""Picking targets on the map, zooming, the fog of war in the panels, small terminals."""

from __future__ import annotations

from pathlib import Path

from game.engine import Operation, legal_operations, new_game, observe
from game.engine.refusals import Refusal, Why
from game.tui import narrate
from game.tui.app import create_app
from game.tui.screens.game import GameScreen
from game.tui.widgets.details import DetailsPanel, describe_place
from game.tui.widgets.map import MapView
from game.tui.widgets.map_model import build_map_model
from game.tui.widgets.operation_menu import OperationMenu
from game.tui.widgets.plan import PlanTable

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
CAMPAIGN = ROOT / "scenarios" / "western-anbar-2017.yaml"


def _game(app: object) -> GameScreen:
    screen = app.screen  # type: ignore[attr-defined]
    assert isinstance(screen, GameScreen)
    return screen


async def test_enter_on_a_place_offers_only_operations_aimed_at_it_and_adds_one(
    tmp_path: Path,
) -> None:
    app = create_app(scenario_path=TUTORIAL, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        view = screen.query_one(MapView)
        owner = screen.owner
        assert owner is not None and view.selected == "haditha"
        # The cursor points at the Wadi junction (past the dam); the unit stays.
        await pilot.press("left", "left")
        assert view.selected == "wadi-junction" and screen.owner == owner
        await pilot.press("enter")
        await pilot.pause()
        menu = app.screen
        assert isinstance(menu, OperationMenu)
        roads = {r.id for r in observe(screen.state, screen.side).roads
                 if "wadi-junction" in (r.a, r.b)}
        aimed = [c for c in legal_operations(screen.state, owner, ())
                 if c.target == "wadi-junction" or c.target in roads]
        names = narrate.names(screen.state)
        assert [item.label for item in menu.items] == [
            narrate.choice_label(c, names) for c in aimed
        ]
        assert "Wadi junction" in menu.owner
        first = next(c for c in aimed if c.legal)
        await pilot.press("enter")  # the first legal line is highlighted
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)
        assert screen.plan == (Operation(owner, first.kind, first.target),)
        await pilot.pause()
        painted = screen.query_one(PlanTable).render_line(1).text
        assert names[owner] in painted  # the row as painted, not cut to the header's widths


async def test_enter_where_the_unit_can_do_nothing_says_why_in_names(tmp_path: Path) -> None:
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = _game(app)
        view = screen.query_one(MapView)
        view.selected = "anah"  # far up the river, held by the enemy
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GameScreen)  # no menu: nothing to offer
        said = [n.message for n in app._notifications]
        # An enemy town: the reason is why no assault is possible, never "assault it".
        assert any("has no operation at Ana: Ana is not next to Haditha" in m for m in said), said
        assert not any("anah" in m or "assault it" in m for m in said)
        assert screen.plan == ()


def test_refusals_are_worded_with_the_names_the_player_reads() -> None:
    names = {"hit": "Hit", "anah": "Ana", "7-div-1-bde": "1st Brigade"}
    assert narrate.refusal(Refusal(Why.HELD_BY_ENEMY, target="anah"), names) == (
        "Ana is held by the enemy")
    assert narrate.refusal(Refusal(Why.NO_TIME_FOR_A_LEVEL, unit="7-div-1-bde", hour=3.0,
                                   limit=2.0), names) == (
        "a trap level takes 3.0 h here; the working day leaves 1st Brigade 2.0 h")
    assert narrate.refusal(None, names) == ""


async def test_zoom_follows_the_cursor_and_every_place_stays_reachable(tmp_path: Path) -> None:
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        view = _game(app).query_one(MapView)
        whole = dict(view.cells)
        assert len(whole) == 20  # every place on the whole map
        here = view.selected
        assert here is not None

        def room_around(cells: dict[str, tuple[int, int]]) -> int:
            x, y = cells[here]
            return min(abs(cx - x) + 2 * abs(cy - y) for p, (cx, cy) in cells.items() if p != here)

        await pilot.press("plus")
        assert view.zoom == 2 and "zoom 2x" in str(view.border_subtitle)
        zoomed = view.cells
        assert here in zoomed
        assert room_around(zoomed) >= room_around(whole)  # the ground around it opens up
        drawn = set(zoomed)
        for key in ["left"] * 12 + ["down"] * 6 + ["right"] * 12 + ["up"] * 6:
            await pilot.press(key)
            assert view.selected in view.cells  # the view followed the cursor
            drawn |= set(view.cells)
        assert drawn == set(whole)  # a place squeezed out of the close-up comes back
        await pilot.press("minus", "minus")
        assert view.zoom == 1 and view.cells == whole


def test_the_map_and_details_show_only_what_the_player_knows() -> None:
    from game.data.scenario import load_scenario

    state = new_game(load_scenario(CAMPAIGN), 1)
    seen = observe(state, state.scenario.player_side)
    model = build_map_model(seen)
    ana = model.place("anah")
    low, high = seen.place("anah").garrison_estimate
    assert ana.enemy_estimate == f"~{low}-{high}"
    assert str(state.places[[p.id for p in state.scenario.places].index("anah")].garrison) \
        not in ana.enemy_estimate.split("-")  # never the truth unless seen
    assert ana.traps is None
    lines = describe_place(state.scenario, seen, "anah")
    assert f"Garrison: {low}-{high}, an estimate (recon to learn)" in lines
    assert "Traps: level unknown (recon to learn)" in lines


async def test_a_small_terminal_gives_the_map_the_rows(tmp_path: Path) -> None:
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = _game(app)
        assert screen.query_one(MapView).content_size.height >= 10
        assert not [chart for chart in screen.query("#game-timeline") if chart.display]
        details = screen.query_one(DetailsPanel)
        assert details.lines[0].startswith("Haditha")


def test_the_details_of_a_depot_say_its_stock_against_the_cap_and_the_depots_left() -> None:
    from tests.engine_fixtures import depot_scenario

    state = new_game(depot_scenario(loads=4), 1)
    seen = observe(state, state.scenario.player_side)
    lines = describe_place(state.scenario, seen, "depot")
    cap = state.scenario.rules.depot_max_loads
    assert any(f"4 of {cap} loads" in line for line in lines)
    assert f"Depots: 1 of {state.scenario.supply.max_depots} set up" in lines
    assert not any(line.startswith("Depots:") for line in describe_place(
        state.scenario, seen, "town"))  # the enemy's town: not a place to set one up
