"""The `doctrine` policy: the player's side pushing along the road, objective by objective.

Each day it finds the front (`front`: the objective it goes for, the enemy
place to take next on the way, the held place to assault it from), then plans,
in this order:
1. eyes: drones reconnoitre the unknown roads ahead and the target;
2. the assault decision: the combat units that can stand at the staging place
   in time, strongest first, until the shared estimate (`Beliefs.estimate`, the
   one the preview shows) gives at least `ASSAULT_CHANCE`; no assault below it;
3. air: on an assault day every strike sortie hits the target first (its
   suppression counts for the assault); otherwise car bombs next to our units,
   then the target, to wear it down;
4. engineers: span the bridge the front needs, clear the way and the road to
   the target, then the traps of towns our units stand in;
5. supply: a depot pushed forward when the staging place is out of supply,
   convoys from the bases to the depot that supplies the front until it holds
   the loads the next assault and clearing draw;
6. combat units move up over known-clear roads, assault (waiting for the
   strikes and the clearing), or hold the front road; tired units rest.

It grows its plan with a `PlanBuilder`, which keeps only the lines the plan
checker accepts, and reads only what `observe` shows (who holds each place, the
roads destroyed, the trap levels, garrisons and car bombs known, the estimate of
a garrison not seen) and the checker's beliefs: never the hidden trap levels or
garrisons. It reads them off the state's tables of the player's knowledge, as
the checker does, not off an `Observation`, which it would build anew each day.
"""

from __future__ import annotations

from itertools import compress, count

from game.engine import columns, combat
from game.engine.beliefs import AssaultGroup
from game.engine.collect import paused
from game.engine.doctrine_day import (
    ASSAULT_CHANCE,
    ASSAULT_COMFORT,
    TIRED,
    TIRED_ENGINEERS,
    operation,
)
from game.engine.doctrine_day import PlanBuilder as PlanBuilder
from game.engine.front import front_of
from game.engine.index import index_of
from game.engine.logistics import Logistics
from game.engine.model import DRONE, STRIKE
from game.engine.observe import estimate
from game.engine.operations import (
    OpKind,
    Plan,
)
from game.engine.paths import road_hours
from game.engine.plan import AIR_STRIKE, ASSAULT, BRIDGE, CLEAR, HOLD, KNOWN_TRAPS, RECON, REST
from game.engine.state import GameState, UnitState
from game.engine.supply import assault_loads


def doctrine_plan(state: GameState) -> Plan:
    return plan_with(state, _Day)


@paused  # the collector's passes over a large map's search tables find nothing to free
def plan_with(state: GameState, day_class: type[_Day]) -> Plan:
    """The plan of a day of `day_class`: the doctrine's, or a variant of it (`reckless`)."""
    ix = index_of(state.scenario)
    # Who holds each place and the roads destroyed: what `observe` shows of them, as
    # the day's end handed them on (no map-wide pass when it did).
    sides, destroyed = columns.of(state)
    front = front_of(state, ix, sides, destroyed)
    if front is None:
        return ()
    b = PlanBuilder(state)
    day = day_class(b, ix, sides, destroyed, front)
    day.plan()
    return b.plan()


