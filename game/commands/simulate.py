"""`anbar simulate SCENARIO [--policy P] [--seed N] [--runs K] [--jobs J] [--without W] [--json]`.

The balance lab: plays K seeded games (seeds N..N+K-1) with a built-in policy
for the player's side, on J processes (default: every core; the report is the
same for any J), and reports the win rate with its 95% interval, the spread of
days, casualties by cause, civilian harm, each objective's capture rate and
day, and why games were lost (`game.engine.balance`). `--without traps|supply|
vbieds` switches a family of rules off, to measure what it does. With --json,
one JSON object on stdout. `--save NAME` (with --runs 1) writes the game as a
save. Exit status: 0 done, 1 a problem with the scenario, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from game.commands.common import scenario_path
from game.commands.lab import play_many
from game.data.problems import printable
from game.data.scenario import ScenarioError, analyse_file
from game.engine import GameRecord, play_game
from game.engine.balance import BalanceReport, Spread, aggregate, report_data, summarize_game
from game.tui.wording import family_word


def run(args: argparse.Namespace) -> int:
    if args.save and args.runs != 1:
        print("anbar simulate: --save needs --runs 1", file=sys.stderr)
        return 2
    try:
        path = scenario_path(args.scenario)
    except ValueError as error:
        print(printable(f"anbar simulate: {error}"), file=sys.stderr)
        return 1
    analysis = analyse_file(path)
    scenario = analysis.scenario
    if scenario is None:
        print(ScenarioError(analysis.problems), file=sys.stderr)
        return 1
    if analysis.problems:  # warnings: say so, since a warning can explain a result
        count = len(analysis.problems)
        print(printable(f"anbar simulate: {path} has {count} warning"
                        f"{'s' if count != 1 else ''} (anbar validate {path} lists them)"),
              file=sys.stderr)
    without = tuple(sorted(set(args.without or ())))
    seeds = range(args.seed, args.seed + args.runs)
    if args.save:
        record = play_game(scenario, args.seed, args.policy, without=without)
        status = _save(args, path, record)
        if status:
            return status
        games = [summarize_game(record)]
    else:
        games = play_many(scenario, args.policy, seeds, without=without, jobs=args.jobs,
                          progress=sys.stderr)
    report = aggregate(scenario, args.policy, args.seed, games, without)
    if args.json:
        print(json.dumps(report_data(report)))
    else:
        print("\n".join(report_lines(report)))
    return 0


def _pct(share: float) -> str:
    return f"{share * 100:.0f}%"


def _num(value: float) -> str:
    return f"{value:.0f}" if value == int(value) else f"{value:.1f}"


def _spread_row(label: str, s: Spread | None, width: int) -> str:
    if s is None:
        return f"  {label:<{width}}     -"
    return (f"  {label:<{width}} {s.mean:>6.1f} {s.sd:>5.1f} {_num(s.p10):>5} {_num(s.p50):>5} "
            f"{_num(s.p90):>5}  {_num(s.low)}-{_num(s.high)}")


def report_lines(report: BalanceReport) -> list[str]:
    """The report as a readable table (docs/rules.md, "The balance lab", explains each line)."""
    runs = report.runs
    last = report.seed + runs - 1
    off = f", without {', '.join(report.without)}" if report.without else ""
    lines = [printable(f"{report.title}: {runs} game{'s' if runs != 1 else ''} with the "
                       f"{report.policy} policy, seeds {report.seed}..{last}{off}")]
    low, high = report.win_interval
    lines.append(f"  won   {report.wins} of {runs} ({_pct(report.win_rate)}; 95% interval "
                 f"{_pct(low)}-{_pct(high)})")
    names = {o.place: printable(o.name, 40) for o in report.objectives}
    lost = runs - report.wins
    if lost:
        lines.append(f"  lost  {lost}:")
        for d in report.defeats:
            missed = names.get(d.place or "", d.place or "?")
            why = (f"{missed} not held by day {d.by_day}" if d.reason == "deadline"
                   else f"day limit ({report.day_limit}), {missed} not held"
                   if d.reason == "day-limit" else d.reason or "unknown")
            lines.append(f"    {d.games:>5}  {why}")
    width = 16
    lines += ["", f"  {'days':<{width}} {'mean':>6} {'sd':>5} {'p10':>5} {'p50':>5} {'p90':>5}"
                  "  range",
              _spread_row("every game", report.days, width),
              _spread_row("games won", report.days_of_wins, width)]
    total = report.casualties.mean
    lines += ["", f"  {'losses a game':<{width}} {'mean':>6} {'share':>6}"]
    for cause, mean in report.casualties_by_cause:
        share = _pct(mean / total) if total else "-"
        lines.append(f"  {family_word(cause):<{width}} {mean:>6.1f} {share:>6}")
    c = report.casualties
    lines.append(f"  {'all causes':<{width}} {c.mean:>6.1f}   (sd {c.sd:.1f}, p10 {_num(c.p10)}, "
                 f"p50 {_num(c.p50)}, p90 {_num(c.p90)})")
    h = report.civilian_harm
    lines.append(f"  {'civilian harm':<{width}} {h.mean:>6.1f}   (p90 {_num(h.p90)})")
    if report.objectives:
        labels = [printable(o.name, 40) + (f" (by day {o.by_day})" if o.by_day else "")
                  for o in report.objectives]
        name_width = max(width, *map(len, labels))
        lines += ["", f"  {'objective':<{name_width}} {'taken':>6} {'held':>6}  "
                      f"{'taken on day':<13}{'p10':>5} {'p50':>5} {'p90':>5}"]
        for o, label in zip(report.objectives, labels, strict=True):
            if o.held_at_start:
                when = "held from the start"
            elif o.taken_day is None:
                when = "never taken"
            else:
                t = o.taken_day
                when = f"{'':<13}{_num(t.p10):>5} {_num(t.p50):>5} {_num(t.p90):>5}"
            lines.append(f"  {label:<{name_width}} {_pct(o.taken_rate):>6} "
                         f"{_pct(o.held_rate):>6}  {when}")
    lines += _ground_lines(report)
    lines += ["", f"  traps struck {report.traps_struck}, trap levels cleared "
                  f"{report.traps_cleared}; {report.operations_a_day:.1f} operations "
                  "planned a day"]
    return lines


GROUND_SHOWN = 5  # the costliest roads and places; --json lists them all


def _ground_lines(report: BalanceReport) -> list[str]:
    """Where booby-traps and car bombs cost the most: what an author rebalances first."""
    if not report.ground:
        return []
    shown = report.ground[:GROUND_SHOWN]
    labels = [printable(g.name, 48) for g in shown]
    head = "where traps and car bombs struck"
    width = max(len(head) - 10, *map(len, labels))
    lines = ["", f"  {head}, a game",
             f"  {'':<{width}} {'losses':>7} {'traps':>6} {'bombs':>6} {'strikes':>8} "
             f"{'games':>6}"]
    lines += [f"  {label:<{width}} {g.losses:>7.1f} {g.to_traps:>6.1f} {g.to_vbieds:>6.1f} "
              f"{g.strikes:>8.1f} {_pct(g.games):>6}"
              for g, label in zip(shown, labels, strict=True)]
    if len(report.ground) > GROUND_SHOWN:
        lines.append(f"  ... {len(report.ground) - GROUND_SHOWN} more places and roads struck"
                     " (--json lists them all)")
    return lines


def _save(args: argparse.Namespace, path: Path, record: GameRecord) -> int:
    """Write the one game played as a save the game can load and `anbar replay` can check."""
    from game.data import saves

    try:
        written = saves.save_record(record, args.save, scenario_path=path,
                              folder=saves.saves_dir(getattr(args, "saves_dir", None)))
    except (OSError, ValueError, saves.SaveError) as error:
        print(f"anbar simulate: cannot save '{args.save}': {error}", file=sys.stderr)
        return 1
    if not args.json:
        print(f"saved {written}")
    return 0
