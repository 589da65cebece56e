"""What a plan is made of: the operation kinds, an operation (one plan line as
the player writes it), the plan, and what checking it gives back: each line's
schedule and known risks, the choices an owner has, and the error for a
refused line. Data only; `planner` does the checking.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING

from game.engine.record import record

if TYPE_CHECKING:  # annotations only: a game's first frame needs neither module
    from game.engine.combat import AssaultEstimate
    from game.engine.refusals import Refusal


class OpKind(StrEnum):
    MOVE = "move"
    RECON = "recon"
    CLEAR = "clear"
    ASSAULT = "assault"
    AIR_STRIKE = "air_strike"
    ESTABLISH_DEPOT = "establish_depot"
    CONVOY = "convoy"
    BRIDGE = "bridge"
    HOLD = "hold"
    REST = "rest"


@record
class Operation:
    """One plan line: `owner` (unit or air asset id) does `kind` to `target`.

    `after` is the 1-based number of an earlier line this one waits for.
    `standing`: the player wants the line again every day until they change it
    (a hold or a rest); the day's execution ignores it, and `standing.py`
    carries it into the next day's draft.
    """

    owner: str
    kind: OpKind
    target: str | None = None
    after: int | None = None
    standing: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.kind, OpKind):
            object.__setattr__(self, "kind", OpKind(self.kind))

    def text(self) -> str:
        """The line as the player would type it: `owner kind [target] [after N]`."""
        words = [self.owner, self.kind.value]
        if self.target is not None:
            words.append(self.target)
        if self.after is not None:
            words.append(f"after {self.after}")
        return " ".join(words)


Plan = tuple[Operation, ...]

# Each member as a module name too. On Python 3.11 a member read off its enum class goes
# through the class's `__getattr__` hook, ten times what a module name costs: the checker,
# the doctrine and the day's execution, which ask a line's kind at every step, use these.
(MOVE, RECON, CLEAR, ASSAULT, AIR_STRIKE, ESTABLISH_DEPOT, CONVOY, BRIDGE, HOLD,
 REST) = (OpKind.MOVE, OpKind.RECON, OpKind.CLEAR, OpKind.ASSAULT, OpKind.AIR_STRIKE,
         OpKind.ESTABLISH_DEPOT, OpKind.CONVOY, OpKind.BRIDGE, OpKind.HOLD, OpKind.REST)


class RiskKind(StrEnum):
    KNOWN_TRAPS = "known-traps"  # a road or place on the way is known to be trapped
    UNKNOWN_TRAPS = "unknown-traps"  # a road or place on the way was never reconnoitred
    TOWN_TRAPS = "town-traps"  # the assaulted town's traps strengthen its defence
    VBIED = "vbied"  # the unit ends next to an enemy place with (possible) car bombs
    OUT_OF_SUPPLY = "out-of-supply"  # the unit ends the day where supply will not reach
    CIVILIANS = "civilians"  # a strike on a populated place harms civilians
    SHORT_OF_SUPPLIES = "short-of-supplies"  # its depot cannot give the loads: weaker, slower
    EXPOSED = "exposed"  # bridging under the enemy's eyes: car bombs and counterattacks reach it
    # It counts on another line's work (a road swept or bridged, a town taken or swept,
    # a known trap sprung) that ends only after it sets out: the day meets the ground
    # as it was when the line set out (`level` is that line's number; `after` fixes it).
    TOO_EARLY = "too-early"
    DEPOT_FULL = "depot-full"  # a convoy brings fewer loads than it carries (`level`)
    # A convoy listed after this line (`level` is its number) reaches its depot in
    # time, but the day books loads in the plan's order: list the convoy first.
    SUPPLIED_LATER = "supplied-later"
    UNFED = "unfed"  # in supply tonight, but its depots lack the loads it eats (`level`)
    # It ends the day in a held place with known traps (`level`), or in a town taken
    # today whose traps are unknown (`level` None).
    NIGHT_TRAPS = "night-traps"


# As for `OpKind`: each risk kind as a module name too.
(KNOWN_TRAPS, UNKNOWN_TRAPS, TOWN_TRAPS, VBIED, OUT_OF_SUPPLY, CIVILIANS, SHORT_OF_SUPPLIES,
 EXPOSED, TOO_EARLY, DEPOT_FULL, SUPPLIED_LATER, UNFED, NIGHT_TRAPS) = (
    RiskKind.KNOWN_TRAPS, RiskKind.UNKNOWN_TRAPS, RiskKind.TOWN_TRAPS, RiskKind.VBIED,
    RiskKind.OUT_OF_SUPPLY, RiskKind.CIVILIANS, RiskKind.SHORT_OF_SUPPLIES, RiskKind.EXPOSED,
    RiskKind.TOO_EARLY, RiskKind.DEPOT_FULL, RiskKind.SUPPLIED_LATER, RiskKind.UNFED,
    RiskKind.NIGHT_TRAPS)


@record
class Risk:
    """A danger a plan line runs: traps known or unknown, car bombs, no supply, civilians."""

    kind: RiskKind
    target: str  # the place or road concerned
    level: int | None = None  # a known trap level or car bomb count, when known


@record
class PlanLine:
    """One plan line as the preview times it: hours, path, supply cost, risks, or why not."""

    index: int  # 1-based
    operation: Operation
    start: float
    end: float
    path: tuple[str, ...] = ()  # places passed, for move, convoy and assault
    supply_cost: float = 0.0  # km of the way that lie beyond the supplied network
    risks: tuple[Risk, ...] = ()
    error: Refusal | None = None
    loads: int = 0  # supplies the line draws from its depot (convoys: delivers)
    estimate: AssaultEstimate | None = None  # an assault's odds and losses, as foreseen
    # A bridge's hours of work done when the line ends, and the hours it needs.
    bridge_done: tuple[float, float] | None = None
    # A long road's sweep that finishes no level today: the hours of sweeping done
    # toward its next level when the line ends, and the hours a level takes.
    sweep_done: tuple[float, float] | None = None


@record
class PlanPreview:
    """The whole plan as the preview times it, line by line."""

    lines: tuple[PlanLine, ...]

    @property
    def ok(self) -> bool:
        return all(line.error is None for line in self.lines)

    @property
    def errors(self) -> tuple[PlanLine, ...]:
        return tuple(line for line in self.lines if line.error is not None)


@record
class OperationChoice:
    """One operation a unit might be given, legal or not (and why not)."""

    kind: OpKind
    target: str | None
    legal: bool
    reason: Refusal | None  # why not, when illegal
    hours: float  # the time it would take (0 when unknown)
    estimate: AssaultEstimate | None = None  # for an assault: its odds, as foreseen
    sweep_done: tuple[float, float] | None = None  # a long sweep's progress (`PlanLine`)


class IllegalPlanError(ValueError):
    """A plan line breaks a rule. The message quotes the line as written."""

    def __init__(self, line: int, operation: Operation, reason: Refusal) -> None:
        self.line = line
        self.operation = operation
        self.reason = reason
        from game.engine.refusals import describe  # the refusals' table, when one is worded

        super().__init__(f"illegal plan line {line}: '{operation.text()}': {describe(reason)}")


GROUND_ONLY = (
    OpKind.MOVE, OpKind.CLEAR, OpKind.ASSAULT, OpKind.ESTABLISH_DEPOT,
    OpKind.CONVOY, OpKind.BRIDGE, OpKind.HOLD, OpKind.REST,
)
