"""A whole day: the plan's execution, then the enemy's night, supply and the end of
the day (in `dayend`).

The day runs the plan on a clock. A line starts when its owner's previous line
has ended and, with `after N`, when line N has ended: the hours they *actually*
ended, so a trap that delays one line delays what waits for it. Lines resolve
in the order they end (ties: plan order; a sweep ends early when it finds
fewer levels than it was given). Each is checked again against the
true state when it resolves: a unit a trap stopped, or a town already taken,
makes later lines fail with an `OperationFailed` event (a `Refusal`) rather than
the whole plan. A line pushed past its owner's working day fails, except
clearing and bridging, which do what still fits.

The day's bookkeeping is in `daybase`; assaults and air strikes in `fighting`;
clearing, bridges, depots and convoys in `works`.
"""

from __future__ import annotations

import heapq

from game.engine.dayend import end_day
from game.engine.dayend import judge as judge
from game.engine.events import (
    Event,
    ReconReport,
    Rested,
    UnitMoved,
    WatchSet,
)
from game.engine.fighting import Fighting
from game.engine.model import UnitKind
from game.engine.operations import OpKind, Plan, PlanLine, collection_paused, validate_plan
from game.engine.paths import find_path, hours_table, road_hours
from game.engine.plan import AIR_STRIKE, BRIDGE, CLEAR, RECON, REST
from game.engine.refusals import Refusal, Why
from game.engine.searches import quickest_way, small
from game.engine.state import GameState, UnitState
from game.engine.timing import (
    work_limit,
)
from game.engine.traps import strike
from game.engine.works import Works

EPS = 1e-9
# The method of `_Day` that carries out each kind of line.
_HANDLERS = {kind: "_" + kind.value for kind in OpKind}
_AIR_KINDS = (AIR_STRIKE, RECON)


def apply_plan(state: GameState, plan: Plan) -> tuple[GameState, tuple[Event, ...]]:
    """Play one day. Pure: returns the next state and the day's events.

    Raises `IllegalPlanError` naming the first refused line and the reason.
    """
    with collection_paused():  # a day builds many records and frees few: passes find nothing
        preview = validate_plan(state, plan)
        day = _Day(state, preview.lines)
        day.run()
        return day.finish()


