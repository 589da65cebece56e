"""The map: places drawn to scale, the river, roads, a cursor, three overlays.

Attributes down: the screen sets `model` (a `MapModel`), `overlay` and
`selected`. Messages up: `MapView.Selected` when the player moves the cursor
or clicks a place, `MapView.Opened` when the player presses enter on it (or
clicks it again). `+` and `-` zoom around the cursor, and a zoomed map follows
the cursor off its edge. Every line is a cached `Strip`; the static picture is
built once per (size, model, overlay, zoom, centre), and a cursor move
rebuilds only two rows.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from game.tui.projection import (
    Cell,
    Projection,
    line_cells,
    nearest_place,
    place_cells,
    polyline_cells,
    step_cursor,
)
from game.tui.widgets.map_model import MapModel, MapPlace, MapRoad

OVERLAYS = ("supply", "traps", "enemy")
ZOOMS = (1, 2, 4)

RIVER = Style(color="dodger_blue2")
ROAD = Style(color="grey62")
HIGHWAY = Style(color="grey85", bold=True)
TRACK = Style(color="grey50")
BRIDGE = Style(color="cyan", bold=True)
BROKEN = Style(color="bright_red", bold=True)
CONTROL = {
    "own": Style(color="green3", bold=True),
    "enemy": Style(color="bright_red", bold=True),
    "unknown": Style(color="yellow", bold=True),
}
LABEL = Style(color="grey89")
TRAP_KNOWN = Style(color="orange1", bold=True)
TRAP_UNKNOWN = Style(color="magenta")
SUPPLIED = Style(color="green3")
UNSUPPLIED = Style(color="orange_red1", bold=True)
ESTIMATE = Style(color="bright_red", italic=True)
CURSOR = Style(reverse=True, bold=True)
BLANK = Style()

Grid = list[list[tuple[str, Style]]]


def _road_char(dx: int, dy: int, road: MapRoad) -> tuple[str, Style]:
    if road.kind == "bridge":
        return ("X" if road.destroyed else "=", BROKEN if road.destroyed else BRIDGE)
    if road.kind == "track":
        return ".", TRACK
    style = HIGHWAY if road.kind == "highway" else ROAD
    if dy == 0:
        return "-", style
    if dx == 0:
        return "|", style
    return ("\\" if (dx > 0) == (dy > 0) else "/"), style


def trap_mark(traps: int | None) -> tuple[str, Style]:
    return ("?", TRAP_UNKNOWN) if traps is None else (str(traps), TRAP_KNOWN)


def abbreviation(name: str) -> str:
    """Three letters for a crowded map, past an Arabic article: al-Qaim is "Qai", not "al-"."""
    head, dash, rest = name.partition("-")
    if dash and head.lower() == "al" and rest:
        name = rest
    return name[:3]


def place_label(place: MapPlace, overlay: str | None) -> str:
    """The text beside a place's glyph: name, flags, units and the overlay's figure."""
    text = place.name + place.flags
    if place.own_units:
        text += f" +{place.own_units}u"
    if place.enemy_units:
        text += f" !{place.enemy_units}e"
    if overlay == "traps":
        text += " t" + trap_mark(place.traps)[0]
    elif overlay == "supply" and place.in_supply is not None:
        text += " [sup]" if place.in_supply else " [NO SUP]"
    elif overlay == "enemy" and place.enemy_estimate:
        text += f" {place.enemy_estimate}"
    return text


class MapView(Widget, can_focus=True):
    """The map of the known world, drawn to scale."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "cursor('left')", "Move", show=False),
        Binding("right", "cursor('right')", "Move", show=False),
        Binding("up", "cursor('up')", "Move", show=False),
        Binding("down", "cursor('down')", "Move", show=False),
        Binding("enter", "open", "Orders"),
        Binding("plus,equals_sign", "zoom(1)", "Zoom in", show=False),
        Binding("minus", "zoom(-1)", "Zoom out", show=False),
    ]

    model: reactive[MapModel | None] = reactive(None, layout=False)
    overlay: reactive[str | None] = reactive(None)
    selected: reactive[str | None] = reactive(None)
    zoom: reactive[int] = reactive(1)

    class Selected(Message):
        """The player put the cursor on a place."""

        def __init__(self, place_id: str) -> None:
            super().__init__()
            self.place_id = place_id

    class Opened(Message):
        """The player asked what can be done at the place under the cursor."""

        def __init__(self, place_id: str) -> None:
            super().__init__()
            self.place_id = place_id

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._key: object = None
        self._drawn: MapModel | None = None
        self._cells: dict[str, Cell] = {}  # the places on screen
        self._all_cells: dict[str, Cell] = {}  # every place, some off a zoomed map
        self._centre: tuple[float, float] | None = None  # (lat, lon) amid a zoomed map
        self._spans: dict[str, tuple[int, int, int]] = {}  # place: (row, first col, last col)
        self._grid: Grid = []
        self._strips: list[Strip] = []
        self._cursor_rows: dict[int, Strip] = {}
        self._cursor_key: object = None

    # --- the cursor ---------------------------------------------------------------------

    @property
    def cells(self) -> dict[str, Cell]:
        """Each place's cell at the current size (for tests and clicks)."""
        self._ensure()
        return self._cells

    def action_cursor(self, direction: str) -> None:
        self._ensure()
        cells = self._all_cells
        if not cells:
            return
        current = self.selected if self.selected in cells else next(iter(self._cells or cells))
        target = step_cursor(cells, current, direction)
        self._choose(target)

    def action_open(self) -> None:
        if self.selected is not None:
            self.post_message(self.Opened(self.selected))

    def action_zoom(self, step: int) -> None:
        index = ZOOMS.index(self.zoom) if self.zoom in ZOOMS else 0
        self.zoom = ZOOMS[min(max(index + step, 0), len(ZOOMS) - 1)]

    def watch_zoom(self, zoom: int) -> None:
        self._centre = self._lat_lon(self.selected) if zoom > 1 else None
        self.border_subtitle = f"zoom {zoom}x  +/-" if zoom > 1 else "+ zoom"
        self.refresh()

    def watch_selected(self, place_id: str | None) -> None:
        # A zoomed map follows the cursor: a place off the edge brings the view to it.
        if self.zoom > 1 and place_id is not None:
            self._ensure()
            if place_id not in self._cells:
                self._centre = self._lat_lon(place_id)
                self.refresh()

    def _lat_lon(self, place_id: str | None) -> tuple[float, float] | None:
        if self.model is None:
            return None
        for place in self.model.places:
            if place.id == place_id:
                return place.lat, place.lon
        return None

    def on_click(self, event: events.Click) -> None:
        self._ensure()
        x, y = event.x, event.y
        found = next(
            (ident for ident, (row, first, last) in self._spans.items()
             if row == y and first <= x <= last),
            None,
        ) or nearest_place(self._cells, (x, y))
        if found is None:
            return
        if found == self.selected:
            self.post_message(self.Opened(found))  # a second click opens the place
        else:
            self._choose(found)

    def _choose(self, place_id: str) -> None:
        self.selected = place_id
        self.post_message(self.Selected(place_id))

    # --- drawing ------------------------------------------------------------------------

    def watch_model(self) -> None:
        self.refresh()

    def _ensure(self) -> None:
        """Rebuild the static picture when the size, the model or the overlay changed."""
        width, height = self.size
        key = (width, height, self.overlay, self.zoom, self._centre)
        if key == self._key and self.model is self._drawn:
            return
        self._drawn = self.model
        self._key = key
        self._cursor_key = None
        model = self.model
        self._grid = [[(" ", BLANK)] * width for _ in range(height)]
        self._cells, self._all_cells, self._spans = {}, {}, {}
        if model is None or width < 4 or height < 3:
            self._strips = [Strip.blank(width) for _ in range(height)]
            return
        points = [(p.lat, p.lon) for p in model.places] + list(model.river)
        projection = Projection.fit(points, width, height)
        if self.zoom > 1 and self._centre is not None:
            projection = projection.zoomed(self.zoom, self._centre)
        self._all_cells = place_cells({p.id: (p.lat, p.lon) for p in model.places}, projection)
        self._cells = {i: c for i, c in self._all_cells.items() if projection.shows(c)}
        self._draw(model, projection)
        self._strips = [self._strip(row) for row in self._grid]

    def _put(self, x: int, y: int, char: str, style: Style) -> None:
        if 0 <= y < len(self._grid) and 0 <= x < len(self._grid[y]):
            self._grid[y][x] = (char, style)

    def _draw(self, model: MapModel, projection: Projection) -> None:
        for x, y in polyline_cells(model.river, projection):
            self._put(x, y, "~", RIVER)
        marks: list[tuple[Cell, str, Style]] = []
        ends = self._all_cells
        for road in model.roads:
            if road.a not in ends or road.b not in ends:
                continue
            cells = line_cells(ends[road.a], ends[road.b])[1:-1]
            for index, (x, y) in enumerate(cells):
                px, py = cells[index - 1] if index else ends[road.a]
                char, style = _road_char(x - px, y - py, road)
                if self.overlay == "supply" and road.in_supply and road.kind != "bridge":
                    style = SUPPLIED
                self._put(x, y, char, style)
            if cells:
                mark, style = trap_mark(road.traps)
                if road.traps == 0 and self.overlay != "traps":
                    continue  # a cleared road needs no figure except on the traps overlay
                marks.append((cells[len(cells) // 2], mark, style))
        for (x, y), mark, style in marks:
            self._put(x, y, mark, style)
        shown = [place for place in model.places if place.id in self._cells]
        glyphs = set(self._cells.values())
        for place in shown:
            x, y = self._cells[place.id]
            self._put(x, y, place.glyph, CONTROL.get(place.control, CONTROL["unknown"]))
        for place in shown:
            self._label(place, glyphs)

    def _label(self, place: MapPlace, glyphs: set[Cell]) -> None:
        x, y = self._cells[place.id]
        width = len(self._grid[0])
        full = place_label(place, self.overlay)
        style = LABEL
        if self.overlay == "supply" and place.in_supply is not None:
            style = SUPPLIED if place.in_supply else UNSUPPLIED
        elif self.overlay == "enemy" and place.enemy_estimate:
            style = ESTIMATE
        for text in (full, place.name + place.flags, abbreviation(place.name)):
            for start in (x + 2, x - 1 - len(text)):
                span = range(start - 1, start + len(text) + 1)
                if start < 0 or start + len(text) > width:
                    continue
                if any((c, y) in glyphs for c in span if c != x) or self._labelled(y, span):
                    continue
                for offset, char in enumerate(text):
                    self._put(start + offset, y, char, style)
                self._spans[place.id] = (y, min(x, start), max(x, start + len(text) - 1))
                return
        self._spans[place.id] = (y, x, x)

    def _labelled(self, y: int, span: range) -> bool:
        return any(
            row == y and not (last < span.start or first >= span.stop)
            for row, first, last in self._spans.values()
        )

    @staticmethod
    def _strip(row: list[tuple[str, Style]]) -> Strip:
        segments: list[Segment] = []
        text, style = "", None
        for char, cell_style in row:
            if cell_style is style:
                text += char
            else:
                if text:
                    segments.append(Segment(text, style))
                text, style = char, cell_style
        if text:
            segments.append(Segment(text, style))
        return Strip(segments, len(row))

    def render_line(self, y: int) -> Strip:
        self._ensure()
        if y >= len(self._strips):
            return Strip.blank(self.size.width)
        cursor_key = (self._key, id(self._grid), self.selected)
        if cursor_key != self._cursor_key:
            self._cursor_key = cursor_key
            self._cursor_rows = {}
            span = self._spans.get(self.selected or "")
            if span is not None:
                row, first, last = span
                cells = list(self._grid[row])
                for x in range(first, last + 1):
                    char, style = cells[x]
                    cells[x] = (char, style + CURSOR)
                self._cursor_rows[row] = self._strip(cells)
        return self._cursor_rows.get(y, self._strips[y])
