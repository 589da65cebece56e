"""Repeating yesterday's plan, standing holds and rests, and filling a line: every line
carried over is one the plan checker accepts today, and what it refuses is left out
with its reason."""

from __future__ import annotations

from game.engine import Operation, OpKind, apply_plan, new_game, preview_plan
from game.engine.standing import (
    carry_over,
    fill,
    repeat_plan,
    standing_draft,
    standing_lines,
)
from tests.engine_fixtures import line_scenario

STRIKE = Operation("jets", OpKind.AIR_STRIKE, "town")


def test_repeat_keeps_what_the_checker_still_accepts_and_says_why_the_rest_is_dropped() -> None:
    state = new_game(line_scenario(road_traps=0), 1)
    yesterday = (
        Operation("adv", OpKind.RECON, "base--mid"),
        Operation("bde", OpKind.HOLD, "base--mid"),
        Operation("eng", OpKind.CLEAR, "base--mid"),  # known clear once reconnoitred
        STRIKE,
    )
    state, _ = apply_plan(state, yesterday[:2])
    repeated = repeat_plan(state, yesterday)
    assert [op.kind for op in repeated.plan] == [OpKind.RECON, OpKind.HOLD, OpKind.AIR_STRIKE]
    assert repeated.carried == (1, 2, 3)
    [dropped] = repeated.dropped
    assert dropped.line == 3 and dropped.operation == yesterday[2]
    assert dropped.reason == preview_plan(state, (yesterday[2],)).lines[0].error
    assert preview_plan(state, repeated.plan).ok


def test_repeat_after_a_draft_skips_lines_already_planned_and_renumbers_waits() -> None:
    state = new_game(line_scenario(), 1)
    yesterday = (
        Operation("adv", OpKind.RECON, "base--mid"),
        Operation("eng", OpKind.CLEAR, "base--mid", after=1),
        Operation("bde", OpKind.REST),
    )
    draft = (Operation("bde", OpKind.REST), Operation("adv", OpKind.RECON, "base--mid"))
    repeated = repeat_plan(state, yesterday, draft)
    assert repeated.plan[:2] == draft
    assert repeated.plan[2:] == (Operation("eng", OpKind.CLEAR, "base--mid", after=2),)
    assert repeated.carried == (3,)
    assert preview_plan(state, repeated.plan).ok


def test_a_wait_on_a_dropped_line_is_dropped_with_it() -> None:
    state = new_game(line_scenario(), 1)
    yesterday = (
        Operation("ghost", OpKind.REST),  # no such unit any more
        Operation("bde", OpKind.REST, after=1),
    )
    repeated = repeat_plan(state, yesterday)
    assert repeated.plan == (Operation("bde", OpKind.REST),)
    assert [d.line for d in repeated.dropped] == [1]
    assert repeated.dropped[0].reason.unit == "ghost"


def test_standing_holds_and_rests_start_the_next_days_draft() -> None:
    state = new_game(line_scenario(), 1)
    plan = (
        Operation("bde", OpKind.HOLD, "base", standing=True),
        Operation("adv", OpKind.RECON, "base--mid"),
        Operation("eng", OpKind.REST, standing=True),
        Operation("jets", OpKind.AIR_STRIKE, "town", standing=True),  # not a hold or rest
    )
    assert standing_lines(plan) == (1, 3)
    state, _ = apply_plan(state, plan)
    draft = standing_draft(state, plan)
    assert draft.plan == (plan[0], plan[2])
    assert all(op.standing for op in draft.plan)
    assert draft.dropped == ()


def test_carry_over_of_chosen_lines_only() -> None:
    state = new_game(line_scenario(), 1)
    earlier = (Operation("bde", OpKind.REST), Operation("eng", OpKind.REST))
    assert carry_over(state, earlier, (), [2]).plan == (earlier[1],)


def test_fill_repeats_a_strike_to_the_last_sortie_and_keeps_later_lines_legal() -> None:
    state = new_game(line_scenario(), 1)
    plan = (STRIKE, Operation("bde", OpKind.REST, after=1), Operation("eng", OpKind.REST))
    filled, added = fill(state, plan, 0)
    assert added == 1  # two sorties a day
    assert filled == (STRIKE, STRIKE, Operation("bde", OpKind.REST, after=1), plan[2])
    assert preview_plan(state, filled).ok
    again, more = fill(state, filled, 0)
    assert (again, more) == (filled, 0)


def test_fill_copies_never_wait() -> None:
    state = new_game(line_scenario(), 1)
    plan = (Operation("drone", OpKind.RECON, "mid"), Operation("jets", OpKind.RECON, "town",
                                                               after=1))
    filled, added = fill(state, plan, 1)
    assert added == 1
    assert filled[2] == Operation("jets", OpKind.RECON, "town")


def test_fill_for_several_owners_copies_the_line_for_each_as_far_as_it_goes() -> None:
    state = new_game(line_scenario(), 1)
    plan = (STRIKE, Operation("bde", OpKind.REST))
    filled, added = fill(state, plan, 0, owners=("jets", "drone"))
    drone = Operation("drone", OpKind.AIR_STRIKE, "town")
    assert (filled, added) == ((STRIKE, STRIKE, drone, plan[1]), 2)
    rests, _ = fill(state, plan, 1, owners=("jets",))
    assert all(op.owner == "bde" for op in rests[1:])  # aircraft do not rest
