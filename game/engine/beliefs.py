"""What the player believes while a plan is walked line by line, and what a way
shows on that belief.

Nothing here sees the hidden trap levels or garrisons: only the known ones,
updated by the earlier lines of the plan (a cleared road, a taken town, a new
depot, where each owner will be and when it is free). On that knowledge a way
has its drive hours, its known risks and its km beyond the supplied network.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.index import ScenarioIndex, index_of
from game.engine.model import UnitKind
from game.engine.paths import hours_table
from game.engine.plan import Risk, RiskKind
from game.engine.state import AirState, GameState, UnitState


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
    units: dict[str, UnitState] = field(default_factory=dict)
    assets: dict[str, AirState] = field(default_factory=dict)
    # Each unit kind's drive hours by road (None: destroyed), on what the plan knows so far.
    costs: dict[UnitKind, list[float | None]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.ix = index_of(self.state.scenario)
        self.units = {u.id: u for u in self.state.units}
        self.assets = {a.id: a for a in self.state.air}

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

    def where(self, unit: UnitState) -> int:
        return self.pos.get(unit.id, self.ix.place_pos[unit.at])

    def drive_cost(self, unit: UnitState, road: int) -> float | None:
        return self.drive_costs(unit.kind)[road]

    def drive_costs(self, kind: UnitKind) -> list[float | None]:
        """Hours to drive each road (None: destroyed), known traps' delays included."""
        costs = self.costs.get(kind)
        if costs is None:
            state = self.state
            per_level = state.scenario.rules.trap_hours_per_level
            table = hours_table(self.ix, state.scenario.rules, kind, state.sandstorm)
            costs = []
            for road, hours in enumerate(table):
                if state.roads[road].destroyed:
                    costs.append(None)
                    continue
                known = self.known_road(road)
                costs.append(hours + known * per_level if known else hours)
            self.costs[kind] = costs
        return costs

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
        for _, other in self.ix.adjacency[goal]:
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
