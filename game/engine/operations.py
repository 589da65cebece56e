"""Plans: operations, their legality and their schedule, before anything happens.

`preview_plan` walks a plan line by line on what the player knows (never the
hidden trap levels or garrisons), keeping each owner's planned place and end
hour, and gives every line its start, end, path, supply cost and known risks,
or the reason it is refused. `legal_operations` asks the same checker about
every operation an owner could add, so the two never disagree, and
`apply_plan` refuses exactly the plans whose preview has an error.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from game.engine.index import ScenarioIndex, index_of
from game.engine.model import MAX_TRAP_LEVEL, AirKind, UnitKind
from game.engine.paths import all_costs, find_path, hours_table, road_hours
from game.engine.state import AirState, GameState, UnitState


class OpKind(StrEnum):
    MOVE = "move"
    RECON = "recon"
    CLEAR = "clear"
    ASSAULT = "assault"
    AIR_STRIKE = "air_strike"
    ESTABLISH_DEPOT = "establish_depot"
    CONVOY = "convoy"
    HOLD = "hold"
    REST = "rest"


@dataclass(frozen=True, slots=True)
class Operation:
    """One plan line: `owner` (unit or air asset id) does `kind` to `target`.

    `after` is the 1-based number of an earlier line this one waits for.
    """

    owner: str
    kind: OpKind
    target: str | None = None
    after: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.kind, OpKind):
            object.__setattr__(self, "kind", OpKind(self.kind))

    def text(self) -> str:
        """The line as the player would type it: `owner kind [target] [after N]`."""
        words = [self.owner, self.kind.value]
        if self.target is not None:
            words.append(self.target)
        if self.after is not None:
            words.append(f"after {self.after}")
        return " ".join(words)


Plan = tuple[Operation, ...]


class RiskKind(StrEnum):
    KNOWN_TRAPS = "known-traps"  # a road or place on the way is known to be trapped
    UNKNOWN_TRAPS = "unknown-traps"  # a road or place on the way was never reconnoitred
    TOWN_TRAPS = "town-traps"  # the assaulted town's traps strengthen its defence
    VBIED = "vbied"  # the unit ends next to an enemy place with (possible) car bombs
    OUT_OF_SUPPLY = "out-of-supply"  # the unit ends where supply does not reach
    CIVILIANS = "civilians"  # a strike on a populated place harms civilians


@dataclass(frozen=True, slots=True)
class Risk:
    kind: RiskKind
    target: str  # the place or road concerned
    level: int | None = None  # a known trap level or car bomb count, when known


@dataclass(frozen=True, slots=True)
class PlanLine:
    index: int  # 1-based
    operation: Operation
    start: float
    end: float
    path: tuple[str, ...] = ()  # places passed, for move, convoy and assault
    supply_cost: float = 0.0  # km of the way that lie beyond the supplied network
    risks: tuple[Risk, ...] = ()
    error: str | None = None


@dataclass(frozen=True, slots=True)
class PlanPreview:
    lines: tuple[PlanLine, ...]

    @property
    def ok(self) -> bool:
        return all(line.error is None for line in self.lines)

    @property
    def errors(self) -> tuple[PlanLine, ...]:
        return tuple(line for line in self.lines if line.error is not None)


@dataclass(frozen=True, slots=True)
class OperationChoice:
    kind: OpKind
    target: str | None
    legal: bool
    reason: str | None  # why not, when illegal
    hours: float  # the time it would take (0 when unknown)


class IllegalPlanError(ValueError):
    """A plan line breaks a rule. The message quotes the line as written."""

    def __init__(self, line: int, operation: Operation, reason: str) -> None:
        self.line = line
        self.operation = operation
        self.reason = reason
        super().__init__(f"illegal plan line {line}: '{operation.text()}': {reason}")


GROUND_ONLY = (
    OpKind.MOVE, OpKind.CLEAR, OpKind.ASSAULT, OpKind.ESTABLISH_DEPOT,
    OpKind.CONVOY, OpKind.HOLD, OpKind.REST,
)


def work_limit(state: GameState, unit: UnitState, kind: OpKind) -> float:
    rules = state.scenario.rules
    if kind == OpKind.REST:
        return rules.rest_day_hours
    return rules.work_hours * unit.readiness / 100.0


def clear_hours_per_level(ix: ScenarioIndex, state: GameState, target: str) -> float:
    rules = state.scenario.rules
    if target in ix.place_pos:
        return rules.clear_place_hours_per_level
    return rules.clear_hours_per_level + rules.clear_hours_per_level_km * ix.roads[
        ix.road_pos[target]].km


def recon_hours(ix: ScenarioIndex, state: GameState, owner: UnitState | AirState,
                target: str) -> float:
    rules = state.scenario.rules
    if isinstance(owner, AirState):
        return rules.drone_recon_hours if owner.kind == AirKind.DRONE else rules.jet_recon_hours
    hours = rules.recon_hours
    if target in ix.road_pos:
        hours += rules.recon_hours_per_km * ix.roads[ix.road_pos[target]].km
    if owner.kind == UnitKind.ADVISERS:
        hours *= rules.adviser_recon_percent / 100.0
    return hours


@dataclass
class Planner:
    """Walks a plan on the player's knowledge; each `check` returns a `PlanLine`."""

    state: GameState
    ix: ScenarioIndex = field(init=False)
    pos: dict[str, int] = field(default_factory=dict)
    end: dict[str, float] = field(default_factory=dict)
    sorties: dict[str, int] = field(default_factory=dict)
    road_known: dict[int, int | None] = field(default_factory=dict)
    place_known: dict[int, int | None] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)
    new_depots: list[int] = field(default_factory=list)
    lines: list[PlanLine] = field(default_factory=list)
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

    # --- the checker -------------------------------------------------------
    def check(self, op: Operation, commit: bool = True) -> PlanLine:
        number = len(self.lines) + 1
        owner = self.units.get(op.owner) or self.assets.get(op.owner)
        if owner is None:
            return self._refuse(op, number, f"unknown unit or air asset '{op.owner}'", commit)
        if self.state.over:
            return self._refuse(op, number, f"the game is over ({self.state.outcome})", commit)
        start = self.end.get(op.owner, 0.0)
        if op.after is not None:
            if not 1 <= op.after < number:
                return self._refuse(op, number, f"after {op.after}: no such earlier line",
                                    commit)
            waited = self.lines[op.after - 1]
            if waited.error is not None:
                return self._refuse(op, number, f"waits for line {op.after}, which is refused",
                                    commit)
            start = max(start, waited.end)
        if isinstance(owner, AirState):
            result = self._air(owner, op, start)
        else:
            result = self._ground(owner, op, start)
        if isinstance(result, str):
            return self._refuse(op, number, result, commit)
        line = PlanLine(number, op, start, result.end, result.path, result.supply_cost,
                        result.risks)
        if commit:
            result.apply(self, op.owner)
            self.end[op.owner] = line.end
            self.lines.append(line)
        return line

    def try_add(self, op: Operation) -> PlanLine | None:
        """Add the line if the checker accepts it (one check); None, and no trace, if not."""
        line = self.check(op)
        if line.error is not None:
            self.lines.pop()
            return None
        return line

    def _refuse(self, op: Operation, number: int, reason: str, commit: bool) -> PlanLine:
        line = PlanLine(number, op, 0.0, 0.0, error=reason)
        if commit:
            self.lines.append(line)
        return line

    def _air(self, asset: AirState, op: Operation, start: float) -> _Result | str:
        rules = self.state.scenario.rules
        if op.kind not in (OpKind.RECON, OpKind.AIR_STRIKE):
            return "air assets only recon and strike"
        if self.state.sandstorm:
            return "grounded by the sandstorm"
        used = self.sorties.get(asset.id, 0)
        if used >= asset.sorties:
            return f"no sorties left ({asset.sorties} a day)"
        target = op.target
        if target is None:
            return f"{op.kind.value} needs a target"
        if op.kind == OpKind.RECON:
            if target not in self.ix.place_pos and target not in self.ix.road_pos:
                return f"unknown place or road '{target}'"
            hours = recon_hours(self.ix, self.state, asset, target)
            risks: tuple[Risk, ...] = ()
        else:
            if target not in self.ix.place_pos:
                return f"unknown place '{target}'"
            pos = self.ix.place_pos[target]
            if self.state.places[pos].side == self.ix.player:
                return f"{target} is held by our side"
            hours = rules.strike_hours
            population = self.ix.places[pos].population
            risks = (Risk(RiskKind.CIVILIANS, target, None),) if population > 0 else ()
        end = start + hours
        if end > rules.air_day_hours + 1e-9:
            return f"ends at hour {end:.1f}, after the air day ends at hour " \
                   f"{rules.air_day_hours:.1f}"
        return _Result(end, risks=risks, sortie=asset.id)

    def _ground(self, unit: UnitState, op: Operation, start: float) -> _Result | str:
        rules = self.state.scenario.rules
        ix = self.ix
        here = self.where(unit)
        here_id = ix.places[here].id
        kind = op.kind
        target = op.target
        result: _Result | str
        if kind == OpKind.AIR_STRIKE:
            return "only air assets strike"
        if kind == OpKind.REST:
            result = _Result(start + rules.rest_hours)
        elif kind == OpKind.ESTABLISH_DEPOT:
            result = self._depot(unit, here, target, start)
        elif target is None:
            return f"{kind.value} needs a target"
        elif kind == OpKind.MOVE:
            result = self._move(unit, here, target, start)
        elif kind == OpKind.RECON:
            if target in ix.place_pos:
                pos = ix.place_pos[target]
                if pos != here and ix.road_between(here, pos) is None:
                    return f"{target} is not at or next to {here_id}"
            elif target in ix.road_pos:
                if here not in ix.road_ends[ix.road_pos[target]]:
                    return f"road {target} does not start at {here_id}"
            else:
                return f"unknown place or road '{target}'"
            result = _Result(start + recon_hours(ix, self.state, unit, target))
        elif kind == OpKind.CLEAR:
            result = self._clear(unit, here, target, start)
        elif kind == OpKind.ASSAULT:
            result = self._assault(unit, here, target, start)
        elif kind == OpKind.CONVOY:
            result = self._convoy(unit, here, target, start)
        else:  # HOLD
            if target in ix.place_pos:
                if ix.place_pos[target] != here:
                    return f"a unit holds the place where it stands ({here_id})"
            elif target in ix.road_pos:
                if here not in ix.road_ends[ix.road_pos[target]]:
                    return f"road {target} does not start at {here_id}"
            else:
                return f"unknown place or road '{target}'"
            result = _Result(start + rules.hold_hours)
        if isinstance(result, str):
            return result
        limit = work_limit(self.state, unit, kind)
        if result.end > limit + 1e-9:
            return (f"ends at hour {result.end:.1f}, after {unit.id}'s day ends at hour "
                    f"{limit:.1f} (readiness {unit.readiness})")
        return result

    def _move(self, unit: UnitState, here: int, target: str, start: float) -> _Result | str:
        ix = self.ix
        if target not in ix.place_pos:
            return f"move needs a place: '{target}' is not one"
        goal = ix.place_pos[target]
        if goal == here:
            return f"already at {target}"
        if not self.held(goal):
            return f"{target} is held by the enemy: assault it"
        found = find_path(ix, here, goal, self.held, self.drive_costs(unit.kind).__getitem__)
        if found is None:
            return f"no road to {target} through places we hold"
        _, places, roads = found
        hours = sum(road_hours(ix, self.state.scenario.rules, r, unit.kind,
                               self.state.sandstorm) for r in roads)
        risks = self._way_risks(places, roads)
        risks += self._arrival_risks(goal)
        return _Result(start + hours, tuple(ix.places[p].id for p in places),
                       self._beyond_supply(places, roads), risks, move_to=goal)

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

    def _clear(self, unit: UnitState, here: int, target: str, start: float) -> _Result | str:
        ix = self.ix
        if unit.kind != UnitKind.ENGINEERS:
            return "only engineers clear traps"
        if target in ix.place_pos:
            pos = ix.place_pos[target]
            if pos != here:
                return f"engineers clear the place where they stand ({ix.places[here].id})"
            if not self.held(pos):
                return f"{target} is held by the enemy"
            known = self.known_place(pos)
        elif target in ix.road_pos:
            road = ix.road_pos[target]
            if here not in ix.road_ends[road]:
                return f"road {target} does not start at {ix.places[here].id}"
            if self.state.roads[road].destroyed:
                return f"road {target} is destroyed"
            known = self.known_road(road)
        else:
            return f"unknown place or road '{target}'"
        if known == 0:
            return f"{target} is known clear"
        per_level = clear_hours_per_level(ix, self.state, target)
        left = work_limit(self.state, unit, OpKind.CLEAR) - start
        fit = math.floor(left / per_level + 1e-9) if per_level > 0 else MAX_TRAP_LEVEL
        if fit <= 0:
            return f"a trap level takes {per_level:.1f} h here; {unit.id} has {max(left, 0):.1f} h"
        levels = min(MAX_TRAP_LEVEL if known is None else known, fit)
        after = None if known is None else known - levels
        return _Result(start + levels * per_level, clear=(target, after))

    def _assault(self, unit: UnitState, here: int, target: str, start: float) -> _Result | str:
        ix = self.ix
        rules = self.state.scenario.rules
        if unit.kind in (UnitKind.ADVISERS, UnitKind.ENGINEERS):
            return f"{unit.kind.value} do not assault"
        if unit.days_out_of_supply >= 2:
            return f"out of supply for {unit.days_out_of_supply} days: no assault"
        if target not in ix.place_pos:
            return f"unknown place '{target}'"
        goal = ix.place_pos[target]
        if goal in self.taken:
            return f"{target} is already assaulted earlier in this plan"
        if self.held(goal):
            return f"{target} is held by our side"
        risks: list[Risk] = []
        hours = rules.assault_hours
        path: tuple[str, ...] = (target,)
        beyond = 0.0
        if goal != here:
            road = assault_road(ix, self.state, here, goal)
            if road is None:
                return f"{target} is not next to {ix.places[here].id} by a usable road"
            hours += road_hours(ix, rules, road, unit.kind, self.state.sandstorm)
            path = (ix.places[here].id, target)
            known = self.known_road(road)
            name = ix.roads[road].id
            if known is None:
                risks.append(Risk(RiskKind.UNKNOWN_TRAPS, name))
            elif known > 0:
                risks.append(Risk(RiskKind.KNOWN_TRAPS, name, known))
            beyond = ix.roads[road].km if not self.state.supplied[here] else 0.0
        town = self.known_place(goal)
        if town is None or town > 0:
            risks.append(Risk(RiskKind.TOWN_TRAPS, target, town))
        return _Result(start + hours, path, beyond, tuple(risks), move_to=goal, take=goal)

    def _depot(self, unit: UnitState, here: int, target: str | None,
               start: float) -> _Result | str:
        ix = self.ix
        scenario = self.state.scenario
        here_id = ix.places[here].id
        if target is not None and target != here_id:
            return f"a depot is established where the unit stands ({here_id})"
        if self.state.places[here].side != ix.player:
            return f"{here_id} was not ours at the start of the day"
        if not self.state.supplied[here]:
            return f"{here_id} is out of supply"
        if self.known_place(here) != 0:
            return f"{here_id}'s traps are not known cleared"
        if ix.places[here].supply_source:
            return f"{here_id} is a supply source already"
        depots = [ix.place_pos[d.place] for d in self.state.depots] + self.new_depots
        if here in depots:
            return f"{here_id} has a depot already"
        if len(depots) >= scenario.supply.max_depots:
            return f"already {len(depots)} depots, the most allowed"
        return _Result(start + scenario.rules.depot_hours, depot=here)

    def _convoy(self, unit: UnitState, here: int, target: str, start: float) -> _Result | str:
        ix = self.ix
        rules = self.state.scenario.rules
        if target not in ix.place_pos:
            return f"unknown place '{target}'"
        goal = ix.place_pos[target]
        depots = [ix.place_pos[d.place] for d in self.state.depots] + self.new_depots
        if goal not in depots:
            return f"{target} has no depot"
        if not self.state.supplied[here]:
            return f"{ix.places[here].id} is out of supply: a convoy starts in supply"
        hours = rules.convoy_hours
        path: tuple[str, ...] = (target,)
        if goal != here:
            def clear_cost(road: int) -> float | None:
                if self.known_road(road) != 0 or self.state.roads[road].destroyed:
                    return None
                return road_hours(ix, rules, road, unit.kind, self.state.sandstorm)

            found = find_path(ix, here, goal, self.held, clear_cost)
            if found is None:
                return f"no known cleared road from {ix.places[here].id} to {target}"
            hours += found[0]
            path = tuple(ix.places[p].id for p in found[1])
        return _Result(start + hours, path, move_to=goal, convoy=goal)


