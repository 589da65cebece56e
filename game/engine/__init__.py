"""The rules of Euphrates Road: pure Python, standard library only, no I/O."""

from game.engine.combat import AssaultEstimate
from game.engine.events import *  # noqa: F403 - every event kind is public
from game.engine.events import EVENT_KINDS, Event
from game.engine.execute import apply_plan
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
from game.engine.operations import (
    IllegalPlanError,
    Operation,
    OperationChoice,
    OpKind,
    Plan,
    PlanLine,
    PlanPreview,
    Risk,
    RiskKind,
    estimate_assault_on,
    legal_operations,
    preview_plan,
)
from game.engine.refusals import Refusal, Why, describe
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
from game.engine.world import new_game

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

from game.engine.policies import POLICIES, GameRecord, choose_plan, play_game

__all__ += ["POLICIES", "GameRecord", "choose_plan", "play_game"]
