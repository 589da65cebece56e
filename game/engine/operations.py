"""Plans: operations, their legality and their schedule, before anything happens.

`preview_plan` walks a plan line by line on what the player knows (never the
hidden trap levels or garrisons), keeping each owner's planned place and end
hour, and gives every line its start, end, path, supply cost and known risks,
or the reason it is refused. `legal_operations` asks the same checker about
every operation an owner could add, so the two never disagree, and
`apply_plan` refuses exactly the plans whose preview has an error.

The parts live apart: what a plan is made of in `plan`, what the player
believes as it is walked in `beliefs`, the checker in `planner`, and the hours
the checker and the day's execution share in `timing`. This module keeps the
questions asked of a whole plan and re-exports the rest, so callers import
from here alone.
"""

from __future__ import annotations

from game.engine.collect import collection_paused as collection_paused
from game.engine.combat import AssaultEstimate
from game.engine.plan import GROUND_ONLY as GROUND_ONLY
from game.engine.plan import IllegalPlanError as IllegalPlanError
from game.engine.plan import Operation as Operation
from game.engine.plan import OperationChoice as OperationChoice
from game.engine.plan import OpKind as OpKind
from game.engine.plan import Plan as Plan
from game.engine.plan import PlanLine as PlanLine
from game.engine.plan import PlanPreview as PlanPreview
from game.engine.plan import Risk as Risk
from game.engine.plan import RiskKind as RiskKind
from game.engine.planner import Planner as Planner
from game.engine.state import GameState, UnitState
from game.engine.timing import assault_road as assault_road
from game.engine.timing import clear_hours_per_level as clear_hours_per_level
from game.engine.timing import recon_hours as recon_hours
from game.engine.timing import work_limit as work_limit


def _planner_for(state: GameState, plan: Plan) -> Planner:
    planner = Planner(state)
    for op in plan:
        planner.check(op)
    return planner


# The lines of plans already checked whole, by the state they were checked on: a
# policy that built its plan with a `Planner` hands the lines over, so the day's
# execution does not check the same plan a second time. The hand-over leaves out
# the night's forecasts (`Planner.finished_lines(night=False)`): the day does not
# read them, and a policy never shows them.
_CHECKED: dict[int, tuple[GameState, Plan, tuple[PlanLine, ...]]] = {}


def remember_checked(planner: Planner, plan: Plan) -> None:
    """Note that `planner` checked exactly `plan`, every line of it, on its state."""
    if len(_CHECKED) >= 8:
        _CHECKED.pop(next(iter(_CHECKED)))
    _CHECKED[id(planner.state)] = (planner.state, plan, planner.finished_lines(night=False))


def preview_plan(state: GameState, plan: Plan) -> PlanPreview:
    """Each line's start, end, path, supply cost and known risks, or its error."""
    return PlanPreview(_planner_for(state, plan).finished_lines())


def validate_plan(state: GameState, plan: Plan) -> PlanPreview:
    """The lines as the day carries them out (the preview without the night's
    forecasts), or `IllegalPlanError` for the first refused line."""
    hit = _CHECKED.get(id(state))
    if hit is not None and hit[0] is state and hit[1] == plan:
        preview = PlanPreview(hit[2])
    else:
        preview = PlanPreview(_planner_for(state, plan).finished_lines(night=False))
    for line in preview.lines:
        if line.error is not None:
            raise IllegalPlanError(line.index, line.operation, line.error)
    return preview


def legal_operations(
    state: GameState, owner: str, plan: Plan = ()
) -> tuple[OperationChoice, ...]:
    """Every operation `owner` could add after `plan`, legal or not, with the reason."""
    return choices_for(_planner_for(state, plan), owner)


def choices_for(planner: Planner, owner: str) -> tuple[OperationChoice, ...]:
    """`legal_operations` on a planner that has walked the plan so far (a caller that
    adds the lines it picks one by one walks the plan once, not once a line)."""
    with collection_paused():
        return _choices_for(planner, owner)


def _choices_for(planner: Planner, owner: str) -> tuple[OperationChoice, ...]:
    unit = planner.units.get(owner)
    if planner.assets.get(owner) is not None:
        return _air_choices(planner, owner)
    if unit is None:
        return ()
    ix = planner.ix
    # A move's end comes from one search down the tree of quickest ways, not one search
    # and one walk a place.
    moves = planner.move_ends(unit) if not planner.state.over else {}
    start = planner.end.get(owner, 0.0)
    choices: list[OperationChoice] = []
    for kind, target in dict.fromkeys(_ground_candidates(planner, unit)):
        if kind == OpKind.MOVE and ix.place_pos[str(target)] in moves:
            end = moves[ix.place_pos[str(target)]]
            late = planner.past_work_day(unit, kind, end)
            choices.append(OperationChoice(kind, target, True, None, round(end - start, 3))
                           if late is None else OperationChoice(kind, target, False, late, 0.0))
        else:
            choices.append(_choice(planner, Operation(owner, kind, target)))
    return tuple(choices)


