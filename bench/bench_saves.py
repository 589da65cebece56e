"""Save figures: writing and loading (with its full replay) a 60-day game of the default scenario.

    python bench/bench_saves.py [--quick] [--json]

The game is the default scenario played to its 60-day limit by the `random`
policy, whose plans are the fullest of the built-in policies (about 700
operations over the game), so the replay that loading does is the longest a
save of this scenario asks for. `save_ms` is `save_game` (serialize, write,
fsync, rename, fsync of the folder); `load_ms` is `read_save` + `restore`
(parse, checksum, scenario parse, 60 days replayed and fingerprinted);
`autosave_ms` is the end of a day's autosave beside the scenario's others (the
newest compared to skip a repeat, without reading it back when this process
wrote it, the new one written, the oldest removed);
`list_50_ms` lists a folder of 50 such saves (each read and checked).
Medians of repeated runs. With `--json`, one JSON object: save_ms, load_ms,
read_ms (parsing alone), autosave_ms, list_50_ms, save_kb, days, operations.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.data.saves import (  # noqa: E402
    Playthrough,
    autosave,
    list_saves,
    read_save,
    restore,
    save_game,
)
from game.data.scenario import parse_scenario, read_text  # noqa: E402
from game.engine import GameState, apply_plan, fingerprint, new_game, play_game  # noqa: E402

DEFAULT = ROOT / "scenarios" / "western-anbar-2017.yaml"


def median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _day_before(playthrough: Playthrough, text: str) -> tuple[Playthrough, GameState]:
    """The same game a day earlier: its plans but the last, and the state they lead to."""
    state = new_game(parse_scenario(text, str(DEFAULT)), playthrough.seed)
    earlier = Playthrough(text, playthrough.scenario_file, playthrough.seed)
    for plan in playthrough.plans[:-1]:
        state, _ = apply_plan(state, plan)
        earlier = earlier.after(plan, state)
    return earlier, state


def measure(repeats: int, seed: int = 1) -> dict[str, float]:
    text = read_text(DEFAULT)
    record = play_game(parse_scenario(text, str(DEFAULT)), seed, "random")
    playthrough = Playthrough(text, str(DEFAULT), seed, record.plans, record.fingerprints)
    with tempfile.TemporaryDirectory(prefix="bench-saves-") as folder:
        path = save_game(Path(folder), "bench", playthrough, record.final)
        save = median_ms(lambda: save_game(Path(folder), "bench", playthrough, record.final),
                         repeats)
        read = median_ms(lambda: read_save(path), repeats)
        load = median_ms(lambda: restore(read_save(path)), repeats)
        # The end of a day: an autosave beside the scenario's others (read the newest, write,
        # prune); and the save list of a folder of 50 saves.
        autosaves = Path(folder) / "autosaves"
        # Two moments of the game in turn, so each autosave is written (never a repeat).
        moments = [(playthrough, record.final), _day_before(playthrough, text)]
        for number in range(3):
            autosave(autosaves, *moments[number % 2])
        turns = iter(range(10**6))
        autosaving = median_ms(lambda: autosave(autosaves, *moments[next(turns) % 2]), repeats)
        listed = Path(folder) / "listed"
        for number in range(50):
            save_game(listed, f"save {number}", playthrough, record.final)
        listing = median_ms(lambda: list_saves(listed), max(3, repeats // 5))
        restored = restore(read_save(path))
        if fingerprint(restored.state) != fingerprint(record.final):
            raise SystemExit("bench_saves: the loaded game is not the saved one")
        size_kb = path.stat().st_size / 1024
    return {
        "save_ms": round(save, 2),
        "load_ms": round(load, 2),
        "read_ms": round(read, 2),
        "autosave_ms": round(autosaving, 2),
        "list_50_ms": round(listing, 1),
        "save_kb": round(size_kb, 1),
        "days": record.days,
        "operations": sum(len(plan) for plan in record.plans),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(5 if args.quick else 25)
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"a {figures['days']}-day game, {figures['operations']} operations, "
              f"{figures['save_kb']} kB on disk")
        print(f"save, median:             {figures['save_ms']} ms (target < 200)")
        print(f"load and replay, median:  {figures['load_ms']} ms (target < 200)")
        print(f"read and check only:      {figures['read_ms']} ms")
        print(f"autosave at a day's end:  {figures['autosave_ms']} ms")
        print(f"list 50 saves:            {figures['list_50_ms']} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
