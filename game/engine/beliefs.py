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
from game.engine.plan import Risk, RiskKind
from game.engine.state import AirState, GameState, UnitState
from game.engine.supply import enemy_cut_off

Way = tuple[float, list[int], list[int]]  # (hours, places, roads), as find_path gives


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
    pos: dict[str, int] = field(default_factory=dict)
    end: dict[str, float] = field(default_factory=dict)
    sorties: dict[str, int] = field(default_factory=dict)
    road_known: dict[int, int | None] = field(default_factory=dict)
    place_known: dict[int, int | None] = field(default_factory=dict)
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
    cut_off: list[bool] = field(default_factory=list)
    # The searches for quickest ways, by (unit kind, from; -1 - from for a convoy's), for
    # the beliefs they search on (the drive hours table and the places planned taken).
    ways: dict[tuple[UnitKind, int], tuple[object, int, Search]] = field(
        default_factory=dict)
    # The line that last changed what the plan knows of a road ("road": its traps,
    # "bridge": laid) or a place ("place": its traps, "taken"), and the hour it ends.
    changed: dict[tuple[str, int], tuple[int, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ix = index_of(self.state.scenario)
        self.units = {u.id: u for u in self.state.units}
        self.assets = {a.id: a for a in self.state.air}
        self.cut_off = enemy_cut_off(self.ix, [p.side for p in self.state.places],
                                     [r.destroyed for r in self.state.roads])

    # --- what the player believes -----------------------------------------
    def known_road(self, road: int) -> int | None:
        if road in self.road_known:
            return self.road_known[road]
        return self.state.known_road_traps[road]

    def known_place(self, place: int) -> int | None:
        if place in self.place_known:
            return self.place_known[place]
        return self.state.known_place_traps[place]

    def held(self, place: int) -> bool:
        return self.state.places[place].side == self.ix.player or place in self.taken

    def road_open(self, road: int) -> bool:
        return not self.state.roads[road].destroyed or road in self.bridged

    def where(self, unit: UnitState) -> int:
        return self.pos.get(unit.id, self.ix.place_pos[unit.at])

    def drive_costs(self, kind: UnitKind) -> list[float | None]:
        """Hours to drive each road (None: impassable), known traps' delays included."""
        costs = self.costs.get(kind)
        if costs is None:
            state = self.state
            per_level = state.scenario.rules.trap_hours_per_level
            table = hours_table(self.ix, state.scenario.rules, kind, state.sandstorm)
            costs = []
            for road, hours in enumerate(table):
                if not self.road_open(road):
                    costs.append(None)
                    continue
                known = self.known_road(road)
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
        found = Search(self.ix, here, self.held, costs.__getitem__)
        self.ways[(kind, here)] = (costs, len(self.taken), found)
        return found

    def cleared_way(self, kind: UnitKind, here: int, goal: int) -> Way | None:
        """The quickest way over roads known clear through held places (a convoy's),
        from one search that goes on while what it depends on stands."""
        costs = self.drive_costs(kind)  # rebuilt whenever what is known of a road changes
        hit = self.ways.get((kind, -1 - here))
        if hit is not None and hit[0] is costs and hit[1] == len(self.taken):
            return hit[2].way(goal)

        def clear_cost(road: int) -> float | None:
            return costs[road] if self.known_road(road) == 0 else None

        found = Search(self.ix, here, self.held, clear_cost)
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
        found: dict[int, str] = {}
        for what, positions, ids in (("road", roads, self.ix.roads),
                                     ("place", places, self.ix.places)):
            for pos in positions:
                for kind in (what, "bridge" if what == "road" else "taken"):
                    hit = self.changed.get((kind, pos))
                    if hit is not None and hit[1] > start + 1e-9:
                        found.setdefault(hit[0], ids[pos].id)
        return tuple(Risk(RiskKind.TOO_EARLY, target, number)
                     for number, target in sorted(found.items()))

    # --- supplies ------------------------------------------------------------
    def is_depot(self, pos: int) -> bool:
        return pos in self.new_depots or any(
            self.ix.place_pos[d.place] == pos for d in self.state.depots)

    def loads_at(self, pos: int, hour: float) -> int:
        """The loads the depot at `pos` holds at `hour`, with today's planned changes."""
        have = next((d.loads for d in self.state.depots if self.ix.place_pos[d.place] == pos), 0)
        return have + sum(change for when, change in self.ledger.get(pos, ()) if when <= hour)

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
        if not state.supplied[goal]:
            risks.append(Risk(RiskKind.OUT_OF_SUPPLY, self.ix.places[goal].id))
        return tuple(risks)

    def _beyond_supply(self, places: list[int], roads: list[int]) -> float:
        supplied = self.state.supplied
        km = 0.0
        for i, road in enumerate(roads):
            if not (supplied[places[i]] and supplied[places[i + 1]]):
                km += self.ix.roads[road].km
        return round(km, 3)
