"""The doctrine's day: the plan it grows (`PlanBuilder`), what it knows of the day
(the front, its units by role), and the questions every part of its plan asks:
can a unit drive somewhere over roads known clear, would supply reach a place
once taken, which roads the convoys and the army need known clear.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import compress, count, repeat
from operator import and_, eq
from typing import cast

from game.engine import columns, searches
from game.engine.front import COMBAT, Front, held_path
from game.engine.index import ScenarioIndex
from game.engine.model import UnitKind
from game.engine.operations import (
    Operation,
    OpKind,
    Plan,
    PlanLine,
    Planner,
    RiskKind,
    remember_checked,
)
from game.engine.plan import KNOWN_TRAPS, MOVE, TOO_EARLY, UNKNOWN_TRAPS, Risk
from game.engine.refusals import Refusal
from game.engine.searches import reach_costs
from game.engine.state import GameState, UnitState
from game.engine.supply import trace_supply
from game.engine.timing import work_limit

# As `plan.MOVE` and the others: a member read off its enum class costs ten times.
_ENGINEERS, _LOGISTICS, _ADVISERS = UnitKind.ENGINEERS, UnitKind.LOGISTICS, UnitKind.ADVISERS
# The doctrine assaults only when the estimate gives at least this chance.
ASSAULT_CHANCE = 0.8
# And adds units beyond that until this chance (more attack, fewer losses).
ASSAULT_COMFORT = 0.9
TIRED = 40  # readiness below which a unit rests rather than works
TIRED_ENGINEERS = 35
# A move that would meet traps, or count on clearing not done by the time it sets out.
UNSAFE = (KNOWN_TRAPS, UNKNOWN_TRAPS, TOO_EARLY)
# Hours within which two ways as quick may differ in their sums' last digits.
_CLOSE = 1e-6


# Operations are values (frozen records): the doctrine asks for the same ones day after
# day (a unit's rest, a convoy to a depot, a strike on the target), taken from here
# rather than built anew each time. Cleared when full.
_OPERATIONS: dict[tuple[str, OpKind, str | None, int | None], Operation] = {}


def operation(owner: str, kind: OpKind, target: str | None = None,
              after: int | None = None) -> Operation:
    """`Operation(owner, kind, target, after)`, the same object for the same values."""
    key = (owner, kind, target, after)
    found = _OPERATIONS.get(key)
    if found is None:
        if len(_OPERATIONS) >= 4096:
            _OPERATIONS.clear()
        found = _OPERATIONS[key] = Operation(owner, kind, target, after)
    return found


class PlanBuilder:
    """A plan grown line by line; `add` keeps a line only if the checker accepts it."""

    def __init__(self, state: GameState) -> None:
        self.planner = Planner(state)
        self.ops: list[Operation] = []
        self.ground = 0  # the lines of units (not air assets) added

    def add(self, op: Operation) -> PlanLine | None:
        """Add the line if the checker accepts it (`Planner.try_add`, inline: the
        doctrine adds every line of its plan here)."""
        planner = self.planner
        line, result = planner.evaluate(op)
        if result is None:
            return None
        planner.commit(line, result)
        self.ops.append(op)
        if op.owner in planner.units:
            self.ground += 1
        return line

    def add_if(self, op: Operation, accept: Callable[[PlanLine], bool]) -> PlanLine | None:
        """Add the line if the checker accepts it and so does `accept` (one check)."""
        planner = self.planner
        line, result = planner.evaluate(op)
        if result is None or not accept(line):
            return None
        planner.commit(line, result)
        self.ops.append(op)
        if op.owner in planner.units:
            self.ground += 1
        return line

    def busy(self, unit: UnitState) -> bool:
        return unit.id in self.planner.end

    def plan(self) -> Plan:
        plan = tuple(self.ops)
        remember_checked(self.planner, plan)
        return plan



class DoctrineDay:
    """A day of the doctrine's planning: its plan so far and what it knows. Where a
    unit stands is read off the plan's table (`p.pos[unit.id]`, what `Beliefs.where`
    gives): the doctrine plans the morning's units, every one of which is in it."""

    # Slots: a day reads its own attributes thousands of times, and Python shares at
    # most 30 attribute names among a class's instances: beyond them (a day has 38) an
    # instance's attributes are a dict of its own, and each read is slower. ("scout":
    # the targets `recon` leaves to the advisers.)
    __slots__ = (
        "advisers", "b", "clear_line", "combat", "destroyed", "engineers", "fed_at",
        "front", "ix", "large", "logistics", "memo_clear", "memo_clear_reach", "memo_fed",
        "memo_in_play", "memo_moves", "memo_near", "memo_need", "memo_rank", "memo_reserve",
        "memo_routes", "memo_spare", "memo_supplied", "memo_trapped", "memo_ways",
        "morning", "p", "road_id", "rules", "scout", "sides", "staging_id", "state",
        "strike_lines", "target_id", "upkeep", "watcher", "way_lines",
    )

    def __init__(self, b: PlanBuilder, ix: ScenarioIndex, sides: tuple[str, ...],
                 destroyed: tuple[bool, ...], front: Front) -> None:
        self.b = b
        self.p = b.planner
        self.state = b.planner.state
        self.rules = self.state.scenario.rules
        self.ix = ix
        self.sides = sides  # who holds each place this morning
        self.destroyed = destroyed  # the roads destroyed this morning
        self.front = front
        self.large = not searches.small(ix)  # the searches' answers are not remembered
        self.target_id = ix.places[front.target].id
        self.staging_id = ix.places[front.staging].id
        self.road_id = ix.roads[front.road].id
        # What each unit eats a night (`supply.upkeep_loads`), and where it was when
        # `fed_tonight` last counted the meals: worked out when first asked.
        self.upkeep: dict[str, int] = {}
        self.fed_at: dict[str, int] = {}
        # The units by role, each in the units' order.
        self.engineers: list[UnitState] = []
        self.combat: list[UnitState] = []
        self.logistics: list[UnitState] = []
        self.advisers: list[UnitState] = []
        roles = {_ENGINEERS: self.engineers, _LOGISTICS: self.logistics,
                 _ADVISERS: self.advisers} | dict.fromkeys(COMBAT, self.combat)
        for u in self.state.units:
            role = roles.get(u.kind)
            if role is not None:
                role.append(u)
        self.strike_lines: list[int] = []
        self.clear_line: int | None = None
        self.way_lines: list[int] = []  # clearing of the way to the staging place
        self.watcher: UnitState | None = None  # the combat unit that watches the front road
        # What the day's questions cost to answer, asked many times over.
        self.memo_supplied: dict[int, bool] = {}
        # By the number of moves so far (`Beliefs.movers`).
        self.memo_fed: tuple[int, dict[int, int]] = (-1, {})
        self.memo_routes: list[int] | None = None
        # `ways_to_front`, by risk, for the number of ground lines it was found after.
        self.memo_ways: tuple[int, dict[RiskKind, list[str]]] = (-1, {})
        self.memo_moves: dict[tuple[str, int, int], tuple[float, tuple[Risk, ...]] | None] = {}
        # `known_trapped`, for the roads' and the places' traps learnt.
        self.memo_trapped: tuple[tuple[int, int], tuple[list[int], list[int]]] = (
            (-1, -1), ([], []))
        self.morning: int | None = None  # the token of what the morning's drives read
        self.memo_reserve: int | None = None
        # `need` by depot, for the loads booked there and the units' moves; the depots in
        # play, for the number of new depots and the front depot.
        self.memo_need: dict[int, tuple[tuple[int, int], int]] = {}
        self.memo_in_play: tuple[tuple[int, int], list[int]] = ((-1, -1), [])
        # `spare` by place, for the loads booked, the units' moves and the new depots.
        self.memo_spare: tuple[tuple[int, int, int], dict[int, int | None]] = (
            (-1, -1, -1), {})
        # By unit kind: the drive hours and held places, and the places nearest first.
        self.memo_near: dict[UnitKind, tuple[object, object, list[int]]] = {}
        self.memo_rank: dict[UnitKind, tuple[list[int], dict[int, int]]] = {}  # by the order
        # `clear_places`: for the held places and the changes to known place traps.
        self.memo_clear: tuple[object, int, list[bool]] = (None, -1, [])
        # By unit kind and place: what `clear_reach` found, for the places taken, the
        # places' and the roads' traps learnt (`Beliefs.places_learnt`, `roads_learnt`).
        self.memo_clear_reach: dict[tuple[UnitKind, int],
                                    tuple[tuple[int, int, int], dict[int, float]]] = {}

    def garrison(self, pos: int) -> int | None:
        """The garrison the player knows at `pos` (none at a place it holds), as
        `observe` shows it."""
        return 0 if self.sides[pos] == self.ix.player else self.state.known_garrisons[pos]

    def vbieds(self, pos: int) -> int | None:
        """The car bombs the player knows at `pos`, as `observe` shows them."""
        return 0 if self.sides[pos] == self.ix.player else self.state.known_vbieds[pos]

    def safe_move(self, unit: UnitState, to: int) -> bool:
        """Move only over roads and places known clear, after the clearing planned on them."""
        hours = self.clear_reach(unit).get(to)
        if hours is None:
            # Every way there crosses a road or place not known clear: the checker's
            # quickest way would show the risk, and the move would not be added.
            return False
        # It sets out when its last line ends, or the clearing it waits for.
        p = self.p
        after = self.way_wait()
        start = p.end.get(unit.id, 0.0)
        if after is not None:
            start = max(start, p.lines[after - 1].end)
        # A move it may make drives the checker's quickest way, and that way is then known
        # clear: the quickest clear way, the same hours (added road by road from the
        # start in both searches; `_CLOSE` for another way as quick). Ending past its
        # working day, the checker refuses it for its hour; any other way shows a risk.
        if p.past_work_day(unit, MOVE, start + hours - _CLOSE) is not None:
            return False
        op = operation(unit.id, MOVE, self.ix.places[to].id, after=after)
        return self.b.add_if(op, lambda line: not any(
            r.kind in UNSAFE for r in line.risks)) is not None

    def clear_places(self) -> list[bool]:
        """The places held and known clear, by position."""
        p = self.p
        held, learnt = p.held_table(), p.places_learnt
        memo = self.memo_clear
        if memo[0] is not held or memo[1] != learnt:
            known = p.place_known
            memo = (held, learnt, list(map(and_, held, map(eq, known, repeat(0)))))
            self.memo_clear = memo
        return memo[2]

    def safe_reach(self, unit: UnitState) -> tuple[dict[int, float], float]:
        """The places the unit could drive to over roads and places known clear
        (`clear_reach`), and the hours it has left today: it can drive today to those
        within them (and stay where it is)."""
        # The search within the hours left settles the places costing at most that in
        # the same order, at the same costs, as the one without a limit, and the start
        # whatever the limit: the unlimited search's answer, cut at the limit.
        limit = self.rules.work_hours * unit.readiness / 100.0 - self.p.end.get(unit.id, 0.0)
        return self.clear_reach(unit), limit

    def clear_reach(self, unit: UnitState) -> dict[int, float]:
        """The places the unit could drive to over roads and places known clear, at any
        hour: a safe move goes nowhere else."""
        p = self.p
        here = p.pos[unit.id]
        # What the tables it searches are made of: the places held and the traps known.
        version = (len(p.taken), p.places_learnt, p.roads_learnt)
        hit = self.memo_clear_reach.get((unit.kind, here))
        if hit is not None and hit[0] == version:
            return hit[1]
        found = reach_costs(self.ix, here, self.clear_places(), p.cleared_costs(unit.kind))
        self.memo_clear_reach[(unit.kind, here)] = (version, found)
        return found

    def can_reach(self, unit: UnitState, to: int) -> bool:
        """Whether a move there today would be accepted over known-clear ways."""
        drive = self.move_risks(unit, to)
        return drive is not None and drive[0] <= 8.0 and self.accepts(drive[1])

    def accepts(self, risks: tuple[Risk, ...]) -> bool:
        """Whether the day takes a move with these risks: none of traps, nor too early."""
        return not any(r.kind in UNSAFE for r in risks)

    def move_risks(self, unit: UnitState, to: int) -> tuple[float, tuple[Risk, ...]] | None:
        """The end and the risks of the checker's line for a move of `unit` to `to` now
        (not added), but the risks of where it arrives (car bombs), which no caller
        reads; None if the checker refuses it. The checker's own drive
        (`move_drive`), remembered until a ground line is added: an air line changes
        nothing a move's drive reads (its sorties and strikes only)."""
        p = self.p
        ground = self.b.ground  # the builder adds every line of the plan
        key = (unit.id, to, ground)
        if key in self.memo_moves:
            return self.memo_moves[key]
        found = None
        if p.over:  # the checker refuses every line of a game over
            pass
        elif ground == 0 and not self.large:
            # Before the plan's first ground line a drive reads only the morning: the
            # trap levels known, the places held, the roads destroyed and the sandstorm
            # (a unit's lines set out at 0 then, on no work of the plan's). Remembered
            # across days and games by them, the unit's kind, readiness and place.
            if self.morning is None:
                state = self.state
                self.morning = searches.token((
                    "morning", id(self.ix), state.sandstorm, state.known_road_traps,
                    state.known_place_traps, self.sides, self.destroyed))
            shared = ("morning drive", self.morning, unit.kind, unit.readiness,
                      p.pos[unit.id], to)
            hit = searches.remembered(shared, self.ix)
            if hit is searches.MISSING:
                hit = self._move_risks(unit, to)
                searches.remember(shared, self.ix, hit)
            found = cast("tuple[float, tuple[Risk, ...]] | None", hit)
        else:
            found = self._move_risks(unit, to)
        self.memo_moves[key] = found
        return found

    def _move_risks(self, unit: UnitState, to: int) -> tuple[float, tuple[Risk, ...]] | None:
        p = self.p
        start = p.end.get(unit.id, 0.0)
        here = p.pos[unit.id]
        # On a small map the way costs about what the bound does (and is remembered).
        if self.large and self._beyond_day(unit, here, to, start):
            return None
        drive = p.move_drive(unit, here, to, start)
        if isinstance(drive, Refusal):
            return None
        return start + drive[0], drive[5]

    def _beyond_day(self, unit: UnitState, here: int, to: int, start: float) -> bool:
        """Whether the checker refuses the move for its hour (`past_work_day`), known
        from the places within the day's drive alone: most units far from the front
        are, and their quickest ways there would settle most of the map's held places.

        The column drives the way's roads, each adding its drive hours as the search
        adds its cost, so it reaches each place of its way at the hour the search
        settles it at; it ends its move sooner only by stopping at known traps, on a
        road or in a place, and a stop within the day lies in a place it reaches
        within the day. So when the search settles every place within the day's hours
        but not `to`, and none of them is a known-trapped place or the end of a
        known-trapped road, the column ends past its day, whichever way it drives."""
        p = self.p
        if self.rules.trap_hours_per_level < 0:  # a stop could end before its place
            return False
        # `past_work_day`'s test, with a margin far above the sums' rounding.
        within = work_limit(self.rules, unit.readiness, MOVE) + 1e-9 - start + 1e-6
        settled = p.search(unit.kind, here).settle(to, within)
        if to in settled:
            return False
        roads, places = self.known_trapped()
        ends = self.ix.road_ends
        return not any(pos in settled for pos in places) and not any(
            a in settled or b in settled for a, b in map(ends.__getitem__, roads))

    def known_trapped(self) -> tuple[list[int], list[int]]:
        """The roads and the places the plan knows trapped (a level above 0)."""
        p = self.p
        version = (p.roads_learnt, p.places_learnt)
        if self.memo_trapped[0] != version:
            self.memo_trapped = (version, (list(compress(count(), p.road_known)),
                                           list(compress(count(), p.place_known))))
        return self.memo_trapped[1]

    def way_wait(self) -> int | None:
        """The clearing line on the way that ends last, for moves to wait for."""
        lines = self.p.lines
        if not self.way_lines:
            return None
        return max(self.way_lines, key=lambda n: (lines[n - 1].end, n))

    def on_way(self, job: str) -> bool:
        ix, front = self.ix, self.front
        if job in ix.place_pos:
            return ix.place_pos[job] in front.way
        return ix.road_pos[job] in front.way_roads

    def way_clear(self) -> bool:
        p, front = self.p, self.front
        return all(p.known_road(r) == 0 for r in front.way_roads) and all(
            p.known_place(x) == 0 for x in front.way[1:])

    def would_be_supplied(self, pos: int) -> bool:
        """Whether supply would reach the place once taken, as the depots stand today."""
        if "supply" in self.state.without:
            return True
        if pos not in self.memo_supplied:
            self.memo_supplied[pos] = self._would_be_supplied(pos)
        return self.memo_supplied[pos]

    def _would_be_supplied(self, pos: int) -> bool:
        ix = self.ix
        sides = list(self.sides)
        sides[pos] = ix.player
        reach = self.state.scenario.supply.range_km
        depots = [(ix.place_pos[d.place], d.range_km) for d in self.state.depots]
        destroyed = self.destroyed
        key = ("would be supplied", id(ix), pos, reach, tuple(sides), tuple(depots),
               destroyed) if not self.large else None
        hit = searches.remembered(key, ix) if key is not None else searches.MISSING
        if hit is not searches.MISSING:
            return bool(hit)
        supplied, _ = trace_supply(
            ix, [(i, reach) for i in ix.sources], depots, sides,
            [0] * len(sides), [0] * len(destroyed),  # the way is cleared before an assault
            destroyed)
        if key is not None:
            searches.remember(key, ix, supplied[pos])
        return supplied[pos]

    def supply_routes(self) -> list[int]:
        """The roads convoys take from the nearest supply source to each depot, over
        places we hold: they must be known clear for a convoy to pass."""
        if self.memo_routes is None:
            self.memo_routes = self._supply_routes()
        return self.memo_routes

    def _supply_routes(self) -> list[int]:
        p, ix = self.p, self.ix
        held_now = p.held_table()  # `held`, by position
        sources = [pos for pos in ix.sources if held_now[pos]]
        depots = sorted({ix.place_pos[d.place] for d in self.state.depots})
        # Remembered by what the ways are found on (as `held_path` remembers each).
        key = ("supply routes", id(ix), tuple(sources), tuple(depots), self.sides,
               self.destroyed) if not self.large else None
        hit = searches.remembered(key, ix) if key is not None else searches.MISSING
        if hit is not searches.MISSING:
            return cast("list[int]", hit)
        roads: list[int] = []
        held = columns.held(self.state)  # this morning's (`self.sides` are its columns)
        for depot in depots:
            _, way_roads = held_path(ix, held, self.destroyed, sources, depot)
            roads += [r for r in way_roads if r not in roads]
        if key is not None:
            searches.remember(key, ix, roads)
        return roads

    def ways_to_front(self, risk: RiskKind = UNKNOWN_TRAPS) -> list[str]:
        """Roads never reconnoitred (or known trapped) on the way of combat units that
        cannot reach the staging place over known-clear roads."""
        # Both kinds from one pass over the units' drives, which change only with the
        # plan's ground lines (`move_risks`).
        ground, found = self.memo_ways
        if ground != self.b.ground:
            found = self._ways_to_front()
            self.memo_ways = (self.b.ground, found)
        return found[risk]

    def _ways_to_front(self) -> dict[RiskKind, list[str]]:
        found: dict[RiskKind, list[str]] = {UNKNOWN_TRAPS: [], KNOWN_TRAPS: []}
        pos, staging, road_pos = self.p.pos, self.front.staging, self.ix.road_pos
        for unit in self.combat:
            if pos[unit.id] == staging:
                continue
            drive = self.move_risks(unit, staging)
            if drive is None:
                continue
            for r in drive[1]:
                roads = found.get(r.kind)
                if roads is not None and r.target in road_pos and r.target not in roads:
                    roads.append(r.target)
        return found
