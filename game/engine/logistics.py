"""The doctrine's logistics: depots where reach runs short, trucks to the neediest
depot, and an army that waits where it will be fed, within a day of the front,
without eating the next assault's loads.
"""

from __future__ import annotations

from itertools import count

from game.engine.doctrine_day import DoctrineDay, operation
from game.engine.front import COMBAT
from game.engine.model import UnitKind
from game.engine.plan import CONVOY, ESTABLISH_DEPOT, MOVE
from game.engine.searches import reach_order
from game.engine.state import UnitState
from game.engine.supply import NO_HUB, assault_loads, upkeep_loads


class Logistics(DoctrineDay):
    """Supply and the army's positions."""

    def supply(self) -> None:
        if "supply" in self.state.without:
            return
        p, ix, front = self.p, self.ix, self.front
        state = self.state
        depots = {ix.place_pos[d.place] for d in state.depots}
        # A depot only where reach is short: a road re-seeded with traps cuts supply
        # too, but the engineers mend that.
        if len(depots) < state.scenario.supply.max_depots and (
                not self.would_be_supplied(front.staging)
                or not self.would_be_supplied(front.target)):
            self.push_depot(depots)
        # Convoys stock the depots that feed units (the neediest first) and grow the reach
        # of the one nearest the front.
        front_depot = next((pos for pos in reversed(front.way) if p.is_depot(pos)), NO_HUB)
        for unit in self.logistics:
            while True:
                needs = sorted([(self.need(pos), pos) for pos in self.depots_in_play(front_depot)])
                if not needs or needs[-1][0] <= 0:
                    break
                line = None
                # A convoy ends no earlier than its loading and unloading after the unit's
                # last line: past its working day then, the checker refuses every one.
                late = self.p.past_work_day(
                    unit, CONVOY, self.p.end.get(unit.id, 0.0) + self.rules.convoy_hours)
                for need, pos in reversed(needs):
                    if need <= 0 or late is not None:
                        break
                    line = self.b.add(operation(unit.id, CONVOY, ix.places[pos].id))
                    if line is not None:
                        break
                if line is None:
                    if not self.b.busy(unit):
                        self.go_to_source(unit)
                    break

    def depots_in_play(self, front_depot: int) -> list[int]:
        """The depots, the new ones too, and the one nearest the front, by position."""
        new = self.p.new_depots
        if self.memo_in_play[0] != (len(new), front_depot):
            depots = [self.ix.place_pos[d.place] for d in self.state.depots] + new
            self.memo_in_play = ((len(new), front_depot), sorted(
                set(depots) | ({front_depot} if front_depot != NO_HUB else set())))
        return self.memo_in_play[1]

    def fed_tonight(self, hub: int) -> int:
        """The loads the units standing tonight where the depot at `hub` supplies will eat."""
        p = self.p
        version = len(p.movers)  # where the units stand
        seen, eaten = self.memo_fed
        if seen != version:
            hubs, pos = self.state.hubs, p.pos
            if seen < 0:
                rules = self.rules
                self.fed_at = dict(pos)
                for u in self.state.units:
                    upkeep = self.upkeep[u.id] = upkeep_loads(rules, u.strength)
                    first = hubs[pos[u.id]]  # `where`: every unit of the morning is in `pos`
                    if first:
                        eaten[first[0]] = eaten.get(first[0], 0) + upkeep
            else:
                # Only the units that moved since eat elsewhere: each leaves its meal at
                # the depot it was fed from and takes it at the new one's.
                for unit in p.movers[seen:version]:
                    upkeep = self.upkeep[unit]
                    first = hubs[self.fed_at[unit]]
                    if first:
                        eaten[first[0]] -= upkeep
                    self.fed_at[unit] = pos[unit]
                    first = hubs[pos[unit]]
                    if first:
                        eaten[first[0]] = eaten.get(first[0], 0) + upkeep
            self.memo_fed = (version, eaten)
        return eaten.get(hub, 0)

    def need(self, hub: int) -> int:
        """Loads the depot lacks for two nights of its units and a day's work, or for
        its reach (a full depot nearest the front still grows its reach)."""
        p = self.p
        # What it reads changes with the loads booked there and the units' moves.
        version = (len(p.ledger.get(hub, ())), len(p.movers))
        hit = self.memo_need.get(hub)
        if hit is not None and hit[0] == version:
            return hit[1]
        want = 2 * self.fed_tonight(hub) + self.assault_reserve()
        want = min(want, self.rules.depot_max_loads)
        short = want - p.loads_tonight(hub)
        if short <= 0 and self.reach_short(hub):
            short = 1
        self.memo_need[hub] = (version, short)
        return short

    def spare(self, pos: int) -> int | None:
        """Loads the depots supplying `pos` have beyond tonight's meals (None: a source
        supplies it; out of supply: 0)."""
        # The loads, the depots (a new one may stand where a source supplied) and the
        # meals change with the loads booked, the new depots and the units' moves.
        p = self.p
        version = (p.booked, len(p.movers), len(p.new_depots))
        if self.memo_spare[0] != version:
            self.memo_spare = (version, {})
        memo = self.memo_spare[1]
        if pos in memo:
            return memo[pos]
        spare: int | None = None
        hubs = self.state.hubs[pos]
        by_source = bool(hubs) and not p.is_depot(hubs[0])  # its first supplier: a source
        if "supply" not in self.state.without and not by_source:
            spare = 0
            for h in hubs:
                spare += p.loads_tonight(h) - self.fed_tonight(h)
        memo[pos] = spare
        return spare

    def can_feed(self, unit: UnitState, spare: int | None, reserve: int = 0) -> bool:
        """Whether `unit` would be fed tonight where the depots have `spare` loads beyond
        their meals (`spare`), keeping `reserve`."""
        return spare is None or spare >= upkeep_loads(self.rules, unit.strength) + reserve

    def fed_here(self, unit: UnitState) -> bool:
        spare = self.spare(self.p.pos[unit.id])
        return spare is None or spare >= 0

    def assault_reserve(self) -> int:
        """Loads a front depot keeps for the next assault: what every combat unit would
        draw, at most what a depot holds. So units wait where a supply source feeds them
        and come up on the day of the assault."""
        if self.memo_reserve is None:  # the day's units and strengths: fixed all day
            every = 0  # a loop: a generator here made `self` a cell at every call
            for unit in self.combat:
                every += assault_loads(self.rules, unit.strength)
            self.memo_reserve = min(every, self.rules.depot_max_loads)
        return self.memo_reserve

    def reach_short(self, hub: int) -> bool:
        """The depot's reach could still grow, and the target would lie beyond it."""
        top = self.state.scenario.supply.depot_range_max_km - 1e-6
        depot = next((d for d in self.state.depots if self.ix.place_pos[d.place] == hub), None)
        return depot is not None and depot.range_km < top and \
            not self.would_be_supplied(self.front.target)

    def push_depot(self, depots: set[int]) -> None:
        """A depot at the staging place once it is in supply and known cleared; if supply
        does not reach it, at the place furthest forward on the way that supply reaches,
        beyond the last source or depot on it (never one behind another)."""
        p, ix = self.p, self.ix
        way = self.front.way
        staging = self.front.staging
        # In supply last night, and the trap levels known this morning (as `observe`).
        supplied, traps = self.state.supplied, self.state.known_place_traps
        if staging in depots:
            return
        if supplied[staging]:
            sites = [staging] if traps[staging] == 0 else []
        else:
            last = max((i for i, pos in enumerate(way)
                        if pos in depots or ix.places[pos].supply_source), default=-1)
            sites = [pos for pos in reversed(way[last + 1:])
                     if supplied[pos] and traps[pos] == 0][:1]
        for pos in sites:
            ranked = sorted(self.state.units, key=lambda u: (
                u.kind in COMBAT, u.kind == UnitKind.ENGINEERS, self.b.busy(u)))
            for unit in ranked:
                if p.pos[unit.id] != pos and not self.safe_move(unit, pos):
                    continue
                if self.b.add(operation(unit.id, ESTABLISH_DEPOT,
                                        self.ix.places[pos].id)):
                    return

    def go_to_source(self, unit: UnitState) -> None:
        """A truck away from the bases drives back to the nearest one."""
        p, ix = self.p, self.ix
        here = p.pos[unit.id]
        if ix.places[here].supply_source:
            return
        best = None
        for pos in ix.sources:
            if not p.held(pos):
                continue
            drive = self.move_risks(unit, pos)  # the checker's end, or refused
            if drive is not None and (best is None or drive[0] < best[0]):
                best = (drive[0], pos)
        if best is not None:
            self.b.add(operation(unit.id, MOVE, ix.places[best[1]].id))

    def move_up(self, attackers: list[UnitState]) -> None:
        """Today's attackers come up to the staging place; every other combat unit waits
        at the place nearest it where it will be fed (`position`)."""
        front = self.front
        # By id: a unit's id is its own, and comparing the records field by field costs.
        attacking = {u.id for u in attackers}
        # One unit stays at the staging place to watch the road to the target.
        self.watcher = min((u for u in self.combat if u.id not in attacking
                            and self.p.pos[u.id] == front.staging and self.fed_here(u)),
                           key=lambda u: (u.strength, u.id), default=None)
        for unit in sorted(self.combat, key=lambda u: -u.strength * u.readiness):
            if unit.id in attacking:
                if self.p.pos[unit.id] != front.staging:
                    self.safe_move(unit, front.staging)
            elif unit is not self.watcher:
                self.position(unit)

    def nearest_staging(self, kind: UnitKind) -> list[int]:
        """The places a unit of `kind` can drive to from the staging place over held
        places, nearest first (ties: by position), for the drive hours and the held
        places they were found on."""
        p = self.p
        costs, held = p.drive_costs(kind), p.held_table()
        hit = self.memo_near.get(kind)
        if hit is not None and hit[0] is costs and hit[1] is held:
            return hit[2]
        order = reach_order(self.ix, self.front.staging, held, costs)
        self.memo_near[kind] = (costs, held, order)
        return order

    def staging_rank(self, kind: UnitKind) -> dict[int, int]:
        """Each place's index in `nearest_staging(kind)`."""
        order = self.nearest_staging(kind)
        hit = self.memo_rank.get(kind)
        if hit is None or hit[0] is not order:
            hit = self.memo_rank[kind] = (order, dict(zip(order, count())))
        return hit[1]

    def waiting_places(self, unit: UnitState) -> list[int]:
        """The places of `nearest_staging` where `position` may stop, in their order: the
        unit's own and those within its day's drive over roads known clear (it passes
        every other by). On a large map many places lie nearer the front than the
        unit, and it can drive to few."""
        order = self.nearest_staging(unit.kind)
        here = self.p.pos[unit.id]
        if not order or order[0] == here:
            return order
        reach, limit = self.safe_reach(unit)
        rank = self.staging_rank(unit.kind)
        return sorted((pos for pos in {here, *reach} if pos in rank
                       and (pos == here or reach[pos] <= limit)), key=rank.__getitem__)

    def position(self, unit: UnitState) -> None:
        """Wait at the held place nearest the staging place where the unit will be fed
        tonight: a depot-fed place only if its depot keeps the next assault's loads too.
        So the army stays within a day of the front without eating its stocks."""
        p = self.p
        here = p.pos[unit.id]
        reserve = self.assault_reserve()
        reach: dict[int, float] | None = None  # `safe_reach`, found when first asked
        limit = 0.0
        for pos in self.waiting_places(unit) if self.large else self.nearest_staging(unit.kind):
            if pos == here:
                spare = self.spare(pos)
                if spare is None or spare >= reserve:
                    return
                continue
            if reach is None:
                reach, limit = self.safe_reach(unit)
            hours = reach.get(pos)
            if hours is None or hours > limit:  # its loads are asked only where it can go
                continue
            spare = self.spare(pos)
            if self.can_feed(unit, spare, 0 if spare is None else reserve) \
                    and self.safe_move(unit, pos):
                return

