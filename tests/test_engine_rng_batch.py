"""`Rng.chances` draws what as many `Rng.chance` calls would, and leaves the same state."""

from game.engine.rng import Rng, seed_state


def test_chances_are_chance_in_a_row() -> None:
    for seed in (0, 1, 7, -3, 2**70):
        for percent in (0.0, 0.5, 33.3, 60.0, 99.99, 100.0):
            one, many = Rng(seed_state(seed)), Rng(seed_state(seed))
            expected = [one.chance(percent) for _ in range(257)]
            assert many.chances(percent, 257) == expected
            assert many.state == one.state
    assert Rng(5).chances(50.0, 0) == []
