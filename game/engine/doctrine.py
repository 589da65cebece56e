"""The `doctrine` policy: the player's side pushing along the road to the next objective.

Each day it finds the front (the nearest enemy-held objective by road, the
enemy place to take next on the way there, and the held place to assault it
from), then, in this order: drones recon the road ahead, strike aircraft hit
the target's car bombs and garrison, engineers clear the way, combat units
move up and assault in waves when together they outweigh the defence, a depot
is pushed forward and convoys sent to it, and tired units rest.

It grows its plan with a `PlanBuilder`, which keeps only the lines the plan
checker accepts, and it reads only `observe`: never the hidden trap levels or
garrisons.
"""

from __future__ import annotations

import heapq

from game.engine.index import ScenarioIndex, attack_percent, index_of
from game.engine.model import AirKind, UnitKind
from game.engine.observe import Observation, observe
from game.engine.operations import (
    Operation,
    OpKind,
    Plan,
    PlanLine,
    Planner,
    remember_checked,
)
from game.engine.paths import km_from
from game.engine.record import record
from game.engine.state import GameState, UnitState

COMBAT = (UnitKind.ARMY, UnitKind.POLICE, UnitKind.TRIBAL, UnitKind.MILITIA,
          UnitKind.COUNTER_TERRORISM)


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

    def hours_left(self, unit: UnitState) -> float:
        rules = self.planner.state.scenario.rules
        return rules.work_hours * unit.readiness / 100.0 - self.planner.end.get(unit.id, 0.0)

    def plan(self) -> Plan:
        plan = tuple(self.ops)
        remember_checked(self.planner, plan)
        return plan


@record
class _Front:
    """Where the doctrine attacks next, and the way up to it."""

    target: int  # the enemy place to take next
    staging: int  # the held place next to it we assault from
    road: int  # the road between them
    way: tuple[int, ...]  # places from our rear to the staging place (for engineers)
    way_roads: tuple[int, ...]


# The front depends only on who holds each place, which roads are destroyed and
# where the depots stand: it changes when a town falls, not every day.
_FRONTS: dict[tuple[object, ...], tuple[ScenarioIndex, _Front | None]] = {}


def _front(ix: ScenarioIndex, obs: Observation, mine: str) -> _Front | None:
    key = (id(ix), mine, tuple(p.side for p in obs.places),
           tuple(r.destroyed for r in obs.roads),
           tuple(p.depot_range_km is not None for p in obs.places))
    hit = _FRONTS.get(key)
    if hit is not None and hit[0] is ix:
        return hit[1]
    front = _find_front(ix, obs, mine)
    if len(_FRONTS) >= 64:
        _FRONTS.pop(next(iter(_FRONTS)))
    _FRONTS[key] = (ix, front)
    return front


def _find_front(ix: ScenarioIndex, obs: Observation, mine: str) -> _Front | None:
    held = [i for i, p in enumerate(obs.places) if p.side == mine]
    back: dict[int, tuple[int, int]] = {}
    dist = km_from(ix, held, lambda place: True, lambda road: not obs.roads[road].destroyed,
                   back)
    goals = [i for i, p in enumerate(obs.places) if p.objective and p.side != mine and i in dist]
    if not goals:
        return None
    goal = min(goals, key=lambda g: (dist[g], g))
    chain = [goal]
    while chain[-1] in back:
        chain.append(back[chain[-1]][0])
    chain.reverse()  # from a held place to the goal
    first_enemy = next(i for i, p in enumerate(chain) if obs.places[p].side != mine)
    staging, target = chain[first_enemy - 1], chain[first_enemy]
    road = back[target][1]
    # The way to the staging place from the nearest supply source, over held places.
    sources = [i for i, p in enumerate(obs.places)
               if p.side == mine and (p.supply_source or p.depot_range_km is not None)]
    way, way_roads = _held_path(ix, obs, mine, sources, staging)
    return _Front(target, staging, road, tuple(way), tuple(way_roads))


def _held_path(ix: ScenarioIndex, obs: Observation, mine: str, starts: list[int],
               goal: int) -> tuple[list[int], list[int]]:
    """The way from the nearest of `starts` to `goal` over held places ([goal] if none).

    Not `paths.km_from`: a place's `back` here is the last held neighbour settled
    before it, which is not always the nearest.
    """
    dist: dict[int, float] = {}
    back: dict[int, tuple[int, int]] = {}
    heap = [(0.0, s) for s in starts]
    heapq.heapify(heap)
    while heap:
        d, pos = heapq.heappop(heap)
        if pos in dist:
            continue
        dist[pos] = d
        if pos == goal:
            break
        for road, other in ix.adjacency[pos]:
            if obs.roads[road].destroyed or other in dist or obs.places[other].side != mine:
                continue
            back.setdefault(other, (pos, road))
            if d + ix.roads[road].km < dist.get(other, float("inf")):
                back[other] = (pos, road) if other not in dist else back[other]
            heapq.heappush(heap, (d + ix.roads[road].km, other))
    if goal not in dist:
        return [goal], []
    places, roads = [goal], []
    while places[-1] in back and places[-1] not in starts:
        prev, road = back[places[-1]]
        places.append(prev)
        roads.append(road)
    places.reverse()
    roads.reverse()
    return places, roads


