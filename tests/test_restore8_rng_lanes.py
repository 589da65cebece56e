"""`Rng.chances` draws many at once side by side (`rng._lanes`): the same draws as one
`Rng.chance` after another, whatever their number and threshold."""

from game.engine.rng import Rng, seed_state


def test_many_chances_are_chance_in_a_row() -> None:
    # Counts either side of where the lanes start, and one the template must grow to
    # after a larger one was asked (its first lanes taken).
    for count in (63, 64, 65, 1000, 129, 4097, 64):
        for seed in (0, 3, -11, 2**64 - 1):
            for percent in (-5.0, 0.0, 0.01, 33.3, 60.0, 99.99, 100.0, 250.0):
                one, many = Rng(seed_state(seed)), Rng(seed_state(seed))
                expected = [one.chance(percent) for _ in range(count)]
                assert many.chances(percent, count) == expected
                assert many.state == one.state
