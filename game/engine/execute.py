"""A whole day: the plan's execution, then the enemy's night, supply and the end of
the day (in `dayend`).

The day runs the plan on a clock. A line starts when its owner's previous line
has ended and, with `after N`, when line N has ended: the hours they *actually*
ended, so a trap that delays one line delays what waits for it. Lines resolve
in the order they end (ties: plan order). Each is checked again against the
true state when it resolves: a unit a trap stopped, or a town already taken,
makes later lines fail with an `OperationFailed` event (a `Refusal`) rather than
the whole plan. A line pushed past its owner's working day fails, except
clearing and bridging, which do what still fits.

Several assault lines on one place are one assault: the first of them to
resolve leads it, at the hour its unit reaches the place, with every other
attacker that is there by then.
"""

from __future__ import annotations

import heapq

from game.engine import combat, enemy
from game.engine.dayend import end_day
from game.engine.dayend import judge as judge
from game.engine.events import (
    AirStrike,
    AssaultResolved,
    BridgeWork,
    ConvoyArrived,
    DepotEstablished,
    Event,
    OperationFailed,
    PlaceTaken,
    ReconReport,
    Rested,
    SuppliesShort,
    TrapsCleared,
    UnitMoved,
    WatchSet,
)
from game.engine.model import AirKind
from game.engine.operations import OpKind, Plan, PlanLine, validate_plan
from game.engine.paths import find_path, road_hours
from game.engine.plan import RiskKind
from game.engine.refusals import Refusal, Why
from game.engine.state import Cause, Depot, GameState, RoadState, UnitState
from game.engine.supply import assault_loads, enemy_cut_off
from game.engine.timing import (
    assault_road,
    clear_hours_per_level,
    short_supply_factor,
    work_limit,
)
from game.engine.traps import strike
from game.engine.world import World

EPS = 1e-9


def apply_plan(state: GameState, plan: Plan) -> tuple[GameState, tuple[Event, ...]]:
    """Play one day. Pure: returns the next state and the day's events.

    Raises `IllegalPlanError` naming the first refused line and the reason.
    """
    preview = validate_plan(state, plan)
    day = _Day(state, preview.lines)
    day.run()
    return day.finish()


