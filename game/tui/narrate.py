"""Engine events as lines of text, and plan editing helpers: pure functions, no Textual.

The command line uses `event_line` too. `names` maps ids (places, roads,
units, air assets) to display names; an id without a name shows as itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import fields, is_dataclass, replace
from typing import TYPE_CHECKING, Any

from game.engine import events as ev
from game.engine.memo import by_identity
from game.engine.model import Message, Scenario
from game.tui import wording

if TYPE_CHECKING:
    from game.engine.refusals import Refusal

Names = Mapping[str, str]


def _n(names: Names, ident: str | None) -> str:
    return "?" if ident is None else names.get(ident, ident)


def refusal(reason: Refusal | None, names: Names) -> str:
    """Why the engine refused or failed a line, with the names the player reads."""
    if reason is None:
        return ""
    # The refusals' table is imported at the first refusal worded, not before the first frame.
    from game.engine.refusals import describe

    return describe(reason, lambda ident: names.get(ident, ident))


def clock(hour: float) -> str:
    minutes = round(hour * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _unit(n: Names, ident: str | None, singular: str, plural: str) -> str:
    """A unit's name and a verb that agrees with it: `Coalition advisers hold`."""
    return wording.verb(_n(n, ident), singular, plural)


def _readiness(lost: int) -> str:
    return f"{lost} readiness and " if lost else ""


def _trap(e: ev.TrapStruck, n: Names) -> str:
    where = _n(n, e.road if e.road is not None else e.place)
    return (
        f"{_unit(n, e.unit, 'struck', 'struck')} booby-traps (level {e.level}) at {where}: "
        f"{wording.count(e.casualties, 'casualty')}, "
        f"{_readiness(e.readiness_lost)}{e.hours_lost:g} h lost."
    )


def _recon(e: ev.ReconReport, n: Names) -> str:
    text = f"{_n(n, e.by)} reconnoitred {_n(n, e.target)}: traps level {e.traps}"
    if e.garrison is not None:
        text += f", garrison {e.garrison}"
    if e.vbieds:
        text += f", {wording.count(e.vbieds, 'car bomb')}"
    return text + "."


def _assault(e: ev.AssaultResolved, n: Names) -> str:
    who = _n(n, e.unit)
    joined = tuple(getattr(e, "joined", ()) or ())
    if joined:
        who += " with " + ", ".join(_n(n, u) for u in joined)
    together = bool(joined) or wording.is_plural_name(_n(n, e.unit))
    result = "took it" if e.taken else ("were repulsed" if together else "was repulsed")
    text = (f"{who} assaulted {_n(n, e.place)} and {result} (forces {e.odds:.1f} to 1); "
            f"losses {e.attacker_losses} own, {e.defender_losses} enemy.")
    short = tuple(getattr(e, "short_of_supplies", ()) or ())
    if short:
        text += " Without their supplies: " + ", ".join(_n(n, u) for u in short) + "."
    return text


def _vbied(e: ev.VbiedAttack, n: Names) -> str:
    if e.stopped:
        return f"A car bomb from {_n(n, e.source)} was stopped by {_n(n, e.unit)}."
    return (
        f"A car bomb from {_n(n, e.source)} hit {_n(n, e.unit)} at {_n(n, e.place)}: "
        f"{wording.count(e.casualties, 'casualty')}."
    )


def _withdrew(e: ev.EnemyWithdrew, n: Names) -> str:
    to = "across the border" if e.to is None else f"to {_n(n, e.to)}"
    if e.fighters <= 0 and e.fled <= 0:
        return f"The enemy left {_n(n, e.place)}: no fighter was left to withdraw."
    if e.scattered:
        return (f"The enemy left {_n(n, e.place)}: cut off from the border, "
                f"{wording.count(e.fighters, 'fighter')} scattered into the desert.")
    went = []
    if e.fighters > 0:
        went.append(f"{wording.count(e.fighters, 'fighter')} withdrew {to}")
    if e.fled > 0:
        went.append(f"{wording.count(e.fled, 'fighter')} fled toward Syria")
    return f"The enemy left {_n(n, e.place)}: {' and '.join(went)}."


