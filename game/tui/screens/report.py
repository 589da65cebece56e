"""The after-action report: the score of a game and its days in charts.

Shown at victory, at defeat, or on demand. The figures come from the game
state's per-day record, as the engine kept it; this screen only adds them up
and draws them. Charts use textual-plotext; `t` switches to a plain text table
that reads the same without colour (and is the first view when colour is off).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, ScrollableContainer, Vertical
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Label, Static

from game.tui import tcss
from game.tui.aar import ReportFigures, headline, report_figures, score_lines, table_text

if TYPE_CHECKING:
    from textual.widget import Widget

    from game.engine.state import GameState

__all__ = ["ReportFigures", "ReportScreen", "count_ticks", "headline", "integer_ticks",
           "report_figures", "score_lines", "table_text"]


CHARTS_VIEW = "report-charts"
TABLE_VIEW = "report-table"


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


def _sized(base: type[Any]) -> type[Any]:
    """A chart whose y ticks fit its height: more labels than rows collide, and which
    one plotext then keeps is not the same from one run to the next."""

    class SizedChart(base):  # type: ignore[misc]
        top = 0

        def render(self) -> Any:
            rows = self.size.height - 4  # the title, the x axis, its labels and a margin
            ticks = count_ticks(self.top, most=max(2, min(5, rows // 2 + 1)))
            self.plt.yticks([float(t) for t in ticks])
            self.plt.ylim(0, ticks[-1])
            return super().render()

    return SizedChart


# (chart title, ((series label, DayRecord field), ...)), in the order they are drawn
CHARTS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("Losses per day", (("own", "own_casualties"), ("enemy", "enemy_losses"))),
    ("Civilian harm per day", (("civilians", "civilian_harm"),)),
    ("Traps struck vs cleared", (("struck", "traps_struck"), ("cleared", "traps_cleared"))),
    ("Places held", (("held", "places_held"),)),
)


class ReportScreen(Screen[None]):
    """Score and day-by-day charts; `t` toggles a text table; escape, q or enter close."""

    # Its own rules (euphrates.tcss's section), parsed when it first shows.
    DEFAULT_CSS = tcss.section("ReportScreen")

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (76, "-wide")]  # noqa: RUF012 (as GameScreen)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,enter", "close", "Close", id="report.close"),
        Binding("t", "toggle_view", "Charts / table", id="report.toggle_view"),
    ]

    def __init__(self, state: GameState) -> None:
        super().__init__()
        self.figures = report_figures(state)

    def compose(self) -> ComposeResult:
        figures = self.figures
        with Vertical(id="report"):
            yield Label(f"After-action report: {figures.title}", id="report-title", markup=False)
            yield Label(headline(figures), id="report-outcome", markup=False)
            with Grid(id="report-score"):
                for line in score_lines(figures):
                    yield Label(line, classes="report-figure", markup=False)
            initial = TABLE_VIEW if self.app.no_color else CHARTS_VIEW
            with ContentSwitcher(initial=initial, id="report-views"):
                yield Grid(*self._charts(), id=CHARTS_VIEW)
                with ScrollableContainer(id=TABLE_VIEW):  # both ways: rows never wrap
                    yield Static(table_text(figures.days), id="report-table-text", markup=False)
            yield Label("t charts / table · escape close", id="report-keys")

    def _charts(self) -> list[Widget]:
        # plotext takes ~50 ms to import: pay it when a report opens, not at start-up.
        from textual_plotext import PlotextPlot

        days = [d.day for d in self.figures.days] or [0]
        chart = _sized(PlotextPlot)
        widgets: list[Widget] = []
        for index, (title, lines) in enumerate(CHARTS):
            plot = chart(id=f"report-chart-{index}", classes="report-chart")
            plt = plot.plt
            plt.title(title)
            top = 0
            for label, field in lines:
                values = [getattr(d, field) for d in self.figures.days] or [0]
                top = max(top, *values)
                plt.plot(days, values, label=label, marker="braille")
            plt.xticks([float(t) for t in integer_ticks(days[0], days[-1])])
            plot.top = top
            widgets.append(plot)
        return widgets

    def action_toggle_view(self) -> None:
        switcher = self.query_one("#report-views", ContentSwitcher)
        switcher.current = TABLE_VIEW if switcher.current == CHARTS_VIEW else CHARTS_VIEW

    def action_close(self) -> None:
        self.dismiss(None)
