"""A day's mutable working copy of a `GameState`, and the start of a game.

`apply_plan` and `new_game` never mutate a state: they copy it into a `World`
(lists, one per field, sharing the unchanged frozen parts), work on it, and
freeze a new `GameState`. The copy is linear in the size of the board, once a
day, never per operation.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from itertools import compress, repeat
from operator import attrgetter, eq

from game.engine import columns, searches
from game.engine.collect import collection_paused
from game.engine.events import (
    Event,
    GarrisonReinforced,
    ReconReport,
    ReinforcementsArrived,
    ScriptedMessage,
    SortiesChanged,
    UnitsWithdrawn,
    WeatherChanged,
)
from game.engine.index import ScenarioIndex, index_of
from game.engine.model import (
    MAX_READINESS,
    GarrisonChange,
    Message,
    Reinforcements,
    Scenario,
    SortiesChange,
    UnitSpec,
    Weather,
    Withdrawal,
)
from game.engine.record import records
from game.engine.rng import Rng, seed_state
from game.engine.state import (
    AirState,
    Cause,
    DayRecord,
    Depot,
    GameState,
    Outcome,
    PlaceState,
    RoadState,
    UnitState,
)
from game.engine.supply import ground_trace, trace_supply
from game.engine.version import SWITCHES

# A field of every place or road at once (a map's worth of reads in one C loop).
SIDE = attrgetter("side")
TRAPS = attrgetter("traps")
DESTROYED = attrgetter("destroyed")
_ID = attrgetter("id")
_GARRISON = attrgetter("garrison")
_VBIEDS = attrgetter("vbieds")
_DEPOT = attrgetter("depot")
_NO_LOSSES = dict.fromkeys(Cause, 0)  # a day's tallies by cause (walking an enum is slow)


class World:
    def __init__(self, state: GameState) -> None:
        self.state = state
        self.scenario = state.scenario
        self.rules = state.scenario.rules
        self.ix: ScenarioIndex = index_of(state.scenario)
        self.day = state.day
        self.rng = Rng(state.rng)
        self.places = list(state.places)
        # How often a place changed hands today: what a table of the places held is
        # made for (`DayBase.held_places`). Sides change only in `set_place`.
        self.sides_changed = 0
        self.roads = list(state.roads)
        self.units: dict[str, UnitState] = {u.id: u for u in state.units}
        self.air = list(state.air)
        self.depots = list(state.depots)
        self.depot_index: tuple[int, dict[int, int]] = (-1, {})  # `depot_at`'s, by count
        self.known_place_traps = list(state.known_place_traps)
        self.known_road_traps = list(state.known_road_traps)
        self.known_garrisons = list(state.known_garrisons)
        self.known_vbieds = list(state.known_vbieds)
        self.supplied = list(state.supplied)
        self.hubs = list(state.hubs)
        self.sandstorm_until = state.sandstorm_until
        self.without = frozenset(state.without)
        self.events: list[Event] = []
        # The day's tallies for the after-action record.
        self.own_casualties = 0
        self.lost: dict[Cause, int] = _NO_LOSSES.copy()
        self.enemy_losses = 0
        self.civilian_harm = 0
        self.traps_struck = 0
        self.traps_cleared = 0
        self.vbieds_destroyed = 0

    # --- the board's columns -------------------------------------------------
    def held_by(self, side: str) -> list[bool]:
        """For each place, whether `side` holds it."""
        return list(map(eq, map(SIDE, self.places), repeat(side)))

    # --- small mutations -------------------------------------------------
    def set_place(self, pos: int, *, side: str | None = None, garrison: int | None = None,
                  traps: int | None = None, vbieds: int | None = None) -> None:
        p = self.places[pos]
        if side is not None:
            self.sides_changed += 1
        self.places[pos] = PlaceState(
            p.id,
            p.side if side is None else side,
            p.garrison if garrison is None else garrison,
            p.traps if traps is None else traps,
            p.vbieds if vbieds is None else vbieds,
        )

    def set_road_traps(self, pos: int, traps: int, swept: float | None = None) -> None:
        """A road's trap level, and its banked sweeping when given (`RoadState.swept`)."""
        road = self.roads[pos]
        self.roads[pos] = RoadState(road.id, traps, road.destroyed, road.bridging,
                                    road.swept if swept is None else swept)

    def traps_fell(self, target: str, hour: float, level: int) -> None:
        """The traps of `target` dropped to `level` at `hour`: a recon of it that
        ended later today saw no more than that.

        Lines resolve in the order they were planned to end, but a sweep that finds
        fewer traps than it was given, or a trap that goes off early in a long move,
        lowers the level before a recon that resolved first had ended. Traps only
        fall during the day, so the report's level is the least of the falls before
        its hour.
        """
        events = self.events
        for i in range(len(events) - 1, -1, -1):
            e = events[i]
            if e.day != self.day:
                break
            if (isinstance(e, ReconReport) and e.target == target and e.hour >= hour - 1e-9
                    and e.traps > level):
                events[i] = replace(e, traps=level)

    def set_unit(self, unit: UnitState, *, at: str | None = None, strength: int | None = None,
                 readiness: int | None = None,
                 days_out_of_supply: int | None = None) -> UnitState:
        new = UnitState(
            unit.id, unit.name, unit.side, unit.kind,
            unit.at if at is None else at,
            unit.strength if strength is None else strength,
            unit.readiness if readiness is None else readiness,
            unit.days_out_of_supply if days_out_of_supply is None else days_out_of_supply,
        )
        self.units[unit.id] = new
        return new

    def hurt(self, unit: UnitState, casualties: int, readiness_loss: int,
             cause: Cause) -> UnitState:
        """Casualties and lost readiness, never below zero; counted in the record by cause."""
        casualties = min(casualties, unit.strength)
        self.count_losses(casualties, cause)
        return self.set_unit(
            unit,
            strength=unit.strength - casualties,
            readiness=max(0, unit.readiness - readiness_loss),
        )

    def count_losses(self, casualties: int, cause: Cause) -> None:
        self.own_casualties += casualties
        self.lost[cause] += casualties

    def place_pos(self, place_id: str) -> int:
        return self.ix.place_pos[place_id]

    # --- supplies ------------------------------------------------------------
    def depot_at(self, pos: int) -> int | None:
        """The index in `depots` of the depot standing at place `pos`, if any (the first:
        from a table by place, made again only once a depot was added, for depots are
        never removed and each keeps its place; every meal and convoy asks)."""
        depots = self.depots
        made, index = self.depot_index
        if made != len(depots):
            index = {}
            place_pos = self.ix.place_pos
            for i, depot in enumerate(depots):
                index.setdefault(place_pos[depot.place], i)
            self.depot_index = (len(depots), index)
        return index.get(pos)

    def draw_loads(self, pos: int, loads: int) -> bool:
        """Draw `loads` for work at place `pos` from its first hub that has them.

        True when the work is supplied: supply is switched off, a source supplies
        the place, or one of its depots had the loads (now spent). False when the
        place is out of supply or its depots are short (nothing is drawn).
        """
        if "supply" in self.without or loads <= 0:
            return True
        for hub in self.hubs[pos]:
            depot = self.depot_at(hub)
            if depot is None:
                return True  # a supply source never runs dry
            have = self.depots[depot]
            if have.loads >= loads:
                self.depots[depot] = Depot(have.place, have.range_km, have.loads - loads)
                return True
        return False

    def trace(self, sides: tuple[str, ...] | None = None,
              destroyed: tuple[bool, ...] | None = None) -> None:
        """Trace tonight's supply (`sides`, `destroyed`: the board's columns, when the
        caller has them)."""
        if "supply" in self.without:
            player = self.ix.player
            self.supplied = [p.side == player for p in self.places]
            self.hubs = [()] * len(self.places)
            return
        ix, reach = self.ix, self.scenario.supply.range_km
        sides = tuple(map(SIDE, self.places)) if sides is None else sides
        destroyed = tuple(map(DESTROYED, self.roads)) if destroyed is None else destroyed
        depots = tuple((ix.place_pos[d.place], d.range_km) for d in self.depots)
        supplied, hubs = ground_trace(
            ix, sides, destroyed, self.places, self.roads, depots,
            lambda place_traps, road_traps: traced(ix, reach, depots, sides, place_traps,
                                                   road_traps, destroyed))
        self.supplied, self.hubs = list(supplied), list(hubs)

    # --- scripted events -------------------------------------------------
    def start_day(self) -> None:
        """Fire the scenario's events of `self.day`."""
        for event in self.scenario.events:
            if event.day != self.day:
                continue
            if isinstance(event, Message):
                self.events.append(ScriptedMessage(self.day, 0.0, event.text))
            elif isinstance(event, Reinforcements):
                arrived = tuple(u.id for u in event.units if self.add_unit(u))
                self.events.append(ReinforcementsArrived(self.day, 0.0, arrived, event.text))
            elif isinstance(event, SortiesChange):
                for i, asset in enumerate(self.air):
                    if asset.id == event.asset:
                        self.air[i] = replace(asset, sorties=event.sorties)
                self.events.append(
                    SortiesChanged(self.day, 0.0, event.asset, event.sorties, event.text)
                )
            elif isinstance(event, Weather):
                if event.kind == "sandstorm":
                    last = self.day + event.days - 1
                    self.sandstorm_until = max(self.sandstorm_until, last)
                self.events.append(
                    WeatherChanged(self.day, 0.0, event.kind, event.days, event.text)
                )
            elif isinstance(event, Withdrawal):
                left = tuple(u for u in event.units if self.units.pop(u, None) is not None)
                self.events.append(UnitsWithdrawn(self.day, 0.0, left, event.text))
            elif isinstance(event, GarrisonChange):
                pos = self.ix.place_pos[event.place]
                place = self.places[pos]
                if place.side == self.ix.enemy:
                    self.set_place(pos, garrison=max(0, place.garrison + event.fighters))
                    self.known_garrisons[pos] = None
                self.events.append(
                    GarrisonReinforced(self.day, 0.0, event.place, event.fighters, event.text)
                )

    def add_unit(self, spec: UnitSpec) -> bool:
        """A unit arrives. The enemy's units join the garrison of their place."""
        if spec.side == self.ix.enemy:
            pos = self.ix.place_pos[spec.at]
            place = self.places[pos]
            if place.side == self.ix.enemy:
                self.set_place(pos, garrison=place.garrison + spec.strength)
                self.known_garrisons[pos] = None
                return True
            return False
        if spec.id in self.units:
            return False
        self.units[spec.id] = UnitState(
            spec.id, spec.name, spec.side, spec.kind, spec.at, spec.strength,
            min(spec.readiness, MAX_READINESS),
        )
        return True

    def day_record(self, sides: tuple[str, ...]) -> DayRecord:
        player = self.ix.player
        supplied = self.supplied
        pos = self.ix.place_pos
        return DayRecord(
            day=self.day,
            own_casualties=self.own_casualties,
            enemy_losses=self.enemy_losses,
            civilian_harm=self.civilian_harm,
            traps_struck=self.traps_struck,
            traps_cleared=self.traps_cleared,
            vbieds_destroyed=self.vbieds_destroyed,
            places_held=sides.count(player),
            units_in_supply=[supplied[pos[u.at]] for u in self.units.values()].count(True),
            units=len(self.units),
            lost_to_traps=self.lost[Cause.TRAPS],
            lost_to_vbieds=self.lost[Cause.VBIEDS],
            lost_in_assaults=self.lost[Cause.ASSAULTS],
            lost_to_counterattacks=self.lost[Cause.COUNTERATTACKS],
            lost_to_attrition=self.lost[Cause.ATTRITION],
        )

    def freeze(
        self, day: int, record: tuple[DayRecord, ...], outcome: Outcome,
        news: tuple[Event, ...],
    ) -> GameState:
        return GameState(
            scenario=self.scenario,
            seed=self.state.seed,
            day=day,
            rng=self.rng.state,
            places=tuple(self.places),
            roads=tuple(self.roads),
            units=tuple(self.units.values()),
            air=tuple(self.air),
            depots=tuple(self.depots),
            known_place_traps=tuple(self.known_place_traps),
            known_road_traps=tuple(self.known_road_traps),
            known_garrisons=tuple(self.known_garrisons),
            known_vbieds=tuple(self.known_vbieds),
            supplied=tuple(self.supplied),
            hubs=tuple(self.hubs),
            sandstorm_until=self.sandstorm_until,
            record=record,
            outcome=outcome,
            news=news,
            without=self.state.without,
        )


