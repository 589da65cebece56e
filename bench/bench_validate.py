"""Time and memory of loading and validating a large scenario.

    python bench/bench_validate.py [--places 10000] [--roads 15000] [--seed 1] [--repeat 3]

Generates the scenario (bench/gen_scenario.py), writes it to a temporary file,
then loads it with `load_scenario` (reading, YAML, every check, the model).
Prints the best wall time of the runs, the process's peak resident memory
(ru_maxrss, measured before tracemalloc starts) and the peak of Python
allocations during one more run (tracemalloc).
Targets: under 2 s and under 300 MB for 10,000 places and 15,000 roads. Issue 16's
target (at most 1.3 x PyYAML's own compose of the same file, side by side) and the
100,000-place figures are bench/bench_scale.py's.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gen_scenario import generate
from game.data.scenario import load_scenario
from game.data.yamltree import WITH_LIBYAML


def peak_rss_mb() -> float | None:
    try:
        import resource
    except ImportError:  # not on Windows
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="load and validate a large scenario")
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--roads", type=int, default=15_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one timed run instead of --repeat")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat = 1

    text = generate(args.places, args.roads, args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.yaml"
        path.write_text(text, encoding="utf-8")
        times = []
        for _ in range(args.repeat):
            gc.collect()
            start = time.perf_counter()
            scenario = load_scenario(path)
            times.append(time.perf_counter() - start)
        rss = peak_rss_mb()  # before tracemalloc, whose bookkeeping inflates it
        gc.collect()
        tracemalloc.start()
        load_scenario(path)
        _, traced_peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    if args.json:
        # The median, as every other figure of bench/run.py.
        figures = {"validate_large_s": round(statistics.median(times), 3),
                   "validate_large_mb": round(rss if rss is not None else traced_peak / 2**20, 1)}
        print(json.dumps(figures))
        return 0
    print(f"scenario: {len(scenario.places)} places, {len(scenario.roads)} roads, "
          f"{len(text) / (1024 * 1024):.1f} MiB of YAML; libyaml: {WITH_LIBYAML}")
    print(f"load + validate: best {min(times):.2f} s of {args.repeat} "
          f"(runs: {', '.join(f'{t:.2f}' for t in times)})")
    print(f"peak Python allocations (tracemalloc): {traced_peak / (1024 * 1024):.0f} MB")
    if rss is not None:
        print(f"peak resident memory of the process (ru_maxrss): {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
