"""The map: places, the river, roads, a cursor, three overlays.

Attributes down: the screen sets `model` (a `MapModel`), `overlay` and
`selected`. Messages up: `MapView.Selected` when the player moves the cursor
or clicks a place, `MapView.Opened` when the player presses enter on it (or
clicks it again). `+` and `-` zoom around the cursor, and a zoomed map follows
the cursor. What goes where is `game.tui.map_picture`'s; this widget colours
it. Every line is a cached `Strip`: the frame (projection and ranks) is built
once per size, model and zoom, the picture once per overlay more, and a cursor
move rebuilds one row.
"""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from game.tui import map_picture as pic
from game.tui.map_layout import Frame, frame_of
from game.tui.map_picture import MapLayout
from game.tui.projection import Cell, nearest_place, step_cursor
from game.tui.widgets.map_model import WIDE_TAIL, MapModel

OVERLAYS = ("supply", "traps", "enemy")
ZOOMS = (1, 2, 4)

STYLES: dict[str, Style] = {
    pic.BLANK: Style(),
    pic.RIVER: Style(color="dodger_blue2"),
    "road": Style(color="grey62"),
    "highway": Style(color="grey85", bold=True),
    "track": Style(color="grey50"),
    "bridge": Style(color="cyan", bold=True),
    pic.BROKEN: Style(color="bright_red", bold=True),
    pic.SUPPLIED: Style(color="green3"),
    pic.TRAP_KNOWN: Style(color="orange1", bold=True),
    pic.TRAP_UNKNOWN: Style(color="magenta"),
    pic.MARKERS["own"]: Style(color="green3", bold=True),
    pic.MARKERS["enemy"]: Style(color="bright_red", bold=True),
    pic.MARKERS["unknown"]: Style(color="yellow", bold=True),
    pic.LABEL: Style(color="grey89"),
    pic.LABEL_SUPPLIED: Style(color="green3"),
    pic.LABEL_UNSUPPLIED: Style(color="orange_red1", bold=True),
    pic.LABEL_ESTIMATE: Style(color="bright_red", italic=True),
}
CURSOR = Style(reverse=True, bold=True)


def strip_of(chars: str, kinds: tuple[str, ...], cursor: tuple[int, int] | None = None) -> Strip:
    """One row as segments, a segment a run of one kind; `cursor` (first, last columns)
    is shown reversed."""
    segments: list[Segment] = []
    wide = WIDE_TAIL in chars  # a wide character's second cell: drawn by the first
    width = len(chars)
    # The row in spans, the cursor's its own; each span's runs found in C (`groupby`): a
    # row is mostly a few long ones.
    spans = ((0, width, False),) if cursor is None else (
        (0, cursor[0], False), (cursor[0], cursor[1] + 1, True), (cursor[1] + 1, width, False))
    for begin, stop, under in spans:
        start = begin
        for kind, run in groupby(kinds[begin:stop]):
            end = start + len(list(run))
            style = STYLES.get(kind, STYLES[pic.BLANK])
            text = chars[start:end]
            segments.append(Segment(text.replace(WIDE_TAIL, "") if wide else text,
                                    style + CURSOR if under else style))
            start = end
    return Strip(segments, width)