def assault_road(ix: ScenarioIndex, state: GameState, here: int, goal: int) -> int | None:
    """The road an assault from `here` on `goal` crosses: the first one not destroyed."""
    for road, other in ix.adjacency[here]:
        if other == goal and not state.roads[road].destroyed:
            return road
    return None


@dataclass
class _Result:
    end: float
    path: tuple[str, ...] = ()
    supply_cost: float = 0.0
    risks: tuple[Risk, ...] = ()
    move_to: int | None = None
    take: int | None = None
    clear: tuple[str, int | None] | None = None
    depot: int | None = None
    convoy: int | None = None
    sortie: str | None = None

    def apply(self, planner: Planner, owner: str) -> None:
        """What later lines of the plan may count on."""
        if self.move_to is not None:
            planner.pos[owner] = self.move_to
        if self.sortie is not None:
            planner.sorties[self.sortie] = planner.sorties.get(self.sortie, 0) + 1
        if self.take is not None:
            planner.taken.add(self.take)
        if self.clear is not None:
            target, after = self.clear
            if target in planner.ix.place_pos:
                planner.place_known[planner.ix.place_pos[target]] = after
            else:
                planner.road_known[planner.ix.road_pos[target]] = after
                planner.costs.clear()
        if self.depot is not None:
            planner.new_depots.append(self.depot)


