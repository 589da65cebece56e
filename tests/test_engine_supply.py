"""Supply: hubs, depots' loads, convoys, upkeep and work that goes without, with exact
expectations on small scenarios (tests/engine_fixtures.depot_scenario)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.engine import (
    AssaultResolved,
    ConvoyArrived,
    GameState,
    IllegalPlanError,
    Operation,
    OpKind,
    Risk,
    RiskKind,
    SuppliesShort,
    SupplyStatus,
    apply_plan,
    new_game,
    preview_plan,
)
from game.engine.refusals import Why
from game.engine.supply import assault_loads, upkeep_loads
from tests.engine_fixtures import depot_scenario, known, line_scenario

CONVOY = OpKind.CONVOY


def test_loads_are_counted_per_men() -> None:
    rules = depot_scenario().rules
    assert [assault_loads(rules, n) for n in (1, 400, 401, 1000)] == [1, 1, 2, 3]
    assert [upkeep_loads(rules, n) for n in (100, 1000, 1001)] == [1, 1, 2]


def test_a_place_beyond_the_source_is_fed_by_the_depot_that_reaches_it() -> None:
    state = new_game(depot_scenario(loads=5), seed=1)
    base, depot, front, _ = range(4)
    assert state.hubs[base] == (base,) and state.hubs[depot] == (base,)
    assert state.hubs[front] == (depot,)  # 20 km from the source, 10 from the depot


def test_units_eat_their_upkeep_from_the_depot_each_night() -> None:
    # bde (1000: one load), pol (500: one), eng (100: one) stand where the depot feeds.
    state = new_game(depot_scenario(loads=5), seed=1)
    after, events = apply_plan(state, ())
    assert after.depots[0].loads == 2
    assert all(u.days_out_of_supply == 0 for u in after.units)
    assert not [e for e in events if isinstance(e, SuppliesShort)]


def test_units_the_depot_cannot_feed_go_out_of_supply() -> None:
    state = new_game(depot_scenario(loads=2), seed=1)
    after, events = apply_plan(state, ())
    short = [e.unit for e in events if isinstance(e, SuppliesShort)]
    assert short == ["eng"]  # fed in the order units arrived: bde, pol, then nothing left
    assert after.unit("eng").days_out_of_supply == 1  # type: ignore[union-attr]
    status = next(e for e in events if isinstance(e, SupplyStatus))
    assert status.units_out == ("eng",)


def _roads_known_clear(state: GameState) -> GameState:
    return replace(state, known_road_traps=tuple(r.traps for r in state.roads))


def test_a_convoy_is_a_round_trip_that_stocks_the_depot_and_grows_its_reach() -> None:
    state = _roads_known_clear(new_game(depot_scenario(loads=0), seed=1))
    rules = state.scenario.rules
    line = preview_plan(state, (Operation("trucks", CONVOY, "depot"),)).lines[0]
    drive = 10.0 / (30.0 * rules.speed_logistics_percent / 100.0)
    assert line.error is None and line.loads == rules.convoy_loads
    assert line.end == pytest.approx(2 * drive + rules.convoy_hours)
    after, events = apply_plan(state, (Operation("trucks", CONVOY, "depot"),))
    arrived = next(e for e in events if isinstance(e, ConvoyArrived))
    # 15 km + max(40 % of the 15 km gap to 30, 5 km) = 21 km
    assert (arrived.loads, arrived.stock, arrived.range_km) == (3, 3, 21.0)
    assert after.unit("trucks").at == "base"  # type: ignore[union-attr]  # back home
    assert after.depots[0].loads == 0  # the three units ate the three loads that night


@pytest.mark.parametrize(("stock", "brings"), [(0, 3), (8, 2), (10, 0)])
def test_a_convoy_to_a_depot_nearly_full_says_how_many_loads_it_will_leave(
        stock: int, brings: int) -> None:
    state = _roads_known_clear(new_game(depot_scenario(loads=stock), seed=1))
    line = preview_plan(state, (Operation("trucks", CONVOY, "depot"),)).lines[0]
    assert line.loads == brings
    full = [r for r in line.risks if r.kind == RiskKind.DEPOT_FULL]
    assert full == ([] if brings == 3 else [Risk(RiskKind.DEPOT_FULL, "depot", brings)])


def test_convoys_that_cannot_run_are_refused_with_the_reason() -> None:
    state = _roads_known_clear(new_game(depot_scenario(loads=0), seed=1))
    own = preview_plan(state, (Operation("pol", OpKind.MOVE, "depot"),
                               Operation("pol", CONVOY, "depot"))).lines[1].error
    assert own is not None and own.kind == Why.CONVOY_SAME_PLACE
    empty = preview_plan(state, (Operation("pol", CONVOY, "depot"),)).lines[0].error
    assert empty is not None and empty.kind == Why.CONVOY_NEEDS_STOCK
    nowhere = preview_plan(state, (Operation("trucks", CONVOY, "front"),)).lines[0].error
    assert nowhere is not None and nowhere.kind == Why.NO_DEPOT


def test_a_convoy_to_a_depot_set_up_today_waits_until_it_opens() -> None:
    scenario = line_scenario(road_traps=0, road_km=25.0)
    state = new_game(scenario, seed=1)
    state, _ = apply_plan(state, (Operation("drone", OpKind.RECON, "base--mid"),))
    plan = (Operation("eng", OpKind.MOVE, "mid"),
            Operation("eng", OpKind.ESTABLISH_DEPOT, "mid"),
            Operation("adv", CONVOY, "mid"))
    lines = preview_plan(state, plan).lines
    assert all(line.error is None for line in lines)
    drive = 25.0 / (30.0 * 1.25)
    rules = scenario.rules
    # It leaves to arrive as the depot opens, unloads, and drives back.
    assert lines[2].end == pytest.approx(lines[1].end + drive + rules.convoy_hours / 2)
    _, events = apply_plan(state, plan)
    assert [e.depot for e in events if isinstance(e, ConvoyArrived)] == ["mid"]


def test_an_assault_draws_its_loads_or_fights_short_of_supplies() -> None:
    # The brigade (1000 men) draws three loads. With them it takes the town; without, its
    # attack is a third and the same town throws it back.
    for loads, short in ((3, ()), (0, ("bde",))):
        state = known(new_game(depot_scenario(loads=loads, garrison=150), seed=2), "town")
        plan = (Operation("bde", OpKind.ASSAULT, "town"),)
        line = preview_plan(state, plan).lines[0]
        assert line.estimate is not None and line.estimate.short_of_supplies == short
        assert (RiskKind.SHORT_OF_SUPPLIES in {r.kind for r in line.risks}) == bool(short)
        _, events = apply_plan(state, plan)
        fought = next(e for e in events if isinstance(e, AssaultResolved))
        assert fought.short_of_supplies == short
        assert fought.taken == (not short)


def test_clearing_without_loads_goes_at_half_speed() -> None:
    scenario = depot_scenario(loads=0)
    state = replace(new_game(scenario, seed=1), known_road_traps=(None, None, 2))
    rules = scenario.rules
    line = preview_plan(state, (Operation("eng", OpKind.CLEAR, "front--town"),)).lines[0]
    per_level = (rules.clear_hours_per_level + rules.clear_hours_per_level_km * 5.0) * 2
    assert line.end == pytest.approx(2 * per_level)
    assert RiskKind.SHORT_OF_SUPPLIES in {r.kind for r in line.risks}


def test_without_supply_everyone_held_is_fed_and_nothing_is_drawn() -> None:
    state = new_game(depot_scenario(loads=0), seed=1, without=("supply",))
    assert all(state.supplied[i] for i in range(3))
    after, events = apply_plan(state, (Operation("bde", OpKind.ASSAULT, "town"),))
    assert not [e for e in events if isinstance(e, SuppliesShort)]
    assert all(u.days_out_of_supply == 0 for u in after.units)


def test_the_plan_refuses_nothing_the_day_cannot_do() -> None:
    state = new_game(depot_scenario(loads=0), seed=1)
    with pytest.raises(IllegalPlanError, match="no depot"):
        apply_plan(state, (Operation("trucks", CONVOY, "front"),))


def test_a_convoy_listed_after_the_line_it_would_feed_is_named_in_that_lines_risks() -> None:
    # The day books loads in the plan's order: the assault checked first finds the depot
    # empty although the convoy arrives before it fights. The preview says which line
    # to move up, and listed first the convoy feeds the assault.
    state = replace(known(new_game(depot_scenario(loads=0, garrison=150), seed=2), "town"),
                    known_road_traps=(0, 0, 0))
    assault = Operation("bde", OpKind.ASSAULT, "town")
    convoy = Operation("trucks", CONVOY, "depot")
    late = preview_plan(state, (assault, convoy)).lines[0]
    assert Risk(RiskKind.SUPPLIED_LATER, "depot", 2) in late.risks
    assert RiskKind.SHORT_OF_SUPPLIES in {r.kind for r in late.risks}
    first = preview_plan(state, (convoy, assault)).lines[1]
    assert {r.kind for r in first.risks}.isdisjoint(
        {RiskKind.SUPPLIED_LATER, RiskKind.SHORT_OF_SUPPLIES})
    _, events = apply_plan(state, (convoy, assault))
    assert next(e for e in events if isinstance(e, AssaultResolved)).short_of_supplies == ()


def test_the_preview_says_where_a_unit_will_be_out_of_supply_tonight() -> None:
    # The source reaches 30 km: the town 5 km past mid (28 km) would be beyond it
    # once taken, unless a depot set up at mid today carries the supply on.
    state = replace(known(new_game(line_scenario(road_traps=0, road_km=28.0), seed=1),
                          "town"), known_road_traps=(0, 0))
    take = (Operation("bde", OpKind.MOVE, "mid"), Operation("bde", OpKind.ASSAULT, "town"))
    lines = preview_plan(state, take).lines
    assert Risk(RiskKind.OUT_OF_SUPPLY, "town") in lines[1].risks
    assert all(r.kind != RiskKind.OUT_OF_SUPPLY for r in lines[0].risks)  # not its last
    depot = (Operation("eng", OpKind.MOVE, "mid"), Operation("eng", OpKind.ESTABLISH_DEPOT, "mid"))
    lines = preview_plan(state, depot + take).lines
    assert all(r.kind != RiskKind.OUT_OF_SUPPLY for line in lines for r in line.risks)
    after, _ = apply_plan(state, depot + take)
    assert after.unit("bde").at == "town" and after.supplied[2]


def test_with_nothing_planned_tonights_supply_is_last_nights() -> None:
    from game.engine.planner import Planner

    for scenario in (line_scenario(), depot_scenario(loads=2)):
        state = new_game(scenario, seed=1)
        assert Planner(state).supplied_tonight() == list(state.supplied)


def test_the_preview_says_which_units_their_depot_cannot_feed_tonight() -> None:
    # The depot holds 2 loads; the brigade and the police eat one each, in the units'
    # order, and the engineers go without, as the night will have it. A convoy that
    # stocks the depot today feeds them all.
    state = replace(new_game(depot_scenario(loads=2), seed=1), known_road_traps=(0, 0, 0))
    rests = tuple(Operation(unit, OpKind.REST) for unit in ("bde", "pol", "eng"))
    lines = preview_plan(state, rests).lines
    assert [[r for r in line.risks if r.kind == RiskKind.UNFED] for line in lines] == [
        [], [], [Risk(RiskKind.UNFED, "front", 1)]]
    _, events = apply_plan(state, rests)
    assert [(e.unit, e.loads) for e in events if isinstance(e, SuppliesShort)] == [("eng", 1)]
    stocked = (Operation("trucks", CONVOY, "depot"), *rests)
    assert all(r.kind != RiskKind.UNFED
               for line in preview_plan(state, stocked).lines for r in line.risks)
    _, events = apply_plan(state, stocked)
    assert not any(isinstance(e, SuppliesShort) for e in events)
