"""A scenario that validates never crashes the engine.

Hypothesis writes small scenarios as an author would, as YAML text: random road
graphs on a patch of desert, forces, air, supply, objectives in either spelling,
scripted events, and rule overrides drawn from their documented ranges
(`game.data.rule_ranges`, ends included). Those `anbar validate` accepts are
played for ten days by the `random` and the `doctrine` policies, through the
same calls the game makes. Any exception is a bug: in a range too wide, a check
missing from the validator, or the engine.

The default run tries EXAMPLES scenarios (a few seconds); ANBAR_NEVER_CRASH_EXAMPLES
raises it (the acceptance run uses 2000:
`ANBAR_NEVER_CRASH_EXAMPLES=2000 python3 -m pytest tests/test_data_never_crash.py`).
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import yaml
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st

from game.data.rule_ranges import RULE_RANGES, SUPPLY_RANGES
from game.data.scenario import analyse_text
from game.engine import (
    AirKind,
    RoadKind,
    Rules,
    SupplyRules,
    UnitKind,
    apply_plan,
    choose_plan,
    new_game,
    observe,
)

EXAMPLES = int(os.environ.get("ANBAR_NEVER_CRASH_EXAMPLES", "200"))
DAYS_PLAYED = 10
PLAYER_KINDS = [k.value for k in UnitKind if k != UnitKind.FIGHTERS]


def _number(name: str, declared: Any, ranges: dict[str, tuple[float, float]]) -> Any:
    low, high = ranges[name]
    if declared in (int, "int"):
        return st.integers(int(low), int(high))
    return st.floats(low, high, allow_nan=False, allow_infinity=False).map(
        lambda x: round(x, 3)).filter(lambda x: low <= x <= high)


def overrides(cls: type[Rules] | type[SupplyRules],
              ranges: dict[str, tuple[float, float]]) -> st.SearchStrategy[dict[str, Any]]:
    """Some of a rules section's fields, each within its documented range."""
    return st.fixed_dictionaries({}, optional={
        f.name: _number(f.name, f.type, ranges) for f in dataclasses.fields(cls)})


