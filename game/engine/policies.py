"""The built-in policies for the player's side, and a whole headless game.

Policies see only what the player sees: `observe`, and the plan checker that
`preview_plan` and `legal_operations` use (a `PlanBuilder` adds lines one at a
time, keeping those the checker accepts). They never read hidden trap levels
or garrisons, so they play by the same fog of war as the player.

- `idle`: no orders.
- `random`: random legal operations, drawn from a generator seeded by the
  game's seed and the day (never the game's own generator).
- `doctrine`: recon the road ahead, clear it, move up, strike the target's
  car bombs and garrison, assault with supplied units, push a depot forward,
  send convoys, rest when tired.

The doctrine, with the `PlanBuilder` it grows its plan with, lives in
`doctrine`. This module chooses a plan by the policy's name and plays whole
games, and re-exports the rest, so callers import from here alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from game.engine.doctrine import PlanBuilder as PlanBuilder
from game.engine.doctrine import doctrine_plan as doctrine_plan
from game.engine.events import Event
from game.engine.execute import apply_plan
from game.engine.fingerprint import fingerprint
from game.engine.front import COMBAT as COMBAT
from game.engine.memo import by_identity
from game.engine.model import Scenario
from game.engine.operations import Operation, Plan, Planner, choices_for, remember_checked
from game.engine.record import record
from game.engine.rng import Rng, seed_state
from game.engine.state import GameState, Outcome
from game.engine.world import new_game

POLICIES = ("doctrine", "reckless", "random", "idle")


def choose_plan(policy_name: str, state: GameState) -> Plan:
    """The plan the named policy (`doctrine`, `reckless`, `random`, `idle`) gives for today."""
    if state.over or policy_name == "idle":
        return ()
    if policy_name == "random":
        return random_plan(state)
    if policy_name == "doctrine":
        return doctrine_plan(state)
    if policy_name == "reckless":
        from game.engine.reckless import reckless_plan  # imported by the games that play it

        return reckless_plan(state)
    raise ValueError(f"unknown policy '{policy_name}' (expected one of {', '.join(POLICIES)})")


def random_plan(state: GameState) -> Plan:
    """Up to two random legal operations an owner: each drawn from `legal_operations`
    after the lines drawn before it (one planner walks the plan as it grows)."""
    rng = Rng(seed_state(state.seed * 1_000_003 + state.day))
    plan: list[Operation] = []
    planner = Planner(state)
    owners = [u.id for u in state.units] + [a.id for a in state.air]
    for owner in owners:
        for _ in range(rng.randint(0, 2)):
            legal = [c for c in choices_for(planner, owner) if c.legal]
            if not legal:
                break
            choice = legal[rng.below(len(legal))]
            operation = Operation(owner, choice.kind, choice.target)
            planner.check(operation)
            plan.append(operation)
    remember_checked(planner, tuple(plan))
    return tuple(plan)


# --- a whole game -----------------------------------------------------------

@by_identity(8)
def _fingerprints(states: tuple[GameState, ...]) -> tuple[str, ...]:
    return tuple(fingerprint(state) for state in states)


@record
class GameRecord:
    """A whole game played by a policy: its plans, the state at the end of every day
    (and their fingerprints, worked out when first asked: most games played are only
    summed up) and its events."""

    scenario: str  # the scenario's id
    seed: int
    policy: str
    final: GameState
    plans: tuple[Plan, ...]  # the plan of every day, in order
    states: tuple[GameState, ...]  # the state at the end of every day
    events: tuple[Event, ...]

    @property
    def fingerprints(self) -> tuple[str, ...]:
        """The state's fingerprint at the end of every day."""
        return _fingerprints(self.states)

    @property
    def outcome(self) -> Outcome:
        return self.final.outcome

    @property
    def days(self) -> int:
        return len(self.plans)


def play_game(scenario: Scenario, seed: int, policy_name: str,
              on_day: Callable[[GameState], None] | None = None,
              without: Iterable[str] = ()) -> GameRecord:
    """Play a whole game with a built-in policy, to victory or the day limit.

    `without` switches rule families off for an ablation study (see `new_game`).
    """
    if policy_name not in POLICIES:
        raise ValueError(f"unknown policy '{policy_name}' (expected one of {', '.join(POLICIES)})")
    state = new_game(scenario, seed, without)
    plans: list[Plan] = []
    states: list[GameState] = []
    events: list[Event] = list(state.news)
    while not state.over:
        plan = choose_plan(policy_name, state)
        state, day_events = apply_plan(state, plan)
        plans.append(plan)
        states.append(state)
        events.extend(day_events)
        if on_day is not None:
            on_day(state)
    return GameRecord(scenario.id, seed, policy_name, state, tuple(plans), tuple(states),
                      tuple(events))
