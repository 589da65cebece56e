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

from collections.abc import Iterable
from dataclasses import dataclass, field

from game.engine import combat
from game.engine.index import ScenarioIndex, index_of
from game.engine.model import AirKind, UnitKind
from game.engine.observe import estimate
from game.engine.paths import Search, hours_table
from game.engine.plan import OpKind, PlanLine, Risk, RiskKind
from game.engine.searches import cut_off, way_search
from game.engine.state import AirState, GameState, UnitState
from game.engine.supply import trace_supply, upkeep_loads

Way = tuple[float, list[int], list[int]]  # (hours, places, roads), as find_path gives
# What a line may change of a road (its traps, a bridge laid) and of a place (its
# traps, taken), as `changed` keys them.
_ROAD_CHANGES = ("road", "bridge")
_PLACE_CHANGES = ("place", "taken")


@dataclass
class AssaultGroup:
    """The units planned to assault one place together, and when the fight starts."""

    fight: float  # the hour the first attacker reaches the place
    units: list[str] = field(default_factory=list)
    attack: float = 0.0
    strength: int = 0
    short: list[str] = field(default_factory=list)  # attackers short of supplies
    lines: list[int] = field(default_factory=list)


@dataclass
class Beliefs:
    """The plan so far, as the player knows it; `Planner` checks lines on it."""

    state: GameState
    ix: ScenarioIndex = field(init=False)
    over: bool = field(init=False)  # the game is over: every line is refused
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
    # Loads moving in and out of each depot today, as (hour, change): a line may
    # draw only what the depot holds at its hour and every later hour.
    ledger: dict[int, list[tuple[float, int]]] = field(default_factory=dict)
    strikes: dict[int, list[tuple[float, float]]] = field(default_factory=dict)  # (end, kills)
    assaults: dict[int, AssaultGroup] = field(default_factory=dict)
    units: dict[str, UnitState] = field(default_factory=dict)
    assets: dict[str, AirState] = field(default_factory=dict)
    # Each unit kind's drive hours by road (None: impassable), on what the plan knows so far.
    costs: dict[UnitKind, list[float | None]] = field(default_factory=dict)
    hours: dict[UnitKind, tuple[float, ...]] = field(default_factory=dict)  # `hours_of`
    cut_off: list[bool] = field(default_factory=list)
    # The searches for quickest ways, by (unit kind, from; -1 - from for a convoy's), for
    # the beliefs they search on (the drive hours table and the places planned taken).
    ways: dict[tuple[UnitKind, int], tuple[object, int, Search]] = field(
        default_factory=dict)
    # The line that last changed what the plan knows of a road ("road": its traps,
    # "bridge": laid) or a place ("place": its traps, "taken"), and the hour it ends.
    changed: dict[tuple[str, int], tuple[int, float]] = field(default_factory=dict)
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
        self.units = {u.id: u for u in self.state.units}
        self.assets = {a.id: a for a in self.state.air}
        place_pos = self.ix.place_pos
        self.pos = {u.id: place_pos[u.at] for u in self.state.units}
        self.road_known = list(self.state.known_road_traps)
        self.place_known = list(self.state.known_place_traps)
        self.cut_off = cut_off(self.ix, tuple(p.side for p in self.state.places),
                               tuple(r.destroyed for r in self.state.roads))
        for depot in self.state.depots:  # the first depot at a place, as `loads_at` reads
            self.stock.setdefault(self.ix.place_pos[depot.place], depot.loads)

    # --- what the player believes -----------------------------------------
    def known_road(self, road: int) -> int | None:
        return self.road_known[road]

    def known_place(self, place: int) -> int | None:
        return self.place_known[place]

    def held(self, place: int) -> bool:
        return self.state.places[place].side == self.ix.player or place in self.taken

    def road_open(self, road: int) -> bool:
        return not self.state.roads[road].destroyed or road in self.bridged

    def held_table(self) -> list[bool]:
        """`held` of every place, by position (a path search reads it many times)."""
        if self.held_by_pos[0] != len(self.taken):
            mine, taken = self.ix.player, self.taken
            self.held_by_pos = (len(taken), [p.side == mine or i in taken
                                             for i, p in enumerate(self.state.places)])
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
            table = hours_table(self.ix, state.scenario.rules, kind, state.sandstorm)
            self.hours[kind] = table
        return table

    def drive_costs(self, kind: UnitKind) -> list[float | None]:
        """Hours to drive each road (None: impassable), known traps' delays included."""
        costs = self.costs.get(kind)
        if costs is None:
            state = self.state
            per_level = state.scenario.rules.trap_hours_per_level
            table = self.hours_of(kind)
            roads, bridged = state.roads, self.bridged
            learnt = self.road_known
            costs = []
            for road, hours in enumerate(table):
                if roads[road].destroyed and road not in bridged:  # not `road_open`
                    costs.append(None)
                    continue
                known = learnt[road]  # `known_road`
                costs.append(hours + known * per_level if known else hours)
            self.costs[kind] = costs
        return costs

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
        known = self.road_known
        clear = [c if known[road] == 0 else None for road, c in enumerate(costs)]
        self.clear_costs[kind] = (costs, clear)
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
        self.road_known[road] = level
        self.costs.clear()

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
        for kinds, positions, ids in (_ROAD_CHANGES, roads, self.ix.roads), (
                _PLACE_CHANGES, places, self.ix.places):
            for pos in positions:
                for kind in kinds:
                    hit = changed.get((kind, pos))
                    if hit is not None and hit[1] > late:
                        if found is None:
                            found = {}
                        found.setdefault(hit[0], ids[pos].id)
        if found is None:
            return ()
        return tuple(Risk(RiskKind.TOO_EARLY, target, number)
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
        return have + sum(change for when, change in ledger if when <= hour)

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

    def supplied_later(self, lines: list[PlanLine], short: dict[int, tuple[int, float]]
                       ) -> dict[int, list[Risk]]:
        """For each line that goes short of supplies, the convoys listed after it that
        reach one of its depots by its hour. The day books loads in the plan's order,
        so such a convoy does not help it: it must be listed first."""
        found: dict[int, list[Risk]] = {}
        convoys = [line for line in lines if line.operation.kind == OpKind.CONVOY
                   and line.error is None and line.operation.target in self.ix.place_pos]
        for number, (pos, hour) in short.items():
            for convoy in convoys:
                goal = self.ix.place_pos[str(convoy.operation.target)]
                if convoy.index > number and convoy.end <= hour + 1e-9 \
                        and goal in self.state.hubs[pos]:
                    found.setdefault(number, []).append(
                        Risk(RiskKind.SUPPLIED_LATER, self.ix.places[goal].id, convoy.index))
        return found

    def night_risks(self, lines: list[PlanLine]) -> dict[int, list[Risk]]:
        """What waits for each unit where it ends the day, on its last line: a place we
        hold (or take today) whose traps are known and not cleared strikes at night
        (`traps.night_in_trapped_towns`); a place the supply will not reach tonight
        (`supplied_tonight`) leaves it unfed."""
        last: dict[str, int] = {}
        for line in lines:
            if line.error is None and line.operation.owner in self.units:
                last[line.operation.owner] = line.index
        found: dict[int, list[Risk]] = {}
        if not last:
            return found
        supplied, hubs = self.supply_tonight()
        unfed = self.unfed_tonight(hubs)
        for owner, number in last.items():
            pos = self.where(self.units[owner])
            name = self.ix.places[pos].id
            level = self.known_place(pos)
            if self.held(pos) and (level or (level is None and pos in self.taken)):
                # A town taken today whose traps were never reconnoitred: unknown, and a
                # town the enemy held is seldom clean.
                found.setdefault(number, []).append(Risk(RiskKind.NIGHT_TRAPS, name, level))
            if not supplied[pos]:
                found.setdefault(number, []).append(Risk(RiskKind.OUT_OF_SUPPLY, name))
            elif owner in unfed:
                found.setdefault(number, []).append(Risk(RiskKind.UNFED, name, unfed[owner]))
        return found

    def unfed_tonight(self, hubs: list[tuple[int, ...]]) -> dict[str, int]:
        """The units in supply tonight that their depots cannot feed, with the loads
        each would eat: the night's feeding (`dayend.feed`: in the units' order, each
        from its first hub that has the loads) on the depots' stocks as the plan
        leaves them."""
        if "supply" in self.state.without:
            return {}
        rules = self.state.scenario.rules
        stock: dict[int, int] = {}
        unfed: dict[str, int] = {}
        for unit in self.state.units:
            need = upkeep_loads(rules, unit.strength)
            fed = need <= 0
            for hub in hubs[self.where(unit)]:
                if fed:
                    break
                if not self.is_depot(hub):
                    fed = True  # a supply source never runs dry
                    break
                have = stock.setdefault(hub, self.loads_at(hub, float("inf")))
                if have >= need:
                    stock[hub] = have - need
                    fed = True
            if not fed and hubs[self.where(unit)]:
                unfed[unit.id] = need
        return unfed

    def supplied_tonight(self) -> list[bool]:
        return self.supply_tonight()[0]

    def supply_tonight(self) -> tuple[list[bool], list[tuple[int, ...]]]:
        """The places the supply is expected to reach tonight, traced as the night
        traces it (`supply.trace_supply`) on the ground as the plan leaves it: towns
        taken, depots set up, bridges laid, traps as known. A road or place never
        reconnoitred counts as clear where the supply reached both sides last night
        and as trapped elsewhere, unless a sweep is planned on it; convoys' extra reach
        is not counted."""
        state = self.state
        ix = self.ix
        if "supply" in state.without:
            return [self.held(pos) for pos in range(len(ix.places))], [()] * len(ix.places)
        was = state.supplied
        place_traps = []
        for pos in range(len(ix.places)):
            known = self.known_place(pos)
            if known is None and ix.places[pos].id in self.sweeps:
                known = 0
            place_traps.append(known if known is not None else (0 if was[pos] else 1))
        road_traps = []
        for road, (a, b) in enumerate(ix.road_ends):
            known = self.known_road(road)
            if known is None and ix.roads[road].id in self.sweeps:
                known = 0  # swept today: as the preview says, the sweep lifts what it finds
            road_traps.append(known if known is not None else (0 if was[a] and was[b] else 1))
        supply = state.scenario.supply
        depots = [(ix.place_pos[d.place], d.range_km) for d in state.depots]
        depots += [(pos, supply.depot_range_km) for pos in self.new_depots]
        sides = [ix.player if self.held(pos) else p.side for pos, p in enumerate(state.places)]
        return trace_supply(ix, [(pos, supply.range_km) for pos in ix.sources], depots, sides,
                            place_traps, road_traps,
                            [not self.road_open(road) for road in range(len(ix.roads))])

    def book(self, pos: int, hour: float, change: int) -> None:
        self.ledger.setdefault(pos, []).append((hour, change))

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
                                            asset.kind == AirKind.DRONE)

    # --- what a way shows on that belief ----------------------------------
    def _way_risks(self, places: list[int], roads: list[int]) -> tuple[Risk, ...]:
        risks: list[Risk] = []
        for i, road in enumerate(roads):
            known = self.known_road(road)
            name = self.ix.roads[road].id
            if known is None:
                risks.append(Risk(RiskKind.UNKNOWN_TRAPS, name))
            elif known > 0:
                risks.append(Risk(RiskKind.KNOWN_TRAPS, name, known))
            place = places[i + 1]
            known_place = self.known_place(place)
            if known_place is None:
                risks.append(Risk(RiskKind.UNKNOWN_TRAPS, self.ix.places[place].id))
            elif known_place > 0:
                risks.append(Risk(RiskKind.KNOWN_TRAPS, self.ix.places[place].id, known_place))
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
                    risks.append(Risk(RiskKind.VBIED, self.ix.places[other].id, bombs))
        return tuple(risks)

    def _beyond_supply(self, places: list[int], roads: list[int]) -> float:
        supplied = self.state.supplied
        km = 0.0
        for i, road in enumerate(roads):
            if not (supplied[places[i]] and supplied[places[i + 1]]):
                km += self.ix.roads[road].km
        return round(km, 3)
