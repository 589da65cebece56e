"""The after-action report as data and text, without the screen: the figures of a game,
its totals, and the report written as Markdown or JSON (`anbar replay SAVE --report`).

The figures come from the game state's per-day record, as the engine kept it;
every field of a day's record is exported, so a figure the engine adds shows
up in the JSON without a change here.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from game.engine.record import record
from game.tui.wording import figure_name, rules_off

if TYPE_CHECKING:
    from game.engine.state import DayRecord, GameState


@record
class ReportFigures:
    """The record of a game and its totals, as the report shows them."""

    title: str
    outcome: str  # "victory", "defeat", or "" while the game goes on
    day_limit: int
    days: tuple[DayRecord, ...]
    without: tuple[str, ...] = ()  # the rule families the game was played without

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
        without=tuple(state.without),
    )


def headline(figures: ReportFigures) -> str:
    """The outcome in a line, and the rules the game was played without, if any: a game
    without booby-traps is not the campaign's."""
    if figures.outcome == "victory":
        line = f"Victory on day {figures.days_used} of {figures.day_limit}"
    elif figures.outcome == "defeat":
        line = f"Defeat after {figures.days_used} days of {figures.day_limit}"
    else:
        line = f"In progress: {figures.days_used} of {figures.day_limit} days played"
    return f"{line}, {rules_off(figures.without)}" if figures.without else line


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


def _table_rows(days: Sequence[DayRecord]) -> list[tuple[str, ...]]:
    return [
        tuple(str(value) for value in (
            d.day, d.own_casualties, d.enemy_losses, d.civilian_harm, d.traps_struck,
            d.traps_cleared, d.vbieds_destroyed, d.places_held))
        for d in days
    ]


TABLE_HEADER = ("day", "own cas.", "enemy", "civilian", "struck", "cleared", "vbieds", "held")


def table_text(days: Sequence[DayRecord]) -> str:
    """The day-by-day figures as plain text columns; no colour needed to read them."""
    rows = [TABLE_HEADER, *_table_rows(days)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(TABLE_HEADER))]
    lines = ["  ".join(cell.rjust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    if not days:
        lines.append("(no day has been played yet)")
    return "\n".join(lines)


def _totals(figures: ReportFigures) -> dict[str, int]:
    """Every numeric field of the day records, summed (the day number and the counts of
    places and units held that evening are states, not flows: left out)."""
    if not figures.days:
        return {}
    skip = {"day", "places_held", "units_in_supply", "units"}
    first = figures.days[0]
    names = [f.name for f in fields(first) if f.name not in skip
             and isinstance(getattr(first, f.name), int | float)
             and not isinstance(getattr(first, f.name), bool)]
    return {name: sum(getattr(d, name) for d in figures.days) for name in names}


def report_data(figures: ReportFigures, **about: Any) -> dict[str, Any]:
    """The report as one JSON-ready object; `about` adds fields such as the seed."""
    return {
        **about,
        "title": figures.title,
        "outcome": figures.outcome or "ongoing",
        "headline": headline(figures),
        "day_limit": figures.day_limit,
        "days_used": figures.days_used,
        "without": list(figures.without),  # the rule switches' own names, as --without
        "totals": _totals(figures),
        "days": [{f.name: getattr(d, f.name) for f in fields(d)} for d in figures.days],
    }


def report_json(figures: ReportFigures, **about: Any) -> str:
    return json.dumps(report_data(figures, **about), sort_keys=True)


def report_markdown(figures: ReportFigures, **about: Any) -> str:
    """The report as a Markdown page: the headline, the score, the totals by cause and a
    table of the days."""
    lines = [f"# After-action report: {figures.title}", "", f"**{headline(figures)}**", ""]
    lines += [f"- {key.replace('_', ' ').capitalize()}: {value}" for key, value in about.items()]
    lines += [f"- {line}" for line in score_lines(figures)]
    totals = _totals(figures)
    causes = {k: v for k, v in totals.items() if k.startswith("lost_")}
    if causes:
        lines += ["", "## Own casualties by cause", ""]
        lines += [f"- {figure_name(k).removeprefix('Lost ')}: {v}" for k, v in causes.items()]
    lines += ["", "## Day by day", ""]
    if not figures.days:
        lines.append("No day has been played yet.")
        return "\n".join(lines) + "\n"
    lines.append("| " + " | ".join(TABLE_HEADER) + " |")
    lines.append("|" + "---:|" * len(TABLE_HEADER))
    for row in _table_rows(figures.days):
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines) + "\n"
