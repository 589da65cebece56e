"""Results remembered by the very object they were computed from.

States, scenarios and records are frozen: what is computed from one never
changes, and the game asks for some of it many times (a scenario's index and
digest, a state's fingerprint or display names). `by_identity` keeps the last
few results by the object's identity, holding the object itself so that its
id cannot be reused by another while the result is kept.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def by_identity(size: int) -> Callable[[Callable[[T], R]], Callable[[T], R]]:
    """Remember a one-argument function's last `size` results by its argument's
    identity (the oldest forgotten first)."""
    def remembering(func: Callable[[T], R]) -> Callable[[T], R]:
        kept: dict[int, tuple[T, R]] = {}

        @wraps(func)
        def remembered(arg: T) -> R:
            hit = kept.get(id(arg))
            if hit is not None and hit[0] is arg:
                return hit[1]
            result = func(arg)
            if len(kept) >= size:
                kept.pop(next(iter(kept)))
            kept[id(arg)] = (arg, result)
            return result

        return remembered
    return remembering
