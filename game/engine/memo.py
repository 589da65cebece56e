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
from operator import is_
from typing import ParamSpec, TypeVar

T = TypeVar("T")
R = TypeVar("R")
P = ParamSpec("P")


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


def last_by_identity(func: Callable[P, R]) -> Callable[P, R]:
    """Remember a function's last result by the identity of all its arguments, given by
    position: the night's tables, made for the very columns of the board the day hands on
    while no place changes hands and no bridge is laid (`columns`), most nights of a game;
    one game's night at a time."""
    last: list[tuple[tuple[object, ...], R]] = []

    @wraps(func)
    def remembered(*args: P.args, **kwargs: P.kwargs) -> R:
        if kwargs:
            raise TypeError(f"{func.__name__}: remembered by its arguments by position")
        if last and len(last[0][0]) == len(args) and all(map(is_, last[0][0], args)):
            return last[0][1]
        result = func(*args, **kwargs)  # none: refused above
        last[:] = [(args, result)]  # holds the arguments: their ids are not reused meanwhile
        return result

    return remembered
