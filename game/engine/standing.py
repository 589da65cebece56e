"""Orders that last: an earlier plan's lines carried into today's, each checked again.

Most days of a siege repeat the day before: the same strikes on the same
town, the same holds on the same roads. `repeat_plan` carries yesterday's
plan into today's draft, and `standing_draft` only its standing holds and
rests (the ones the player marked to last until changed). Both check every
carried line with the `Planner` that `preview_plan` and the day's execution
use, on today's state and after the lines already planned, so a carried line
is exactly a line the player could have added by hand; a line the checker
refuses today is left out, with the checker's reason, as data.

`fill` is the same idea within a day: one line copied for as long as the
checker takes another copy (an aircraft's strikes on one town, to the last
sortie), for its owner or for several (every aircraft on that town).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from game.engine.plan import Operation, OpKind, Plan
from game.engine.planner import Planner
from game.engine.record import record
from game.engine.refusals import Refusal
from game.engine.state import GameState

STANDING_KINDS = (OpKind.HOLD, OpKind.REST)
MAX_FILL = 24  # copies of one line at most: a day has 24 hours


@record
class DroppedLine:
    """A line of the earlier plan left out today, and the checker's reason."""

    line: int  # its 1-based number in the earlier plan
    operation: Operation
    reason: Refusal


@record
class CarriedPlan:
    """Today's plan after carrying lines over: the draft first, then the carried lines."""

    plan: Plan
    carried: tuple[int, ...]  # 1-based numbers, in `plan`, of the lines carried over
    dropped: tuple[DroppedLine, ...]


def same_order(a: Operation, b: Operation) -> bool:
    """The same owner doing the same to the same target, whatever it waits for."""
    return (a.owner, a.kind, a.target) == (b.owner, b.kind, b.target)


def _key(op: Operation) -> tuple[str, OpKind, str | None]:
    return op.owner, op.kind, op.target


def _planner(state: GameState, draft: Plan) -> Planner:
    planner = Planner(state)
    for op in draft:
        planner.check(op)  # refused draft lines keep their numbers, as in the preview
    return planner


def carry_over(state: GameState, earlier: Plan, draft: Plan = (),
               lines: Iterable[int] | None = None) -> CarriedPlan:
    """`draft`, then each line of `earlier` (or only the 1-based `lines` of it) that the
    checker accepts today, in the earlier order.

    A line already in the draft (same owner, kind and target) is not carried twice.
    Waits follow the lines they name: on a line carried, or already in the draft,
    they are renumbered; on a line left out, the wait is dropped and the line
    starts when its owner is free."""
    chosen = set(range(1, len(earlier) + 1) if lines is None else lines)
    planner = _planner(state, draft)
    in_draft = Counter(_key(op) for op in draft)
    draft_line = {_key(op): number for number, op in enumerate(draft, 1)}
    new_number: dict[int, int] = {}
    carried: list[int] = []
    dropped: list[DroppedLine] = []
    for number, op in enumerate(earlier, 1):
        if number not in chosen:
            continue
        if in_draft[_key(op)] > 0:
            in_draft[_key(op)] -= 1
            new_number[number] = draft_line[_key(op)]
            continue
        after = None if op.after is None else new_number.get(op.after)
        line = planner.check(replace(op, after=after))
        if line.error is not None:
            planner.lines.pop()  # refused lines are not part of today's plan
            dropped.append(DroppedLine(number, op, line.error))
            continue
        new_number[number] = line.index
        carried.append(line.index)
    plan = tuple(line.operation for line in planner.lines)
    return CarriedPlan(plan, tuple(carried), tuple(dropped))


def repeat_plan(state: GameState, yesterday: Plan, draft: Plan = ()) -> CarriedPlan:
    """Yesterday's plan again, after today's draft, for the units and aircraft that
    can still do it; each line checked today."""
    return carry_over(state, yesterday, draft)


def standing_lines(plan: Plan) -> tuple[int, ...]:
    """The 1-based numbers of a plan's standing holds and rests."""
    return tuple(n for n, op in enumerate(plan, 1) if op.standing and op.kind in STANDING_KINDS)


def standing_draft(state: GameState, yesterday: Plan) -> CarriedPlan:
    """The start of today's plan: yesterday's standing holds and rests, checked today."""
    return carry_over(state, yesterday, (), standing_lines(yesterday))


def fill(state: GameState, plan: Plan, index: int, most: int = MAX_FILL,
         owners: Iterable[str] = ()) -> tuple[Plan, int]:
    """Copies of line `index` (0-based) right after it, as many as the checker accepts
    (at most `most` an owner); the new plan and the number of copies added.

    With `owners`, the same line is copied for each of them in turn (every aircraft
    striking one town), after the line's own owner. The copies are checked where
    they stand, before the lines after them, and every later line is checked again
    once they are in: copies that would make a later line refused are not added."""
    original = plan[index]
    head, tail = plan[: index + 1], plan[index + 1 :]
    refused_before = _errors(state, plan)
    copies: list[Operation] = []
    for owner in dict.fromkeys((original.owner, *owners)):
        copy = replace(original, owner=owner, after=None)
        for _ in range(most):
            candidate = (*head, *copies, copy)
            if _planner(state, candidate).lines[-1].error is not None:
                break
            shifted = tuple(_shift(op, index + 1, len(copies) + 1) for op in tail)
            if _errors(state, (*candidate, *shifted)) > refused_before:
                break
            copies.append(copy)
    shifted = tuple(_shift(op, index + 1, len(copies)) for op in tail)
    return (*head, *copies, *shifted), len(copies)


def _shift(op: Operation, after_line: int, by: int) -> Operation:
    """A later line's wait, renumbered when `by` lines are inserted after line `after_line`."""
    if op.after is None or op.after <= after_line or by == 0:
        return op
    return replace(op, after=op.after + by)


def _errors(state: GameState, plan: Plan) -> int:
    return sum(1 for line in _planner(state, plan).lines if line.error is not None)
