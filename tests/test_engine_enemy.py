"""The enemy's night, its lines to the border, scripted withdrawals, the ablation
switches and the verdict, on small scenarios."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.engine import (
    SWITCHES,
    Counterattack,
    EnemyReinforced,
    EnemyWithdrew,
    GameOver,
    Objective,
    Operation,
    OpKind,
    Outcome,
    PlaceKind,
    RiskKind,
    Road,
    Scenario,
    UnitKind,
    UnitSpec,
    UnitsWithdrawn,
    VbiedAttack,
    apply_plan,
    new_game,
    observe,
    preview_plan,
)
from game.engine.index import index_of
from game.engine.model import Withdrawal
from game.engine.supply import enemy_cut_off
from tests.engine_fixtures import SIDES, chain_scenario, line_scenario, place, with_rules


def _front() -> Scenario:
    """ours --5-- front (enemy) --10-- rear (enemy) --10-- crossing (enemy);
    front --10-- fort (enemy objective)."""
    return Scenario(
        "front", "Front", "2017-09-19", 10, SIDES,
        (place("ours", supply_source=True), place("front", side="is", garrison=100),
         place("rear", side="is", garrison=300),
         place("crossing", side="is", garrison=100, kind=PlaceKind.CROSSING),
         place("fort", side="is", garrison=500)),
        (Road("ours--front", "ours", "front", 5.0), Road("front--rear", "front", "rear", 10.0),
         Road("rear--crossing", "rear", "crossing", 10.0),
         Road("front--fort", "front", "fort", 10.0)),
        units=(UnitSpec("bde", "Brigade", "gov", UnitKind.ARMY, "ours", 300),),
        objectives=(Objective("fort"),),
    )


def test_fighters_flow_to_the_front_but_strongholds_keep_theirs() -> None:
    state = new_game(_front(), seed=1)
    after, events = apply_plan(state, ())
    moved = [(e.source, e.place, e.fighters) for e in events if isinstance(e, EnemyReinforced)]
    rules = state.scenario.rules
    sent = int((300 - rules.counterattack_min_garrison) * rules.reinforce_percent / 100)
    assert ("rear", "front", sent) in moved
    assert all(source != "fort" for source, _, _ in moved)
    assert after.place("fort").garrison == 500


def test_a_place_cut_off_from_the_border_is_known_and_weaker() -> None:
    scenario = _front()
    ix = index_of(scenario)
    sides = ["gov", "is", "gov", "is", "is"]  # the rear taken: front and fort cut off
    assert enemy_cut_off(ix, sides, [False] * 4) == [False, True, False, False, True]
    state = new_game(scenario, seed=1)
    taken = replace(state, places=tuple(
        replace(p, side="gov", garrison=0) if p.id == "rear" else p for p in state.places))
    assert observe(taken, "gov").place("fort").cut_off


def test_a_hopeless_place_falls_back_toward_the_border_leaving_traps() -> None:
    scenario = with_rules(_front(), fall_back_odds_percent=200.0)
    big = replace(scenario, units=(UnitSpec("bde", "Brigade", "gov", UnitKind.ARMY, "ours",
                                            3000),))
    after, events = apply_plan(new_game(big, seed=1), ())
    left = [(e.place, e.to) for e in events if isinstance(e, EnemyWithdrew)]
    assert ("front", "rear") in left
    rules = scenario.rules
    assert after.place("front").garrison == int(100 * rules.stay_behind_percent / 100)
    assert after.place("front").traps == 1
    assert after.known_place_traps[1] is None


def test_car_bombs_and_counterattacks_reach_only_a_nights_drive() -> None:
    near = with_rules(line_scenario(road_traps=0, town_garrison=500), vbied_stop_percent=0.0,
                      counterattack_odds_percent=100.0)
    far = replace(near, roads=(near.roads[0], replace(near.roads[1], km=200.0)))
    for scenario, reached in ((near, True), (far, False)):
        plan = (Operation("eng", OpKind.MOVE, "mid"), Operation("bde", OpKind.MOVE, "mid"))
        _, events = apply_plan(new_game(scenario, seed=1), plan)
        bombs = [e.unit for e in events if isinstance(e, VbiedAttack)]
        raids = [e.unit for e in events if isinstance(e, Counterattack)]
        assert (bombs, raids) == ((["bde"], ["eng"]) if reached else ([], []))


def test_counterattacks_wear_a_unit_down_they_do_not_destroy_it() -> None:
    scenario = with_rules(line_scenario(road_traps=0, town_garrison=900),
                          counterattack_odds_percent=100.0, vbied_stop_percent=100.0)
    state, _ = apply_plan(new_game(scenario, seed=1), (Operation("eng", OpKind.MOVE, "mid"),))
    _, events = apply_plan(state, ())
    hit = next(e for e in events if isinstance(e, Counterattack))
    assert hit.unit == "eng" and hit.unit_losses <= 100 * 1.5 * 1.0 / 100 + 1


def test_survivors_withdraw_and_some_slip_across_the_border() -> None:
    state = new_game(chain_scenario(), seed=2)
    _, events = apply_plan(state, (Operation("bde", OpKind.ASSAULT, "p3"),))
    gone = [(e.to, e.fighters, e.fled) for e in events if isinstance(e, EnemyWithdrew)]
    assert len(gone) == 1 and gone[0][0] == "p4"
    _, stayed, fled = gone[0]
    assert fled == int((stayed + fled) * 0.5)


def test_units_called_away_leave_the_map() -> None:
    scenario = replace(line_scenario(), events=(Withdrawal(2, ("bde",), "North to Hawija."),))
    after, events = apply_plan(new_game(scenario, seed=1), ())
    assert after.unit("bde") is None
    assert [(e.units, e.text) for e in events if isinstance(e, UnitsWithdrawn)] == [
        (("bde",), "North to Hawija.")]


def test_the_switches_turn_off_their_rules_in_the_engine() -> None:
    assert SWITCHES == ("traps", "supply", "vbieds")
    scenario = line_scenario(road_traps=3, town_traps=2)
    no_traps = new_game(scenario, seed=1, without=("traps",))
    assert [r.traps for r in no_traps.roads] == [0, 0]
    assert set(no_traps.known_road_traps) == {0} and set(no_traps.known_place_traps) == {0}
    after, _ = apply_plan(no_traps, ())
    assert [r.traps for r in after.roads] == [0, 0]  # nothing re-seeded
    no_bombs = new_game(scenario, seed=1, without=("vbieds",))
    assert no_bombs.place("town").vbieds == 0
    assert no_bombs.without == ("vbieds",)
    with pytest.raises(ValueError, match="unknown rule switch 'weather'"):
        new_game(scenario, seed=1, without=("weather",))


def test_a_defeat_says_which_objective_was_missed_and_why() -> None:
    deadline = replace(line_scenario(), objectives=(Objective("town", by_day=2),))
    state = new_game(deadline, seed=1)
    for _ in range(2):
        state, events = apply_plan(state, ())
    over = next(e for e in events if isinstance(e, GameOver))
    assert (state.outcome, over.reason, over.place, over.by_day) == (
        Outcome.DEFEAT, "deadline", "town", 2)
    limit = new_game(line_scenario(), seed=1)
    while not limit.over:
        limit, events = apply_plan(limit, ())
    over = next(e for e in events if isinstance(e, GameOver))
    assert (over.reason, over.place) == ("day-limit", "town")



@pytest.mark.parametrize(("km", "destroyed", "warned"), [
    (5.0, False, True), (5.0, True, False), (200.0, False, False)])
def test_the_preview_warns_of_car_bombs_only_from_where_one_can_reach(
        km: float, destroyed: bool, warned: bool) -> None:
    # As the night launches them: one open road of at most vbied_reach_km.
    scenario = line_scenario(road_traps=0)
    roads = (scenario.roads[0], replace(scenario.roads[1], km=km, destroyed=destroyed))
    state = new_game(replace(scenario, roads=roads), seed=1)
    line = preview_plan(state, (Operation("bde", OpKind.MOVE, "mid"),)).lines[0]
    assert any(r.kind == RiskKind.VBIED for r in line.risks) is warned


def test_survivors_of_a_place_cut_off_from_the_border_scatter() -> None:
    # Found in play: Rawa, cut off, still saw 841 fighters "withdraw across the border".
    state = new_game(chain_scenario(), seed=2)
    state = replace(state, places=tuple(replace(p, side="gov", garrison=0) if p.id == "p4"
                                        else p for p in state.places))
    _, events = apply_plan(state, (Operation("bde", OpKind.ASSAULT, "p3"),))
    gone = [e for e in events if isinstance(e, EnemyWithdrew)]
    assert len(gone) == 1 and gone[0].to is None and gone[0].scattered
    assert gone[0].fighters > 0 and gone[0].fled == 0