def _unit_attack(state: GameState, obs: Observation, unit: UnitState, at: int) -> float:
    rules = state.scenario.rules
    power = unit.strength * unit.readiness / 100.0 * attack_percent(rules, unit.kind) / 100.0
    if not obs.places[at].in_supply:
        power *= rules.out_of_supply_attack_percent / 100.0
    return power


def doctrine_plan(state: GameState) -> Plan:
    ix = index_of(state.scenario)
    rules = state.scenario.rules
    mine = ix.player
    obs = observe(state, mine)
    front = _front(ix, obs, mine)
    if front is None:
        return ()
    b = PlanBuilder(state)
    p = b.planner
    target_id = ix.places[front.target].id
    front_road_id = ix.roads[front.road].id
    staging_id = ix.places[front.staging].id
    strike_lines: list[int] = []

    # 1. Eyes first: drones and advisers reveal the road ahead and the target.
    unknown = [ix.roads[r].id for r in front.way_roads if p.known_road(r) is None]
    if p.known_road(front.road) is None:
        unknown.append(front_road_id)
    scout_targets = unknown[:]
    if obs.places[front.target].garrison is None:
        scout_targets.append(target_id)
    for asset in state.air:
        if asset.kind != AirKind.DRONE:
            continue
        while scout_targets and b.add(Operation(asset.id, OpKind.RECON, scout_targets[0])):
            scout_targets.pop(0)

    # 2. Strike aircraft: the target's car bombs and garrison, then nearby car bombs.
    threats = [other for _, other in ix.adjacency[front.staging]
               if obs.places[other].side != mine and obs.places[other].vbieds != 0
               and other != front.target]
    target_view = obs.places[front.target]
    worth = target_view.garrison != 0 or target_view.vbieds != 0
    for asset in state.air:
        for _ in range(asset.sorties):
            line = None
            if worth:
                line = b.add(Operation(asset.id, OpKind.AIR_STRIKE, target_id))
            if line is None and threats:
                line = b.add(Operation(asset.id, OpKind.AIR_STRIKE, ix.places[threats[0]].id))
            if line is None:
                break
            strike_lines.append(line.index)

    units = list(state.units)
    engineers = [u for u in units if u.kind == UnitKind.ENGINEERS]
    combat = [u for u in units if u.kind in COMBAT]
    others = [u for u in units if u.kind not in COMBAT and u.kind != UnitKind.ENGINEERS]

    # 3. Engineers clear the way to the staging place, then the road to the target.
    jobs: list[str] = []
    for i, road in enumerate(front.way_roads):
        if p.known_road(road) != 0:
            jobs.append(ix.roads[road].id)
        place = front.way[i + 1]
        if p.known_place(place) != 0:
            jobs.append(ix.places[place].id)
    if p.known_road(front.road) != 0:
        jobs.append(front_road_id)
    clear_line: int | None = None
    for eng in engineers:
        if eng.readiness < 35:
            b.add(Operation(eng.id, OpKind.REST))
            continue
        for job in list(jobs):
            near = _job_place(ix, front, job)
            here = p.where(eng)
            if here != near and b.add(Operation(eng.id, OpKind.MOVE, ix.places[near].id)) is None:
                continue
            line = b.add(Operation(eng.id, OpKind.CLEAR, job))
            if line is None:
                break
            jobs.remove(job)
            if job == front_road_id:
                clear_line = line.index
        if p.where(eng) == front.staging:
            b.add(Operation(eng.id, OpKind.HOLD, front_road_id))

    # 4. Combat units move up when the way is known clear, then assault.
    way_clear = all(p.known_road(r) == 0 for r in front.way_roads) and all(
        p.known_place(x) == 0 for x in front.way[1:])
    road_clear = p.known_road(front.road) == 0
    garrison = obs.places[front.target].garrison
    if garrison is None:
        garrison = obs.places[front.target].garrison_estimate[1]
    expected_kills = sum(
        (rules.strike_kills_base + rules.strike_kills_spread / 2)
        * (rules.drone_strike_percent / 100 if a.kind == AirKind.DRONE else 1)
        for a in state.air for ln in strike_lines if b.ops[ln - 1].owner == a.id)
    left = max(0.0, garrison - expected_kills)
    town = p.known_place(front.target)
    town_factor = 1 + (town if town is not None else 3) * rules.town_trap_defense_percent / 100
    suppression = min(rules.air_suppression_max_percent,
                      len(strike_lines) * rules.air_suppression_percent)
    defence = left * rules.defender_multiplier * town_factor * (1 - suppression / 100)
    waits = [n for n in (*strike_lines, clear_line) if n is not None]
    after = max(waits) if waits else None
    attackers: list[tuple[float, UnitState]] = []
    for unit in sorted(combat, key=lambda u: -u.strength * u.readiness):
        here = p.where(unit)
        if unit.readiness < 40 and not (here == front.staging and road_clear):
            b.add(Operation(unit.id, OpKind.REST))
            continue
        if here != front.staging and (way_clear or unit.kind == UnitKind.TRIBAL):
            b.add(Operation(unit.id, OpKind.MOVE, staging_id))
        here = p.where(unit)
        if here != front.staging:
            if not way_clear:
                _advance_on_clear(b, ix, front, unit)
            continue
        if unit.days_out_of_supply < 2 and unit.readiness >= 40:
            attackers.append((_unit_attack(state, obs, unit, here), unit))
    # Assault in waves, strongest first, when together they outweigh the defence.
    waves: list[UnitState] = []
    if road_clear and sum(power for power, _ in attackers) >= 1.3 * defence:
        total = 0.0
        for power, unit in sorted(attackers, key=lambda pair: -pair[0]):
            waves.append(unit)
            total += power
            if total >= 1.3 * defence:
                break
    for unit in waves:
        line = b.add(Operation(unit.id, OpKind.ASSAULT, target_id, after=after))
        if line is not None:
            after = line.index
    for _, unit in attackers:
        if unit not in waves:
            b.add(Operation(unit.id, OpKind.HOLD, front_road_id))

    # 5. Support: depots on the way forward, convoys to them; advisers recon.
    _supply_work(b, ix, obs, front, units)
    for unit in others:
        if unit.kind == UnitKind.ADVISERS and scout_targets:
            here = p.where(unit)
            if here != front.staging and way_clear:
                b.add(Operation(unit.id, OpKind.MOVE, staging_id))
            for target in list(scout_targets):
                if b.add(Operation(unit.id, OpKind.RECON, target)):
                    scout_targets.remove(target)
    for unit in units:
        if unit.id not in p.end and unit.readiness < 90:
            b.add(Operation(unit.id, OpKind.REST))
    return b.plan()