class _Day:
    def __init__(self, state: GameState, lines: tuple[PlanLine, ...]) -> None:
        self.state = state
        self.lines = lines
        self.w = World(state)
        self.ended: dict[int, float] = {}  # line number -> the hour it actually ended
        self.worked: dict[str, float] = {}
        self.rested: set[str] = set()
        self.watches: list[tuple[str, str]] = []
        self.strike_hours: dict[int, list[float]] = {}  # place -> hours strikes on it ended
        self.covered: set[int] = set()
        self.bridgers: list[tuple[str, int]] = []  # (unit, road) worked on a bridge today
        self.fought: dict[int, set[int]] = {}  # place -> the assault lines that fought there
        self.morning = {u.id: u.readiness for u in state.units}
        # Each line waits for its owner's previous line and for its `after` line.
        self.waits: dict[int, list[int]] = {}
        last: dict[str, int] = {}
        for line in lines:
            deps = []
            if line.operation.owner in last:
                deps.append(last[line.operation.owner])
            if line.operation.after is not None:
                deps.append(line.operation.after)
            self.waits[line.index] = deps
            last[line.operation.owner] = line.index

    # --- the clock ---------------------------------------------------------
    def start_of(self, line: PlanLine) -> float | None:
        """When the line can start, once everything it waits for has ended."""
        deps = self.waits[line.index]
        if any(d not in self.ended for d in deps):
            return None
        return max([self.ended[d] for d in deps], default=0.0)

    def run(self) -> None:
        followers: dict[int, list[int]] = {}
        for number, deps in self.waits.items():
            for d in deps:
                followers.setdefault(d, []).append(number)
        heap: list[tuple[float, int, float]] = []
        for line in self.lines:
            start = self.start_of(line)
            if start is not None:
                heapq.heappush(heap, (start + line.end - line.start, line.index, start))
        while heap:
            _, number, start = heapq.heappop(heap)
            if number not in self.ended:  # an assault's attackers end with its leader
                self.ended[number] = max(start, self.resolve(self.lines[number - 1], start))
            for follower in followers.get(number, ()):
                after = self.lines[follower - 1]
                begin = self.start_of(after)
                if begin is not None:
                    heapq.heappush(heap, (begin + after.end - after.start, follower, begin))

    # --- one line ----------------------------------------------------------
    def resolve(self, line: PlanLine, start: float) -> float:
        """Carry the line out from `start`; returns the hour it ended."""
        op = line.operation
        w = self.w
        unit = w.units.get(op.owner)
        is_air = op.kind in (OpKind.AIR_STRIKE, OpKind.RECON) and unit is None
        if unit is None and not (is_air and any(a.id == op.owner for a in w.air)):
            return self.fail(line, start, Refusal(Why.DESTROYED, unit=op.owner))
        planned = line.end - line.start
        partial = op.kind in (OpKind.CLEAR, OpKind.BRIDGE)
        limit = w.rules.air_day_hours
        if unit is not None:
            limit = work_limit(w.rules, self.morning.get(unit.id, unit.readiness), op.kind)
            if start + planned > limit + EPS and not partial:
                return self.fail(line, start, Refusal(Why.DELAYED, unit=unit.id))
        elif start + planned > w.rules.air_day_hours + EPS:
            return self.fail(line, start, Refusal(Why.DELAYED, unit=op.owner))
        if unit is not None and partial and start >= limit - 0.5:
            return self.fail(line, start, Refusal(Why.DELAYED, unit=unit.id))
        handler = getattr(self, "_" + op.kind.value)
        end: float = handler(line, unit, start)
        if unit is not None and op.kind != OpKind.REST:
            self.worked[unit.id] = self.worked.get(unit.id, 0.0) + max(0.0, end - start)
        return end

    def fail(self, line: PlanLine, hour: float, reason: Refusal) -> float:
        self.w.events.append(OperationFailed(self.w.day, round(hour, 3), line.index,
                                             line.operation.owner, reason))
        return hour

    def held(self, pos: int) -> bool:
        return self.w.places[pos].side == self.w.ix.player

    def limit_of(self, unit: UnitState, kind: OpKind) -> float:
        return work_limit(self.w.rules, self.morning.get(unit.id, unit.readiness), kind)

    def supplied_work(self, unit: UnitState, pos: int, loads: int, line: PlanLine,
                      hour: float) -> bool:
        """Draw a line's loads as it resolves; False (and an event) when it goes without."""
        planned_short = any(r.kind == RiskKind.SHORT_OF_SUPPLIES for r in line.risks)
        if not planned_short and self.w.draw_loads(pos, loads):
            return True
        if "supply" in self.w.without:
            return True
        self.w.events.append(SuppliesShort(self.w.day, round(hour, 3), unit.id,
                                           self.w.ix.places[pos].id, loads))
        return False

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

        def cost(road: int) -> float | None:
            if w.roads[road].destroyed:
                return None
            known = w.known_road_traps[road]
            return road_hours(ix, rules, road, kind, sandstorm) + (
                known * rules.trap_hours_per_level if known else 0.0)

        found = find_path(ix, here, goal, self.held, cost) if here != goal else None
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
                target in ix.road_pos and here in ix.road_ends[ix.road_pos[target]])
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
                for end_pos in ix.road_ends[road]:
                    self.cover(end_pos)
        w.events.append(ReconReport(w.day, round(end, 3), line.operation.owner, target, traps,
                                    garrison, vbieds))
        return end

    def cover(self, pos: int) -> None:
        self.covered.add(pos)
        for _, other in self.w.ix.adjacency[pos]:
            self.covered.add(other)

    # --- engineers -----------------------------------------------------------
    def _clear(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        here = ix.place_pos[unit.at]
        if target in ix.place_pos:
            pos = ix.place_pos[target]
            if pos != here and (ix.road_between(here, pos) is None or not self.held(pos)):
                return self.fail(line, start, Refusal(Why.NO_LONGER_NEXT_TO, unit=unit.id,
                                                      target=target))
            level = w.places[pos].traps
        else:
            road = ix.road_pos[target]
            if here not in ix.road_ends[road]:
                return self.fail(line, start, Refusal(Why.NO_LONGER_NEXT_TO, unit=unit.id,
                                                      target=target))
            level = w.roads[road].traps
        planned_short = any(r.kind == RiskKind.SHORT_OF_SUPPLIES for r in line.risks)
        planned_per_level = clear_hours_per_level(ix, rules, target, planned_short)
        planned = round((line.end - line.start) / planned_per_level)
        short = not self.supplied_work(unit, here, rules.clear_loads, line, start)
        per_level = clear_hours_per_level(ix, rules, target, short)
        fit = int((self.limit_of(unit, OpKind.CLEAR) - start) / per_level + EPS)
        attempted = min(planned, fit)
        if attempted <= 0:
            return self.fail(line, start, Refusal(Why.DELAYED, unit=unit.id))
        removed = min(level, attempted)
        if target in ix.place_pos:
            w.set_place(pos, traps=level - removed)
            w.known_place_traps[pos] = level - removed
        else:
            w.set_road_traps(road, level - removed)
            w.known_road_traps[road] = level - removed
        w.traps_cleared += removed
        # Engineers who swept a road stay on it: they watch it tonight, as a hold would.
        self.watches.append((unit.id, target))
        # A sweep that finds fewer levels than it was given ends early, after at least one.
        end = start + max(1, removed) * per_level
        w.events.append(TrapsCleared(w.day, round(end, 3), unit.id, target, removed,
                                     level - removed))
        return end

    def _bridge(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        road = ix.road_pos[target]
        here = ix.place_pos[unit.at]
        if here not in ix.road_ends[road]:
            return self.fail(line, start, Refusal(Why.NO_LONGER_NEXT_TO, unit=unit.id,
                                                  target=target))
        state = w.roads[road]
        if not state.destroyed:
            return self.fail(line, start, Refusal(Why.NOT_DESTROYED, target=target))
        short = not self.supplied_work(unit, here, rules.bridge_loads, line, start)
        factor = short_supply_factor(rules, short)
        hours = max(0.0, min(line.end - line.start, self.limit_of(unit, OpKind.BRIDGE) - start))
        progress = min(rules.bridge_hours, state.bridging + hours * factor)
        done = progress >= rules.bridge_hours - EPS
        w.roads[road] = RoadState(state.id, state.traps, not done, 0.0 if done else progress)
        self.bridgers.append((unit.id, road))
        end = start + hours
        w.events.append(BridgeWork(w.day, round(end, 3), unit.id, target, round(hours, 3),
                                   round(progress, 3), rules.bridge_hours, done))
        return end

    # --- assaults ------------------------------------------------------------
    def _assault(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        goal = ix.place_pos[target]
        fought = self.fought.get(goal)
        if fought is not None:
            if line.index in fought:
                return start + line.end - line.start
            return self.fail(line, start, Refusal(Why.MISSED_THE_ASSAULT, target=target,
                                                  unit=unit.id))
        if self.held(goal):
            return self.fail(line, start, Refusal(Why.HELD_BY_US, target=target))
        road = assault_road(ix, ix.place_pos[unit.at], goal, lambda r: not w.roads[r].destroyed)
        if road is None:
            return self.fail(line, start, Refusal(Why.NO_LONGER_NEXT_TO, unit=unit.id,
                                                  target=target))
        fight = start + road_hours(ix, rules, road, unit.kind, self.state.sandstorm)
        attackers = self._attackers(line, goal, fight)
        self.fought[goal] = {ln.index for ln, _, _ in attackers} | {line.index}
        if not attackers:
            return fight
        return self._fight(goal, attackers, fight)

    def _attackers(self, lead: PlanLine, goal: int,
                   fight: float) -> list[tuple[PlanLine, UnitState, int]]:
        """The assault lines on `goal` whose units are there by `fight`: (line, unit, road).

        Each crosses its road first: traps on it stop that unit (a strike), not the rest.
        """
        w = self.w
        ix = w.ix
        out: list[tuple[PlanLine, UnitState, int]] = []
        for line in self.lines:
            op = line.operation
            if op.kind != OpKind.ASSAULT or op.target != ix.places[goal].id:
                continue
            if line.index != lead.index and line.index in self.ended:
                continue
            unit = w.units.get(op.owner)
            start = self.start_of(line)
            if unit is None or start is None:
                continue
            road = assault_road(ix, ix.place_pos[unit.at], goal,
                                lambda r: not w.roads[r].destroyed)
            if road is None:
                continue
            arrive = start + road_hours(ix, w.rules, road, unit.kind, self.state.sandstorm)
            if arrive > fight + EPS:
                continue
            if w.roads[road].traps > 0:
                strike(w, unit, road, None, start)
                self.fail(line, start, Refusal(Why.STOPPED_BY_TRAP, target=ix.roads[road].id))
                self.ended[line.index] = start
                continue
            out.append((line, unit, road))
        return out

    def _fight(self, goal: int, attackers: list[tuple[PlanLine, UnitState, int]],
               fight: float) -> float:
        w = self.w
        ix = w.ix
        rules = w.rules
        place = w.places[goal]
        end = fight + rules.assault_hours
        attack = 0.0
        strength = 0
        powers: list[float] = []
        short: list[str] = []
        for line, unit, _ in attackers:
            here = ix.place_pos[unit.at]
            supplied = self.supplied_work(unit, here, assault_loads(rules, unit.strength),
                                          line, fight)
            if not supplied:
                short.append(unit.id)
            power = combat.unit_attack(rules, unit.kind, unit.strength, unit.readiness, supplied)
            powers.append(power)
            attack += power
            strength += unit.strength
        strikes = sum(1 for h in self.strike_hours.get(goal, ()) if h <= fight + EPS)
        cut_off = enemy_cut_off(ix, [p.side for p in w.places],
                                [r.destroyed for r in w.roads])[goal]
        spread = rules.assault_luck_percent / 100.0
        luck = 1.0 + (2.0 * w.rng.fraction() - 1.0) * spread
        outcome = combat.resolve_assault(rules, attack, strength, place.garrison, place.traps,
                                         strikes, cut_off, luck)
        shares = _split(outcome.attacker_losses, powers, [u.strength for _, u, _ in attackers])
        survivors: list[UnitState] = []
        for (line, unit, _), losses in zip(attackers, shares, strict=True):
            hurt = w.hurt(unit, losses, rules.assault_readiness_loss, Cause.ASSAULTS)
            if hurt.strength > 0:
                survivors.append(hurt)
            if line is not attackers[0][0]:
                began = self.start_of(line) or 0.0
                self.worked[unit.id] = self.worked.get(unit.id, 0.0) + end - began
                self.ended[line.index] = end
        w.enemy_losses += outcome.defenders_killed
        w.known_place_traps[goal] = place.traps
        hour = round(end, 3)
        lead = attackers[0][1].id
        w.events.append(AssaultResolved(
            w.day, hour, lead, ix.places[goal].id, outcome.taken, round(outcome.effective, 2),
            outcome.attacker_losses, outcome.defenders_killed,
            tuple(u.id for _, u, _ in attackers[1:]), tuple(short)))
        if outcome.taken:
            w.set_place(goal, side=ix.player, garrison=0, vbieds=0)
            w.known_garrisons[goal] = 0
            w.known_vbieds[goal] = 0
            w.vbieds_destroyed += place.vbieds
            for unit in survivors:
                w.set_unit(unit, at=ix.places[goal].id)
            w.events.append(PlaceTaken(w.day, hour, ix.places[goal].id, lead, place.vbieds))
            enemy.withdraw(w, goal, place.garrison - outcome.defenders_killed, hour)
        else:
            left = place.garrison - outcome.defenders_killed
            w.set_place(goal, garrison=left)
            w.known_garrisons[goal] = left
        return end

    # --- air -----------------------------------------------------------------
    def _air_strike(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        end = start + line.end - line.start
        pos = ix.place_pos[target]
        place = w.places[pos]
        self.cover(pos)
        if place.side == ix.player:
            return self.fail(line, start, Refusal(Why.HELD_BY_US, target=target))
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
        self.strike_hours.setdefault(pos, []).append(end)
        w.enemy_losses += kills
        w.civilian_harm += harm
        w.vbieds_destroyed += destroyed
        w.events.append(AirStrike(w.day, round(end, 3), asset.id, target, kills, destroyed,
                                  harm))
        return end

    # --- supply --------------------------------------------------------------
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

        def cost(road: int) -> float | None:
            if w.roads[road].traps or w.roads[road].destroyed:
                return None
            return road_hours(ix, rules, road, unit.kind, self.state.sandstorm)

        if find_path(ix, here, goal, self.held, cost) is None:
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


def _split(total: int, powers: list[float], strengths: list[int]) -> list[int]:
    """`total` casualties shared by attack (largest remainder), none beyond a unit's strength."""
    weight = sum(powers)
    if weight <= 0:
        weight = float(len(powers))
        powers = [1.0] * len(powers)
    raw = [total * p / weight for p in powers]
    shares = [min(int(r), s) for r, s in zip(raw, strengths, strict=True)]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - int(raw[i])), i))
    left = total - sum(shares)
    for i in order:
        if left <= 0:
            break
        if shares[i] < strengths[i]:
            shares[i] += 1
            left -= 1
    return shares
