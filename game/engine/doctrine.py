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
checker accepts, and reads only `observe` and the checker's beliefs: never the
hidden trap levels or garrisons.
"""

from __future__ import annotations

from game.engine import combat
from game.engine.beliefs import AssaultGroup
from game.engine.front import COMBAT, Front, find_front, held_path
from game.engine.index import ScenarioIndex, index_of
from game.engine.model import AirKind, UnitKind
from game.engine.observe import Observation, observe
from game.engine.operations import (
    Operation,
    OpKind,
    Plan,
    PlanLine,
    Planner,
    RiskKind,
    remember_checked,
)
from game.engine.paths import all_costs, road_hours
from game.engine.state import GameState, UnitState
from game.engine.supply import NO_HUB, assault_loads, trace_supply, upkeep_loads

# The doctrine assaults only when the estimate gives at least this chance.
ASSAULT_CHANCE = 0.8
# And adds units beyond that until this chance (more attack, fewer losses).
ASSAULT_COMFORT = 0.9
TIRED = 40  # readiness below which a unit rests rather than works
TIRED_ENGINEERS = 35


class PlanBuilder:
    """A plan grown line by line; `add` keeps a line only if the checker accepts it."""

    def __init__(self, state: GameState) -> None:
        self.planner = Planner(state)
        self.ops: list[Operation] = []

    def add(self, op: Operation) -> PlanLine | None:
        line = self.planner.try_add(op)
        if line is not None:
            self.ops.append(op)
        return line

    def busy(self, unit: UnitState) -> bool:
        return unit.id in self.planner.end

    def plan(self) -> Plan:
        plan = tuple(self.ops)
        remember_checked(self.planner, plan)
        return plan


def doctrine_plan(state: GameState) -> Plan:
    ix = index_of(state.scenario)
    obs = observe(state, ix.player)
    front = find_front(state, ix, obs)
    if front is None:
        return ()
    b = PlanBuilder(state)
    day = _Day(b, ix, obs, front)
    day.plan()
    return b.plan()


class _Day:
    def __init__(self, b: PlanBuilder, ix: ScenarioIndex, obs: Observation,
                 front: Front) -> None:
        self.b = b
        self.p = b.planner
        self.state = b.planner.state
        self.rules = self.state.scenario.rules
        self.ix = ix
        self.obs = obs
        self.front = front
        self.target_id = ix.places[front.target].id
        self.staging_id = ix.places[front.staging].id
        self.road_id = ix.roads[front.road].id
        units = list(self.state.units)
        self.engineers = [u for u in units if u.kind == UnitKind.ENGINEERS]
        self.combat = [u for u in units if u.kind in COMBAT]
        self.logistics = [u for u in units if u.kind == UnitKind.LOGISTICS]
        self.advisers = [u for u in units if u.kind == UnitKind.ADVISERS]
        self.strike_lines: list[int] = []
        self.clear_line: int | None = None
        self.way_lines: list[int] = []  # clearing of the way to the staging place
        self.watcher: UnitState | None = None  # the combat unit that watches the front road

    def plan(self) -> None:
        self.recon()
        attackers = self.choose_attackers()
        self.air(assault=bool(attackers))
        self.engineer()
        self.supply()
        self.move_up(attackers)
        self.assault(attackers)
        self.hold_and_rest()

    # --- 1. eyes -----------------------------------------------------------
    def recon(self) -> None:
        p, ix, front = self.p, self.ix, self.front
        targets = [ix.roads[r].id for r in front.way_roads if p.known_road(r) is None]
        if p.known_road(front.road) is None and not front.bridge:
            targets.append(self.road_id)
        view = self.obs.places[front.target]
        if view.garrison is None or view.traps is None:
            targets.append(self.target_id)
        targets += [ix.roads[r].id for r in self.supply_routes()
                    if p.known_road(r) is None and ix.roads[r].id not in targets]
        targets += [road for road in self.ways_to_front() if road not in targets]
        for asset in self.state.air:
            if asset.kind != AirKind.DRONE:
                continue
            while targets and self.b.add(Operation(asset.id, OpKind.RECON, targets[0])):
                targets.pop(0)
        self.scout = targets

    def supply_routes(self) -> list[int]:
        """The roads convoys take from the nearest supply source to each depot, over
        places we hold: they must be known clear for a convoy to pass."""
        p, ix, obs = self.p, self.ix, self.obs
        sources = [pos for pos in ix.sources if p.held(pos)]
        roads: list[int] = []
        depots = sorted({ix.place_pos[d.place] for d in self.state.depots})
        for depot in depots:
            _, way_roads = held_path(ix, obs, ix.player, sources, depot)
            roads += [r for r in way_roads if r not in roads]
        return roads

    def ways_to_front(self, risk: RiskKind = RiskKind.UNKNOWN_TRAPS) -> list[str]:
        """Roads never reconnoitred (or known trapped) on the way of combat units that
        cannot reach the staging place over known-clear roads."""
        roads: list[str] = []
        for unit in self.combat:
            if self.p.where(unit) == self.front.staging:
                continue
            line = self.p.check(Operation(unit.id, OpKind.MOVE, self.staging_id), commit=False)
            roads += [r.target for r in line.risks if r.kind == risk
                      and r.target in self.ix.road_pos and r.target not in roads]
        return roads

    # --- 2. the assault decision ---------------------------------------------
    def way_clear(self) -> bool:
        p, front = self.p, self.front
        return all(p.known_road(r) == 0 for r in front.way_roads) and all(
            p.known_place(x) == 0 for x in front.way[1:])

    def road_ready(self) -> bool:
        """The road to the target can be crossed today: known clear (or clearable)."""
        if self.front.bridge:
            return False
        known = self.p.known_road(self.front.road)
        if known == 0:
            return True
        return known is not None and any(
            self.p.where(e) == self.front.staging and e.readiness >= TIRED_ENGINEERS
            for e in self.engineers)

    def would_be_supplied(self, pos: int) -> bool:
        """Whether supply would reach the place once taken, as the depots stand today."""
        if "supply" in self.state.without:
            return True
        ix, obs = self.ix, self.obs
        sides = [p.side for p in obs.places]
        sides[pos] = ix.player
        reach = self.state.scenario.supply.range_km
        supplied, _ = trace_supply(
            ix, [(i, reach) for i in ix.sources],
            [(ix.place_pos[d.place], d.range_km) for d in self.state.depots], sides,
            [0] * len(sides), [0] * len(obs.roads),  # the way is cleared before an assault
            [r.destroyed for r in obs.roads])
        return supplied[pos]

    def choose_attackers(self) -> list[UnitState]:
        """The units to assault with today, or none if the estimate is too low or the
        place, once taken, would lie beyond supply."""
        if not self.road_ready() or not self.would_be_supplied(self.front.target):
            return []
        p, front = self.p, self.front
        candidates = [u for u in self.combat if u.readiness >= TIRED
                      and u.days_out_of_supply < 2
                      and (p.where(u) == front.staging or self.can_reach(u, front.staging))]
        candidates.sort(key=lambda u: -u.strength * u.readiness)
        # The strikes that can end before the fight, which must end within the day.
        latest = self.latest_fight(candidates[:1])
        jets = [] if self.state.sandstorm else [
            a for a in self.state.air if a.kind == AirKind.STRIKE]
        flown = [min(a.sorties, int(latest // self.rules.strike_hours)) for a in jets]
        kills = sum(self.p.strike_kills(a) * n for a, n in zip(jets, flown, strict=True))
        sorties = sum(flown)
        hubs = self.state.hubs[front.staging]
        free = bool(hubs) and not p.is_depot(hubs[0])
        loads = sum(p.loads_at(h, 24.0) for h in hubs) if hubs and not free else None
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
        for short, unit in ranked:
            group.units.append(unit.id)
            group.attack += combat.unit_attack(self.rules, unit.kind, unit.strength,
                                               unit.readiness, not short)
            group.strength += unit.strength
            if short:
                group.short.append(unit.id)
            chosen.append(unit)
            estimate = self._estimate(group, sorties, kills)
            if estimate.chance >= ASSAULT_COMFORT:
                break
        if not chosen or self._estimate(group, sorties, kills).chance < ASSAULT_CHANCE:
            return []
        return chosen

    def latest_fight(self, units: list[UnitState]) -> float:
        """The latest hour an assault from the staging place by `units` can start fighting
        and still end within every attacker's day."""
        if not units:
            return 0.0
        day = min(self.rules.work_hours * u.readiness / 100.0 for u in units)
        return max(0.0, day - self.rules.assault_hours)

    def _estimate(self, group: AssaultGroup, sorties: int,
                  kills: float) -> combat.AssaultEstimate:
        p = self.p
        goal = self.front.target
        state = self.state
        known = state.known_garrisons[goal]
        garrison = (known, known) if known is not None else self.obs.places[
            goal].garrison_estimate
        return combat.estimate_assault(
            self.rules, self.target_id, tuple(group.units), group.attack, group.strength,
            garrison, p.known_place(goal), sorties, kills, p.cut_off[goal], tuple(group.short))

    # --- 3. air --------------------------------------------------------------
    def air(self, assault: bool) -> None:
        ix, obs, p = self.ix, self.obs, self.p
        mine = ix.player
        near_units = {p.where(u) for u in self.state.units}
        reach = self.rules.vbied_reach_km
        threats = [pos for pos, view in enumerate(obs.places)
                   if view.side != mine and view.vbieds is not None and view.vbieds > 0
                   and any(other in near_units and ix.roads[road].km <= reach
                           for road, other in ix.adjacency[pos])]
        threats.sort(key=lambda pos: (pos != self.front.target, pos))
        view = obs.places[self.front.target]
        worth = view.garrison != 0 or view.vbieds != 0
        for asset in self.state.air:
            for _ in range(asset.sorties):
                line = None
                if assault and worth:
                    line = self.b.add(Operation(asset.id, OpKind.AIR_STRIKE, self.target_id))
                for pos in threats:
                    if line is not None:
                        break
                    line = self.b.add(Operation(asset.id, OpKind.AIR_STRIKE, ix.places[pos].id))
                if line is None and worth:
                    line = self.b.add(Operation(asset.id, OpKind.AIR_STRIKE, self.target_id))
                if line is None:
                    break
                if line.operation.target == self.target_id:
                    self.strike_lines.append(line.index)

    # --- 4. engineers --------------------------------------------------------
    def jobs(self) -> list[tuple[OpKind, str]]:
        p, ix, front = self.p, self.ix, self.front
        jobs: list[tuple[OpKind, str]] = []
        if front.bridge:
            jobs.append((OpKind.BRIDGE, self.road_id))
        for i, road in enumerate(front.way_roads):
            if p.known_road(road) != 0:
                jobs.append((OpKind.CLEAR, ix.roads[road].id))
            place = front.way[i + 1]
            if p.known_place(place) != 0:
                jobs.append((OpKind.CLEAR, ix.places[place].id))
        if not front.bridge and p.known_road(front.road) != 0:
            jobs.append((OpKind.CLEAR, self.road_id))
        for road in self.supply_routes():
            job = (OpKind.CLEAR, ix.roads[road].id)
            if p.known_road(road) != 0 and job not in jobs:
                jobs.append(job)
        # Roads known trapped that keep combat units from the front.
        for name in self.ways_to_front(RiskKind.KNOWN_TRAPS):
            if (OpKind.CLEAR, name) not in jobs:
                jobs.append((OpKind.CLEAR, name))
        # Towns we stand in whose booby-traps are not cleared.
        for pos in sorted({p.where(u) for u in self.state.units}):
            if p.held(pos) and p.known_place(pos) != 0 and \
                    (OpKind.CLEAR, ix.places[pos].id) not in jobs:
                jobs.append((OpKind.CLEAR, ix.places[pos].id))
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
                self.b.add(Operation(eng.id, OpKind.REST))
                continue
            for kind, job in list(jobs):
                places = self.job_places(job)
                if self.p.where(eng) not in places and not any(
                        self.safe_move(eng, pos) for pos in places):
                    continue
                line = self.b.add(Operation(eng.id, kind, job))
                if line is None:
                    break
                jobs.remove((kind, job))
                if job == self.road_id and kind == OpKind.CLEAR:
                    self.clear_line = line.index
                elif kind == OpKind.CLEAR and self.on_way(job):
                    self.way_lines.append(line.index)

    def can_reach(self, unit: UnitState, to: int) -> bool:
        """Whether a move there today would be accepted over known-clear ways."""
        op = Operation(unit.id, OpKind.MOVE, self.ix.places[to].id)
        line = self.p.check(op, commit=False)
        return line.error is None and line.end <= 8.0 and not any(
            r.kind in (RiskKind.KNOWN_TRAPS, RiskKind.UNKNOWN_TRAPS) for r in line.risks)

    def on_way(self, job: str) -> bool:
        ix, front = self.ix, self.front
        if job in ix.place_pos:
            return ix.place_pos[job] in front.way
        return ix.road_pos[job] in front.way_roads

    def safe_move(self, unit: UnitState, to: int) -> bool:
        """Move only over roads and places known clear, after the clearing planned on them."""
        op = Operation(unit.id, OpKind.MOVE, self.ix.places[to].id, after=self.way_wait())
        line = self.p.check(op, commit=False)
        if line.error is not None or any(
                r.kind in (RiskKind.KNOWN_TRAPS, RiskKind.UNKNOWN_TRAPS) for r in line.risks):
            return False
        return self.b.add(op) is not None

    def way_wait(self) -> int | None:
        """The clearing line on the way that ends last, for moves to wait for."""
        lines = self.p.lines
        if not self.way_lines:
            return None
        return max(self.way_lines, key=lambda n: (lines[n - 1].end, n))

    # --- 5. supply -----------------------------------------------------------
    def supply(self) -> None:
        if "supply" in self.state.without:
            return
        p, ix, front = self.p, self.ix, self.front
        state = self.state
        depots = {ix.place_pos[d.place] for d in state.depots}
        # A depot only where reach is short: a road re-seeded with traps cuts supply
        # too, but the engineers mend that.
        if len(depots) < state.scenario.supply.max_depots and (
                not self.would_be_supplied(front.staging)
                or not self.would_be_supplied(front.target)):
            self.push_depot(depots)
        # Convoys stock the depots that feed units (the neediest first) and grow the reach
        # of the one nearest the front.
        front_depot = next((pos for pos in reversed(front.way) if p.is_depot(pos)), NO_HUB)
        for unit in self.logistics:
            while True:
                needs = sorted((self.need(pos), pos) for pos in self.depots_in_play(front_depot))
                if not needs or needs[-1][0] <= 0:
                    break
                line = None
                for need, pos in reversed(needs):
                    if need <= 0:
                        break
                    line = self.b.add(Operation(unit.id, OpKind.CONVOY, ix.places[pos].id))
                    if line is not None:
                        break
                if line is None:
                    if not self.b.busy(unit):
                        self.go_to_source(unit)
                    break

    def depots_in_play(self, front_depot: int) -> list[int]:
        depots = [self.ix.place_pos[d.place] for d in self.state.depots] + self.p.new_depots
        return sorted(set(depots) | ({front_depot} if front_depot != NO_HUB else set()))

    def fed_tonight(self, hub: int) -> int:
        """The loads the units standing tonight where the depot at `hub` supplies will eat."""
        hubs = self.state.hubs
        return sum(upkeep_loads(self.rules, u.strength) for u in self.state.units
                   if hubs[self.p.where(u)][:1] == (hub,))

    def need(self, hub: int) -> int:
        """Loads the depot lacks for two nights of its units and a day's work, or for
        its reach (a full depot nearest the front still grows its reach)."""
        p = self.p
        want = 2 * self.fed_tonight(hub) + self.assault_reserve()
        want = min(want, self.rules.depot_max_loads)
        short = want - p.loads_at(hub, 24.0)
        if short <= 0 and self.reach_short(hub):
            return 1
        return short

    def spare(self, pos: int) -> int | None:
        """Loads the depots supplying `pos` have beyond tonight's meals (None: a source
        supplies it; out of supply: 0)."""
        if "supply" in self.state.without:
            return None
        hubs = self.state.hubs[pos]
        if hubs and not self.p.is_depot(hubs[0]):
            return None
        return sum(self.p.loads_at(h, 24.0) - self.fed_tonight(h) for h in hubs)

    def can_feed(self, unit: UnitState, pos: int, reserve: int = 0) -> bool:
        """Whether `unit` standing at `pos` tonight would be fed, keeping `reserve`."""
        spare = self.spare(pos)
        return spare is None or spare >= upkeep_loads(self.rules, unit.strength) + reserve

    def assault_reserve(self) -> int:
        """Loads a front depot keeps for the next assault: what every combat unit would
        draw, at most what a depot holds. So units wait where a supply source feeds them
        and come up on the day of the assault."""
        every = sum(assault_loads(self.rules, u.strength) for u in self.combat)
        return min(every, self.rules.depot_max_loads)

    def reach_short(self, hub: int) -> bool:
        """The depot's reach could still grow, and the target would lie beyond it."""
        top = self.state.scenario.supply.depot_range_max_km - 1e-6
        depot = next((d for d in self.state.depots if self.ix.place_pos[d.place] == hub), None)
        return depot is not None and depot.range_km < top and \
            not self.would_be_supplied(self.front.target)

    def push_depot(self, depots: set[int]) -> None:
        """A depot at the staging place once it is in supply and known cleared; if supply
        does not reach it, at the place furthest forward on the way that supply reaches,
        beyond the last source or depot on it (never one behind another)."""
        p, obs = self.p, self.obs
        way = self.front.way
        staging = obs.places[self.front.staging]
        if self.front.staging in depots:
            return
        if staging.in_supply:
            sites = [self.front.staging] if staging.traps == 0 else []
        else:
            last = max((i for i, pos in enumerate(way)
                        if pos in depots or obs.places[pos].supply_source), default=-1)
            sites = [pos for pos in reversed(way[last + 1:])
                     if obs.places[pos].in_supply and obs.places[pos].traps == 0][:1]
        for pos in sites:
            ranked = sorted(self.state.units, key=lambda u: (
                u.kind in COMBAT, u.kind == UnitKind.ENGINEERS, self.b.busy(u)))
            for unit in ranked:
                if p.where(unit) != pos and not self.safe_move(unit, pos):
                    continue
                if self.b.add(Operation(unit.id, OpKind.ESTABLISH_DEPOT,
                                        self.ix.places[pos].id)):
                    return

    def go_to_source(self, unit: UnitState) -> None:
        """A truck away from the bases drives back to the nearest one."""
        p, ix = self.p, self.ix
        here = p.where(unit)
        if ix.places[here].supply_source:
            return
        best = None
        for pos in ix.sources:
            if not p.held(pos):
                continue
            line = p.check(Operation(unit.id, OpKind.MOVE, ix.places[pos].id), commit=False)
            if line.error is None and (best is None or line.end < best[0]):
                best = (line.end, pos)
        if best is not None:
            self.b.add(Operation(unit.id, OpKind.MOVE, ix.places[best[1]].id))

    # --- 6. combat units -----------------------------------------------------
    def move_up(self, attackers: list[UnitState]) -> None:
        """Today's attackers come up to the staging place; every other combat unit waits
        at the place nearest it where it will be fed (`position`)."""
        front = self.front
        # One unit stays at the staging place to watch the road to the target.
        self.watcher = min((u for u in self.combat if u not in attackers
                            and self.p.where(u) == front.staging and self.fed_here(u)),
                           key=lambda u: (u.strength, u.id), default=None)
        for unit in sorted(self.combat, key=lambda u: -u.strength * u.readiness):
            if unit in attackers:
                if self.p.where(unit) != front.staging:
                    self.safe_move(unit, front.staging)
            elif unit is not self.watcher:
                self.position(unit)

    def fed_here(self, unit: UnitState) -> bool:
        spare = self.spare(self.p.where(unit))
        return spare is None or spare >= 0

    def position(self, unit: UnitState) -> None:
        """Wait at the held place nearest the staging place where the unit will be fed
        tonight: a depot-fed place only if its depot keeps the next assault's loads too.
        So the army stays within a day of the front without eating its stocks."""
        p, front = self.p, self.front
        here = p.where(unit)
        near = all_costs(self.ix, front.staging, p.held, p.drive_costs(unit.kind).__getitem__)
        reserve = self.assault_reserve()
        for pos in sorted(near, key=lambda pos: (near[pos], pos)):
            spare = self.spare(pos)
            if pos == here:
                if spare is None or spare >= reserve:
                    return
                continue
            if self.can_feed(unit, pos, 0 if spare is None else reserve) \
                    and self.safe_move(unit, pos):
                return

    def assault(self, attackers: list[UnitState]) -> None:
        if not attackers or self.p.known_road(self.front.road) != 0:
            return
        ready = [u for u in attackers if self.p.where(u) == self.front.staging]
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
            self.b.add(Operation(unit.id, OpKind.ASSAULT, self.target_id, after=wait))

    def hold_and_rest(self) -> None:
        front = self.front
        held_road = False
        for unit in self.combat:
            if self.b.busy(unit):
                continue
            if unit is self.watcher and not held_road and not front.bridge:
                held_road = self.b.add(Operation(unit.id, OpKind.HOLD, self.road_id)) is not None
            if not self.b.busy(unit) and unit.readiness < 100:
                self.b.add(Operation(unit.id, OpKind.REST))
        for unit in self.advisers:
            for target in list(self.scout):
                if self.b.add(Operation(unit.id, OpKind.RECON, target)):
                    self.scout.remove(target)
        for unit in self.state.units:
            if not self.b.busy(unit) and unit.readiness < 90:
                self.b.add(Operation(unit.id, OpKind.REST))

