"""Where the map puts each place's marker and name, at one size: no Textual.

`frame_of` projects a `MapModel` on a grid and ranks its places; `place_all`
gives each place, in rank order, a cell for its marker and room for its name.
`game.tui.map_picture` draws the result (`layout_map` does both); the widget
only colours it; the tests read it.

What it promises, at every size (`game.tui.map_picture.problems` checks it):
- a name sits on its marker's row, one blank away from it, and keeps two cells
  from any other name and from any other marker: which letter a name belongs
  to is never in doubt, and nothing overwrites anything;
- markers never touch, so each road drawn has a cell of its own; a bridge keeps
  one that no name covers, for its `=` (or `X`, destroyed);
- objectives come first: their marker and their name in full, with the `*`;
- then the places that matter most (units, the front, supply), then the rest
  by population; a place that finds no room near its position is drawn
  without a name, or not at all (crowded ground: zoom in), and the map says
  how many.

The projection (`game.tui.projection`) has already spread crowded ground and
squeezed empty ground while keeping every direction; the placement here only
nudges a marker a few cells to find room for its name.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache

from game.engine.record import record
from game.tui.projection import (
    CELL_ASPECT,
    OUTSIDE_RANK,
    OUTSIDE_RANK_ZOOMED,
    Cell,
    Projection,
    Window,
    bounds,
    line_cells,
    window_around,
)
from game.tui.widgets.map_model import MapModel, MapPlace, label_texts

# How far a marker may move from its place's position to find room for its name:
# (rows, columns) for objectives, for the places that matter, for the rest. An
# objective that finds no room there looks over the whole map.
REACH_OBJECTIVE = (4, 10)
REACH_MATTERS = (3, 6)
REACH_OTHER = (2, 4)
# How many places that found room for a marker but not for a name look a little
# farther (REACH_OBJECTIVE) for both, in order of rank.
FARTHER_TRIES = 12


@record
class Label:
    """A place's name as drawn: on `row`, from column `first`, the text."""

    place: str
    row: int
    first: int
    text: str

    @property
    def last(self) -> int:
        return self.first + len(self.text) - 1


@record
class Frame:
    """What a layout keeps from one overlay to the next: the grid's size, the
    projection, each place's position in the order places get room, and the bridges
    at each place (all independent of the overlay)."""

    width: int
    height: int
    focus: Window  # the ground given most of the map
    projection: Projection
    origins: tuple[tuple[MapPlace, Cell], ...]  # by rank
    bridges: dict[str, tuple[tuple[str, str], ...]]  # place: ((road, other end), ...)
    front: frozenset[str]


@record
class Placement:
    """Where each place went: markers, names, the blank cells around names and the
    cell kept for each bridge's sign."""

    cells: dict[str, Cell]
    labels: dict[str, Label]
    blanks: frozenset[Cell]  # the gap between a marker and its name, and the far side
    signs: dict[str, Cell]  # bridge: the cell for its sign
    hidden: int


# --- which ground matters ---------------------------------------------------------------


def front_places(model: MapModel) -> frozenset[str]:
    """Places held by one side with a road to a place held by the other: the front."""
    control = {p.id: p.control for p in model.places}
    front: set[str] = set()
    for road in model.roads:
        a, b = control.get(road.a), control.get(road.b)
        if a is not None and b is not None and a != b:
            front.update((road.a, road.b))
    return frozenset(front)


def focus_window(model: MapModel, front: frozenset[str] | None = None) -> Window:
    """The ground where the fighting is: the objectives, the places with units and the
    front, with a margin; the whole map when none of these exists."""
    front = front_places(model) if front is None else front
    points = [
        (p.lat, p.lon)
        for p in model.places
        if p.objective or p.own_units or p.enemy_units or p.id in front
    ] or [(p.lat, p.lon) for p in model.places]
    if not points:
        return 0.0, 0.0, 0.0, 0.0
    south, west, north, east = bounds(points)
    pad_lat, pad_lon = (north - south) * 0.03, (east - west) * 0.03
    return south - pad_lat, west - pad_lon, north + pad_lat, east + pad_lon