class _Day(Logistics):
    """One day of the doctrine's plan, in the order of the module's docstring."""

    def plan(self) -> None:
        self.recon()
        attackers = self.choose_attackers()
        self.air(assault=bool(attackers))
        self.engineer()
        self.supply()
        self.move_up(attackers)
        self.assault(attackers)
        self.hold_and_rest()

    def recon(self) -> None:
        p, ix, front = self.p, self.ix, self.front
        targets = [ix.roads[r].id for r in front.way_roads if p.known_road(r) is None]
        if p.known_road(front.road) is None and not front.bridge:
            targets.append(self.road_id)
        if self.garrison(front.target) is None or \
                self.state.known_place_traps[front.target] is None:
            targets.append(self.target_id)
        targets += [ix.roads[r].id for r in self.supply_routes()
                    if p.known_road(r) is None and ix.roads[r].id not in targets]
        targets += [road for road in self.ways_to_front() if road not in targets]
        for asset in self.state.air:
            if asset.kind != DRONE:
                continue
            while targets and self.b.add(operation(asset.id, RECON, targets[0])):
                targets.pop(0)
        self.scout = targets

    def road_ready(self) -> bool:
        """The road to the target can be crossed today: known clear (or clearable)."""
        if self.front.bridge:
            return False
        known = self.p.known_road(self.front.road)
        if known == 0:
            return True
        return known is not None and any(
            self.p.pos[e.id] == self.front.staging and e.readiness >= TIRED_ENGINEERS
            for e in self.engineers)

    def may_cross(self) -> bool:
        """The assault may drive the road to the target: it is known clear."""
        return self.p.known_road(self.front.road) == 0

    def choose_attackers(self) -> list[UnitState]:
        """The units to assault with today, or none if the estimate is too low or the
        place, once taken, would lie beyond supply."""
        if not self.road_ready() or not self.would_be_supplied(self.front.target):
            return []
        p, front = self.p, self.front
        candidates = [u for u in self.combat if u.readiness >= TIRED
                      and u.days_out_of_supply < 2
                      and (p.pos[u.id] == front.staging or self.can_reach(u, front.staging))]
        candidates.sort(key=lambda u: -u.strength * u.readiness)
        # The strikes that can end before the fight, which must end within the day.
        latest = self.latest_fight(candidates[:1])
        jets = [] if self.state.sandstorm else [
            a for a in self.state.air if a.kind == STRIKE]
        flown = [min(a.sorties, int(latest // self.rules.strike_hours)) for a in jets]
        kills = sum(self.p.strike_kills(a) * n for a, n in zip(jets, flown, strict=True))
        sorties = sum(flown)
        hubs = self.state.hubs[front.staging]
        free = bool(hubs) and not p.is_depot(hubs[0])
        loads = sum(p.loads_tonight(h) for h in hubs) if hubs and not free else None
        group = AssaultGroup(fight=12.0)
        chosen: list[UnitState] = []
        drawn = 0
        # Supplied units first: one short of supplies fights at a fraction of its attack.
        ranked: list[tuple[bool, UnitState]] = []
        for unit in candidates:
            need = assault_loads(self.rules, unit.strength)
            short = not hubs or (loads is not None and loads < drawn + need)
            if "supply" in self.state.without:
                short = False
            if not short:
                drawn += need
            ranked.append((short, unit))
        ranked.sort(key=lambda pair: pair[0])
        attacks = [combat.unit_attack(self.rules, unit.kind, unit.strength, unit.readiness,
                                      not short) for short, unit in ranked]
        # The odds only grow as units join (each adds an attack of 0 or more, summed in
        # the same order): when the whole group's fall short, so does every part of it,
        # and the day waits without weighing each (most days of a siege).
        whole = 0.0
        for attack in attacks:
            whole += attack
        if not ranked or self._chance(AssaultGroup(fight=12.0, attack=whole), sorties,
                                      kills) < ASSAULT_CHANCE:
            return []
        for (short, unit), attack in zip(ranked, attacks, strict=True):
            group.units.append(unit.id)
            group.attack += attack
            group.strength += unit.strength
            if short:
                group.short.append(unit.id)
            chosen.append(unit)
            chance = self._chance(group, sorties, kills)
            if chance >= ASSAULT_COMFORT:
                break
        if not chosen or chance < ASSAULT_CHANCE:  # the whole group's, as chosen
            return []
        return chosen

    def latest_fight(self, units: list[UnitState]) -> float:
        """The latest hour an assault from the staging place by `units` can start fighting
        and still end within every attacker's day."""
        if not units:
            return 0.0
        day = min(self.rules.work_hours * u.readiness / 100.0 for u in units)
        return max(0.0, day - self.rules.assault_hours)

    def _chance(self, group: AssaultGroup, sorties: int, kills: float) -> float:
        """The odds the estimate of `group`'s assault on the target shows (all the
        doctrine reads of it)."""
        goal = self.front.target
        known = self.state.known_garrisons[goal]
        garrison = (known, known) if known is not None else estimate(self.state, goal)
        return combat.assault_chance(self.rules, group.attack, garrison,
                                     self.p.known_place(goal), sorties, kills,
                                     self.p.cut_off[goal])

    def air(self, assault: bool) -> None:
        if self.state.sandstorm:  # the checker grounds every sortie: none is asked
            return
        ix, p = self.ix, self.p
        mine = ix.player
        near_units = set(p.pos.values())  # where every unit stands (`where`)
        reach = self.rules.vbied_reach_km
        bombs = self.state.known_vbieds  # an enemy place's car bombs, as `observe` shows
        sides = self.sides
        threats = [pos for pos in compress(count(), bombs)  # known car bombs (none: None, 0)
                   if sides[pos] != mine and bombs[pos] > 0  # type: ignore[operator]
                   and any(other in near_units and ix.roads[road].km <= reach
                           for road, other in ix.adjacency[pos])]
        threats.sort(key=lambda pos: (pos != self.front.target, pos))
        target = self.front.target
        worth = self.garrison(target) != 0 or self.vbieds(target) != 0
        for asset in self.state.air:
            # One operation for every sortie on the target (an operation is a value).
            strike = operation(asset.id, AIR_STRIKE, self.target_id)
            # The sorties the recon left it: the checker refuses any beyond them.
            for _ in range(asset.sorties - p.sorties.get(asset.id, 0)):
                line = None
                if assault and worth:
                    line = self.b.add(strike)
                for pos in threats:
                    if line is not None:
                        break
                    line = self.b.add(operation(asset.id, AIR_STRIKE, ix.places[pos].id))
                if line is None and worth:
                    line = self.b.add(strike)
                if line is None:
                    break
                if line.operation.target == self.target_id:
                    self.strike_lines.append(line.index)

    def jobs(self) -> list[tuple[OpKind, str]]:
        p, ix, front = self.p, self.ix, self.front
        known_road, known_place = p.road_known, p.place_known  # `known_road`, ...
        jobs: list[tuple[OpKind, str]] = []
        if front.bridge:
            jobs.append((BRIDGE, self.road_id))
        for i, road in enumerate(front.way_roads):
            if known_road[road] != 0:
                jobs.append((CLEAR, ix.roads[road].id))
            place = front.way[i + 1]
            if known_place[place] != 0:
                jobs.append((CLEAR, ix.places[place].id))
        if not front.bridge and known_road[front.road] != 0:
            jobs.append((CLEAR, self.road_id))
        for road in self.supply_routes():
            job = (CLEAR, ix.roads[road].id)
            if known_road[road] != 0 and job not in jobs:
                jobs.append(job)
        # Roads known trapped that keep combat units from the front.
        for name in self.ways_to_front(KNOWN_TRAPS):
            if (CLEAR, name) not in jobs:
                jobs.append((CLEAR, name))
        # Towns we stand in whose booby-traps are not cleared.
        for pos in sorted(set(p.pos.values())):  # where every unit stands (`where`)
            if p.held(pos) and known_place[pos] != 0 and \
                    (CLEAR, ix.places[pos].id) not in jobs:
                jobs.append((CLEAR, ix.places[pos].id))
        return jobs

    def job_places(self, job: str) -> list[int]:
        """Where engineers may stand for a job. A road: its end nearer our rear. A place:
        the place itself, or a held place next to it over a road known clear (from where
        they clear it without driving into its traps)."""
        ix, p, front = self.ix, self.p, self.front
        if job in ix.place_pos:
            pos = ix.place_pos[job]
            return [pos] + [other for road, other in ix.adjacency[pos]
                            if p.held(other) and p.road_open(road) and p.known_road(road) == 0
                            and p.known_place(other) == 0]
        road = ix.road_pos[job]
        if road == front.road:
            return [front.staging]
        a, b = ix.road_ends[road]
        order = {pos: i for i, pos in enumerate(front.way)}
        return [a if order.get(a, 1 << 30) <= order.get(b, 1 << 30) else b]

    def engineer(self) -> None:
        jobs = self.jobs()
        for eng in self.engineers:
            if eng.readiness < TIRED_ENGINEERS:
                self.b.add(operation(eng.id, REST))
                continue
            for kind, job in list(jobs):
                places = self.job_places(job)
                if self.p.pos[eng.id] not in places and not any(
                        self.safe_move(eng, pos) for pos in places):
                    continue
                line = self.b.add(operation(eng.id, kind, job))
                if line is None:
                    break
                jobs.remove((kind, job))
                if job == self.road_id and kind == CLEAR:
                    self.clear_line = line.index
                elif kind == CLEAR and self.on_way(job):
                    self.way_lines.append(line.index)

    def assault(self, attackers: list[UnitState]) -> None:
        if not attackers or not self.may_cross():
            return
        ready = [u for u in attackers if self.p.pos[u.id] == self.front.staging]
        if not ready:
            return
        lines = self.p.lines
        # Wait for the strikes and the clearing that end early enough to leave the
        # drive and the fight inside the day.
        drive = max(road_hours(self.ix, self.rules, self.front.road, u.kind,
                               self.state.sandstorm) for u in ready)
        latest = self.latest_fight(ready) - drive
        waits = [n for n in (*self.strike_lines, self.clear_line)
                 if n is not None and lines[n - 1].end <= latest + 1e-9]
        after = max(waits, key=lambda n: (lines[n - 1].end, n)) if waits else None
        # Every attacker waits for the strikes and the clearing, whichever ends last; the
        # one free last leads, so that the others are there when the fight starts.
        ready.sort(key=lambda u: -self.p.end.get(u.id, 0.0))
        for unit in ready:
            wait = after
            if wait is not None and lines[wait - 1].end <= self.p.end.get(unit.id, 0.0):
                wait = None
            self.b.add(operation(unit.id, ASSAULT, self.target_id, after=wait))

    def hold_and_rest(self) -> None:
        front = self.front
        busy = self.p.end  # the owners with a line (`PlanBuilder.busy`)
        held_road = False
        for unit in self.combat:
            if unit.id in busy:
                continue
            if unit is self.watcher and not held_road and not front.bridge:
                held_road = self.b.add(operation(unit.id, HOLD, self.road_id)) is not None
            if unit.id not in busy and unit.readiness < 100:
                self.b.add(operation(unit.id, REST))
        for unit in self.advisers:
            for target in list(self.scout):
                if self.b.add(operation(unit.id, RECON, target)):
                    self.scout.remove(target)
        for unit in self.state.units:
            if unit.id not in busy and unit.readiness < 90:
                self.b.add(operation(unit.id, REST))

