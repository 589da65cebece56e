"""The fast paths give the answers the plain ones gave: one search a unit instead of one a
destination, a move's hours walked down the tree of quickest ways, an air asset's sortie
checked once, a random plan walked by one planner, and the enemy's search for
reinforcements cut at the distance it can move."""

from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest

from game.data.scenario import load_scenario, parse_scenario
from game.engine import GameState, apply_plan, choose_plan, new_game
from game.engine.beliefs import Way
from game.engine.index import index_of
from game.engine.model import Scenario, UnitKind
from game.engine.operations import (
    Operation,
    OperationChoice,
    OpKind,
    Plan,
    Planner,
    legal_operations,
)
from game.engine.paths import Search, all_costs, find_path, km_from
from game.engine.rng import Rng, seed_state

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CAMPAIGN = ROOT / "scenarios" / "western-anbar-2017.yaml"


class PlainPlanner(Planner):
    """The checker as it was: one `find_path` for every way asked."""

    def way(self, kind: UnitKind, here: int, goal: int) -> Way | None:
        return find_path(self.ix, here, goal, self.held, self.drive_costs(kind).__getitem__)

    def cleared_way(self, kind: UnitKind, here: int, goal: int) -> Way | None:
        costs = self.drive_costs(kind)

        def clear_cost(road: int) -> float | None:
            return costs[road] if self.known_road(road) == 0 else None

        return find_path(self.ix, here, goal, self.held, clear_cost)


def plain_legal_operations(state: GameState, owner: str,
                           plan: Plan = ()) -> tuple[OperationChoice, ...]:
    """`legal_operations` as it was: every candidate asked of the checker, one by one."""
    planner = PlainPlanner(state)
    for op in plan:
        planner.check(op)
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
        for r, other in roads:
            candidates.append((OpKind.CLEAR, ix.roads[r].id))
            if planner.held(other):
                candidates.append((OpKind.CLEAR, ix.places[other].id))
        for r, other in roads:
            if not planner.held(other) or other in planner.assaults:
                candidates.append((OpKind.ASSAULT, ix.places[other].id))
            if state.roads[r].destroyed:
                candidates.append((OpKind.BRIDGE, ix.roads[r].id))
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
                                           round(line.end - line.start, 3), line.estimate,
                                           line.sweep_done))
        else:
            choices.append(OperationChoice(kind, target, False, line.error, 0.0))
    return tuple(choices)


def plain_random_plan(state: GameState) -> Plan:
    """The random policy as it was: `legal_operations` on the whole plan so far, each time."""
    rng = Rng(seed_state(state.seed * 1_000_003 + state.day))
    plan: list[Operation] = []
    for owner in [u.id for u in state.units] + [a.id for a in state.air]:
        for _ in range(rng.randint(0, 2)):
            legal = [c for c in plain_legal_operations(state, owner, tuple(plan)) if c.legal]
            if not legal:
                break
            choice = legal[rng.below(len(legal))]
            plan.append(Operation(owner, choice.kind, choice.target))
    return tuple(plan)


def _generated(places: int, seed: int = 3) -> Scenario:
    from bench.gen_scenario import generate

    return parse_scenario(generate(places, places * 3 // 2, seed), "generated.yaml")


def _days(scenario: Scenario, policy: str, days: int, seed: int = 1) -> list[GameState]:
    state = new_game(scenario, seed)
    states = [state]
    for _ in range(days):
        if state.over:
            break
        state, _ = apply_plan(state, choose_plan(policy, state))
        states.append(state)
    return states


def _owners(state: GameState) -> list[str]:
    return [u.id for u in state.units] + [a.id for a in state.air]


def test_legal_operations_as_before_on_the_campaign() -> None:
    scenario = load_scenario(CAMPAIGN)
    for state in _days(scenario, "doctrine", 6)[::2]:
        plan = choose_plan("doctrine", state)
        for owner in _owners(state):
            for before in ((), plan[: len(plan) // 2], plan):
                assert legal_operations(state, owner, before) == \
                    plain_legal_operations(state, owner, before), (state.day, owner, before)


def test_legal_operations_as_before_on_a_generated_scenario() -> None:
    scenario = _generated(300)
    for state in _days(scenario, "random", 4)[::2]:
        plan = choose_plan("random", state)
        for owner in _owners(state):
            for before in ((), plan):
                assert legal_operations(state, owner, before) == \
                    plain_legal_operations(state, owner, before), (state.day, owner)


@pytest.mark.parametrize("seed", [1, 4])
def test_the_random_policy_plays_as_before(seed: int) -> None:
    for state in _days(load_scenario(CAMPAIGN), "random", 5, seed):
        assert choose_plan("random", state) == plain_random_plan(state)


def test_one_search_finds_every_way_find_path_finds() -> None:
    scenario = _generated(400, seed=5)
    ix = index_of(scenario)
    rng = random.Random(2)
    costs = [road.km * rng.choice((1.0, 1.0, 2.0)) if rng.random() > 0.05 else None
             for road in ix.roads]
    blocked = set(rng.sample(range(len(ix.places)), 60))

    def passable(place: int) -> bool:
        return place not in blocked

    for start in rng.sample(range(len(ix.places)), 5):
        search = Search(ix, start, passable, costs.__getitem__)
        goals = [*rng.sample(range(len(ix.places)), 80), start]
        for goal in goals:  # asked in any order: nearer or farther than the last
            assert search.way(goal) == find_path(ix, start, goal, passable,
                                                 costs.__getitem__), (start, goal)
        assert search.settle() == all_costs(ix, start, passable, costs.__getitem__)


def test_km_within_a_limit_are_the_km_without_it() -> None:
    ix = index_of(_generated(400, seed=6))
    starts = [0, 17]
    whole = km_from(ix, starts, lambda place: place % 7 != 3, lambda road: road % 11 != 0)
    near = km_from(ix, starts, lambda place: place % 7 != 3, lambda road: road % 11 != 0,
                   limit=40.0)
    assert near == {pos: km for pos, km in whole.items() if km <= 40.0}


def test_a_places_roads_are_those_a_list_of_roads_a_place_gives() -> None:
    """The chains of roads by place give each place's roads in the roads' order, a road
    from a place to itself (no checked scenario has one) at both its ends."""
    from game.engine.index import RoadsAt

    rng = random.Random(7)
    a = tuple(rng.randrange(6) for _ in range(40))
    b = tuple(rng.randrange(6) for _ in range(40))
    last, before_a, before_b = [-1] * 7, [], []
    for road, (x, y) in enumerate(zip(a, b, strict=True)):
        before_a.append(last[x])
        last[x] = road
        before_b.append(last[y])
        last[y] = road
    adjacency = RoadsAt(last, before_a, before_b, a, b)
    for place in range(7):
        listed = [road for road, ends in enumerate(zip(a, b, strict=True))
                  for end in ends if end == place]
        assert adjacency[place] == tuple(
            (road, b[road] if a[road] == place else a[road]) for road in listed)
    scenario = _generated(300)
    ix = index_of(scenario)
    for place in range(len(scenario.places)):
        assert ix.adjacency[place] == tuple(
            (road, ix.road_b[road] if ix.road_a[road] == place else ix.road_a[road])
            for road in range(len(scenario.roads)) if place in ix.ends(road))
