"""A game replayed day by day: the map each morning, the plan played that day, its events.

A save is a replay (the scenario's text, the seed and every day's plan), so
this screen plays the plans again through the engine and keeps each morning's
state. Left and right step a day, home and end go to the first and the last,
`g` goes to a day by number. `c` continues from the day shown: a new game
whose past is the save's up to that morning, written as a new save (the
original is kept); the App opens it (`ReplayScreen.ContinueFrom`).
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from game.data.saves import Playthrough, RestoredGame, day_log
from game.data.scenario_cache import parse_cached
from game.engine import Event, GameState, Plan, apply_plan, new_game, observe, preview_plan
from game.engine.record import record
from game.tui import narrate, wording
from game.tui.screens.prompt import NumberPrompt
from game.tui.widgets.details import DetailsPanel
from game.tui.widgets.keybar import KeyBar
from game.tui.widgets.log import GameLog
from game.tui.widgets.map import MapView
from game.tui.widgets.map_model import build_map_model
from game.tui.widgets.plan import PlanDetail
from game.tui.widgets.plan_table import PlanTable


@record
class ReplayDay:
    """One morning of a replayed game: the state, the plan played that day, its events.
    The last morning of a game in progress has no plan yet; a game over ends on the
    evening of its last day, with nothing after it."""

    state: GameState
    plan: Plan
    events: tuple[Event, ...]


def replay_days(state: GameState, plans: tuple[Plan, ...]) -> tuple[ReplayDay, ...]:
    """Every morning from `state` on, each day's plan played through the engine."""
    days = []
    for plan in plans:
        after, events = apply_plan(state, plan)
        days.append(ReplayDay(state, plan, day_log(events, after)))
        state = after
    days.append(ReplayDay(state, (), ()))
    return tuple(days)


def day_summary(day: ReplayDay, evening: GameState | None) -> list[str]:
    """The side panel: the day's figures as the engine recorded them that evening."""
    state = day.state
    if evening is None or not evening.record:
        if state.over:
            return [narrate.outcome_line(state)]
        return [f"Day {state.day}: not played yet.", "", "c continues the game from here."]
    figures = evening.record[-1]
    lines = [f"Day {state.day}, {narrate.date_of(state)}: "
             f"{wording.count(len(day.plan), 'plan line')}", ""]
    lines += [f"{wording.figure_name(f.name)}: {getattr(figures, f.name)}"
              for f in fields(figures) if f.name != "day"]
    lines += ["", "c continues the game from this morning."]
    return lines


