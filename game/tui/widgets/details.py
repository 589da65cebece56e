"""The details panel: everything known about the selected place, its roads and units."""

from __future__ import annotations

from textual.reactive import reactive
from textual.widgets import Static


class DetailsPanel(Static):
    """Shows the lines the screen gives it; estimates arrive already marked as such."""

    lines: reactive[tuple[str, ...]] = reactive(())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def watch_lines(self, lines: tuple[str, ...]) -> None:
        self.update("\n".join(lines))
