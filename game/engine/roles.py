"""Which kinds of unit may do what, and which operations a scenario's forces can ever do.

The plan checker (`ground.py`) refuses a line by these kinds; `possible_operations`
reads them over every unit and aircraft the player will command, reinforcements
included, so that what the tutorial teaches never names an operation no one in the
scenario can do. A light module: checking a scenario or teaching imports no checker.
"""

from __future__ import annotations

from game.engine.model import Reinforcements, Scenario, SortiesChange, UnitKind
from game.engine.plan import OpKind

# As `plan.MOVE` and the others: a member read off its enum class costs ten times.
ENGINEERS = UnitKind.ENGINEERS  # the only ones who clear traps and lay bridges
# Kinds that never assault: they have no attack of their own.
NON_COMBAT = (UnitKind.ADVISERS, ENGINEERS, UnitKind.LOGISTICS)


def possible_operations(scenario: Scenario) -> frozenset[OpKind]:
    """The operation kinds some unit or air asset of the player's side can ever do."""
    side = scenario.player_side
    units = [u for u in scenario.units if u.side == side]
    for event in scenario.events:
        if isinstance(event, Reinforcements):
            units += [u for u in event.units if u.side == side]
    kinds = {u.kind for u in units}
    assets = {a.id for a in scenario.air if a.side == side}
    flying = any(a.side == side and a.sorties > 0 for a in scenario.air) or any(
        isinstance(e, SortiesChange) and e.asset in assets and e.sorties > 0
        for e in scenario.events)
    possible: set[OpKind] = set()
    if kinds:
        possible |= {OpKind.MOVE, OpKind.RECON, OpKind.HOLD, OpKind.REST}
        if scenario.supply.max_depots > 0:
            possible |= {OpKind.ESTABLISH_DEPOT, OpKind.CONVOY}
    if ENGINEERS in kinds:
        possible |= {OpKind.CLEAR, OpKind.BRIDGE}
    if kinds - set(NON_COMBAT):
        possible.add(OpKind.ASSAULT)
    if flying:
        possible |= {OpKind.RECON, OpKind.AIR_STRIKE}
    return frozenset(possible)