def _supply(e: ev.SupplyStatus, n: Names) -> str:
    text = f"Supply: {wording.count(e.places_in_supply, 'place')} in supply"
    if e.units_out:
        text += "; out of supply: " + ", ".join(_n(n, u) for u in e.units_out)
    return text + "."


def _taken(e: ev.PlaceTaken, n: Names) -> str:
    text = f"{_n(n, e.place)} taken by {_n(n, e.unit)}."
    if e.vbieds_captured:
        text += f" {wording.count(e.vbieds_captured, 'car bomb')} captured."
    return text


def _strike(e: ev.AirStrike, n: Names) -> str:
    parts = [f"{wording.count(e.kills, 'fighter')} killed"]
    if e.vbieds_destroyed:
        parts.append(f"{wording.count(e.vbieds_destroyed, 'car bomb')} destroyed")
    parts.append(f"civilian harm {e.civilian_harm}")
    return f"{_n(n, e.asset)} struck {_n(n, e.place)}: {', '.join(parts)}."


def _garrison(e: ev.GarrisonReinforced, n: Names) -> str:
    if e.text:
        return e.text
    more = "grew" if e.fighters >= 0 else "shrank"
    return f"{wording.possessive(_n(n, e.place))} garrison {more} by " \
           f"{wording.count(abs(e.fighters), 'fighter')}."


