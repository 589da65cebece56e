"""What the map draws: a small, frozen picture of the known world.

The game screen builds a `MapModel` from the scenario and the player's
observation; the map widget only draws it. No Textual here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.model import Scenario


@dataclass(frozen=True, slots=True)
class MapPlace:
    id: str
    name: str
    lat: float
    lon: float
    control: str  # "own", "enemy" or "unknown"
    objective: bool = False
    supply_source: bool = False
    depot: bool = False
    traps: int | None = None  # known trap level; None: unknown
    in_supply: bool | None = None  # None: the question does not apply
    enemy_estimate: str = ""  # e.g. "~70" or "?" (an estimate, never exact unless known)
    own_units: int = 0
    enemy_units: int = 0

    @property
    def glyph(self) -> str:
        return {"own": "G", "enemy": "E"}.get(self.control, "?")

    @property
    def flags(self) -> str:
        return (
            ("*" if self.objective else "")
            + ("S" if self.supply_source else "")
            + ("D" if self.depot else "")
        )


@dataclass(frozen=True, slots=True)
class MapRoad:
    id: str
    a: str
    b: str
    kind: str = "road"  # highway, road, track, bridge
    destroyed: bool = False
    traps: int | None = None  # known trap level; None: unknown
    in_supply: bool = False


@dataclass(frozen=True, slots=True)
class MapModel:
    places: tuple[MapPlace, ...]
    roads: tuple[MapRoad, ...]
    river: tuple[tuple[float, float], ...] = ()

    def place(self, place_id: str) -> MapPlace:
        for p in self.places:
            if p.id == place_id:
                return p
        raise KeyError(place_id)


def model_from_scenario(scenario: Scenario) -> MapModel:
    """The map of a scenario's start as its author wrote it, everything known (no fog):
    for previews and tests; the game itself draws the observation."""
    player = scenario.player_side
    units_at: dict[str, int] = {}
    for unit in scenario.units:
        if unit.side == player:
            units_at[unit.at] = units_at.get(unit.at, 0) + 1
    places = tuple(
        MapPlace(
            id=p.id,
            name=p.name,
            lat=p.lat,
            lon=p.lon,
            control="own" if p.side == player else "enemy",
            objective=any(o.place == p.id for o in scenario.objectives),
            supply_source=p.supply_source,
            depot=p.depot,
            traps=p.traps,
            enemy_estimate=str(p.garrison) if p.side != player else "",
            own_units=units_at.get(p.id, 0),
        )
        for p in scenario.places
    )
    roads = tuple(
        MapRoad(r.id, r.a, r.b, str(r.kind), r.destroyed, r.traps) for r in scenario.roads
    )
    return MapModel(places, roads, scenario.river)


def build_map_model(state: Any, observation: Any = None) -> MapModel:
    """The map of what the player knows: control, the trap levels found, garrisons seen,
    supply as traced last night, own units where they stand."""
    scenario = state.scenario
    player = scenario.player_side
    units_at: dict[str, int] = {}
    for unit in state.units:
        units_at[unit.at] = units_at.get(unit.at, 0) + 1
    depots = {d.place for d in state.depots}
    places = []
    for i, (spec, now) in enumerate(zip(scenario.places, state.places, strict=True)):
        own = now.side == player
        garrison = state.known_garrisons[i]
        estimate = "" if own else ("?" if garrison is None else str(garrison))
        places.append(
            MapPlace(
                id=spec.id,
                name=spec.name,
                lat=spec.lat,
                lon=spec.lon,
                control="own" if own else "enemy",
                objective=any(o.place == spec.id for o in scenario.objectives),
                supply_source=spec.supply_source,
                depot=spec.id in depots,
                traps=state.known_place_traps[i],
                in_supply=state.supplied[i],
                enemy_estimate=estimate,
                own_units=units_at.get(spec.id, 0),
            )
        )
    supplied = {p.id for p, s in zip(scenario.places, state.supplied, strict=True) if s}
    roads = tuple(
        MapRoad(
            r.id,
            r.a,
            r.b,
            str(r.kind),
            now.destroyed,
            state.known_road_traps[i],
            in_supply=r.a in supplied and r.b in supplied,
        )
        for i, (r, now) in enumerate(zip(scenario.roads, state.roads, strict=True))
    )
    return MapModel(tuple(places), roads, scenario.river)
