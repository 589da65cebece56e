"""The details panel: everything known about the selected place, its roads and units.

`describe_place` and `describe_owner` word what the engine's observation says
(estimates say so); `DetailsPanel` shows the lines. The cursor moves often, so
neither scans the whole map: a place's roads come through the scenario's index,
and the panel only repaints (its size is the layout's, never its text's: a long
text scrolls inside it with the mouse wheel).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.reactive import reactive
from textual.strip import Strip
from textual.widget import Widget

from game.engine.index import index_of
from game.engine.model import Scenario
from game.tui import cells, wording
from game.tui.narrate import odds_text


def _roads_at(scenario: Scenario, seen: Any, place_id: str) -> list[Any]:
    """The roads at a place as the player sees them, through the scenario's index
    (the observation lists roads in the scenario's order); a scan if it does not."""
    index = index_of(scenario)
    roads = seen.roads
    out = []
    for position, _ in index.adjacency[index.place_pos[place_id]]:
        if position >= len(roads) or roads[position].id != index.roads[position].id:
            return [road for road in roads if place_id in (road.a, road.b)]
        out.append(roads[position])
    return out


def _known(value: int | None, what: str) -> str:
    return f"{what} unknown (recon to learn)" if value is None else f"{what} {value}"


def describe_place(
    scenario: Scenario, seen: Any, place_id: str | None, estimate: Any = None
) -> list[str]:
    """Everything the player knows about a place and its roads, from the engine's
    observation (`seen`); what is only estimated says so. The scenario gives the
    public facts: bridges, the sides' names. `estimate` is the engine's estimate of
    an assault on an enemy place by the units next to it."""
    if place_id is None:
        return ["No place selected."]
    view = seen.place(place_id)
    own = view.side == seen.side
    side_name = next((s.name for s in scenario.sides if s.id == view.side), view.side)
    lines = [f"{view.name} ({view.kind}), held by {side_name}"]
    index = index_of(scenario)
    crossing = index.places[index.place_pos[place_id]].bridge
    flags = [
        text
        for flag, text in (
            (view.objective, "objective"),
            (view.supply_source, "supply source"),
            (view.depot_range_km is not None,
             f"depot, reach {view.depot_range_km or 0:g} km, "
             f"{getattr(view, 'depot_loads', None) or 0} of "
             f"{wording.count(scenario.rules.depot_max_loads, 'load')}"),
            (crossing, "river crossing"),
        )
        if flag
    ]
    if flags:
        lines.append(", ".join(flags).capitalize())
    lines.append("In supply" if view.in_supply else "Not in supply")
    if own and (view.depot_range_km is not None or view.in_supply):
        # Where a depot stands or could be set up: how many of the allowed are used.
        used = len(getattr(seen, "depots", ()) or ())
        lines.append(f"Depots: {used} of {scenario.supply.max_depots} set up")
    if view.population:
        lines.append(f"Population about {view.population}")
    lines.append(_known(view.traps, "Traps: level"))
    if not own:
        if view.garrison is not None:
            lines.append(f"Garrison: {view.garrison} (as last seen)")
        else:
            low, high = view.garrison_estimate
            lines.append(f"Garrison: {low}-{high}, an estimate (recon to learn)")
        if view.vbieds:
            lines.append(f"Car bombs seen: {view.vbieds}")
        if getattr(view, "cut_off", False):
            lines.append("Cut off from the border: its defence is weaker")
        if estimate is not None:
            by = ", ".join(_unit_name(seen, unit) for unit in estimate.units)
            lines.append(f"Assault by {by}: {odds_text(estimate)}")
    here = [unit.name for unit in seen.units if unit.at == place_id]
    if here:
        lines.append("Units here: " + ", ".join(here))
    for road in _roads_at(scenario, seen, place_id):
        other = seen.place(road.b if road.a == place_id else road.a)
        trap_text = "traps ?" if road.traps is None else f"traps {road.traps}"
        broken = ", destroyed" if road.destroyed else ""
        swept = getattr(road, "swept", 0.0)
        sweep = f", {swept:.1f} h of a level swept" if swept > 0 else ""
        lines.append(f"  to {other.name}: {road.km:g} km {road.kind}, {trap_text}{broken}"
                     f"{sweep}")
    return lines


def _unit_name(seen: Any, unit_id: str) -> str:
    return next((u.name for u in seen.units if u.id == unit_id), unit_id)


def describe_owner(seen: Any, owner: str) -> list[str]:
    """The selected unit or air asset, as its own side sees it."""
    unit = next((u for u in seen.units if u.id == owner), None)
    if unit is not None:
        where = seen.place(unit.at)
        supply = "in supply" if where.in_supply else (
            f"out of supply ({unit.days_out_of_supply} days)"
        )
        return [
            f"Selected: {unit.name} ({unit.kind})",
            f"  at {where.name}, strength {unit.strength}, "
            f"readiness {unit.readiness}%, {supply}",
        ]
    asset = next((a for a in seen.air if a.id == owner), None)
    if asset is not None:
        return [f"Selected: {asset.name} ({asset.kind}), {asset.sorties} sorties a day"]
    return [f"Selected: {owner}"]


def wrap(lines: Sequence[str], width: int) -> list[str]:
    """The lines wrapped to `width`; a line's continuation keeps its indent."""
    out: list[str] = []
    for line in lines:
        ascii = line.isascii()  # else names in wide characters (CJK, emoji) take two cells
        if (len(line) if ascii else cell_len(line)) <= width or width < 8:
            out.append(line)
            continue
        out.extend(cells.wrap(line, width, " " * (len(line) - len(line.lstrip()) + 2)))
    return out


class DetailsPanel(Widget):
    """Shows the lines the screen gives it, wrapped to its width; the mouse wheel
    scrolls a text longer than the panel, and a last line says there is more. A new
    text repaints only the rows that differ (the selected unit's rows at the bottom
    stay the same from one place to the next)."""

    lines: reactive[tuple[str, ...]] = reactive((), repaint=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._wrapped: tuple[object, list[str]] = (None, [])
        self._top = 0
        self._style: Style | None = None  # the panel's text style, asked once a style change
        self._shown: list[str] = []  # each row's text as last painted

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._style = None

    def watch_lines(self) -> None:
        self._top = 0  # a new place reads from its first line
        shown = self._visible()
        if len(shown) != len(self._shown):
            self.refresh()
        else:
            width = self.size.width
            self.refresh(*(Region(0, y, width, 1)
                           for y, (old, new) in enumerate(zip(self._shown, shown, strict=True))
                           if old != new))
        self._shown = shown

    def _rows(self) -> list[str]:
        key = (self.lines, self.size.width)
        if self._wrapped[0] != key:
            self._wrapped = (key, wrap(self.lines, self.size.width))
        return self._wrapped[1]

    def _visible(self) -> list[str]:
        """The text of each row of the panel: the wrapped lines from the top, the last
        row saying how many more there are when they do not all fit."""
        width, height = self.size
        if height <= 0 or width <= 0:
            return []
        rows = self._rows()
        self._top = max(min(self._top, len(rows) - height), 0)
        shown = rows[self._top: self._top + height]
        if self._top + height < len(rows):
            shown[-1] = f"… {len(rows) - (self._top + height - 1)} more lines (scroll)"
        shown += [""] * (height - len(shown))
        # Marks that take no cell (accents) make a line longer than it shows: the strip
        # crops it to the panel instead.
        return [text[:width] if text.isascii() else text for text in shown]

    def render_line(self, y: int) -> Strip:
        if y == 0 or len(self._shown) != self.size.height:
            self._shown = self._visible()
        if self._style is None:
            self._style = self.rich_style
        style = self._style
        text = self._shown[y] if y < len(self._shown) else ""
        if text.startswith("… ") and y == len(self._shown) - 1:
            style = style + Style(dim=True)
        return Strip([Segment(text, style)]).adjust_cell_length(self.size.width, self._style)

    def _scroll(self, step: int) -> None:
        self._top += step
        self.refresh()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        self._scroll(2)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        self._scroll(-2)
