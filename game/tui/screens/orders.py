"""The plan editor of the game screen: today's plan, the selected unit, and the keys
that change them (add, delete, reorder, wait, standing orders, fill, repeat, roster).

Every line the player adds, repeats or fills is checked by the engine first
(`legal_operations`, `game.engine.standing`); what it refuses changes nothing
and says why. `GameScreen` adds the map, the log and the day.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from game.data.saves import Playthrough
from game.engine import GameState, Observation, observe
from game.tui import garbage, narrate, wording
from game.tui.screens.game_layout import fill_timeline
from game.tui.widgets.hints import HintLine, tutorial_hint
from game.tui.widgets.plan import EmptyPlan, PlanDetail, PlanRow

if TYPE_CHECKING:
    from game.engine.plan import Operation, OpKind, Plan
    from game.engine.standing import CarriedPlan
    from game.tui.screens.roster import RosterChoice
    from game.tui.widgets.plan_table import PlanTable

# The roster, the prompts and the words for kinds not offered are imported when first
# used, and so are the engine's plan, its checker (`game.engine.operations`) and standing
# orders: a game's first frame, with no plan yet, needs none of them.

MAX_DROPPED_SHOWN = 6


class OrdersScreen(Screen[None]):
    """Today's plan and who is selected; the keys that edit the plan."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # In the order a player needs them: on a narrow terminal the key bar drops the last
        # of these first (quit and help stay; help lists every key).
        Binding("n", "end_day", "End day", id="game.end_day"),
        Binding("a", "add", "Add op", id="game.add"),
        Binding("y", "repeat", "Repeat", id="game.repeat"),
        Binding("o", "roster", "Roster", id="game.roster"),
        Binding("u", "next_owner(1)", "Unit", id="game.next_unit"),
        Binding("U", "next_owner(-1)", "Prev unit", show=False, id="game.previous_unit"),
        Binding("w", "wait", "After", id="game.after"),
        Binding("g", "go_to_line", "Go to line", show=False, id="game.go_to_line"),
        Binding("d", "standing", "Daily", id="game.standing"),
        # Out of the key bar for room (help lists them; the plan's detail line offers them).
        Binding("f", "fill", "Fill", show=False, id="game.fill"),
        Binding("F", "fill(1)", "Fill, all aircraft", show=False, id="game.fill_all"),
        Binding("delete,x", "delete", "Delete", show=False, id="game.delete"),
        # Moving lines ([ ] one step, { } to the top or bottom): GameScreen binds them
        # last, so a full key bar drops them before the report.
    ]

    def __init__(self, state: GameState, playthrough: Playthrough | None) -> None:
        super().__init__()
        self.state = state
        # The scenario text and the plans played so far: what a save is made of.
        self.playthrough = playthrough
        self.plan: Plan = ()
        self.owner: str | None = None
        self.done_kinds: set[str] = set()
        self.pending: list[str] = []
        self.table: PlanTable | None = None  # the plan's table, once built (`plan_table`)

    # --- what the screen shows; GameScreen draws the rest ---------------------------------

    @property
    def seen(self) -> Observation:
        """What the player knows of the game: the engine's fog of war (cached per state)."""
        return observe(self.state, self.state.scenario.player_side)

    @property
    def yesterday(self) -> Plan:
        """The plan of the day before, as played ((): none yet)."""
        plans = self.playthrough.plans if self.playthrough is not None else ()
        return plans[-1] if plans else ()

    def owners(self) -> list[tuple[str, str]]:
        return narrate.owners(self.state)

    def refresh_details(self) -> None:
        raise NotImplementedError

    def refresh_status(self) -> None:
        raise NotImplementedError

    def plan_rows(self) -> tuple[PlanRow, ...]:
        if not self.plan:
            return ()
        from game.engine.operations import preview_plan

        preview = preview_plan(self.state, self.plan)
        names = narrate.names(self.state)
        return tuple(
            narrate.plan_row(number, op, line, names)
            for number, (op, line) in enumerate(zip(self.plan, preview.lines, strict=True), 1)
        )

    def plan_table(self, build: bool = False) -> PlanTable | None:
        """The plan's table; None while its header stands for it (`EmptyPlan`, until just
        after the first frame), unless `build`: then built now (a plan to show)."""
        if self.table is None and build:
            for stand_in in self.query(EmptyPlan):
                self.table = stand_in.make_table(len(self.plan))
        return self.table

    def refresh_plan(self) -> None:
        rows = self.plan_rows()
        table = self.plan_table(build=bool(rows))
        if table is not None:
            table.rows_shown = rows
        for chart in self.query("#game-timeline"):  # none until a terminal has room
            fill_timeline(chart, self.owners(), rows)
        self.show_line_detail()
        if self.state.scenario.tutorial and not self.state.over:
            car_bombs = any(p.vbieds is None or p.vbieds > 0
                            for p in self.seen.places if p.side != self.seen.side)
            self.query_one(HintLine).text = tutorial_hint(
                self.state.scenario, self.done_kinds, self.plan, car_bombs)
        self.refresh_status()

    def show_line_detail(self) -> None:
        table = self.plan_table()
        rows = () if table is None else table.rows_shown
        row = (rows[table.cursor_row] if table is not None and rows
               and 0 <= table.cursor_row < len(rows) else None)
        empty = ("No operations planned yet: a adds one, y repeats yesterday's plan, "
                 "o opens the roster." if self.yesterday else
                 "No operations planned yet: a adds one, o opens the roster.")
        self.query_one(PlanDetail).show(row, empty)

    def set_plan(self, plan: Sequence[Operation], select: int | None = None) -> None:
        """The new plan; `select` (0-based) puts the plan's cursor on that line."""
        self.plan = tuple(plan)
        if select is not None:
            table = self.plan_table()
            if table is not None:
                table.select_next = select
        self.refresh_plan()

    def _names(self) -> dict[str, str]:
        return narrate.names(self.state)

    # --- who is selected ------------------------------------------------------------------

    def select_owner(self, owner: str) -> None:
        self.owner = owner
        where = narrate.location_of(self.state, owner)
        if where is not None:
            self.map_select(where)
        self.refresh_details()
        self.refresh_status()

    def map_select(self, place_id: str) -> None:
        raise NotImplementedError

    def action_next_owner(self, step: int) -> None:
        ids = [o for o, _ in self.owners()]
        if not ids:
            return
        index = ids.index(self.owner) if self.owner in ids else -step
        self.select_owner(ids[(index + step) % len(ids)])

    def action_roster(self) -> None:
        from game.engine.plan import OpKind
        from game.tui.screens.roster import RosterScreen, roster_rows

        rows = roster_rows(self.seen, self.plan, self._names())

        def chosen(choice: RosterChoice | None) -> None:
            if choice is None:
                return
            self.select_owner(choice.owner)
            if choice.action == "add":
                self.open_menu()
            elif choice.action in ("hold", "rest"):
                self.add_standing(choice.owner, OpKind(choice.action))
            elif choice.action == "clear":
                self.clear_lines(choice.owner)

        self.app.push_screen(RosterScreen(rows, self.owner), chosen)

    # --- adding lines ---------------------------------------------------------------------

    def action_add(self) -> None:
        if self.state.over:
            self.say_over()
            return
        self.open_menu()

    def open_menu(self, at: str | None = None, roads: Sequence[str] = ()) -> None:
        """The engine's operations for the selected unit; with `at`, only those aimed at
        that place or its `roads` (the target picked on the map)."""
        from game.engine.operations import legal_operations
        from game.engine.plan import Operation
        from game.tui.absent import absent_kinds

        if self.owner is None or self.pending or self.state.over:
            return
        owner = self.owner
        names = self._names()
        owner_name = names.get(owner, owner)
        garbage.hold_off(self)  # the collector off until the menu's first frame (`let_go`)
        choices = legal_operations(self.state, owner, self.plan)
        absent = absent_kinds(self.state, owner, choices, names)  # kinds not offered at all
        if at is not None:
            choices = tuple(c for c in choices if c.target == at or c.target in roads)
            if not choices:
                self.notify(self._why_nothing_at(at, owner_name), severity="warning", markup=False)
                return
        if not choices:
            self.notify(f"{owner_name} has no operation to choose from.", markup=False)
            return
        # The menu is imported when first shown, not at start.
        from game.tui.widgets.operation_menu import OperationMenu, menu_items

        items = menu_items(choices, names)
        example = next((narrate.choice_label(c, names).split("  (")[0].lower()
                        for c in choices if c.legal and c.target is not None), "")

        def chosen(index: int | None) -> None:
            if index is None:
                return
            choice = choices[index]
            self.add_operation(Operation(owner, choice.kind, choice.target))

        title = owner_name if at is None else f"{owner_name} at {names.get(at, at)}"
        self.app.push_screen(OperationMenu(title, items, " ".join(example.split()), absent),
                             chosen)

    def _why_nothing_at(self, place_id: str, owner_name: str) -> str:
        """Why the selected unit has no operation at a place: the engine's own reason for
        the nearest thing to try there (an assault on an enemy place, else a move)."""
        from game.engine.operations import preview_plan
        from game.engine.plan import Operation, OpKind

        assert self.owner is not None
        names = self._names()
        held = self.seen.place(place_id).side == self.seen.side
        kind = OpKind.MOVE if held else OpKind.ASSAULT
        attempt = Operation(self.owner, kind, place_id)
        line = preview_plan(self.state, (*self.plan, attempt)).lines[-1]
        reason = f": {wording.reason(line.error, names)}" if line.error else "."
        return f"{owner_name} has no operation at {names.get(place_id, place_id)}{reason}"

    def add_operation(self, operation: Operation) -> bool:
        """Add a line to the plan if the engine finds it legal; else say why and change nothing.
        The new line is selected, so `w`, `d` and `f` act on it."""
        from game.engine.operations import legal_operations

        for choice in legal_operations(self.state, operation.owner, self.plan):
            if choice.kind == operation.kind and choice.target == operation.target:
                if not choice.legal:
                    reason = wording.reason(choice.reason, self._names())
                    self.notify(f"Not possible: {reason}", severity="warning", markup=False)
                    return False
                self.set_plan((*self.plan, operation), select=len(self.plan))
                return True
        self.notify("Not possible: the engine does not offer that operation.", severity="warning")
        return False

    def add_standing(self, owner: str, kind: OpKind) -> None:
        """A standing hold where the unit stands, or a standing rest."""
        from game.engine.operations import preview_plan
        from game.engine.plan import Operation, OpKind

        unit = self.state.unit(owner)
        if unit is None:
            self.notify(f"Only ground units {kind.value}.", severity="warning", markup=False)
            return
        target = unit.at if kind == OpKind.HOLD else None
        if kind == OpKind.HOLD:
            # Where it will stand once its earlier lines are done.
            line = preview_plan(self.state, (*self.plan, Operation(owner, OpKind.REST))).lines
            path = [ln.path for ln in line[:-1] if ln.operation.owner == owner and ln.path]
            target = path[-1][-1] if path else unit.at
        self.add_operation(Operation(owner, kind, target, standing=True))

    def clear_lines(self, owner: str) -> None:
        """Every line of `owner` off today's plan, waits on them dropped."""
        plan = self.plan
        for index in reversed(range(len(plan))):
            if plan[index].owner == owner:
                plan = narrate.without_line(plan, index)
        if plan != self.plan:
            self.set_plan(plan)

    # --- the selected line ----------------------------------------------------------------

    def selected_line(self) -> int | None:
        table = self.plan_table()
        if table is None or not self.plan or not 0 <= table.cursor_row < len(self.plan):
            return None
        return table.cursor_row

    def action_go_to_line(self) -> None:
        """Select a plan line by its number (and go to the plan), to act on it."""
        from game.tui.screens.prompt import NumberPrompt

        if not self.plan:
            return

        def answered(number: int | None) -> None:
            table = self.plan_table()
            if number and table is not None:
                table.move_cursor(row=number - 1, scroll=True)
                table.focus()

        self.app.push_screen(NumberPrompt("Go to plan line:", 1, len(self.plan)), answered)

    def action_delete(self) -> None:
        index = self.selected_line()
        if index is not None:
            self.set_plan(narrate.without_line(self.plan, index))

    def action_move_line(self, step: int) -> None:
        index = self.selected_line()
        if index is None or not 0 <= index + step < len(self.plan):
            return
        self.set_plan(narrate.swap_lines(self.plan, index, index + step), select=index + step)

    def action_move_line_to(self, end: int) -> None:
        """The selected line to the top (`end` -1) or the bottom (1) of the plan in one key,
        as the same number of `[` or `]` would: waits on the lines passed follow them."""
        index = self.selected_line()
        if index is None:
            return
        target = 0 if end < 0 else len(self.plan) - 1
        plan, step = self.plan, 1 if target > index else -1
        for at in range(index, target, step):
            plan = narrate.swap_lines(plan, at, at + step)
        if plan != self.plan:
            self.set_plan(plan, select=target)

    def action_wait(self) -> None:
        """The selected line waits for the line whose number the player types."""
        from game.tui.screens.prompt import NONE, NumberPrompt

        index = self.selected_line()
        if index is None:
            return
        if index == 0:
            self.notify("Line 1 has no earlier line to wait for.")
            return
        op = self.plan[index]

        def answered(number: int | None) -> None:
            if number is None:
                return
            after = None if number == NONE else number
            plan = (*self.plan[:index], narrate.with_after(op, after), *self.plan[index + 1 :])
            self.set_plan(plan, select=index)

        question = NumberPrompt(f"Line {index + 1} waits for line:", 1, index, value=op.after,
                                allow_none=True)
        self.app.push_screen(question, answered)

    def action_standing(self) -> None:
        """A hold or rest becomes standing (every day until changed), or stops being so."""
        index = self.selected_line()
        if index is None:
            self.notify("Select a hold or rest line first (tab to the plan), or use the "
                        "roster (o): h for a standing hold, z for a standing rest.")
            return
        from game.engine.standing import STANDING_KINDS

        op = self.plan[index]
        if op.kind not in STANDING_KINDS:
            self.notify("Only holds and rests can stand from day to day.", severity="warning")
            return
        plan = (*self.plan[:index], replace(op, standing=not op.standing),
                *self.plan[index + 1 :])
        self.set_plan(plan, select=index)

    def action_fill(self, every_aircraft: int = 0) -> None:
        """The selected line again, as many times as the engine accepts (strikes to the last
        sortie): one key for a pattern that would take a line each. With `every_aircraft`,
        an air line is copied for every aircraft too."""
        from game.engine.operations import preview_plan
        from game.engine.standing import fill

        index = self.selected_line()
        if index is None:
            return
        owners = [a.id for a in self.state.air] if every_aircraft else []
        plan, added = fill(self.state, self.plan, index, owners=owners)
        if added == 0:
            copy = replace(self.plan[index], after=None)
            test = (*self.plan[: index + 1], copy)
            error = preview_plan(self.state, test).lines[-1].error or "it would refuse a later line"
            self.notify(f"No more copies of line {index + 1}: "
                        f"{wording.reason(error, self._names())}", severity="warning", markup=False)
            return
        self.set_plan(plan, select=index + added)
        self.notify(f"Line {index + 1} copied {wording.count(added, 'time')}.", markup=False)

    def action_repeat(self) -> None:
        """Yesterday's plan again, after today's lines, for those who can still do it."""
        if self.state.over:
            self.say_over()
            return
        if not self.yesterday:
            self.notify("No plan from yesterday to repeat.")
            return
        from game.engine.standing import repeat_plan

        result = repeat_plan(self.state, self.yesterday, self.plan)
        first = result.carried[0] - 1 if result.carried else None
        self.set_plan(result.plan, select=first)
        self.notify(self.carried_text(result, "Repeated"),
                    severity="warning" if result.dropped else "information",
                    timeout=4 + min(len(result.dropped), MAX_DROPPED_SHOWN), markup=False)

    def carried_text(self, result: CarriedPlan, verb: str) -> str:
        """What a repeat or the standing orders carried over, and why each line left out was."""
        from game.engine.refusals import Why  # a plan carried over: its table is imported

        names = self._names()
        total = len(result.carried) + len(result.dropped)
        text = f"{verb} {len(result.carried)} of {wording.count(total, 'line')} of day " \
               f"{self.state.day - 1}."
        # The same line left out for the same reason (three strikes on a town now ours)
        # is said once, with how many.
        groups: dict[tuple[str, str, str | None, str], int] = {}
        for dropped in result.dropped:
            op = dropped.operation
            why = ("no longer under command" if dropped.reason.kind == Why.UNKNOWN_OWNER
                   else wording.reason(dropped.reason, names))
            key = (op.owner, op.kind.value, op.target, why)
            groups[key] = groups.get(key, 0) + 1
        for (owner, kind, target_id, why), times in list(groups.items())[:MAX_DROPPED_SHOWN]:
            target = "" if target_id is None else " " + names.get(target_id, target_id)
            repeat = f" (x{times})" if times > 1 else ""
            text += f"\nLeft out: {names.get(owner, owner)} {kind}{target}{repeat}: {why}."
        if len(groups) > MAX_DROPPED_SHOWN:
            text += f"\n(and {len(groups) - MAX_DROPPED_SHOWN} more)"
        return text

    def say_over(self) -> None:
        self.notify(f"{narrate.outcome_line(self.state)} r shows the report, ctrl+n starts "
                    "a new game, p replays this one.", timeout=8, markup=False)
