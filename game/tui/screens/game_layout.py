"""The game screen's frame: its containers, its breakpoint classes, its hour chart.

What `GameScreen` lays out at the first frame and how that frame is kept cheap:
containers Textual paints blank, the breakpoint classes set before any style is
computed, and the hour chart built only where the terminal has room to show it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget

if TYPE_CHECKING:
    from game.tui.widgets.plan import PlanRow

# The size classes where the hour chart shows.
TIMELINE_ROOM = ("-wide", "-roomy")


class Row(Horizontal):
    """Widgets side by side that cover it whole: nothing of its own to paint (Textual's
    `BLANK`: blank lines, not each row styled, at the first frame)."""

    BLANK = True


class Column(Vertical):
    """Widgets one above the other that cover it whole (see `Row`)."""

    BLANK = True


def set_breakpoint_classes(screen: Screen[Any]) -> None:
    """The breakpoint classes for the terminal's size, before any style is computed.

    Textual sets them at the screen's first resize, which restyles every widget
    once more before the first frame (about a fifth of its time); set here, the
    first resize finds nothing to change. Later resizes are Textual's as usual."""
    screen.update_classes(breakpoint_classes(screen, *screen.app.size), update=False)


def breakpoint_classes(screen: Screen[Any], width: int, height: int) -> dict[str, bool]:
    """Each of the screen's breakpoint classes, on or off at a size, as Textual sets them."""
    classes: dict[str, bool] = {}
    for dimension, breakpoints in (
        (width, screen.HORIZONTAL_BREAKPOINTS or []),
        (height, screen.VERTICAL_BREAKPOINTS or []),
    ):
        reached = [name for least, name in sorted(breakpoints) if dimension >= least]
        chosen = reached[-1] if reached else None
        classes.update({name: name == chosen for _, name in breakpoints})
    return classes


def room_for_timeline(screen: Screen[Any], width: int, height: int) -> bool:
    """Whether the hour chart shows at a size (euphrates.tcss hides it on the others)."""
    classes = breakpoint_classes(screen, width, height)
    return all(classes[name] for name in TIMELINE_ROOM)


def timeline() -> Widget:
    """The hour chart. Where it does not show (a terminal under 46 rows or 100 columns)
    it is neither built nor imported at the first frame, until a resize gives it room."""
    from game.tui.widgets.timeline import Timeline

    return Timeline(id="game-timeline")


def fill_timeline(chart: Widget, owners: Sequence[tuple[str, str]],
                  rows: tuple[PlanRow, ...]) -> None:
    """The hour chart of today's plan (`rows`, its lines) for the player's `owners`."""
    from game.tui.widgets.timeline import Timeline

    if isinstance(chart, Timeline):
        chart.owners = tuple(name for _, name in owners)
        chart.rows = rows
