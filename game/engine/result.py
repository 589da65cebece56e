"""What one plan line does, as the plan checker works it out (`Result`; an air
line's, `Sortie`), and what later lines of the plan may count on once it is added
(`apply`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from game.engine.beliefs import AssaultGroup, Beliefs
from game.engine.combat import AssaultEstimate
from game.engine.plan import Risk


@dataclass(slots=True)
class Result:
    """What one plan line does, as the planner works it out."""

    end: float
    path: tuple[str, ...] = ()
    supply_cost: float = 0.0
    risks: tuple[Risk, ...] = ()
    move_to: int | None = None
    take: int | None = None
    clear: tuple[str, int | None] | None = None
    depot: int | None = None
    convoy: tuple[int | None, int, float] | None = None  # (from depot or None, to, hour)
    strikes: tuple[tuple[str, int], ...] = ()  # known traps a move runs into
    group: tuple[int, AssaultGroup] | None = None
    estimate: AssaultEstimate | None = None
    draw: tuple[int, int, float] | None = None  # (depot, loads, hour)
    bridge: tuple[int, float] | None = None  # (road, hours of work done)
    sweep: tuple[int, float] | None = None  # (road, its banked sweeping after the line)
    loads: int = 0
    short_at: tuple[int, float] | None = None  # where and when it went short of supplies

    def apply(self, planner: Beliefs, owner: str, number: int) -> None:
        """What later lines of the plan may count on."""
        ix = planner.ix
        if self.move_to is not None:
            planner.move(owner, self.move_to)
        for what, where in self.strikes:  # a known trap struck: one level spent
            if what == "road":
                level = planner.known_road(where)
                planner.learn_road(where, None if level is None else level - 1)
            else:
                level = planner.known_place(where)
                planner.learn_place(where, None if level is None else level - 1)
            planner.note_change(what, where, number, self.end)
        if self.take is not None:
            planner.taken.add(self.take)
            planner.note_change("taken", self.take, number, self.end)
        if self.group is not None:
            goal, group = self.group
            group.lines.append(number)
            planner.assaults[goal] = group
        if self.clear is not None:
            target, after = self.clear
            planner.sweeps[target] = (number, self.end)
            if target in ix.place_pos:
                planner.learn_place(ix.place_pos[target], after)
                planner.note_change("place", ix.place_pos[target], number, self.end)
            else:
                road = ix.road_pos[target]
                planner.learn_road(road, after)
                planner.note_change("road", road, number, self.end)
        if self.sweep is not None:
            road, swept = self.sweep
            planner.swept[road] = swept
        if self.depot is not None:
            planner.new_depots.append(self.depot)
            planner.depot_ready[self.depot] = self.end
        if self.draw is not None:
            depot, loads, hour = self.draw
            planner.book(depot, hour, -loads)
        if self.convoy is not None:
            origin, goal, hour = self.convoy
            if origin is not None:
                planner.book(origin, hour, -self.loads)
            planner.book(goal, hour, self.loads)
        if self.bridge is not None:
            road, work = self.bridge
            planner.bridge_work[road] = planner.bridge_work.get(road, 0.0) + work
            done = planner.state.roads[road].bridging + planner.bridge_work[road]
            if done >= planner.state.scenario.rules.bridge_hours - 1e-9:
                planner.open_road(road)
                planner.note_change("bridge", road, number, self.end)


class Sortie:
    """What an air line does (`Planner._air`): a sortie flown and maybe a strike, no
    more. What a ground line may also do its class gives as nothing: a day's plan has a
    sortie in most of its lines, and a `Result` would set every field of its own."""

    __slots__ = ("end", "risks", "sortie", "strike")
    path: ClassVar[tuple[str, ...]] = ()
    supply_cost: ClassVar[float] = 0.0
    loads: ClassVar[int] = 0
    estimate: ClassVar[AssaultEstimate | None] = None
    bridge: ClassVar[tuple[int, float] | None] = None
    sweep: ClassVar[tuple[int, float] | None] = None
    short_at: ClassVar[tuple[int, float] | None] = None

    def __init__(self, end: float, risks: tuple[Risk, ...], sortie: str,
                 strike: tuple[int, float] | None) -> None:
        self.end = end
        self.risks = risks
        self.sortie = sortie  # the asset that flies it
        self.strike = strike  # (place, expected kills)

    def apply(self, planner: Beliefs, owner: str, number: int) -> None:
        """A sortie of the asset flown, and the strike's kills counted on at its end."""
        planner.sorties[self.sortie] = planner.sorties.get(self.sortie, 0) + 1
        if self.strike is not None:
            pos, kills = self.strike
            planner.strikes.setdefault(pos, []).append((self.end, kills))
