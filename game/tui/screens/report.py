"""The after-action report: the score of a game and its days in charts.

Shown at victory, at defeat, or on demand. The figures come from the game
state's per-day record, as the engine kept it; this screen only adds them up
and draws them. Charts use textual-plotext; `t` switches to a plain text table
that reads the same without colour (and is the first view when colour is off).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Label, Static

from game.engine.record import record

if TYPE_CHECKING:
    from textual.widget import Widget

    from game.engine.state import DayRecord, GameState


CHARTS_VIEW = "report-charts"
TABLE_VIEW = "report-table"


@record
class ReportFigures:
    """The record of a game and its totals, as the report shows them."""

    title: str
    outcome: str  # "victory", "defeat", or "" while the game goes on
    day_limit: int
    days: tuple[DayRecord, ...]

    @property
    def days_used(self) -> int:
        return len(self.days)

    @property
    def own_casualties(self) -> int:
        return sum(d.own_casualties for d in self.days)

    @property
    def enemy_losses(self) -> int:
        return sum(d.enemy_losses for d in self.days)

    @property
    def civilian_harm(self) -> int:
        return sum(d.civilian_harm for d in self.days)

    @property
    def traps_struck(self) -> int:
        return sum(d.traps_struck for d in self.days)

    @property
    def traps_cleared(self) -> int:
        return sum(d.traps_cleared for d in self.days)

    @property
    def vbieds_destroyed(self) -> int:
        return sum(d.vbieds_destroyed for d in self.days)


def report_figures(state: GameState) -> ReportFigures:
    return ReportFigures(
        title=state.scenario.title,
        outcome=state.outcome.value if state.over else "",
        day_limit=state.scenario.days,
        days=state.record,
    )


def headline(figures: ReportFigures) -> str:
    if figures.outcome == "victory":
        return f"Victory on day {figures.days_used} of {figures.day_limit}"
    if figures.outcome == "defeat":
        return f"Defeat after {figures.days_used} days of {figures.day_limit}"
    return f"In progress: {figures.days_used} of {figures.day_limit} days played"


def score_lines(figures: ReportFigures) -> tuple[str, ...]:
    return (
        f"Days used {figures.days_used} of {figures.day_limit}",
        f"Own casualties {figures.own_casualties}",
        f"Enemy losses {figures.enemy_losses}",
        f"Civilian harm {figures.civilian_harm}",
        f"Traps struck {figures.traps_struck}",
        f"Traps cleared {figures.traps_cleared}",
        f"VBIEDs destroyed {figures.vbieds_destroyed}",
    )


def integer_ticks(low: int, high: int, most: int = 6) -> list[int]:
    """At most `most` whole-number ticks from low to high: days are whole numbers."""
    step = max(1, -(-(high - low) // (most - 1)))
    return list(range(low, high + 1, step))


def count_ticks(high: int, most: int = 5) -> list[int]:
    """Round ticks from 0 to at least `high`, steps of 1, 2 or 5 times a power of ten,
    so a count's axis reads 0 5 10 15 20 rather than 0 4 8 12 16."""
    high = max(high, 1)
    scale = 1
    while True:
        for step in (scale, 2 * scale, 5 * scale):
            intervals = -(-high // step)
            if intervals + 1 <= most:
                return [step * i for i in range(intervals + 1)]
        scale *= 10


TABLE_HEADER = ("day", "own cas.", "enemy", "civilian", "struck", "cleared", "vbieds", "held")


def table_text(days: Sequence[DayRecord]) -> str:
    """The day-by-day figures as plain text columns; no colour needed to read them."""
    rows = [TABLE_HEADER] + [
        tuple(
            str(value)
            for value in (
                d.day,
                d.own_casualties,
                d.enemy_losses,
                d.civilian_harm,
                d.traps_struck,
                d.traps_cleared,
                d.vbieds_destroyed,
                d.places_held,
            )
        )
        for d in days
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_HEADER))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if not days:
        lines.append("(no day has been played yet)")
    return "\n".join(lines)


# (chart title, ((series label, DayRecord field), ...)), in the order they are drawn
CHARTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Losses per day", (("own", "own_casualties"), ("enemy", "enemy_losses"))),
    ("Civilian harm per day", (("civilians", "civilian_harm"),)),
    ("Traps struck vs cleared", (("struck", "traps_struck"), ("cleared", "traps_cleared"))),
    ("Places held", (("held", "places_held"),)),
)


class ReportScreen(Screen[None]):
    """Score and day-by-day charts; `t` toggles a text table; escape, q or enter close."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Close"),
        Binding("t", "toggle_view", "Charts / table"),
    ]

    def __init__(self, state: GameState) -> None:
        super().__init__()
        self.figures = report_figures(state)

    def compose(self) -> ComposeResult:
        figures = self.figures
        with Vertical(id="report"):
            yield Label(f"After-action report: {figures.title}", id="report-title")
            yield Label(headline(figures), id="report-outcome")
            with Grid(id="report-score"):
                for line in score_lines(figures):
                    yield Label(line, classes="report-figure")
            initial = TABLE_VIEW if self.app.no_color else CHARTS_VIEW
            with ContentSwitcher(initial=initial, id="report-views"):
                yield Grid(*self._charts(), id=CHARTS_VIEW)
                with VerticalScroll(id=TABLE_VIEW):
                    yield Static(table_text(figures.days), id="report-table-text")
            yield Label("t charts / table · escape close", id="report-keys")

    def _charts(self) -> list[Widget]:
        # plotext takes ~50 ms to import: pay it when a report opens, not at start-up.
        from textual_plotext import PlotextPlot

        days = [d.day for d in self.figures.days] or [0]
        widgets: list[Widget] = []
        for index, (title, lines) in enumerate(CHARTS):
            plot = PlotextPlot(id=f"report-chart-{index}", classes="report-chart")
            plt = plot.plt
            plt.title(title)
            top = 0
            for label, field in lines:
                values = [getattr(d, field) for d in self.figures.days] or [0]
                top = max(top, *values)
                plt.plot(days, values, label=label, marker="braille")
            plt.xticks([float(t) for t in integer_ticks(days[0], days[-1])])
            ticks = count_ticks(top)
            plt.yticks([float(t) for t in ticks])
            plt.ylim(0, ticks[-1])
            widgets.append(plot)
        return widgets

    def action_toggle_view(self) -> None:
        switcher = self.query_one("#report-views", ContentSwitcher)
        switcher.current = TABLE_VIEW if switcher.current == CHARTS_VIEW else CHARTS_VIEW

    def action_close(self) -> None:
        self.dismiss(None)
