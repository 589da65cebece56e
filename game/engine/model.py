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

from dataclasses import field
from enum import StrEnum
from typing import TYPE_CHECKING

from game.engine.record import record

if TYPE_CHECKING:  # an annotation only
    from collections.abc import Mapping

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
    LOGISTICS = "logistics"  # transport: runs convoys, never assaults
    FIGHTERS = "fighters"  # the enemy's mobile fighters


class AirKind(StrEnum):
    STRIKE = "strike"  # jets: air_strike (and slow recon)
    DRONE = "drone"  # drones: fast recon, light strikes


# As for `plan.OpKind`: each air kind as a module name too (a member read off its enum
# class goes through the class's `__getattr__` hook on Python 3.11, ten times the cost).
STRIKE, DRONE = AirKind.STRIKE, AirKind.DRONE


@record
class SideSpec:
    """A side of the war; one of them is the player's."""

    id: str
    name: str
    player: bool = False  # exactly one side is played by the player


@record
class Place:
    """A town, village, base or crossing: a node of the road graph."""

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
    supply_source: bool = False
    depot: bool = False  # a forward depot already stands here at the start
    depot_loads: int = 0  # the loads of supplies that depot holds at the start
    bridge: bool = False  # the place is a river crossing (dam, bridgehead)


@record
class Road:
    """A road, track or bridge between two places: an edge of the road graph."""

    id: str  # "a--b" unless the author names it
    a: str
    b: str
    km: float
    kind: RoadKind = RoadKind.ROAD
    traps: int = 0  # hidden booby-trap level, 0..MAX_TRAP_LEVEL
    destroyed: bool = False  # a bridge that is out: impassable until repaired

    def other_end(self, place: str) -> str:
        return self.b if place == self.a else self.a

    def display_name(self, place_names: Mapping[str, str]) -> str:
        """The road as the player reads it, from its ends' names: `Ana–Rawa road`."""
        return f"{place_names.get(self.a, self.a)}–{place_names.get(self.b, self.b)} road"


@record
class UnitSpec:
    """A ground unit as the scenario places it at the start."""

    id: str
    name: str
    side: str
    kind: UnitKind
    at: str
    strength: int
    readiness: int = MAX_READINESS


@record
class AirAsset:
    """A group of strike aircraft or drones and its daily sorties."""

    id: str
    name: str
    side: str
    sorties: int  # per day
    kind: AirKind = AirKind.STRIKE


@record
class SupplyRules:
    """How far supply reaches from a source and from depots."""

    range_km: float = 60.0  # how far supply reaches from a source over road
    depot_range_km: float = 30.0  # a new depot's reach
    depot_range_max_km: float = 80.0  # convoys grow a depot's reach up to this
    max_depots: int = 3  # depots the player may have at once


@record
class Objective:
    """A place the player must hold, by a day or by the end.

    `Scenario.objectives` is the one list of them that victory, the policies, the
    map and the reports read (a scenario file's `objective: true` on a place is
    folded into it when the file is read).
    """

    place: str
    by_day: int | None = None  # must be held by the end of this day (None: by the day limit)


@record
class Reinforcements:
    """Scripted: units that arrive on a day."""

    day: int
    units: tuple[UnitSpec, ...]
    text: str = ""


@record
class SortiesChange:
    """Scripted: an air asset's sorties change on a day."""

    day: int
    asset: str
    sorties: int
    text: str = ""


@record
class Weather:
    """Scripted: a sandstorm from a day, for some days."""

    day: int
    kind: str  # "sandstorm": grounds air and slows moves
    days: int = 1
    text: str = ""


@record
class GarrisonChange:
    """Scripted: fighters added to (or taken from) a place's garrison on a day."""

    day: int
    place: str
    fighters: int  # added (or removed, when negative) to the place's garrison
    text: str = ""


@record
class Message:
    """Scripted: a line of news on a day."""

    day: int
    text: str


@record
class Withdrawal:
    """Scripted: units called away to another front leave the map on a day."""

    day: int
    units: tuple[str, ...]  # the player's unit ids
    text: str = ""


ScriptedEvent = Reinforcements | SortiesChange | Weather | GarrisonChange | Message | Withdrawal


