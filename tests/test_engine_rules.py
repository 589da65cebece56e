"""Each operation and rule on small hand-written scenarios, with exact expectations."""

from __future__ import annotations

import pytest

from game.engine import (
    AirStrike,
    AssaultResolved,
    EnemyWithdrew,
    IllegalPlanError,
    Operation,
    OpKind,
    Outcome,
    PlaceTaken,
    ReconReport,
    RiskKind,
    Rules,
    TrapsCleared,
    TrapsReseeded,
    TrapStruck,
    UnitMoved,
    apply_plan,
    legal_operations,
    new_game,
    observe,
    preview_plan,
)
from game.engine.refusals import Refusal, Why, describe
from game.engine.rng import Rng
from tests.engine_fixtures import chain_scenario, line_scenario, with_rules

MOVE = OpKind.MOVE


def test_a_level_3_trap_on_a_12_km_road_costs_what_the_rules_say() -> None:
    scenario = line_scenario(road_traps=3, road_km=12.0)
    state = new_game(scenario, seed=7)
    after, events = apply_plan(state, (Operation("bde", MOVE, "mid"),))
    struck = [e for e in events if isinstance(e, TrapStruck)]
    assert len(struck) == 1
    hit = struck[0]
    rules = scenario.rules
    # The draw: level * base + 0..level * spread from the game's generator.
    expected = 3 * rules.trap_casualties_base + Rng(state.rng).randint(
        0, 3 * rules.trap_casualties_spread)
    assert (hit.road, hit.level, hit.casualties) == ("base--mid", 3, expected)
    assert hit.hours_lost == 3 * rules.trap_hours_per_level == 4.5
    assert hit.readiness_lost == 3 * rules.trap_readiness_per_level == 30
    unit = after.unit("bde")
    assert unit is not None
    assert unit.at == "base"  # the column stops at the road's entrance
    assert unit.strength == 1000 - expected
    assert after.road("base--mid").traps == 2  # one charge went off
    assert after.known_road_traps[0] == 2  # and the level is now known


def test_recon_reveals_and_clearing_takes_hours_per_level_and_km() -> None:
    scenario = line_scenario(road_traps=3, road_km=12.0)
    state = new_game(scenario, seed=1)
    plan = (Operation("drone", OpKind.RECON, "base--mid"), Operation("eng", OpKind.CLEAR,
                                                                      "base--mid"))
    preview = preview_plan(state, plan)
    assert preview.lines[0].end == scenario.rules.drone_recon_hours == 1.0
    # Unknown level: the engineers plan to sweep as many levels as their day allows.
    per_level = 2.0 + 0.1 * 12.0
    assert preview.lines[1].end == pytest.approx(5 * per_level)
    after, events = apply_plan(state, plan)
    report = next(e for e in events if isinstance(e, ReconReport))
    cleared = next(e for e in events if isinstance(e, TrapsCleared))
    assert (report.target, report.traps) == ("base--mid", 3)
    assert (cleared.levels, cleared.remaining) == (3, 0)
    assert cleared.hour == pytest.approx(3 * per_level)
    assert after.road("base--mid").traps == 0
    assert after.record[-1].traps_cleared == 3


def test_known_level_plans_exactly_level_times_hours() -> None:
    state = new_game(line_scenario(road_traps=2), seed=1)
    state, _ = apply_plan(state, (Operation("drone", OpKind.RECON, "base--mid"),))
    line = preview_plan(state, (Operation("eng", OpKind.CLEAR, "base--mid"),)).lines[0]
    assert line.end == pytest.approx(2 * (2.0 + 0.1 * 12.0))


def test_refusals_name_the_line_and_quote_it() -> None:
    state = new_game(line_scenario(), seed=1)
    with pytest.raises(IllegalPlanError) as caught:
        apply_plan(state, (Operation("bde", MOVE, "mid"), Operation("bde", OpKind.CLEAR,
                                                                     "base--mid")))
    assert str(caught.value) == (
        "illegal plan line 2: 'bde clear base--mid': only engineers clear traps")
    assert caught.value.line == 2
    reasons = {
        Operation("bde", MOVE, "town"): "town is held by the enemy",
        Operation("ghost", MOVE, "mid"): "unknown unit or air asset 'ghost'",
        Operation("jets", OpKind.AIR_STRIKE, "mid"): "mid is held by our side",
        Operation("adv", OpKind.ASSAULT, "town"): "advisers do not assault",
        Operation("bde", OpKind.ASSAULT, "town"): "town is not next to base by a usable road",
        Operation("bde", MOVE, "mid", after=1): "after 1: no such earlier line",
    }
    for op, reason in reasons.items():
        error = preview_plan(state, (op,)).lines[0].error
        assert error is not None and describe(error) == reason


