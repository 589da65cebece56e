"""The cycle collector's pauses while a large game is played, from the title screen.

    python bench/bench_collector.py [--places 10000] [--days 6] [--json]

A game of a generated scenario (bench/gen_scenario.py) started from the title
screen, as the player starts one (so that `anbar play`'s freeze after its first
frame does not cover it), headless at 120x40; each day: the doctrine's fill
(`f`), 40 cursor keys, the operation menu opened and closed three times, then the
day ended (`n`, `y`) and its log skipped. Python's own collection callbacks time
every full collection (the oldest generation's, which walks every object not
frozen: the only ones that cost much):

- `collector_planning_max_ms`: the longest while the player plans (any key but
  those that end the day): target at most 50 at 10,000 places, a pause a cursor key
  or a menu would feel; `collector_planning_count` how many there were;
- `collector_day_end_max_ms`: the longest from the day's end key to the next
  plan (the day's own, and `game.tui.garbage.kept_after_day`'s), and its count;
- `collector_tracked`: the objects the collector still walks at the last plan.
Named with the size for bench/run.py: `collector_planning_10k_ms`.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (120, 40)


class Pauses:
    """Every full collection's length, filed under what the player was doing."""

    def __init__(self) -> None:
        self.phase = "planning"
        self.started = 0.0
        self.ms: dict[str, list[float]] = {"planning": [], "day_end": []}

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self.started = time.perf_counter()
        else:
            self.ms[self.phase].append((time.perf_counter() - self.started) * 1000)


async def play(scenario: Path, saves: Path, days: int) -> dict[str, float]:
    from game.tui.app import create_app
    from game.tui.screens.confirm import ConfirmScreen
    from game.tui.screens.game import GameScreen

    app = create_app(seed=1, saves_folder=saves)
    app.event_delay = 0
    pauses = Pauses()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        app.start_game(scenario, 1)
        while not isinstance(app.screen, GameScreen):
            await pilot.pause(0.05)
        await pilot.pause(0.5)  # the first frame, and what follows it
        screen = app.screen
        gc.callbacks.append(pauses)
        try:
            for day in range(1, days + 1):
                await pilot.press("f")
                await pilot.press(*["down", "right", "up", "left"] * 10)
                for _ in range(3):
                    await pilot.press("a")
                    await pilot.pause(0.1)
                    await pilot.press("escape")
                pauses.phase = "day_end"
                await pilot.press("n")
                await pilot.pause()
                if isinstance(app.screen, ConfirmScreen):
                    await pilot.press("y")
                while screen.state.day == day or screen.after_day is not None:
                    await pilot.pause(0.05)
                await pilot.pause(0.2)
                pauses.phase = "planning"
            tracked = len(gc.get_objects())
        finally:
            gc.callbacks.remove(pauses)
    planning, day_end = pauses.ms["planning"], pauses.ms["day_end"]
    return {"collector_planning_max_ms": round(max(planning, default=0.0), 1),
            "collector_planning_count": len(planning),
            "collector_day_end_max_ms": round(max(day_end, default=0.0), 1),
            "collector_day_end_count": len(day_end),
            "collector_tracked": tracked, "collector_days": days}


def measure(places: int, days: int) -> dict[str, float]:
    from bench.bench_map import scenario_file
    from bench.figures import size_tag

    with tempfile.TemporaryDirectory(prefix="anbar-bench-collector-") as folder:
        saves = Path(folder)
        os.environ["ANBAR_CACHE_DIR"] = str(saves / "cache")
        figures = asyncio.run(play(scenario_file(places, saves), saves, days))
    tag = size_tag(places)
    return figures | {"places": places,
                      f"collector_planning_{tag}_ms": figures["collector_planning_max_ms"]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000, help="0: the default campaign")
    parser.add_argument("--days", type=int, default=6)
    parser.add_argument("--quick", action="store_true", help="3 days")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)
    figures = measure(args.places, 3 if args.quick else args.days)
    if args.json:
        print(json.dumps(figures, sort_keys=True))
        return 0
    where = f"{args.places:,} places" if args.places else "the default campaign"
    days = int(figures["collector_days"])
    print(f"{where}, {days} day{'s' if days != 1 else ''} from the title screen:")
    print(f"while planning   longest {figures['collector_planning_max_ms']:7.1f} ms "
          f"of {figures['collector_planning_count']} full collections (target <= 50)")
    print(f"at the day's end longest {figures['collector_day_end_max_ms']:7.1f} ms "
          f"of {figures['collector_day_end_count']}")
    print(f"objects the collector walks at the last plan: {figures['collector_tracked']:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
