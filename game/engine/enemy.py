"""The enemy's doctrine: simple, readable, deterministic given the seed.

Each night, in this order and in the scenario's order of places:
1. re-seed: every road with an end within `reseed_reach_km` by road of a place
   it holds, that no player unit watches (a `hold` on the road, or on a place
   at either end, or engineers who cleared it that day, still there), gains
   one trap level with chance `reseed_percent`, up to `reseed_max_level`;
2. factories: every `vbied_build_days` days each factory it holds builds a car
   bomb, up to `vbieds_max_per_place`, unless the place is cut off from the
   border (its lines to the crossings are cut: see `supply.enemy_cut_off`);
3. moves, within a night's drive (`enemy_move_km` by road over places it holds):
   - fall back: a place whose defence the player's units next to it outweigh
     `fall_back_odds_percent`/100 times over pulls out toward the border, to
     the neighbour it holds nearest a crossing (from a crossing: into Syria),
     leaving `stay_behind_percent` of its fighters and one more trap level;
   - reinforce: each place on its front (next to a place the player holds)
     that is not cut off, the most threatened first (the attack of the
     player's units next to it over its defence), draws `reinforce_percent` of
     the spare fighters (above `counterattack_min_garrison`) of every place
     behind the front within reach, except the objectives: its strongholds
     keep their fighters;
4. car bombs: each place it holds with a car bomb launches one at the
   strongest player unit it can reach (one road away, at most `vbieds_reach_km`,
   or across a destroyed bridge the unit is bridging), preferring one out of
   **air cover** (an aircraft flew a strike or recon that day over the place
   or a place next to it); the target stops it with `vbied_stop_percent`
   chance, or with `vbied_cover_stop_percent` under air cover;
5. counterattacks: each place with at least `counterattack_min_garrison`
   fighters strikes the weakest unit it can reach (at most
   `counterattack_reach_km`, or across a bridge being laid) whose defence is
   below the garrison x `counterattack_odds_percent`/100; the unit loses
   `counterattack_losses_percent` x (0.5..1.5) of its strength: counterattacks
   wear, they do not destroy.
When a place falls (during the day), its survivors withdraw toward the border
the same way a place falls back; while the enemy holds a crossing,
`flee_percent` of those who withdraw slip across it into Syria.
"""

from __future__ import annotations

from collections import deque
from itertools import compress, repeat
from operator import add, attrgetter

from game.engine import combat, searches
from game.engine.enemy_ground import Border, factories, ground, near_own, open_km
from game.engine.events import (
    Counterattack,
    EnemyReinforced,
    EnemyWithdrew,
    TrapsReseeded,
    VbiedAttack,
)
from game.engine.index import attack_percent
from game.engine.model import MAX_TRAP_LEVEL
from game.engine.record import rows
from game.engine.state import Cause, RoadState, UnitState
from game.engine.world import DESTROYED, TRAPS, World

NIGHT = 24.0
ID = attrgetter("id")
BRIDGING, SWEPT = attrgetter("bridging"), attrgetter("swept")


def defence_power(world: World, unit: UnitState) -> float:
    """A unit's worth when the enemy picks a target: attack, with a floor for support units."""
    rules = world.rules
    pct = max(attack_percent(rules, unit.kind), 50.0)
    power = unit.strength * unit.readiness / 100.0 * pct / 100.0
    if not world.supplied[world.ix.place_pos[unit.at]]:
        power *= rules.out_of_supply_attack_percent / 100.0
    return power


def night(world: World, watched_roads: set[int], covered: set[int],
          bridgers: list[tuple[str, int]], sides: tuple[str, ...],
          destroyed: tuple[bool, ...]) -> None:
    """The enemy's night on the board's columns as the day left them (`sides`,
    `destroyed`)."""
    # No place changes hands at night and no road is cut: the enemy's places and the
    # roads it drives are the same all night, worked out once.
    # Nor does a player's unit move: the units by place are the same all night too
    # (each strike reads the unit as it is then).
    own, border = ground(world.ix, sides, destroyed)
    road_km = open_km(world, destroyed)
    reseed(world, watched_roads, own, road_km, border)
    cut_off = searches.cut_off(world.ix, sides, destroyed)
    build_vbieds(world, cut_off)
    at = _units_by_place(world)
    move(world, cut_off, own, road_km, at, sides, destroyed, border)
    reach = _reachable(world, bridgers, own, destroyed, border)
    launch_vbieds(world, covered, reach, at)
    counterattack(world, reach, at)


