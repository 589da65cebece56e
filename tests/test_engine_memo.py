"""`memo.by_identity` and `memo.last_by_identity`: a result is kept for the very
objects, never for equal ones."""

from __future__ import annotations

import pytest

from game.engine.memo import by_identity, last_by_identity


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


def test_last_by_identity_keeps_the_last_result_for_the_very_same_arguments() -> None:
    calls: list[tuple[object, ...]] = []

    @last_by_identity
    def table(a: tuple[int, ...], b: tuple[int, ...]) -> list[int]:
        calls.append((a, b))
        return [*a, *b]

    a, b = (1, 2), (3,)
    first = table(a, b)
    assert table(a, b) is first and len(calls) == 1
    assert table(tuple([1, 2]), b) == first and len(calls) == 2  # equal, not the same: again
    assert table(a, b) is not first and len(calls) == 3  # one result kept, the last
    with pytest.raises(TypeError):
        table(a, b=b)
