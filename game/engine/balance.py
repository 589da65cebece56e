"""The balance lab's arithmetic: what many seeded games of one policy add up to.

`summarize_game` keeps, of one played game, what the lab reports (small, so a
worker process sends it back cheaply); `aggregate` turns the games' summaries,
in seed order, into a `BalanceReport`: the win rate with its 95% interval, the
spread of days, casualties by cause, civilian harm, each objective's capture
rate and day, why the games were lost, and the ground where booby-traps and car
bombs cost the most. Pure and deterministic: the same
summaries give the same report, however many processes played them.

Percentiles are by nearest rank (the value below which at least that share of
the games lie, always a day some game took); sd is the sample standard
deviation; the interval is Wilson's score interval, which stays within 0..1 and
says something for 0 or all wins.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Sequence

from game.engine.events import GameOver, PlaceTaken, TrapStruck, VbiedAttack
from game.engine.fingerprint import fingerprint
from game.engine.model import Scenario
from game.engine.policies import GameRecord
from game.engine.record import record
from game.engine.state import Cause, Outcome

Z95 = 1.959964  # the normal quantile of a two-sided 95% interval
CAUSES = tuple(Cause)  # traps, vbieds, assaults, counterattacks, attrition


@record
class GameSummary:
    """One game as the balance lab counts it."""

    seed: int
    won: bool
    days: int
    reason: str  # GameOver.reason: objectives-held, day-limit or deadline
    missed: str | None  # the objective not held (a defeat)
    by_day: int | None  # its deadline (a `deadline` defeat)
    casualties: tuple[int, ...]  # the player's, by cause, in `CAUSES` order
    civilian_harm: int
    traps_struck: int
    traps_cleared: int
    taken: tuple[tuple[str, int], ...]  # (objective, the day it was first taken)
    held: tuple[str, ...]  # the objectives held at the end
    operations: int  # planned over the whole game
    fingerprint: str
    # Where booby-traps and car bombs struck the player's units: (kind, id, strikes,
    # casualties to traps, to car bombs), kind "road" or "place"; a car bomb stopped
    # short strikes nobody.
    struck: tuple[tuple[str, str, int, int, int], ...] = ()


def _struck(events: Sequence[object]) -> tuple[tuple[str, str, int, int, int], ...]:
    """A game's traps struck and car bombs that reached a unit, summed by road and place."""
    found: dict[tuple[str, str], list[int]] = {}
    for e in events:
        if isinstance(e, TrapStruck):
            where = ("road", e.road) if e.road is not None else ("place", e.place or "")
            cause = 1
        elif isinstance(e, VbiedAttack) and not e.stopped:
            where, cause = ("place", e.place), 2
        else:
            continue
        tally = found.setdefault(where, [0, 0, 0])
        tally[0] += 1
        tally[cause] += e.casualties
    return tuple((kind, ident, strikes, traps, bombs)
                 for (kind, ident), (strikes, traps, bombs) in sorted(found.items()))


def summarize_game(game: GameRecord) -> GameSummary:
    state = game.final
    scenario = state.scenario
    objectives = {o.place for o in scenario.objectives}
    over = next((e for e in reversed(game.events) if isinstance(e, GameOver)), None)
    taken: dict[str, int] = {}
    for e in game.events:
        if isinstance(e, PlaceTaken) and e.place in objectives:
            taken.setdefault(e.place, e.day)
    days = state.record
    by_cause = (
        sum(d.lost_to_traps for d in days),
        sum(d.lost_to_vbieds for d in days),
        sum(d.lost_in_assaults for d in days),
        sum(d.lost_to_counterattacks for d in days),
        sum(d.lost_to_attrition for d in days),
    )
    player = scenario.player_side
    return GameSummary(
        seed=game.seed,
        won=state.outcome == Outcome.VICTORY,
        days=game.days,
        reason=over.reason if over is not None else "",
        missed=over.place if over is not None else None,
        by_day=over.by_day if over is not None else None,
        casualties=by_cause,
        civilian_harm=sum(d.civilian_harm for d in days),
        traps_struck=sum(d.traps_struck for d in days),
        traps_cleared=sum(d.traps_cleared for d in days),
        taken=tuple(sorted(taken.items(), key=lambda item: (item[1], item[0]))),
        held=tuple(o.place for o in scenario.objectives
                   if state.place(o.place).side == player),
        operations=sum(len(plan) for plan in game.plans),
        fingerprint=fingerprint(state) if game.plans else "",
        struck=_struck(game.events),
    )


