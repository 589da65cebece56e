"""The map's characters: the river, the roads with their signs, markers and names.

`layout_map` is the one call: a `MapModel` and a size in, a `MapLayout` out,
every character with what it shows (a `kind` the widget gives a style to). No
Textual here; every sign is a character, so colour is never the only one.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.record import record
from game.tui.map_layout import Frame, Label, Placement, frame_of, place_all
from game.tui.projection import Cell, Projection, line_cells, polyline_cells
from game.tui.widgets.map_model import MapModel, MapPlace, MapRoad, trap_text

# What each character of the map shows: the widget gives each a style.
BLANK, RIVER, LABEL = "blank", "river", "label"
ROAD_KINDS = ("highway", "road", "track", "bridge")
BROKEN, SUPPLIED = "broken", "supplied"  # a destroyed bridge; a road in supply (overlay)
TRAP_KNOWN, TRAP_UNKNOWN = "trap-known", "trap-unknown"
MARKERS = {"own": "marker-own", "enemy": "marker-enemy", "unknown": "marker-unknown"}
LABEL_SUPPLIED, LABEL_UNSUPPLIED, LABEL_ESTIMATE = "label-sup", "label-nosup", "label-estimate"


@record
class MapLayout:
    """The map at one size: its characters, what each shows, markers and names."""

    width: int
    height: int
    chars: tuple[str, ...]  # one string a row
    kinds: tuple[tuple[str, ...], ...]  # what each character shows
    cells: dict[str, Cell]  # the marker of every place drawn
    labels: dict[str, Label]  # the name of every place drawn with one
    hidden: int  # places with no room at this size and zoom
    projection: Projection

    def span(self, place_id: str) -> tuple[int, int, int] | None:
        """The row and the first and last columns of a place's marker and name."""
        cell = self.cells.get(place_id)
        if cell is None:
            return None
        x, y = cell
        label = self.labels.get(place_id)
        if label is None:
            return y, x, x
        return y, min(x, label.first), max(x, label.last)

    def text(self) -> str:
        return "\n".join(self.chars)

    def problems(self) -> list[str]:
        """Every name over a marker or a name, every marker touching another: none."""
        return problems(self.cells, self.labels, self.chars)


def layout_map(
    model: MapModel,
    width: int,
    height: int,
    overlay: str | None = None,
    zoom: int = 1,
    centre: tuple[float, float] | None = None,
) -> MapLayout:
    """The map of `model` on a width x height grid, with an overlay's figures
    (`supply`, `traps`, `enemy`), `zoom` times closer around the (lat, lon) `centre`."""
    return draw(frame_of(model, width, height, zoom, centre), model, overlay)


def draw(frame: Frame, model: MapModel, overlay: str | None) -> MapLayout:
    """The characters of a frame with an overlay: places laid out, then drawn."""
    placed = place_all(frame, overlay)
    width, height = frame.width, frame.height
    chars = [[" "] * width for _ in range(height)]
    kinds = [[BLANK] * width for _ in range(height)]
    for x, y in polyline_cells(model.river, frame.projection):
        chars[y][x], kinds[y][x] = "~", RIVER
    places = {p.id: p for p in model.places}
    # The cells a road's sign must leave alone: markers, and names with two cells
    # either side (a figure against a name would read as part of it).
    covered = set(placed.cells.values()) | {
        (x, label.row) for label in placed.labels.values()
        for x in range(label.first - 2, label.last + 3)
    }
    for road in model.roads:
        a, b = placed.cells.get(road.a), placed.cells.get(road.b)
        if a is not None and b is not None:
            _draw_road(road, a, line_cells(a, b)[1:-1], chars, kinds, overlay, placed, covered)
    for place_id, (x, y) in placed.cells.items():
        place = places[place_id]
        chars[y][x], kinds[y][x] = place.glyph, MARKERS.get(place.control, MARKERS["unknown"])
    for x, y in placed.blanks:
        chars[y][x], kinds[y][x] = " ", BLANK
    for label in placed.labels.values():
        kind = _label_kind(places[label.place], overlay)
        row_chars, row_kinds = chars[label.row], kinds[label.row]
        for offset, char in enumerate(label.text):
            row_chars[label.first + offset] = char
            row_kinds[label.first + offset] = kind
    return MapLayout(
        width=width,
        height=height,
        chars=tuple("".join(row) for row in chars),
        kinds=tuple(tuple(row) for row in kinds),
        cells=placed.cells,
        labels=placed.labels,
        hidden=placed.hidden,
        projection=frame.projection,
    )


