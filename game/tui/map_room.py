"""Which cells of the map are taken while `game.tui.map_layout` places markers and names:
markers (and the ring around each), names with their gaps, and bridges' signs. No
Textual; one `Room` a layout.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from game.tui.projection import Cell, line_cells
from game.tui.widgets.map_model import MapPlace


class Room:
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
    ) -> Iterator[Cell] | None:
        """The cells at `offsets` (within `reach`) from `origin` where a marker fits, in
        their order, found as they are read (a place mostly takes the first); None when
        there is none. On a crowded map most places find none: a scan of the rows in C
        says so before any cell is looked at in Python."""
        x0, y0 = origin
        width, height, blocked = self.width, self.height, self.blocked
        left, right = max(x0 - reach[1], 0), min(x0 + reach[1] + 1, width)
        if left >= right or not any(
            blocked.find(0, y * width + left, y * width + right) >= 0
            for y in range(max(y0 - reach[0], 0), min(y0 + reach[0] + 1, height))
        ):
            return None
        return (
            (x, y)
            for dx, dy in offsets
            if 0 <= (x := x0 + dx) < width and 0 <= (y := y0 + dy) < height
            and not blocked[y * width + x]
        )

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

    def free_label(self, y: int, first: int, last: int) -> None:
        """A name's cells free again (only the name's: where markers may go stays)."""
        row = y * self.width
        for x in range(first, last + 1):
            self.label[row + x] = 0

    def take_sign(self, x: int, y: int) -> None:
        self.sign[y * self.width + x] = 1
        self._block(y * self.width + x, y * self.width + x + 1)