def _planner_for(state: GameState, plan: Plan) -> Planner:
    planner = Planner(state)
    for op in plan:
        planner.check(op)
    return planner


# The lines of plans already checked whole, by the state they were checked on: a
# policy that built its plan with a `Planner` hands the lines over, so the day's
# execution does not check the same plan a second time.
_CHECKED: dict[int, tuple[GameState, Plan, tuple[PlanLine, ...]]] = {}


def remember_checked(planner: Planner, plan: Plan) -> None:
    """Note that `planner` checked exactly `plan`, every line of it, on its state."""
    if len(_CHECKED) >= 8:
        _CHECKED.pop(next(iter(_CHECKED)))
    _CHECKED[id(planner.state)] = (planner.state, plan, tuple(planner.lines))


def preview_plan(state: GameState, plan: Plan) -> PlanPreview:
    """Each line's start, end, path, supply cost and known risks, or its error."""
    hit = _CHECKED.get(id(state))
    if hit is not None and hit[0] is state and hit[1] == plan:
        return PlanPreview(hit[2])
    return PlanPreview(tuple(_planner_for(state, plan).lines))


def validate_plan(state: GameState, plan: Plan) -> PlanPreview:
    """The preview, or `IllegalPlanError` for the first refused line."""
    preview = preview_plan(state, plan)
    for line in preview.lines:
        if line.error is not None:
            raise IllegalPlanError(line.index, line.operation, line.error)
    return preview