def _job_place(ix: ScenarioIndex, front: _Front, job: str) -> int:
    """Where engineers stand for a job: a place, or the road's end nearer our rear."""
    if job in ix.place_pos:
        return ix.place_pos[job]
    road = ix.road_pos[job]
    if road == front.road:
        return front.staging
    a, b = ix.road_ends[road]
    order = {pos: i for i, pos in enumerate(front.way)}
    return a if order.get(a, 1 << 30) <= order.get(b, 1 << 30) else b


def _advance_on_clear(b: PlanBuilder, ix: ScenarioIndex, front: _Front, unit: UnitState) -> None:
    """Move as far along the way as it is known clear."""
    p = b.planner
    here = p.where(unit)
    start = 0 if here not in front.way else front.way.index(here)
    furthest = here if here in front.way else front.way[0]
    for i in range(start, len(front.way) - 1):
        if p.known_road(front.way_roads[i]) != 0 or p.known_place(front.way[i + 1]) != 0:
            break
        furthest = front.way[i + 1]
    if furthest != here:
        b.add(Operation(unit.id, OpKind.MOVE, ix.places[furthest].id))


def _supply_work(b: PlanBuilder, ix: ScenarioIndex, obs: Observation, front: _Front,
                 units: list[UnitState]) -> None:
    p = b.planner
    state = p.state
    supply = state.scenario.supply
    depots = {ix.place_pos[d.place]: d.range_km for d in state.depots}
    # When the staging place is out of supply, a new depot at the supplied, cleared
    # place of the way nearest the front, set up by whoever can get there.
    if len(depots) < supply.max_depots and not obs.places[front.staging].in_supply:
        for pos in reversed(front.way):
            view = obs.places[pos]
            if not view.in_supply or view.traps != 0 or view.supply_source or pos in depots:
                continue
            site = ix.places[pos].id
            ranked = sorted(units, key=lambda u: (u.kind in COMBAT, u.id in p.end))
            for unit in ranked:
                if p.where(unit) != pos and b.add(Operation(unit.id, OpKind.MOVE, site)) is None:
                    continue
                if b.add(Operation(unit.id, OpKind.ESTABLISH_DEPOT)):
                    break
            break
    # Convoys to the depot nearest the front that can still grow.
    top = supply.depot_range_max_km - 1e-6
    grow = [pos for pos in front.way if pos in depots and depots[pos] < top]
    if not grow:
        return
    depot = ix.places[grow[-1]].id
    carriers = [u for u in units if u.kind in (UnitKind.POLICE, UnitKind.ADVISERS)
                and u.id not in p.end]
    for unit in carriers:
        if b.add(Operation(unit.id, OpKind.CONVOY, depot)):
            break
