"""Booby-traps, engineers and bridges: what the preview counts is what the day does."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.engine import (
    BridgeWork,
    Operation,
    OperationFailed,
    OpKind,
    ReconReport,
    Rested,
    Risk,
    RiskKind,
    Road,
    RoadKind,
    Scenario,
    TrapsCleared,
    TrapsReseeded,
    TrapStruck,
    UnitKind,
    UnitMoved,
    UnitSpec,
    VbiedAttack,
    apply_plan,
    new_game,
    preview_plan,
)
from game.engine.refusals import Refusal, Why
from tests.engine_fixtures import SIDES, chain_scenario, line_scenario, place, with_rules

MOVE = OpKind.MOVE


def test_a_known_trap_on_the_way_stops_the_move_in_the_preview_as_on_the_day() -> None:
    state = new_game(line_scenario(road_traps=2), seed=1)
    state = replace(state, known_road_traps=(2, 0))
    rules = state.scenario.rules
    line = preview_plan(state, (Operation("bde", MOVE, "mid"),)).lines[0]
    assert line.path == ("base",)  # it stops at the road's entrance
    assert line.end == pytest.approx(2 * rules.trap_hours_per_level)
    after, events = apply_plan(state, (Operation("bde", MOVE, "mid"),
                                       Operation("bde", OpKind.REST)))
    moved = next(e for e in events if isinstance(e, UnitMoved))
    assert (moved.to, moved.hour) == ("base", pytest.approx(line.end))
    assert after.known_road_traps[0] == 1  # one level spent, the rest known


def test_a_road_driven_over_without_a_strike_becomes_known_clear() -> None:
    state = new_game(line_scenario(road_traps=0), seed=1)
    assert state.known_road_traps[0] is None
    after, _ = apply_plan(state, (Operation("bde", MOVE, "mid"),))
    assert after.known_road_traps[0] == 0
    assert after.known_place_traps[1] == 0


def test_after_waits_for_the_line_it_names_to_actually_end() -> None:
    # The brigade drives into an unknown trap (delayed); the advisers wait for it.
    state = new_game(line_scenario(road_traps=3), seed=1)
    plan = (Operation("bde", MOVE, "mid"), Operation("adv", OpKind.REST, after=1))
    planned = preview_plan(state, plan).lines
    _, events = apply_plan(state, plan)
    struck = next(e for e in events if isinstance(e, TrapStruck))
    rested = next(e for e in events if isinstance(e, Rested))
    rules = state.scenario.rules
    assert rested.hour == pytest.approx(struck.hour + struck.hours_lost + rules.rest_hours)
    assert rested.hour > planned[1].end


def test_a_trapped_town_we_hold_strikes_its_occupants_each_night() -> None:
    scenario = chain_scenario()
    trapped = replace(scenario, places=tuple(
        replace(p, traps=2) if p.id == "p2" else p for p in scenario.places))
    after, events = apply_plan(new_game(trapped, seed=1), ())
    strikes = [e for e in events if isinstance(e, TrapStruck)]
    assert [(e.place, e.unit, e.hour) for e in strikes] == [("p2", "bde", 24.0)]
    assert after.place("p2").traps == 1


def test_engineers_clear_a_held_place_from_the_road_next_to_it() -> None:
    scenario = line_scenario(road_traps=0)
    scenario = replace(scenario, places=tuple(
        replace(p, traps=2) if p.id == "mid" else p for p in scenario.places))
    state = replace(new_game(scenario, seed=1), known_road_traps=(0, None),
                    known_place_traps=(0, 2, None))
    plan = (Operation("eng", OpKind.CLEAR, "mid"),)
    assert preview_plan(state, plan).ok
    after, events = apply_plan(state, plan)
    assert not [e for e in events if isinstance(e, TrapStruck)]  # no free strike on entry
    assert after.place("mid").traps == 0
    assert after.unit("eng").at == "base"  # type: ignore[union-attr]


def test_engineers_who_cleared_a_road_watch_it_that_night() -> None:
    state = replace(new_game(line_scenario(road_traps=0), seed=1), known_road_traps=(0, 1))
    state = replace(state, roads=(state.roads[0], replace(state.roads[1], traps=1)))
    moved, _ = apply_plan(state, (Operation("eng", MOVE, "mid"),))
    after, events = apply_plan(moved, (Operation("eng", OpKind.CLEAR, "mid--town"),))
    assert after.road("mid--town").traps == 0
    assert not [e for e in events if isinstance(e, TrapsReseeded)]


def _river() -> Scenario:
    """bank (ours, source) --destroyed bridge 2 km-- far (the enemy's, with a car bomb)."""
    return Scenario(
        "river", "River", "2017-09-19", 10, SIDES,
        (place("bank", supply_source=True), place("far", side="is", garrison=50, vbieds=1)),
        (Road("bank--far", "bank", "far", 2.0, RoadKind.BRIDGE, destroyed=True),),
        units=(UnitSpec("eng", "Engineers", "gov", UnitKind.ENGINEERS, "bank", 100),
               UnitSpec("bde", "Brigade", "gov", UnitKind.ARMY, "bank", 800)),
    )


def test_engineers_lay_a_floating_bridge_over_days_and_the_road_opens() -> None:
    scenario = with_rules(_river(), bridge_hours=20.0, vbied_stop_percent=0.0,
                          vbied_cover_stop_percent=0.0)
    state = new_game(scenario, seed=1)
    assault = preview_plan(state, (Operation("bde", OpKind.ASSAULT, "far"),)).lines[0].error
    assert assault is not None and assault.kind == Why.NOT_NEXT_TO
    bridge = (Operation("eng", OpKind.BRIDGE, "bank--far"),)
    assert preview_plan(state, bridge).lines[0].bridge_done == (16.0, 20.0)
    day1, events = apply_plan(state, bridge)
    work = next(e for e in events if isinstance(e, BridgeWork))
    assert (work.hours, work.progress, work.done) == (16.0, 16.0, False)
    assert day1.road("bank--far").destroyed and day1.road("bank--far").bridging == 16.0
    # Out on the bank, the engineers were in reach of the car bomb across the river.
    assert [e.unit for e in events if isinstance(e, VbiedAttack)] == ["eng"]
    assert preview_plan(day1, bridge).lines[0].bridge_done == (20.0, 20.0)
    day2, events = apply_plan(day1, bridge)
    assert next(e for e in events if isinstance(e, BridgeWork)).done
    assert not day2.road("bank--far").destroyed
    assert preview_plan(day2, (Operation("bde", OpKind.ASSAULT, "far"),)).ok


def test_only_engineers_bridge_and_only_what_is_destroyed() -> None:
    state = new_game(_river(), seed=1)
    error = preview_plan(state, (Operation("bde", OpKind.BRIDGE, "bank--far"),)).lines[0].error
    assert error is not None and error.kind == Why.ONLY_ENGINEERS
    open_road = new_game(line_scenario(), seed=1)
    error = preview_plan(open_road, (Operation("eng", OpKind.BRIDGE, "base--mid"),)
                         ).lines[0].error
    assert error is not None and error.kind == Why.NOT_DESTROYED


def test_a_line_pushed_past_the_units_day_by_a_trap_fails() -> None:
    state = new_game(line_scenario(road_traps=5, road_km=12.0), seed=1)
    plan = (Operation("bde", MOVE, "mid"), Operation("bde", OpKind.HOLD, "base--mid"),
            Operation("bde", OpKind.HOLD, "base--mid"), Operation("bde", OpKind.HOLD,
                                                                   "base--mid"))
    assert preview_plan(state, plan).ok
    _, events = apply_plan(state, plan)
    failed = [e.reason.kind for e in events if isinstance(e, OperationFailed)]
    assert Why.DELAYED in failed



@pytest.mark.parametrize("traps", [1, 2, 3])
def test_a_recon_reports_the_traps_left_at_its_hour_by_a_sweep_beside_it(traps: int) -> None:
    # The recon is planned to end before the sweep, so it resolves first; the sweep
    # finds fewer levels than it was given and ends early. The report must not say
    # traps are there that the engineers had already lifted by its hour.
    state = new_game(line_scenario(road_traps=traps, road_km=27), seed=1)
    plan = (Operation("bde", OpKind.RECON, "base--mid"),
            Operation("eng", OpKind.CLEAR, "base--mid"))
    planned = preview_plan(state, plan).lines
    assert planned[0].end < planned[1].end
    after, events = apply_plan(state, plan)
    report = next(e for e in events if isinstance(e, ReconReport))
    per_level = next(e for e in events if isinstance(e, TrapsCleared)).hour / traps
    lifted_by_then = min(traps, int(report.hour / per_level + 1e-9))
    assert report.traps == traps - lifted_by_then
    assert after.known_road_traps[0] == 0


def test_a_sweep_of_a_town_the_assault_did_not_take_fails_because_the_enemy_holds_it() -> None:
    from tests.engine_fixtures import depot_scenario

    state = new_game(depot_scenario(loads=10, garrison=5000), seed=1)
    plan = (Operation("bde", OpKind.ASSAULT, "town"),
            Operation("eng", OpKind.CLEAR, "town", after=1))
    assert preview_plan(state, plan).ok  # the plan counts on the assault
    _, events = apply_plan(state, plan)
    failed = [e for e in events if isinstance(e, OperationFailed) and e.line == 2]
    assert [f.reason.kind for f in failed] == [Why.HELD_BY_ENEMY]


def test_a_line_that_sets_out_before_the_sweep_it_counts_on_ends_is_warned() -> None:
    # The day meets the road as it was when the move set out: it strikes the traps the
    # engineers are still lifting. The preview says so, and waiting (after) cures it.
    state = replace(new_game(line_scenario(road_traps=2), seed=1), known_road_traps=(2, 0))
    sweep = Operation("eng", OpKind.CLEAR, "base--mid")
    rushed = preview_plan(state, (sweep, Operation("bde", MOVE, "mid"))).lines[1]
    assert Risk(RiskKind.TOO_EARLY, "base--mid", 1) in rushed.risks
    _, events = apply_plan(state, (sweep, Operation("bde", MOVE, "mid")))
    assert any(isinstance(e, TrapStruck) and e.unit == "bde" for e in events)
    waited = (sweep, Operation("bde", MOVE, "mid", after=1))
    line = preview_plan(state, waited).lines[1]
    assert not any(r.kind == RiskKind.TOO_EARLY for r in line.risks)
    _, events = apply_plan(state, waited)
    assert not any(isinstance(e, TrapStruck) for e in events)


def test_a_unit_that_ends_the_day_in_a_town_with_known_traps_is_warned_of_the_night() -> None:
    scenario = chain_scenario()
    trapped = replace(scenario, places=tuple(
        replace(p, traps=2) if p.id == "p1" else p for p in scenario.places))
    state = new_game(trapped, seed=1)
    state = replace(state, known_place_traps=tuple(
        2 if p.id == "p1" else k for p, k in zip(state.places, state.known_place_traps,
                                                 strict=True)))
    there = preview_plan(state, (Operation("bde", MOVE, "p1"),)).lines[0]
    # Driving in springs one of the two levels; the other strikes at night.
    assert Risk(RiskKind.KNOWN_TRAPS, "p1", 2) in there.risks
    assert Risk(RiskKind.NIGHT_TRAPS, "p1", 1) in there.risks
    # Only the unit's last line carries it, and only where the day ends.
    back = preview_plan(state, (Operation("bde", MOVE, "p1"),
                                Operation("bde", MOVE, "p2"))).lines
    assert all(r.kind != RiskKind.NIGHT_TRAPS for line in back for r in line.risks)
    _, events = apply_plan(state, (Operation("bde", MOVE, "p1"),))
    assert [(e.place, e.level) for e in events if isinstance(e, TrapStruck)] == [
        ("p1", 2), ("p1", 1)]


def test_a_second_sweep_of_the_same_road_follows_the_first() -> None:
    # Found in play: two teams on one road, the second "found no traps" at 06:44
    # while the first lifted them until 13:32. One sweep at a time, in order.
    scenario = line_scenario(road_traps=5, road_km=2.0)
    eng2 = replace(next(u for u in scenario.units if u.id == "eng"), id="eng2",
                   name="Engineers 2")
    state = new_game(replace(scenario, units=(*scenario.units, eng2)), seed=1)
    tired = tuple(replace(u, readiness=40) if u.id == "eng" else u for u in state.units)
    state = replace(state, known_road_traps=(5, 0), units=tired)  # eng's day: 2 levels
    first = Operation("eng", OpKind.CLEAR, "base--mid")
    second = preview_plan(state, (first, Operation("eng2", OpKind.CLEAR, "base--mid")))
    assert second.lines[1].error == Refusal(Why.BEING_CLEARED, target="base--mid", number=1)
    plan = (first, Operation("eng2", OpKind.CLEAR, "base--mid", after=1))
    lines = preview_plan(state, plan).lines
    assert lines[1].error is None and lines[1].start == lines[0].end
    _, events = apply_plan(state, plan)
    assert [(e.unit, e.levels, e.remaining) for e in events if isinstance(e, TrapsCleared)] \
        == [("eng", 2, 3), ("eng2", 3, 0)]


def test_a_sweep_that_finds_fewer_levels_ends_early_and_the_column_after_it_finds_the_road_clear(
) -> None:
    # Found in play: a sweep of a road of unknown traps resolved at its planned end,
    # late in the day, so a brigade that drove the road at 04:00 struck the level the
    # sweep had lifted at 03:12, and the log said "no traps found" before the strike.
    state = new_game(line_scenario(road_traps=1, road_km=12.0), seed=1)
    strikes = (Operation("jets", OpKind.AIR_STRIKE, "town"),) * 2
    plan = (Operation("eng", OpKind.CLEAR, "base--mid"), *strikes,
            Operation("bde", MOVE, "mid", after=3))
    lines = preview_plan(state, plan).lines
    assert lines[0].end > lines[3].start  # planned to sweep all day, unknown level
    _, events = apply_plan(state, plan)
    swept = next(e for e in events if isinstance(e, TrapsCleared))
    moved = next(e for e in events if isinstance(e, UnitMoved))
    assert (swept.levels, swept.remaining) == (1, 0) and swept.hour < lines[3].start
    assert moved.to == "mid" and not any(isinstance(e, TrapStruck) for e in events)


def test_a_unit_that_takes_a_town_of_unknown_traps_is_warned_they_may_strike_at_night() -> None:
    scenario = line_scenario(road_traps=0, town_traps=2, town_garrison=20)
    state = new_game(scenario, seed=1)
    plan = (Operation("bde", MOVE, "mid"), Operation("bde", OpKind.ASSAULT, "town"))
    lines = preview_plan(state, plan).lines
    assert Risk(RiskKind.NIGHT_TRAPS, "town", None) in lines[1].risks
    _, events = apply_plan(state, plan)
    assert any(isinstance(e, TrapStruck) and e.place == "town" for e in events)
