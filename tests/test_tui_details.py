"""The details panel follows the cursor cheaply: no layout of the screen, one frame."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, ComposeResult

from game.tui.app import create_app
from game.tui.screens.game import GameScreen
from game.tui.widgets.details import DetailsPanel, wrap
from game.tui.widgets.map import MapView

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGN = ROOT / "scenarios" / "western-anbar-2017.yaml"


def test_a_long_line_wraps_under_its_own_indent() -> None:
    lines = wrap(["  to Haqlaniyah: 7 km highway, traps ?", "Short"], 20)
    assert lines == ["  to Haqlaniyah: 7", "    km highway,", "    traps ?", "Short"]


class PanelApp(App[None]):
    def compose(self) -> ComposeResult:
        yield DetailsPanel(id="details")


async def test_a_text_longer_than_the_panel_says_so_and_scrolls_with_the_wheel() -> None:
    app = PanelApp()
    async with app.run_test(size=(30, 5)) as pilot:
        panel = app.query_one(DetailsPanel)
        panel.lines = tuple(f"line {n}" for n in range(12))
        await pilot.pause()
        shown = [panel.render_line(y).text.rstrip() for y in range(5)]
        assert shown == ["line 0", "line 1", "line 2", "line 3", "… 8 more lines (scroll)"]
        # as the terminal sends it: to the app, which hands it to the widget under it
        app.post_message(events.MouseScrollDown(None, 1, 1, 0, 1, 0, False, False, False, 1, 1))
        await pilot.pause()
        assert panel.render_line(0).text.startswith("line 2")
        panel.lines = ("another place",)  # a new place reads from its top
        await pilot.pause()
        assert panel.render_line(0).text.startswith("another place")


async def test_cursor_keys_lay_out_nothing_and_the_details_follow_in_the_same_frame(
    tmp_path: Path,
) -> None:
    app = create_app(scenario_path=CAMPAIGN, seed=1, saves_folder=tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, GameScreen)
        layouts: list[Any] = []
        frames: list[tuple[str | None, str]] = []
        relayout, paint = screen._refresh_layout, screen._compositor_refresh

        def counting_layout(*args: Any, **kwargs: Any) -> None:
            layouts.append(args)
            relayout(*args, **kwargs)

        def painting() -> None:
            paint()  # what each frame showed: the cursor's place and the details' title
            frames.append((screen.map.selected, screen.query_one(DetailsPanel).lines[0]))

        screen._refresh_layout = counting_layout  # type: ignore[method-assign]
        screen._compositor_refresh = painting  # type: ignore[method-assign]
        view = screen.query_one(MapView)
        for key in ("left", "up", "right", "down", "left", "left"):
            await pilot.press(key)
            await pilot.pause()
        assert layouts == []
        assert frames
        names = {p.id: p.name for p in view.model.places} if view.model else {}
        for selected, title in frames:  # never a frame with the cursor ahead of the details
            assert selected is not None and title.startswith(names[selected] + " ("), title


def test_a_places_roads_come_from_the_index_as_a_scan_would_find_them() -> None:
    from game.data.scenario import load_scenario
    from game.engine import new_game, observe
    from game.tui.widgets.details import _roads_at

    state = new_game(load_scenario(CAMPAIGN), 1)
    seen = observe(state, state.scenario.player_side)
    for place in state.scenario.places:
        scanned = [road for road in seen.roads if place.id in (road.a, road.b)]
        assert _roads_at(state.scenario, seen, place.id) == scanned
