"""Small hand-written scenarios for the engine's tests, built in Python."""

from __future__ import annotations

from dataclasses import replace

from game.engine import (
    AirAsset,
    AirKind,
    GameState,
    Objective,
    Place,
    PlaceKind,
    Road,
    RoadKind,
    Rules,
    Scenario,
    SideSpec,
    SupplyRules,
    UnitKind,
    UnitSpec,
)

SIDES = (SideSpec("gov", "Iraqi forces", player=True), SideSpec("is", "Islamic State"))


def place(pid: str, side: str = "gov", **kw: object) -> Place:
    return Place(pid, pid.title(), 34.0, 42.0, side, **kw)  # type: ignore[arg-type]


def line_scenario(
    road_traps: int = 3, road_km: float = 12.0, town_garrison: int = 100, town_traps: int = 0,
    rules: Rules | None = None, **extra: object,
) -> Scenario:
    """base (source) --12 km highway--> mid --5 km road--> town (enemy objective)."""
    return Scenario(
        id="line",
        title="A line",
        start_date="2017-09-19",
        days=10,
        sides=SIDES,
        places=(
            place("base", supply_source=True),
            place("mid"),
            place("town", side="is", garrison=town_garrison, traps=town_traps,
                  population=10_000, vbieds=1),
        ),
        roads=(
            Road("base--mid", "base", "mid", road_km, RoadKind.HIGHWAY, traps=road_traps),
            Road("mid--town", "mid", "town", 5.0, RoadKind.ROAD, traps=0),
        ),
        units=(
            UnitSpec("bde", "Brigade", "gov", UnitKind.ARMY, "base", 1000),
            UnitSpec("eng", "Engineers", "gov", UnitKind.ENGINEERS, "base", 100),
            UnitSpec("adv", "Advisers", "gov", UnitKind.ADVISERS, "base", 20),
        ),
        air=(AirAsset("jets", "Jets", "gov", 2), AirAsset("drone", "Drone", "gov", 1,
                                                           AirKind.DRONE)),
        supply=SupplyRules(range_km=30.0, depot_range_km=10.0, depot_range_max_km=20.0,
                           max_depots=1),
        objectives=(Objective("town"),),
        rules=rules or Rules(),
        **extra,  # type: ignore[arg-type]
    )


def with_rules(scenario: Scenario, **changes: float) -> Scenario:
    return replace(scenario, rules=replace(scenario.rules, **changes))


def chain_scenario(n: int = 6, km: float = 10.0) -> Scenario:
    """A chain p0 (source) - p1 - ... held by gov up to p2, then the enemy, crossing at the end."""
    places = tuple(
        place(f"p{i}", side="gov" if i <= 2 else "is",
              supply_source=(i == 0), garrison=0 if i <= 2 else 50,
              kind=PlaceKind.CROSSING if i == n - 1 else PlaceKind.TOWN)
        for i in range(n)
    )
    roads = tuple(Road(f"p{i}--p{i + 1}", f"p{i}", f"p{i + 1}", km) for i in range(n - 1))
    return Scenario("chain", "Chain", "2017-09-19", 20, SIDES, places, roads,
                    units=(UnitSpec("bde", "Brigade", "gov", UnitKind.ARMY, "p2", 800),),
                    objectives=(Objective(f"p{n - 1}"),))


def depot_scenario(loads: int = 0, garrison: int = 200, rules: Rules | None = None) -> Scenario:
    """A source, a held place with a depot 10 km on, a held front place 10 km further
    (beyond the source's 15 km, inside the depot's 15), and an enemy town 5 km on.

    base (source) --10-- depot (depot, `loads`) --10-- front --5-- town (enemy objective)
    """
    return Scenario(
        id="depots",
        title="Depots",
        start_date="2017-09-19",
        days=10,
        sides=SIDES,
        places=(
            place("base", supply_source=True),
            place("depot", depot=True, depot_loads=loads),
            place("front"),
            place("town", side="is", garrison=garrison),
        ),
        roads=(
            Road("base--depot", "base", "depot", 10.0, RoadKind.HIGHWAY),
            Road("depot--front", "depot", "front", 10.0, RoadKind.HIGHWAY),
            Road("front--town", "front", "town", 5.0, RoadKind.ROAD),
        ),
        units=(
            UnitSpec("bde", "Brigade", "gov", UnitKind.ARMY, "front", 1000),
            UnitSpec("pol", "Police", "gov", UnitKind.POLICE, "front", 500),
            UnitSpec("eng", "Engineers", "gov", UnitKind.ENGINEERS, "front", 100),
            UnitSpec("trucks", "Trucks", "gov", UnitKind.LOGISTICS, "base", 100),
        ),
        air=(AirAsset("jets", "Jets", "gov", 2),),
        supply=SupplyRules(range_km=15.0, depot_range_km=15.0, depot_range_max_km=30.0,
                           max_depots=2),
        objectives=(Objective("town"),),
        rules=rules or Rules(),
    )


def known(state: GameState, place_id: str, *, garrison: bool = True,
          traps: bool = True) -> GameState:
    """The state as if the player had just reconnoitred `place_id`."""
    pos = [p.id for p in state.places].index(place_id)
    truth = state.places[pos]
    garrisons = list(state.known_garrisons)
    place_traps = list(state.known_place_traps)
    if garrison:
        garrisons[pos] = truth.garrison
    if traps:
        place_traps[pos] = truth.traps
    return replace(state, known_garrisons=tuple(garrisons),
                   known_place_traps=tuple(place_traps))
