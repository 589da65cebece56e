"""A booby-trap going off under a unit: on a road it drives into, in a place it
enters, or at night in a trapped town it holds. One formula for all three.
"""

from __future__ import annotations

from game.engine.events import TrapStruck
from game.engine.state import Cause, UnitState
from game.engine.world import World


def strike(w: World, unit: UnitState, road: int | None, place: int | None,
           hour: float) -> tuple[UnitState, float]:
    """One level of the traps of `road` (or `place`) goes off under `unit`.

    Casualties L x trap_casualties_base + draw(0..L x trap_casualties_spread),
    readiness L x trap_readiness_per_level, hours L x trap_hours_per_level, for
    the level L before the strike; the level drops by one and becomes known.
    Returns the unit after the strike and the hours lost.
    """
    rules = w.rules
    if road is not None:
        level = w.roads[road].traps
        w.set_road_traps(road, level - 1)
        w.known_road_traps[road] = level - 1
        w.traps_fell(w.roads[road].id, hour, level - 1)
    else:
        assert place is not None
        level = w.places[place].traps
        w.set_place(place, traps=level - 1)
        w.known_place_traps[place] = level - 1
        w.traps_fell(w.places[place].id, hour, level - 1)
    casualties = level * rules.trap_casualties_base + w.rng.randint(
        0, level * rules.trap_casualties_spread)
    casualties = min(casualties, unit.strength)
    hours = level * rules.trap_hours_per_level
    was = unit.readiness
    unit = w.hurt(unit, casualties, level * rules.trap_readiness_per_level, Cause.TRAPS)
    w.traps_struck += 1
    w.events.append(TrapStruck(
        w.day, round(hour, 3),
        unit.id,
        w.ix.roads[road].id if road is not None else None,
        w.ix.places[place].id if place is not None else None,
        level, casualties, hours, was - unit.readiness,
    ))
    return unit, hours


def night_in_trapped_towns(w: World, hour: float) -> None:
    """A held place whose traps are not cleared strikes the strongest unit in it, once a night.

    Booby-trapped houses keep killing after a town falls, until engineers clear it.
    """
    ix = w.ix
    player = ix.player
    place_pos = ix.place_pos
    # Where units stand; who stands there is gathered only for the few trapped places (a
    # strike changes only the unit it strikes, and none is moved).
    for pos in sorted({place_pos[unit.at] for unit in w.units.values()}):
        if w.places[pos].side != player or w.places[pos].traps <= 0:
            continue
        target = max((u for u in w.units.values() if place_pos[u.at] == pos),
                     key=lambda u: u.strength)  # max keeps the first of equals
        strike(w, target, None, pos, hour)
