"""What happens, as data. The UI renders these; the rules never build text.

Every event has `day` and `hour` (0 for the start of a day, 24 for the night).
Events of the enemy's night that the player could not see are not emitted.
"""

from __future__ import annotations

from game.engine.record import record


@record
class ScriptedMessage:
    day: int
    hour: float
    text: str


@record
class ReinforcementsArrived:
    day: int
    hour: float
    units: tuple[str, ...]
    text: str


@record
class SortiesChanged:
    day: int
    hour: float
    asset: str
    sorties: int
    text: str


@record
class WeatherChanged:
    day: int
    hour: float
    kind: str
    days: int
    text: str


@record
class GarrisonReinforced:
    day: int
    hour: float
    place: str
    fighters: int
    text: str


@record
class UnitMoved:
    day: int
    hour: float
    unit: str
    path: tuple[str, ...]  # places passed, from the start to where it stopped
    to: str


@record
class TrapStruck:
    day: int
    hour: float
    unit: str
    road: str | None  # the road struck, or None for a place
    place: str | None  # the place struck, or None for a road
    level: int  # the level before the strike (now known)
    casualties: int
    hours_lost: float


@record
class ReconReport:
    day: int
    hour: float
    by: str
    target: str
    traps: int
    garrison: int | None  # for a place
    vbieds: int | None  # for a place


@record
class TrapsCleared:
    day: int
    hour: float
    unit: str
    target: str
    levels: int
    remaining: int


@record
class AssaultResolved:
    day: int
    hour: float
    unit: str
    place: str
    taken: bool
    odds: float  # attack over defence, after the drawn luck, rounded to 0.01
    attacker_losses: int
    defender_losses: int


@record
class PlaceTaken:
    day: int
    hour: float
    place: str
    unit: str
    vbieds_captured: int


@record
class AirStrike:
    day: int
    hour: float
    asset: str
    place: str
    kills: int
    vbieds_destroyed: int
    civilian_harm: int


@record
class DepotEstablished:
    day: int
    hour: float
    unit: str
    place: str
    range_km: float


@record
class ConvoyArrived:
    day: int
    hour: float
    unit: str
    depot: str
    range_km: float


@record
class WatchSet:
    day: int
    hour: float
    unit: str
    target: str


@record
class Rested:
    day: int
    hour: float
    unit: str


@record
class OperationFailed:
    day: int
    hour: float
    line: int  # 1-based plan line
    owner: str
    reason: str


@record
class TrapsReseeded:
    day: int
    hour: float
    road: str


@record
class VbiedAttack:
    day: int
    hour: float
    source: str  # the enemy place it came from
    unit: str
    place: str
    stopped: bool  # the unit destroyed it before it reached them
    casualties: int


@record
class Counterattack:
    day: int
    hour: float
    source: str
    unit: str
    place: str
    unit_losses: int
    enemy_losses: int


@record
class EnemyWithdrew:
    day: int
    hour: float
    place: str  # the place lost
    to: str | None  # where the survivors went; None: across the border
    fighters: int


@record
class SupplyStatus:
    day: int
    hour: float
    places_in_supply: int
    units_out: tuple[str, ...]  # units out of supply tonight


@record
class Attrition:
    day: int
    hour: float
    unit: str
    losses: int


@record
class UnitDestroyed:
    day: int
    hour: float
    unit: str


@record
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
