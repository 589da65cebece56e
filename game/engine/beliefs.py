"""What the player believes while a plan is walked line by line, and what a way
shows on that belief.

Nothing here sees the hidden trap levels or garrisons: only the known ones,
updated by the earlier lines of the plan (a cleared road, a known trap struck,
a taken town, a bridge laid, a new depot and the loads that convoys bring and
work draws, the air strikes flown, the assaults planned, where each owner will
be and when it is free). On that knowledge a way has its drive hours, its known
risks and its km beyond the supplied network, and an assault its estimate.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import compress, count, repeat
from operator import eq

from game.engine import columns, combat
from game.engine.index import ScenarioIndex, index_of
from game.engine.model import DRONE, UnitKind
from game.engine.observe import estimate
from game.engine.paths import Search, hours_table
from game.engine.plan import KNOWN_TRAPS, TOO_EARLY, UNKNOWN_TRAPS, VBIED, Risk
from game.engine.searches import (
    MISSING,
    cut_off,
    remember,
    remembered,
    small,
    token,
    way_search,
)
from game.engine.state import AirState, GameState, UnitState

Way = tuple[float, list[int], list[int]]  # (hours, places, roads), as find_path gives
# What a line may change of a road (its traps, a bridge laid) and of a place (its
# traps, taken), as `changed` keys them.
_ROAD_CHANGES = ("road", "bridge")
_PLACE_CHANGES = ("place", "taken")
NIGHT = 24.0  # the hour the day ends: what a depot holds then feeds the units tonight


@dataclass(slots=True)
class AssaultGroup:
    """The units planned to assault one place together, and when the fight starts."""

    fight: float  # the hour the first attacker reaches the place
    units: list[str] = field(default_factory=list)
    attack: float = 0.0
    strength: int = 0
    short: list[str] = field(default_factory=list)  # attackers short of supplies
    lines: list[int] = field(default_factory=list)


@dataclass(slots=True)  # as `Planner`'s: read thousands of times a day
class Beliefs:
    """The plan so far, as the player knows it; `Planner` checks lines on it."""

    state: GameState
    ix: ScenarioIndex = field(init=False)
    over: bool = field(init=False)  # the game is over: every line is refused
    # The morning's sandstorm (`GameState.sandstorm`, a property) and whether the map's
    # searches are remembered (`searches.small`): asked of every sortie and every table.
    sandstorm: bool = field(init=False)
    small_map: bool = field(init=False)
    pos: dict[str, int] = field(default_factory=dict)
    end: dict[str, float] = field(default_factory=dict)
    sorties: dict[str, int] = field(default_factory=dict)
    # The trap levels the plan knows, by road and by place: the morning's, as the
    # plan's lines learn them (None: unknown).
    road_known: list[int | None] = field(default_factory=list)
    place_known: list[int | None] = field(default_factory=list)
    taken: set[int] = field(default_factory=set)
    new_depots: list[int] = field(default_factory=list)
    depot_ready: dict[int, float] = field(default_factory=dict)  # new depot -> hour it opens
    bridged: set[int] = field(default_factory=set)  # roads a floating bridge opens today
    bridge_work: dict[int, float] = field(default_factory=dict)  # hours of work planned
    # Roads' banked sweeping (`RoadState.swept`) as the plan's sweeps leave it.
    swept: dict[int, float] = field(default_factory=dict)
    # Loads moving in and out of each depot today, as (hour, change): a line may
    # draw only what the depot holds at its hour and every later hour.
    ledger: dict[int, list[tuple[float, int]]] = field(default_factory=dict)
    # Each depot's changes booked by the day's end, summed as they are booked
    # (`loads_tonight`: the doctrine asks it many times a day).
    by_night: dict[int, int] = field(default_factory=dict)
    strikes: dict[int, list[tuple[float, float]]] = field(default_factory=dict)  # (end, kills)
    assaults: dict[int, AssaultGroup] = field(default_factory=dict)
    units: dict[str, UnitState] = field(default_factory=dict)
    assets: dict[str, AirState] = field(default_factory=dict)
    # Each unit kind's drive hours by road (None: impassable), on what the plan knows so far.
    costs: dict[UnitKind, list[float | None]] = field(default_factory=dict)
    closed: tuple[bool, ...] = ()  # by road: destroyed, and no bridge laid on it today
    # What the drive hours depend on (the sandstorm, the trap levels known, the roads
    # closed), as a token (`searches.token`), for the tables shared with other plans on
    # the same: None when it changed. A number hashes in a step; the values, in a step
    # a road, each time a table is asked for.
    roads_key: int | None = None
    # How often the plan's lines changed what it knows of places' traps, where its units
    # stand, and the loads booked: what the doctrine's questions remember answers by.
    places_learnt: int = 0
    roads_learnt: int = 0  # roads whose traps were learnt or bridged: new drive hours
    movers: list[str] = field(default_factory=list)  # who moved, in order
    booked: int = 0
    hours: dict[UnitKind, tuple[float, ...]] = field(default_factory=dict)  # `hours_of`
    cut_off: list[bool] = field(default_factory=list)
    # The searches for quickest ways, by (unit kind, from; -1 - from for a convoy's), for
    # the beliefs they search on (the drive hours table and the places planned taken).
    ways: dict[tuple[UnitKind, int], tuple[object, int, Search]] = field(
        default_factory=dict)
    # The line that last changed what the plan knows of a road ("road": its traps,
    # "bridge": laid) or a place ("place": its traps, "taken"), and the hour it ends.
    changed: dict[tuple[str, int], tuple[int, float]] = field(default_factory=dict)
    # The roads and the places `changed` holds a line for (`note_change`): most of a
    # way's are in neither, and `too_early` passes them by.
    changed_roads: set[int] = field(default_factory=set)
    changed_places: set[int] = field(default_factory=set)
    sweeps: dict[str, tuple[int, float]] = field(default_factory=dict)  # target -> (line, end)
    # `held` of every place, for the number of places planned taken it was made for.
    held_by_pos: tuple[int, list[bool]] = (-1, [])
    stock: dict[int, int] = field(default_factory=dict)  # the morning's depots: their loads
    # Each unit kind's drive hours over roads known clear (None: not known clear), for
    # the drive hours table it was made from.
    clear_costs: dict[UnitKind, tuple[object, list[float | None]]] = field(
        default_factory=dict)

    def __post_init__(self) -> None:
        self.ix = index_of(self.state.scenario)
        self.over = self.state.over
        self.sandstorm = self.state.sandstorm
        self.small_map = small(self.ix)
        self.units = {u.id: u for u in self.state.units}
        self.assets = {a.id: a for a in self.state.air}
        place_pos = self.ix.place_pos
        self.pos = {u.id: place_pos[u.at] for u in self.state.units}
        self.road_known = list(self.state.known_road_traps)
        self.place_known = list(self.state.known_place_traps)
        sides, self.closed = columns.of(self.state)
        self.cut_off = cut_off(self.ix, sides, self.closed)
        for depot in self.state.depots:  # the first depot at a place, as `loads_at` reads
            self.stock.setdefault(self.ix.place_pos[depot.place], depot.loads)

    # --- what the player believes -----------------------------------------
    def known_road(self, road: int) -> int | None:
        return self.road_known[road]

    def known_place(self, place: int) -> int | None:
        return self.place_known[place]

    def swept_by_now(self, road: int) -> float:
        """The road's banked sweeping, full-speed hours, after the plan's sweeps so far."""
        swept = self.swept.get(road)
        return self.state.roads[road].swept if swept is None else swept

    def held(self, place: int) -> bool:
        return self.state.places[place].side == self.ix.player or place in self.taken

    def road_open(self, road: int) -> bool:
        return not self.state.roads[road].destroyed or road in self.bridged

    def held_table(self) -> list[bool]:
        """`held` of every place, by position (a path search reads it many times)."""
        if self.held_by_pos[0] != len(self.taken):
            held = list(columns.held(self.state))
            for pos in self.taken:
                held[pos] = True
            self.held_by_pos = (len(self.taken), held)
        return self.held_by_pos[1]

    def where(self, unit: UnitState) -> int:
        """Where the unit will be after the lines so far (`pos` starts with every unit
        of the morning)."""
        try:
            return self.pos[unit.id]
        except KeyError:
            return self.ix.place_pos[unit.at]

    def hours_of(self, kind: UnitKind) -> tuple[float, ...]:
        """Each road's drive hours for a unit of `kind` today (`paths.hours_table`)."""
        table = self.hours.get(kind)
        if table is None:
            state = self.state
            table = hours_table(self.ix, state.scenario.rules, kind, self.sandstorm)
            self.hours[kind] = table
        return table

    def drive_costs(self, kind: UnitKind) -> list[float | None]:
        """Hours to drive each road (None: impassable), known traps' delays included."""
        costs = self.costs.get(kind)
        if costs is None:
            costs = self._shared("drive costs", kind, self._drive_costs)
            self.costs[kind] = costs
        return costs

    def _drive_costs(self, kind: UnitKind) -> list[float | None]:
        # Each road's hours, then (C loops pick them) the few roads with known traps
        # and the closed ones: the same sums as a loop over every road, at scale a
        # tenth of the time.
        per_level = self.state.scenario.rules.trap_hours_per_level
        learnt = self.road_known
        hours = self.hours_of(kind)
        costs: list[float | None] = list(hours)
        for road in compress(count(), learnt):  # `known_road`: a level above 0
            costs[road] = hours[road] + learnt[road] * per_level  # type: ignore[operator]
        for road in compress(count(), self.closed):  # not `road_open`
            costs[road] = None
        return costs

    def _shared(self, name: str, kind: UnitKind,
                make: Callable[[UnitKind], list[float | None]]) -> list[float | None]:
        """A table by road that depends only on the unit kind and `roads_key`, shared
        with every plan on the same (on a small map): never change it."""
        ix = self.ix
        if not self.small_map:
            return make(kind)
        if self.roads_key is None:
            self.roads_key = token((self.sandstorm, tuple(self.road_known),
                                    self.closed))
        key = (name, id(ix), kind, self.roads_key)
        found = remembered(key, ix)
        if found is MISSING:
            table = make(kind)
            remember(key, ix, table)
            return table
        return found  # type: ignore[return-value]  # a table `make` gave (no cast call)

    def way(self, kind: UnitKind, here: int, goal: int) -> Way | None:
        """The quickest way by road through held places (`paths.find_path`), from one
        search per unit kind and place that goes on while what it depends on stands."""
        return self.search(kind, here).way(goal)

    def search(self, kind: UnitKind, here: int) -> Search:
        """The quickest ways from `here` through held places, for `way` and the places
        a unit can reach (`Search.settle()`)."""
        costs = self.drive_costs(kind)
        hit = self.ways.get((kind, here))
        if hit is not None and hit[0] is costs and hit[1] == len(self.taken):
            return hit[2]
        found = way_search(self.ix, here, self.held_table(), costs)
        self.ways[(kind, here)] = (costs, len(self.taken), found)
        return found

    def cleared_costs(self, kind: UnitKind) -> list[float | None]:
        """Drive hours by road over roads known clear only (None: not known clear)."""
        costs = self.drive_costs(kind)  # rebuilt whenever what is known of a road changes
        hit = self.clear_costs.get(kind)
        if hit is not None and hit[0] is costs:
            return hit[1]
        clear = self._shared("cleared costs", kind, self._cleared)
        self.clear_costs[kind] = (costs, clear)
        return clear

    def _cleared(self, kind: UnitKind) -> list[float | None]:
        costs = self.drive_costs(kind)
        known = self.road_known
        if self.small_map:  # a few roads, most of them known clear as the game goes on
            return [c if known[road] == 0 else None for road, c in enumerate(costs)]
        # None everywhere, then (C loops pick them) the roads known clear, each at its
        # hours: on a large map a few among many roads.
        clear: list[float | None] = [None] * len(costs)
        for road in compress(count(), map(eq, known, repeat(0))):
            clear[road] = costs[road]
        return clear

    def cleared_way(self, kind: UnitKind, here: int, goal: int) -> Way | None:
        """The quickest way over roads known clear through held places (a convoy's),
        from one search that goes on while what it depends on stands."""
        costs = self.drive_costs(kind)  # rebuilt whenever what is known of a road changes
        hit = self.ways.get((kind, -1 - here))
        if hit is not None and hit[0] is costs and hit[1] == len(self.taken):
            return hit[2].way(goal)

        found = way_search(self.ix, here, self.held_table(), self.cleared_costs(kind))
        self.ways[(kind, -1 - here)] = (costs, len(self.taken), found)
        return found.way(goal)

    def learn_road(self, road: int, level: int | None) -> None:
        """The plan now knows the road's traps at `level`: each kind's drive hours are
        copied with the road's changed (the old tables stay as the searches saw them)."""
        self.road_known[road] = level
        self.roads_key = None
        self.roads_learnt += 1
        per_level = self.state.scenario.rules.trap_hours_per_level
        for kind, old in self.costs.items():
            if old[road] is None:  # closed: it stays so
                continue
            new = old.copy()
            hours = self.hours_of(kind)[road]
            new[road] = hours + level * per_level if level else hours
            self.costs[kind] = new

    def learn_place(self, place: int, level: int | None) -> None:
        self.place_known[place] = level
        self.places_learnt += 1

    def move(self, owner: str, place: int) -> None:
        self.pos[owner] = place
        self.movers.append(owner)

    def open_road(self, road: int) -> None:
        """A floating bridge laid today opens the road."""
        self.bridged.add(road)
        self.roads_learnt += 1
        self.closed = tuple(c and r != road for r, c in enumerate(self.closed))
        self.roads_key = None
        self.costs.clear()

    def note_change(self, what: str, pos: int, number: int, end: float) -> None:
        """Line `number`, ending at `end`, changed what the plan knows of a road ("road":
        its traps, "bridge": laid) or a place ("place": its traps, "taken")."""
        self.changed[(what, pos)] = (number, end)
        (self.changed_roads if what in _ROAD_CHANGES else self.changed_places).add(pos)

    def too_early(self, start: float, roads: Iterable[int] = (),
                  places: Iterable[int] = ()) -> tuple[Risk, ...]:
        """The lines whose work on these roads and places a line setting out at `start`
        counts on although they end later: the day resolves each line on the ground as
        it stood when the line set out, so the line must wait for them (`after`)."""
        changed = self.changed
        if not changed:
            return ()
        found: dict[int, str] | None = None
        late = start + 1e-9
        for kinds, positions, ids, marked in (
                (_ROAD_CHANGES, roads, self.ix.roads, self.changed_roads),
                (_PLACE_CHANGES, places, self.ix.places, self.changed_places)):
            for pos in positions:
                if pos not in marked:  # no line changed it: nothing to wait for
                    continue
                for kind in kinds:
                    hit = changed.get((kind, pos))
                    if hit is not None and hit[1] > late:
                        if found is None:
                            found = {}
                        found.setdefault(hit[0], ids[pos].id)
        if found is None:
            return ()
        return tuple(Risk(TOO_EARLY, target, number)
                     for number, target in sorted(found.items()))

    # --- supplies ------------------------------------------------------------
    def is_depot(self, pos: int) -> bool:
        return pos in self.stock or pos in self.new_depots

    def loads_at(self, pos: int, hour: float) -> int:
        """The loads the depot at `pos` holds at `hour`, with today's planned changes."""
        have = self.stock.get(pos, 0)
        ledger = self.ledger.get(pos)
        if not ledger:
            return have
        for when, change in ledger:  # whole numbers: any order sums the same
            if when <= hour:
                have += change
        return have

    def loads_tonight(self, pos: int) -> int:
        """`loads_at(pos, NIGHT)`: what the depot at `pos` holds at the day's end."""
        return self.stock.get(pos, 0) + self.by_night.get(pos, 0)

    def can_draw(self, pos: int, loads: int, hour: float) -> bool:
        """Whether `loads` can leave the depot at `pos` at `hour` without leaving a line
        already planned for later short."""
        if loads <= 0:
            return True
        later = sorted({hour, *(when for when, _ in self.ledger.get(pos, ()) if when > hour)})
        return all(self.loads_at(pos, when) >= loads for when in later)

    def draw_from(self, pos: int, loads: int, hour: float) -> tuple[bool, int | None]:
        """Where work at `pos` drawing `loads` at `hour` gets them, as the day's execution
        will: (supplied, the depot that gives them, or None for a source or no draw)."""
        if "supply" in self.state.without or loads <= 0:
            return True, None
        for hub in self.state.hubs[pos]:
            if not self.is_depot(hub):
                return True, None  # a supply source never runs dry
            if self.can_draw(hub, loads, hour):
                return True, hub
        return False, None

    def short_of_supplies(self, pos: int, loads: int, hour: float) -> bool:
        """Whether work at `pos` drawing `loads` at `hour` would go without them."""
        return not self.draw_from(pos, loads, hour)[0]

    def book(self, pos: int, hour: float, change: int) -> None:
        self.ledger.setdefault(pos, []).append((hour, change))
        if hour <= NIGHT:  # as `loads_at(pos, NIGHT)` counts it
            self.by_night[pos] = self.by_night.get(pos, 0) + change
        self.booked += 1

    # --- assaults ------------------------------------------------------------
    def estimate(self, goal: int, group: AssaultGroup) -> combat.AssaultEstimate:
        """The assault of `group` on `goal`, from what the player knows."""
        state = self.state
        rules = state.scenario.rules
        known = state.known_garrisons[goal]
        garrison = (known, known) if known is not None else estimate(state, goal)
        planned = [kills for end, kills in self.strikes.get(goal, ())
                   if end <= group.fight + 1e-9]
        return combat.estimate_assault(
            rules, self.ix.places[goal].id, tuple(group.units), group.attack, group.strength,
            garrison, self.known_place(goal), len(planned), sum(planned),
            self.cut_off[goal], tuple(group.short),
        )

    def strike_kills(self, asset: AirState) -> float:
        return combat.expected_strike_kills(self.state.scenario.rules,
                                            asset.kind == DRONE)

    # --- what a way shows on that belief ----------------------------------
    def _way_risks(self, places: list[int], roads: list[int]) -> tuple[Risk, ...]:
        risks: list[Risk] = []
        road_known, place_known = self.road_known, self.place_known  # `known_road`, ...
        for i, road in enumerate(roads):
            known = road_known[road]
            name = self.ix.roads[road].id
            if known is None:
                risks.append(Risk(UNKNOWN_TRAPS, name))
            elif known > 0:
                risks.append(Risk(KNOWN_TRAPS, name, known))
            place = places[i + 1]
            known_place = place_known[place]
            if known_place is None:
                risks.append(Risk(UNKNOWN_TRAPS, self.ix.places[place].id))
            elif known_place > 0:
                risks.append(Risk(KNOWN_TRAPS, self.ix.places[place].id, known_place))
        return tuple(risks)

    def _arrival_risks(self, goal: int) -> tuple[Risk, ...]:
        risks: list[Risk] = []
        state = self.state
        reach = state.scenario.rules.vbied_reach_km
        for road, other in self.ix.adjacency[goal]:
            # A car bomb drives one open road of at most vbied_reach_km (enemy.launch_vbieds).
            if not self.road_open(road) or self.ix.roads[road].km > reach:
                continue
            if not self.held(other):
                bombs = state.known_vbieds[other]
                if bombs is None or bombs > 0:
                    risks.append(Risk(VBIED, self.ix.places[other].id, bombs))
        return tuple(risks)

    def _beyond_supply(self, places: list[int], roads: list[int]) -> float:
        supplied = self.state.supplied
        km = 0.0
        for i, road in enumerate(roads):
            if not (supplied[places[i]] and supplied[places[i + 1]]):
                km += self.ix.roads[road].km
        return round(km, 3)
