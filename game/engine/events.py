"""What happens, as data. The UI renders these; the rules never build text.

Every event has `day` and `hour` (0 for the start of a day, 24 for the night).
Events of the enemy's night that the player could not see are not emitted.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ScriptedMessage:
    day: int
    hour: float
    text: str


@dataclass(frozen=True, slots=True)
class ReinforcementsArrived:
    day: int
    hour: float
    units: tuple[str, ...]
    text: str


@dataclass(frozen=True, slots=True)
class SortiesChanged:
    day: int
    hour: float
    asset: str
    sorties: int
    text: str


@dataclass(frozen=True, slots=True)
class WeatherChanged:
    day: int
    hour: float
    kind: str
    days: int
    text: str


@dataclass(frozen=True, slots=True)
class GarrisonReinforced:
    day: int
    hour: float
    place: str
    fighters: int
    text: str


@dataclass(frozen=True, slots=True)
class UnitMoved:
    day: int
    hour: float
    unit: str
    path: tuple[str, ...]  # places passed, from the start to where it stopped
    to: str


@dataclass(frozen=True, slots=True)
class TrapStruck:
    day: int
    hour: float
    unit: str
    road: str | None  # the road struck, or None for a place
    place: str | None  # the place struck, or None for a road
    level: int  # the level before the strike (now known)
    casualties: int
    hours_lost: float


@dataclass(frozen=True, slots=True)
class ReconReport:
    day: int
    hour: float
    by: str
    target: str
    traps: int
    garrison: int | None  # for a place
    vbieds: int | None  # for a place


@dataclass(frozen=True, slots=True)
class TrapsCleared:
    day: int
    hour: float
    unit: str
    target: str
    levels: int
    remaining: int


@dataclass(frozen=True, slots=True)
class AssaultResolved:
    day: int
    hour: float
    unit: str
    place: str
    taken: bool
    odds: float  # attack over defence, after the drawn luck, rounded to 0.01
    attacker_losses: int
    defender_losses: int


@dataclass(frozen=True, slots=True)
class PlaceTaken:
    day: int
    hour: float
    place: str
    unit: str
    vbieds_captured: int


@dataclass(frozen=True, slots=True)
class AirStrike:
    day: int
    hour: float
    asset: str
    place: str
    kills: int
    vbieds_destroyed: int
    civilian_harm: int


@dataclass(frozen=True, slots=True)
class DepotEstablished:
    day: int
    hour: float
    unit: str
    place: str
    range_km: float


@dataclass(frozen=True, slots=True)
class ConvoyArrived:
    day: int
    hour: float
    unit: str
    depot: str
    range_km: float


@dataclass(frozen=True, slots=True)
class WatchSet:
    day: int
    hour: float
    unit: str
    target: str


@dataclass(frozen=True, slots=True)
class Rested:
    day: int
    hour: float
    unit: str


@dataclass(frozen=True, slots=True)
class OperationFailed:
    day: int
    hour: float
    line: int  # 1-based plan line
    owner: str
    reason: str


@dataclass(frozen=True, slots=True)
class TrapsReseeded:
    day: int
    hour: float
    road: str


@dataclass(frozen=True, slots=True)
class VbiedAttack:
    day: int
    hour: float
    source: str  # the enemy place it came from
    unit: str
    place: str
    stopped: bool  # the unit destroyed it before it reached them
    casualties: int


@dataclass(frozen=True, slots=True)
class Counterattack:
    day: int
    hour: float
    source: str
    unit: str
    place: str
    unit_losses: int
    enemy_losses: int


@dataclass(frozen=True, slots=True)
class EnemyWithdrew:
    day: int
    hour: float
    place: str  # the place lost
    to: str | None  # where the survivors went; None: across the border
    fighters: int


@dataclass(frozen=True, slots=True)
class SupplyStatus:
    day: int
    hour: float
    places_in_supply: int
    units_out: tuple[str, ...]  # units out of supply tonight


@dataclass(frozen=True, slots=True)
class Attrition:
    day: int
    hour: float
    unit: str
    losses: int


@dataclass(frozen=True, slots=True)
class UnitDestroyed:
    day: int
    hour: float
    unit: str


@dataclass(frozen=True, slots=True)
class GameOver:
    day: int
    hour: float
    outcome: str  # "victory" or "defeat"


Event = (
    ScriptedMessage
    | ReinforcementsArrived
    | SortiesChanged
    | WeatherChanged
    | GarrisonReinforced
    | UnitMoved
    | TrapStruck
    | ReconReport
    | TrapsCleared
    | AssaultResolved
    | PlaceTaken
    | AirStrike
    | DepotEstablished
    | ConvoyArrived
    | WatchSet
    | Rested
    | OperationFailed
    | TrapsReseeded
    | VbiedAttack
    | Counterattack
    | EnemyWithdrew
    | SupplyStatus
    | Attrition
    | UnitDestroyed
    | GameOver
)

EVENT_KINDS: tuple[type, ...] = (
    ScriptedMessage, ReinforcementsArrived, SortiesChanged, WeatherChanged,
    GarrisonReinforced, UnitMoved, TrapStruck, ReconReport, TrapsCleared, AssaultResolved,
    PlaceTaken, AirStrike, DepotEstablished, ConvoyArrived, WatchSet, Rested,
    OperationFailed, TrapsReseeded, VbiedAttack, Counterattack, EnemyWithdrew,
    SupplyStatus, Attrition, UnitDestroyed, GameOver,
)
