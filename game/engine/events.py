"""What happens, as data. The UI renders these; the rules never build text.

Every event has `day` and `hour` (0 for the start of a day, 24 for the night).
Events of the enemy's night that the player could not see are not emitted.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.record import record

if TYPE_CHECKING:  # an annotation only: the refusals' table is imported when first used
    from game.engine.refusals import Refusal


@record
class ScriptedMessage:
    """A line of news the scenario scripted for this day."""

    day: int
    hour: float
    text: str


@record
class ReinforcementsArrived:
    """Units the scenario scripted joined the player's side."""

    day: int
    hour: float
    units: tuple[str, ...]
    text: str


@record
class SortiesChanged:
    """An air asset's daily sorties changed, as the scenario scripted."""

    day: int
    hour: float
    asset: str
    sorties: int
    text: str


@record
class WeatherChanged:
    """The weather turned (a sandstorm), as the scenario scripted."""

    day: int
    hour: float
    kind: str
    days: int
    text: str


@record
class GarrisonReinforced:
    """Fighters joined (or left) a place's garrison, as the scenario scripted."""

    day: int
    hour: float
    place: str
    fighters: int
    text: str


@record
class UnitsWithdrawn:
    """Units were called away to another front, as the scenario scripted."""

    day: int
    hour: float
    units: tuple[str, ...]
    text: str


@record
class UnitMoved:
    """A unit drove along roads and stopped at `to`."""

    day: int
    hour: float
    unit: str
    path: tuple[str, ...]  # places passed, from the start to where it stopped
    to: str


@record
class TrapStruck:
    """A unit drove into booby-traps on a road or in a place."""

    day: int
    hour: float
    unit: str
    road: str | None  # the road struck, or None for a place
    place: str | None  # the place struck, or None for a road
    level: int  # the level before the strike (now known)
    casualties: int
    hours_lost: float
    readiness_lost: int = 0  # what the strike took (less when it had less left)


@record
class ReconReport:
    """What a recon found on a road or in a place."""

    day: int
    hour: float
    by: str
    target: str
    traps: int
    garrison: int | None  # for a place
    vbieds: int | None  # for a place


@record
class TrapsCleared:
    """Engineers cleared trap levels from a road or a place."""

    day: int
    hour: float
    unit: str
    target: str
    levels: int
    remaining: int


@record
class AssaultResolved:
    """An assault on a place was fought; `taken` tells who won."""

    day: int
    hour: float
    unit: str  # the unit that led it
    place: str
    taken: bool
    odds: float  # attack over defence, after the drawn luck, rounded to 0.01
    attacker_losses: int
    defender_losses: int
    joined: tuple[str, ...] = ()  # the other units that fought in it
    short_of_supplies: tuple[str, ...] = ()  # attackers that fought without their loads


@record
class PlaceTaken:
    """A place changed hands to the player's side."""

    day: int
    hour: float
    place: str
    unit: str
    vbieds_captured: int


@record
class AirStrike:
    """An air asset struck a place."""

    day: int
    hour: float
    asset: str
    place: str
    kills: int
    vbieds_destroyed: int
    civilian_harm: int


@record
class DepotEstablished:
    """A unit set up a forward supply depot."""

    day: int
    hour: float
    unit: str
    place: str
    range_km: float


@record
class ConvoyArrived:
    """A convoy brought loads to a depot and lengthened its reach."""

    day: int
    hour: float
    unit: str
    depot: str
    range_km: float
    loads: int = 0  # delivered
    stock: int = 0  # the depot's loads after it


@record
class BridgeWork:
    """Engineers worked on a floating bridge over a destroyed road; `done` once it opens."""

    day: int
    hour: float
    unit: str
    road: str
    hours: float  # of work today
    progress: float  # hours of work done in all
    needed: float  # hours of work it takes
    done: bool


@record
class SweepWork:
    """Engineers swept a long road all day without finishing a trap level: the hours
    stay on the road, and the next sweep's first level needs that much less."""

    day: int
    hour: float
    unit: str
    road: str
    hours: float  # of work today
    swept: float  # hours of sweeping done toward the level, at full speed
    needed: float  # hours a level of the road takes, at full speed


