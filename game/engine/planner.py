"""The plan checker: one line at a time, on what the player believes, either the
reason the line is refused or its start, end, path, supply cost and known risks.

`preview_plan`, `legal_operations` and the day's execution all ask this one
checker, so they never disagree about what is legal or how long it takes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from game.engine.beliefs import Beliefs
from game.engine.model import MAX_TRAP_LEVEL, UnitKind
from game.engine.paths import find_path, road_hours
from game.engine.plan import Operation, OpKind, PlanLine, Risk, RiskKind
from game.engine.state import AirState, UnitState
from game.engine.timing import assault_road, clear_hours_per_level, recon_hours, work_limit


@dataclass
class Planner(Beliefs):
    """Walks a plan on the player's knowledge; each `check` returns a `PlanLine`."""

    lines: list[PlanLine] = field(default_factory=list)

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
            elif problem := self._not_road_from(here, target):
                return problem
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
            elif problem := self._not_road_from(here, target):
                return problem
            result = _Result(start + rules.hold_hours)
        if isinstance(result, str):
            return result
        limit = work_limit(self.state, unit, kind)
        if result.end > limit + 1e-9:
            return (f"ends at hour {result.end:.1f}, after {unit.id}'s day ends at hour "
                    f"{limit:.1f} (readiness {unit.readiness})")
        return result

    def _not_road_from(self, here: int, target: str) -> str | None:
        """For a target that is not a place: why it is no road starting at `here`, or None."""
        ix = self.ix
        if target not in ix.road_pos:
            return f"unknown place or road '{target}'"
        if here not in ix.road_ends[ix.road_pos[target]]:
            return f"road {target} does not start at {ix.places[here].id}"
        return None

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


@dataclass
class _Result:
    """What one plan line does, as the planner works it out."""

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