def reseed(world: World, watched_roads: set[int], own: list[bool],
           road_km: list[float | None], border: Border) -> None:
    """Cells slip out at night and mine the roads near the places the enemy holds."""
    if "traps" in world.without:
        return
    ix = world.ix
    rules = world.rules
    ceiling = rules.reseed_max_level
    limit = rules.reseed_reach_km
    if limit < 0:
        return  # no road is that near
    near = near_own(world, own, road_km, limit, border)
    roads = world.roads
    road_a, road_b = ix.road_a, ix.road_b
    known = world.known_road_traps
    # The roads below the ceiling that the cells can reach, in order: each draws its
    # chance, in order, and none other. (A comprehension reads the records' traps for
    # less than `map` of an attrgetter, at any size.)
    drawing = [road for road, state in enumerate(roads)
               if state.traps < ceiling and (near[road_a[road]] or near[road_b[road]])
               and not state.destroyed and road not in watched_roads]
    # `World.set_road_traps` written out, and each column of the new roads and the
    # events made in a C loop: thousands of roads a night on a large map.
    mined = list(compress(drawing, world.rng.chances(rules.reseed_percent, len(drawing))))
    if not mined:  # most nights on a small map: no columns to build
        return
    was = list(map(roads.__getitem__, mined))
    count = len(mined)
    ids = list(map(ID, was))  # a road's state holds its road's id: the events' too
    # A sweep's banked hours stay: the stretch it covered is still swept.
    deque(map(roads.__setitem__, mined, rows(
        RoadState, ids, map(add, map(TRAPS, was), repeat(1, count)),
        map(DESTROYED, was), map(BRIDGING, was), map(SWEPT, was))), 0)
    deque(map(known.__setitem__, mined, repeat(None, count)), 0)
    world.events += rows(TrapsReseeded, repeat(world.day, count), repeat(NIGHT, count), ids)


def build_vbieds(world: World, cut_off: list[bool]) -> None:
    rules = world.rules
    if "vbieds" in world.without:
        return
    if rules.vbied_build_days <= 0 or world.day % rules.vbied_build_days != 0:
        return
    enemy = world.ix.enemy
    for pos in factories(world.ix):
        place = world.places[pos]
        if (place.side == enemy and not cut_off[pos]
                and place.vbieds < rules.vbied_max_per_place):
            world.set_place(pos, vbieds=place.vbieds + 1)
            world.known_vbieds[pos] = None


# --- the enemy's moves ---------------------------------------------------------

def _units_by_place(world: World) -> dict[int, list[UnitState]]:
    at: dict[int, list[UnitState]] = {}
    for unit in world.units.values():
        at.setdefault(world.ix.place_pos[unit.at], []).append(unit)
    return at


def threats(world: World, cut_off: list[bool],
            at: dict[int, list[UnitState]]) -> dict[int, float]:
    """For each enemy place with player units next to it, a night's drive away at most
    (`enemy_move_km`): their attack over its defence."""
    ix = world.ix
    rules = world.rules
    out: dict[int, float] = {}
    # Only an enemy place next to a place with units can be threatened: those, in the
    # order of places (the order the night reads them in).
    beside = sorted({other for here in at for _, other in ix.adjacency[here]})
    for pos in beside:
        place = world.places[pos]
        if place.side != ix.enemy:
            continue
        attack = 0.0
        for road, other in ix.adjacency[pos]:
            if world.roads[road].destroyed or ix.roads[road].km > rules.enemy_move_km:
                continue
            for unit in at.get(other, ()):
                attack += combat.unit_attack(rules, unit.kind, unit.strength, unit.readiness,
                                             world.supplied[other])
        if attack <= 0:
            continue
        value = combat.defence(rules, place.garrison, place.traps, 0, cut_off[pos])
        out[pos] = attack / value if value > 0 else float("inf")
    return out


def move(world: World, cut_off: list[bool], own: list[bool], road_km: list[float | None],
         at: dict[int, list[UnitState]], sides: tuple[str, ...],
         destroyed: tuple[bool, ...], border: Border) -> None:
    rules = world.rules
    danger = threats(world, cut_off, at)
    far: dict[int, float] | None = None  # only when a place may fall back
    abandoned: set[int] = set()
    for pos in sorted(danger):
        place = world.places[pos]
        if danger[pos] * 100.0 < rules.fall_back_odds_percent or place.garrison <= 0:
            continue
        if far is None:
            far = _distance_to_border(world, own, road_km)
        if not _has_retreat(world, pos, far):
            continue  # cut off: nowhere to go, it fights where it stands
        stay = int(place.garrison * rules.stay_behind_percent / 100.0)
        world.set_place(pos, garrison=stay, traps=min(MAX_TRAP_LEVEL, place.traps + 1))
        _seen_change(world, pos, stay - place.garrison)
        world.known_place_traps[pos] = None  # what they left behind in the houses is not
        withdraw(world, pos, place.garrison - stay, NIGHT, far)
        abandoned.add(pos)
    _reinforce(world, danger, cut_off, abandoned, own, road_km, sides, destroyed, border)


