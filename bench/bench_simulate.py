"""The balance lab's figures: `anbar simulate western-anbar-2017 --runs 200` as an author
runs it (a whole process: start-up, loading, the games, the report), on one process and
on every core, alternately in one run, since the machine's speed drifts.

    python bench/bench_simulate.py [--quick] [--json]

Prints the figures (or one JSON object: simulate_200_s, the median wall time on every
core; simulate_1job_s, on one; simulate_speedup, their ratio; simulate_identical, 1
when every run printed the same JSON; simulate_speedup_cpu, the same ratio from CPU
time rather than wall time, see `cpu_speedup`).

On a shared machine the wall-time ratio swings with what others run (a run on one
core took 4.6 to 10.6 s within two minutes): `simulate_speedup_cpu` is the figure
that does not. It plays the games in this process through the lab's own runner,
with each worker reporting the CPU time it has used, and divides the CPU time of
the whole work done on one core by the CPU time of the critical path on every core
(the start, up to the games, plus the busiest worker): what the wall time would
give on an idle machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = "200"

from game.commands import lab as _lab  # noqa: E402

_PLAYED = _lab._play_seed


def timed(jobs: str | None) -> tuple[float, str]:
    command = [sys.executable, "-m", "game", "simulate", "western-anbar-2017", "--runs", RUNS,
               "--json", *(["--jobs", jobs] if jobs else [])]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    start = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True,
                          check=True, timeout=600)
    return time.perf_counter() - start, done.stdout


def _timed_seed(seed: int) -> tuple[int, float]:
    """A worker's game, and the worker's pid and CPU time so far (it runs in the worker)."""
    _PLAYED(seed)
    return os.getpid(), time.process_time()


def cpu_speedup() -> float:
    import game.commands.lab as lab
    from game.data.scenario import load_scenario

    start = time.process_time()
    scenario = load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")
    seeds = range(1, int(RUNS) + 1)
    setup = time.process_time() - start
    # The workers first, forked from this process while its caches are as cold as a
    # real start's; then the same games here, on one core.
    lab._play_seed = _timed_seed  # type: ignore[assignment]
    try:
        marks = lab.play_many(scenario, "doctrine", seeds, jobs=lab.cores())
    finally:
        lab._play_seed = _PLAYED
    start = time.process_time()
    lab.play_many(scenario, "doctrine", seeds, jobs=1)
    serial = setup + time.process_time() - start
    busiest: dict[int, float] = {}
    for pid, cpu in marks:  # type: ignore[misc]
        busiest[pid] = max(busiest.get(pid, 0.0), cpu)
    return serial / (setup + max(busiest.values()))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    one: list[float] = []
    every: list[float] = []
    outputs: set[str] = set()
    for _ in range(1 if args.quick else 3):
        for jobs, times in (("1", one), (None, every)):
            seconds, out = timed(jobs)
            times.append(seconds)
            outputs.add(out)
    figures = {
        "simulate_200_s": round(statistics.median(every), 2),
        "simulate_1job_s": round(statistics.median(one), 2),
        "simulate_speedup": round(statistics.median(one) / statistics.median(every), 2),
        "simulate_identical": 1 if len(outputs) == 1 else 0,
        "cores": len(os.sched_getaffinity(0)),
        "simulate_speedup_cpu": round(statistics.median(
            cpu_speedup() for _ in range(1 if args.quick else 3)), 2),
    }
    if args.json:
        print(json.dumps(figures))
    else:
        print(f"simulate --runs {RUNS}, every core: {figures['simulate_200_s']} s (target < 10)")
        print(f"the same, --jobs 1:               {figures['simulate_1job_s']} s")
        print(f"speed-up on {figures['cores']} cores:             {figures['simulate_speedup']} "
              "(target >= 1.7)")
        same = "yes" if figures["simulate_identical"] else "NO"
        print(f"identical JSON:                  {same}")
        print(f"speed-up from CPU time:          {figures['simulate_speedup_cpu']} "
              "(what an idle machine would show)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
