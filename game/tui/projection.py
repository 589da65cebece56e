"""Latitude/longitude to terminal cells, and the cursor's moves between places.

Pure functions, no Textual: the map's layout, the map widget and the tests share them.

The map is drawn to a *varying* scale that keeps every direction: each axis
is warped on its own by a monotone function, so a place west of another is
drawn left of it (or in the same column) and a place north of another above
it. A third of each axis is given to true distance, the rest is shared evenly
between the gaps from one place to the next. So the al-Qaim group (four towns
13 km apart) gets the columns and rows its names need, while empty desert
shrinks; a road's length is read in the details panel, not measured on the
screen.

The true half favours a *focus*, the window of ground that matters (the front,
the objectives, the units; or the zoomed window): distance outside it counts
for little, and its places are squeezed into the map's margins, still drawn and
still reachable by the cursor.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise

from game.engine.record import record

CELL_ASPECT = 2.0  # a cell's height over its width
DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}

TRUE_SHARE = 0.35  # of each axis, given to true distance; the rest to the order of places
OUTSIDE_TRUE = 0.04  # the weight of a degree outside the focus, against one inside
OUTSIDE_RANK = 0.5  # the weight of a gap between places outside the focus
OUTSIDE_RANK_ZOOMED = 0.1  # the same on a zoomed map: the close-up takes the room

Cell = tuple[int, int]
Window = tuple[float, float, float, float]  # south, west, north, east (degrees)


@record
class AxisWarp:
    """One axis: a monotone, piecewise-linear map from a coordinate to a cell position.

    `knots` are sorted coordinates, `positions` their cell positions (non-decreasing);
    between two knots a coordinate is placed in proportion; beyond the ends it is
    placed at the slope of the focus, so points off the map keep their direction."""

    knots: tuple[float, ...]
    positions: tuple[float, ...]
    slope: float  # cells per unit beyond the ends

    def at(self, value: float) -> float:
        knots, positions = self.knots, self.positions
        if value <= knots[0]:
            return positions[0] - (knots[0] - value) * self.slope
        if value >= knots[-1]:
            return positions[-1] + (value - knots[-1]) * self.slope
        i = bisect_right(knots, value) - 1
        low, high = knots[i], knots[i + 1]
        share = (value - low) / (high - low)
        return positions[i] + share * (positions[i + 1] - positions[i])

    @classmethod
    def build(
        cls,
        places: Iterable[float],
        extra: Iterable[float],
        focus: tuple[float, float],
        start: float,
        length: float,
        outside_rank: float = OUTSIDE_RANK,
    ) -> AxisWarp:
        """The warp of the coordinates of `places` (and of `extra` points, such as the
        river's, which take no share of their own) onto [start, start + length]."""
        place_values = sorted(set(places))
        knots = sorted(set(place_values).union(extra))
        if not knots:
            return cls((0.0,), (start + length / 2,), 1.0)
        lo, hi = focus
        if hi <= lo:
            lo, hi = knots[0], knots[-1]
        # The true half: distance inside the focus counts fully, outside it little.
        true_at = [0.0]
        for a, b in pairwise(knots):
            inside = max(0.0, min(b, hi) - max(a, lo))
            true_at.append(true_at[-1] + inside + (b - a - inside) * OUTSIDE_TRUE)
        # The even half: one step from each place to the next, less outside the focus,
        # spread over the knots between them by true distance.
        rank_at = _rank_positions(knots, place_values, lo, hi, outside_rank)
        true_total, rank_total = true_at[-1], rank_at[-1]
        true_share = TRUE_SHARE if rank_total > 0 else 1.0
        if true_total <= 0:
            true_share = 0.0 if rank_total > 0 else true_share
        positions: list[float] = []
        for t, r in zip(true_at, rank_at, strict=True):
            share = 0.0
            if true_total > 0:
                share += true_share * t / true_total
            if rank_total > 0:
                share += (1 - true_share) * r / rank_total
            positions.append(start + length * share)
        if len(knots) == 1 or (true_total <= 0 and rank_total <= 0):
            positions = [start + length / 2] * len(knots)
        span = hi - lo
        slope = length / span if span > 0 else length
        return cls(tuple(knots), tuple(positions), slope)


def _rank_positions(
    knots: Sequence[float], places: Sequence[float], lo: float, hi: float, outside: float
) -> list[float]:
    """Each knot's share of the even half: a step a gap between consecutive places
    (both lists sorted, `places` within `knots`)."""
    if len(places) < 2:
        return [0.0] * len(knots)
    out: list[float] = []
    step = 0.0  # the share at places[i]
    i = 0
    last = len(places) - 1
    for value in knots:
        while i < last and places[i + 1] <= value:
            middle = (places[i] + places[i + 1]) / 2
            step += 1.0 if lo <= middle <= hi else outside
            i += 1
        if value <= places[0]:
            out.append(0.0)
        elif i >= last:
            out.append(step)
        else:
            a, b = places[i], places[i + 1]
            weight = 1.0 if lo <= (a + b) / 2 <= hi else outside
            out.append(step + weight * (value - a) / (b - a))
    return out


@record
class Projection:
    """Maps (lat, lon) into a width x height grid of cells: one warp per axis, north up."""

    x: AxisWarp  # over longitude
    y: AxisWarp  # over minus latitude: north up
    width: int
    height: int

    @classmethod
    def fit(
        cls,
        places: Sequence[tuple[float, float]],
        width: int,
        height: int,
        *,
        focus: Window | None = None,
        extra: Sequence[tuple[float, float]] = (),
        left: int = 1,
        right: int = 1,
        outside_rank: float = OUTSIDE_RANK,
    ) -> Projection:
        """The warp of `places` (lat, lon) onto the grid, `left` and `right` columns
        kept free, favouring `focus` (default: the places' own bounds); `extra` points
        are placed too."""
        if focus is None:
            focus = bounds(places) if places else (0.0, 0.0, 0.0, 0.0)
        south, west, north, east = focus
        usable_w = max(width - left - right - 1, 0)
        usable_h = max(height - 1, 0)
        x = AxisWarp.build(
            (lon for _, lon in places), (lon for _, lon in extra), (west, east),
            left, usable_w, outside_rank,
        )
        y = AxisWarp.build(
            (-lat for lat, _ in places), (-lat for lat, _ in extra), (-north, -south),
            0, usable_h, outside_rank,
        )
        return cls(x, y, width, height)

    def cells_of(self, points: Sequence[tuple[float, float]]) -> list[Cell]:
        """The cells of many points at once: those the warp was built on are looked up,
        not searched for."""
        xs = dict(zip(self.x.knots, self.x.positions, strict=True))
        ys = dict(zip(self.y.knots, self.y.positions, strict=True))
        out: list[Cell] = []
        for lat, lon in points:
            fx, fy = xs.get(lon), ys.get(-lat)
            if fx is None or fy is None:
                out.append(self.to_cell(lat, lon))
            else:
                x, y = round(fx), round(fy)
                out.append((min(max(x, 0), max(self.width - 1, 0)),
                            min(max(y, 0), max(self.height - 1, 0))))
        return out

    def to_point(self, lat: float, lon: float) -> tuple[float, float]:
        """Where a point falls, in fractional cells (column, row)."""
        return self.x.at(lon), self.y.at(-lat)

    def to_cell(self, lat: float, lon: float, *, clamp: bool = True) -> Cell:
        """The cell of a point; unclamped, a point outside the grid keeps its outside cell."""
        fx, fy = self.to_point(lat, lon)
        x, y = round(fx), round(fy)
        if not clamp:
            return x, y
        return min(max(x, 0), max(self.width - 1, 0)), min(max(y, 0), max(self.height - 1, 0))

    def shows(self, cell: Cell) -> bool:
        return 0 <= cell[0] < self.width and 0 <= cell[1] < self.height


def bounds(points: Iterable[tuple[float, float]]) -> Window:
    """The smallest window (south, west, north, east) around the points."""
    lats, lons = [], []
    for lat, lon in points:
        lats.append(lat)
        lons.append(lon)
    return min(lats), min(lons), max(lats), max(lons)


def window_around(
    centre: tuple[float, float], whole: Window, factor: float, world: Window | None = None
) -> Window:
    """A window `factor` times smaller than `whole`, around `centre`, moved back inside
    `world` (the places' bounds) where it would show ground beyond them."""
    south, west, north, east = whole
    height = max(north - south, 1e-6) / factor
    width = max(east - west, 1e-6) / factor
    lat, lon = centre
    low, left = lat - height / 2, lon - width / 2
    if world is not None:
        w_south, w_west, w_north, w_east = world
        low = max(min(low, w_north - height), w_south)
        left = max(min(left, w_east - width), w_west)
    return low, left, low + height, left + width


def line_cells(a: Cell, b: Cell) -> list[Cell]:
    """Bresenham's line from a to b, both ends included."""
    x0, y0 = a
    x1, y1 = b
    dx, dy = abs(x1 - x0), -abs(y1 - y0)
    sx = 1 if x0 < x1 else -1
    sy = 1 if y0 < y1 else -1
    err = dx + dy
    out: list[Cell] = []
    while True:
        out.append((x0, y0))
        if x0 == x1 and y0 == y1:
            return out
        e2 = 2 * err
        if e2 >= dy:
            err += dy
            x0 += sx
        if e2 <= dx:
            err += dx
            y0 += sy


def clipped_line(a: Cell, b: Cell, width: int, height: int) -> list[Cell]:
    """The cells of the line from a to b that lie on a width x height grid; a line from
    far off the grid is cut to the grid's box first, so its length stays bounded."""
    ends = _clip(a, b, width, height)
    if ends is None:
        return []
    return [c for c in line_cells(*ends) if 0 <= c[0] < width and 0 <= c[1] < height]


def _clip(a: Cell, b: Cell, width: int, height: int) -> tuple[Cell, Cell] | None:
    """Liang-Barsky: the part of segment a-b inside the box [0, width-1] x [0, height-1]."""
    (x0, y0), (x1, y1) = a, b
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0), (dx, width - 1 - x0), (-dy, y0), (dy, height - 1 - y0)):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (
        (round(x0 + t0 * dx), round(y0 + t0 * dy)),
        (round(x0 + t1 * dx), round(y0 + t1 * dy)),
    )


