"""Long roads are swept over days: a sweep that cannot finish a trap level works the
hours it has, the road keeps them, and the next sweep's first level needs that much
less. The preview and the day agree on every hour."""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.engine import (
    GameState,
    Operation,
    OpKind,
    RiskKind,
    SweepWork,
    TrapsCleared,
    TrapsReseeded,
    apply_plan,
    new_game,
    preview_plan,
)
from game.engine.refusals import Why
from tests.engine_fixtures import line_scenario, with_rules

CLEAR_LONG = (Operation("eng", OpKind.CLEAR, "base--mid"),)


def _long_road(km: float = 200.0, traps: int = 2, **rules: float) -> GameState:
    # 2 h + 0.1 h a km: a level of a 200 km road takes 22 h, more than a working day.
    return new_game(with_rules(line_scenario(road_traps=traps, road_km=km),
                               fatigue_per_hour=0.0, vbied_stop_percent=100.0, **rules), seed=1)


def test_a_level_longer_than_a_day_is_swept_over_two_days() -> None:
    state = _long_road()
    line = preview_plan(state, CLEAR_LONG).lines[0]
    assert line.error is None
    assert (line.start, line.end) == (0.0, 16.0)
    assert line.sweep_done == (16.0, 22.0)
    day1, events = apply_plan(state, CLEAR_LONG)
    work = [e for e in events if isinstance(e, SweepWork)]
    assert [(e.unit, e.road, e.hours, e.swept, e.needed) for e in work] == [
        ("eng", "base--mid", 16.0, 16.0, 22.0)]
    assert not [e for e in events if isinstance(e, TrapsCleared)]
    road = day1.road("base--mid")
    assert (road.traps, road.swept) == (2, 16.0)
    # Day two: the first level needs the 6 h left of it; the second a whole 22 h does
    # not fit in the 10 h after, so the sweep ends at hour 6 with one level cleared.
    line = preview_plan(day1, CLEAR_LONG).lines[0]
    assert line.error is None and line.end == pytest.approx(6.0) and line.sweep_done is None
    day2, events = apply_plan(day1, CLEAR_LONG)
    cleared = [e for e in events if isinstance(e, TrapsCleared)]
    assert [(e.levels, e.remaining, e.hour) for e in cleared] == [(1, 1, 6.0)]
    road = day2.road("base--mid")
    assert (road.traps, road.swept) == (1, 0.0)


def test_later_lines_of_the_plan_count_on_the_bank() -> None:
    # A tired team (a day of 8 h) starts the sweep; a fresh one takes it on at hour 8.
    base = with_rules(line_scenario(road_traps=2, road_km=200.0), fatigue_per_hour=0.0)
    tired = replace(base.units[1], id="tired", name="Tired engineers", readiness=50)
    state = new_game(replace(base, units=(*base.units, tired)), seed=1)
    plan = (Operation("tired", OpKind.CLEAR, "base--mid"),
            Operation("eng", OpKind.CLEAR, "base--mid", after=1))
    lines = preview_plan(state, plan).lines
    assert [(line.start, line.end, line.sweep_done) for line in lines] == [
        (0.0, 8.0, (8.0, 22.0)), (8.0, 16.0, (16.0, 22.0))]
    day1, events = apply_plan(state, plan)
    assert [(e.unit, e.swept) for e in events if isinstance(e, SweepWork)] == [
        ("tired", 8.0), ("eng", 16.0)]
    assert day1.road("base--mid").swept == 16.0


def test_a_level_that_fits_is_swept_whole_as_before() -> None:
    state = _long_road(km=50.0)  # 7 h a level: two fit in the day
    line = preview_plan(state, CLEAR_LONG).lines[0]
    assert line.sweep_done is None and line.end == pytest.approx(14.0)
    day1, events = apply_plan(state, CLEAR_LONG)
    assert [(e.levels, e.remaining) for e in events if isinstance(e, TrapsCleared)] == [(2, 0)]
    assert day1.road("base--mid").swept == 0.0


def test_a_sweep_short_of_supplies_banks_at_half_speed() -> None:
    # From mid, 200 km out, past the source's reach: no loads, so half speed; the
    # bank counts full-speed hours, 8 for 16 h of work, and the preview says so.
    base = with_rules(line_scenario(road_traps=2, road_km=200.0), fatigue_per_hour=0.0)
    out = replace(base.units[1], at="mid")
    state = new_game(replace(base, units=(base.units[0], out, base.units[2])), seed=1)
    line = preview_plan(state, CLEAR_LONG).lines[0]
    assert line.error is None and line.sweep_done == (8.0, 22.0)
    assert any(risk.kind == RiskKind.SHORT_OF_SUPPLIES for risk in line.risks)
    day1, _ = apply_plan(state, CLEAR_LONG)
    assert day1.road("base--mid").swept == 8.0
    # The next day the first level needs (22 - 8) / 0.5 = 28 h: still more than a day.
    # (Out of supply, the team is less ready: a shorter day, at half speed still.)
    line = preview_plan(day1, CLEAR_LONG).lines[0]
    assert line.sweep_done is not None and 8.0 < line.sweep_done[0] < 16.0


def test_a_place_is_swept_whole_or_not_at_all() -> None:
    # A place's level longer than the day is refused, not banked: places keep no bank.
    scenario = with_rules(line_scenario(road_traps=0), clear_place_hours_per_level=20.0)
    scenario = replace(scenario, places=tuple(
        replace(p, traps=2) if p.id == "mid" else p for p in scenario.places))
    state = replace(new_game(scenario, seed=1), known_road_traps=(0, None),
                    known_place_traps=(0, 2, None))
    line = preview_plan(state, (Operation("eng", OpKind.CLEAR, "mid"),)).lines[0]
    assert line.error is not None and line.error.kind == Why.NO_TIME_FOR_A_LEVEL


def test_the_bank_survives_a_night_of_reseeding() -> None:
    state = _long_road(traps=1, reseed_percent=100.0, reseed_reach_km=1000.0)
    day1, _ = apply_plan(state, CLEAR_LONG)  # the sweepers watch it the first night
    assert day1.road("base--mid").swept == 16.0
    day2, events = apply_plan(day1, ())
    assert TrapsReseeded(2, 24.0, "base--mid") in events
    assert (day2.road("base--mid").traps, day2.road("base--mid").swept) == (2, 16.0)


def test_the_menu_choice_carries_the_sweep_progress() -> None:
    from game.engine import legal_operations

    choices = {(c.kind, c.target): c for c in legal_operations(_long_road(), "eng")}
    sweep = choices[(OpKind.CLEAR, "base--mid")]
    assert sweep.legal and sweep.hours == 16.0 and sweep.sweep_done == (16.0, 22.0)
    short = _long_road(km=50.0)
    assert {(c.kind, c.target): c for c in legal_operations(short, "eng")}[
        (OpKind.CLEAR, "base--mid")].sweep_done is None
