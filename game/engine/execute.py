"""A whole day: the plan's execution, the enemy's night, supply, the end of the day.

Lines resolve in order of their planned end hour (ties: plan order). Each line
is checked again against the true state when it resolves: a unit a trap
stopped, or a town already taken, makes later lines fail with an
`OperationFailed` event rather than the whole plan. Hours lost to traps push
the owner's later lines back; those that no longer fit in its day fail.

The end of the day (the enemy's night, fatigue, supply and attrition, the
verdict) lives in `dayend`, which takes what the day gathered for the night.
This module runs the plan's lines and re-exports `judge`, so callers import
from here alone.
"""

from __future__ import annotations

from game.engine import enemy
from game.engine.dayend import end_day
from game.engine.dayend import judge as judge
from game.engine.events import (
    AirStrike,
    AssaultResolved,
    ConvoyArrived,
    DepotEstablished,
    Event,
    OperationFailed,
    PlaceTaken,
    ReconReport,
    Rested,
    TrapsCleared,
    TrapStruck,
    UnitMoved,
    WatchSet,
)
from game.engine.index import attack_percent
from game.engine.model import AirKind
from game.engine.operations import (
    OpKind,
    Plan,
    PlanLine,
    assault_road,
    clear_hours_per_level,
    validate_plan,
    work_limit,
)
from game.engine.paths import find_path, road_hours
from game.engine.state import Cause, Depot, GameState, UnitState
from game.engine.world import World


def apply_plan(state: GameState, plan: Plan) -> tuple[GameState, tuple[Event, ...]]:
    """Play one day. Pure: returns the next state and the day's events.

    Raises `IllegalPlanError` naming the first refused line and the reason.
    """
    preview = validate_plan(state, plan)
    day = _Day(state)
    for line in sorted(preview.lines, key=lambda ln: (ln.end, ln.index)):
        day.resolve(line)
    return day.finish()