def legal_operations(
    state: GameState, owner: str, plan: Plan = ()
) -> tuple[OperationChoice, ...]:
    """Every operation `owner` could add after `plan`, legal or not, with the reason."""
    planner = _planner_for(state, plan)
    ix = planner.ix
    unit = planner.units.get(owner)
    asset = planner.assets.get(owner)
    candidates: list[tuple[OpKind, str | None]] = []
    if asset is not None:
        for i, place in enumerate(ix.places):
            if state.places[i].side != ix.player:
                candidates.append((OpKind.AIR_STRIKE, place.id))
        for i, place in enumerate(ix.places):
            if not planner.held(i) or state.known_place_traps[i] is None:
                candidates.append((OpKind.RECON, place.id))
        for r, road in enumerate(ix.roads):
            if planner.known_road(r) != 0:
                candidates.append((OpKind.RECON, road.id))
    elif unit is not None:
        here = planner.where(unit)
        here_id = ix.places[here].id
        reach = all_costs(ix, here, planner.held, planner.drive_costs(unit.kind).__getitem__)
        for pos in sorted(reach):
            if pos != here:
                candidates.append((OpKind.MOVE, ix.places[pos].id))
        roads = list(ix.adjacency[here])
        for _, other in roads:
            if not planner.held(other):
                candidates.append((OpKind.MOVE, ix.places[other].id))
        candidates.append((OpKind.RECON, here_id))
        for r, other in roads:
            candidates.append((OpKind.RECON, ix.roads[r].id))
            candidates.append((OpKind.RECON, ix.places[other].id))
        candidates.append((OpKind.CLEAR, here_id))
        for r, _ in roads:
            candidates.append((OpKind.CLEAR, ix.roads[r].id))
        for _, other in roads:
            if not planner.held(other):
                candidates.append((OpKind.ASSAULT, ix.places[other].id))
        candidates.append((OpKind.ESTABLISH_DEPOT, here_id))
        depots = [d.place for d in state.depots] + [ix.places[p].id for p in planner.new_depots]
        for depot in depots:
            candidates.append((OpKind.CONVOY, depot))
        candidates.append((OpKind.HOLD, here_id))
        for r, _ in roads:
            candidates.append((OpKind.HOLD, ix.roads[r].id))
        candidates.append((OpKind.REST, None))
    else:
        return ()
    seen: set[tuple[OpKind, str | None]] = set()
    choices: list[OperationChoice] = []
    for kind, target in candidates:
        if (kind, target) in seen:
            continue
        seen.add((kind, target))
        line = planner.check(Operation(owner, kind, target), commit=False)
        if line.error is None:
            choices.append(OperationChoice(kind, target, True, None,
                                           round(line.end - line.start, 3)))
        else:
            choices.append(OperationChoice(kind, target, False, line.error, 0.0))
    return tuple(choices)
