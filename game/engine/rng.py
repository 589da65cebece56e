"""The game's one source of chance: splitmix64, whose whole state is one int.

The state lives in `GameState.rng`; the engine makes an `Rng` from it for one
day's work and stores `rng.state` back. Only integer arithmetic and exact
divisions by powers of two are used, so every machine draws the same numbers.
"""

from __future__ import annotations

import sys
from array import array
from itertools import repeat
from operator import lt, mod

MASK = (1 << 64) - 1
_GOLDEN = 0x9E3779B97F4A7C15


def seed_state(seed: int) -> int:
    """The generator's first state for a game seed (any int, negative too)."""
    return (seed * 0xD1B54A32D192ED03 + 0x8CB92BA72F3D8DD7) & MASK


class Rng:
    __slots__ = ("state",)

    def __init__(self, state: int) -> None:
        self.state = state & MASK

    def next_u64(self) -> int:
        self.state = (self.state + _GOLDEN) & MASK
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """0..n-1 (n >= 1). The modulo bias is below 2**-40 for game-sized n."""
        return self.next_u64() % n if n > 1 else 0

    def randint(self, low: int, high: int) -> int:
        """low..high inclusive: `below`, one call fewer (the day's most frequent draw)."""
        return low + self.next_u64() % (high - low + 1) if high > low else low

    def fraction(self) -> float:
        """[0, 1) with 53 bits, exact on every machine."""
        return (self.next_u64() >> 11) / 9007199254740992.0

    def chance(self, percent: float) -> bool:
        return self.below(10_000) < int(percent * 100)

    def chances(self, percent: float, count: int) -> list[bool]:
        """`count` draws of `chance(percent)` in a row (the night draws one for each of
        thousands of roads): the same draws, the same state after. Many at once are
        worked out side by side in one large int (`_lanes`)."""
        threshold = int(percent * 100)
        state = self.state
        if count >= _LANES_FROM:
            self.state = (state + count * _GOLDEN) & MASK
            return _lanes(state, count, threshold)
        drawn = []
        for _ in range(count):
            state = (state + _GOLDEN) & MASK
            z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            drawn.append((z ^ (z >> 31)) % 10_000 < threshold)
        self.state = state
        return drawn


# From this many draws on, `chances` draws them side by side: the loop costs a few
# hundred nanoseconds a draw, the large int's passes a few dozen.
_LANES_FROM = 64
_LANE = 128  # bits: a lane holds a 64-bit draw times a 64-bit constant


def _lanes(state: int, count: int, threshold: int) -> list[bool]:
    """`chances`' draws, mixed at once: each draw in a lane of
    128 bits of one int, so that every step (a shift, an xor, a product by a constant
    below 2**64) is one pass of C over all of them. A lane's value stays below 2**128 at
    every step, so none spills into the next; a shift right brings the next lane's low
    bits into the top of a lane, above its low 64 bits, which the mask then clears (as
    `& MASK` does for one draw)."""
    steps, ones, mask = _template(count)
    z = (steps * _GOLDEN + ones * state) & mask  # lane k: state + (k + 1) * golden
    z = ((z ^ (z >> 30)) & mask) * 0xBF58476D1CE4E5B9 & mask
    z = ((z ^ (z >> 27)) & mask) * 0x94D049BB133111EB & mask
    words = array("Q", ((z ^ (z >> 31)) & mask).to_bytes(count * _LANE // 8, "little"))
    if sys.byteorder != "little":
        words.byteswap()
    return list(map(lt, map(mod, words[0::2], repeat(10_000)), repeat(threshold)))


# The lanes' k + 1, 1 and MASK for the most draws asked for yet (a call takes the first
# lanes of each): replaced as one, never changed.
_TEMPLATE: tuple[int, int, int, int] = (0, 0, 0, 0)


def _template(count: int) -> tuple[int, int, int]:
    global _TEMPLATE
    size, steps, ones, mask = _TEMPLATE
    if size < count:
        size = max(count, 2 * size)
        words = array("Q", bytes(size * _LANE // 8))  # two words a lane, the low first
        words[0::2] = array("Q", range(1, size + 1))
        if sys.byteorder != "little":
            words.byteswap()
        steps = int.from_bytes(words, "little")
        ones = int.from_bytes((b"\1" + bytes(_LANE // 8 - 1)) * size, "little")
        mask = ones * MASK
        _TEMPLATE = (size, steps, ones, mask)
    if size == count:
        return steps, ones, mask
    first = (1 << (count * _LANE)) - 1
    return steps & first, ones & first, mask & first
