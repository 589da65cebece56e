"""Invariants under random legal plans (hypothesis), and determinism."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine import (
    Operation,
    TrapStruck,
    apply_plan,
    fingerprint,
    legal_operations,
    new_game,
)
from tests.engine_fixtures import chain_scenario, line_scenario

SCENARIOS = (line_scenario(road_traps=2, town_traps=2), chain_scenario(n=6, km=20.0))


def _random_plan(state, picks: list[int]) -> tuple[Operation, ...]:  # type: ignore[no-untyped-def]
    plan: list[Operation] = []
    owners = [u.id for u in state.units] + [a.id for a in state.air]
    for i, pick in enumerate(picks):
        owner = owners[i % len(owners)]
        legal = [c for c in legal_operations(state, owner, tuple(plan)) if c.legal]
        if legal:
            choice = legal[pick % len(legal)]
            plan.append(Operation(owner, choice.kind, choice.target))
    return tuple(plan)


@settings(max_examples=25, deadline=None)
@given(which=st.integers(0, 1), seed=st.integers(0, 2**32),
       days=st.lists(st.lists(st.integers(0, 50), max_size=6), min_size=1, max_size=4))
def test_random_legal_plans_keep_the_invariants(which: int, seed: int,
                                                days: list[list[int]]) -> None:
    scenario = SCENARIOS[which]
    state = new_game(scenario, seed)
    replay = new_game(scenario, seed)
    for picks in days:
        if state.over:
            break
        plan = _random_plan(state, picks)
        state, events = apply_plan(state, plan)
        replay, _ = apply_plan(replay, plan)
        rules = scenario.rules
        # A strike costs what its level says: readiness and hours by the level, never
        # more readiness than the unit had.
        for hit in (e for e in events if isinstance(e, TrapStruck)):
            assert 0 <= hit.readiness_lost <= hit.level * rules.trap_readiness_per_level
            assert hit.hours_lost == hit.level * rules.trap_hours_per_level
            assert hit.level >= 1 and hit.casualties >= 0
        for unit in state.units:
            assert unit.strength > 0 and 0 <= unit.readiness <= 100
        for place in state.places:
            assert place.garrison >= 0 and 0 <= place.traps <= 5 and place.vbieds >= 0
        # Supply never flows through an enemy place or over a trapped road.
        for pos, supplied in enumerate(state.supplied):
            if supplied:
                assert state.places[pos].side == "gov"
        assert fingerprint(state) == fingerprint(replay)


def test_supply_does_not_cross_a_trapped_road() -> None:
    scenario = line_scenario(road_traps=1, road_km=10.0)
    state = new_game(scenario, seed=1)
    assert state.supplied == (True, False, False)


def test_same_seed_and_plans_give_the_same_fingerprint_and_another_seed_does_not() -> None:
    scenario = line_scenario(road_traps=3)
    plan = (Operation("bde", "move", "mid"),)  # type: ignore[arg-type]
    a, _ = apply_plan(new_game(scenario, 5), plan)
    b, _ = apply_plan(new_game(scenario, 5), plan)
    c, _ = apply_plan(new_game(scenario, 6), plan)
    assert fingerprint(a) == fingerprint(b)
    assert fingerprint(a) != fingerprint(c)
