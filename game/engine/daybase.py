"""What the day's execution keeps while it runs the plan's lines: the world being
changed, when each line actually ended, what each unit worked, the watches set,
the strikes flown and the places under air cover, the bridges worked on, and the
small questions every line asks (when it can start, whether its unit's day is
over, whether its loads are there). `execute` runs the clock; `fighting` and
`works` carry out the lines.
"""

from __future__ import annotations

from operator import attrgetter, itemgetter

from game.engine.events import OperationFailed, SuppliesShort
from game.engine.index import ScenarioIndex
from game.engine.memo import by_identity
from game.engine.model import UnitKind
from game.engine.operations import OpKind, PlanLine
from game.engine.plan import SHORT_OF_SUPPLIES
from game.engine.refusals import Refusal
from game.engine.state import GameState, RoadState, UnitState
from game.engine.timing import work_limit
from game.engine.world import World

EPS = 1e-9
_SIDE = attrgetter("side")
_OTHER_END = itemgetter(1)  # of a (road, other end) pair of the index's adjacency



def planned_short(line: PlanLine) -> bool:
    """Whether the plan already saw the line go short of supplies: the day keeps it so."""
    return any(r.kind == SHORT_OF_SUPPLIES for r in line.risks)

class DayBase:
    """The day's bookkeeping, shared by every kind of line."""

    def __init__(self, state: GameState, lines: tuple[PlanLine, ...]) -> None:
        self.state = state
        self.lines = lines
        self.w = World(state)
        self.ended: dict[int, float] = {}  # line number -> the hour it actually ended
        self.worked: dict[str, float] = {}
        self.rested: set[str] = set()
        self.watches: list[tuple[str, str]] = []
        self.strike_hours: dict[int, list[float]] = {}  # place -> hours strikes on it ended
        self.covered: set[int] = set()
        self.near = neighbours(self.w.ix)  # the places next to those covered, as known
        self.bridgers: list[tuple[str, int]] = []  # (unit, road) worked on a bridge today
        self.fought: dict[int, set[int]] = {}  # place -> the assault lines that fought there
        self.fight_hour: dict[int, float] = {}  # place -> the hour its assault went in
        self.morning = {u.id: u.readiness for u in state.units}
        self.held_made: tuple[int, list[bool]] = (-1, [])  # `held_places`, by `sides_changed`
        # Whether a convoy finds a way, by (kind, from, to): for the roads and the
        # `sides_changed` it was found on (`Works._convoy`).
        self.convoy_ways: dict[tuple[UnitKind, int, int], tuple[tuple[RoadState, ...], int,
                                                                bool]] = {}
        self.assets = {a.id: a for a in self.w.air}  # the air assets: none is lost by day
        # Each line waits for its owner's previous line and for its `after` line; the
        # lines that wait for each line (`followers`), in the lines' order.
        self.waits: dict[int, list[int]] = {}
        self.followers: dict[int, list[int]] = {}
        last: dict[str, int] = {}
        waits, followers = self.waits, self.followers
        for line in lines:
            op, number = line.operation, line.index
            deps = []
            before = last.get(op.owner)
            if before is not None:
                deps.append(before)
            if op.after is not None:
                deps.append(op.after)
            for d in deps:
                followers.setdefault(d, []).append(number)
            waits[number] = deps
            last[op.owner] = number

    # --- the clock ---------------------------------------------------------
    def start_of(self, line: PlanLine) -> float | None:
        """When the line can start, once everything it waits for has ended."""
        ended = self.ended
        start = None
        for d in self.waits[line.index]:
            hour = ended.get(d)
            if hour is None:
                return None
            if start is None or hour > start:
                start = hour
        return 0.0 if start is None else start

    def fail(self, line: PlanLine, hour: float, reason: Refusal) -> float:
        self.w.events.append(OperationFailed(self.w.day, round(hour, 3), line.index,
                                             line.operation.owner, reason))
        return hour

    def held_places(self) -> list[bool]:
        """`held` of every place, by position, as the day has left them so far: made
        again only once a place changed hands (every move and convoy reads it). Read it
        only."""
        w = self.w
        if self.held_made[0] != w.sides_changed:
            self.held_made = (w.sides_changed,
                              list(map(w.ix.player.__eq__, map(_SIDE, w.places))))
        return self.held_made[1]

    def held(self, pos: int) -> bool:
        return self.w.places[pos].side == self.w.ix.player

    def limit_of(self, unit: UnitState, kind: OpKind) -> float:
        return work_limit(self.w.rules, self.morning.get(unit.id, unit.readiness), kind)

    def supplied_work(self, unit: UnitState, pos: int, loads: int, line: PlanLine,
                      hour: float) -> bool:
        """Draw a line's loads as it resolves; False (and an event) when it goes without."""
        if not planned_short(line) and self.w.draw_loads(pos, loads):
            return True
        if "supply" in self.w.without:
            return True
        self.w.events.append(SuppliesShort(self.w.day, round(hour, 3), unit.id,
                                           self.w.ix.places[pos].id, loads))
        return False

    def cover(self, pos: int) -> None:
        self.covered.add(pos)
        near = self.near
        found = near.get(pos)
        if found is None:  # each place's neighbours worked out when first covered
            found = near[pos] = tuple(map(_OTHER_END, self.w.ix.adjacency[pos]))
        self.covered.update(found)


@by_identity(16)
def neighbours(ix: ScenarioIndex) -> dict[int, tuple[int, ...]]:
    """The places next to each place air cover has spread from, by the scenario's index
    (the other ends of its roads, in their order): filled as the days ask."""
    return {}