def _label_kind(place: MapPlace, overlay: str | None) -> str:
    if overlay == "supply" and place.in_supply is not None:
        return LABEL_SUPPLIED if place.in_supply else LABEL_UNSUPPLIED
    if overlay == "enemy" and place.enemy_estimate:
        return LABEL_ESTIMATE
    return LABEL


def road_char(dx: int, dy: int, road: MapRoad) -> str:
    """A road's character for a step of (dx, dy): tracks dotted, roads and highways
    (and the approaches of a bridge) along their direction."""
    if road.kind == "track":
        return "."
    if dy == 0:
        return "-"
    if dx == 0:
        return "|"
    return "\\" if (dx > 0) == (dy > 0) else "/"


def _draw_road(
    road: MapRoad,
    start: Cell,
    inner: list[Cell],
    chars: list[list[str]],
    kinds: list[list[str]],
    overlay: str | None,
    placed: Placement,
    covered: set[Cell],
) -> None:
    """A road's cells between its two markers, then its sign: a bridge's `=` (`X`
    destroyed) on the cell kept for it; a trap level, known or `?`, on the free cell
    nearest the middle (a cleared road shows its 0 only on the traps overlay)."""
    if road.kind == "bridge":
        kind = BROKEN if road.destroyed else "bridge"
    elif overlay == "supply" and road.in_supply:
        kind = SUPPLIED
    else:
        kind = road.kind if road.kind in ROAD_KINDS else "road"
    previous = start
    for x, y in inner:
        # In supply, on the supply overlay: a character of its own, not only a colour.
        char = "#" if kind == SUPPLIED else road_char(x - previous[0], y - previous[1], road)
        chars[y][x], kinds[y][x] = char, kind
        previous = (x, y)
    sign = placed.signs.get(road.id)
    if sign is not None:
        x, y = sign
        chars[y][x] = "X" if road.destroyed else "="
        covered.add(sign)
    if road.traps == 0 and overlay != "traps":
        return
    free = [(i, c) for i, c in enumerate(inner) if c not in covered]
    if not free:
        return
    middle = (len(inner) - 1) / 2
    _, (x, y) = min(free, key=lambda item: abs(item[0] - middle))
    chars[y][x] = trap_text(road.traps)
    kinds[y][x] = TRAP_UNKNOWN if road.traps is None else TRAP_KNOWN
    covered.add((x, y))


def problems(cells: dict[str, Cell], labels: dict[str, Label], rows: Sequence[str]) -> list[str]:
    """Every broken promise of a drawn map, in words (for the tests): names not beside
    their markers, over or against other markers or names, cut at the edge or not drawn
    as laid out; markers that touch."""
    width = len(rows[0]) if rows else 0
    found: list[str] = []
    markers = {cell: place for place, cell in cells.items()}
    taken: dict[Cell, str] = {}
    for label in labels.values():
        x, y = cells[label.place]
        if label.row != y or not (label.first == x + 2 or label.last == x - 2):
            found.append(f"{label.place}: name not one cell beside its marker")
        if label.first < 0 or label.last >= width:
            found.append(f"{label.place}: name cut at the edge")
        for column in range(label.first - 2, label.last + 3):
            other = markers.get((column, label.row))
            if other is not None and other != label.place:
                found.append(f"{label.place}: name over or against {other}'s marker")
        for column in range(label.first, label.last + 1):
            taken[(column, label.row)] = label.place
        if rows[label.row][label.first: label.last + 1] != label.text:
            found.append(f"{label.place}: name not drawn as laid out")
    for label in labels.values():
        for column in range(label.first - 1, label.last + 2):
            owner = taken.get((column, label.row))
            if owner is not None and owner != label.place:
                found.append(f"{label.place}: name against {owner}'s name")
    for place, (x, y) in cells.items():
        if rows[y][x] == " ":
            found.append(f"{place}: marker not drawn")
        for other, (ox, oy) in cells.items():
            if other != place and max(abs(ox - x), abs(oy - y)) < 2:
                found.append(f"{place}: marker touches {other}'s")
        if (x, y) in taken:
            found.append(f"{place}: marker under {taken[(x, y)]}'s name")
    return found