def traced(ix: ScenarioIndex, reach: float, depots: tuple[tuple[int, float], ...],
           sides: tuple[str, ...], place_traps: tuple[int, ...], road_traps: tuple[int, ...],
           destroyed: tuple[bool, ...]) -> tuple[list[bool], list[tuple[int, ...]]]:
    """`supply.trace_supply` from the sources (each reaching `reach` km) and `depots`,
    remembered on a small map by all it reads: there the night's trace is most often
    one traced before (a day that took no town, moved no depot and cleared no road it
    runs on), in this game or another of the scenario. Shared: read it only."""
    def trace() -> tuple[list[bool], list[tuple[int, ...]]]:
        return trace_supply(ix, [(i, reach) for i in ix.sources], depots, sides,
                            place_traps, road_traps, destroyed)

    return searches.answer(
        ix, lambda: ("supply", id(ix), reach, depots, sides, place_traps, road_traps,
                     destroyed), trace)


def new_game(scenario: Scenario, seed: int, without: Iterable[str] = ()) -> GameState:
    """Day 1, before planning: the scenario's start, day 1's events fired, supply traced.

    `without` switches off rule families for an ablation study (`version.SWITCHES`):
    `traps` (no booby-traps anywhere, and the player knows it), `vbieds` (no car
    bombs, no factories), `supply` (every place the player holds is in supply and
    nothing draws on stocks).
    """
    with collection_paused():  # the start's tables all outlive it (linear at 100k places)
        return _new_game(scenario, seed, without)