_LINES: dict[type, Callable[[Any, Names], str]] = {
    ev.ScriptedMessage: lambda e, n: e.text,
    ev.ReinforcementsArrived: lambda e, n: e.text
    or "Reinforcements arrived: " + ", ".join(_n(n, u) for u in e.units) + ".",
    ev.SortiesChanged: lambda e, n: e.text
    or f"{_n(n, e.asset)}: {wording.count(e.sorties, 'sortie')} a day.",
    ev.WeatherChanged: lambda e, n: e.text
    or f"Weather: {e.kind} for {wording.count(e.days, 'day')}.",
    ev.GarrisonReinforced: _garrison,
    ev.UnitMoved: lambda e, n: (
        f"{_n(n, e.unit)} moved to {_n(n, e.to)}." if len(e.path) > 1
        # Stopped by traps before it left (the strike is the line before).
        else f"{_unit(n, e.unit, 'halted', 'halted')} at {_n(n, e.to)}."
    ),
    ev.TrapStruck: _trap,
    ev.ReconReport: _recon,
    ev.TrapsCleared: lambda e, n: (
        f"{_n(n, e.unit)} cleared {wording.count(e.levels, 'trap level')} on "
        f"{_n(n, e.target)} ({e.remaining} left)." if e.levels
        else f"{_unit(n, e.unit, 'swept', 'swept')} {_n(n, e.target)}: no traps found."
    ),
    ev.AssaultResolved: _assault,
    ev.PlaceTaken: _taken,
    ev.AirStrike: _strike,
    ev.DepotEstablished: lambda e, n: (
        f"{_n(n, e.unit)} established a depot at {_n(n, e.place)} (reach {e.range_km:g} km)."
    ),
    ev.ConvoyArrived: lambda e, n: (
        f"{wording.possessive(_n(n, e.unit))} convoy brought "
        f"{wording.count(e.loads, 'load')} to {_n(n, e.depot)} "
        f"(now {e.stock}; reach {e.range_km:g} km)."
    ),
    ev.BridgeWork: lambda e, n: (
        f"{_n(n, e.unit)} laid the floating bridge over {_n(n, e.road)}: it is open."
        if e.done else
        f"{_n(n, e.unit)} worked {e.hours:.1f} h on a floating bridge over {_n(n, e.road)} "
        f"({e.progress:.1f} of {e.needed:.1f} h done)."
    ),
    ev.SweepWork: lambda e, n: (
        f"{_n(n, e.unit)} swept {_n(n, e.road)} for {e.hours:.1f} h "
        f"({e.swept:.1f} of the {e.needed:.1f} h a trap level takes)."
    ),
    ev.SuppliesShort: lambda e, n: (
        f"{_n(n, e.unit)} at {_n(n, e.place)} went without "
        f"{wording.count(e.loads, 'load')} of supplies."
    ),
    ev.UnitsWithdrawn: lambda e, n: e.text or (
        "Called away: " + ", ".join(_n(n, u) for u in e.units) + "."),
    ev.EnemyReinforced: lambda e, n: (
        f"{wording.count(e.fighters, 'enemy fighter')} seen moving from "
        f"{_n(n, e.source)} to {_n(n, e.place)}."
    ),
    ev.WatchSet: lambda e, n: f"{_unit(n, e.unit, 'holds', 'hold')} and watch"
    f"{'' if wording.is_plural_name(_n(n, e.unit)) else 'es'} {_n(n, e.target)}.",
    ev.Rested: lambda e, n: f"{_unit(n, e.unit, 'rested', 'rested')}.",
    ev.OperationFailed: lambda e, n: (
        f"Line {e.line} ({_n(n, e.owner)}) failed: {wording.reason(e.reason, n)}."
    ),
    ev.TrapsReseeded: lambda e, n: f"The enemy sowed new traps on {_n(n, e.road)}.",
    ev.VbiedAttack: _vbied,
    ev.Counterattack: lambda e, n: (
        f"Counterattack from {_n(n, e.source)} on {_n(n, e.unit)} at "
        f"{_n(n, e.place)}: losses {e.unit_losses} own, {e.enemy_losses} enemy."
        if e.unit_losses or e.enemy_losses
        else f"Counterattack from {_n(n, e.source)} on {_n(n, e.unit)} at "
        f"{_n(n, e.place)} beaten off without losses."
    ),
    ev.EnemyWithdrew: _withdrew,
    ev.SupplyStatus: _supply,
    ev.Attrition: lambda e, n: f"{_unit(n, e.unit, 'lost', 'lost')} {e.losses} out of supply.",
    ev.UnitDestroyed: lambda e, n: f"{_unit(n, e.unit, 'is', 'are')} destroyed.",
    ev.GameOver: lambda e, n: "Victory: the objectives are held."
    if e.outcome == "victory"
    else "Defeat: the objectives were not taken in time.",
}


def _when(event: object) -> tuple[int, float]:
    return int(getattr(event, "day", 0) or 0), float(getattr(event, "hour", 0.0) or 0.0)


HEADING_MARK = "— Day "


def day_heading(day: int) -> str:
    """The log's heading of a day's lines (the log writes a day's heading once: `GameLog`)."""
    return f"{HEADING_MARK}{day} —"


def day_lines(day: int, events: Sequence[object], names: Names) -> list[str]:
    """The log's lines for a day played: a heading, then one line an event, in the order
    of the clock (the engine reports a line's events when the line ends, so a trap struck
    on the way comes after the move's end). Events of the next morning (its news) come
    under that day's own heading."""
    lines = [day_heading(day)]
    for event in sorted(events, key=_when):
        event_day = _when(event)[0]
        if event_day > day:
            lines.append(day_heading(event_day))
            day = event_day
        lines.append(event_line(event, names))
    return lines


def event_line(event: object, names: Names) -> str:
    """One line of the log for an engine event, prefixed with its hour of the day."""
    render = _LINES.get(type(event))
    if render is not None:
        text = render(event, names)
    elif is_dataclass(event):
        text = _unknown_event(event, names)
    else:
        text = str(event)
    text = text[:1].upper() + text[1:]  # "al-Rayhana taken" opens "Al-Rayhana taken"
    hour = getattr(event, "hour", None)
    if hour is None:
        return text
    return f"night  {text}" if hour >= 24 else f"{clock(hour)}  {text}"


