"""The rules of Euphrates Road: pure Python, standard library only, no I/O.

What a game is made of (the scenario's model, the state, the events, the fog of
war) is imported with the package; the rest of its names (the plan and its
checker, the refusals, the day's execution, the policies) from their modules when
first asked for (PEP 562): a program that only opens a game, as the UI does for
its first frame, does not import the checker, the refusals' table and the day until
it uses them. (`observe` and
`fingerprint` are imported at once: a later import of their modules, of the same
names, would hide the functions.)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from game.engine.events import *  # noqa: F403 - every event kind is public
from game.engine.events import EVENT_KINDS, Event
from game.engine.fingerprint import canonical, fingerprint
from game.engine.model import (
    AirAsset,
    AirKind,
    GarrisonChange,
    Message,
    Objective,
    Place,
    PlaceKind,
    Reinforcements,
    Road,
    RoadKind,
    Rules,
    Scenario,
    ScriptedEvent,
    SideSpec,
    SortiesChange,
    SupplyRules,
    UnitKind,
    UnitSpec,
    Weather,
)
from game.engine.observe import Observation, PlaceView, RoadView, observe
from game.engine.state import (
    AirState,
    Cause,
    DayRecord,
    Depot,
    GameState,
    Outcome,
    PlaceState,
    RoadState,
    UnitState,
)
from game.engine.version import RULES_VERSION, SWITCHES

if TYPE_CHECKING:
    from game.engine.combat import AssaultEstimate
    from game.engine.execute import apply_plan
    from game.engine.operations import estimate_assault_on, legal_operations, preview_plan
    from game.engine.plan import (
        IllegalPlanError,
        Operation,
        OperationChoice,
        OpKind,
        Plan,
        PlanLine,
        PlanPreview,
        Risk,
        RiskKind,
    )
    from game.engine.policies import POLICIES, GameRecord, choose_plan, play_game
    from game.engine.refusals import Refusal, Why, describe
    from game.engine.world import new_game

# The names imported when first asked for, and the module each comes from.
_LATER = {
    "AssaultEstimate": "combat",
    "apply_plan": "execute",
    **dict.fromkeys(("estimate_assault_on", "legal_operations", "preview_plan"), "operations"),
    **dict.fromkeys(("IllegalPlanError", "Operation", "OperationChoice", "OpKind", "Plan",
                     "PlanLine", "PlanPreview", "Risk", "RiskKind"), "plan"),
    **dict.fromkeys(("POLICIES", "GameRecord", "choose_plan", "play_game"), "policies"),
    **dict.fromkeys(("Refusal", "Why", "describe"), "refusals"),
    "new_game": "world",
}


def __getattr__(name: str) -> Any:
    """A name of `_LATER`, imported from its module at its first use (then kept here)."""
    module = _LATER.get(name)
    if module is None:  # a submodule not imported yet, or no such name
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


__all__ = [
    "EVENT_KINDS",
    "RULES_VERSION",
    "SWITCHES",
    "AirAsset",
    "AirKind",
    "AirState",
    "AssaultEstimate",
    "Cause",
    "DayRecord",
    "Depot",
    "Event",
    "GameState",
    "GarrisonChange",
    "IllegalPlanError",
    "Message",
    "Objective",
    "Observation",
    "OpKind",
    "Operation",
    "OperationChoice",
    "Outcome",
    "Place",
    "PlaceKind",
    "PlaceState",
    "PlaceView",
    "Plan",
    "PlanLine",
    "PlanPreview",
    "Refusal",
    "Reinforcements",
    "Risk",
    "RiskKind",
    "Road",
    "RoadKind",
    "RoadState",
    "RoadView",
    "Rules",
    "Scenario",
    "ScriptedEvent",
    "SideSpec",
    "SortiesChange",
    "SupplyRules",
    "UnitKind",
    "UnitSpec",
    "UnitState",
    "Weather",
    "Why",
    "apply_plan",
    "canonical",
    "describe",
    "estimate_assault_on",
    "fingerprint",
    "legal_operations",
    "new_game",
    "observe",
    "preview_plan",
]

__all__ += ["POLICIES", "GameRecord", "choose_plan", "play_game"]