@record
class Spread:
    """The spread of one figure over games."""

    n: int
    mean: float
    sd: float
    p10: float
    p50: float
    p90: float
    low: float
    high: float


def percentile(ordered: Sequence[float], share: float) -> float:
    """Nearest rank: the smallest value with at least `share` of the values at or below it."""
    rank = max(1, math.ceil(share * len(ordered) - 1e-9))
    return ordered[rank - 1]


def spread(values: Sequence[float]) -> Spread | None:
    if not values:
        return None
    ordered = sorted(values)
    sd = statistics.stdev(ordered) if len(ordered) > 1 else 0.0
    return Spread(len(ordered), round(statistics.fmean(ordered), 3), round(sd, 3),
                  percentile(ordered, 0.1), percentile(ordered, 0.5), percentile(ordered, 0.9),
                  ordered[0], ordered[-1])


def wilson(successes: int, n: int, z: float = Z95) -> tuple[float, float]:
    """Wilson's score interval for a proportion."""
    if n == 0:
        return (0.0, 1.0)
    p = successes / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4))


@record
class ObjectiveStats:
    """One objective over the games: how often and when it was taken."""

    place: str
    name: str
    by_day: int | None
    held_at_start: bool
    taken_rate: float  # share of games in which the player took it
    held_rate: float  # share of games that ended with it held
    taken_day: Spread | None  # the day it was first taken, in the games it was


@record
class Defeat:
    """One reason games were lost, and how many."""

    reason: str  # day-limit or deadline
    place: str | None  # the objective missing (the first not held, for the day limit)
    by_day: int | None
    games: int


@record
class Ground:
    """A road or place where booby-traps and car bombs struck, over the games played."""

    kind: str  # "road" or "place"
    id: str
    name: str  # a place's name; a road's "Ana–Rawa road", from its ends' names
    losses: float  # the player's casualties to both there, a game
    to_traps: float  # of which to booby-traps
    to_vbieds: float  # and to car bombs
    strikes: float  # traps struck and car bombs that reached a unit there, a game
    games: float  # the share of games in which something struck there


def _ground(scenario: Scenario, games: Sequence[GameSummary]) -> tuple[Ground, ...]:
    """Every road and place struck in some game, the costliest first."""
    runs = len(games)
    names = {p.id: p.name for p in scenario.places}
    roads = {r.id: r.display_name(names) for r in scenario.roads}
    totals: dict[tuple[str, str], list[int]] = {}  # strikes, to traps, to car bombs, games
    for g in games:
        for kind, ident, strikes, traps, bombs in g.struck:
            tally = totals.setdefault((kind, ident), [0, 0, 0, 0])
            tally[0] += strikes
            tally[1] += traps
            tally[2] += bombs
            tally[3] += 1
    found = [Ground(kind, ident, (roads if kind == "road" else names).get(ident, ident),
                    round((traps + bombs) / runs, 3), round(traps / runs, 3),
                    round(bombs / runs, 3), round(strikes / runs, 3), round(seen / runs, 4))
             for (kind, ident), (strikes, traps, bombs, seen) in totals.items()]
    return tuple(sorted(found, key=lambda g: (-g.losses, -g.strikes, g.kind, g.id)))


@record
class BalanceReport:
    """What `anbar simulate` prints: many games of one policy on one scenario."""

    scenario: str
    title: str
    policy: str
    seed: int
    runs: int
    without: tuple[str, ...]
    day_limit: int
    wins: int
    win_rate: float
    win_interval: tuple[float, float]  # 95%
    days: Spread  # every game
    days_of_wins: Spread | None
    casualties: Spread  # the player's, a game
    casualties_by_cause: tuple[tuple[str, float], ...]  # (cause, mean a game)
    civilian_harm: Spread
    traps_struck: int  # over all games
    traps_cleared: int  # trap levels, over all games
    operations_a_day: float  # mean over every day played
    objectives: tuple[ObjectiveStats, ...]
    defeats: tuple[Defeat, ...]  # most frequent first
    fingerprints: tuple[str, ...]  # of each game's end, in seed order
    ground: tuple[Ground, ...] = ()  # where traps and car bombs struck, costliest first


