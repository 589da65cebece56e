"""Engineers' and supply work as the day carries it out: clearing traps, laying
floating bridges, setting up depots and running convoys.
"""

from __future__ import annotations

from game.engine.daybase import EPS, DayBase, planned_short
from game.engine.events import (
    BridgeWork,
    ConvoyArrived,
    DepotEstablished,
    SweepWork,
    TrapsCleared,
)
from game.engine.model import UnitKind
from game.engine.operations import PlanLine
from game.engine.paths import find_path, hours_table, road_hours
from game.engine.plan import BRIDGE, CLEAR
from game.engine.refusals import Refusal, Why
from game.engine.searches import quickest_way, small
from game.engine.state import Depot, RoadState, UnitState
from game.engine.timing import (
    banked_hours,
    clear_hours_per_level,
    levels_in,
    short_supply_factor,
)


class Works(DayBase):
    """The day's clearing, bridging, depots and convoys."""

    def sweep_end(self, line: PlanLine, start: float) -> float:
        """When a sweep setting out at `start` will end on the ground as it lies: a sweep
        that finds fewer levels than it was given ends early, and the day must resolve
        it then, before a column that drives the road after it (not at the planned
        end, which would let the column strike a trap the sweep had lifted hours
        before). Work the sweep cannot do is judged when it resolves."""
        target = line.operation.target
        w = self.w
        if target in w.ix.place_pos:
            level = w.places[w.ix.place_pos[target]].traps
        elif target in w.ix.road_pos:
            level = w.roads[w.ix.road_pos[target]].traps
        else:
            return start + line.end - line.start
        per_level, planned, banked = self._planned_sweep(line)
        if planned == 0:  # a long road's sweep that works its hours toward a level
            return start + line.end - line.start
        return start + max(1, min(level, planned)) * per_level - banked

    def _swept(self, target: str) -> float:
        """The target's banked sweeping (`RoadState.swept`): a place has none."""
        road = self.w.ix.road_pos.get(target)
        return 0.0 if road is None else self.w.roads[road].swept

    def _planned_sweep(self, line: PlanLine) -> tuple[float, int, float]:
        """A sweep as the plan timed it: hours a level, the levels it was given (none for
        a long road's day of work toward one), and the road's banked hours at its speed."""
        target = str(line.operation.target)
        short = planned_short(line)
        per_level = clear_hours_per_level(self.w.ix, self.w.rules, target, short)
        banked = banked_hours(self.w.rules, self._swept(target), short)
        return per_level, levels_in(line.end - line.start, per_level, banked), banked

    def _clear(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        here = ix.place_pos[unit.at]
        road = None
        if target in ix.place_pos:
            pos = ix.place_pos[target]
            if not self.held(pos):  # the assault the sweep counted on did not take it
                return self.fail(line, start, Refusal(Why.HELD_BY_ENEMY, target=target))
            if pos != here and ix.road_between(here, pos) is None:
                return self.fail(line, start, Refusal(Why.NO_LONGER_NEXT_TO, unit=unit.id,
                                                      target=target))
            level = w.places[pos].traps
        else:
            road = ix.road_pos[target]
            if here not in ix.ends(road):
                return self.fail(line, start, Refusal(Why.NO_LONGER_NEXT_TO, unit=unit.id,
                                                      target=target))
            level = w.roads[road].traps
        _, planned, _ = self._planned_sweep(line)
        short = not self.supplied_work(unit, here, rules.clear_loads, line, start)
        per_level = clear_hours_per_level(ix, rules, target, short)
        swept = self._swept(target)
        banked = banked_hours(rules, swept, short)
        left = self.limit_of(unit, CLEAR) - start
        attempted = min(planned, levels_in(left, per_level, banked))
        if attempted <= 0:
            hours = min(line.end - line.start, left)
            if road is None or hours <= EPS:
                return self.fail(line, start, Refusal(Why.DELAYED, unit=unit.id))
            return self._sweep_on(line, unit, road, start, hours, short)
        removed = min(level, attempted)
        if road is None:
            w.set_place(pos, traps=level - removed)
            w.known_place_traps[pos] = level - removed
        else:
            # A level finished: the next starts afresh, with nothing banked.
            w.set_road_traps(road, level - removed, swept=0.0)
            w.known_road_traps[road] = level - removed
        w.traps_cleared += removed
        for n in range(1, removed + 1):  # the levels go one by one, as the sweep goes on
            w.traps_fell(target, start + n * per_level - banked, level - n)
        # Engineers who swept a road stay on it: they watch it tonight, as a hold would.
        self.watches.append((unit.id, target))
        # A sweep that finds fewer levels than it was given ends early, after at least one.
        end = start + max(1, removed) * per_level - banked
        w.events.append(TrapsCleared(w.day, round(end, 3), unit.id, target, removed,
                                     level - removed))
        return end

    def _sweep_on(self, line: PlanLine, unit: UnitState, road: int, start: float,
                  hours: float, short: bool) -> float:
        """A long road's sweep that finishes no level today: its hours stay on the road."""
        w = self.w
        target = w.ix.roads[road].id
        needed = clear_hours_per_level(w.ix, w.rules, target, False)
        # The plan gave it less than a level (the day keeps a planned shortage, and
        # earlier sweeps bank no more than planned): the cap only guards the arithmetic.
        swept = min(needed, w.roads[road].swept + hours * short_supply_factor(w.rules, short))
        w.set_road_traps(road, w.roads[road].traps, swept=swept)
        self.watches.append((unit.id, target))
        end = start + hours
        w.events.append(SweepWork(w.day, round(end, 3), unit.id, target, round(hours, 3),
                                  round(swept, 3), needed))
        return end

    def _bridge(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        road = ix.road_pos[target]
        here = ix.place_pos[unit.at]
        if here not in ix.ends(road):
            return self.fail(line, start, Refusal(Why.NO_LONGER_NEXT_TO, unit=unit.id,
                                                  target=target))
        state = w.roads[road]
        if not state.destroyed:
            return self.fail(line, start, Refusal(Why.NOT_DESTROYED, target=target))
        short = not self.supplied_work(unit, here, rules.bridge_loads, line, start)
        factor = short_supply_factor(rules, short)
        hours = max(0.0, min(line.end - line.start, self.limit_of(unit, BRIDGE) - start))
        progress = min(rules.bridge_hours, state.bridging + hours * factor)
        done = progress >= rules.bridge_hours - EPS
        w.roads[road] = RoadState(state.id, state.traps, not done, 0.0 if done else progress,
                                  state.swept)
        self.bridgers.append((unit.id, road))
        end = start + hours
        w.events.append(BridgeWork(w.day, round(end, 3), unit.id, target, round(hours, 3),
                                   round(progress, 3), rules.bridge_hours, done))
        return end

    def _establish_depot(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        assert unit is not None
        w = self.w
        end = start + line.end - line.start
        pos = w.ix.place_pos[unit.at]
        if w.places[pos].traps > 0 or not self.held(pos):
            return self.fail(line, start, Refusal(Why.NO_LONGER_HELD, place=unit.at))
        if len(w.depots) >= w.scenario.supply.max_depots:
            return self.fail(line, start, Refusal(Why.DEPOT_LIMIT, number=len(w.depots)))
        reach = w.scenario.supply.depot_range_km
        w.depots.append(Depot(unit.at, reach, 0))
        w.events.append(DepotEstablished(w.day, round(end, 3), unit.id, unit.at, reach))
        return end

    def _large_convoy_way(self, kind: UnitKind, here: int, goal: int) -> bool:
        """Whether a convoy finds a way on a large map, over roads read as it goes (apart
        from `_convoy`: a function within it made its names cells at every convoy)."""
        w = self.w
        ix, rules, sandstorm = w.ix, w.rules, self.state.sandstorm

        def cost(road: int) -> float | None:
            if w.roads[road].traps or w.roads[road].destroyed:
                return None
            return road_hours(ix, rules, road, kind, sandstorm)

        return find_path(ix, here, goal, self.held, cost) is not None

    def _convoy(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        end = start + line.end - line.start
        here = ix.place_pos[unit.at]
        goal = ix.place_pos[target]
        depot = w.depot_at(goal)
        if depot is None:
            return self.fail(line, start, Refusal(Why.NO_DEPOT, target=target))

        if small(ix):  # the same search over tables (`held`, `cost`), remembered
            # Whether a way is found reads only the roads and the places held: the day's
            # convoys on one route ask it again only once either changed.
            roads = tuple(w.roads)
            key = (unit.kind, here, goal)
            hit = self.convoy_ways.get(key)
            if hit is not None and hit[0] == roads and hit[1] == w.sides_changed:
                found = hit[2]
            else:
                hours = hours_table(ix, rules, unit.kind, self.state.sandstorm)
                found = quickest_way(ix, here, goal, self.held_places(),
                                     [None if r.traps or r.destroyed else hours[i]
                                      for i, r in enumerate(roads)]) is not None
                self.convoy_ways[key] = (roads, w.sides_changed, found)
        else:
            found = self._large_convoy_way(unit.kind, here, goal)
        if not found:
            return self.fail(line, start, Refusal(Why.NO_CLEARED_ROAD, place=unit.at,
                                                  target=target))
        origin = w.depot_at(here)
        source = ix.places[here].supply_source and self.held(here)
        if not source and (origin is None or w.depots[origin].loads < rules.convoy_loads):
            return self.fail(line, start, Refusal(Why.CONVOY_NEEDS_STOCK, place=unit.at,
                                                  number=rules.convoy_loads))
        old = w.depots[depot]
        loads = max(0, min(line.loads, rules.depot_max_loads - old.loads))
        if origin is not None and not source:
            have = w.depots[origin]
            w.depots[origin] = Depot(have.place, have.range_km, have.loads - loads)
        top = w.scenario.supply.depot_range_max_km
        gain = max(max(0.0, top - old.range_km) * rules.convoy_gain_percent / 100.0,
                   rules.convoy_min_km)
        reach = round(min(top, old.range_km + gain), 3) if old.range_km < top else old.range_km
        w.depots[depot] = Depot(target, reach, old.loads + loads)
        w.events.append(ConvoyArrived(w.day, round(end, 3), unit.id, target, reach, loads,
                                      old.loads + loads))
        return end

