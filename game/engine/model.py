"""The scenario as the rules see it: places, roads, units, air, supply, objectives.

These types are the contract between `game.data` (which builds them from YAML
and checks them) and the rest of the engine (which plays them). They describe
the *start* of a game; everything that changes during play lives in
`game.engine.state`. All are frozen and use tuples so that two runs iterate
them in the same order.

Units of measure: distances in km, time in hours, strength in personnel,
readiness in percent (0..100), trap levels 0..`MAX_TRAP_LEVEL`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

MAX_TRAP_LEVEL = 5
MAX_READINESS = 100
MAX_STRENGTH = 20_000


class PlaceKind(StrEnum):
    CITY = "city"
    TOWN = "town"
    VILLAGE = "village"
    BASE = "base"
    DAM = "dam"
    CROSSING = "crossing"
    JUNCTION = "junction"


class RoadKind(StrEnum):
    HIGHWAY = "highway"
    ROAD = "road"
    TRACK = "track"
    BRIDGE = "bridge"


class UnitKind(StrEnum):
    ARMY = "army"
    POLICE = "police"
    TRIBAL = "tribal"
    ENGINEERS = "engineers"
    COUNTER_TERRORISM = "counter-terrorism"
    ADVISERS = "advisers"
    MILITIA = "militia"
    FIGHTERS = "fighters"  # the enemy's mobile fighters


class AirKind(StrEnum):
    STRIKE = "strike"  # jets: air_strike (and slow recon)
    DRONE = "drone"  # drones: fast recon, light strikes


@dataclass(frozen=True, slots=True)
class SideSpec:
    id: str
    name: str
    player: bool = False  # exactly one side is played by the player


@dataclass(frozen=True, slots=True)
class Place:
    id: str
    name: str
    lat: float
    lon: float
    side: str
    kind: PlaceKind = PlaceKind.TOWN
    population: int = 0  # civilians present; air strikes here cause civilian harm
    garrison: int = 0  # defenders of the holding side not modelled as units
    traps: int = 0  # hidden booby-trap level, 0..MAX_TRAP_LEVEL
    vbieds: int = 0  # car bombs ready here at the start
    vbied_factory: bool = False  # builds car bombs while its side holds it
    objective: bool = False
    supply_source: bool = False
    depot: bool = False  # a forward depot already stands here at the start
    bridge: bool = False  # the place is a river crossing (dam, bridgehead)


@dataclass(frozen=True, slots=True)
class Road:
    id: str  # "a--b" unless the author names it
    a: str
    b: str
    km: float
    kind: RoadKind = RoadKind.ROAD
    traps: int = 0  # hidden booby-trap level, 0..MAX_TRAP_LEVEL
    destroyed: bool = False  # a bridge that is out: impassable until repaired

    def other_end(self, place: str) -> str:
        return self.b if place == self.a else self.a


@dataclass(frozen=True, slots=True)
class UnitSpec:
    id: str
    name: str
    side: str
    kind: UnitKind
    at: str
    strength: int
    readiness: int = MAX_READINESS


@dataclass(frozen=True, slots=True)
class AirAsset:
    id: str
    name: str
    side: str
    sorties: int  # per day
    kind: AirKind = AirKind.STRIKE


@dataclass(frozen=True, slots=True)
class SupplyRules:
    range_km: float = 60.0  # how far supply reaches from a source over road
    depot_range_km: float = 30.0  # a new depot's reach
    depot_range_max_km: float = 80.0  # convoys grow a depot's reach up to this
    max_depots: int = 3  # depots the player may have at once


@dataclass(frozen=True, slots=True)
class Objective:
    place: str
    by_day: int | None = None  # must be held by the end of this day (None: by the day limit)


@dataclass(frozen=True, slots=True)
class Reinforcements:
    day: int
    units: tuple[UnitSpec, ...]
    text: str = ""


@dataclass(frozen=True, slots=True)
class SortiesChange:
    day: int
    asset: str
    sorties: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Weather:
    day: int
    kind: str  # "sandstorm": grounds air and slows moves
    days: int = 1
    text: str = ""


@dataclass(frozen=True, slots=True)
class GarrisonChange:
    day: int
    place: str
    fighters: int  # added (or removed, when negative) to the place's garrison
    text: str = ""


@dataclass(frozen=True, slots=True)
class Message:
    day: int
    text: str


ScriptedEvent = Reinforcements | SortiesChange | Weather | GarrisonChange | Message


@dataclass(frozen=True, slots=True)
class Rules:
    """Rule constants a scenario may override (`rules:` in YAML).

    Every field is a plain number so authors can override any of them and the
    validator can check them generically. `docs/rules.md` explains each one.
    """

    work_hours: float = 16.0  # hours a unit at full readiness can work in a day


@dataclass(frozen=True, slots=True)
class Scenario:
    id: str
    title: str
    start_date: str  # ISO date, e.g. "2017-09-19"
    days: int  # the day limit
    sides: tuple[SideSpec, ...]
    places: tuple[Place, ...]
    roads: tuple[Road, ...]
    units: tuple[UnitSpec, ...] = ()
    air: tuple[AirAsset, ...] = ()
    supply: SupplyRules = field(default_factory=SupplyRules)
    objectives: tuple[Objective, ...] = ()
    events: tuple[ScriptedEvent, ...] = ()
    rules: Rules = field(default_factory=Rules)
    description: str = ""
    river: tuple[tuple[float, float], ...] = ()  # (lat, lon) points of the river, for the map
    tutorial: bool = False  # the UI shows guided hints

    @property
    def player_side(self) -> str:
        return next(s.id for s in self.sides if s.player)

    @property
    def enemy_side(self) -> str:
        return next(s.id for s in self.sides if not s.player)

    def place(self, place_id: str) -> Place:
        for p in self.places:
            if p.id == place_id:
                return p
        raise KeyError(place_id)