def _reinforce(world: World, danger: dict[int, float], cut_off: list[bool],
               abandoned: set[int], own: list[bool], road_km: list[float | None],
               sides: tuple[str, ...], destroyed: tuple[bool, ...], border: Border) -> None:
    """Fighters flow each night from quiet places to the front (places next to one the
    player holds, but for those it just pulled out of), the most threatened first."""
    ix = world.ix
    rules = world.rules
    keep = rules.counterattack_min_garrison
    strongholds = {pos for pos, _ in ix.objectives}
    # Fighters move over the enemy's own places and open roads (`own`, `road_km`):
    # neither changes here.
    # The front: the enemy places across an open road from one the player holds (found
    # across the enemy's line: on a large map far fewer places than either side holds),
    # neither cut off nor pulled out of tonight; the most threatened first, then in the
    # order of places. Read off the night's columns alone (`cut_off` and `own` come from
    # them) and the places pulled out of, remembered by them on a small map.
    player = ix.player
    on_front: set[int] = searches.answer(
        ix, lambda: ("enemy front", id(ix), sides, destroyed, tuple(sorted(abandoned))),
        lambda: {other for pos, road, other in border()
                 if sides[pos] == player and not destroyed[road]
                 and not cut_off[other] and other not in abandoned})
    sent: set[int] = set()
    for goal in sorted(on_front, key=lambda p: (-danger.get(p, 0.0), p)):
        near = border.drive(goal, road_km, rules.enemy_move_km)
        for pos in sorted(near):
            if pos == goal or pos in on_front or pos in sent or pos in strongholds \
                    or near[pos] > rules.enemy_move_km:
                continue
            place = world.places[pos]
            fighters = int(max(0, place.garrison - keep) * rules.reinforce_percent / 100.0)
            if fighters <= 0:
                continue
            sent.add(pos)
            world.set_place(pos, garrison=place.garrison - fighters)
            target = world.places[goal]
            world.set_place(goal, garrison=target.garrison + fighters)
            # The column was seen on the road: who knew a garrison knows its new size.
            _seen_change(world, pos, -fighters)
            _seen_change(world, goal, fighters)
            world.events.append(EnemyReinforced(world.day, NIGHT, ix.places[pos].id,
                                                ix.places[goal].id, fighters))


def _has_retreat(world: World, pos: int, far: dict[int, float]) -> bool:
    return pos in world.ix.crossings or any(
        other in far and far[other] < far.get(pos, float("inf"))
        for road, other in world.ix.adjacency[pos] if not world.roads[road].destroyed)


def withdraw(world: World, lost: int, fighters: int, hour: float,
             far: dict[int, float] | None = None) -> None:
    """`fighters` leave place `lost` toward the border. While the enemy holds a crossing,
    `flee_percent` of them slip across into Syria; the rest go to the neighbouring place
    it holds nearest a crossing by road. From a crossing (across the border), or cut
    off with nowhere to go (they scatter), all leave the game."""
    ix = world.ix
    enemy = ix.enemy
    if fighters <= 0:
        return
    if far is None:
        far = _distance_to_border(world)
    here = far.get(lost, float("inf"))
    options = [other for road, other in ix.adjacency[lost]
               if not world.roads[road].destroyed and world.places[other].side == enemy
               and far.get(other, float("inf")) < here]
    if not options or lost in ix.crossings:
        # From a crossing they go over; from a place cut off from every crossing, with
        # no road out, they scatter into the desert: either way they leave the game.
        world.events.append(EnemyWithdrew(world.day, hour, ix.places[lost].id, None, fighters,
                                          scattered=lost not in ix.crossings))
        return
    fled = int(fighters * world.rules.flee_percent / 100.0) if far else 0
    to = min(options, key=lambda p: (far.get(p, float("inf")), -world.places[p].garrison, p))
    staying = fighters - fled
    if staying > 0:
        place = world.places[to]
        world.set_place(to, garrison=place.garrison + staying)
        _seen_change(world, to, staying)
    world.events.append(EnemyWithdrew(world.day, hour, ix.places[lost].id, ix.places[to].id,
                                      staying, fled))


def _seen_change(world: World, pos: int, fighters: int) -> None:
    """Fighters the player watched leave or arrive: a garrison it knew stays known."""
    known = world.known_garrisons[pos]
    if known is not None:
        world.known_garrisons[pos] = max(0, known + fighters)


def _distance_to_border(world: World, own: list[bool] | None = None,
                        road_km: list[float | None] | None = None) -> dict[int, float]:
    """km from each enemy place to the nearest crossing it holds, over its own roads
    (`own`, `road_km`: the night's tables, when it has them)."""
    ix = world.ix
    enemy = ix.enemy
    crossings = [c for c in ix.crossings if world.places[c].side == enemy]
    if own is None:
        own = world.held_by(enemy)
    return searches.km_reach(ix, crossings, own,
                             open_km(world) if road_km is None else road_km)


