"""Names in wide characters (CJK, emoji) and with marks that take no cell (combining accents,
variation selectors): the map's rows and the details panel's lines measure what the terminal
shows, so nothing beside such a name shifts, wraps early or is cut."""

from __future__ import annotations

import textwrap

import pytest
from rich.cells import cell_len

from game.data.scenario import parse_scenario
from game.tui.map_picture import layout_map
from game.tui.widgets.details import wrap
from game.tui.widgets.log import GameLog
from game.tui.widgets.map import strip_of
from game.tui.widgets.map_model import (
    MapModel,
    MapPlace,
    abbreviation,
    grid_text,
    model_from_scenario,
)
from game.tui.widgets.plan import PlanRow
from game.tui.widgets.timeline import gantt
from tests import scenario_zoo


@pytest.mark.parametrize("text", [
    "Ana", "الرمادي", "东京都", "🐪 Fort", "e\u0301e\u0301", "Z̴̡a̷l̶g̸o̵", "ก็็็็็",
    "⚠️ Warning", "👍🏻", "🇮🇶 Flag", "ｆｕｌｌ",
])
def test_the_grid_text_of_a_name_has_a_character_a_cell(text: str) -> None:
    grid = grid_text(text)
    assert cell_len(grid.replace("\0", "")) == len(grid)
    assert all(cell_len(c) in (1, 2) for c in grid.replace("\0", ""))


def test_a_crowded_map_abbreviates_a_wide_name_by_whole_characters() -> None:
    assert abbreviation(grid_text("东京都")) == grid_text("东")
    assert abbreviation(grid_text("a东京")) == grid_text("a东")
    assert abbreviation(grid_text("ab东")) == "ab"


@pytest.mark.parametrize("name", ["wide-unicode", "arabic-names", "markup-names"])
@pytest.mark.parametrize("size", [(70, 16), (40, 10), (120, 30)])
def test_every_row_of_the_map_is_as_wide_on_screen_as_the_map(
        name: str, size: tuple[int, int]) -> None:
    scenario = parse_scenario(scenario_zoo.text(name), f"{name}.yaml")
    model = model_from_scenario(scenario)
    for overlay in (None, "supply", "enemy"):
        layout = layout_map(model, *size, overlay)
        assert layout.problems() == []
        for row, kinds in zip(layout.chars, layout.kinds, strict=True):
            for cursor in (None, (0, 3)):
                strip = strip_of(row, kinds, cursor)
                shown = sum(cell_len(segment.text) for segment in strip)
                assert shown == strip.cell_length == size[0], row


def test_a_wide_name_on_the_map_is_drawn_whole() -> None:
    places = (MapPlace("a", grid_text("东京都"), 34.0, 42.0, "own"),
              MapPlace("b", "B", 34.0, 41.0, "enemy"))
    layout = layout_map(MapModel(places, ()), 40, 5)
    shown = ["".join(s.text for s in strip_of(r, k)) for r, k in
             zip(layout.chars, layout.kinds, strict=True)]
    assert any("东京都 G" in line for line in shown)


def test_the_details_panel_wraps_wide_names_by_their_cells() -> None:
    line = "  at 东京都, strength 900, readiness 100%, in supply"
    assert wrap([line], 44) == ["  at 东京都, strength 900, readiness 100%,", "    in supply"]
    for width in (8, 10, 20, 44):
        for rows in (wrap([line, "东" * 50, "x " + "🐪" * 30 + " y", "e\u0301" * 60], width),):
            assert all(cell_len(row) <= width for row in rows), rows
    assert wrap(["  a plain ascii line that wraps"], 12) == [
        "  a plain", "    ascii", "    line", "    that", "    wraps"]


def test_the_timeline_lines_up_the_hours_whatever_the_names() -> None:
    owners = ["Jets", "东京都", "🐪" * 40, "e\u0301" * 12, "ก็็็็็"]
    rows = tuple(PlanRow(i + 1, owner, "x", "", 1.0, 3.0) for i, owner in enumerate(owners))
    for width in (0, 44, 80):
        chart = gantt(rows, owners, width).plain.splitlines()
        assert len({cell_len(line) for line in chart}) == 1, chart
        starts = {cell_len(line[: line.index(f"{n}━")]) for n, line in enumerate(chart[1:], 1)}
        assert len(starts) == 1, chart


def test_the_log_wraps_wide_names_by_their_cells() -> None:
    log = GameLog()
    log._wrap_width = 40
    entry = "00:36  " + "东京都 moved to 北京市 and 서울특별시, " * 4
    lines = log._wrapped(entry)
    assert len(lines) > 2 and all(cell_len(line) <= 40 for line in lines), lines
    assert all(line.startswith("       ") for line in lines[1:])
    assert log._wrapped("00:36  Ana " * 10) == textwrap.wrap(
        "00:36  Ana " * 10, 40, subsequent_indent="       ")


@pytest.mark.parametrize("entry", [
    "night  The enemy sowed new traps on the Haditha Dam–Jazira crossroads road.",
    "  two  spaces kept – as textwrap keeps them, " * 3,
])
def test_the_log_keeps_the_spaces_of_an_entry_with_a_dash_as_textwrap_does(entry: str) -> None:
    # An en dash makes the entry non-ASCII: it is wrapped by cells, and must come out as
    # textwrap gives its ASCII twin ("night  The", not "night The").
    log = GameLog()
    log._wrap_width = 40
    twin = textwrap.wrap(entry.replace("–", "-"), 40, subsequent_indent="       ")
    assert [line.replace("–", "-") for line in log._wrapped(entry)] == twin