def _unknown_event(event: Any, names: Names) -> str:
    """An event kind this module has no sentence for yet: its kind in words and its
    fields, ids as names, so a new kind from the engine reads before it is worded."""
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", type(event).__name__).lower()
    parts = []
    for f in fields(event)[2:]:
        value = getattr(event, f.name)
        shown = names.get(value, value) if isinstance(value, str) else value
        parts.append(f"{f.name.replace('_', ' ')} {shown}")
    return wording.sentence(f"{words}: " + ", ".join(parts))


def scenario_messages(scenario: Scenario, day: int) -> list[str]:
    """The author's messages for a day (shown when that day's planning starts)."""
    return [e.text for e in scenario.events if isinstance(e, Message) and e.day == day]


# --- editing a plan: line numbers in `after` follow the lines they name ---------------------


def without_line(plan: tuple[Any, ...], index: int) -> tuple[Any, ...]:
    """The plan without line `index` (0-based); waits on it are dropped, later ones renumbered."""
    removed = index + 1
    out = []
    for op in plan[:index] + plan[index + 1 :]:
        after = op.after
        if after == removed:
            after = None
        elif after is not None and after > removed:
            after -= 1
        out.append(with_after(op, after))
    return tuple(out)


def swap_lines(plan: tuple[Any, ...], i: int, j: int) -> tuple[Any, ...]:
    """Lines i and j (0-based) change places; waits on them follow them."""
    numbers = {i + 1: j + 1, j + 1: i + 1}
    lines = list(plan)
    lines[i], lines[j] = lines[j], lines[i]
    return tuple(
        with_after(op, numbers.get(op.after, op.after) if op.after is not None else None)
        for op in lines
    )


def with_after(op: Any, after: int | None) -> Any:
    return op if op.after == after else replace(op, after=after)


# --- reading the state for the screen -------------------------------------------------------


# Kept for the last few states: a screen asks on every menu, plan change and day, and
# on a map of thousands of places a table takes a while.
@by_identity(4)
def names(state: Any) -> dict[str, str]:
    """Display names of every place, road, unit and air asset of a game (one table a
    state, shared: do not change it)."""
    scenario = state.scenario
    table = {p.id: p.name for p in scenario.places}
    for road in scenario.roads:
        table[road.id] = road.display_name(table)
    table |= {u.id: u.name for u in scenario.units}
    table |= {u.id: u.name for u in state.units}
    table |= {a.id: a.name for a in state.air}
    return table


def owners(state: Any) -> list[tuple[str, str]]:
    """Who can be given operations: the player's units, then air assets; (id, name)."""
    return [(u.id, u.name) for u in state.units] + [(a.id, a.name) for a in state.air]


def owners_at(state: Any, place_id: str | None) -> list[tuple[str, str]]:
    return [(u.id, u.name) for u in state.units if u.at == place_id]


def location_of(state: Any, owner: str | None) -> str | None:
    unit = None if owner is None else state.unit(owner)
    return None if unit is None else unit.at


def first_place(state: Any) -> str:
    """Where the cursor starts: the first unit's place, else the first place."""
    if state.units:
        return str(state.units[0].at)
    places = state.scenario.places
    return str(places[0].id) if places else ""  # none: the checker refuses such a map


def date_of(state: Any) -> str:
    from datetime import date, timedelta

    try:  # the checker keeps a campaign within the calendar; a date beyond it reads blank
        day = date.fromisoformat(state.scenario.start_date) + timedelta(days=state.day - 1)
    except (ValueError, OverflowError):
        return ""
    return day.strftime("%d %b %Y")


def arrivals_text(state: Any, units: Sequence[str]) -> str:
    """The notice of units that joined overnight: where each stands, and that it waits
    for orders (yesterday's plan has no line for it)."""
    known = names(state)
    where = "; ".join(f"{_n(known, u)} at {_n(known, state.unit(u).at)}" for u in units)
    return f"Reinforcements arrived: {where}. No orders yet: o opens the roster."


