"""Valid but unusual scenarios, for driving the whole game (UI and play loop) on them.

Each entry of `ZOO` is a name and a function returning the scenario as a dict; `text(name)`
dumps it as YAML (PyYAML quotes what YAML 1.1 would misread). Every one passes `anbar
validate` (warnings allowed): a test holds that. The shapes are the edges of the format
rather than typical campaigns: two places, no enemy, enemy everywhere, no air, no
engineers, names in scripts and markup the map must print as written, places on one point
or spanning the globe, one-day and 365-day campaigns, reinforcements on the first and last
days, every optional field absent or at its extreme.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import yaml

from tests.zoo_names import (
    arabic_names,
    blank_names,
    long_names,
    markup_names,
    odd_ids,
    wide_unicode,
)
from tests.zoo_parts import ENEMY, GOV, Scenario, _base, _chain, _place, _road, _unit


def two_places() -> Scenario:
    """The smallest valid scenario: a base, an enemy town, one road, one unit; no optional
    field written."""
    s = _base(days=3)
    s["places"] = [_place("a", "A", 34.0, 42.0, GOV, supply_source=True),
                   _place("b", "B", 34.0, 41.9, ENEMY, objective=True)]
    s["roads"] = [_road("a", "b")]
    s["units"] = [_unit("u", "a")]
    return s


def no_enemy() -> Scenario:
    """The enemy holds the objective with nobody in it, and nothing else."""
    s = two_places()
    s["places"].append(_place("c", "C", 34.1, 42.0, GOV))
    s["roads"].append(_road("a", "c", 12.0))
    s["air"] = [{"id": "jets", "name": "Jets", "side": GOV, "sorties": 3}]
    return s


def enemy_everywhere() -> Scenario:
    """The player holds one base; the enemy every other place, armed to the limit."""
    rng = random.Random(7)
    n = 24
    names = [f"Town {i}" for i in range(n)]
    s = _chain(names)
    for i, place in enumerate(s["places"][1:], start=1):
        place.update(garrison=rng.randint(0, 3000), traps=5, vbieds=rng.randint(0, 100),
                     vbied_factory=rng.random() < 0.5, population=rng.randint(0, 10_000_000),
                     kind=rng.choice(["city", "town", "village", "base", "dam", "junction"]))
        if i % 5 == 0:
            place["objective"] = True
    s["places"][-1]["kind"] = "crossing"
    for i in range(1, n - 2, 3):
        s["roads"].append(_road(f"p{i}", f"p{i + 2}", 30.0, traps=5, kind="track"))
    for road in s["roads"]:
        road["traps"] = 5
    s["units"] += [_unit(f"f{i}", f"p{i}", "fighters", 500, side=ENEMY) for i in range(1, n)]
    return s


def only_a_base() -> Scenario:
    """No depots allowed, no source but one base; no air, no engineers, no trucks."""
    s = _chain(["Base", "Mid", "Far", "Goal"])
    s["places"][0]["kind"] = "base"
    s["supply"] = {"range_km": 0, "depot_range_km": 0, "depot_range_max_km": 0,
                   "max_depots": 0}
    s["units"] = [_unit("bde", "p0"), _unit("pol", "p0", "police", 300)]
    del s["air"]
    return s


def depots_only() -> Scenario:
    """Supply from starting depots, no source; depots already at the maximum."""
    s = _chain(["Depot one", "Depot two", "Enemy", "Goal"], front=2)
    del s["places"][0]["supply_source"]
    s["places"][0].update(depot=True, depot_loads=1000)
    s["places"][1].update(depot=True, depot_loads=0)
    s["supply"] = {"max_depots": 2}
    return s


def same_point() -> Scenario:
    """Every place on one point."""
    s = _chain(["One", "Two", "Three", "Four", "Five"], front=2)
    for place in s["places"]:
        place["lat"], place["lon"] = 34.0, 42.0
    return s


def globe() -> Scenario:
    """Places at the poles and both sides of the date line, short roads between them."""
    points = [(90, 0), (-90, 0), (0, 179.999), (0, -179.999), (45, 90), (-45, -90),
              (0, 0), (89.9, 180), (-89.9, -180)]
    s = _chain([f"P{i}" for i in range(len(points))], front=2)
    for place, (lat, lon) in zip(s["places"], points, strict=True):
        place["lat"], place["lon"] = lat, lon
    for road in s["roads"]:
        road["km"] = 1000
    s["river"] = [[-90, -180], [90, 180], [0, 0], [0, 179.9], [0, -179.9]]
    return s


def tiny_area() -> Scenario:
    """Places a millionth of a degree apart, roads a metre long."""
    s = _chain([f"P{i}" for i in range(6)], front=2, step=1e-6)
    for road in s["roads"]:
        road["km"] = 0.001
    s["river"] = [[34.0, 42.0], [34.0000005, 41.999999]]
    return s


def one_day() -> Scenario:
    """A one-day campaign: the first end of day is the last."""
    s = _chain(["Base", "Goal"])
    s["days"] = 1
    s["events"] = [{"day": 1, "message": "Only today."},
                   {"day": 1, "reinforcements": [_unit("r1", "p0", "counter-terrorism", 400)]}]
    return s


def one_objective_held() -> Scenario:
    """Two objectives, one held by the player from the start (a warning, counted as taken)."""
    s = _chain(["Base", "Mid", "Goal"])
    s["places"][0]["objective"] = True
    s["objectives"] = [{"place": "p2", "by_day": 1}]
    return s


def reinforcements_edges() -> Scenario:
    """Reinforcements on the first and last days, both sides; a withdrawal of every starting
    unit on day 2, so the player has nothing on the map until the last day."""
    s = _chain(["Base", "Mid", "Goal"])
    s["days"] = 4
    s["events"] = [
        {"day": 1, "reinforcements": [_unit("r1", "p0", "tribal", 200),
                                      _unit("e1", "p2", "fighters", 300, side=ENEMY)]},
        {"day": 2, "withdrawal": ["bde", "eng", "trucks", "r1"]},
        {"day": 4, "reinforcements": [_unit("r4", "p0", "militia", 20_000),
                                      _unit("e4", "p1", "fighters", 20_000, side=ENEMY)],
         "text": "Last day"},
        {"day": 4, "sorties": {"asset": "jets", "count": 50}},
        {"day": 1, "sorties": {"asset": "drone", "count": 0}},
    ]
    return s


def nobody_left() -> Scenario:
    """No aircraft, and every unit called away on day 2: two days with nobody to command
    before one returns on the last day."""
    s = _chain(["Base", "Mid", "Goal"])
    del s["air"]
    s["days"] = 4
    s["events"] = [{"day": 2, "withdrawal": ["bde", "eng", "trucks"]},
                   {"day": 4, "reinforcements": [_unit("back", "p0", "army", 500)]}]
    return s


def extremes() -> Scenario:
    """Every optional field written, at the end of its range that strains the game most."""
    s = _chain(["Base", "Mid", "Goal", "Beyond"], front=1)
    s["days"] = 365
    s["start_date"] = "9998-12-31"
    s["tutorial"] = True
    s["description"] = "x\n" * 300
    for place in s["places"]:
        place.update(kind="city", population=10_000_000, traps=5, vbieds=100,
                     vbied_factory=True, bridge=True)
    s["places"][0].update(depot=True, depot_loads=1000, garrison=0, vbieds=0, traps=0,
                          vbied_factory=False)
    for place in s["places"][1:]:
        place["garrison"] = 100_000
    for road in s["roads"]:
        road.update(kind="bridge", traps=5, km=1000)
    s["roads"].append({"id": "second", "between": ["p0", "p1"], "km": 1000, "kind": "highway",
                       "traps": 0, "destroyed": True})
    for unit in s["units"]:
        unit.update(strength=20_000, readiness=0)
    s["units"].append(_unit("cts", "p0", "counter-terrorism", 20_000, readiness=100))
    s["units"].append(_unit("adv", "p0", "advisers", 1, readiness=100))
    for asset in s["air"]:
        asset["sorties"] = 50
    s["supply"] = {"range_km": 1000, "depot_range_km": 1000, "depot_range_max_km": 1000,
                   "max_depots": 50}
    s["rules"] = {"work_hours": 24, "air_day_hours": 24, "speed_highway_kmh": 1,
                  "speed_road_kmh": 120, "defender_multiplier": 20, "fatigue_per_hour": 20,
                  "assault_luck_percent": 100, "vbied_build_days": 1, "vbied_max_per_place": 50,
                  "reseed_max_level": 5, "reseed_percent": 100, "enemy_move_km": 1000,
                  "withdraw_percent": 100, "flee_percent": 0, "upkeep_men_per_load": 1,
                  "attrition_percent": 100, "convoy_loads": 100}
    s["objectives"] = [{"place": "p2", "by_day": 1}, {"place": "p3", "by_day": 365}]
    s["events"] = [{"day": d, "weather": "sandstorm", "days": 365} for d in (1, 365)]
    s["balance"] = {"policy": "idle", "runs": 10_000, "seed": 2_147_483_648,
                    "win_rate": [0, 1]}
    return s


def year_long() -> Scenario:
    """365 days, a garrison no assault takes: a game played to the day limit."""
    s = _chain(["Base", "Mid", "Goal"])
    s["days"] = 365
    s["places"][2]["garrison"] = 100_000
    s["events"] = [{"day": d, "message": f"Day {d}."} for d in range(1, 366, 7)]
    return s


def minimum_rules() -> Scenario:
    """Rules at the low end of their ranges: a one-hour day, slow everything."""
    s = _chain(["Base", "Mid", "Goal"])
    s["rules"] = {"work_hours": 1, "air_day_hours": 1, "rest_day_hours": 1,
                  "assault_hours": 0.5, "speed_highway_kmh": 1, "speed_road_kmh": 1,
                  "speed_track_kmh": 1, "speed_bridge_kmh": 1, "recon_hours": 0.5,
                  "strike_hours": 0.5, "depot_hours": 0.5, "convoy_hours": 0.5,
                  "hold_hours": 0.5, "rest_hours": 0.5, "drone_recon_hours": 0.5,
                  "jet_recon_hours": 0.5, "clear_hours_per_level": 0.1,
                  "clear_place_hours_per_level": 0.1, "upkeep_men_per_load": 20_000}
    return s


def early_dates() -> Scenario:
    """A campaign in year 1 and a last day on 9999-12-31."""
    s = _chain(["Base", "Goal"])
    s["start_date"] = "0001-01-01"
    s["days"] = 2
    return s


def last_date() -> Scenario:
    s = _chain(["Base", "Goal"])
    s["start_date"] = "9999-12-29"
    s["days"] = 2
    return s


def many_units() -> Scenario:
    """Sixty units and twenty aircraft on one base: long rosters and menus."""
    s = _chain([f"Place {i}" for i in range(8)], front=2)
    kinds = ["army", "police", "tribal", "engineers", "counter-terrorism", "advisers",
             "militia", "logistics"]
    s["units"] = [_unit(f"u{i:02d}", "p0" if i % 2 else "p1", kinds[i % len(kinds)],
                        100 + i) for i in range(60)]
    s["air"] = [{"id": f"air{i}", "name": f"Air {i}", "side": GOV,
                 "kind": "drone" if i % 2 else "strike", "sorties": i % 4} for i in range(20)]
    return s


def many_places() -> Scenario:
    """Three hundred places on a grid, a river across."""
    rng = random.Random(3)
    s = _base(days=6)
    cols = 20
    for i in range(300):
        r, c = divmod(i, cols)
        side = GOV if c < 3 else ENEMY
        extra: dict[str, Any] = {"garrison": rng.randint(0, 200)} if side == ENEMY else {}
        if i == 0:
            extra["supply_source"] = True
        if i == 299:
            extra["objective"] = True
        s["places"].append(_place(f"n{i}", f"N{i}", 33 + r * 0.05, 41 + c * 0.06, side,
                                  **extra))
    roads = []
    for i in range(300):
        r, c = divmod(i, cols)
        if c + 1 < cols:
            roads.append(_road(f"n{i}", f"n{i + 1}", 8.0))
        if i + cols < 300:
            roads.append(_road(f"n{i}", f"n{i + cols}", 8.0))
    s["roads"] = roads
    s["units"] = [_unit("bde", "n0"), _unit("bde2", "n1"), _unit("eng", "n0", "engineers")]
    s["river"] = [[33 + k * 0.05, 41.5 + 0.1 * (k % 2)] for k in range(15)]
    return s


def disconnected() -> Scenario:
    """A road graph in pieces (a warning): an island of enemy places nobody can reach."""
    s = two_places()
    s["places"] += [_place("i1", "Island one", 35.0, 43.0, ENEMY, garrison=10),
                    _place("i2", "Island two", 35.0, 43.1, ENEMY)]
    s["roads"].append(_road("i1", "i2"))
    return s


def destroyed_bridge() -> Scenario:
    """The only other road to the goal is a destroyed bridge; a second road between the same
    pair; engineers must bridge."""
    s = _chain(["Base", "Bank", "Goal"])
    s["roads"][1].update(kind="bridge", destroyed=True, id="bridge")
    s["roads"].append({"id": "ford", "between": ["p1", "p2"], "km": 40, "kind": "track"})
    return s


def all_sorties_zero() -> Scenario:
    """Air assets that never fly; an enemy air asset (a warning)."""
    s = _chain(["Base", "Goal"])
    for asset in s["air"]:
        asset["sorties"] = 0
    s["air"].append({"id": "enemy-jets", "name": "Enemy jets", "side": ENEMY, "sorties": 5})
    return s


ZOO: dict[str, Callable[[], Scenario]] = {
    fn.__name__.replace("_", "-"): fn for fn in (
        two_places, no_enemy, enemy_everywhere, only_a_base, depots_only, arabic_names,
        wide_unicode, markup_names, odd_ids, blank_names, long_names, same_point, globe, tiny_area,
        one_day, one_objective_held, reinforcements_edges, nobody_left, extremes,
        year_long, minimum_rules,
        early_dates, last_date, many_units, many_places, disconnected, destroyed_bridge,
        all_sorties_zero)
}


def text(name: str) -> str:
    """The scenario `name` of the zoo as YAML."""
    return yaml.safe_dump(ZOO[name](), allow_unicode=True, sort_keys=False, width=100_000)


if __name__ == "__main__":
    import sys
    from pathlib import Path

    folder = Path(sys.argv[1])
    folder.mkdir(parents=True, exist_ok=True)
    for key in ZOO:
        (folder / f"{key}.yaml").write_text(text(key), encoding="utf-8")
