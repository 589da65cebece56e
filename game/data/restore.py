"""A game started from a scenario file, or restored from a save by replaying it.

A save is a replay: restoring one plays its plans again through the engine and
checks each day's end fingerprint, so a replay that drifts names the day it
drifted instead of loading a game that is quietly different. `game.data.saves`
re-exports these names with the rest of what concerns saves.
"""

from __future__ import annotations

import gc
import random
from pathlib import Path
from typing import TYPE_CHECKING

from game.data.problems import ScenarioError
from game.data.save_errors import SaveError
from game.data.save_memo import state_fingerprint
from game.data.savefile import Playthrough, SaveGame, rules_refusal
from game.data.scenario_cache import parse_cached
from game.data.source import read_text
from game.engine import Event, GameState, Scenario, fingerprint, new_game
from game.engine.collect import collection_paused
from game.engine.record import record

if TYPE_CHECKING:
    from game.engine.plan import Plan


def start_playthrough(path: Path, seed: int | None = None) -> tuple[Scenario, Playthrough]:
    """Read a scenario file once: its model and the text a save will keep.

    With no seed, the game gets a fresh one from the system's entropy (the
    playthrough records it, so the game replays all the same)."""
    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    text = read_text(path)
    return parse_cached(text, str(path)), Playthrough(text, str(path), seed)


@record
class RestoredGame:
    """A game read back from a save (or just opened), replayed to its last day."""

    scenario: Scenario
    state: GameState
    playthrough: Playthrough
    events: tuple[Event, ...] = ()  # the last day's, replayed (the news of day 1 if none)
    # What the player saw happen, for the game's log: the news of day 1, then for
    # each day played its events and the next morning's news.
    log: tuple[tuple[Event, ...], ...] = ()
    draft: Plan = ()  # the plan the player was drafting for this day when it was saved
    # With `restore(..., mornings=True)`: the state of each morning, day 1 to the last
    # (what a replay shows, without playing the days again).
    mornings: tuple[GameState, ...] = ()


def day_log(events: tuple[Event, ...], after: GameState) -> tuple[Event, ...]:
    """What the player saw of a day: its events, then the next morning's news."""
    return (*events, *(event for event in after.news if event not in events))


def opened(scenario: Scenario, playthrough: Playthrough) -> RestoredGame:
    """A new game of `scenario`, as a restored game with no day played yet."""
    state = new_game(scenario, playthrough.seed, without=playthrough.without)
    return RestoredGame(scenario, state, playthrough, state.news, (state.news,))


def restore(save: SaveGame, *, mornings: bool = False) -> RestoredGame:
    """Replay a save through the engine, checking every day's fingerprint on the way;
    with `mornings`, keep each morning's state (`RestoredGame.mornings`).

    A save made under other rules is refused by name first: its replay could only drift."""
    where = save.path or Path(save.scenario_file)
    refusal = rules_refusal(save)
    if refusal is not None:
        raise SaveError(where, refusal)
    # The scenario and the replay's days build records that outlive them (the model,
    # each day's state, log and fingerprint): the collector's passes would free nothing.
    with collection_paused():
        try:
            scenario = parse_cached(save.scenario_text, save.scenario_file)
        except ScenarioError as error:
            first = str(error).splitlines()[0] if str(error) else "invalid"
            raise SaveError(where, f"its scenario no longer loads: {first}") from None
        if scenario.id != save.scenario_id:
            raise SaveError(where, f"its scenario is '{scenario.id}', not '{save.scenario_id}'")
        kept: list[GameState] | None = [] if mornings else None
        state, events, log = _replay(save, scenario, where, kept)
        _long_lived()
    if (state.day, str(state.outcome)) != (save.day, save.outcome):  # never without an edit
        raise SaveError(where, f"the replay ends on day {state.day} ({state.outcome}); "
                               f"the save says day {save.day} ({save.outcome})")
    return RestoredGame(scenario, state, save.playthrough, events, log, save.draft,
                        () if kept is None else (*kept, state))


def _long_lived() -> None:
    """What the restore built (the scenario, its index, the days' states and log) lives as
    long as the game: it goes to the collector's oldest generation at once. Left young, the
    collector's first pass after the restore went over all of it and freed nothing (80,000
    records at 10,000 places: a tenth of the restore). `gc.freeze` then `gc.unfreeze` move
    every tracked object there as two splices of its lists, without a pass (what a process
    kept frozen too: the game's app freezes anew, after a full collection, whenever a
    game takes another's place, as a restored one does; asking first whether anything
    is frozen would walk all that is)."""
    gc.freeze()
    gc.unfreeze()


def apply_plan(state: GameState, plan: Plan) -> tuple[GameState, tuple[Event, ...]]:
    """The engine's `apply_plan`, imported at the first day a save replays: a start that
    replays none (a new game) does not import the day's execution."""
    from game.engine.execute import apply_plan as play_the_day

    return play_the_day(state, plan)


def _replay(save: SaveGame, scenario: Scenario, where: Path, mornings: list[GameState] | None
            ) -> tuple[GameState, tuple[Event, ...], tuple[tuple[Event, ...], ...]]:
    """The save's days played again, each checked by its fingerprint: the last state,
    its day's events and the game's log (see `RestoredGame`); each day's morning state
    added to `mornings` when given."""
    from game.engine.columns import forget  # the day's own import, as `apply_plan`'s
    from game.engine.plan import IllegalPlanError  # as the day's execution imports it

    state = new_game(scenario, save.seed, without=save.without)
    events: tuple[Event, ...] = state.news
    log = [state.news]
    for day, (plan, expected) in enumerate(zip(save.plans, save.fingerprints, strict=True), 1):
        if state.over:  # the game never plans past its end; only an edited file does
            raise SaveError(where, f"replay failed on day {day}: the game ended "
                                   f"({state.outcome}) on day {day - 1}", day)
        try:
            before, (state, events) = state, apply_plan(state, plan)
        except IllegalPlanError as error:
            raise SaveError(where, f"replay failed on day {day}: {error}", day) from None
        except Exception as error:  # the plans come from a file: no error escapes as a crash
            raise SaveError(where, f"replay failed on day {day}: the rules stopped on "
                                   f"{type(error).__name__}: {error}", day) from None
        forget(before)
        if mornings is not None:
            mornings.append(before)
        log.append(day_log(events, state))
        # Only the last day's state is kept with its fingerprint (the game's next save asks
        # for it again): kept, the days before it outlived the replay, and the collector's
        # first pass after it went through every place and road of each.
        last = day == len(save.plans)
        got = state_fingerprint(state) if last else fingerprint(state)
        if got != expected:
            raise SaveError(where, f"replay drifted on day {day}: expected {expected[:12]}..., "
                                   f"got {got[:12]}...", day)
    if state_fingerprint(state) != save.final_fingerprint:
        raise SaveError(where, "replay does not reach the saved final state", len(save.plans))
    return state, events, tuple(log)