class MapView(Widget, can_focus=True):
    """The map of the known world: directions kept, crowded ground spread out."""

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
    # The cursor repaints only the names it leaves and enters (see watch_selected).
    selected: reactive[str | None] = reactive(None, repaint=False)
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
        self._frame_key: object = None
        self._frame: Frame | None = None
        self._frame_model: MapModel | None = None
        # The pictures of the current frame by overlay: toggling one back is free.
        self._pictures: dict[str | None, tuple[MapLayout, list[Strip]]] = {}
        self._layout: MapLayout | None = None
        self._strips: list[Strip] = []
        self._centre: tuple[float, float] | None = None  # (lat, lon) amid a zoomed map
        # The cursor's row: (picture, place, row, strip) as last drawn.
        self._cursor: tuple[MapLayout, str | None, int, Strip] | None = None

    # --- the cursor ---------------------------------------------------------------------

    @property
    def picture(self) -> MapLayout | None:
        """The picture at the current size, zoom and overlay (for tests and clicks)."""
        return self._ensure()

    @property
    def cells(self) -> dict[str, Cell]:
        """Each drawn place's marker cell at the current size."""
        layout = self._ensure()
        return {} if layout is None else layout.cells

    def action_cursor(self, direction: str) -> None:
        cells = self.cells
        if not cells:
            return
        current = self.selected if self.selected in cells else next(iter(cells))
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
        self._repicture()

    def watch_selected(self, old: str | None, new: str | None) -> None:
        # A zoomed map follows the cursor: a place outside the close-up brings it there.
        if self.zoom > 1 and new is not None and self._frame is not None:
            where = self._lat_lon(new)
            south, west, north, east = self._frame.focus
            if where is not None and not (south <= where[0] <= north and west <= where[1] <= east):
                self._centre = where
                self._repicture()
                return
        layout = self._layout
        if layout is None:
            self.refresh()
            return
        spans = [span for place in (old, new) if place and (span := layout.span(place))]
        self.refresh(*(Region(first, row, last - first + 1, 1) for row, first, last in spans))

    def _lat_lon(self, place_id: str | None) -> tuple[float, float] | None:
        if self.model is None or place_id is None:
            return None
        place = self.model.find(place_id)
        return None if place is None else (place.lat, place.lon)

    def on_click(self, event: events.Click) -> None:
        layout = self._ensure()
        if layout is None:
            return
        found = next(
            (ident for ident in layout.cells
             if (span := layout.span(ident)) is not None
             and span[0] == event.y and span[1] <= event.x <= span[2]),
            None,
        ) or nearest_place(layout.cells, (event.x, event.y))
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
        self._repicture()

    def watch_overlay(self) -> None:
        self._repicture()

    def _repicture(self) -> None:
        """A new picture now, its subtitle with it, in the frame that shows it."""
        if self.is_mounted:
            self._ensure()
            self._subtitle()
        self.refresh()

    def _subtitle(self) -> None:
        zoom = f"zoom {self.zoom}x  +/-" if self.zoom > 1 else "+ zoom"
        layout = self._layout
        hidden = layout.hidden if layout is not None else 0
        self.border_subtitle = f"{hidden} more: zoom in · {zoom}" if hidden else zoom

    def _ensure(self) -> MapLayout | None:
        """The picture, rebuilt when the size, the model, the zoom or the overlay changed."""
        width, height = self.size
        model = self.model
        if model is None or width < 4 or height < 3:
            self._layout, self._strips = None, [Strip.blank(width) for _ in range(height)]
            return None
        frame_key = (width, height, self.zoom, self._centre)
        if self._frame is None or frame_key != self._frame_key or model is not self._frame_model:
            self._frame = frame_of(model, width, height, self.zoom, self._centre)
            self._frame_key, self._frame_model = frame_key, model
            self._pictures = {}
        picture = self._pictures.get(self.overlay)
        if picture is None:
            layout = pic.draw(self._frame, model, self.overlay)
            strips = [strip_of(r, k) for r, k in zip(layout.chars, layout.kinds, strict=True)]
            picture = self._pictures[self.overlay] = (layout, strips)
        if picture[0] is not self._layout:
            self._layout, self._strips = picture
            self.call_later(self._subtitle)  # set after this paint when a resize redrew it
        return self._layout

    def render_line(self, y: int) -> Strip:
        layout = self._ensure()
        if layout is None or y >= len(self._strips):
            return Strip.blank(self.size.width)
        cursor = self._cursor
        if cursor is None or cursor[0] is not layout or cursor[1] != self.selected:
            span = layout.span(self.selected) if self.selected else None
            if span is None:
                cursor = (layout, self.selected, -1, Strip.blank(0))
            else:
                row, first, last = span
                strip = strip_of(layout.chars[row], layout.kinds[row], (first, last))
                cursor = (layout, self.selected, row, strip)
            self._cursor = cursor
        return cursor[3] if cursor[2] == y else self._strips[y]
