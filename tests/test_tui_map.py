"""The map: projection, cursor moves, clicks, overlays, redraw on resize."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from textual.app import App, ComposeResult

from game.data.scenario import load_scenario
from game.engine import new_game
from game.engine.observe import observe
from game.tui.map_picture import layout_map
from game.tui.projection import AxisWarp, Projection, clipped_line, line_cells, step_cursor
from game.tui.widgets.map import MapView
from game.tui.widgets.map_model import (
    MapModel,
    MapPlace,
    MapRoad,
    abbreviation,
    build_map_model,
    label_texts,
    model_from_scenario,
    overlay_tag,
    place_label,
)
from tests.engine_fixtures import depot_scenario

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
TUTORIAL = load_scenario(SCENARIOS / "tutorial.yaml")


def test_projection_keeps_east_right_and_north_up() -> None:
    points = [(34.0, 42.0), (34.0, 43.0), (35.0, 42.0)]
    projection = Projection.fit(points, 80, 24)
    west = projection.to_cell(34.0, 42.0)
    east = projection.to_cell(34.0, 43.0)
    north = projection.to_cell(35.0, 42.0)
    assert east[0] > west[0] and east[1] == west[1]
    assert north[1] < west[1] and north[0] == west[0]


def test_the_warp_keeps_order_spreads_crowds_and_squeezes_empty_ground() -> None:
    # four towns within 0.1 degree, then 2 degrees of nothing, then one more
    places = [41.0, 41.03, 41.06, 41.1, 43.1]
    warp = AxisWarp.build(places, (), (41.0, 41.1), 0, 60)
    cells = [warp.at(v) for v in places]
    assert cells == sorted(cells)
    assert cells[0] == 0 and cells[-1] == 60
    gaps = [b - a for a, b in pairwise(cells)]
    assert min(gaps[:3]) >= 6  # the crowded towns get room of their own
    assert gaps[3] < 30  # the empty two degrees, twenty times the cluster, take less


def test_one_point_and_stacked_points_warp_to_the_middle() -> None:
    warp = AxisWarp.build([5.0, 5.0, 5.0], (), (5.0, 5.0), 0, 10)
    assert warp.at(5.0) == 5.0
    projection = Projection.fit([(1.0, 1.0)] * 3, 21, 11)
    assert projection.shows(projection.to_cell(1.0, 1.0))


def test_bresenham_line_is_continuous() -> None:
    assert line_cells((0, 0), (4, 2)) == [(0, 0), (1, 1), (2, 1), (3, 2), (4, 2)]
    assert line_cells((2, 3), (2, 0)) == [(2, 3), (2, 2), (2, 1), (2, 0)]


def test_a_line_from_far_off_the_grid_is_cut_to_it() -> None:
    cells = clipped_line((-10**9, 5), (10, 5), 20, 10)
    assert cells[0] == (0, 5) and cells[-1] == (10, 5) and len(cells) == 11
    assert clipped_line((-5, -5), (-1, -1), 20, 10) == []


def test_step_cursor_picks_nearest_place_that_way_and_stays_at_the_edge() -> None:
    cells = {"mid": (10, 5), "east": (20, 5), "far-east": (40, 5), "north": (10, 1)}
    assert step_cursor(cells, "mid", "right") == "east"
    assert step_cursor(cells, "mid", "up") == "north"
    assert step_cursor(cells, "mid", "left") == "mid"
    assert step_cursor(cells, "east", "right") == "far-east"


def test_labels_read_without_colour() -> None:
    model = model_from_scenario(TUTORIAL)
    saqra = model.place("saqra")
    assert saqra.glyph == "E"
    assert place_label(saqra, None) == "Saqra*"
    assert place_label(saqra, "traps") == f"Saqra* t{TUTORIAL.place('saqra').traps}"
    # the scenario's garrison, as the model shows it before any recon
    assert place_label(saqra, "enemy") == f"Saqra* {TUTORIAL.place('saqra').garrison}"
    haditha = model.place("haditha")
    assert haditha.glyph == "G"
    assert place_label(haditha, None) == "HadithaS +4u"


def test_a_crowded_place_is_abbreviated_past_its_article_but_an_objective_never() -> None:
    assert abbreviation("al-Qaim") == "Qai"
    assert abbreviation("Al-Asad Airbase") == "Asa"
    assert abbreviation("Haditha Dam") == "Had"
    assert abbreviation("Albu Hayat") == "Alb"
    town = MapPlace("q", "al-Qaim", 0.0, 0.0, "enemy", enemy_estimate="~50-150")
    assert label_texts(town, "enemy") == ["al-Qaim ~50-150", "Qai ~50-150"]
    objective = MapPlace("q", "al-Qaim", 0.0, 0.0, "enemy", objective=True,
                         enemy_estimate="~50-150")
    assert label_texts(objective, "enemy") == ["al-Qaim* ~50-150", "al-Qaim*"]


def _two_towns(kind: str, destroyed: bool = False) -> MapModel:
    places = (
        MapPlace("a", "Aaa", 34.0, 41.0, "own"),
        MapPlace("b", "Bbb", 34.0, 41.01, "enemy"),
        MapPlace("c", "Ccc", 35.0, 43.0, "enemy"),
    )
    return MapModel(places, (MapRoad("a-b", "a", "b", kind, destroyed), MapRoad("b-c", "b", "c")))


def test_a_bridge_shows_its_sign_and_a_destroyed_one_its_x() -> None:
    for destroyed, sign in ((False, "="), (True, "X")):
        layout = layout_map(_two_towns("bridge", destroyed), 40, 12)
        assert layout.problems() == []
        (ax, ay), (bx, by) = layout.cells["a"], layout.cells["b"]
        between = line_cells((ax, ay), (bx, by))[1:-1]
        assert sign in [layout.chars[y][x] for x, y in between]


def test_the_supply_overlay_marks_roads_in_supply_with_a_sign_not_only_a_colour() -> None:
    model = MapModel(
        (MapPlace("a", "Aaa", 34.0, 41.0, "own", in_supply=True),
         MapPlace("b", "Bbb", 34.0, 42.0, "own", in_supply=True)),
        (MapRoad("a-b", "a", "b", "highway", traps=0, in_supply=True),),
    )
    plain = layout_map(model, 40, 10)
    supplied = layout_map(model, 40, 10, "supply")
    assert "#" not in plain.text()
    assert "#" in supplied.text()
    assert "Aaa [sup]" in supplied.text()


def test_the_supply_overlay_shows_each_depots_loads_and_the_cut_off_enemy_towns() -> None:
    # What the player plans the supply line with, from the engine's observation.
    seen = observe(new_game(depot_scenario(loads=4), seed=1), "gov")
    tags = {p.id: overlay_tag(p, "supply") for p in build_map_model(seen).places}
    assert tags == {"base": " [sup]", "depot": " [sup, 4 loads]", "front": " [sup]",
                    "town": ""}
    cut = MapPlace("t", "Ttt", 34.0, 41.0, "enemy", cut_off=True)
    assert overlay_tag(cut, "supply") == " [cut off]"
    assert overlay_tag(cut, None) == ""
    one = MapPlace("d", "Ddd", 34.0, 41.0, "own", in_supply=False, depot_loads=1)
    assert overlay_tag(one, "supply") == " [NO SUP, 1 load]"


class MapApp(App[None]):
    def compose(self) -> ComposeResult:
        yield MapView(id="map")

    def on_mount(self) -> None:
        view = self.query_one(MapView)
        view.model = model_from_scenario(TUTORIAL)
        view.selected = "haditha"
        view.focus()
        self.chosen: list[str] = []

    def on_map_view_selected(self, message: MapView.Selected) -> None:
        self.chosen.append(message.place_id)


def screen_text(view: MapView) -> str:
    return "\n".join(view.render_line(y).text for y in range(view.size.height))


async def test_cursor_moves_with_arrow_keys_to_the_expected_places() -> None:
    app = MapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(MapView)
        await pilot.press("left")
        assert view.selected == "wadi-junction"
        await pilot.press("up")
        assert view.selected == "haditha-dam"
        await pilot.press("up")
        assert view.selected == "zawiya"
        await pilot.press("left")
        assert view.selected == "saqra"
        assert app.chosen == ["wadi-junction", "haditha-dam", "zawiya", "saqra"]


async def test_the_cursor_shows_the_selected_place_and_its_name_reversed() -> None:
    app = MapApp()
    async with app.run_test(size=(80, 24)):
        view = app.query_one(MapView)
        picture = view.picture
        assert picture is not None
        row, first, last = picture.span("haditha") or (0, 0, 0)
        strip = view.render_line(row)
        reversed_cells = "".join(
            segment.text for segment in strip if segment.style and segment.style.reverse
        )
        assert reversed_cells == picture.chars[row][first: last + 1]
        assert "Haditha" in reversed_cells and "G" in reversed_cells


async def test_click_selects_the_place_under_the_mouse() -> None:
    app = MapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(MapView)
        x, y = view.cells["zawiya"]
        await pilot.click(MapView, offset=(x, y))
        assert view.selected == "zawiya"


async def test_map_draws_places_river_and_redraws_on_resize() -> None:
    app = MapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(MapView)
        text = screen_text(view)
        for name in ("Saqra*", "Zawiya*", "HadithaS"):
            assert name in text
        assert "~" in text
        x, y = view.cells["saqra"]
        assert view.render_line(y).text[x] == "E"
        before = dict(view.cells)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert view.size.width == 120
        assert view.cells != before
        x, y = view.cells["saqra"]
        assert view.render_line(y).text[x] == "E"


async def test_traps_overlay_shows_levels_and_hides_again() -> None:
    app = MapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(MapView)
        assert "t2" not in screen_text(view)
        view.overlay = "traps"
        await pilot.pause()
        assert "Saqra* t2" in screen_text(view)
        view.overlay = None
        await pilot.pause()
        assert "t2" not in screen_text(view)


async def test_a_crowded_map_says_how_many_places_it_could_not_draw() -> None:
    app = MapApp()
    async with app.run_test(size=(80, 24)) as pilot:
        view = app.query_one(MapView)
        assert view.border_subtitle == "+ zoom"
        crowd = tuple(
            MapPlace(f"p{i}", f"Place {i}", 34.0, 42.0, "enemy", objective=i == 0)
            for i in range(300)
        )
        view.model = MapModel(crowd, ())
        view.selected = "p0"
        await pilot.pause()
        picture = view.picture
        assert picture is not None and picture.hidden == 300 - len(view.cells) > 0
        await pilot.pause()
        assert view.border_subtitle == f"{picture.hidden} more: zoom in · + zoom"
        assert "Place 0*" in screen_text(view)
