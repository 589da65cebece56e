"""What the whole plan shows beyond each line's own check, on what the player believes
(`Beliefs`): where each unit spends the night (known traps, out of supply, unfed) and a
convoy listed too late to feed a line before it. The preview shows them; the day's
execution and the policies do not read them.
"""

from __future__ import annotations

from game.engine.beliefs import Beliefs
from game.engine.plan import (
    CONVOY,
    NIGHT_TRAPS,
    OUT_OF_SUPPLY,
    SUPPLIED_LATER,
    UNFED,
    PlanLine,
    Risk,
)
from game.engine.supply import trace_supply, upkeep_loads


class Forecasts(Beliefs):
    """The plan's forecasts, for `Planner.finished_lines`."""

    __slots__ = ()  # as `Planner`'s

    def supplied_later(self, lines: list[PlanLine], short: dict[int, tuple[int, float]]
                       ) -> dict[int, list[Risk]]:
        """For each line that goes short of supplies, the convoys listed after it that
        reach one of its depots by its hour. The day books loads in the plan's order,
        so such a convoy does not help it: it must be listed first."""
        found: dict[int, list[Risk]] = {}
        if not short:
            return found
        convoys = [line for line in lines if line.operation.kind == CONVOY
                   and line.error is None and line.operation.target in self.ix.place_pos]
        for number, (pos, hour) in short.items():
            for convoy in convoys:
                goal = self.ix.place_pos[str(convoy.operation.target)]
                if convoy.index > number and convoy.end <= hour + 1e-9 \
                        and goal in self.state.hubs[pos]:
                    found.setdefault(number, []).append(
                        Risk(SUPPLIED_LATER, self.ix.places[goal].id, convoy.index))
        return found

    def night_risks(self, lines: list[PlanLine]) -> dict[int, list[Risk]]:
        """What waits for each unit where it ends the day, on its last line: a place we
        hold (or take today) whose traps are known and not cleared strikes at night
        (`traps.night_in_trapped_towns`); a place the supply will not reach tonight
        (`supplied_tonight`) leaves it unfed."""
        last: dict[str, int] = {}
        for line in lines:
            if line.error is None and line.operation.owner in self.units:
                last[line.operation.owner] = line.index
        found: dict[int, list[Risk]] = {}
        if not last:
            return found
        supplied, hubs = self.supply_tonight()
        unfed = self.unfed_tonight(hubs)
        for owner, number in last.items():
            pos = self.where(self.units[owner])
            name = self.ix.places[pos].id
            level = self.known_place(pos)
            if self.held(pos) and (level or (level is None and pos in self.taken)):
                # A town taken today whose traps were never reconnoitred: unknown, and a
                # town the enemy held is seldom clean.
                found.setdefault(number, []).append(Risk(NIGHT_TRAPS, name, level))
            if not supplied[pos]:
                found.setdefault(number, []).append(Risk(OUT_OF_SUPPLY, name))
            elif owner in unfed:
                found.setdefault(number, []).append(Risk(UNFED, name, unfed[owner]))
        return found

    def unfed_tonight(self, hubs: list[tuple[int, ...]]) -> dict[str, int]:
        """The units in supply tonight that their depots cannot feed, with the loads
        each would eat: the night's feeding (`dayend.feed`: in the units' order, each
        from its first hub that has the loads) on the depots' stocks as the plan
        leaves them."""
        if "supply" in self.state.without:
            return {}
        rules = self.state.scenario.rules
        stock: dict[int, int] = {}
        unfed: dict[str, int] = {}
        for unit in self.state.units:
            need = upkeep_loads(rules, unit.strength)
            fed = need <= 0
            for hub in hubs[self.where(unit)]:
                if fed:
                    break
                if not self.is_depot(hub):
                    fed = True  # a supply source never runs dry
                    break
                have = stock.setdefault(hub, self.loads_at(hub, float("inf")))
                if have >= need:
                    stock[hub] = have - need
                    fed = True
            if not fed and hubs[self.where(unit)]:
                unfed[unit.id] = need
        return unfed

    def supplied_tonight(self) -> list[bool]:
        return self.supply_tonight()[0]

    def supply_tonight(self) -> tuple[list[bool], list[tuple[int, ...]]]:
        """The places the supply is expected to reach tonight, traced as the night
        traces it (`supply.trace_supply`) on the ground as the plan leaves it: towns
        taken, depots set up, bridges laid, traps as known. A road or place never
        reconnoitred counts as clear where the supply reached both sides last night
        and as trapped elsewhere, unless a sweep is planned on it; convoys' extra reach
        is not counted."""
        state = self.state
        ix = self.ix
        if "supply" in state.without:
            return [self.held(pos) for pos in range(len(ix.places))], [()] * len(ix.places)
        was = state.supplied
        place_traps = []
        for pos in range(len(ix.places)):
            known = self.known_place(pos)
            if known is None and ix.places[pos].id in self.sweeps:
                known = 0
            place_traps.append(known if known is not None else (0 if was[pos] else 1))
        road_traps = []
        for road, (a, b) in enumerate(zip(ix.road_a, ix.road_b, strict=True)):
            known = self.known_road(road)
            if known is None and ix.roads[road].id in self.sweeps:
                known = 0  # swept today: as the preview says, the sweep lifts what it finds
            road_traps.append(known if known is not None else (0 if was[a] and was[b] else 1))
        supply = state.scenario.supply
        depots = [(ix.place_pos[d.place], d.range_km) for d in state.depots]
        depots += [(pos, supply.depot_range_km) for pos in self.new_depots]
        sides = [ix.player if self.held(pos) else p.side for pos, p in enumerate(state.places)]
        return trace_supply(ix, [(pos, supply.range_km) for pos in ix.sources], depots, sides,
                            place_traps, road_traps,
                            [not self.road_open(road) for road in range(len(ix.roads))])