class _Day(Fighting, Works):
    """One day: the clock, the lines' dispatch, moves, recon, holds and rests."""

    def run(self) -> None:
        lines, ended, start_of, due = self.lines, self.ended, self.start_of, self.due
        followers, waits = self.followers, self.waits
        # (due, number, start): the numbers order every entry, so the order lines pop in
        # is the same however the heap is laid out. Nothing has ended yet: the lines that
        # wait for none start at 0, and no other can start.
        heap = [(due(line, 0.0), line.index, 0.0) for line in lines if not waits[line.index]]
        heapq.heapify(heap)
        pop, push = heapq.heappop, heapq.heappush
        while heap:
            _, number, start = pop(heap)
            if number not in ended:  # an assault's attackers end with its leader
                ended[number] = max(start, self.resolve(lines[number - 1], start))
            for follower in followers.get(number, ()):
                after = lines[follower - 1]
                begin = start_of(after)
                if begin is not None:
                    push(heap, (due(after, begin), follower, begin))

    def due(self, line: PlanLine, start: float) -> float:
        """The hour a line setting out at `start` resolves: when it ends."""
        if line.operation.kind == CLEAR:
            return self.sweep_end(line, start)
        return start + line.end - line.start

    # --- one line ----------------------------------------------------------
    def resolve(self, line: PlanLine, start: float) -> float:
        """Carry the line out from `start`; returns the hour it ended."""
        op = line.operation
        w = self.w
        kind = op.kind
        unit = w.units.get(op.owner)
        if unit is None and not (kind in _AIR_KINDS and op.owner in self.assets):
            return self.fail(line, start, Refusal(Why.DESTROYED, unit=op.owner))
        planned = line.end - line.start
        if unit is not None:
            partial = kind in (CLEAR, BRIDGE)
            limit = work_limit(w.rules, self.morning.get(unit.id, unit.readiness), kind)
            if start + planned > limit + EPS and not partial:
                return self.fail(line, start, Refusal(Why.DELAYED, unit=unit.id))
            if partial and start >= limit - 0.5:
                return self.fail(line, start, Refusal(Why.DELAYED, unit=unit.id))
        elif start + planned > w.rules.air_day_hours + EPS:
            return self.fail(line, start, Refusal(Why.DELAYED, unit=op.owner))
        end: float = getattr(self, _HANDLERS[kind])(line, unit, start)
        if unit is not None and kind != REST:
            self.worked[unit.id] = self.worked.get(unit.id, 0.0) + max(0.0, end - start)
        return end

    # --- moves ---------------------------------------------------------------
    def _move(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        assert unit is not None and line.operation.target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        here = ix.place_pos[unit.at]
        goal = ix.place_pos[line.operation.target]
        if not self.held(goal):
            return self.fail(line, start, Refusal(Why.HELD_BY_ENEMY,
                                                  target=line.operation.target))
        sandstorm = self.state.sandstorm
        kind = unit.kind
        if here == goal:
            found = None
        elif small(ix):  # the same search over tables (`held`, `cost`), remembered
            hours = hours_table(ix, rules, kind, sandstorm)
            per_level = rules.trap_hours_per_level
            found = quickest_way(
                ix, here, goal, self.held_places(),
                [None if r.destroyed else hours[i] + (known * per_level if known else 0.0)
                 for i, (r, known) in enumerate(zip(w.roads, w.known_road_traps, strict=True))])
        else:
            found = self._large_way(kind, here, goal)
        if found is None:
            return self.fail(line, start, Refusal(Why.NO_ROAD, target=line.operation.target))
        _, places, roads = found
        hour = start
        passed = [ix.places[here].id]
        stop = here
        for i, road in enumerate(roads):
            if w.roads[road].traps > 0:
                unit, lost = strike(w, unit, road, None, hour)
                hour += lost
                break
            w.known_road_traps[road] = 0  # driven over without a strike: known clear
            hour += road_hours(ix, rules, road, unit.kind, sandstorm)
            stop = places[i + 1]
            passed.append(ix.places[stop].id)
            if w.places[stop].traps > 0:
                unit = w.set_unit(unit, at=ix.places[stop].id)
                unit, lost = strike(w, unit, None, stop, hour)
                hour += lost
                break
            w.known_place_traps[stop] = 0
        unit = w.set_unit(unit, at=ix.places[stop].id)
        w.events.append(UnitMoved(w.day, round(hour, 3), unit.id, tuple(passed), unit.at))
        return hour

    def _large_way(self, kind: UnitKind, here: int, goal: int
                   ) -> tuple[float, list[int], list[int]] | None:
        """A move's way on a large map, over roads and places read as it goes (apart
        from `_move`: a function within it made its names cells at every move)."""
        w = self.w
        ix, rules, sandstorm = w.ix, w.rules, self.state.sandstorm

        def cost(road: int) -> float | None:
            if w.roads[road].destroyed:
                return None
            known = w.known_road_traps[road]
            return road_hours(ix, rules, road, kind, sandstorm) + (
                known * rules.trap_hours_per_level if known else 0.0)

        return find_path(ix, here, goal, self.held, cost)

    def _recon(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert target is not None
        w = self.w
        ix = w.ix
        end = start + line.end - line.start
        if unit is not None:
            here = ix.place_pos[unit.at]
            ok = (target in ix.place_pos and (ix.place_pos[target] == here or ix.road_between(
                here, ix.place_pos[target]) is not None)) or (
                target in ix.road_pos and here in ix.ends(ix.road_pos[target]))
            if not ok:
                return self.fail(line, start, Refusal(Why.NO_LONGER_NEXT_TO, unit=unit.id,
                                                      target=target))
        garrison = vbieds = None
        if target in ix.place_pos:
            pos = ix.place_pos[target]
            place = w.places[pos]
            traps = place.traps
            w.known_place_traps[pos] = traps
            if place.side != ix.player:
                garrison, vbieds = place.garrison, place.vbieds
                w.known_garrisons[pos] = garrison
                w.known_vbieds[pos] = vbieds
            if unit is None:
                self.cover(pos)
        else:
            road = ix.road_pos[target]
            traps = w.roads[road].traps
            w.known_road_traps[road] = traps
            if unit is None:
                for end_pos in ix.ends(road):
                    self.cover(end_pos)
        w.events.append(ReconReport(w.day, round(end, 3), line.operation.owner, target, traps,
                                    garrison, vbieds))
        return end

    # --- engineers -----------------------------------------------------------
    # --- assaults ------------------------------------------------------------
    # --- air -----------------------------------------------------------------
    # --- supply --------------------------------------------------------------
    def _hold(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        assert unit is not None and line.operation.target is not None
        end = start + line.end - line.start
        self.watches.append((unit.id, line.operation.target))
        self.w.events.append(WatchSet(self.w.day, round(end, 3), unit.id,
                                      line.operation.target))
        return end

    def _rest(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        assert unit is not None
        end = start + line.end - line.start
        self.rested.add(unit.id)
        self.w.events.append(Rested(self.w.day, round(end, 3), unit.id))
        return end

    # --- the night -----------------------------------------------------------
    def finish(self) -> tuple[GameState, tuple[Event, ...]]:
        return end_day(self.state, self.w, self.watches, self.covered, self.worked,
                       self.rested, self.bridgers)