class ReplayScreen(Screen[None]):
    """A game's days, one at a time."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the log, focused for its scrolling keys, would take these.
        Binding("left,comma", "step(-1)", "Prev day", id="replay.previous_day", priority=True),
        Binding("right,full_stop", "step(1)", "Next day", id="replay.next_day", priority=True),
        Binding("g", "go_to", "Go to day", id="replay.go_to"),
        Binding("home", "seek(1)", "First", show=False, id="replay.first_day", priority=True),
        Binding("end", "seek(-1)", "Last", show=False, id="replay.last_day", priority=True),
        Binding("c", "continue", "Continue here", id="replay.continue"),
        Binding("pageup", "scroll_log(-1)", "Log up", show=False, id="replay.log_up"),
        Binding("pagedown", "scroll_log(1)", "Log down", show=False, id="replay.log_down"),
        Binding("escape,q", "close", "Close", id="replay.close"),
    ]

    class ContinueFrom(Message):
        """The player asked for a new game from a morning of the replay."""

        def __init__(self, playthrough: Playthrough, state: GameState,
                     log: tuple[tuple[Event, ...], ...], name: str) -> None:
            super().__init__()
            self.playthrough = playthrough
            self.state = state
            self.log = log
            self.source = name  # the save it comes from, to name the new one after it

    def __init__(self, playthrough: Playthrough, days: tuple[ReplayDay, ...],
                 name: str = "this game") -> None:
        super().__init__()
        self.playthrough = playthrough
        self.days = days
        self.title_name = name
        self.index = 0

    @classmethod
    def of_playthrough(cls, playthrough: Playthrough, name: str = "this game") -> ReplayScreen:
        """The replay of a playthrough: its scenario read from its own text."""
        scenario = parse_cached(playthrough.scenario_text, playthrough.scenario_file)
        state = new_game(scenario, playthrough.seed, without=playthrough.without)
        return cls(playthrough, replay_days(state, playthrough.plans), name)

    @classmethod
    def of_restored(cls, restored: RestoredGame, name: str) -> ReplayScreen:
        """The replay of a save already restored with its mornings: the days its restore
        played and checked, not played again."""
        *played, last = restored.mornings  # the last: the save's own day, not played yet
        days = [ReplayDay(morning, plan, events) for morning, plan, events
                in zip(played, restored.playthrough.plans, restored.log[1:], strict=True)]
        return cls(restored.playthrough, (*days, ReplayDay(last, (), ())), name)

    def compose(self) -> ComposeResult:
        yield Static("", id="game-status", markup=False)
        with Horizontal(id="game-main"):
            game_map = MapView(id="game-map")
            game_map.can_focus = False  # the arrows step through the days
            yield game_map
            with Vertical(id="game-side"):
                yield DetailsPanel(id="game-details")
        with Vertical(id="game-plan-box"):
            table = PlanTable(id="game-plan")
            table.can_focus = False  # before the first focus: the plan is only shown
            yield table
            yield PlanDetail(id="game-plan-detail")
        yield GameLog(id="game-log")
        yield KeyBar()

    def on_mount(self) -> None:
        self.show_day()

    @property
    def day(self) -> ReplayDay:
        return self.days[self.index]

    def show_day(self) -> None:
        day = self.day
        state = day.state
        names = narrate.names(state)
        side = state.scenario.player_side
        game_map = self.query_one(MapView)
        game_map.model = build_map_model(observe(state, side), state.scenario.river)
        if game_map.selected is None:
            game_map.selected = narrate.first_place(state)
        total = len(self.days)
        status = (f"Replay of {self.title_name} · day {state.day} ({self.index + 1} of {total}"
                  f" mornings) · {narrate.date_of(state)}")
        if state.without:  # played so (`anbar simulate --without`): the player is told
            status += f" · {wording.rules_off(state.without)}"
        self.query_one("#game-status", Static).update(status)
        evening = self.days[self.index + 1].state if self.index + 1 < len(self.days) else None
        self.query_one(DetailsPanel).lines = tuple(day_summary(day, evening))
        rows = ()
        if day.plan:
            preview = preview_plan(state, day.plan)
            rows = tuple(narrate.plan_row(n, op, line, names)
                         for n, (op, line) in enumerate(zip(day.plan, preview.lines,
                                                             strict=True), 1))
        table = self.query_one(PlanTable)
        table.rows_shown = rows
        self.query_one(PlanDetail).show(rows[0] if rows else None, "No plan on this day.")
        log = self.query_one(GameLog)
        log.reset()
        if day.events:
            for line in narrate.day_lines(state.day, day.events, names):
                log.add(line)
        else:
            log.add(narrate.outcome_line(state))
        log.scroll_home(animate=False)

    def action_step(self, step: int) -> None:
        self.action_seek(self.index + step + 1)

    def action_seek(self, morning: int) -> None:
        """Go to a morning, 1-based; -1 is the last."""
        index = len(self.days) - 1 if morning == -1 else morning - 1
        index = min(max(index, 0), len(self.days) - 1)
        if index != self.index:
            self.index = index
            self.show_day()

    def seek_day(self, day: int) -> None:
        """Go to the morning of game day `day`."""
        for index, replayed in enumerate(self.days):
            if replayed.state.day == day:
                self.action_seek(index + 1)
                return

    def action_go_to(self) -> None:
        first, last = self.days[0].state.day, self.days[-1].state.day

        def answered(day: int | None) -> None:
            if day is not None:
                self.seek_day(day)

        self.app.push_screen(NumberPrompt("Go to day:", first, last), answered)

    def action_continue(self) -> None:
        day = self.day
        if day.state.over:
            self.notify("The game ended here: there is no day to continue.", severity="warning")
            return
        played = self.days[: self.index]
        playthrough = replace(self.playthrough, plans=self.playthrough.plans[: self.index],
                              fingerprints=self.playthrough.fingerprints[: self.index])
        log = (self.days[0].state.news, *(d.events for d in played))
        self.post_message(self.ContinueFrom(playthrough, day.state, log, self.title_name))

    def action_scroll_log(self, pages: int) -> None:
        log = self.query_one(GameLog)
        log.scroll_relative(y=pages * max(log.scrollable_content_region.height - 1, 1),
                            animate=False)

    def action_close(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.dismiss(None)
        else:  # opened alone (`anbar replay SAVE --view`): closing it ends the program
            self.app.exit()