# --- car bombs and counterattacks ---------------------------------------------

Reach = dict[int, list[tuple[int, float, frozenset[str] | None]]]


def _reachable(world: World, bridgers: list[tuple[str, int]], own: list[bool],
               destroyed: tuple[bool, ...], border: Border) -> Reach:
    """For each enemy place: (player place, road km, units) it can strike at tonight.

    One road away over a road not destroyed (units None: any unit there), or
    across a destroyed road some units worked on a bridge over today (those
    units alone: they were out on the bank, in the open).
    """
    ix = world.ix

    def search() -> Reach:
        adjacency = ix.adjacency
        # Its places next to one it does not hold, in the order of places.
        edge = sorted({other for _, _, other in border()})
        out: Reach = {}
        for pos in edge:
            for road, other in adjacency[pos]:
                if own[other]:
                    continue
                if not destroyed[road]:
                    out.setdefault(pos, []).append((other, ix.roads[road].km, None))
                    continue
                exposed = frozenset(u for u, r in bridgers if r == road)
                if exposed:
                    out.setdefault(pos, []).append((other, ix.roads[road].km, exposed))
        return out

    # Remembered on a small map by all it reads: the enemy's ground, the broken roads and
    # who worked on a bridge (shared: read only).
    return searches.answer(
        ix, lambda: ("enemy reach", id(ix), tuple(own), destroyed, tuple(bridgers)), search)


def _in_reach(world: World, at: dict[int, list[UnitState]], other: int,
              only: frozenset[str] | None) -> list[UnitState]:
    return [world.units[u.id] for u in at.get(other, ())
            if u.id in world.units and (only is None or u.id in only)]


def launch_vbieds(world: World, covered: set[int], reach: Reach,
                  at: dict[int, list[UnitState]]) -> None:
    rules = world.rules
    if "vbieds" in world.without:
        return
    hit: set[str] = set()
    for pos in sorted(reach):
        place = world.places[pos]
        if place.vbieds <= 0:
            continue
        targets = [(other in covered or pos in covered, u) for other, km, only in reach[pos]
                   if km <= rules.vbied_reach_km
                   for u in _in_reach(world, at, other, only) if u.id not in hit]
        if not targets:
            continue
        # The strongest unit it can reach, one out of the aircraft's sight if it can.
        watched, target = min(targets, key=lambda pair: (pair[0], -pair[1].strength))
        hit.add(target.id)
        world.set_place(pos, vbieds=place.vbieds - 1)
        world.known_vbieds[pos] = None
        stop = rules.vbied_cover_stop_percent if watched else rules.vbied_stop_percent
        stopped = world.rng.chance(stop)
        casualties = 0
        if stopped:
            world.vbieds_destroyed += 1
        else:
            casualties = min(target.strength, rules.vbied_casualties_base
                             + world.rng.randint(0, rules.vbied_casualties_spread))
            world.hurt(target, casualties, rules.vbied_readiness_loss, Cause.VBIEDS)
        world.events.append(VbiedAttack(world.day, NIGHT, place.id, target.id, target.at,
                                        stopped, casualties))


def counterattack(world: World, reach: Reach, at: dict[int, list[UnitState]]) -> None:
    rules = world.rules
    hit: set[str] = set()
    for pos in sorted(reach):
        place = world.places[pos]
        if place.garrison < rules.counterattack_min_garrison:
            continue
        threshold = place.garrison * rules.counterattack_odds_percent / 100.0
        weak: list[tuple[float, UnitState]] = []
        for other, km, only in reach[pos]:
            if km > rules.counterattack_reach_km:
                continue
            for unit in _in_reach(world, at, other, only):
                if unit.id in hit or unit.strength <= 0:
                    continue
                power = defence_power(world, unit)
                if power < threshold:
                    weak.append((power, unit))
        if not weak:
            continue
        _, target = min(weak, key=lambda pair: pair[0])
        hit.add(target.id)
        share = rules.counterattack_losses_percent / 100.0 * (0.5 + world.rng.fraction())
        losses = min(target.strength, int(target.strength * share + 0.5))
        enemy_losses = min(place.garrison, losses // 2)
        world.hurt(target, losses, rules.counterattack_readiness_loss, Cause.COUNTERATTACKS)
        world.set_place(pos, garrison=place.garrison - enemy_losses)
        world.enemy_losses += enemy_losses
        if world.known_garrisons[pos] is not None:
            world.known_garrisons[pos] = place.garrison - enemy_losses
        world.events.append(Counterattack(world.day, NIGHT, place.id, target.id, target.at,
                                          losses, enemy_losses))