def test_a_plan_that_overruns_the_units_day_is_refused() -> None:
    # Resting till hour 15 leaves an hour: less than a sweep that cannot finish a level
    # needs to set out (`clear_hours_per_level`, 2 h), so the line is refused.
    scenario = with_rules(line_scenario(road_traps=5, road_km=70.0), rest_hours=15.0)
    state = new_game(scenario, seed=1)
    plan = (Operation("eng", OpKind.REST), Operation("eng", OpKind.CLEAR, "base--mid"))
    line = preview_plan(state, plan).lines[1]
    assert line.error == Refusal(Why.NO_TIME_FOR_A_LEVEL, unit="eng", hour=9.0, limit=1.0)
    assert describe(line.error) == "a trap level takes 9.0 h here; the working day leaves eng 1.0 h"
    three_jets = tuple(Operation("jets", OpKind.AIR_STRIKE, "town") for _ in range(3))
    error = preview_plan(state, three_jets).lines[2].error
    assert error is not None and describe(error) == "no sorties left (2 a day)"


def test_legal_operations_agree_with_the_checker() -> None:
    state = new_game(line_scenario(), seed=1)
    choices = {(c.kind, c.target): c for c in legal_operations(state, "eng")}
    assert choices[(OpKind.CLEAR, "base--mid")].legal
    assert choices[(OpKind.MOVE, "mid")].hours == pytest.approx(12.0 / (30.0 * 0.8))
    assert choices[(OpKind.ESTABLISH_DEPOT, "base")].reason == Refusal(Why.IS_SOURCE,
                                                                         place="base")
    bde = {(c.kind, c.target): c for c in legal_operations(state, "bde",
                                                             (Operation("bde", MOVE, "mid"),))}
    assert bde[(OpKind.ASSAULT, "town")].legal
    reason = bde[(OpKind.CLEAR, "mid--town")].reason
    assert reason is not None and describe(reason) == "only engineers clear traps"


def test_move_preview_lists_known_risks() -> None:
    state = new_game(line_scenario(road_traps=1), seed=1)
    line = preview_plan(state, (Operation("bde", MOVE, "mid"),)).lines[0]
    kinds = [(r.kind, r.target) for r in line.risks]
    assert (RiskKind.UNKNOWN_TRAPS, "base--mid") in kinds
    assert (RiskKind.VBIED, "town") in kinds
    assert line.path == ("base", "mid")


def _assault(strikes: int, seed: int = 3) -> tuple[AssaultResolved, list[AirStrike]]:
    # The luck and the strikes' kills pinned narrow, so the odds show the strikes' effect.
    rules = Rules(assault_luck_percent=30.0, strike_kills_base=3, strike_kills_spread=6)
    scenario = line_scenario(road_traps=0, town_garrison=250, rules=rules)
    state = new_game(scenario, seed=seed)
    state, _ = apply_plan(state, (Operation("bde", MOVE, "mid"),
                                  Operation("bde", OpKind.HOLD, "mid--town")))
    plan = tuple(Operation("jets", OpKind.AIR_STRIKE, "town") for _ in range(strikes))
    plan += (Operation("bde", OpKind.ASSAULT, "town", after=strikes or None),)
    _, events = apply_plan(state, plan)
    resolved = next(e for e in events if isinstance(e, AssaultResolved))
    return resolved, [e for e in events if isinstance(e, AirStrike)]


def test_an_assault_after_air_strikes_has_better_odds_than_without() -> None:
    bare, _ = _assault(0)
    struck, strikes = _assault(2)
    assert len(strikes) == 2
    assert (bare.odds, struck.odds) == (0.96, 1.57)
    assert struck.attacker_losses < bare.attacker_losses
    # Without strikes, 250 fighters (x3) hold off a 1000-strong brigade; after two they fall.
    assert (bare.taken, struck.taken) == (False, True)


def test_taking_a_town_moves_the_attacker_in_and_the_survivors_out() -> None:
    scenario = chain_scenario()
    state = new_game(scenario, seed=2)
    state, events = apply_plan(state, (Operation("bde", OpKind.ASSAULT, "p3"),))
    taken = [e for e in events if isinstance(e, PlaceTaken)]
    assert [e.place for e in taken] == ["p3"]
    assert state.place("p3").side == "gov"
    unit = state.unit("bde")
    assert unit is not None and unit.at == "p3"
    resolved = next(e for e in events if isinstance(e, AssaultResolved))
    survivors = 50 - resolved.defender_losses
    assert survivors == int(50 * 0.6 + 0.5)  # withdraw_percent of the garrison gets away
    # While the enemy holds a crossing, flee_percent of them slip into Syria.
    fled = int(survivors * 0.5)
    assert state.place("p4").garrison == 50 + survivors - fled
    withdrew = [(e.to, e.fighters, e.fled) for e in events if isinstance(e, EnemyWithdrew)]
    assert withdrew == [("p4", survivors - fled, fled)]


