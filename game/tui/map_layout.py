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

from collections.abc import Callable, Iterator, Sequence
from functools import cache

from game.engine.record import record
from game.tui.map_room import Room
from game.tui.projection import (
    CELL_ASPECT,
    OUTSIDE_RANK,
    OUTSIDE_RANK_ZOOMED,
    Cell,
    Projection,
    Window,
    bounds,
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


@record
class _Spot:
    """Where a place goes: its marker's cell, and its name's first column and text
    (None: the marker alone)."""

    cell: Cell
    first: int | None = None
    text: str = ""


def _misplaced(place: MapPlace, around: list[tuple[Cell, float, float]]) -> Callable[[Cell], int]:
    """How many markers nearby a marker of `place` at a cell would show in the wrong
    direction (a place truly north of another drawn below it, or east drawn left): a
    function of the cell, each neighbour's directions worked out once."""
    lat0, lon0 = place.lat, place.lon
    # Each neighbour: its cell, and +1, -1 or 0 as `place` is north (east) of it, south
    # (west) of it, or level: wrong when the cells say the opposite.
    signs = [(qx, qy, (lat0 > lat) - (lat0 < lat), (lon0 > lon) - (lon0 < lon))
             for (qx, qy), lat, lon in around]

    def count(cell: Cell) -> int:
        x, y = cell
        wrong = 0
        for qx, qy, north, east in signs:
            if north * (y - qy) > 0 or east * (qx - x) > 0:
                wrong += 1
        return wrong

    return count


def _by_direction(free: Iterator[Cell], count: Callable[[Cell], int]) -> Iterator[Cell]:
    """The cells of `free` by `count` (how many directions they show wrong), fewest first,
    in their order otherwise, as a stable sort gives them; worked out as they are read:
    the cells that show none come as they are found, and a place mostly takes the first."""
    cells: list[Cell] = []
    counts: list[int] = []
    for cell in free:
        wrong = count(cell)
        cells.append(cell)
        counts.append(wrong)
        if not wrong:
            yield cell
    for level in sorted(set(counts) - {0}):
        yield from (cell for cell, wrong in zip(cells, counts, strict=True) if wrong == level)


class _Again:
    """The cells of an iterator, read again as often as asked: each is worked out once."""

    def __init__(self, cells: Iterator[Cell]) -> None:
        self._cells = cells
        self._read: list[Cell] = []

    def __iter__(self) -> Iterator[Cell]:
        read = self._read
        index = 0
        while True:
            if index < len(read):
                yield read[index]
            else:
                cell = next(self._cells, None)
                if cell is None:
                    return
                read.append(cell)
                yield cell
            index += 1


def _spot(
    room: Room,
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
    found = room.marker_cells(origin, _offsets(*reach), reach)
    if found is None:
        return None
    around = room.neighbours(origin, reach)
    free = _Again(_by_direction(found, _misplaced(place, around)) if around else found)
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
    return _Spot(next(iter(free)))


# The last frame's placement without an overlay: every overlay of it starts there.
_BASE: list[tuple[Frame, Placement]] = []


def place_all(frame: Frame, overlay: str | None) -> Placement:
    """Where each place goes with an overlay's figures. The markers (and bridges' signs)
    go where they go without one, so toggling an overlay never moves a place; each name
    then takes its overlay's figure where there is room for it."""
    if _BASE and _BASE[0][0] is frame:
        base = _BASE[0][1]
    else:
        base = _place_markers_and_names(frame)
        _BASE[:] = [(frame, base)]
    return base if overlay is None else _relabel(frame, base, overlay)


def _relabel(frame: Frame, base: Placement, overlay: str) -> Placement:
    """The names of `base` with an overlay's figures, the markers where they are: in order
    of rank, each name takes the longest text that fits beside its marker (either side),
    else keeps the name it had (its room is kept for it until then)."""
    room = Room(frame.width, frame.height)
    places = {place.id: place for place, _ in frame.origins}
    for place_id, (x, y) in base.cells.items():
        room.take_marker(x, y, places[place_id])
    for x, y in base.signs.values():
        room.take_sign(x, y)
    for label in base.labels.values():
        x, _ = base.cells[label.place]
        room.take_label(label.row, *_span(x, label.first, label.last))
    labels: dict[str, Label] = {}
    blanks: set[Cell] = set()
    width = frame.width
    for place, _ in frame.origins:
        cell = base.cells.get(place.id)
        if cell is None:
            continue
        x, y = cell
        kept = base.labels.get(place.id)
        if kept is not None:
            room.free_label(y, *_span(x, kept.first, kept.last))
        room.marker[y * width + x] = 0  # its own marker is no other's: not in the way
        # A name whole with the figure, else the name as it was: never cut for a figure.
        whole = kept is None or kept.text.startswith(place.name)
        texts = [text for text in label_texts(place, overlay)
                 if text.startswith(place.name) or not whole]
        found = next(((first, text) for text in texts
                      for first, last, gap in _sides(x, len(text))
                      if room.label_fits(y, min(first, gap), max(last, gap))), None)
        room.marker[y * width + x] = 1
        if found is None and kept is not None:
            found = (kept.first, kept.text)
        if found is None:
            continue
        first, text = found
        last = first + len(text) - 1
        room.take_label(y, *_span(x, first, last))
        labels[place.id] = Label(place.id, y, first, text)
        gap, halo = (x + 1, last + 1) if first > x else (x - 1, first - 1)
        blanks.add((gap, y))
        if 0 <= halo < width:
            blanks.add((halo, y))
    return Placement(base.cells, labels, frozenset(blanks), base.signs, base.hidden)


def _span(x: int, first: int, last: int) -> tuple[int, int]:
    """A name's cells with the gap to its marker at `x`: (first, last)."""
    gap = x + 1 if first > x else x - 1
    return min(first, gap), max(last, gap)


def _place_markers_and_names(frame: Frame) -> Placement:
    """Each place in order of rank gets the nearest room for its marker and longest name."""
    overlay = None
    room = Room(frame.width, frame.height)
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
