"""The plan checker's ground operations: each returns what the line does (`Result`)
or why it is refused (`Refusal`), on what the player believes (`Beliefs`).

The hours here are the hours the day's execution spends when the truth is what
the player knows: a move into a road or place with known traps stops there and
loses the strike's hours, work a depot cannot supply goes slower, a unit joins
an assault only if it can be there when the fight starts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.engine.beliefs import AssaultGroup, Beliefs
from game.engine.combat import unit_attack
from game.engine.model import MAX_TRAP_LEVEL, UnitKind
from game.engine.paths import road_hours
from game.engine.plan import (
    AIR_STRIKE,
    ASSAULT,
    BRIDGE,
    CLEAR,
    CONVOY,
    DEPOT_FULL,
    ESTABLISH_DEPOT,
    EXPOSED,
    KNOWN_TRAPS,
    MOVE,
    RECON,
    REST,
    SHORT_OF_SUPPLIES,
    TOWN_TRAPS,
    UNKNOWN_TRAPS,
    Operation,
    OpKind,
    Risk,
)
from game.engine.refusals import Refusal, Why
from game.engine.result import Result
from game.engine.roles import ENGINEERS, NON_COMBAT
from game.engine.state import UnitState
from game.engine.supply import assault_loads
from game.engine.timing import (
    assault_road,
    banked_hours,
    clear_hours_per_level,
    levels_in,
    recon_hours,
    short_supply_factor,
    work_limit,
)

# A move's drive (`GroundChecks.move_drive`): its hours, places, roads, the road it stops
# on, the known traps it runs into, its way's risks.
MoveDrive = tuple[float, list[int], list[int], int, list[tuple[str, int]], tuple[Risk, ...]]


@dataclass
class GroundChecks(Beliefs):
    """The ground half of the plan checker."""

    __slots__ = ()  # as `Planner`'s

    def ground(self, unit: UnitState, op: Operation, start: float) -> Result | Refusal:
        rules = self.state.scenario.rules
        ix = self.ix
        here = self.where(unit)
        kind = op.kind
        target = op.target
        if kind == AIR_STRIKE:
            return Refusal(Why.ONLY_AIR_STRIKES)
        if kind == REST:
            return Result(start + rules.rest_hours)
        if kind == ESTABLISH_DEPOT:
            return self._depot(here, target, start)
        if target is None:
            return Refusal(Why.NEEDS_TARGET)
        if kind == MOVE:
            return self._move(unit, here, target, start)
        if kind == RECON:
            if target in ix.place_pos:
                pos = ix.place_pos[target]
                if pos != here and ix.road_between(here, pos) is None:
                    return Refusal(Why.NOT_NEXT_TO, target=target, place=ix.places[here].id)
            elif problem := self._not_road_from(here, target):
                return problem
            return Result(start + recon_hours(ix, rules, unit, target))
        if kind == CLEAR:
            return self._clear(unit, here, target, start)
        if kind == ASSAULT:
            return self._assault(unit, here, target, start)
        if kind == CONVOY:
            return self._convoy(unit, here, target, start)
        if kind == BRIDGE:
            return self._bridge(unit, here, target, start)
        # HOLD
        if target in ix.place_pos:
            if ix.place_pos[target] != here:
                return Refusal(Why.HOLD_WHERE_STANDING, place=ix.places[here].id)
        elif problem := self._not_road_from(here, target):
            return problem
        return Result(start + rules.hold_hours)

    def past_work_day(self, unit: UnitState, kind: OpKind, end: float) -> Refusal | None:
        """Why a ground line of `kind` ending at `end` is refused for its hour, or None
        (the checker asks it of every ground line; a move or convoy asks it as soon as
        its end is known, before the rest of what it would do)."""
        limit = work_limit(self.state.scenario.rules, unit.readiness, kind)
        if end > limit + 1e-9:
            return Refusal(Why.AFTER_WORK_DAY, unit=unit.id, hour=end, limit=limit,
                           number=unit.readiness)
        return None

    def _not_road_from(self, here: int, target: str) -> Refusal | None:
        """For a target that is not a place: why it is no road starting at `here`, or None."""
        ix = self.ix
        road = ix.road_pos.get(target)
        if road is None:
            return Refusal(Why.UNKNOWN_TARGET, target=target)
        if here not in ix.ends(road):
            return Refusal(Why.ROAD_NOT_FROM_HERE, target=target, place=ix.places[here].id)
        return None

    def _left_today(self, unit: UnitState, start: float) -> float:
        rules = self.state.scenario.rules
        return work_limit(rules, unit.readiness, CLEAR) - start

    # --- move --------------------------------------------------------------
    def _move(self, unit: UnitState, here: int, target: str, start: float) -> Result | Refusal:
        ix = self.ix
        if target not in ix.place_pos:
            return Refusal(Why.NOT_A_PLACE, target=target)
        goal = ix.place_pos[target]
        drive = self.move_drive(unit, here, goal, start)
        if isinstance(drive, Refusal):
            return drive
        hours, places, roads, stop, strikes, risks = drive
        reached = places[: stop + 1]
        if reached[-1] == goal:
            risks += self._arrival_risks(goal)
        return Result(start + hours, tuple(ix.places[p].id for p in reached),
                      self._beyond_supply(reached, roads[:stop]), risks, move_to=reached[-1],
                      strikes=tuple(strikes))

    def move_drive(self, unit: UnitState, here: int, goal: int,
                   start: float) -> MoveDrive | Refusal:
        """A move's drive from `here` to `goal` setting out at `start`: its hours, its way
        (places, roads), the road it stops on, the known traps it runs into and the risks
        of its way (all its line's but those of where it arrives), or why it is refused.
        The doctrine asks it alone where it reads no more of the line."""
        ix = self.ix
        if goal == here:
            return Refusal(Why.ALREADY_THERE, target=ix.places[goal].id)
        if not self.held(goal):
            return Refusal(Why.HELD_BY_ENEMY, target=ix.places[goal].id)
        found = self.way(unit.kind, here, goal)
        if found is None:
            return Refusal(Why.NO_ROAD, target=ix.places[goal].id)
        _, places, roads = found
        # Drive as the truth would if it is what we know: known traps stop the column.
        hours = 0.0
        stop = len(roads)
        strikes: list[tuple[str, int]] = []
        for i, road in enumerate(roads):
            hours, struck = self.drive(unit.kind, hours, road, places[i + 1])
            if struck == "road":
                strikes.append(("road", road))
                stop = i
                break
            if struck == "place":
                strikes.append(("place", places[i + 1]))
                stop = i + 1
                break
        late = self.past_work_day(unit, MOVE, start + hours)
        if late is not None:
            return late
        risks = self._way_risks(places, roads)
        risks += self.too_early(start, roads[:stop + 1], places[1:stop + 1])
        return hours, places, roads, stop, strikes, risks

    def drive(self, kind: UnitKind, hours: float, road: int,
              place: int) -> tuple[float, str | None]:
        """A move's hours after driving `road` into `place`, and what stops it there:
        "road" (known traps on the road), "place" (in the place) or None."""
        known = self.road_known[road]  # `known_road`
        if known:
            return hours + known * self.state.scenario.rules.trap_hours_per_level, "road"
        hours += self.hours_of(kind)[road]
        known_place = self.place_known[place]  # `known_place`
        if known_place:
            return hours + known_place * self.state.scenario.rules.trap_hours_per_level, "place"
        return hours, None

    # --- clear ---------------------------------------------------------------
    def _clear(self, unit: UnitState, here: int, target: str, start: float) -> Result | Refusal:
        ix = self.ix
        rules = self.state.scenario.rules
        if unit.kind != ENGINEERS:
            return Refusal(Why.ONLY_ENGINEERS, text="clear traps")
        road: int | None = None  # the road swept (a place's levels are never banked)
        if target in ix.place_pos:
            pos = ix.place_pos[target]
            if pos != here and (ix.road_between(here, pos) is None or not self.held(pos)):
                return Refusal(Why.CLEAR_WHERE_STANDING, place=ix.places[here].id)
            if not self.held(pos):
                return Refusal(Why.HELD_BY_ENEMY, target=target)
            known = self.known_place(pos)
        elif target in ix.road_pos:
            road = ix.road_pos[target]
            if here not in ix.ends(road):
                return Refusal(Why.ROAD_NOT_FROM_HERE, target=target, place=ix.places[here].id)
            if not self.road_open(road):
                return Refusal(Why.ROAD_DESTROYED, target=target)
            known = self.known_road(road)
        else:
            return Refusal(Why.UNKNOWN_TARGET, target=target)
        if known == 0:
            return Refusal(Why.KNOWN_CLEAR, target=target)
        sweeping = self.sweeps.get(target)
        if sweeping is not None and sweeping[1] > start + 1e-9:
            # Two teams on one sweep would each find the other's work half done: the
            # day resolves a sweep whole, so the second follows the first.
            return Refusal(Why.BEING_CLEARED, target=target, number=sweeping[0])
        left = self._left_today(unit, start)
        draw_hour = start + max(left, 0.0)
        short = self.short_of_supplies(here, rules.clear_loads, draw_hour)
        per_level = clear_hours_per_level(ix, rules, target, short)
        swept = 0.0 if road is None else self.swept_by_now(road)
        banked = banked_hours(rules, swept, short)
        fit = levels_in(left, per_level, banked)
        sweep: tuple[int, float] | None = None
        after: int | None
        if fit > 0:
            levels = min(MAX_TRAP_LEVEL if known is None else known, fit)
            after = None if known is None else known - levels
            end = start + levels * per_level - banked
            if road is not None:
                sweep = (road, 0.0)
        elif road is not None and left >= rules.clear_hours_per_level and per_level < math.inf:
            # Not a whole level today: a long road's sweep works the day out, and its
            # hours stay on the road for the next sweep (`RoadState.swept`).
            after, end = known, start + left
            sweep = (road, swept + left * short_supply_factor(rules, short))
        else:
            why = Why.NO_TIME_FOR_A_LEVEL_SHORT if short else Why.NO_TIME_FOR_A_LEVEL
            return Refusal(why, hour=per_level - banked, unit=unit.id, limit=max(left, 0.0))
        risks: tuple[Risk, ...] = (Risk(SHORT_OF_SUPPLIES, target),) if short else ()
        if target in ix.place_pos:
            risks += self.too_early(start, places=(ix.place_pos[target],))
        else:
            risks += self.too_early(start, roads=(ix.road_pos[target],))
        return Result(end, risks=risks, clear=(target, after), sweep=sweep,
                      draw=None if short else self._draw(here, rules.clear_loads, end),
                      short_at=(here, draw_hour) if short else None)

    def _draw(self, pos: int, loads: int, hour: float) -> tuple[int, int, float] | None:
        """What a supplied line books against its depot: (depot, loads, hour)."""
        _, depot = self.draw_from(pos, loads, hour)
        return None if depot is None else (depot, loads, hour)

    # --- assault -------------------------------------------------------------
    def _assault(self, unit: UnitState, here: int, target: str,
                 start: float) -> Result | Refusal:
        ix = self.ix
        rules = self.state.scenario.rules
        if unit.kind in NON_COMBAT:
            return Refusal(Why.CANNOT_ASSAULT, text=unit.kind.value)
        if unit.days_out_of_supply >= 2:
            return Refusal(Why.OUT_OF_SUPPLY_NO_ASSAULT, number=unit.days_out_of_supply)
        if target not in ix.place_pos:
            return Refusal(Why.NOT_A_PLACE, target=target)
        goal = ix.place_pos[target]
        group = self.assaults.get(goal)
        if group is None and self.held(goal):
            return Refusal(Why.HELD_BY_US, target=target)
        road = assault_road(ix, here, goal, self.road_open)
        if road is None:
            return Refusal(Why.NOT_NEXT_TO, target=target, place=ix.places[here].id)
        arrive = start + road_hours(ix, rules, road, unit.kind, self.sandstorm)
        if group is not None and arrive > group.fight + 1e-9:
            return Refusal(Why.JOIN_TOO_LATE, target=target, unit=unit.id, hour=group.fight,
                           limit=arrive)
        fight = group.fight if group is not None else arrive
        end = fight + rules.assault_hours
        loads = assault_loads(rules, unit.strength)
        short = self.short_of_supplies(here, loads, end)
        attack = unit_attack(rules, unit.kind, unit.strength, unit.readiness, not short)
        joined = AssaultGroup(
            fight,
            [*(group.units if group else ()), unit.id],
            (group.attack if group else 0.0) + attack,
            (group.strength if group else 0) + unit.strength,
            [*(group.short if group else ()), *([unit.id] if short else [])],
            [*(group.lines if group else ())],
        )
        risks: list[Risk] = []
        known = self.known_road(road)
        name = ix.roads[road].id
        if known is None:
            risks.append(Risk(UNKNOWN_TRAPS, name))
        elif known > 0:
            risks.append(Risk(KNOWN_TRAPS, name, known))
        risks += self.too_early(start, roads=(road,))
        town = self.known_place(goal)
        if town is None or town > 0:
            risks.append(Risk(TOWN_TRAPS, target, town))
        if short:
            risks.append(Risk(SHORT_OF_SUPPLIES, ix.places[here].id))
        beyond = ix.roads[road].km if not self.state.supplied[here] else 0.0
        return Result(end, (ix.places[here].id, target), beyond, tuple(risks), move_to=goal,
                      take=goal, group=(goal, joined),
                      estimate=self.estimate(goal, joined),
                      draw=None if short else self._draw(here, loads, end),
                      loads=0 if short else loads, short_at=(here, end) if short else None)

    # --- depots, convoys and bridges ---------------------------------------------
    def _depot(self, here: int, target: str | None, start: float) -> Result | Refusal:
        ix = self.ix
        scenario = self.state.scenario
        here_id = ix.places[here].id
        if target is not None and target != here_id:
            return Refusal(Why.DEPOT_WHERE_STANDING, place=here_id)
        if self.state.places[here].side != ix.player:
            return Refusal(Why.NOT_HELD_THIS_MORNING, place=here_id)
        if not self.state.supplied[here]:
            return Refusal(Why.OUT_OF_SUPPLY, place=here_id)
        if self.known_place(here) != 0:
            return Refusal(Why.TRAPS_NOT_KNOWN_CLEAR, place=here_id)
        if ix.places[here].supply_source:
            return Refusal(Why.IS_SOURCE, place=here_id)
        if self.is_depot(here):
            return Refusal(Why.HAS_DEPOT, place=here_id)
        count = len(self.state.depots) + len(self.new_depots)
        if count >= scenario.supply.max_depots:
            return Refusal(Why.DEPOT_LIMIT, number=count)
        return Result(start + scenario.rules.depot_hours, depot=here,
                      risks=self.too_early(start, places=(here,)))

    def _convoy(self, unit: UnitState, here: int, target: str, start: float) -> Result | Refusal:
        ix = self.ix
        rules = self.state.scenario.rules
        if target not in ix.place_pos:
            return Refusal(Why.NOT_A_PLACE, target=target)
        goal = ix.place_pos[target]
        if not self.is_depot(goal):
            return Refusal(Why.NO_DEPOT, target=target)
        if goal == here:
            return Refusal(Why.CONVOY_SAME_PLACE, target=target)
        source = ix.places[here].supply_source and self.held(here)
        if not source and not self.is_depot(here):
            return Refusal(Why.CONVOY_NEEDS_STOCK, place=ix.places[here].id,
                           number=rules.convoy_loads)

        found = self.cleared_way(unit.kind, here, goal)
        if found is None:
            return Refusal(Why.NO_CLEARED_ROAD, place=ix.places[here].id, target=target)
        # A convoy to a depot set up today leaves so as to arrive when it opens.
        start = max(start, self.depot_ready.get(goal, 0.0) - found[0] - rules.convoy_hours / 2)
        loading = start + rules.convoy_hours / 2
        if not source and not self.can_draw(here, rules.convoy_loads, loading):
            return Refusal(Why.CONVOY_NEEDS_STOCK, place=ix.places[here].id,
                           number=rules.convoy_loads)
        arrive = loading + found[0]
        end = start + 2 * found[0] + rules.convoy_hours
        late = self.past_work_day(unit, CONVOY, end)
        if late is not None:
            return late
        room = max(0, rules.depot_max_loads - self.loads_at(goal, arrive))
        places = ix.places
        path = tuple([places[p].id for p in found[1]])
        loads = min(rules.convoy_loads, room)  # a full depot takes none, but its reach grows
        risks = self.too_early(start, found[2], found[1][1:])
        if loads < rules.convoy_loads:
            risks += (Risk(DEPOT_FULL, target, loads),)
        return Result(end, path, risks=risks, loads=loads,
                      convoy=(None if source else here, goal, arrive))

    def _bridge(self, unit: UnitState, here: int, target: str, start: float) -> Result | Refusal:
        ix = self.ix
        rules = self.state.scenario.rules
        if unit.kind != ENGINEERS:
            return Refusal(Why.ONLY_ENGINEERS, text="lay bridges")
        if target not in ix.road_pos:
            return Refusal(Why.UNKNOWN_TARGET, target=target)
        road = ix.road_pos[target]
        if here not in ix.ends(road):
            return Refusal(Why.ROAD_NOT_FROM_HERE, target=target, place=ix.places[here].id)
        if self.road_open(road):
            return Refusal(Why.NOT_DESTROYED, target=target)
        left = self._left_today(unit, start)
        done = self.state.roads[road].bridging + self.bridge_work.get(road, 0.0)
        draw_hour = start + max(left, 0.0)
        short = self.short_of_supplies(here, rules.bridge_loads, draw_hour)
        factor = short_supply_factor(rules, short)
        needed = (rules.bridge_hours - done) / factor if factor > 0 else float("inf")
        hours = min(needed, left)
        if hours < 0.5:
            return Refusal(Why.NO_TIME_TO_BRIDGE, hour=min(needed, 0.5), unit=unit.id,
                           limit=max(left, 0.0))
        end = start + hours
        a, b = ix.ends(road)
        far = b if a == here else a
        risks = [Risk(EXPOSED, target)] if not self.held(far) else []
        if short:
            risks.append(Risk(SHORT_OF_SUPPLIES, ix.places[here].id))
        return Result(end, (ix.places[here].id, ix.places[far].id), risks=tuple(risks),
                      bridge=(road, hours * factor),
                      draw=None if short else self._draw(here, rules.bridge_loads, end),
                      short_at=(here, draw_hour) if short else None)
