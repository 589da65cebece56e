"""The map: projection, cursor moves, clicks, overlays, redraw on resize."""

from __future__ import annotations

from pathlib import Path

from textual.app import App, ComposeResult

from game.data.scenario import load_scenario
from game.tui.projection import Projection, line_cells, place_cells, step_cursor
from game.tui.widgets.map import MapView, abbreviation, place_label
from game.tui.widgets.map_model import model_from_scenario

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


def test_projection_scales_longitude_by_cos_of_mean_latitude() -> None:
    # one degree of longitude at 60 degrees north is half a degree of latitude:
    # with two columns a row, 1 deg lon spans as many columns as 1 deg lat spans rows.
    projection = Projection.fit([(59.5, 0.0), (60.5, 1.0)], 41, 23)
    a = projection.to_cell(59.5, 0.0)
    b = projection.to_cell(60.5, 1.0)
    assert b[0] - a[0] == a[1] - b[1]


def test_crowded_places_each_get_their_own_cell() -> None:
    projection = Projection.fit([(0.0, 0.0), (1.0, 1.0)], 20, 10)
    cells = place_cells({"a": (0.5, 0.5), "b": (0.5, 0.5), "c": (0.5, 0.5)}, projection)
    assert len(set(cells.values())) == 3


def test_bresenham_line_is_continuous() -> None:
    assert line_cells((0, 0), (4, 2)) == [(0, 0), (1, 1), (2, 1), (3, 2), (4, 2)]
    assert line_cells((2, 3), (2, 0)) == [(2, 3), (2, 2), (2, 1), (2, 0)]


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
        await pilot.press("left")
        assert view.selected == "zawiya"
        await pilot.press("left")
        assert view.selected == "saqra"
        assert app.chosen == ["wadi-junction", "haditha-dam", "zawiya", "saqra"]


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


def test_a_crowded_place_is_abbreviated_past_its_article() -> None:
    assert abbreviation("al-Qaim") == "Qai"
    assert abbreviation("Al-Asad Airbase") == "Asa"
    assert abbreviation("Haditha Dam") == "Had"
    assert abbreviation("Albu Hayat") == "Alb"