@record
class Rules:
    """Rule constants a scenario may override (`rules:` in YAML).

    Every field is a plain number so authors can override any of them and the
    validator can check them generically. `docs/rules.md` explains each one.
    """

    work_hours: float = 16.0  # hours a unit at full readiness can work in a day
    air_day_hours: float = 24.0  # hours in which an air asset flies its sorties
    rest_day_hours: float = 24.0  # a rest may run to this hour, whatever the readiness
    # Movement.
    speed_highway_kmh: float = 30.0  # column speed on a highway
    speed_road_kmh: float = 20.0  # column speed on a road
    speed_track_kmh: float = 12.0  # column speed on a desert track
    speed_bridge_kmh: float = 10.0  # column speed over a bridge
    speed_light_percent: float = 125.0  # advisers and tribal fighters drive faster
    speed_engineers_percent: float = 80.0  # engineers' heavy equipment drives slower
    speed_logistics_percent: float = 150.0  # supply trucks drive faster than columns
    sandstorm_speed_percent: float = 50.0  # speed left in a sandstorm
    fatigue_per_hour: float = 0.5  # readiness lost per hour of work (not rest)
    # Booby-traps.
    trap_hours_per_level: float = 1.5  # hours lost to a strike, per trap level
    trap_casualties_base: int = 10  # casualties of a strike per level, at least
    trap_casualties_spread: int = 12  # plus 0..this per level, drawn
    trap_readiness_per_level: int = 10  # readiness lost to a strike, per level
    reseed_max_level: int = 2  # the enemy re-seeds an unwatched road up to this level
    reseed_percent: float = 60.0  # chance each night that it re-seeds such a road
    reseed_reach_km: float = 0.0  # roads with an end this far by road from its places
    # Recon and clearing.
    recon_hours: float = 3.0  # a ground unit's recon of a place, or of a road before its km
    recon_hours_per_km: float = 0.1  # a ground unit's recon of a road, per km
    adviser_recon_percent: float = 50.0  # advisers recon in this share of the time
    drone_recon_hours: float = 1.0  # a drone sortie's recon
    jet_recon_hours: float = 2.0  # a strike aircraft's recon sortie
    clear_hours_per_level: float = 2.0  # clearing one level of a road, before its km
    clear_hours_per_level_km: float = 0.1  # clearing one level of a road, per km
    clear_place_hours_per_level: float = 3.0  # clearing one level of a place
    bridge_hours: float = 20.0  # engineers' work to lay a floating bridge (over several days)
    # Assault.
    assault_hours: float = 5.0  # the fight, after the drive across the road
    assault_readiness_loss: int = 20  # readiness an assault costs each attacker
    assault_luck_percent: float = 30.0  # the attack is multiplied by 1 +- this, drawn
    assault_call_off_percent: float = 70.0  # it goes in only with this share of its planned attack
    defender_multiplier: float = 3.0  # a fighter in a town is worth this many attackers
    town_trap_defense_percent: float = 10.0  # defence added per trap level of the town
    cut_off_defence_percent: float = 60.0  # defence left to a place cut off from the border
    attacker_losses_per_defender: float = 0.08  # casualties per defender of a won assault
    failed_losses_per_defender: float = 0.25  # casualties per defender of a failed assault
    failed_losses_max_percent: float = 15.0  # at most this share of the attackers
    defender_losses_percent: float = 30.0  # defenders killed by a failed assault at odds 1
    air_suppression_percent: float = 15.0  # defence lost per air strike on the town that day
    air_suppression_max_percent: float = 45.0  # cap of that loss
    out_of_supply_attack_percent: float = 30.0  # attack left to a unit short of supplies
    attack_army_percent: float = 100.0  # attack of army units
    attack_police_percent: float = 80.0  # attack of police
    attack_tribal_percent: float = 80.0  # attack of tribal fighters
    attack_militia_percent: float = 90.0  # attack of militia
    attack_cts_percent: float = 150.0  # attack of counter-terrorism troops
    # Air.
    strike_hours: float = 2.0  # one strike sortie
    strike_kills_base: int = 2  # defenders killed by a strike, at least
    strike_kills_spread: int = 6  # plus 0..this, drawn
    drone_strike_percent: float = 50.0  # a drone's strike kills this share
    strike_vbieds: int = 1  # car bombs a strike destroys
    strike_civilian_per_10k: float = 2.0  # civilian harm drawn 0..this per 10,000 people
    # The enemy.
    vbied_casualties_base: int = 20  # casualties of a car bomb, at least
    vbied_casualties_spread: int = 40  # plus 0..this, drawn
    vbied_readiness_loss: int = 15  # readiness a car bomb costs its target
    vbied_stop_percent: float = 25.0  # chance the target stops the car bomb in time
    vbied_cover_stop_percent: float = 70.0  # chance aircraft over it destroy it on the way
    vbied_reach_km: float = 60.0  # a car bomb drives at most this far by road in a night
    vbied_build_days: int = 2  # a factory builds a car bomb every this many days
    vbied_max_per_place: int = 3  # a factory stops building at this many
    counterattack_min_garrison: int = 100  # a town counterattacks with at least this many
    counterattack_odds_percent: float = 35.0  # and only a unit weaker than this share
    counterattack_reach_km: float = 40.0  # and only this far by road
    counterattack_losses_percent: float = 1.0  # of the unit's strength, times 0.5..1.5
    counterattack_readiness_loss: int = 10  # readiness a counterattack costs its target
    withdraw_percent: float = 60.0  # share of a fallen town's survivors that reach the next
    flee_percent: float = 50.0  # of those withdrawing, the share that crosses into Syria
    fall_back_odds_percent: float = 250.0  # a town falls back when the attack nearby is this
    stay_behind_percent: float = 15.0  # share of a town's fighters left behind when it does
    reinforce_percent: float = 30.0  # share of a quiet town's spare fighters sent each night
    enemy_move_km: float = 60.0  # how far by road enemy fighters move in a night
    # Supply and rest.
    depot_hours: float = 6.0  # establishing a depot
    convoy_hours: float = 2.0  # loading and unloading a convoy, plus the drive there and back
    convoy_loads: int = 3  # loads of supplies a convoy delivers
    convoy_gain_percent: float = 40.0  # share of the gap to depot_range_max_km a convoy adds
    convoy_min_km: float = 5.0  # but at least this much (never beyond depot_range_max_km)
    depot_max_loads: int = 10  # a depot holds at most this many loads
    upkeep_men_per_load: int = 1000  # a unit eats a load a night per this many men (or part)
    assault_men_per_load: int = 400  # an assault draws a load from its depot per this many men
    clear_loads: int = 1  # loads a clearing job draws from its depot
    bridge_loads: int = 2  # loads a day of bridging draws from its depot
    short_supply_work_percent: float = 50.0  # work speed of clearing and bridging without loads
    hold_hours: float = 4.0  # setting up a watch over a road or place
    rest_hours: float = 8.0  # a rest
    rest_readiness: int = 20  # readiness a rest gives back at night
    supply_recovery: int = 10  # readiness a unit in supply recovers each night
    attrition_percent: float = 5.0  # strength lost each night from the 3rd day out of supply


@record
class Scenario:
    """Everything a game starts from: the map, the forces, the rules and the script."""

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