def ranked(model: MapModel, front: frozenset[str]) -> list[MapPlace]:
    """The places in the order they get room: objectives, then where units stand, the
    front, supply, then by population; the scenario's order breaks ties."""
    order = {p.id: i for i, p in enumerate(model.places)}

    def key(p: MapPlace) -> tuple[bool, bool, bool, bool, int, int]:
        return (
            not p.objective,
            not (p.own_units or p.enemy_units),
            p.id not in front,
            not (p.supply_source or p.depot),
            -p.population,
            order[p.id],
        )

    return sorted(model.places, key=key)


def frame_of(
    model: MapModel,
    width: int,
    height: int,
    zoom: int = 1,
    centre: tuple[float, float] | None = None,
) -> Frame:
    """The projection of `model` on a width x height grid, favouring the fighting
    ground, or `zoom` times closer around the (lat, lon) `centre`."""
    front = front_places(model)
    focus = focus_window(model, front)
    outside = OUTSIDE_RANK
    if zoom > 1 and centre is not None:
        world = bounds((p.lat, p.lon) for p in model.places)
        focus, outside = window_around(centre, focus, zoom, world), OUTSIDE_RANK_ZOOMED
    # Names mostly go right of their markers: the eastmost places keep some room.
    projection = Projection.fit(
        [(p.lat, p.lon) for p in model.places], width, height,
        focus=focus, extra=model.river, right=min(8, width // 8), outside_rank=outside,
    )
    order = ranked(model, front)
    origins = tuple(zip(order, projection.cells_of([(p.lat, p.lon) for p in order]), strict=True))
    bridges: dict[str, list[tuple[str, str]]] = {}
    for road in model.roads:
        if road.kind == "bridge":
            bridges.setdefault(road.a, []).append((road.id, road.b))
            bridges.setdefault(road.b, []).append((road.id, road.a))
    return Frame(width, height, focus, projection, origins,
                 {k: tuple(v) for k, v in bridges.items()}, front)


# --- the placement ----------------------------------------------------------------------


@cache
def _offsets(rows: int, columns: int) -> tuple[Cell, ...]:
    """Moves within reach, nearest first (a row counts as two columns)."""
    moves = [(dx, dy) for dy in range(-rows, rows + 1) for dx in range(-columns, columns + 1)]
    moves.sort(key=lambda m: (abs(m[1]) * CELL_ASPECT + abs(m[0]), abs(m[1]), m[1], m[0]))
    return tuple(moves)


def _sides(x: int, length: int) -> Iterator[tuple[int, int, int]]:
    """A name right of its marker, then left of it: (first, last, gap column)."""
    yield x + 2, x + 1 + length, x + 1
    yield x - 1 - length, x - 2, x - 1


class _Room:
    """Which cells are taken: markers (and the ring around each), names with their
    gaps, and the cells kept for bridges' signs."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.marker = bytearray(width * height)
        self.label = bytearray(width * height)  # a name or its gap
        self.sign = bytearray(width * height)
        # Where no marker may go: next to a marker, on a sign, within two cells of a
        # name on its row; and how many cells are still open (none: the map is full).
        self.blocked = bytearray(width * height)
        self.open = width * height
        self.where: dict[Cell, tuple[float, float]] = {}  # each marker's place (lat, lon)

    def neighbours(self, origin: Cell, reach: tuple[int, int]) -> list[tuple[Cell, float, float]]:
        """The markers placed around `origin`, a little beyond `reach`."""
        x0, y0 = origin
        rows, columns = reach[0] + 2, reach[1] + 3
        if (2 * rows + 1) * (2 * columns + 1) > len(self.where):
            return [(cell, lat, lon) for cell, (lat, lon) in self.where.items()
                    if abs(cell[0] - x0) <= columns and abs(cell[1] - y0) <= rows]
        out = []
        for y in range(y0 - rows, y0 + rows + 1):
            for x in range(x0 - columns, x0 + columns + 1):
                hit = self.where.get((x, y))
                if hit is not None:
                    out.append(((x, y), hit[0], hit[1]))
        return out

    def marker_cells(
        self, origin: Cell, offsets: Sequence[Cell], reach: tuple[int, int]
    ) -> list[Cell]:
        """The cells at `offsets` (within `reach`) from `origin` where a marker fits, in
        their order. On a crowded map most places find none: a scan of the rows in C
        says so before any cell is looked at in Python."""
        x0, y0 = origin
        width, height, blocked = self.width, self.height, self.blocked
        left, right = max(x0 - reach[1], 0), min(x0 + reach[1] + 1, width)
        if left >= right or not any(
            blocked.find(0, y * width + left, y * width + right) >= 0
            for y in range(max(y0 - reach[0], 0), min(y0 + reach[0] + 1, height))
        ):
            return []
        return [
            (x, y)
            for dx, dy in offsets
            if 0 <= (x := x0 + dx) < width and 0 <= (y := y0 + dy) < height
            and not blocked[y * width + x]
        ]

    def _block(self, start: int, stop: int) -> None:
        blocked = self.blocked
        for i in range(start, stop):
            if not blocked[i]:
                blocked[i] = 1
                self.open -= 1

    def label_fits(self, y: int, first: int, last: int) -> bool:
        """A name and its gap over [first, last], two cells from any other name, marker
        (its own is not placed yet) or bridge sign."""
        if first < 0 or last >= self.width:
            return False
        row = y * self.width
        lo, hi = row + max(first - 2, 0), row + min(last + 3, self.width)
        return not (any(self.label[lo:hi]) or any(self.marker[lo:hi]) or any(self.sign[lo:hi]))

    def free(self, x: int, y: int, span: tuple[int, int, int] | None) -> bool:
        """A cell a bridge's sign can use: nothing on it, not under the name being placed."""
        i = y * self.width + x
        if self.marker[i] or self.label[i] or self.sign[i]:
            return False
        return span is None or y != span[0] or not span[1] - 2 <= x <= span[2] + 2

    def sign_cell(
        self, cell: Cell, other: Cell, span: tuple[int, int, int] | None = None
    ) -> Cell | None:
        """The free cell nearest the middle of the road from `cell` to `other`."""
        inner = line_cells(cell, other)[1:-1]
        middle = (len(inner) - 1) / 2
        best: tuple[float, Cell] | None = None
        for index, (x, y) in enumerate(inner):
            if self.free(x, y, span):
                distance = abs(index - middle)
                if best is None or distance < best[0]:
                    best = (distance, (x, y))
        return None if best is None else best[1]

    def take_marker(self, x: int, y: int, place: MapPlace) -> None:
        self.where[(x, y)] = (place.lat, place.lon)
        self.marker[y * self.width + x] = 1
        for ny in range(max(y - 1, 0), min(y + 2, self.height)):
            row = ny * self.width
            self._block(row + max(x - 1, 0), row + min(x + 2, self.width))

    def take_label(self, y: int, first: int, last: int) -> None:
        row = y * self.width
        for x in range(first, last + 1):
            self.label[row + x] = 1
        self._block(row + max(first - 2, 0), row + min(last + 3, self.width))

    def take_sign(self, x: int, y: int) -> None:
        self.sign[y * self.width + x] = 1
        self._block(y * self.width + x, y * self.width + x + 1)


@record
class _Spot:
    """Where a place goes: its marker's cell, and its name's first column and text
    (None: the marker alone)."""

    cell: Cell
    first: int | None = None
    text: str = ""


def _misplaced(cell: Cell, place: MapPlace, around: list[tuple[Cell, float, float]]) -> int:
    """How many markers nearby a marker at `cell` would show in the wrong direction
    (a place truly north of another drawn below it, or east drawn left)."""
    x, y = cell
    return sum(
        1
        for (qx, qy), lat, lon in around
        if (place.lat > lat and y > qy) or (place.lat < lat and y < qy)
        or (place.lon > lon and x < qx) or (place.lon < lon and x > qx)
    )


def _spot(
    room: _Room,
    place: MapPlace,
    origin: Cell,
    texts: Sequence[str],
    reach: tuple[int, int],
    ends: list[Cell],
) -> _Spot | None:
    """Room near `origin` for a marker and the first text that fits, where each bridge
    to a place already drawn (`ends`) keeps a cell for its sign; else room for the
    marker alone; else None. Cells that keep the directions to the places around
    come first, then the nearest."""
    free = room.marker_cells(origin, _offsets(*reach), reach)
    if not free:
        return None
    around = room.neighbours(origin, reach)
    if around:
        free.sort(key=lambda cell: _misplaced(cell, place, around))
    for text in texts:
        for x, y in free:
            for first, last, gap in _sides(x, len(text)):
                lo, hi = min(first, gap), max(last, gap)
                if room.label_fits(y, lo, hi) and all(
                    room.sign_cell((x, y), end, (y, lo, hi)) for end in ends
                ):
                    return _Spot((x, y), first, text)
    if place.objective and ends:  # an objective's name before a bridge's sign
        return _spot(room, place, origin, texts, reach, [])
    for cell in free:
        if all(room.sign_cell(cell, end) for end in ends):
            return _Spot(cell)
    return _Spot(free[0])


def place_all(frame: Frame, overlay: str | None) -> Placement:
    """Each place in order of rank gets the nearest room for its marker and longest name."""
    room = _Room(frame.width, frame.height)
    cells: dict[str, Cell] = {}
    labels: dict[str, Label] = {}
    blanks: set[Cell] = set()
    signs: dict[str, Cell] = {}
    full: set[Cell] = set()  # origins where a place already found no room
    hidden = 0
    farther_tries = FARTHER_TRIES
    for place, origin in frame.origins:
        if not place.objective and (origin in full or not room.open):
            hidden += 1
            continue
        if place.objective:
            reach = REACH_OBJECTIVE
        elif (place.own_units or place.enemy_units or place.id in frame.front
              or place.supply_source or place.depot):
            reach = REACH_MATTERS
        else:
            reach = REACH_OTHER
        links = [(road, cells[end]) for road, end in frame.bridges.get(place.id, ())
                 if end in cells]
        ends = [end for _, end in links]
        texts = label_texts(place, overlay)
        spot = _spot(room, place, origin, texts, reach, ends)
        if place.objective and (spot is None or spot.first is None):
            # An objective's name is never the one dropped: look over the whole map.
            wide = (frame.height, frame.width)
            spot = _spot(room, place, origin, texts, wide, ends) or spot
        elif (spot is not None and spot.first is None and reach != REACH_OBJECTIVE
              and farther_tries > 0):
            # Room for the marker but not the name: a little farther, a name with it
            # (for the first few such places by rank: a crowded map has hundreds).
            farther_tries -= 1
            farther = _spot(room, place, origin, texts, REACH_OBJECTIVE, ends)
            if farther is not None and farther.first is not None:
                spot = farther
        if spot is None:
            hidden += 1
            full.add(origin)
            continue
        x, y = spot.cell
        room.take_marker(x, y, place)
        cells[place.id] = spot.cell
        if spot.first is not None:
            first, last = spot.first, spot.first + len(spot.text) - 1
            gap, halo = (x + 1, last + 1) if first > x else (x - 1, first - 1)
            room.take_label(y, min(first, gap), max(last, gap))
            labels[place.id] = Label(place.id, y, first, spot.text)
            blanks.add((gap, y))
            if 0 <= halo < frame.width:  # the name's far side stays blank
                blanks.add((halo, y))
        for road, end in links:
            sign = room.sign_cell(spot.cell, end)
            if sign is not None:
                room.take_sign(*sign)
                signs[road] = sign
    return Placement(cells, labels, frozenset(blanks), signs, hidden)
