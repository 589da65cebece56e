"""A state's columns of the board: each place's side and each road's `destroyed`,
by position, and the places the player holds.

The night reads the first two of the day's end (no place changes hands at night, no
road is cut, and the next morning's scripted events change neither), so the day
hands them over with the state it makes (`keep`), and the next day's plan check and
the doctrine read them (`of`) instead of walking a map's worth of places again.
Computed from the state itself for any other (a restored or a new game's).
"""

from __future__ import annotations

from itertools import repeat
from operator import attrgetter, eq

from game.engine.index import index_of
from game.engine.state import GameState

SIDE, DESTROYED = attrgetter("side"), attrgetter("destroyed")

# By the state's identity, holding the state so that its id is not reused meanwhile:
# (state, sides, destroyed, [held by the player, once asked]).
_KEPT: dict[int, tuple[GameState, tuple[str, ...], tuple[bool, ...],
                       list[tuple[bool, ...]]]] = {}
_SIZE = 8


def keep(state: GameState, sides: tuple[str, ...], destroyed: tuple[bool, ...]) -> None:
    """`sides` and `destroyed` are `state`'s (the caller made the state from them)."""
    if len(_KEPT) >= _SIZE:
        _KEPT.pop(next(iter(_KEPT)))
    _KEPT[id(state)] = (state, sides, destroyed, [])


def forget(state: GameState) -> None:
    """Keep nothing more of `state` (a replayed day once the next is played: kept, the
    days before the last outlived the replay, and the collector went over them)."""
    hit = _KEPT.get(id(state))
    if hit is not None and hit[0] is state:
        del _KEPT[id(state)]


def _entry(state: GameState) -> tuple[GameState, tuple[str, ...], tuple[bool, ...],
                                      list[tuple[bool, ...]]]:
    hit = _KEPT.get(id(state))
    if hit is None or hit[0] is not state:
        keep(state, tuple(map(SIDE, state.places)), tuple(map(DESTROYED, state.roads)))
        hit = _KEPT[id(state)]
    return hit


def of(state: GameState) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """(sides, destroyed) of `state`'s places and roads."""
    _, sides, destroyed, _ = _entry(state)
    return sides, destroyed


def held(state: GameState) -> tuple[bool, ...]:
    """Whether the player holds each place of `state`, by position."""
    _, sides, _, found = _entry(state)
    if not found:
        found.append(tuple(map(eq, sides, repeat(index_of(state.scenario).player))))
    return found[0]