def _new_game(scenario: Scenario, seed: int, without: Iterable[str]) -> GameState:
    off = tuple(sorted(set(without)))
    for name in off:
        if name not in SWITCHES:
            raise ValueError(f"unknown rule switch '{name}' (expected one of "
                             f"{', '.join(SWITCHES)})")
    ix = index_of(scenario)
    player = ix.player
    specs = scenario.places
    count = len(specs)
    no_traps = "traps" in off
    no_vbieds = "vbieds" in off
    # Column by column (comprehensions: a record's field read for less than `map` of an
    # attrgetter): the player's places hold no garrison, and the player knows their trap
    # level (every place's without traps).
    sides = [place.side for place in specs]
    held = list(compress(range(count), map(eq, sides, repeat(player))))
    garrisons = [place.garrison for place in specs]
    traps = [0] * count if no_traps else [place.traps for place in specs]
    known: list[int | None] = [0] * count if no_traps else [None] * count
    for pos in held:
        garrisons[pos] = 0
        known[pos] = traps[pos]
    roads = scenario.roads
    road_traps = [0] * len(roads) if no_traps else [road.traps for road in roads]
    destroyed = tuple([road.destroyed for road in roads])  # for the trace too
    # The start's scalars; its map-sized columns are the world's own lists, made for it
    # below: copied into the state's tuples, then into the world's lists, each copy was a
    # pass over the 250,000 records of 100,000 places (and two more to free them).
    base = GameState(
        scenario=scenario,
        seed=seed,
        day=1,
        rng=seed_state(seed),
        places=(),
        roads=(),
        units=(),
        air=tuple(
            AirState(a.id, a.name, a.side, a.kind, a.sorties)
            for a in scenario.air
            if a.side == player
        ),
        depots=tuple(
            Depot(p.id, scenario.supply.depot_range_km, p.depot_loads)
            for p in compress(specs, map(_DEPOT, specs))
        ),
        known_place_traps=(),
        known_road_traps=(),
        known_garrisons=(),
        known_vbieds=(),
        supplied=(),  # the trace's, below
        hubs=(),
        sandstorm_until=0,
        record=(),
        outcome=Outcome.ONGOING,
        news=(),
        without=off,
    )
    world = World(base)
    world.places = records(PlaceState, map(_ID, specs), sides, garrisons, traps,
                           repeat(0, count) if no_vbieds else map(_VBIEDS, specs))
    world.roads = records(RoadState, map(_ID, roads), road_traps, destroyed)
    world.known_place_traps = known
    world.known_road_traps = [0 if no_traps else None] * len(roads)
    world.known_garrisons = [None] * count
    world.known_vbieds = [None] * count
    for spec in scenario.units:
        world.add_unit(spec)
    world.start_day()
    # The columns read above, where no event changed them (day 1's events change
    # garrisons, never sides or roads): the trace need not read them again, nor the
    # first day's end (handed on with the state, as a day's end hands on its own).
    side_column = tuple(sides) if not world.sides_changed else None
    world.trace(side_column, destroyed)
    state = world.freeze(1, (), Outcome.ONGOING, tuple(world.events))
    if side_column is not None:
        columns.keep(state, side_column, destroyed)
    return state