def test_supply_is_cut_by_an_enemy_town_and_extended_by_a_depot() -> None:
    state = new_game(chain_scenario(n=6, km=25.0), seed=1)
    # p0 source with 60 km reach: p1 (25), p2 (50); p3 is the enemy's: nothing beyond.
    assert state.supplied == (True, True, True, False, False, False)
    obs = observe(state, "gov")
    assert [p.in_supply for p in obs.places] == [True, True, True, False, False, False]


def test_a_depot_extends_the_reach() -> None:
    scenario = line_scenario(road_traps=0, road_km=25.0)
    state = new_game(scenario, seed=1)
    assert state.supplied == (True, True, False)
    state, _ = apply_plan(state, (Operation("eng", MOVE, "mid"),
                                       Operation("eng", OpKind.ESTABLISH_DEPOT),
                                       Operation("drone", OpKind.RECON, "base--mid")))
    assert [d.place for d in state.depots] == ["mid"]
    state, _ = apply_plan(state, (Operation("adv", OpKind.CONVOY, "mid"),))
    assert state.depots[0].range_km == 15.0  # 10 + max(40 % of the 10 km gap, 5)
    state, _ = apply_plan(state, (Operation("adv", OpKind.CONVOY, "mid"),))
    assert state.depots[0].range_km == 20.0  # 15 + max(2, 5), at most 20


def test_the_enemy_reseeds_unwatched_roads_only() -> None:
    state = new_game(line_scenario(road_traps=0), seed=1)
    assert state.road("mid--town").traps == 0
    watched, events = apply_plan(state, (Operation("bde", MOVE, "mid"),
                                         Operation("bde", OpKind.HOLD, "mid--town")))
    assert watched.road("mid--town").traps == 0
    assert not any(isinstance(e, TrapsReseeded) for e in events)
    unwatched, events = apply_plan(state, (Operation("bde", MOVE, "mid"),))
    assert unwatched.road("mid--town").traps == 1
    assert [e.road for e in events if isinstance(e, TrapsReseeded)] == ["mid--town"]
    assert unwatched.road("base--mid").traps == 0  # not next to an enemy place


def test_fog_of_war_hides_traps_and_garrisons_until_recon() -> None:
    state = new_game(line_scenario(town_garrison=100, town_traps=2), seed=1)
    town = observe(state, "gov").places[2]
    low, high = town.garrison_estimate
    assert (town.traps, town.garrison) == (None, None)
    assert low <= 100 <= high and low % 10 == high % 10 == 0
    state, _ = apply_plan(state, (Operation("drone", OpKind.RECON, "town"),))
    town = observe(state, "gov").places[2]
    assert (town.traps, town.garrison, town.vbieds) == (2, 100, 1)
    assert observe(state, "is").places[2].garrison == 100


def test_a_trapped_place_strikes_on_entry_and_the_move_stops_there() -> None:
    scenario = chain_scenario()
    state = new_game(scenario, seed=4)
    state, _ = apply_plan(state, (Operation("bde", OpKind.ASSAULT, "p3"),))
    assert state.place("p3").traps == 0
    trapped = new_game(with_rules(line_scenario(road_traps=0), trap_hours_per_level=2.0), 1)
    _, events = apply_plan(trapped, (Operation("bde", MOVE, "mid"),))
    assert [type(e) for e in events if isinstance(e, UnitMoved | TrapStruck)] == [UnitMoved]


def test_victory_when_every_objective_is_held_and_defeat_at_the_limit() -> None:
    state = new_game(chain_scenario(n=4), seed=1)
    state, _ = apply_plan(state, (Operation("bde", OpKind.ASSAULT, "p3"),))
    assert state.outcome == Outcome.VICTORY
    with pytest.raises(IllegalPlanError, match="the game is over"):
        apply_plan(state, (Operation("bde", OpKind.REST),))
    idle = new_game(line_scenario(), seed=1)
    for _ in range(10):
        idle, _ = apply_plan(idle, ())
    assert (idle.outcome, idle.day, len(idle.record)) == (Outcome.DEFEAT, 10, 10)
