"""The game as it stands: one frozen `GameState` value and the parts it holds.

Places and roads are tuples aligned with the scenario's own order (position i
of `GameState.places` is `scenario.places[i]`), so lookups go through the
cached per-scenario index. Knowledge is the player side's: what it has seen.
"""

from __future__ import annotations

from enum import StrEnum

from game.engine.events import Event
from game.engine.index import index_of
from game.engine.model import AirKind, Scenario, UnitKind
from game.engine.record import record


class Outcome(StrEnum):
    ONGOING = "ongoing"
    VICTORY = "victory"
    DEFEAT = "defeat"


class Cause(StrEnum):
    """What a casualty of the player's side was lost to (the record keeps a tally of each)."""

    TRAPS = "traps"
    VBIEDS = "vbieds"
    ASSAULTS = "assaults"
    COUNTERATTACKS = "counterattacks"
    ATTRITION = "attrition"


@record
class PlaceState:
    """A place during play: who holds it, its garrison, traps and car bombs."""

    id: str
    side: str
    garrison: int  # fighters of the holding enemy side (0 for the player's places)
    traps: int  # the true trap level (hidden from the player unless known)
    vbieds: int


@record
class RoadState:
    """A road during play: its true trap level, and whether it is cut."""

    id: str
    traps: int  # the true trap level
    destroyed: bool
    bridging: float = 0.0  # hours of work done on a floating bridge over it, while destroyed
    # Hours of sweeping (at full speed) done toward its next trap level by sweeps that
    # could not finish one: a long road's level can take more than a working day.
    swept: float = 0.0


@record
class UnitState:
    """A ground unit during play: where it is, its strength and readiness."""

    id: str
    name: str
    side: str
    kind: UnitKind
    at: str  # a place id: units end every operation at a place
    strength: int
    readiness: int
    days_out_of_supply: int = 0


@record
class AirState:
    """An air asset during play: the sorties it has left today."""

    id: str
    name: str
    side: str
    kind: AirKind
    sorties: int  # a day, as of today


@record
class Depot:
    """A forward supply depot: how far its supply reaches, and the loads it holds."""

    place: str
    range_km: float
    loads: int = 0  # supplies for assaults, clearing and bridging, brought by convoys


@record
class DayRecord:
    """The after-action figures of one day, for charts and the report."""

    day: int
    own_casualties: int  # the sum of the five causes below
    enemy_losses: int
    civilian_harm: int
    traps_struck: int
    traps_cleared: int  # trap levels removed by engineers
    vbieds_destroyed: int
    places_held: int
    units_in_supply: int
    units: int
    # The day's own casualties by cause.
    lost_to_traps: int = 0
    lost_to_vbieds: int = 0
    lost_in_assaults: int = 0
    lost_to_counterattacks: int = 0
    lost_to_attrition: int = 0


@record
class GameState:
    """The whole game at the start of a day's planning: what changes during play."""

    scenario: Scenario
    seed: int
    day: int  # the day being planned (or the last day played, once over)
    rng: int  # the generator's state
    places: tuple[PlaceState, ...]
    roads: tuple[RoadState, ...]
    units: tuple[UnitState, ...]  # the player's units, in order of arrival
    air: tuple[AirState, ...]
    depots: tuple[Depot, ...]
    known_place_traps: tuple[int | None, ...]  # the player's knowledge, None: unknown
    known_road_traps: tuple[int | None, ...]
    known_garrisons: tuple[int | None, ...]
    known_vbieds: tuple[int | None, ...]
    supplied: tuple[bool, ...]  # places in the player's supply, as traced last night
    # For each place, the positions of the source or depots that supply it, first the one
    # to draw on (empty out of supply), from the same trace; derived, not fingerprinted.
    hubs: tuple[tuple[int, ...], ...]
    sandstorm_until: int  # last day of a sandstorm (0: none)
    record: tuple[DayRecord, ...]
    outcome: Outcome
    news: tuple[Event, ...]  # what happened at the start of this day (scripted events)
    # Rule families switched off for an ablation study (names from `version.SWITCHES`).
    without: tuple[str, ...] = ()

    @property
    def over(self) -> bool:
        return self.outcome != Outcome.ONGOING

    @property
    def sandstorm(self) -> bool:
        return self.day <= self.sandstorm_until

    def place(self, place_id: str) -> PlaceState:
        return self.places[index_of(self.scenario).place_pos[place_id]]

    def road(self, road_id: str) -> RoadState:
        return self.roads[index_of(self.scenario).road_pos[road_id]]

    def unit(self, unit_id: str) -> UnitState | None:
        for u in self.units:
            if u.id == unit_id:
                return u
        return None

    def air_asset(self, asset_id: str) -> AirState | None:
        for a in self.air:
            if a.id == asset_id:
                return a
        return None

    def in_supply(self, place_id: str) -> bool:
        return self.supplied[index_of(self.scenario).place_pos[place_id]]

    def depot(self, place_id: str) -> Depot | None:
        for d in self.depots:
            if d.place == place_id:
                return d
        return None
