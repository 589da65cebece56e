"""The game screen: the map, the details, the plan editor, the day played out.

The screen holds the game (`state`), today's `plan` and the selected unit; it
asks the engine for everything it shows (observe, legal_operations,
preview_plan) and hands plain values down to its widgets. The plan editor's
keys live in `OrdersScreen`; this module adds the map, the log and the day.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import Static

from game.data.saves import Playthrough, day_log
from game.engine import Event, GameState
from game.engine import events as ev
from game.tui import garbage, narrate, wording
from game.tui.screens.game_layout import (
    TIMELINE_ROOM,
    Column,
    Row,
    fill_timeline,
    room_for_timeline,
    set_breakpoint_classes,
    timeline,
)
from game.tui.screens.orders import OrdersScreen
from game.tui.view_state import keep_overlay, read_overlay
from game.tui.widgets.details import DetailsPanel, describe_owner, describe_place
from game.tui.widgets.hints import HintLine
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.log import GameLog
from game.tui.widgets.map import MapView
from game.tui.widgets.map_model import build_map_model
from game.tui.widgets.plan import EmptyPlan, PlanDetail

if TYPE_CHECKING:
    from game.engine.plan import Plan

# The day's execution, the plan and its checker and standing orders are imported when first
# used (a day ended, a plan shown, an assault estimated): the first frame needs none of them.

# The keys that change the plan: once the game is over they say so instead.
EDITING = frozenset({"end_day", "add", "repeat", "standing", "fill", "wait", "delete",
                     "move_line", "move_line_to", "roster"})
AFTER_THE_END = frozenset({"new_game", "replay"})
OVERLAYS = Binding.Group("Overlays")
MOVE_LINE = Binding.Group("Move")


class GameScreen(OrdersScreen):
    """One game, from the first day's planning to the outcome."""

    # Its widgets cover it whole (the key bar docked, the map's row taking what the others
    # leave): nothing of its own shows, so Textual paints it blank.
    BLANK = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "overlay('supply')", "Supply", id="game.overlay_supply", group=OVERLAYS),
        Binding("t", "overlay('traps')", "Traps", id="game.overlay_traps", group=OVERLAYS),
        Binding("v", "overlay('enemy')", "Enemy", id="game.overlay_enemy", group=OVERLAYS),
        Binding("r", "app.report", "Report", id="game.report"),
        # The plan editor's (OrdersScreen) keys that move lines, one entry in the key bar
        # ("[/]/{/} Move"), after the report: the first a full bar drops.
        Binding("left_square_bracket", "move_line(-1)", "Line up", id="game.line_up",
                group=MOVE_LINE),
        Binding("right_square_bracket", "move_line(1)", "Line down", id="game.line_down",
                group=MOVE_LINE),
        Binding("left_curly_bracket", "move_line_to(-1)", "Line to the top",
                id="game.line_top", group=MOVE_LINE),
        Binding("right_curly_bracket", "move_line_to(1)", "Line to the bottom",
                id="game.line_bottom", group=MOVE_LINE),
        Binding("ctrl+n", "new_game", "New game", id="game.new_game"),
        Binding("p", "replay", "Replay", id="game.replay"),
        Binding("pageup", "scroll_log(-1)", "Log up", show=False, priority=True,
                id="game.log_up"),
        Binding("pagedown", "scroll_log(1)", "Log down", show=False, priority=True,
                id="game.log_down"),
        Binding("space,escape", "skip", "Skip", show=False, id="game.skip"),
    ]

    # Small terminals give the map the rows: a shorter plan and log, no timeline; the
    # timeline shows from 46 rows ("-roomy"), where the details keep their room beside it.
    # Textual types these as instance variables, so a ClassVar here would not type-check.
    VERTICAL_BREAKPOINTS = [(0, "-short"), (34, "-tall"), (46, "-roomy")]  # noqa: RUF012
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012

    def __init__(self, state: GameState, playthrough: Playthrough | None = None,
                 log: Sequence[Sequence[Event]] = (), draft: Plan | None = None) -> None:
        super().__init__(state, playthrough)
        # What the log shows of the days before this screen: day 1's news, then each
        # day's events (a resumed game's whole story); empty for a new game.
        self.past_log = tuple(log)
        # The plan the player had drafted when the game was saved; None or empty: none was
        # kept, so the day starts from yesterday's standing orders.
        self.draft = draft
        self.after_day: GameState | None = None
        self._player: Timer | None = None
        self._day_mark = 0
        self._planning_in: Widget | None = None  # where the keys were when the day ended
        self._arrived: tuple[str, ...] = ()  # units that joined overnight, for a notice
        self._resumed_once = False

    # --- layout ---------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        set_breakpoint_classes(self)
        yield Static("", id="game-status", markup=False)
        yield HintLine(id="game-hint")
        with Row(id="game-main"):
            yield MapView(id="game-map")
            with Column(id="game-side"):
                yield DetailsPanel(id="game-details")
                if self.has_class(*TIMELINE_ROOM):
                    yield timeline()
        with Vertical(id="game-plan-box"):
            # No plan to show yet: its header now, the table after the first frame.
            self.table = EmptyPlan.table() if self.draft or self.yesterday else None
            yield self.table or EmptyPlan()
            yield PlanDetail(id="game-plan-detail")
        yield GameLog(id="game-log")
        yield KeyBar()

    def on_resize(self, event: events.Resize) -> None:
        """The hour chart, the first time the terminal has room for it (it stays)."""
        if room_for_timeline(self, *event.size) and not self.query("#game-timeline"):
            chart = timeline()
            self.query_one("#game-side").mount(chart)
            fill_timeline(chart, self.owners(), self.plan_rows())

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first time the screen shows, its widgets were styled as they mounted:
        Textual's restyle of the whole screen then (every widget once more, about a
        twentieth of the start) would find nothing to change. Later resumes (a dialog
        closed, a theme changed meanwhile) restyle as usual; Textual's own handler
        runs after this one."""
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False

    def on_mount(self) -> None:
        owners = self.owners()
        self.owner = owners[0][0] if owners else None
        if self.draft:
            self.plan = tuple(self.draft)
        elif self.yesterday and not self.state.over:
            from game.engine.standing import standing_draft

            self.plan = standing_draft(self.state, self.yesterday).plan
        folder = getattr(self.app, "saves_folder", None)
        if folder is not None:  # the overlay the player left on, in this game or the last
            self.map.overlay = read_overlay(folder)
        self.refresh_view()
        self.map.selected = narrate.first_place(self.state)
        self.map.focus()
        self.refresh_details()
        self.watch(self.map, "selected", self._place_selected, init=False)
        self.watch(self, "focused", self._mark_focus)
        self._introduce()
        if self.query(EmptyPlan):
            # After the frame that shows the log (it is written at the first layout).
            self.call_after_refresh(self.call_after_refresh, self._build_plan_table)

    def _build_plan_table(self) -> None:
        self.plan_table(build=True)
        self.refresh_plan()

    def _introduce(self) -> None:
        scenario = self.state.scenario
        names = narrate.names(self.state)
        opening, *days = self.past_log or (self.state.news,)
        lines = [f"{scenario.title}: day 1 of {scenario.days} (seed {self.state.seed})."]
        if scenario.description:  # the briefing: what is asked and what is promised
            lines.append(scenario.description.strip())
        lines += [narrate.event_line(event, names) for event in opening]
        for day, happened in enumerate(days, 1):
            lines += narrate.day_lines(day, happened, names)
        if days:
            lines.append(f"Resumed on day {self.state.day} of {scenario.days}.")
        if self.state.over:
            lines.append(narrate.outcome_line(self.state))
        self.query_one(GameLog).add_all(lines)  # one layout of the log, not one a line

    def _mark_focus(self, focused: Widget | None) -> None:
        """Each panel's title names it; the one with the keys is marked (its line is heavy
        too), so focus shows without colour."""
        for panel, title in ((self.map, "Map"),
                             (self.query_one("#game-plan-box"), "Plan"),
                             (self.query_one(GameLog), "Log (page up / page down)")):
            has_keys = focused is not None and (focused is panel or panel in focused.ancestors)
            panel.border_title = f"▶ {title}" if has_keys else title

    @property
    def map(self) -> MapView:
        return self.query_one(MapView)

    @property
    def side(self) -> str:
        return self.state.scenario.player_side

    def map_select(self, place_id: str) -> None:
        self.map.selected = place_id

    # --- what the engine says, handed down ------------------------------------------------

    def refresh_view(self) -> None:
        self.map.model = build_map_model(self.seen, self.state.scenario.river)
        self.refresh_plan()
        self.refresh_details()
        self.refresh_status()
        self.refresh_ending()

    def refresh_status(self) -> None:
        scenario = self.state.scenario
        if self.state.over:
            text = f"Day {self.state.day}/{scenario.days} · {narrate.outcome_line(self.state)}"
        else:
            owner = dict(self.owners()).get(self.owner or "", "none")
            text = (
                f"Day {self.state.day}/{scenario.days} · {narrate.date_of(self.state)}"
                f" · unit: {owner} · plan: {wording.count(len(self.plan), 'op')}"
            )
        if self.state.without:  # a save of `anbar simulate --without`: the player is told
            text += f" · {wording.rules_off(self.state.without)}"
        if self.map.overlay:  # named only when one is on: 80 columns have little room
            text += f" · overlay: {self.map.overlay}"
        # One line of fixed size: a new text needs no layout of the screen.
        self.query_one("#game-status", Static).update(text, layout=False)

    def refresh_ending(self) -> None:
        """Once the game is over, the hint line says so and what comes next, and the key
        bar offers the report, a new game and the replay instead of the plan's keys."""
        if self.state.over:
            self.query_one(HintLine).text = (
                f"{narrate.outcome_line(self.state)} r: the after-action report · "
                "ctrl+n: a new game · p: replay this game day by day.")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in EDITING:
            return not self.state.over
        if action in AFTER_THE_END:
            return self.state.over
        return True

    def on_key(self, event: events.Key) -> None:
        """A plan key pressed after the end says the game is over, rather than nothing."""
        if not self.state.over:
            return
        chain = dict((id(node), bindings) for node, bindings in self._binding_chain)
        mine = chain.get(id(self))
        for binding in [] if mine is None else mine.key_to_bindings.get(event.key, []):
            if binding.action.split("(")[0] in EDITING:
                self.say_over()
                event.stop()
                return

    def refresh_details(self) -> None:
        selected = self.map.selected
        estimate = None
        if selected is not None and self.seen.place(selected).side != self.seen.side:
            from game.engine.operations import estimate_assault_on

            estimate = estimate_assault_on(self.state, selected, self.plan)
        lines = describe_place(self.state.scenario, self.seen, selected, estimate)
        if self.owner is not None:
            lines += ["", *describe_owner(self.seen, self.owner)]
        self.query_one(DetailsPanel).lines = tuple(lines)

    def _place_selected(self) -> None:
        # The cursor points; it does not change the unit, so the player can point at a
        # target. Only the details follow it (the status line does not name the place),
        # in the same frame as the cursor: the screen watches the map's `selected`.
        self.refresh_details()

    @on(MapView.Opened)
    def _place_opened(self, message: MapView.Opened) -> None:
        if self.state.over:
            self.say_over()
            return
        at = message.place_id
        roads = [r.id for r in self.seen.roads if at in (r.a, r.b)]
        self.open_menu(at=at, roads=roads)

    def on_data_table_row_highlighted(self) -> None:  # the plan's table (PlanTable)
        self.show_line_detail()

    def toggle_overlay(self, name: str) -> None:
        self.map.overlay = None if self.map.overlay == name else name
        self.refresh_status()
        folder = getattr(self.app, "saves_folder", None)
        if folder is not None:  # the next game opens with it too
            keep_overlay(folder, self.map.overlay)

    def action_overlay(self, name: str) -> None:
        self.toggle_overlay(name)

    def action_scroll_log(self, pages: int) -> None:
        log = self.query_one(GameLog)
        log.scroll_relative(y=pages * max(log.scrollable_content_region.height - 1, 1),
                            animate=False)

    def action_new_game(self) -> None:
        self.app.action_new_game()  # type: ignore[attr-defined]

    def action_replay(self) -> None:
        if self.playthrough is None:
            self.notify("This game has no record to replay.")
            return
        from game.tui.screens.replay import ReplayScreen

        self.app.push_screen(ReplayScreen.of_playthrough(self.playthrough))

    # --- the day --------------------------------------------------------------------------

    def action_end_day(self) -> None:
        if self.state.over:
            self.say_over()
            return
        if self.pending:
            return
        self._planning_in = self.focused
        errors = [r for r in self.plan_rows() if r.error]
        if errors:
            self.notify(f"Line {errors[0].number}: {errors[0].error}", severity="error",
                        markup=False)
            return
        detail = (f"{wording.count(len(self.plan), 'operation')} planned." if self.plan
                  else "Nothing planned.")
        busy = {op.owner for op in self.plan}
        idle = [name for owner, name in self.owners() if owner not in busy]
        if idle and self.plan:  # "nothing planned" says it for all of them
            detail += (f" No line today for {len(idle)} of {len(self.owners())} units and "
                       f"aircraft: {'; '.join(idle)}.")

        def answered(yes: bool | None) -> None:
            if yes:
                self.run_day()

        from game.tui.screens.confirm import ConfirmScreen

        question = ConfirmScreen(f"End day {self.state.day}?", detail, "End day")
        self.app.push_screen(question, answered)

    def run_day(self) -> None:
        from game.engine import IllegalPlanError, apply_plan

        try:
            new_state, events = apply_plan(self.state, self.plan)
        except IllegalPlanError as error:
            reason = wording.reason(error.reason, narrate.names(self.state))
            self.notify(f"Line {error.line}: {reason}", severity="error", markup=False)
            return
        self.done_kinds |= {str(op.kind) for op in self.plan}
        names = narrate.names(self.state)
        logged = day_log(events, new_state)
        self.pending = narrate.day_lines(self.state.day, logged, names)
        self._arrived = tuple(
            unit for event in logged if isinstance(event, ev.ReinforcementsArrived)
            for unit in event.units if new_state.unit(unit) is not None)
        self.after_day = new_state
        self._day_mark = self.query_one(GameLog).entries
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
        pending, self.pending = self.pending, []
        self.query_one(GameLog).add_all(pending)
        self._finish_day()

    def _finish_day(self) -> None:
        if self._player is not None:
            self._player.stop()
            self._player = None
        if self.after_day is None:
            return
        yesterday = self.plan
        self.state, self.after_day = self.after_day, None
        log = self.query_one(GameLog)
        if self.state.over:
            log.add(narrate.outcome_line(self.state))
            self.plan = ()
        else:
            from game.engine.standing import standing_draft

            carried = standing_draft(self.state, yesterday)
            self.plan = carried.plan
            if carried.dropped:  # those kept are in the plan: only a change is news
                self.notify(self.carried_text(carried, "Standing orders: kept"),
                            severity="warning", markup=False)
        log.show_from(self._day_mark)  # the day from its heading, not only its last lines
        owners = [owner for owner, _ in self.owners()]
        if self.owner not in owners:  # destroyed, or called away overnight
            self.owner = owners[0] if owners else None
        if self._arrived and not self.state.over:
            # New units have no line yet and the repeat key gives them none: say so, and
            # select the first, so the details show where it stands.
            self.owner = self._arrived[0]
            self.notify(narrate.arrivals_text(self.state, self._arrived), timeout=10, markup=False)
            self._arrived = ()
        self.refresh_view()
        self._back_to_planning()
        garbage.kept_after_day()  # the day's state, log and map built: out of the way
        problem = getattr(self.app, "autosave", lambda: None)()
        if problem:
            self.notify(problem, severity="error", markup=False)
        if self.state.over:
            self.notify(narrate.outcome_line(self.state), timeout=10, markup=False)
            self.app.action_report()  # type: ignore[attr-defined]

    def _back_to_planning(self) -> None:
        """The keys go back where the player planned before ending the day (the map when
        that was the log or nothing): arrows move on the map, not down the log."""
        planned_in, self._planning_in = self._planning_in, None
        if planned_in is None or isinstance(planned_in, GameLog) or not planned_in.is_attached:
            planned_in = self.map
        if self.focused is not planned_in:
            planned_in.focus()
