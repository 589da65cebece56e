"""Why an operation the player types is not in a unit's menu at all.

The engine lists every operation a unit or aircraft could add, legal or not
(`legal_operations`); a kind it does not list has no target to list it with:
no depot for a convoy, no destroyed road for a bridge, no enemy place next to
the unit for an assault, or it is not that kind of owner's work. The menu says
so, by the kind's words, instead of "No operation matches".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.engine import GameState, OperationChoice, OpKind

AIR_KINDS = frozenset({OpKind.AIR_STRIKE, OpKind.RECON})


def absent_kinds(state: GameState, owner: str, choices: Sequence[OperationChoice],
                 names: Mapping[str, str]) -> dict[str, str]:
    """Each operation kind the menu of `owner` does not offer, with why (in words)."""
    offered = {choice.kind for choice in choices}
    unit = state.unit(owner)
    here = "" if unit is None else names.get(unit.at, unit.at)
    why: dict[str, str] = {}
    for kind in OpKind:
        if kind in offered:
            continue
        if unit is None:
            if kind not in AIR_KINDS:
                why[kind.value] = f"aircraft only strike and reconnoitre, not {kind.value}"
            continue
        if kind == OpKind.AIR_STRIKE:
            why[kind.value] = "only aircraft strike: pick an aircraft (u or the roster)"
        elif kind == OpKind.CONVOY:
            why[kind.value] = ("there is no depot to bring loads to yet: engineers "
                               "establish_depot on a held, cleared place first")
        elif kind == OpKind.BRIDGE:
            why[kind.value] = f"no destroyed road leaves {here} to bridge"
        elif kind == OpKind.ASSAULT:
            why[kind.value] = f"no enemy place is next to {here} to assault"
        else:
            why[kind.value] = f"the engine offers no {kind.value} from {here}"
    return why


def explain_absent(query: str, absent: Mapping[str, str]) -> str:
    """Why nothing matches `query`, when one of its words names an absent kind ("conv",
    "strike", "depot"); else ""."""
    for word in query.lower().replace("-", " ").split():
        if len(word) < 3:
            continue
        for kind, why in absent.items():
            if any(part.startswith(word) for part in kind.split("_")) or kind.startswith(word):
                return f"No {kind} here: {why}."
    return ""
