"""Save figures: writing and loading (with its full replay) a 60-day game of the default scenario.

    python bench/bench_saves.py [--quick] [--json]

The game is the default scenario played to its 60-day limit by the `random`
policy, whose plans are the fullest of the built-in policies (about 700
operations over the game), so the replay that loading does is the longest a
save of this scenario asks for. `save_ms` is `save_game` (serialize, write,
fsync, rename, fsync of the folder); `load_ms` is `read_save` + `restore`
(parse, checksum, scenario parse, 60 days replayed and fingerprinted).
Medians of repeated runs. With `--json`, one JSON object: save_ms, load_ms,
read_ms (parsing alone), save_kb, days, operations.
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

from game.data.saves import Playthrough, read_save, restore, save_game  # noqa: E402
from game.data.scenario import parse_scenario, read_text  # noqa: E402
from game.engine import fingerprint, play_game  # noqa: E402

DEFAULT = ROOT / "scenarios" / "western-anbar-2017.yaml"


def median_ms(action: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


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
        restored = restore(read_save(path))
        if fingerprint(restored.state) != fingerprint(record.final):
            raise SystemExit("bench_saves: the loaded game is not the saved one")
        size_kb = path.stat().st_size / 1024
    return {
        "save_ms": round(save, 2),
        "load_ms": round(load, 2),
        "read_ms": round(read, 2),
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
