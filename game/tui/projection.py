"""Latitude/longitude to terminal cells, and the cursor's moves between places.

Pure functions, no Textual: the map widget and the tests share them.

The projection is equirectangular: x grows with longitude scaled by the cosine
of the map's mean latitude, y with latitude, north up. A terminal cell is about
twice as tall as it is wide, so one row spans two columns' worth of distance.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from game.engine.record import record

CELL_ASPECT = 2.0  # a cell's height over its width
DIRECTIONS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}

Cell = tuple[int, int]


@record
class Projection:
    """Maps (lat, lon) into a width x height grid of cells, keeping the scale true."""

    lat0: float
    lon0: float
    scale: float  # columns per degree of longitude at the equator, times cos(mean lat)
    cos_lat: float
    x_offset: float
    y_offset: float
    width: int
    height: int

    @classmethod
    def fit(
        cls, points: Iterable[tuple[float, float]], width: int, height: int, margin: int = 1
    ) -> Projection:
        pts = list(points)
        if not pts:
            pts = [(0.0, 0.0)]
        lats = [p[0] for p in pts]
        lons = [p[1] for p in pts]
        mean_lat = (min(lats) + max(lats)) / 2
        cos_lat = max(math.cos(math.radians(mean_lat)), 0.01)
        span_x = (max(lons) - min(lons)) * cos_lat  # in equatorial degrees
        span_y = max(lats) - min(lats)
        usable_w = max(width - 2 * margin - 1, 1)
        usable_h = max(height - 2 * margin - 1, 1)
        # columns per equatorial degree, limited by width and by height (rows are taller)
        by_w = usable_w / span_x if span_x > 0 else math.inf
        by_h = usable_h * CELL_ASPECT / span_y if span_y > 0 else math.inf
        scale = min(by_w, by_h)
        if math.isinf(scale):
            scale = 1.0
        used_w = span_x * scale
        used_h = span_y * scale / CELL_ASPECT
        return cls(
            lat0=max(lats),
            lon0=min(lons),
            scale=scale,
            cos_lat=cos_lat,
            x_offset=margin + (usable_w - used_w) / 2,
            y_offset=margin + (usable_h - used_h) / 2,
            width=width,
            height=height,
        )

    def zoomed(self, factor: float, centre: tuple[float, float]) -> Projection:
        """The same map `factor` times larger, (lat, lon) `centre` in the middle of the grid."""
        scale = self.scale * factor
        lat, lon = centre
        return replace(
            self,
            scale=scale,
            x_offset=(self.width - 1) / 2 - (lon - self.lon0) * self.cos_lat * scale,
            y_offset=(self.height - 1) / 2 - (self.lat0 - lat) * scale / CELL_ASPECT,
        )

    def to_cell(self, lat: float, lon: float, *, clamp: bool = True) -> Cell:
        """The cell of a point; unclamped, a point outside the grid keeps its outside cell."""
        x = round(self.x_offset + (lon - self.lon0) * self.cos_lat * self.scale)
        y = round(self.y_offset + (self.lat0 - lat) * self.scale / CELL_ASPECT)
        if not clamp:
            return x, y
        return min(max(x, 0), max(self.width - 1, 0)), min(max(y, 0), max(self.height - 1, 0))

    def shows(self, cell: Cell) -> bool:
        return 0 <= cell[0] < self.width and 0 <= cell[1] < self.height


def place_cells(
    points: Mapping[str, tuple[float, float]], projection: Projection
) -> dict[str, Cell]:
    """Each place's cell; places that fall on a taken cell move to the nearest free one,
    so every place stays visible and clickable however crowded the map. On a zoomed
    map a place outside the grid keeps its outside cell (the cursor still finds it)."""
    taken: set[Cell] = set()
    cells: dict[str, Cell] = {}
    for ident, (lat, lon) in points.items():
        cell = projection.to_cell(lat, lon, clamp=False)
        if not projection.shows(cell):
            cells[ident] = cell
            continue
        if cell in taken:
            cell = _nearest_free(cell, taken, projection.width, projection.height)
        taken.add(cell)
        cells[ident] = cell
    return cells


def _nearest_free(cell: Cell, taken: set[Cell], width: int, height: int) -> Cell:
    x0, y0 = cell
    for radius in range(1, max(width, height) + 1):
        ring = [
            (x0 + dx, y0 + dy)
            for dy in range(-radius, radius + 1)
            for dx in range(-radius, radius + 1)
            if max(abs(dx), abs(dy)) == radius
        ]
        ring.sort(key=lambda c: (abs(c[1] - y0) * CELL_ASPECT + abs(c[0] - x0), c[1], c[0]))
        for x, y in ring:
            if 0 <= x < width and 0 <= y < height and (x, y) not in taken:
                return x, y
    return cell


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


def polyline_cells(points: Sequence[tuple[float, float]], projection: Projection) -> list[Cell]:
    """The cells of a (lat, lon) polyline, segment by segment, without repeats in a row;
    on a zoomed map some lie outside the grid, and the caller clips them."""
    out: list[Cell] = []
    projected = [projection.to_cell(lat, lon, clamp=False) for lat, lon in points]
    for a, b in pairwise(projected):
        for cell in line_cells(a, b):
            if not out or out[-1] != cell:
                out.append(cell)
    if len(projected) == 1:
        out.append(projected[0])
    return out
