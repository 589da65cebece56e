"""The plan checker: one line at a time, on what the player believes, either the
reason the line is refused (a `Refusal`) or its start, end, path, supply cost,
known risks, the loads it draws and, for an assault, its estimate.

`preview_plan`, `legal_operations`, the doctrine and the day's execution all
ask this one checker, so they never disagree about what is legal or how long it
takes. Ground operations live in `ground`; this module keeps the line's owner,
its start and its end, and air operations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.engine.combat import AssaultEstimate
from game.engine.forecasts import Forecasts
from game.engine.ground import GroundChecks
from game.engine.plan import (
    AIR_STRIKE,
    CIVILIANS,
    CONVOY,
    MOVE,
    RECON,
    Operation,
    OpKind,
    PlanLine,
    Risk,
)
from game.engine.refusals import Refusal, Why
from game.engine.result import Result, Sortie
from game.engine.state import AirState, UnitState
from game.engine.timing import clear_hours_per_level, recon_hours

# The kinds whose checks ask `past_work_day` of the end they give, as soon as they know
# it (`GroundChecks.move_drive`, `_convoy`): the checker does not ask it again.
_END_CHECKED = (MOVE, CONVOY)


def _amended(line: PlanLine, risks: tuple[Risk, ...],
             estimate: AssaultEstimate | None) -> PlanLine:
    """`replace(line, risks=risks, estimate=estimate)`, in the fields' order: `replace`
    reads every field's definition, for each of the day's assault lines."""
    return PlanLine(line.index, line.operation, line.start, line.end, line.path,
                    line.supply_cost, risks, line.error, line.loads, estimate,
                    line.bridge_done, line.sweep_done)


# Slots, for it and the classes it is made of: a plan's checker reads its own attributes
# thousands of times a day, and Python shares at most 30 attribute names among a class's
# instances: beyond them (a checker has 40) an instance's attributes are a dict of its
# own, and each read is slower.
@dataclass(slots=True)
class Planner(GroundChecks, Forecasts):
    """Walks a plan on the player's knowledge; each `check` returns a `PlanLine`."""

    lines: list[PlanLine] = field(default_factory=list)
    # The lines that went short of supplies: where and when (`Result.short_at`).
    short_lines: dict[int, tuple[int, float]] = field(default_factory=dict)
    # What a sortie of an asset on a target is today (`_sortie`), by (asset, kind, target).
    air_sorties: dict[tuple[str, OpKind, str],
                      tuple[float, tuple[Risk, ...], tuple[int, float] | None] | Refusal] = field(
        default_factory=dict)

    # --- the checker -------------------------------------------------------
    def check(self, op: Operation, commit: bool = True) -> PlanLine:
        line, result = self.evaluate(op)
        if commit:
            self.commit(line, result)
        return line

    def evaluate(self, op: Operation) -> tuple[PlanLine, Result | Sortie | None]:
        """The line `op` would be, and what it would do (None when refused), without
        adding it: `commit` adds it as it is, so a caller that looks first checks once."""
        number = len(self.lines) + 1
        owner_id = op.owner
        owner = self.units.get(owner_id) or self.assets.get(owner_id)
        if owner is None:
            return self._refused(op, number, Refusal(Why.UNKNOWN_OWNER, unit=owner_id))
        if self.over:
            return self._refused(op, number, Refusal(Why.GAME_OVER,
                                                     text=self.state.outcome.value))
        start = self.end.get(owner_id, 0.0)
        after = op.after
        if after is not None:
            if not 1 <= after < number:
                return self._refused(op, number, Refusal(Why.NO_SUCH_LINE, number=after))
            waited = self.lines[after - 1]
            if waited.error is not None:
                return self._refused(op, number, Refusal(Why.WAITS_FOR_REFUSED,
                                                         number=after))
            start = max(start, waited.end)
        result: Result | Sortie | Refusal
        if isinstance(owner, AirState):
            result = self._air(owner, op, start)
        else:
            result = self.ground(owner, op, start)
            if isinstance(result, Result) and op.kind not in _END_CHECKED:
                result = self.past_work_day(owner, op.kind, result.end) or result
        if isinstance(result, Refusal):
            return self._refused(op, number, result)
        done = None
        if result.bridge is not None:  # the work of earlier lines and days, and this line's
            road, work = result.bridge
            done = (self.state.roads[road].bridging + self.bridge_work.get(road, 0.0) + work,
                    self.state.scenario.rules.bridge_hours)
        swept = None
        if result.sweep is not None and result.sweep[1] > 0:  # a level not finished today
            road, banked = result.sweep
            swept = (banked, clear_hours_per_level(self.ix, self.state.scenario.rules,
                                                   self.ix.roads[road].id, False))
        # In the fields' order (no error): a call by keyword builds a dict for each line.
        line = PlanLine(number, op, start, result.end, result.path, result.supply_cost,
                        result.risks, None, result.loads, result.estimate, done, swept)
        return line, result

    def move_ends(self, unit: UnitState) -> dict[int, float]:
        """The hour a move of `unit` ends, for every place it can move to: what `_move`
        finds for each, from one search, each way's drive walked once down the tree
        of quickest ways (a place's drive goes on from the place before it)."""
        here = self.where(unit)
        start = self.end.get(unit.id, 0.0)
        search = self.search(unit.kind, here)
        drives: dict[int, tuple[float, bool]] = {here: (0.0, False)}  # (hours, stopped)
        back = search.back
        assert back is not None  # the planner's searches track their ways
        for pos in search.settle():
            if pos == here:
                continue
            before, road = back[pos]
            hours, stopped = drives[before]
            if not stopped:
                hours, struck = self.drive(unit.kind, hours, road, pos)
                stopped = struck is not None
            drives[pos] = (hours, stopped)
        del drives[here]
        return {pos: start + hours for pos, (hours, _) in drives.items()}

    def commit(self, line: PlanLine, result: Result | Sortie | None) -> None:
        """Add a line `evaluate` gave (a refused one too, as the preview shows it)."""
        lines, number = self.lines, line.index
        assert number == len(lines) + 1, "evaluated before another line was added"
        if result is not None:
            owner = line.operation.owner
            result.apply(self, owner, number)
            self.end[owner] = line.end
            if result.short_at is not None:
                self.short_lines[number] = result.short_at
        lines.append(line)

    def try_add(self, op: Operation) -> PlanLine | None:
        """Add the line if the checker accepts it (one check); None, and no trace, if not."""
        line, result = self.evaluate(op)
        if result is None:
            return None
        self.commit(line, result)
        return line

    def finished_lines(self, night: bool = True) -> tuple[PlanLine, ...]:
        """The lines, each assault showing the estimate of its whole group (the units
        that join later lines included); with `night`, the forecasts of where each
        unit ends the day too (traps, supply, upkeep), which only the player reads."""
        lines = list(self.lines)
        for goal, group in self.assaults.items():
            final = self.estimate(goal, group)
            for number in group.lines:
                line = lines[number - 1]
                lines[number - 1] = _amended(line, line.risks, final)
        # Risks only the whole plan shows: where each unit spends the night, and a
        # convoy listed too late to feed a line before it.
        for number, risks in self.supplied_later(lines, self.short_lines).items():
            line = lines[number - 1]
            lines[number - 1] = _amended(line, line.risks + tuple(risks), line.estimate)
        for number, risks in (self.night_risks(lines) if night else {}).items():
            line = lines[number - 1]
            lines[number - 1] = _amended(line, line.risks + tuple(risks), line.estimate)
        return tuple(lines)

    @staticmethod
    def _refused(op: Operation, number: int, reason: Refusal) -> tuple[PlanLine, None]:
        return PlanLine(number, op, 0.0, 0.0, error=reason), None

    def _air(self, asset: AirState, op: Operation, start: float) -> Sortie | Refusal:
        if op.kind not in (RECON, AIR_STRIKE):
            return Refusal(Why.AIR_ONLY_RECON_AND_STRIKE)
        if self.sandstorm:
            return Refusal(Why.GROUNDED)
        used = self.sorties.get(asset.id, 0)
        if used >= asset.sorties:
            return Refusal(Why.NO_SORTIES, number=asset.sorties)
        target = op.target
        if target is None:
            return Refusal(Why.NEEDS_TARGET)
        # What a sortie on the target is reads only the morning (who holds it) and the
        # map: worked out once a day for each asset, kind and target.
        key = (asset.id, op.kind, target)
        sortie = self.air_sorties.get(key)
        if sortie is None:
            sortie = self.air_sorties[key] = self._sortie(asset, op, target)
        if isinstance(sortie, Refusal):
            return sortie
        hours, risks, strike = sortie
        end = start + hours
        limit = self.state.scenario.rules.air_day_hours
        if end > limit + 1e-9:
            return Refusal(Why.AFTER_AIR_DAY, hour=end, limit=limit)
        return Sortie(end, risks, asset.id, strike)

    def _sortie(self, asset: AirState, op: Operation, target: str
                ) -> tuple[float, tuple[Risk, ...], tuple[int, float] | None] | Refusal:
        """A sortie's hours, risks and strike (place, expected kills) on `target`, or
        why it is refused whenever it is flown today."""
        rules = self.state.scenario.rules
        if op.kind == RECON:
            if target not in self.ix.place_pos and target not in self.ix.road_pos:
                return Refusal(Why.UNKNOWN_TARGET, target=target)
            return recon_hours(self.ix, rules, asset, target), (), None
        if target not in self.ix.place_pos:
            return Refusal(Why.NOT_A_PLACE, target=target)
        pos = self.ix.place_pos[target]
        if self.state.places[pos].side == self.ix.player:
            return Refusal(Why.HELD_BY_US, target=target)
        risks: tuple[Risk, ...] = ()
        if self.ix.places[pos].population > 0:
            risks = (Risk(CIVILIANS, target, None),)
        return rules.strike_hours, risks, (pos, self.strike_kills(asset))
