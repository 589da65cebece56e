"""`anbar simulate SCENARIO --policy P --seed N --runs K [--json] [--save NAME]`.

Plays K seeded games (seeds N..N+K-1) with a built-in policy for the player's
side and reports the win rate, days, casualties, civilian harm and traps.
With --json, one JSON object on stdout. Exit status: 0 done, 1 a problem with
the scenario, 2 usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.data.builtin import ScenarioNotFound, resolve_scenario
from game.data.problems import printable
from game.data.scenario import ScenarioError, load_scenario
from game.engine import GameRecord, Outcome, play_game


def summarize(records: list[GameRecord], scenario: str, policy: str, seed: int) -> dict[str, Any]:
    runs = len(records)
    wins = sum(1 for r in records if r.outcome == Outcome.VICTORY)

    def mean(values: list[int]) -> float:
        return round(sum(values) / runs, 3) if runs else 0.0

    return {
        "scenario": scenario,
        "policy": policy,
        "runs": runs,
        "seed": seed,
        "wins": wins,
        "win_rate": round(wins / runs, 4) if runs else 0.0,
        "mean_days": mean([r.days for r in records]),
        "mean_casualties": mean([sum(d.own_casualties for d in r.final.record) for r in records]),
        "mean_civilian_harm": mean([sum(d.civilian_harm for d in r.final.record)
                                    for r in records]),
        "traps_struck": sum(d.traps_struck for r in records for d in r.final.record),
        "traps_cleared": sum(d.traps_cleared for r in records for d in r.final.record),
        "fingerprints": [r.fingerprints[-1] if r.fingerprints else "" for r in records],
    }


def run(args: argparse.Namespace) -> int:
    if args.runs < 1:
        print("anbar simulate: --runs must be at least 1", file=sys.stderr)
        return 2
    if args.save and args.runs != 1:
        print("anbar simulate: --save needs --runs 1", file=sys.stderr)
        return 2
    try:
        path = resolve_scenario(args.scenario)
        scenario = load_scenario(path)
    except ScenarioNotFound as error:
        print(f"anbar simulate: {error}", file=sys.stderr)
        return 1
    except ScenarioError as error:
        print(error, file=sys.stderr)
        return 1
    records = [play_game(scenario, args.seed + i, args.policy) for i in range(args.runs)]
    if args.save:
        status = _save(args, path, records[0])
        if status:
            return status
    summary = summarize(records, scenario.id, args.policy, args.seed)
    if args.json:
        print(json.dumps(summary))
        return 0
    print(f"{printable(scenario.title)}: {args.runs} game{'s' if args.runs != 1 else ''} "
          f"with the {args.policy} policy, seeds {args.seed}..{args.seed + args.runs - 1}")
    print(f"  wins             {summary['wins']} ({summary['win_rate']:.0%})")
    print(f"  mean days        {summary['mean_days']:.1f} (limit {scenario.days})")
    print(f"  mean casualties  {summary['mean_casualties']:.1f}")
    print(f"  mean civ. harm   {summary['mean_civilian_harm']:.1f}")
    print(f"  traps struck     {summary['traps_struck']}, cleared {summary['traps_cleared']} "
          f"levels")
    return 0


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
