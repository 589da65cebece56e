"""The game screen: the map, the details, the plan editor, the day played out.

The screen holds the game (`state`), today's `plan` and the selected unit; it
asks the engine for everything it shows (observe, legal_operations,
preview_plan) and hands plain values down to its widgets.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from game.data.saves import Playthrough, day_log
from game.engine import (
    Event,
    GameState,
    IllegalPlanError,
    Observation,
    Operation,
    OpKind,
    apply_plan,
    estimate_assault_on,
    legal_operations,
    observe,
    preview_plan,
)
from game.tui import narrate
from game.tui.widgets.details import DetailsPanel
from game.tui.widgets.hints import HintLine, next_hint
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.log import GameLog
from game.tui.widgets.map import MapView
from game.tui.widgets.map_model import build_map_model
from game.tui.widgets.plan import PlanRow, PlanTable
from game.tui.widgets.timeline import Timeline


class GameScreen(Screen[None]):
    """One game, from the first day's planning to the outcome."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # In the order a player needs them: on a narrow terminal the key bar drops the last
        # of these first (quit and help stay; help lists every key).
        Binding("n", "end_day", "End day"),
        Binding("a", "add", "Add op"),
        Binding("u", "next_owner(1)", "Unit"),
        Binding("U", "next_owner(-1)", "Prev unit", show=False),
        Binding("delete,x", "delete", "Delete"),
        Binding("left_square_bracket", "move_line(-1)", "Line up", show=False),
        Binding("right_square_bracket", "move_line(1)", "Line down", show=False),
        Binding("w", "wait", "After", show=False),
        Binding("s", "overlay('supply')", "Supply"),
        Binding("t", "overlay('traps')", "Traps"),
        Binding("v", "overlay('enemy')", "Enemy"),
        Binding("space,escape", "skip", "Skip", show=False),
        Binding("r", "app.report", "Report"),
    ]

    # Small terminals give the map the rows: a shorter plan and log, no timeline.
    # Textual types these as instance variables, so a ClassVar here would not type-check.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall")]  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    def __init__(
        self,
        state: GameState,
        playthrough: Playthrough | None = None,
        log: Sequence[Sequence[Event]] = (),
    ) -> None:
        super().__init__()
        self.state = state
        # What the log shows of the days before this screen: day 1's news, then each
        # day's events (a resumed game's whole story); empty for a new game.
        self.past_log = tuple(log)
        # The scenario text and the plans played so far: what a save is made of.
        self.playthrough = playthrough
        self.plan: tuple[Operation, ...] = ()
        self.owner: str | None = None
        self.done_kinds: set[str] = set()
        self.pending: list[str] = []
        self.after_day: GameState | None = None
        self._player: Timer | None = None

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        self._set_breakpoint_classes()
        yield Static("", id="game-status", markup=False)
        yield HintLine(id="game-hint")
        with Horizontal(id="game-main"):
            yield MapView(id="game-map")
            with Vertical(id="game-side"):
                yield DetailsPanel(id="game-details")
                yield Timeline(id="game-timeline")
        yield PlanTable(id="game-plan")
        yield GameLog(id="game-log")
        yield KeyBar()

    def _set_breakpoint_classes(self) -> None:
        """The breakpoint classes for the terminal's size, before any style is computed.

        Textual sets them at the screen's first resize, which restyles every widget
        once more before the first frame (about a fifth of its time); set here, the
        first resize finds nothing to change. Later resizes are Textual's as usual."""
        width, height = self.app.size
        for dimension, breakpoints in (
            (width, self.HORIZONTAL_BREAKPOINTS),
            (height, self.VERTICAL_BREAKPOINTS),
        ):
            reached = [name for least, name in sorted(breakpoints) if dimension >= least]
            chosen = reached[-1] if reached else None
            self.update_classes({name: name == chosen for _, name in breakpoints}, update=False)

    def on_mount(self) -> None:
        owners = self.owners()
        self.owner = owners[0][0] if owners else None
        self.refresh_view()
        self.map.selected = narrate.first_place(self.state)
        self.map.focus()
        self.refresh_details()
        self._introduce()

    def _introduce(self) -> None:
        scenario = self.state.scenario
        log = self.query_one(GameLog)
        names = narrate.names(self.state)
        opening, *days = self.past_log or (self.state.news,)
        log.add(f"{scenario.title}: day 1 of {scenario.days} (seed {self.state.seed}).")
        for event in opening:
            log.add(narrate.event_line(event, names))
        for day, events in enumerate(days, 1):
            for line in narrate.day_lines(day, events, names):
                log.add(line)
        if days:
            log.add(f"Resumed on day {self.state.day} of {scenario.days}.")

    @property
    def map(self) -> MapView:
        return self.query_one(MapView)

    @property
    def side(self) -> str:
        return self.state.scenario.player_side

    @property
    def seen(self) -> Observation:
        """What the player knows of the game: the engine's fog of war (cached per state)."""
        return observe(self.state, self.side)

    def owners(self) -> list[tuple[str, str]]:
        return narrate.owners(self.state)

    # --- what the engine says, handed down ------------------------------------------------

    def refresh_view(self) -> None:
        self.map.model = build_map_model(self.seen, self.state.scenario.river)
        self.refresh_plan()
        self.refresh_details()
        self.refresh_status()

    def refresh_status(self) -> None:
        owner = dict(self.owners()).get(self.owner or "", "none")
        text = (
            f"Day {self.state.day}/{self.state.scenario.days} · {narrate.date_of(self.state)}"
            f" · unit: {owner} · plan: {len(self.plan)} ops"
        )
        if self.map.overlay:  # named only when one is on: 80 columns have little room
            text += f" · overlay: {self.map.overlay}"
        self.query_one("#game-status", Static).update(text)

    def refresh_plan(self) -> None:
        rows = self.plan_rows()
        self.query_one(PlanTable).rows_shown = rows
        timeline = self.query_one(Timeline)
        timeline.owners = tuple(name for _, name in self.owners())
        timeline.rows = rows
        if self.state.scenario.tutorial:
            kinds = {str(op.kind) for op in self.plan}
            self.query_one(HintLine).text = next_hint(self.done_kinds, kinds)
        self.refresh_status()

    def plan_rows(self) -> tuple[PlanRow, ...]:
        if not self.plan:
            return ()
        preview = preview_plan(self.state, self.plan)
        names = narrate.names(self.state)
        return tuple(
            narrate.plan_row(number, op, line, names)
            for number, (op, line) in enumerate(zip(self.plan, preview.lines, strict=True), 1)
        )

    def refresh_details(self) -> None:
        selected = self.map.selected
        estimate = None
        if selected is not None and self.seen.place(selected).side != self.seen.side:
            estimate = estimate_assault_on(self.state, selected, self.plan)
        lines = narrate.describe_place(self.state.scenario, self.seen, selected, estimate)
        if self.owner is not None:
            names = narrate.names(self.state)
            lines += ["", *narrate.describe_owner(self.seen, self.owner, names)]
        self.query_one(DetailsPanel).lines = tuple(lines)

    @on(MapView.Selected)
    def _place_selected(self) -> None:
        # The cursor points; it does not change the unit, so the player can point at a target.
        self.refresh_details()
        self.refresh_status()

    @on(MapView.Opened)
    def _place_opened(self, message: MapView.Opened) -> None:
        self.open_menu(at=message.place_id)

    # --- the plan editor ------------------------------------------------------------------

    def action_next_owner(self, step: int) -> None:
        ids = [o for o, _ in self.owners()]
        if not ids:
            return
        index = ids.index(self.owner) if self.owner in ids else -step
        self.owner = ids[(index + step) % len(ids)]
        where = narrate.location_of(self.state, self.owner)
        if where is not None:
            self.map.selected = where
        self.refresh_details()
        self.refresh_status()

    def action_add(self) -> None:
        self.open_menu()

    def open_menu(self, at: str | None = None) -> None:
        """The engine's operations for the selected unit; with `at`, only those aimed at
        that place or its roads (the target picked on the map)."""
        if self.owner is None or self.pending:
            return
        owner = self.owner
        names = narrate.names(self.state)
        owner_name = names.get(owner, owner)
        choices = legal_operations(self.state, owner, self.plan)
        if at is not None:
            roads = {r.id for r in self.seen.roads if at in (r.a, r.b)}
            choices = tuple(c for c in choices if c.target == at or c.target in roads)
            if not choices:
                self.notify(self._why_nothing_at(at, owner_name), severity="warning")
                return
        if not choices:
            self.notify("This unit has no operation to choose from.")
            return
        # The menu and the confirmation are imported when first shown, not at start.
        from game.tui.widgets.operation_menu import MenuItem, OperationMenu

        items = [
            MenuItem(narrate.choice_label(c, names), bool(c.legal),
                     narrate.refusal(c.reason, names))
            for c in choices
        ]

        def chosen(index: int | None) -> None:
            if index is None:
                return
            choice = choices[index]
            self.add_operation(Operation(owner, choice.kind, choice.target))

        title = owner_name if at is None else f"{owner_name} at {names.get(at, at)}"
        self.app.push_screen(OperationMenu(title, items), chosen)

    def _why_nothing_at(self, place_id: str, owner_name: str) -> str:
        """Why the selected unit has no operation at a place: the engine's own reason for
        the nearest thing to try there, moving to it."""
        assert self.owner is not None
        names = narrate.names(self.state)
        attempt = Operation(self.owner, OpKind.MOVE, place_id)
        line = preview_plan(self.state, (*self.plan, attempt)).lines[-1]
        reason = f": {narrate.refusal(line.error, names)}" if line.error else "."
        return f"{owner_name} has no operation at {names.get(place_id, place_id)}{reason}"

    def add_operation(self, operation: Operation) -> bool:
        """Add a line to the plan if the engine finds it legal; else say why and change nothing."""
        for choice in legal_operations(self.state, operation.owner, self.plan):
            if choice.kind == operation.kind and choice.target == operation.target:
                if not choice.legal:
                    reason = narrate.refusal(choice.reason, narrate.names(self.state))
                    self.notify(f"Not possible: {reason}", severity="warning")
                    return False
                self.plan = (*self.plan, operation)
                self.refresh_plan()
                return True
        self.notify("Not possible: the engine does not offer that operation.", severity="warning")
        return False

    def _line(self) -> int | None:
        table = self.query_one(PlanTable)
        return table.cursor_row if self.plan and 0 <= table.cursor_row < len(self.plan) else None

    def action_delete(self) -> None:
        index = self._line()
        if index is None:
            return
        self.set_plan(narrate.without_line(self.plan, index))

    def action_move_line(self, step: int) -> None:
        index = self._line()
        if index is None or not 0 <= index + step < len(self.plan):
            return
        self.set_plan(narrate.swap_lines(self.plan, index, index + step))
        self.query_one(PlanTable).move_cursor(row=index + step)

    def action_wait(self) -> None:
        index = self._line()
        if index is None:
            return
        op = self.plan[index]
        # Each press waits for one line further up: the line above, then earlier ones, then none.
        if op.after is None:
            after = index if index > 0 else None  # the line above, 1-based
        else:
            after = op.after - 1 if op.after > 1 else None
        self.set_plan((*self.plan[:index], narrate.with_after(op, after), *self.plan[index + 1 :]))

    def set_plan(self, plan: Sequence[Operation]) -> None:
        self.plan = tuple(plan)
        self.refresh_plan()

    def toggle_overlay(self, name: str) -> None:
        self.map.overlay = None if self.map.overlay == name else name
        self.refresh_status()

    def action_overlay(self, name: str) -> None:
        self.toggle_overlay(name)

    # --- the day --------------------------------------------------------------------------

    def action_end_day(self) -> None:
        if self.pending or self.state.over:
            return
        errors = [r for r in self.plan_rows() if r.error]
        if errors:
            self.notify(f"Line {errors[0].number}: {errors[0].error}", severity="error")
            return
        detail = f"{len(self.plan)} operations planned." if self.plan else "Nothing planned."

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_day()

        from game.tui.screens.confirm import ConfirmScreen

        question = ConfirmScreen(f"End day {self.state.day}?", detail, "End day")
        self.app.push_screen(question, answered)

    def run_day(self) -> None:
        try:
            new_state, events = apply_plan(self.state, self.plan)
        except IllegalPlanError as error:
            reason = narrate.refusal(error.reason, narrate.names(self.state))
            self.notify(f"Line {error.line}: {reason}", severity="error")
            return
        self.done_kinds |= {str(op.kind) for op in self.plan}
        names = narrate.names(self.state)
        self.pending = narrate.day_lines(self.state.day, day_log(events, new_state), names)
        self.after_day = new_state
        if self.playthrough is not None:
            self.playthrough = self.playthrough.after(self.plan, new_state)
        delay = float(getattr(self.app, "event_delay", 0.0))
        if delay <= 0:
            self.action_skip()
        else:
            self._player = self.set_interval(delay, self._play_one)

    def _play_one(self) -> None:
        if self.pending:
            self.query_one(GameLog).add(self.pending.pop(0))
        if not self.pending:
            self._finish_day()

    def action_skip(self) -> None:
        log = self.query_one(GameLog)
        while self.pending:
            log.add(self.pending.pop(0))
        self._finish_day()

    def _finish_day(self) -> None:
        if self._player is not None:
            self._player.stop()
            self._player = None
        if self.after_day is None:
            return
        self.state, self.after_day = self.after_day, None
        self.plan = ()
        self.refresh_view()
        problem = getattr(self.app, "autosave", lambda: None)()
        if problem:
            self.notify(problem, severity="error")
        if self.state.over:
            self.query_one(GameLog).add(narrate.outcome_line(self.state))
            self.notify(narrate.outcome_line(self.state), timeout=10)
            self.app.action_report()  # type: ignore[attr-defined]