@record
class SuppliesShort:
    """Work went ahead without its loads: the depot had too few, or none supplied it."""

    day: int
    hour: float
    unit: str
    place: str  # where the work was done
    loads: int  # what it needed


@record
class WatchSet:
    """A unit set a watch over a road or place, against re-seeded traps."""

    day: int
    hour: float
    unit: str
    target: str


@record
class Rested:
    """A unit rested."""

    day: int
    hour: float
    unit: str


@record
class OperationFailed:
    """A plan line could not be carried out, and why."""

    day: int
    hour: float
    line: int  # 1-based plan line
    owner: str
    reason: Refusal


@record
class TrapsReseeded:
    """The enemy laid traps again on a road (seen only once reconnoitred)."""

    day: int
    hour: float
    road: str


@record
class VbiedAttack:
    """A car bomb drove at a unit, from an enemy place."""

    day: int
    hour: float
    source: str  # the enemy place it came from
    unit: str
    place: str
    stopped: bool  # the unit destroyed it before it reached them
    casualties: int


@record
class Counterattack:
    """Enemy fighters struck back at a unit from a place they hold."""

    day: int
    hour: float
    source: str
    unit: str
    place: str
    unit_losses: int
    enemy_losses: int


@record
class EnemyWithdrew:
    """The enemy fell back from a lost place, toward the next or over the border."""

    day: int
    hour: float
    place: str  # the place lost
    to: str | None  # where the survivors went; None: across the border
    fighters: int  # those who went to `to`
    fled: int = 0  # those who slipped across the border into Syria as well
    scattered: bool = False  # cut off from every crossing: no road out, they dispersed


@record
class EnemyReinforced:
    """Enemy fighters moved by night from a quiet place to a threatened one."""

    day: int
    hour: float
    source: str
    place: str
    fighters: int


@record
class SupplyStatus:
    """The night's supply trace: how many places are in supply, and who is out."""

    day: int
    hour: float
    places_in_supply: int
    units_out: tuple[str, ...]  # units out of supply tonight


@record
class Attrition:
    """A unit long out of supply lost strength overnight."""

    day: int
    hour: float
    unit: str
    losses: int


@record
class UnitDestroyed:
    """A unit was lost."""

    day: int
    hour: float
    unit: str


@record
class GameOver:
    """The game ended: victory or defeat, and why.

    `reason` is `objectives-held` (victory), `day-limit` (the last day ended with an
    objective not held) or `deadline` (`place` was not held by its `by_day`).
    """

    day: int
    hour: float
    outcome: str  # "victory" or "defeat"
    reason: str = ""
    place: str | None = None  # the objective not held (for a defeat)
    by_day: int | None = None  # its deadline, for `deadline`


Event = (
    ScriptedMessage
    | ReinforcementsArrived
    | SortiesChanged
    | WeatherChanged
    | GarrisonReinforced
    | UnitsWithdrawn
    | UnitMoved
    | TrapStruck
    | ReconReport
    | TrapsCleared
    | AssaultResolved
    | PlaceTaken
    | AirStrike
    | DepotEstablished
    | ConvoyArrived
    | BridgeWork
    | SweepWork
    | SuppliesShort
    | WatchSet
    | Rested
    | OperationFailed
    | TrapsReseeded
    | VbiedAttack
    | Counterattack
    | EnemyWithdrew
    | EnemyReinforced
    | SupplyStatus
    | Attrition
    | UnitDestroyed
    | GameOver
)

EVENT_KINDS: tuple[type, ...] = (
    ScriptedMessage, ReinforcementsArrived, SortiesChanged, WeatherChanged,
    GarrisonReinforced, UnitsWithdrawn, UnitMoved, TrapStruck, ReconReport, TrapsCleared,
    AssaultResolved, PlaceTaken, AirStrike, DepotEstablished, ConvoyArrived, BridgeWork,
    SweepWork, SuppliesShort, WatchSet, Rested, OperationFailed, TrapsReseeded, VbiedAttack,
    Counterattack, EnemyWithdrew, EnemyReinforced, SupplyStatus, Attrition, UnitDestroyed,
    GameOver,
)