def polyline_cells(points: Sequence[tuple[float, float]], projection: Projection) -> list[Cell]:
    """The grid cells of a (lat, lon) polyline, segment by segment, without repeats in a row."""
    out: list[Cell] = []
    projected = [projection.to_cell(lat, lon, clamp=False) for lat, lon in points]
    for a, b in pairwise(projected):
        for cell in clipped_line(a, b, projection.width, projection.height):
            if not out or out[-1] != cell:
                out.append(cell)
    if len(projected) == 1 and projection.shows(projected[0]):
        out.append(projected[0])
    return out


def step_cursor(cells: Mapping[str, Cell], current: str, direction: str) -> str:
    """The place nearest to `current` in a direction (left, right, up, down).

    Candidates lie in the half-plane of the direction; the cost favours those
    straight ahead (the sideways offset counts double). No candidate: stay put.
    """
    dx, dy = DIRECTIONS[direction]
    cx, cy = cells[current]
    best: tuple[float, str] | None = None
    for ident, (x, y) in cells.items():
        if ident == current:
            continue
        ahead = (x - cx) * dx + (y - cy) * dy * CELL_ASPECT
        if ahead <= 0:
            continue
        side = abs((x - cx) * dy) + abs((y - cy) * dx) * CELL_ASPECT
        cost = ahead + 2 * side
        if best is None or (cost, ident) < best:
            best = (cost, ident)
    return current if best is None else best[1]


def nearest_place(cells: Mapping[str, Cell], cell: Cell, within: float = 3.0) -> str | None:
    """The place drawn nearest to a clicked cell, if one lies within `within` columns."""
    x0, y0 = cell
    best: tuple[float, str] | None = None
    for ident, (x, y) in cells.items():
        distance = math.hypot(x - x0, (y - y0) * CELL_ASPECT)
        if distance <= within and (best is None or (distance, ident) < best):
            best = (distance, ident)
    return None if best is None else best[1]
