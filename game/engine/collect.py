"""Holding Python's cycle collector off while large results are built.

The engine builds many frozen records that all outlive the call that builds them
(a day's events and states, an air asset's choices on a large map, a new game's
tables): the collector's passes over them find nothing to free and, as they pile
up, cost more the more there are, which made those calls grow faster than the map.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


class collection_paused:  # used as a function: `with collection_paused():`
    """No garbage collection inside the block (an air asset's choices on a map of
    100,000 places are 300,000 records that all outlive the call); as it was after.
    A class, not a generator (`contextlib.contextmanager`): the day and the doctrine's
    plan enter it every day, and a generator's context costs a few calls more."""

    __slots__ = ("was",)

    def __enter__(self) -> None:
        self.was = gc.isenabled()
        gc.disable()

    def __exit__(self, *exc: object) -> None:
        if self.was:
            gc.enable()


def paused(func: Callable[P, R]) -> Callable[P, R]:
    """`func` with the collector held off while it runs (`collection_paused`)."""
    @wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        was = gc.isenabled()
        gc.disable()
        try:
            return func(*args, **kwargs)
        finally:
            if was:
                gc.enable()

    return run