def outcome_line(state: Any) -> str:
    if str(state.outcome) == "victory":
        return f"Victory on day {state.day}: the objectives are held."
    if str(state.outcome) == "defeat":
        return f"Defeat on day {state.day}: the objectives were not taken in time."
    return f"Day {state.day}: the campaign goes on."


def choice_label(choice: Any, names: Names) -> str:
    """A line of the operation menu: kind, target and hours, e.g. `recon  Zawiya  (3 h)`."""
    target = "" if choice.target is None else f"  {_n(names, choice.target)}"
    hours = getattr(choice, "hours", None)
    label = f"{choice.kind}{target}" + ("" if not hours else f"  ({hours:.1f} h)")
    if getattr(choice, "sweep_done", None) is not None:  # a level not finished today
        label += f"  {wording.sweep_text(choice.sweep_done)}"
    estimate = getattr(choice, "estimate", None)
    return label if estimate is None else f"{label}  {odds_text(estimate)}"


def plan_row(number: int, op: Any, line: Any, names: Names) -> Any:
    """A row of the plan table from a plan line and its preview."""
    from game.tui.widgets.plan import PlanRow

    risks = [risk_line(r, names) for r in getattr(line, "risks", ()) or ()]
    estimate = getattr(line, "estimate", None)
    if estimate is not None:
        risks.insert(0, odds_text(estimate))
    work = wording.work_text(op, line)
    if work:
        risks.insert(0, work)
    risk_text = "; ".join(risks)
    return PlanRow(
        number=number,
        owner=_n(names, op.owner),
        kind=str(op.kind),
        target="" if op.target is None else _n(names, op.target),
        start=getattr(line, "start", None),
        end=getattr(line, "end", None),
        supply=float(getattr(line, "supply_cost", 0.0) or 0.0),
        risks=risk_text,
        after=op.after,
        error=wording.reason(getattr(line, "error", None), names),
        standing=bool(getattr(op, "standing", False)),
        path=tuple(_n(names, p) for p in getattr(line, "path", ()) or ()),
    )


def odds_text(estimate: Any) -> str:
    """An assault's estimate in a few words, e.g. `odds 84%, losses 40-110`: the
    losses of the likelier outcome, a repulse's when the odds are against it."""
    likely = estimate.chance >= 0.5
    best, worst = estimate.losses_if_taken if likely else estimate.losses_if_repulsed
    losses = str(best) if best == worst else f"{best}-{worst}"
    return f"odds {round(estimate.chance * 100)}%, losses {losses}" + (
        "" if likely else " if repulsed")


_RISKS = {
    "known-traps": "traps {level} at {target}",
    "unknown-traps": "traps ? at {target}",
    "town-traps": "town traps {level} at {target}",
    "vbied": "car bombs {level} near {target}",
    "out-of-supply": "out of supply tonight at {target}",
    "civilians": "civilians at {target}",
    "short-of-supplies": "short of supplies at {target}",
    "exposed": "exposed while bridging {target}",
    "too-early": "sets out before line {level} is done at {target} (w: wait for it)",
    "depot-full": "the depot at {target} has room for {level} of the loads (its reach grows "
                  "all the same)",
    "supplied-later": "line {level} stocks {target} in time but is listed later: move it up",
    "unfed": "unfed tonight at {target}: its depots lack the {level} loads it eats",
    "night-traps": "spends the night in {target}: traps {level} strike at night",
}


def risk_line(risk: Any, names: Names) -> str:
    """A known risk of a plan line in a few words, e.g. `traps 2 at Zawiya–Saqra road`."""
    template = _RISKS.get(str(risk.kind), str(risk.kind) + " at {target}")
    if risk.kind == "night-traps" and risk.level is None:
        template = "spends the night in {target}, traps unknown: they may strike at night"
    level = "?" if risk.level is None else str(risk.level)
    return template.format(level=level, target=_n(names, risk.target))
