"""The enemy's doctrine: simple, readable, deterministic given the seed.

Each night, in this order and in the scenario's order of places:
1. re-seed: every road at a place it holds that no player unit watches (a
   `hold` on the road, or on a place at either end, by a unit still there)
   gains one trap level, up to `reseed_max_level`;
2. factories: every `vbied_build_days` days each factory it holds builds a car
   bomb, up to `vbied_max_per_place`;
3. car bombs: each place it holds with a car bomb launches one at the
   strongest player unit next to it (one road away) not under air cover; a
   place is under air cover for the night when an aircraft flew a mission
   (strike or recon) that day over it or over a place next to it, and the
   enemy does not launch from or at a place under cover;
4. counterattacks: each place it holds with at least
   `counterattack_min_garrison` fighters strikes the weakest player unit next
   to it whose defence is below the garrison (times `counterattack_odds_percent`).
When a place falls (during the day), its survivors withdraw toward the border:
to the neighbouring place it holds that is nearest by road to a crossing.
"""

from __future__ import annotations

from game.engine.events import Counterattack, EnemyWithdrew, TrapsReseeded, VbiedAttack
from game.engine.index import attack_percent
from game.engine.paths import km_from
from game.engine.state import Cause, UnitState
from game.engine.world import World

NIGHT = 24.0


def defence_power(world: World, unit: UnitState) -> float:
    """A unit's worth when the enemy picks a target: attack, with a floor for support units."""
    rules = world.rules
    pct = max(attack_percent(rules, unit.kind), 50.0)
    power = unit.strength * unit.readiness / 100.0 * pct / 100.0
    if not world.supplied[world.ix.place_pos[unit.at]]:
        power *= rules.out_of_supply_attack_percent / 100.0
    return power


def night(world: World, watched_roads: set[int], covered: set[int]) -> None:
    reseed(world, watched_roads)
    build_vbieds(world)
    launch_vbieds(world, covered)
    counterattack(world)


def reseed(world: World, watched_roads: set[int]) -> None:
    if "traps" in world.without:
        return
    ix = world.ix
    enemy = ix.enemy
    ceiling = world.rules.reseed_max_level
    for road, (a, b) in enumerate(ix.road_ends):
        if road in watched_roads:
            continue
        if world.places[a].side != enemy and world.places[b].side != enemy:
            continue
        state = world.roads[road]
        if state.destroyed or state.traps >= ceiling:
            continue
        world.set_road_traps(road, state.traps + 1)
        if world.known_road_traps[road] is not None:
            world.known_road_traps[road] = None
        world.events.append(TrapsReseeded(world.day, NIGHT, ix.roads[road].id))


def build_vbieds(world: World) -> None:
    rules = world.rules
    if "vbieds" in world.without:
        return
    if rules.vbied_build_days <= 0 or world.day % rules.vbied_build_days != 0:
        return
    enemy = world.ix.enemy
    for pos, spec in enumerate(world.ix.places):
        place = world.places[pos]
        if spec.vbied_factory and place.side == enemy and place.vbieds < rules.vbied_max_per_place:
            world.set_place(pos, vbieds=place.vbieds + 1)
            world.known_vbieds[pos] = None


def _units_by_place(world: World) -> dict[int, list[UnitState]]:
    at: dict[int, list[UnitState]] = {}
    for unit in world.units.values():
        at.setdefault(world.ix.place_pos[unit.at], []).append(unit)
    return at


def launch_vbieds(world: World, covered: set[int]) -> None:
    ix = world.ix
    rules = world.rules
    enemy = ix.enemy
    at = _units_by_place(world)
    hit: set[str] = set()
    for pos in range(len(world.places)):
        place = world.places[pos]
        if place.side != enemy or place.vbieds <= 0 or pos in covered:
            continue
        targets: list[UnitState] = []
        for road, other in ix.adjacency[pos]:
            if world.roads[road].destroyed or other in covered:
                continue
            targets += [world.units[u.id] for u in at.get(other, ()) if u.id not in hit]
        targets = [u for u in targets if u.id in world.units]
        if not targets:
            continue
        target = max(targets, key=lambda u: u.strength)  # max keeps the first of equals
        hit.add(target.id)
        world.set_place(pos, vbieds=place.vbieds - 1)
        world.known_vbieds[pos] = None
        stopped = world.rng.chance(rules.vbied_stop_percent)
        casualties = 0
        if stopped:
            world.vbieds_destroyed += 1
        else:
            casualties = min(target.strength, rules.vbied_casualties_base
                             + world.rng.randint(0, rules.vbied_casualties_spread))
            world.hurt(target, casualties, rules.vbied_readiness_loss, Cause.VBIEDS)
        world.events.append(VbiedAttack(world.day, NIGHT, place.id, target.id, target.at,
                                        stopped, casualties))


def counterattack(world: World) -> None:
    ix = world.ix
    rules = world.rules
    enemy = ix.enemy
    at = _units_by_place(world)
    hit: set[str] = set()
    for pos in range(len(world.places)):
        place = world.places[pos]
        if place.side != enemy or place.garrison < rules.counterattack_min_garrison:
            continue
        threshold = place.garrison * rules.counterattack_odds_percent / 100.0
        weak: list[tuple[float, UnitState]] = []
        for road, other in ix.adjacency[pos]:
            if world.roads[road].destroyed or world.places[other].side == enemy:
                continue
            for u in at.get(other, ()):
                unit = world.units.get(u.id)
                if unit is None or unit.id in hit or unit.strength <= 0:
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


def withdraw(world: World, lost: int, survivors: int, hour: float) -> None:
    """The survivors of a fallen place fall back toward the border."""
    ix = world.ix
    enemy = ix.enemy
    fighters = int(survivors * world.rules.withdraw_percent / 100.0)
    options = [other for road, other in ix.adjacency[lost]
               if not world.roads[road].destroyed and world.places[other].side == enemy]
    to: int | None = None
    if options:
        far = _distance_to_border(world)
        to = min(options, key=lambda p: (far.get(p, float("inf")), -world.places[p].garrison, p))
        if fighters > 0:
            place = world.places[to]
            world.set_place(to, garrison=place.garrison + fighters)
            world.known_garrisons[to] = None
    world.events.append(EnemyWithdrew(world.day, hour, ix.places[lost].id,
                                      ix.places[to].id if to is not None else None, fighters))


def _distance_to_border(world: World) -> dict[int, float]:
    """km from each enemy place to the nearest crossing it holds, over its own roads."""
    ix = world.ix
    enemy = ix.enemy
    crossings = [c for c in ix.crossings if world.places[c].side == enemy]
    return km_from(ix, crossings, lambda place: world.places[place].side == enemy,
                   lambda road: not world.roads[road].destroyed)