class _Day:
    def __init__(self, state: GameState) -> None:
        self.state = state
        self.w = World(state)
        self.delay: dict[str, float] = {}
        self.worked: dict[str, float] = {}
        self.rested: set[str] = set()
        self.watches: list[tuple[str, str]] = []
        self.strikes: dict[int, int] = {}
        self.covered: set[int] = set()

    # --- the day -----------------------------------------------------------
    def resolve(self, line: PlanLine) -> None:
        op = line.operation
        w = self.w
        delay = self.delay.get(op.owner, 0.0)
        start, end = line.start + delay, line.end + delay
        unit = w.units.get(op.owner)
        if unit is None and op.kind != OpKind.AIR_STRIKE and op.kind != OpKind.RECON:
            self.fail(line, end, f"{op.owner} is destroyed")
            return
        if unit is None and op.owner not in {a.id for a in w.air}:
            self.fail(line, end, f"{op.owner} is destroyed")
            return
        if unit is not None and delay > 0 and end > work_limit(self.state, unit, op.kind) + 1e-9:
            self.fail(line, end, "delayed by traps: no time left in the day")
            return
        if unit is not None and op.kind != OpKind.REST:
            self.worked[unit.id] = self.worked.get(unit.id, 0.0) + (end - start)
        handler = getattr(self, "_" + op.kind.value)
        handler(line, unit, start, end)

    def fail(self, line: PlanLine, hour: float, reason: str) -> None:
        self.w.events.append(OperationFailed(self.w.day, hour, line.index,
                                             line.operation.owner, reason))

    def strike(self, unit: UnitState, road: int | None, place: int | None,
               hour: float) -> tuple[UnitState, float]:
        """A trap goes off under `unit`; one level of it is spent. Returns hours lost."""
        w = self.w
        rules = w.rules
        if road is not None:
            level = w.roads[road].traps
            w.set_road_traps(road, level - 1)
            w.known_road_traps[road] = level - 1
        else:
            assert place is not None
            level = w.places[place].traps
            w.set_place(place, traps=level - 1)
            w.known_place_traps[place] = level - 1
        casualties = level * rules.trap_casualties_base + w.rng.randint(
            0, level * rules.trap_casualties_spread)
        casualties = min(casualties, unit.strength)
        hours = level * rules.trap_hours_per_level
        unit = w.hurt(unit, casualties, level * rules.trap_readiness_per_level, Cause.TRAPS)
        w.traps_struck += 1
        w.events.append(TrapStruck(
            w.day, round(hour, 3),
            unit.id,
            w.ix.roads[road].id if road is not None else None,
            w.ix.places[place].id if place is not None else None,
            level, casualties, hours,
        ))
        self.delay[unit.id] = self.delay.get(unit.id, 0.0) + hours
        return unit, hours

    def held(self, pos: int) -> bool:
        return self.w.places[pos].side == self.w.ix.player

    def _move(self, line: PlanLine, unit: UnitState | None, start: float, end: float) -> None:
        assert unit is not None and line.operation.target is not None
        w = self.w
        ix = w.ix
        here = ix.place_pos[unit.at]
        goal = ix.place_pos[line.operation.target]
        if not self.held(goal):
            self.fail(line, start, f"{line.operation.target} is held by the enemy")
            return
        sandstorm = self.state.sandstorm
        rules = w.rules
        kind = unit.kind

        def cost(road: int) -> float | None:
            if w.roads[road].destroyed:
                return None
            known = w.known_road_traps[road]
            return road_hours(ix, rules, road, kind, sandstorm) + (
                known * rules.trap_hours_per_level if known else 0.0)

        found = find_path(ix, here, goal, self.held, cost) if here != goal else None
        if found is None:
            self.fail(line, start, f"no road to {line.operation.target} through places we hold")
            return
        _, places, roads = found
        hour = start
        passed = [ix.places[here].id]
        stop = here
        for i, road in enumerate(roads):
            if w.roads[road].traps > 0:
                unit, _ = self.strike(unit, road, None, hour)
                break
            hour += road_hours(ix, rules, road, unit.kind, sandstorm)
            stop = places[i + 1]
            passed.append(ix.places[stop].id)
            if w.places[stop].traps > 0:
                unit = w.set_unit(unit, at=ix.places[stop].id)
                unit, _ = self.strike(unit, None, stop, hour)
                break
        unit = w.set_unit(unit, at=ix.places[stop].id)
        w.events.append(UnitMoved(w.day, round(hour, 3), unit.id, tuple(passed), unit.at))

    def _recon(self, line: PlanLine, unit: UnitState | None, start: float, end: float) -> None:
        target = line.operation.target
        assert target is not None
        w = self.w
        ix = w.ix
        if unit is not None:
            here = ix.place_pos[unit.at]
            ok = (target in ix.place_pos and (ix.place_pos[target] == here or ix.road_between(
                here, ix.place_pos[target]) is not None)) or (
                target in ix.road_pos and here in ix.road_ends[ix.road_pos[target]])
            if not ok:
                self.fail(line, start, f"{unit.id} is no longer next to {target}")
                return
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
                for end_pos in ix.road_ends[road]:
                    self.cover(end_pos)
        w.events.append(ReconReport(w.day, round(end, 3), line.operation.owner, target, traps,
                                    garrison, vbieds))

    def cover(self, pos: int) -> None:
        self.covered.add(pos)
        for _, other in self.w.ix.adjacency[pos]:
            self.covered.add(other)

    def _clear(self, line: PlanLine, unit: UnitState | None, start: float, end: float) -> None:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        here = ix.place_pos[unit.at]
        per_level = clear_hours_per_level(ix, self.state, target)
        planned = round((line.end - line.start) / per_level) if per_level > 0 else 5
        if target in ix.place_pos:
            pos = ix.place_pos[target]
            if pos != here:
                self.fail(line, start, f"{unit.id} is no longer at {target}")
                return
            level = w.places[pos].traps
            removed = min(level, planned)
            w.set_place(pos, traps=level - removed)
            w.known_place_traps[pos] = level - removed
        else:
            road = ix.road_pos[target]
            if here not in ix.road_ends[road]:
                self.fail(line, start, f"{unit.id} is no longer at an end of {target}")
                return
            level = w.roads[road].traps
            removed = min(level, planned)
            w.set_road_traps(road, level - removed)
            w.known_road_traps[road] = level - removed
        w.traps_cleared += removed
        w.events.append(TrapsCleared(w.day, round(start + removed * per_level, 3), unit.id,
                                     target, removed, level - removed))

    def _assault(self, line: PlanLine, unit: UnitState | None, start: float, end: float) -> None:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        here = ix.place_pos[unit.at]
        goal = ix.place_pos[target]
        if self.held(goal):
            self.fail(line, start, f"{target} is ours already")
            return
        if goal != here:
            road = assault_road(ix, self.state, here, goal)
            if road is None:
                self.fail(line, start, f"{unit.id} is no longer next to {target}")
                return
            if w.roads[road].traps > 0:
                unit, _ = self.strike(unit, road, None, start)
                self.fail(line, start, f"stopped by the trap on {ix.roads[road].id}")
                return
        place = w.places[goal]
        supplied = w.supplied[here]
        attack = unit.strength * unit.readiness / 100.0 * attack_percent(rules, unit.kind) / 100.0
        if not supplied:
            attack *= rules.out_of_supply_attack_percent / 100.0
        town = 1.0 + place.traps * rules.town_trap_defense_percent / 100.0
        suppression = min(rules.air_suppression_max_percent,
                          self.strikes.get(goal, 0) * rules.air_suppression_percent)
        defence = place.garrison * rules.defender_multiplier * town * (1 - suppression / 100.0)
        luck = 1.0 + (2.0 * w.rng.fraction() - 1.0) * rules.assault_luck_percent / 100.0
        odds = attack * luck / defence if defence > 0 else 99.0
        taken = odds >= 1.0
        losses = int(place.garrison * rules.attacker_losses_per_defender * town
                     / max(odds, 0.25) + 0.5)
        losses = min(losses, unit.strength)
        killed = min(place.garrison,
                     int(place.garrison * rules.defender_losses_percent / 100.0 * odds + 0.5))
        unit = w.hurt(unit, losses, rules.assault_readiness_loss, Cause.ASSAULTS)
        w.enemy_losses += killed
        w.known_place_traps[goal] = place.traps
        hour = round(end, 3)
        w.events.append(AssaultResolved(w.day, hour, unit.id, target, taken,
                                        round(odds, 2), losses, killed))
        if taken:
            survivors = place.garrison - killed
            w.set_place(goal, side=ix.player, garrison=0, vbieds=0)
            w.known_garrisons[goal] = 0
            w.known_vbieds[goal] = 0
            w.vbieds_destroyed += place.vbieds
            if unit.strength > 0:
                w.set_unit(unit, at=target)
            w.events.append(PlaceTaken(w.day, hour, target, unit.id, place.vbieds))
            enemy.withdraw(w, goal, survivors, hour)
        else:
            w.set_place(goal, garrison=place.garrison - killed)
            w.known_garrisons[goal] = place.garrison - killed

    def _air_strike(self, line: PlanLine, unit: UnitState | None, start: float,
                    end: float) -> None:
        target = line.operation.target
        assert target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        pos = ix.place_pos[target]
        place = w.places[pos]
        self.cover(pos)
        if place.side == ix.player:
            self.fail(line, start, f"{target} is ours already")
            return
        asset = next(a for a in w.air if a.id == line.operation.owner)
        kills = rules.strike_kills_base + w.rng.randint(0, rules.strike_kills_spread)
        if asset.kind == AirKind.DRONE:
            kills = int(kills * rules.drone_strike_percent / 100.0)
        kills = min(kills, place.garrison)
        destroyed = min(place.vbieds, rules.strike_vbieds)
        population = ix.places[pos].population
        harm = 0
        if population > 0:
            harm = w.rng.randint(0, int(population * rules.strike_civilian_per_10k / 10_000))
        w.set_place(pos, garrison=place.garrison - kills, vbieds=place.vbieds - destroyed)
        if w.known_garrisons[pos] is not None:
            w.known_garrisons[pos] = place.garrison - kills
        if w.known_vbieds[pos] is not None:
            w.known_vbieds[pos] = place.vbieds - destroyed
        self.strikes[pos] = self.strikes.get(pos, 0) + 1
        w.enemy_losses += kills
        w.civilian_harm += harm
        w.vbieds_destroyed += destroyed
        w.events.append(AirStrike(w.day, round(end, 3), asset.id, target, kills, destroyed,
                                  harm))

    def _establish_depot(self, line: PlanLine, unit: UnitState | None, start: float,
                         end: float) -> None:
        assert unit is not None
        w = self.w
        pos = w.ix.place_pos[unit.at]
        if w.places[pos].traps > 0 or not self.held(pos):
            self.fail(line, start, f"{unit.at} is no longer held and cleared")
            return
        if len(w.depots) >= w.scenario.supply.max_depots:
            self.fail(line, start, "no more depots allowed")
            return
        reach = w.scenario.supply.depot_range_km
        w.depots.append(Depot(unit.at, reach))
        w.events.append(DepotEstablished(w.day, round(end, 3), unit.id, unit.at, reach))

    def _convoy(self, line: PlanLine, unit: UnitState | None, start: float, end: float) -> None:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        here = ix.place_pos[unit.at]
        goal = ix.place_pos[target]
        depot = next((i for i, d in enumerate(w.depots) if d.place == target), None)
        if depot is None:
            self.fail(line, start, f"{target} has no depot")
            return
        if here != goal:
            def cost(road: int) -> float | None:
                if w.roads[road].traps or w.roads[road].destroyed:
                    return None
                return road_hours(ix, rules, road, unit.kind, self.state.sandstorm)

            if find_path(ix, here, goal, self.held, cost) is None:
                self.fail(line, start, f"no cleared road from {unit.at} to {target}")
                return
        top = w.scenario.supply.depot_range_max_km
        old = w.depots[depot].range_km
        gain = max(max(0.0, top - old) * rules.convoy_gain_percent / 100.0, rules.convoy_min_km)
        reach = round(min(top, old + gain), 3) if old < top else old
        w.depots[depot] = Depot(target, reach)
        w.set_unit(unit, at=target)
        w.events.append(ConvoyArrived(w.day, round(end, 3), unit.id, target, reach))

    def _hold(self, line: PlanLine, unit: UnitState | None, start: float, end: float) -> None:
        assert unit is not None and line.operation.target is not None
        self.watches.append((unit.id, line.operation.target))
        self.w.events.append(WatchSet(self.w.day, round(end, 3), unit.id,
                                      line.operation.target))

    def _rest(self, line: PlanLine, unit: UnitState | None, start: float, end: float) -> None:
        assert unit is not None
        self.rested.add(unit.id)
        self.w.events.append(Rested(self.w.day, round(end, 3), unit.id))

    # --- the night -----------------------------------------------------------
    def finish(self) -> tuple[GameState, tuple[Event, ...]]:
        return end_day(self.state, self.w, self.watches, self.covered, self.worked,
                       self.rested)
