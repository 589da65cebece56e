"""Why a plan line is refused, or why a line failed during the day: data, not text.

A `Refusal` names its kind and the things it is about (ids of units, places
and roads; hours; counts). `describe` words it from one table of templates;
the UI passes a function that turns ids into the names the player reads, so no
one ever parses engine text for names.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from game.engine.record import record


class Why(StrEnum):
    # Whose line, and when.
    UNKNOWN_OWNER = "unknown-owner"
    GAME_OVER = "game-over"
    NO_SUCH_LINE = "no-such-line"
    WAITS_FOR_REFUSED = "waits-for-refused"
    AFTER_WORK_DAY = "after-work-day"
    AFTER_AIR_DAY = "after-air-day"
    # Who may do what.
    AIR_ONLY_RECON_AND_STRIKE = "air-only-recon-and-strike"
    ONLY_AIR_STRIKES = "only-air-strikes"
    ONLY_ENGINEERS = "only-engineers"
    CANNOT_ASSAULT = "cannot-assault"
    GROUNDED = "grounded"
    NO_SORTIES = "no-sorties"
    OUT_OF_SUPPLY_NO_ASSAULT = "out-of-supply-no-assault"
    # Targets.
    NEEDS_TARGET = "needs-target"
    UNKNOWN_TARGET = "unknown-target"
    NOT_A_PLACE = "not-a-place"
    HELD_BY_US = "held-by-us"
    HELD_BY_ENEMY = "held-by-enemy"
    ALREADY_THERE = "already-there"
    NOT_NEXT_TO = "not-next-to"
    ROAD_NOT_FROM_HERE = "road-not-from-here"
    NO_ROAD = "no-road"
    ROAD_DESTROYED = "road-destroyed"
    NOT_DESTROYED = "not-destroyed"
    KNOWN_CLEAR = "known-clear"
    NO_TIME_FOR_A_LEVEL = "no-time-for-a-level"
    NO_TIME_FOR_A_LEVEL_SHORT = "no-time-for-a-level-short"  # slowed by want of supplies
    NO_TIME_TO_BRIDGE = "no-time-to-bridge"
    BEING_CLEARED = "being-cleared"
    CALLED_OFF = "called-off"
    CLEAR_WHERE_STANDING = "clear-where-standing"
    HOLD_WHERE_STANDING = "hold-where-standing"
    JOIN_TOO_LATE = "join-too-late"
    # Depots and convoys.
    DEPOT_WHERE_STANDING = "depot-where-standing"
    NOT_HELD_THIS_MORNING = "not-held-this-morning"
    OUT_OF_SUPPLY = "out-of-supply"
    TRAPS_NOT_KNOWN_CLEAR = "traps-not-known-clear"
    IS_SOURCE = "is-source"
    HAS_DEPOT = "has-depot"
    DEPOT_LIMIT = "depot-limit"
    NO_DEPOT = "no-depot"
    CONVOY_NEEDS_STOCK = "convoy-needs-stock"
    CONVOY_SAME_PLACE = "convoy-same-place"
    NO_CLEARED_ROAD = "no-cleared-road"
    # Only during the day: what the truth did to a line the plan accepted.
    DESTROYED = "destroyed"
    DELAYED = "delayed"
    NO_LONGER_NEXT_TO = "no-longer-next-to"
    NO_LONGER_HELD = "no-longer-held"
    STOPPED_BY_TRAP = "stopped-by-trap"
    MISSED_THE_ASSAULT = "missed-the-assault"


@record
class Refusal:
    """Why a line is refused or failed. Fields not used by the kind stay None."""

    kind: Why
    target: str | None = None  # the line's place or road
    place: str | None = None  # where the owner stands (or another place concerned)
    unit: str | None = None  # the owner, or another unit concerned
    number: int | None = None  # a line number, a count
    hour: float | None = None
    limit: float | None = None
    text: str | None = None  # a value to quote as is (a unit kind, an outcome)


_TEMPLATES: dict[Why, str] = {
    Why.UNKNOWN_OWNER: "unknown unit or air asset '{unit}'",
    Why.GAME_OVER: "the game is over ({text})",
    Why.NO_SUCH_LINE: "after {number}: no such earlier line",
    Why.WAITS_FOR_REFUSED: "waits for line {number}, which is refused",
    Why.AFTER_WORK_DAY: "ends at hour {hour:.1f}, after {unit}'s day ends at hour {limit:.1f} "
                        "(readiness {number})",
    Why.AFTER_AIR_DAY: "ends at hour {hour:.1f}, after the air day ends at hour {limit:.1f}",
    Why.AIR_ONLY_RECON_AND_STRIKE: "aircraft only recon and strike",
    Why.ONLY_AIR_STRIKES: "only aircraft strike from the air",
    Why.ONLY_ENGINEERS: "only engineers {text}",
    Why.CANNOT_ASSAULT: "{text} do not assault",
    Why.GROUNDED: "grounded by the sandstorm",
    Why.NO_SORTIES: "no sorties left ({number} a day)",
    Why.OUT_OF_SUPPLY_NO_ASSAULT: "out of supply for {number} days: no assault",
    Why.NEEDS_TARGET: "needs a target",
    Why.UNKNOWN_TARGET: "unknown place or road '{target}'",
    Why.NOT_A_PLACE: "'{target}' is not a place",
    Why.HELD_BY_US: "{target} is held by our side",
    Why.HELD_BY_ENEMY: "{target} is held by the enemy",
    Why.ALREADY_THERE: "already at {target}",
    Why.NOT_NEXT_TO: "{target} is not next to {place} by a usable road",
    Why.ROAD_NOT_FROM_HERE: "{target} does not start at {place}",
    Why.NO_ROAD: "no road to {target} through places we hold",
    Why.ROAD_DESTROYED: "{target} is destroyed",
    Why.NOT_DESTROYED: "{target} is not a destroyed road",
    Why.KNOWN_CLEAR: "{target} is known clear",
    Why.NO_TIME_FOR_A_LEVEL: "a trap level takes {hour:.1f} h here; the working day leaves "
                             "{unit} {limit:.1f} h",
    Why.NO_TIME_FOR_A_LEVEL_SHORT: "a trap level takes {hour:.1f} h here, slowed because the "
                                   "depot cannot give the supplies; the working day leaves "
                                   "{unit} {limit:.1f} h",
    Why.NO_TIME_TO_BRIDGE: "bridging takes at least {hour:.1f} h of work; the working day "
                           "leaves {unit} {limit:.1f} h",
    Why.BEING_CLEARED: "line {number} is still clearing {target} then (one sweep at a time: "
                       "make this line wait for it with 'after {number}')",
    Why.CLEAR_WHERE_STANDING: "engineers clear where they stand ({place}), a place next to it "
                              "that we hold, or a road from it",
    Why.HOLD_WHERE_STANDING: "a unit holds the place where it stands ({place}) or a road from it",
    Why.JOIN_TOO_LATE: "the assault on {target} goes in at hour {hour:.1f}; {unit} can be there "
                       "only at hour {limit:.1f} (make the first assault wait with 'after')",
    Why.DEPOT_WHERE_STANDING: "a depot is set up where the unit stands ({place})",
    Why.NOT_HELD_THIS_MORNING: "{place} was not ours at the start of the day",
    Why.OUT_OF_SUPPLY: "{place} is out of supply",
    Why.TRAPS_NOT_KNOWN_CLEAR: "{place}'s traps are not known cleared",
    Why.IS_SOURCE: "{place} is a supply source already",
    Why.HAS_DEPOT: "{place} has a depot already",
    Why.DEPOT_LIMIT: "already {number} depots, the most allowed",
    Why.NO_DEPOT: "{target} has no depot",
    Why.CONVOY_NEEDS_STOCK: "a convoy loads at a supply source or at a depot with {number} "
                            "loads; {place} is neither",
    Why.CONVOY_SAME_PLACE: "the convoy would load and unload at {target}",
    Why.NO_CLEARED_ROAD: "no road known clear from {place} to {target} through places we hold",
    Why.DESTROYED: "{unit} was destroyed",
    Why.DELAYED: "delayed: no time left in {unit}'s day",
    Why.NO_LONGER_NEXT_TO: "{unit} is no longer next to {target}",
    Why.NO_LONGER_HELD: "{place} is no longer ours and cleared",
    Why.STOPPED_BY_TRAP: "stopped by the traps on {target}",
    Why.CALLED_OFF: "the assault on {target} was called off: only {number}% of its planned "
                    "attack was there",
    Why.MISSED_THE_ASSAULT: "the assault on {target} went in before {unit} got there",
}


def describe(refusal: Refusal, name: Callable[[str], str] = str) -> str:
    """The refusal in words; `name` turns a unit, place or road id into what the reader sees."""
    values = {
        "target": name(refusal.target) if refusal.target is not None else "",
        "place": name(refusal.place) if refusal.place is not None else "",
        "unit": name(refusal.unit) if refusal.unit is not None else "",
        "number": refusal.number if refusal.number is not None else 0,
        "hour": refusal.hour if refusal.hour is not None else 0.0,
        "limit": refusal.limit if refusal.limit is not None else 0.0,
        "text": refusal.text or "",
    }
    return _TEMPLATES[refusal.kind].format(**values)
