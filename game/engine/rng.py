"""The game's one source of chance: splitmix64, whose whole state is one int.

The state lives in `GameState.rng`; the engine makes an `Rng` from it for one
day's work and stores `rng.state` back. Only integer arithmetic and exact
divisions by powers of two are used, so every machine draws the same numbers.
"""

from __future__ import annotations

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
        """`count` draws of `chance(percent)` in a row, as one loop (the night draws
        one for each of thousands of roads): the same draws, the same state after."""
        threshold = int(percent * 100)
        state = self.state
        drawn = []
        for _ in range(count):
            state = (state + _GOLDEN) & MASK
            z = ((state ^ (state >> 30)) * 0xBF58476D1CE4E5B9) & MASK
            z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
            drawn.append((z ^ (z >> 31)) % 10_000 < threshold)
        self.state = state
        return drawn
