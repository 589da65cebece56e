"""`memo.by_identity`: a result is kept for the very object, never for an equal one."""

from __future__ import annotations

from game.engine.memo import by_identity


def test_results_are_kept_by_identity_and_the_oldest_is_forgotten_first() -> None:
    calls: list[tuple[int, ...]] = []

    @by_identity(2)
    def total(values: tuple[int, ...]) -> int:
        calls.append(values)
        return sum(values)

    a, b, c = (1, 2), tuple([1, 2]), (3,)
    assert a == b and a is not b
    assert total(a) == total(a) == 3 and len(calls) == 1  # the same object: kept
    assert total(b) == 3 and len(calls) == 2  # an equal one: its own result
    assert total(c) == 3 and len(calls) == 3  # a third: the oldest (a) goes
    assert total(b) == 3 and len(calls) == 3
    assert total(a) == 3 and len(calls) == 4