@st.composite
def scenarios(draw: st.DrawFn) -> dict[str, Any]:
    n = draw(st.integers(2, 7))
    lat0, lon0 = draw(st.floats(33.0, 35.0)), draw(st.floats(40.0, 43.0))
    coords = [(round(lat0 + draw(st.floats(-0.4, 0.4)), 4),
               round(lon0 + draw(st.floats(-0.4, 0.4)), 4)) for _ in range(n)]
    sides = ["gov"] + [draw(st.sampled_from(["gov", "is"])) for _ in range(n - 2)] + ["is"]
    places = []
    for i in range(n):
        place: dict[str, Any] = {
            "id": f"p{i}", "name": f"Place {i}", "lat": coords[i][0], "lon": coords[i][1],
            "side": sides[i], "kind": draw(st.sampled_from(
                ["city", "town", "village", "base", "dam", "crossing", "junction"])),
            "population": draw(st.sampled_from([0, 500, 20_000, 10_000_000])),
            "traps": draw(st.integers(0, 5)),
        }
        if sides[i] == "is":
            place["garrison"] = draw(st.sampled_from([0, 1, 40, 300, 2000, 100_000]))
            place["vbieds"] = draw(st.integers(0, 3))
            place["vbied_factory"] = draw(st.booleans())
        place["supply_source"] = i == 0 or draw(st.integers(0, 4)) == 0
        if draw(st.integers(0, 5)) == 0:
            place["depot"] = True
            place["depot_loads"] = draw(st.sampled_from([0, 3, 1000]))
        places.append(place)
    roads = []
    pairs = set()
    for i in range(1, n):
        j = draw(st.integers(0, i - 1))
        pairs.add((j, i))
    for _ in range(draw(st.integers(0, 3))):
        a, b = sorted(draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2,
                                    unique=True)))
        pairs.add((a, b))
    for a, b in sorted(pairs):
        roads.append({"between": [f"p{a}", f"p{b}"],
                      "km": draw(st.sampled_from([0.5, 5, 12, 40, 90, 400, 1000])),
                      "kind": draw(st.sampled_from([k.value for k in RoadKind])),
                      "traps": draw(st.integers(0, 5)),
                      "destroyed": draw(st.integers(0, 9)) == 0})
    own = [p["id"] for p in places if p["side"] == "gov"]
    enemy = [p["id"] for p in places if p["side"] == "is"]
    units = [{"id": f"u{k}", "name": f"Unit {k}", "side": "gov",
              "kind": draw(st.sampled_from(PLAYER_KINDS)), "at": draw(st.sampled_from(own)),
              "strength": draw(st.sampled_from([1, 30, 900, 20_000])),
              "readiness": draw(st.sampled_from([0, 35, 100]))}
             for k in range(draw(st.integers(1, 4)))]
    if enemy and draw(st.booleans()):
        units.append({"id": "f0", "name": "Fighters", "side": "is", "kind": "fighters",
                      "at": draw(st.sampled_from(enemy)), "strength": 50})
    air = [{"id": f"a{k}", "name": f"Air {k}", "side": "gov",
            "kind": draw(st.sampled_from([k.value for k in AirKind])),
            "sorties": draw(st.sampled_from([0, 1, 3, 50]))}
           for k in range(draw(st.integers(0, 2)))]
    days = draw(st.integers(DAYS_PLAYED, 20))
    # Mostly enemy places (one the player holds, now and then): a scenario won at the
    # start is refused, and would test nothing.
    targets = draw(st.lists(st.sampled_from(enemy), min_size=1, max_size=3, unique=True))
    if draw(st.integers(0, 4)) == 0:
        targets.append(own[0])
    objectives = []
    for target in targets:
        if draw(st.booleans()):
            next(p for p in places if p["id"] == target)["objective"] = True
        else:
            entry: dict[str, Any] = {"place": target}
            if draw(st.booleans()):
                entry["by_day"] = draw(st.integers(1, days))
            objectives.append(entry)
    events: list[dict[str, Any]] = []
    for k in range(draw(st.integers(0, 4))):
        day = draw(st.integers(1, days))
        kind = draw(st.sampled_from(["message", "reinforcements", "sorties", "weather",
                                     "garrison", "withdrawal"]))
        if kind == "message":
            events.append({"day": day, "message": "News"})
        elif kind == "reinforcements":
            events.append({"day": day, "reinforcements": [
                {"id": f"r{k}", "name": "Arrivals", "side": "gov",
                 "kind": draw(st.sampled_from(PLAYER_KINDS)), "at": draw(st.sampled_from(own)),
                 "strength": draw(st.sampled_from([1, 500]))}]})
        elif kind == "sorties" and air:
            events.append({"day": day, "sorties": {"asset": air[0]["id"],
                                                    "count": draw(st.integers(0, 50))}})
        elif kind == "weather":
            events.append({"day": day, "weather": "sandstorm", "days": draw(st.integers(1, 5))})
        elif kind == "withdrawal":
            events.append({"day": day, "withdrawal": [draw(st.sampled_from(units))["id"]]})
        elif kind == "garrison":
            events.append({"day": day, "garrison": {
                "place": draw(st.sampled_from([p["id"] for p in places])),
                "fighters": draw(st.sampled_from([-100_000, -20, 30, 100_000]))}})
    top: dict[str, Any] = {
        "id": "drawn", "title": "Drawn", "start_date": "2017-09-19", "days": days,
        "sides": [{"id": "gov", "name": "Government", "player": True},
                  {"id": "is", "name": "Enemy"}],
        "places": places, "roads": roads, "units": units, "air": air,
        "objectives": objectives, "events": events,
        "supply": draw(overrides(SupplyRules, SUPPLY_RANGES)),
        "rules": draw(overrides(Rules, RULE_RANGES)),
    }
    return top


def play_days(scenario: Any, seed: int, policy: str) -> None:
    state = new_game(scenario, seed)
    for _ in range(DAYS_PLAYED):
        if state.over:
            break
        observe(state, scenario.player_side)
        state, _ = apply_plan(state, choose_plan(policy, state))


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(top=scenarios(), seed=st.integers(0, 2**32))
def test_a_scenario_that_validates_plays_ten_days_without_error(top: dict[str, Any],
                                                                 seed: int) -> None:
    text = yaml.safe_dump(top, sort_keys=False)
    analysis = analyse_text(text, "drawn.yaml")
    errors = [str(p) for p in analysis.problems if p.is_error]
    event("validates" if analysis.ok else f"refused: {errors[0].split(': ', 2)[-1][:40]}")
    assume(analysis.ok)
    assert analysis.scenario is not None
    for policy in ("random", "doctrine"):
        play_days(analysis.scenario, seed, policy)
