"""Playing many seeded games, on every core: the balance lab's runner.

Shared by `anbar simulate` and `anbar validate --balance` (not a command of its
own). Each game is played whole in one process and comes back as its
`GameSummary`, in seed order whatever the number of processes, so the report is
the same with `--jobs 1` and `--jobs 8`. A progress bar goes to standard error
when the games take more than a second and standard error is a terminal.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TextIO

from game.engine import Scenario, play_game
from game.engine.balance import GameSummary, summarize_game

PROGRESS_AFTER_S = 1.0
BAR_WIDTH = 30

# A worker's game: set once per process by `_start_worker`.
_GAME: tuple[Scenario, str, tuple[str, ...]] | None = None


def cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    usable: Callable[[], int | None] | None = getattr(os, "process_cpu_count", None)
    if usable is not None:  # Python 3.13
        return usable() or 1
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def play_one(scenario: Scenario, policy: str, seed: int,
             without: Sequence[str] = ()) -> GameSummary:
    return summarize_game(play_game(scenario, seed, policy, without=tuple(without)))


def _start_worker(scenario: Scenario, policy: str, without: tuple[str, ...]) -> None:
    global _GAME
    _GAME = (scenario, policy, without)
    # Ctrl+C is the parent's to handle: it stops the pool; a worker's traceback would
    # only clutter the terminal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _play_seed(seed: int) -> GameSummary:
    assert _GAME is not None
    scenario, policy, without = _GAME
    return play_one(scenario, policy, seed, without)


def _context() -> multiprocessing.context.BaseContext:
    # fork starts a worker in milliseconds with the scenario already in memory;
    # elsewhere the platform's default pickles it over.
    if "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()  # pragma: no cover


def play_many(scenario: Scenario, policy: str, seeds: Sequence[int], *,
              without: Sequence[str] = (), jobs: int | None = None,
              progress: TextIO | None = None) -> list[GameSummary]:
    """Every seed's game, in seed order; `jobs` processes (default: every core), never
    more than the usable cores nor than the games: more workers than cores only share
    them, each at the cost of a process."""
    jobs = max(1, min(jobs or cores(), cores(), len(seeds)))
    games = (play_one(scenario, policy, seed, without) for seed in seeds) if jobs == 1 \
        else _in_pool(scenario, policy, seeds, tuple(without), jobs)
    bar = _Progress(len(seeds), progress)
    results: list[GameSummary] = []
    try:
        for summary in games:
            results.append(summary)
            bar.step()
    finally:
        bar.done()  # on Ctrl+C too: the shell's prompt then starts on a clean line
    return results


def _in_pool(scenario: Scenario, policy: str, seeds: Sequence[int], without: tuple[str, ...],
             jobs: int) -> Iterator[GameSummary]:
    """Every seed's game, in seed order, played by `jobs` worker processes."""
    # A few games a task: a game (tens of ms) dwarfs the cost of asking for it, and
    # small tasks keep every core busy to the end (games last 5 to 60 days).
    chunk = max(1, len(seeds) // (jobs * 32))
    pool = ProcessPoolExecutor(jobs, mp_context=_context(), initializer=_start_worker,
                               initargs=(scenario, policy, without))
    try:
        # Executor.map gives the results in the order of the seeds.
        yield from pool.map(_play_seed, seeds, chunksize=chunk)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


class _Progress:
    """`[#####.....] 120/200 games` on a terminal's standard error, once a second has gone."""

    def __init__(self, total: int, stream: TextIO | None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.count = 0
        self.clock = clock
        self.start = clock()
        self.stream = stream if stream is not None and _is_terminal(stream) else None
        self.shown = False

    def step(self) -> None:
        self.count += 1
        if self.stream is None or self.clock() - self.start < PROGRESS_AFTER_S:
            return
        filled = BAR_WIDTH * self.count // max(self.total, 1)
        self.stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] "
                          f"{self.count}/{self.total} games")
        self.stream.flush()
        self.shown = True

    def done(self) -> None:
        if self.shown and self.stream is not None:
            self.stream.write("\r\x1b[K")  # leave the line as it was
            self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