def _choice(planner: Planner, op: Operation) -> OperationChoice:
    line = planner.check(op, commit=False)
    if line.error is None:
        return OperationChoice(op.kind, op.target, True, None, round(line.end - line.start, 3),
                               line.estimate, line.sweep_done)
    return OperationChoice(op.kind, op.target, False, line.error, 0.0)


def _air_choices(planner: Planner, owner: str) -> tuple[OperationChoice, ...]:
    """An air asset's choices: strikes on every place not ours, recon of every place not
    ours or of unknown traps, and of every road not known clear. Its sortie is the same
    whatever it flies to (the checker tells targets apart only by a risk, which a choice
    does not carry), so each kind is checked once."""
    state = planner.state
    ix = planner.ix
    sides = state.places
    known_places = state.known_place_traps
    player = ix.player
    strikes = [place.id for i, place in enumerate(ix.places) if sides[i].side != player]
    recons = [place.id for i, place in enumerate(ix.places)
              if not planner.held(i) or known_places[i] is None]
    recons += [road.id for r, road in enumerate(ix.roads) if planner.known_road(r) != 0]
    choices: list[OperationChoice] = []
    for kind, targets in ((OpKind.AIR_STRIKE, strikes), (OpKind.RECON, recons)):
        if not targets:
            continue
        like = _choice(planner, Operation(owner, kind, targets[0]))
        legal, reason, hours, estimate = like.legal, like.reason, like.hours, like.estimate
        choices += [OperationChoice(kind, target, legal, reason, hours, estimate)
                    for target in dict.fromkeys(targets)]
    return tuple(choices)


def _ground_candidates(planner: Planner, unit: UnitState) -> list[tuple[OpKind, str | None]]:
    """A unit's candidates: moves to every place it reaches, and the work it could do
    here and on the roads from here."""
    state = planner.state
    ix = planner.ix
    candidates: list[tuple[OpKind, str | None]] = []
    here = planner.where(unit)
    here_id = ix.places[here].id
    reach = planner.search(unit.kind, here).settle()
    for pos in sorted(reach):
        if pos != here:
            candidates.append((OpKind.MOVE, ix.places[pos].id))
    roads = list(ix.adjacency[here])
    for _, other in roads:
        if not planner.held(other):
            candidates.append((OpKind.MOVE, ix.places[other].id))
    candidates.append((OpKind.RECON, here_id))
    for r, other in roads:
        candidates.append((OpKind.RECON, ix.roads[r].id))
        candidates.append((OpKind.RECON, ix.places[other].id))
    candidates.append((OpKind.CLEAR, here_id))
    for r, other in roads:
        candidates.append((OpKind.CLEAR, ix.roads[r].id))
        if planner.held(other):
            candidates.append((OpKind.CLEAR, ix.places[other].id))
    for r, other in roads:
        if not planner.held(other) or other in planner.assaults:
            candidates.append((OpKind.ASSAULT, ix.places[other].id))
        if state.roads[r].destroyed:
            candidates.append((OpKind.BRIDGE, ix.roads[r].id))
    candidates.append((OpKind.ESTABLISH_DEPOT, here_id))
    depots = [d.place for d in state.depots] + [ix.places[p].id for p in planner.new_depots]
    for depot in depots:
        candidates.append((OpKind.CONVOY, depot))
    candidates.append((OpKind.HOLD, here_id))
    for r, _ in roads:
        candidates.append((OpKind.HOLD, ix.roads[r].id))
    candidates.append((OpKind.REST, None))
    return candidates


def estimate_assault_on(state: GameState, target: str,
                        plan: Plan = ()) -> AssaultEstimate | None:
    """What an assault on `target` would face after `plan`, from what the player knows:
    the assault already planned on it, else every combat unit next to it joining at once.

    The same estimate the preview shows for an assault line, for the details of an enemy
    place. None when no unit could assault it.
    """
    planner = _planner_for(state, plan)
    ix = planner.ix
    if target not in ix.place_pos:
        return None
    goal = ix.place_pos[target]
    group = planner.assaults.get(goal)
    if group is None:
        lines = []
        for unit in planner.units.values():
            line = planner.check(Operation(unit.id, OpKind.ASSAULT, target), commit=True)
            if line.error is None:
                lines.append(line)
            else:
                planner.lines.pop()
        if not lines:
            return None
        group = planner.assaults[goal]
    return planner.estimate(goal, group)
