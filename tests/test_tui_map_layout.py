"""The map's layout keeps its promises on every scenario, at the game's two sizes:
no name over a marker or another name, markers apart, every objective named in
full with its `*`; and on random small scenarios (hypothesis) at any size."""

from __future__ import annotations

import asyncio
import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.data.builtin import builtin_scenarios
from game.data.scenario import load_scenario, parse_scenario
from game.engine import Scenario, new_game, observe
from game.tui.map_layout import focus_window
from game.tui.map_picture import MapLayout, layout_map
from game.tui.widgets.map_model import (
    MapModel,
    MapPlace,
    MapRoad,
    build_map_model,
)

ROOT = Path(__file__).resolve().parent.parent
TERMINALS = [pytest.param((120, 40), id="120x40"), pytest.param((80, 24), id="80x24")]
OVERLAYS = (None, "supply", "traps", "enemy")


def _generator() -> ModuleType:
    path = ROOT / "bench" / "gen_scenario.py"
    spec = importlib.util.spec_from_file_location("gen_scenario", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@cache
def scenario(case: str) -> Scenario:
    if case.startswith("generated-"):
        places, seed = (int(n) for n in case.removeprefix("generated-").split("-"))
        return parse_scenario(_generator().generate(places, places * 3 // 2, seed), f"{case}.yaml")
    return load_scenario(ROOT / "scenarios" / f"{case}.yaml")


CASES = [p.stem for p in builtin_scenarios()] + [
    "generated-12-1", "generated-80-2", "generated-1500-3",
]


@cache
def map_size(terminal: tuple[int, int], case: str) -> tuple[int, int]:
    """The map's size in the game screen at a terminal size (the built-in scenario's own,
    for a tutorial's hint line; the default campaign's for the others)."""
    from game.tui.app import create_app
    from game.tui.widgets.map import MapView

    path = ROOT / "scenarios" / f"{case}.yaml"
    if not path.exists():
        path = ROOT / "scenarios" / "western-anbar-2017.yaml"

    async def measure() -> tuple[int, int]:
        import tempfile

        with tempfile.TemporaryDirectory() as saves:
            app = create_app(scenario_path=path, seed=1, saves_folder=Path(saves))
            async with app.run_test(size=terminal) as pilot:
                while type(app.screen).__name__ != "GameScreen":
                    await pilot.pause(0.01)
                await pilot.pause()
                size = app.screen.query_one(MapView).size
                return size.width, size.height

    return asyncio.run(measure())


def day_one(case: str) -> MapModel:
    game = new_game(scenario(case), 1)
    seen = observe(game, game.scenario.player_side)
    model = build_map_model(seen, game.scenario.river)
    # The scenario's own list is the truth: the model must have marked each of them.
    listed = {o.place for o in game.scenario.objectives}
    assert listed and {p.id for p in model.places if p.objective} == listed
    return model


def promises_kept(model: MapModel, layout: MapLayout) -> None:
    assert layout.problems() == []
    for place in model.places:
        if place.objective:
            label = layout.labels.get(place.id)
            assert label is not None, f"{place.name}: an objective without its name"
            assert label.text.startswith(place.name + "*"), label.text


@pytest.mark.parametrize("terminal", TERMINALS)
@pytest.mark.parametrize("case", CASES)
def test_every_objective_is_named_and_nothing_overwritten(
    case: str, terminal: tuple[int, int]
) -> None:
    model = day_one(case)
    width, height = map_size(terminal, case)
    for overlay in OVERLAYS:
        promises_kept(model, layout_map(model, width, height, overlay))
    first_unit = scenario(case).units[0].at
    where = model.place(first_unit)
    for zoom in (2, 4):
        promises_kept(model, layout_map(model, width, height, None, zoom, (where.lat, where.lon)))


@pytest.mark.parametrize("case", [p.stem for p in builtin_scenarios()])
def test_a_built_in_scenario_shows_every_place_by_name_at_120x40(case: str) -> None:
    model = day_one(case)
    layout = layout_map(model, *map_size((120, 40), case))
    for place in model.places:
        label = layout.labels.get(place.id)
        assert label is not None and label.text.startswith(place.name), place.name


def test_the_default_view_frames_the_fighting_not_the_rear() -> None:
    model = day_one("western-anbar-2017")
    south, west, north, east = focus_window(model)
    rutba, hit = model.place("rutba"), model.place("hit")
    assert not south <= rutba.lat <= north  # the empty desert to Rutba is squeezed
    assert not west <= hit.lon <= east
    for objective in (p for p in model.places if p.objective):
        assert south <= objective.lat <= north and west <= objective.lon <= east
    # squeezed, the rear is still on the map and reachable by the cursor
    layout = layout_map(model, 70, 20)
    assert "rutba" in layout.cells and "hit" in layout.cells


def test_a_thousand_places_on_one_point_are_laid_out_at_once() -> None:
    places = tuple(
        MapPlace(f"p{i}", f"Place {i}", 34.0, 42.0, "own" if i % 2 else "enemy",
                 objective=i < 3)
        for i in range(1000)
    )
    roads = tuple(MapRoad(f"r{i}", f"p{i}", f"p{i + 1}", "bridge") for i in range(999))
    model = MapModel(places, roads)
    layout = layout_map(model, 46, 10, "enemy")
    promises_kept(model, layout)
    assert layout.hidden == 1000 - len(layout.cells) > 0


# --- random small scenarios -------------------------------------------------------------

NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz -", min_size=1, max_size=14).map(
    lambda s: s.strip() or "x"
)


@st.composite
def small_models(draw: st.DrawFn) -> MapModel:
    count = draw(st.integers(1, 25))
    # Crowds as well as spread: coordinates from a small set, or anywhere in a box.
    coordinate = st.one_of(
        st.sampled_from([34.0, 34.001, 34.01, 34.1]),
        st.floats(33.0, 35.0, allow_nan=False),
    )
    objectives = set(draw(st.lists(st.integers(0, count - 1), max_size=3)))
    places = tuple(
        MapPlace(
            id=f"p{i}",
            name=draw(NAMES),
            lat=draw(coordinate),
            lon=draw(coordinate) + 7.0,
            control=draw(st.sampled_from(["own", "enemy", "unknown"])),
            objective=i in objectives,
            supply_source=draw(st.booleans()),
            traps=draw(st.one_of(st.none(), st.integers(0, 5))),
            in_supply=draw(st.one_of(st.none(), st.booleans())),
            enemy_estimate=draw(st.sampled_from(["", "~40-120", "300"])),
            own_units=draw(st.integers(0, 12)),
            population=draw(st.integers(0, 90000)),
        )
        for i in range(count)
    )
    pairs = draw(st.lists(st.tuples(st.integers(0, count - 1), st.integers(0, count - 1)),
                          max_size=2 * count))
    roads = tuple(
        MapRoad(f"r{n}", f"p{a}", f"p{b}", draw(st.sampled_from(["highway", "road", "track",
                                                                  "bridge"])),
                destroyed=draw(st.booleans()), traps=draw(st.one_of(st.none(), st.integers(0, 3))))
        for n, (a, b) in enumerate(pairs)
        if a != b
    )
    return MapModel(places, roads)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    model=small_models(),
    width=st.integers(30, 120),
    height=st.integers(8, 40),
    overlay=st.sampled_from(OVERLAYS),
    zoom=st.sampled_from([1, 2, 4]),
)
def test_random_small_maps_keep_every_promise(
    model: MapModel, width: int, height: int, overlay: str | None, zoom: int
) -> None:
    centre = (model.places[0].lat, model.places[0].lon)
    layout = layout_map(model, width, height, overlay, zoom, centre)
    promises_kept(model, layout)
    assert len(layout.chars) == height and {len(row) for row in layout.chars} == {width}
    shown = set(layout.cells)
    assert layout.hidden == len(model.places) - len(shown)


@pytest.mark.parametrize("terminal", TERMINALS)
@pytest.mark.parametrize("case", CASES)
def test_an_overlay_never_moves_a_place_nor_drops_a_name(
    case: str, terminal: tuple[int, int]
) -> None:
    """Toggling an overlay only adds its figures: every marker stays on its cell and
    every name drawn without it is drawn with it."""
    model = day_one(case)
    width, height = map_size(terminal, case)
    base = layout_map(model, width, height)
    for overlay in OVERLAYS[1:]:
        shown = layout_map(model, width, height, overlay)
        assert shown.cells == base.cells, overlay
        assert set(shown.labels) >= set(base.labels), overlay
        for place_id, label in base.labels.items():
            assert shown.labels[place_id].text.startswith(label.text.split(" ")[0])
