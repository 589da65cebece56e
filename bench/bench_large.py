"""The engine and the operation menu on large maps: 1,000, 10,000 and 100,000 places.

    python bench/bench_large.py [--quick] [--json] [--sizes 1000,10000,100000]

On scenarios from `bench/gen_scenario.py` (1.5 roads a place), each figure at each
size, the size in its name (`1k`, `10k`, `100k`):

- `legal_ops_<n>_ms`: `legal_operations` for a unit, the slowest of the first five
  units (median of the repeats); target < 100 at 10k. `legal_ops_air_<n>_ms`: for an
  air asset (every place and road is a target).
- `menu_unit_<n>_ms`, `menu_air_<n>_ms`: what opening the operation menu computes
  (`legal_operations`, the entries' words, the menu's first ranking; the names table
  is built once a day, before), without
  Textual's drawing (`bench_map.py` times the menu's frame); target < 200 at 10k.
- `random_plan_<n>_ms`: the `random` policy's plan for a day (was 115 s at 10k).
- `plan50_day_<n>_ms`: `apply_plan` of a 50-line plan (the random policy's lines, and
  the doctrine's when they run short); target < 300 at 10k. `plan50_preview_<n>_ms`:
  `preview_plan` of it, not cached. `plan50_lines_<n>`: the plan's lines.
- The scenario and the new game are frozen out of garbage collection (`gc.freeze`),
  as the game does after its first frame.
- `growth_<figure>`: how the figure grows from 10x fewer places to the largest size,
  as the exponent k of n**k (1 is linear, n log n a little more; 2 would be quadratic).

`--quick`: 1,000 and 10,000 places, fewer repeats. Wall times swing with the machine
by a third: compare figures from one run.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.figures import size_tag  # noqa: E402
from game.data.problems import ScenarioError  # noqa: E402
from game.data.scenario import parse_scenario  # noqa: E402
from game.engine import (  # noqa: E402
    apply_plan,
    choose_plan,
    new_game,
    operations,
)
from game.engine.model import Scenario  # noqa: E402
from game.engine.operations import (  # noqa: E402
    Operation,
    Planner,
    legal_operations,
    preview_plan,
)
from game.engine.state import GameState  # noqa: E402
from game.tui import narrate, wording  # noqa: E402

FIGURES = ("legal_ops", "legal_ops_air", "menu_unit", "menu_air", "random_plan",
           "plan50_day", "plan50_preview")


def timed(work: Callable[[], object], repeats: int) -> float:
    """The median ms of `work` over `repeats` runs, each after a collection."""
    times = []
    for _ in range(repeats):
        gc.collect()
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def menu(state: GameState, owner: str) -> int:
    """What `OrdersScreen.open_menu` and the menu compute before Textual draws."""
    from game.tui.widgets import operation_menu
    from game.tui.widgets.operation_menu import MenuItem, OperationMenu, ranked

    names = narrate.names(state)  # the game screen's log has asked for them already
    choices = legal_operations(state, owner, ())
    if hasattr(operation_menu, "menu_items"):
        items = operation_menu.menu_items(choices, names)
    else:  # before the menu's entries had a function of their own
        items = [MenuItem(narrate.choice_label(c, names), bool(c.legal),
                          wording.reason(c.reason, names)) for c in choices]
    screen = OperationMenu(owner, items)
    prepared = getattr(screen, "prepared", None)  # None: before the menu kept its words
    shown = ranked(screen.items, "") if prepared is None else ranked(screen.items, "", prepared)
    return len(shown)


def plan_of(state: GameState, lines: int) -> tuple[Operation, ...]:
    """Up to `lines` legal lines: the random policy's, then the doctrine's that still fit."""
    planner = Planner(state)
    plan = []
    for op in choose_plan("random", state) + choose_plan("doctrine", state):
        if len(plan) < lines and planner.try_add(op) is not None:
            plan.append(op)
    return tuple(plan)


def load(text: str) -> Scenario:
    """The generated scenario; over the reader's size limits (100,000 places, about
    24 MB, before the limit allows them) the bench lifts them for itself."""
    from game.data import source, yamltree

    try:
        return parse_scenario(text, "generated.yaml")
    except ScenarioError:
        lifted = {(source, "MAX_FILE_BYTES"): len(text) + 1,
                  (yamltree, "MAX_NODES"): 50_000_000}
        saved = {key: getattr(*key) for key in lifted}
        for (module, name), value in lifted.items():
            setattr(module, name, max(value, saved[(module, name)]))
        try:
            return parse_scenario(text, "generated.yaml")
        finally:
            for (module, name), value in saved.items():
                setattr(module, name, value)


def at_size(places: int, repeats: int) -> dict[str, float]:
    from bench.gen_scenario import generate

    gc.unfreeze()
    scenario = load(generate(places, places * 3 // 2, seed=1))
    state = new_game(scenario, 1)
    narrate.names(state)
    # What loading built lives as long as the game: the game freezes it after its first
    # frame (`gc.freeze`), so that collections skip it; so does the bench (without it, at
    # 100,000 places every full collection walks half a million objects).
    gc.freeze()
    units = [u.id for u in state.units[:5]]
    air = state.air[0].id
    tag = size_tag(places)
    figures: dict[str, float] = {}
    figures[f"legal_ops_{tag}_ms"] = max(
        timed(lambda unit=unit: legal_operations(state, unit), repeats) for unit in units)
    figures[f"legal_ops_air_{tag}_ms"] = timed(lambda: legal_operations(state, air), repeats)
    figures[f"menu_unit_{tag}_ms"] = max(
        timed(lambda unit=unit: menu(state, unit), repeats) for unit in units)
    figures[f"menu_air_{tag}_ms"] = timed(lambda: menu(state, air), repeats)
    figures[f"random_plan_{tag}_ms"] = timed(lambda: choose_plan("random", state),
                                             max(1, repeats // 2))
    plan = plan_of(state, 50)
    figures[f"plan50_lines_{tag}"] = len(plan)

    def preview() -> None:
        operations._CHECKED.clear()
        preview_plan(state, plan)

    def day() -> None:
        operations._CHECKED.clear()
        apply_plan(state, plan)

    figures[f"plan50_preview_{tag}_ms"] = timed(preview, repeats)
    figures[f"plan50_day_{tag}_ms"] = timed(day, repeats)
    return {key: round(value, 2) for key, value in figures.items()}


def growth(figures: dict[str, float], sizes: list[int]) -> dict[str, float]:
    """Each figure's exponent k (time ~ n**k) between the largest size and the one 10x
    smaller, when both were measured."""
    out: dict[str, float] = {}
    big = max(sizes)
    small = big // 10
    if small not in sizes:
        return out
    for name in FIGURES:
        low = figures.get(f"{name}_{size_tag(small)}_ms")
        high = figures.get(f"{name}_{size_tag(big)}_ms")
        if low and high:
            out[f"growth_{name}"] = round(math.log(high / low) / math.log(big / small), 2)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1k and 10k, fewer repeats")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    parser.add_argument("--sizes", help="places, comma-separated (default 1000,10000,100000)")
    args = parser.parse_args(argv)
    if args.sizes:
        sizes = [int(size) for size in args.sizes.split(",")]
    else:
        sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    figures: dict[str, Any] = {}
    for places in sizes:
        repeats = 3 if args.quick or places >= 100_000 else 7
        figures |= at_size(places, repeats)
        if not args.json:
            tag = f"_{size_tag(places)}"
            print(f"{places} places: " + ", ".join(
                f"{key} {value}" for key, value in figures.items() if tag in key), flush=True)
    figures |= growth(figures, sizes)
    if args.json:
        print(json.dumps(figures, sort_keys=True))
    else:
        print("growth (time ~ places**k): " + ", ".join(
            f"{key[7:]} {value}" for key, value in figures.items() if key.startswith("growth_")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
