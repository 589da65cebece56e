"""The `reckless` policy: the doctrine without its engineers and its caution.

It plays the doctrine's day (`doctrine._Day`) but never clears a trap or spans a
bridge with its engineers, and drives and assaults over roads and places it has
not seen cleared: the traps it does not know of stop and bleed its columns. It
is what skipping the engineers costs, measured against the doctrine on the
same seeds (docs/rules.md, "Balance"): the rules are meant to make it lose.
"""

from __future__ import annotations

from game.engine.doctrine import _Day, plan_with
from game.engine.doctrine_day import operation
from game.engine.operations import Plan
from game.engine.plan import MOVE, Risk
from game.engine.state import GameState, UnitState


def reckless_plan(state: GameState) -> Plan:
    return plan_with(state, _Reckless)


class _Reckless(_Day):
    def engineer(self) -> None:
        """Its engineers clear nothing and span nothing."""

    def road_ready(self) -> bool:
        return not self.front.bridge  # a road not known clear too

    def may_cross(self) -> bool:
        return True

    def safe_move(self, unit: UnitState, to: int) -> bool:
        """Any move the checker accepts, whatever traps it may drive into."""
        return self.b.add(operation(unit.id, MOVE, self.ix.places[to].id)) is not None

    def accepts(self, risks: tuple[Risk, ...]) -> bool:
        return True