def aggregate(scenario: Scenario, policy: str, seed: int, games: Sequence[GameSummary],
              without: Sequence[str] = ()) -> BalanceReport:
    runs = len(games)
    if runs == 0:
        raise ValueError("no games to aggregate")
    wins = sum(1 for g in games if g.won)
    totals = [sum(g.casualties) for g in games]
    cause_means = tuple((str(cause), round(sum(g.casualties[i] for g in games) / runs, 3))
                        for i, cause in enumerate(CAUSES))
    player = scenario.player_side
    names = {p.id: p.name for p in scenario.places}
    sides = {p.id: p.side for p in scenario.places}
    objectives = []
    for objective in scenario.objectives:
        days = [day for g in games for place, day in g.taken if place == objective.place]
        held = sum(1 for g in games if objective.place in g.held)
        objectives.append(ObjectiveStats(
            objective.place, names.get(objective.place, objective.place), objective.by_day,
            sides.get(objective.place) == player, round(len(days) / runs, 4),
            round(held / runs, 4), spread(days)))
    lost = Counter((g.reason, g.missed, g.by_day if g.reason == "deadline" else None)
                   for g in games if not g.won)
    defeats = tuple(Defeat(reason, place, by_day, count) for (reason, place, by_day), count
                    in sorted(lost.items(), key=lambda item: (-item[1], str(item[0]))))
    days_played = sum(g.days for g in games)
    days_spread = spread([g.days for g in games])
    casualties = spread(totals)
    harm = spread([g.civilian_harm for g in games])
    assert days_spread is not None and casualties is not None and harm is not None
    return BalanceReport(
        scenario=scenario.id, title=scenario.title, policy=policy, seed=seed, runs=runs,
        without=tuple(sorted(without)), day_limit=scenario.days, wins=wins,
        win_rate=round(wins / runs, 4), win_interval=wilson(wins, runs),
        days=days_spread, days_of_wins=spread([g.days for g in games if g.won]),
        casualties=casualties, casualties_by_cause=cause_means, civilian_harm=harm,
        traps_struck=sum(g.traps_struck for g in games),
        traps_cleared=sum(g.traps_cleared for g in games),
        operations_a_day=round(sum(g.operations for g in games) / max(days_played, 1), 3),
        objectives=tuple(objectives), defeats=defeats,
        fingerprints=tuple(g.fingerprint for g in games),
        ground=_ground(scenario, games),
    )


def _spread_data(s: Spread | None) -> dict[str, float] | None:
    if s is None:
        return None
    return {"n": s.n, "mean": s.mean, "sd": s.sd, "p10": s.p10, "p50": s.p50, "p90": s.p90,
            "min": s.low, "max": s.high}


def report_data(report: BalanceReport) -> dict[str, object]:
    """The report as `anbar simulate --json` prints it (the keys of the earlier summary
    first, unchanged: scenario, policy, runs, seed, wins, win_rate, mean_days,
    mean_casualties, mean_civilian_harm, traps_struck, traps_cleared, fingerprints)."""
    return {
        "scenario": report.scenario,
        "policy": report.policy,
        "runs": report.runs,
        "seed": report.seed,
        "wins": report.wins,
        "win_rate": report.win_rate,
        "mean_days": report.days.mean,
        "mean_casualties": report.casualties.mean,
        "mean_civilian_harm": report.civilian_harm.mean,
        "traps_struck": report.traps_struck,
        "traps_cleared": report.traps_cleared,
        "fingerprints": list(report.fingerprints),
        "without": list(report.without),
        "day_limit": report.day_limit,
        "win_rate_ci95": list(report.win_interval),
        "days": _spread_data(report.days),
        "days_of_wins": _spread_data(report.days_of_wins),
        "casualties": _spread_data(report.casualties),
        "casualties_by_cause": dict(report.casualties_by_cause),
        "civilian_harm": _spread_data(report.civilian_harm),
        "operations_a_day": report.operations_a_day,
        "objectives": [
            {"place": o.place, "name": o.name, "by_day": o.by_day,
             "held_at_start": o.held_at_start, "capture_rate": o.taken_rate,
             "held_at_end_rate": o.held_rate, "capture_day": _spread_data(o.taken_day)}
            for o in report.objectives
        ],
        "defeats": [
            {"reason": d.reason, "place": d.place, "by_day": d.by_day, "games": d.games}
            for d in report.defeats
        ],
        "struck_ground": [
            {"kind": g.kind, "id": g.id, "name": g.name, "losses": g.losses,
             "losses_to_traps": g.to_traps, "losses_to_vbieds": g.to_vbieds,
             "strikes": g.strikes, "games_rate": g.games}
            for g in report.ground
        ],
    }
