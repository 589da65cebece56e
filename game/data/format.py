"""The scenario format, field by field: the one description that both the loader
(`game.data.scenario`) and the JSON Schema (`game.data.schema`) are built from.

A `Section` is a YAML mapping; each `Field` names its type, whether it is
required, its default, its range and a line of help. Change the format here
and both follow.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from game.data.rule_ranges import RULE_RANGES, SUPPLY_RANGES
from game.engine.model import (
    MAX_READINESS,
    MAX_STRENGTH,
    MAX_TRAP_LEVEL,
    AirKind,
    PlaceKind,
    RoadKind,
    Rules,
    SupplyRules,
    UnitKind,
)
from game.engine.record import record

# game.engine.policies.POLICIES, without importing the policies (and with them the plan
# checker) to read a scenario: tests/test_data_schema.py holds the two equal.
POLICIES = ("doctrine", "reckless", "random", "idle")

# Field types:
#   id      a non-empty string naming something (a place, a road, a unit...)
#   text    any string
#   int     a whole number          number  any finite number
#   bool    true or false           date    an ISO date, YYYY-MM-DD
#   choice  one of `choices`        pair    two ids, [a, b]
#   points  a list of [lat, lon]    section a mapping (`section`), or a list of them (`many`)
#   ids     a list of ids           interval  two numbers [low, high], low <= high
FIELD_TYPES = ("id", "text", "int", "number", "bool", "date", "choice", "pair", "points", "ids",
               "section", "interval")
QUICK_TYPES = frozenset({"id", "text", "int", "number", "bool", "choice", "pair"})

# Characters no text field may hold: C0 and C1 control characters (tab, escape,
# carriage return...), DEL, the Unicode line and paragraph separators, the
# bidirectional marks, embeddings, overrides and isolates, and the invisible
# zero-width characters (an id "ana" and one with a zero-width space look alike).
# Each could break a panel of the map or forge a line of printed output. Text
# that may run over lines (`lines=True`) keeps the line feed. Written as a regular
# expression class that Python and JSON Schema's ECMA-262 both read; the validator
# and the schema use this one definition.
_OTHER_CONTROLS = r"\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff"
CONTROL_CLASS = r"\u0000-\u001f" + _OTHER_CONTROLS
CONTROL_CLASS_LINES = r"\u0000-\u0009\u000b-\u001f" + _OTHER_CONTROLS  # keeps \n

MAX_DAYS = 365
SIDES = 2  # the player's and the enemy's
MAX_SORTIES = 50
MAX_GARRISON = 100_000
MAX_POPULATION = 10_000_000
MAX_VBIEDS = 100
MAX_KM = 1000  # one road; a longer one is a slip of the keyboard
MAX_DEPOT_LOADS = 1000
MAX_RUNS = 10_000
WEATHER_KINDS = ("sandstorm",)


@record
class Field:
    """One key of a scenario mapping: its type, bounds and documentation."""

    name: str
    type: str
    required: bool = False
    default: object = None
    minimum: float | None = None
    maximum: float | None = None
    above: float | None = None  # an exclusive minimum (a road's km must be above 0)
    choices: tuple[str, ...] = ()
    section: Section | None = None
    many: bool = False  # a list of `section` mappings
    exactly: int | None = None  # with many: how many entries
    lines: bool = False  # text that may hold line breaks (a briefing); names may not
    doc: str = ""


@record
class Section:
    """One kind of scenario mapping (the top level, a place, a road...) and its keys."""

    name: str  # for messages and the schema's $defs
    fields: tuple[Field, ...]
    doc: str = ""
    index: dict[str, Field] = dataclasses.field(init=False, repr=False, compare=False)
    required: tuple[str, ...] = dataclasses.field(init=False, repr=False, compare=False)
    # The fields the reader's quick path reads (`game.data.quick.quick_record`), by name.
    quick: dict[str, Field] = dataclasses.field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {f.name: f for f in self.fields})
        object.__setattr__(self, "required", tuple(f.name for f in self.fields if f.required))
        object.__setattr__(self, "quick", {f.name: f for f in self.fields
                                           if f.type in QUICK_TYPES})

    def field(self, name: str) -> Field | None:
        return self.index.get(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)


def _values(enum: type[StrEnum]) -> tuple[str, ...]:
    return tuple(str(member.value) for member in enum)


SIDE = Section("side", (
    Field("id", "id", required=True, doc="the side's id, used by places, units and air"),
    Field("name", "text", required=True, doc="the side's display name"),
    Field("player", "bool", default=False, doc="true for the side the player commands"),
), doc="one of the two sides")

PLACE = Section("place", (
    Field("id", "id", required=True, doc="unique among places; roads and units refer to it"),
    Field("name", "text", required=True, doc="display name"),
    Field("lat", "number", required=True, minimum=-90, maximum=90, doc="latitude, degrees"),
    Field("lon", "number", required=True, minimum=-180, maximum=180, doc="longitude, degrees"),
    Field("side", "id", required=True, doc="the side holding it at the start"),
    Field("kind", "choice", default="town", choices=_values(PlaceKind),
          doc="what it is, as shown; `crossing` (a border crossing) is also where the "
              "enemy falls back to when a town falls"),
    Field("population", "int", default=0, minimum=0, maximum=MAX_POPULATION,
          doc="civilians present; air strikes here cause civilian harm"),
    Field("garrison", "int", default=0, minimum=0, maximum=MAX_GARRISON,
          doc="defenders not modelled as units"),
    Field("traps", "int", default=0, minimum=0, maximum=MAX_TRAP_LEVEL,
          doc="hidden booby-trap level"),
    Field("vbieds", "int", default=0, minimum=0, maximum=MAX_VBIEDS,
          doc="car bombs ready here at the start"),
    Field("vbied_factory", "bool", default=False,
          doc="builds car bombs while its side holds it"),
    Field("objective", "bool", default=False,
          doc="short for an entry `- place: ID` (no by_day) in `objectives`"),
    Field("supply_source", "bool", default=False, doc="supply flows from here"),
    Field("depot", "bool", default=False, doc="a forward depot stands here at the start"),
    Field("depot_loads", "int", default=0, minimum=0, maximum=MAX_DEPOT_LOADS,
          doc="the loads of supplies that depot holds at the start"),
    Field("bridge", "bool", default=False,
          doc="a river crossing (dam, bridgehead), as shown to the player; no rule reads it"),
), doc="a node of the map")

ROAD = Section("road", (
    Field("between", "pair", required=True, doc="the two places it joins"),
    Field("km", "number", required=True, above=0, maximum=MAX_KM, doc="length in km"),
    Field("kind", "choice", default="road", choices=_values(RoadKind),
          doc="its speed (rules speed_KIND_kmh); a bridge is what a river is crossed by"),
    Field("traps", "int", default=0, minimum=0, maximum=MAX_TRAP_LEVEL,
          doc="hidden booby-trap level"),
    Field("destroyed", "bool", default=False,
          doc="a bridge that is out: impassable until engineers lay a floating bridge"),
    Field("id", "id", doc='unique among roads; default "a--b" from `between`'),
), doc="an edge of the map")

UNIT = Section("unit", (
    Field("id", "id", required=True, doc="unique among units and air assets"),
    Field("name", "text", required=True, doc="display name"),
    Field("side", "id", required=True, doc="its side"),
    Field("kind", "choice", required=True, choices=_values(UnitKind), doc="what it can do"),
    Field("at", "id", required=True, doc="the place it starts on (held by its side)"),
    Field("strength", "int", required=True, minimum=1, maximum=MAX_STRENGTH,
          doc="personnel"),
    Field("readiness", "int", default=MAX_READINESS, minimum=0, maximum=MAX_READINESS,
          doc="percent; limits the hours it can work in a day"),
), doc="a ground unit")

AIR = Section("air", (
    Field("id", "id", required=True, doc="unique among units and air assets"),
    Field("name", "text", required=True, doc="display name"),
    Field("side", "id", required=True, doc="its side"),
    Field("sorties", "int", required=True, minimum=0, maximum=MAX_SORTIES,
          doc="sorties a day"),
    Field("kind", "choice", default="strike", choices=_values(AirKind),
          doc="strike: jets; drone: fast recon, light strikes"),
), doc="an air asset")

_SUPPLY_DOCS = {
    "range_km": "how far supply reaches from a source over road, km",
    "depot_range_km": "a new depot's reach, km",
    "depot_range_max_km": "convoys grow a depot's reach up to this, km",
    "max_depots": "depots the player may have at once, those it starts with included",
}


def _number_fields(cls: type[SupplyRules] | type[Rules], docs: dict[str, str],
                   ranges: dict[str, tuple[float, float]]) -> tuple[Field, ...]:
    """Fields of a dataclass of plain numbers, read from the dataclass itself, so a rule
    added to `Rules` is accepted with no change here; its range comes from
    `game.data.rule_ranges` (a test fails while it has none)."""
    fields: list[Field] = []
    for f in dataclasses.fields(cls):
        declared = f.type if isinstance(f.type, str) else getattr(f.type, "__name__", "")
        kind = {"int": "int", "float": "number", "bool": "bool"}.get(declared, "number")
        low, high = ranges.get(f.name, (None, None)) if kind != "bool" else (None, None)
        fields.append(Field(f.name, kind, default=f.default, minimum=low, maximum=high,
                            doc=docs.get(f.name, "")))
    return tuple(fields)


SUPPLY = Section("supply", _number_fields(SupplyRules, _SUPPLY_DOCS, SUPPLY_RANGES),
                 doc="supply rules")


def rules_section() -> Section:
    """Built on each call: the rules are whatever `Rules` declares today."""
    return Section("rules", _number_fields(Rules, {}, RULE_RANGES),
                   doc="overrides of the rule constants (docs/rules.md); each within its "
                       "range (docs/scenario-format.md)")


OBJECTIVE = Section("objective", (
    Field("place", "id", required=True, doc="the place to take and hold"),
    Field("by_day", "int", minimum=1, maximum=MAX_DAYS,
          doc="held by the end of this day (default: the day limit)"),
), doc="a place the player must hold")

SORTIES = Section("sorties", (
    Field("asset", "id", required=True, doc="the air asset"),
    Field("count", "int", required=True, minimum=0, maximum=MAX_SORTIES,
          doc="its sorties a day from now on"),
), doc="a change of an air asset's daily sorties")

GARRISON = Section("garrison", (
    Field("place", "id", required=True, doc="the place"),
    Field("fighters", "int", required=True, minimum=-MAX_GARRISON, maximum=MAX_GARRISON,
          doc="added to its garrison (removed when negative)"),
), doc="a change of a place's garrison")

# An event is `day` plus exactly one of these keys; `text` goes with all but `message`.
EVENT_KINDS = ("message", "reinforcements", "sorties", "weather", "garrison", "withdrawal")
EVENT = Section("event", (
    Field("day", "int", required=True, minimum=1, maximum=MAX_DAYS,
          doc="the day it happens (1..days)"),
    Field("message", "text", lines=True, doc="a message shown to the player"),
    Field("reinforcements", "section", section=UNIT, many=True, doc="units that arrive"),
    Field("sorties", "section", section=SORTIES, doc="an air asset's sorties change"),
    Field("weather", "choice", choices=WEATHER_KINDS,
          doc="sandstorm: grounds air and slows moves"),
    Field("days", "int", minimum=1, maximum=MAX_DAYS, doc="with weather: how long it lasts"),
    Field("garrison", "section", section=GARRISON, doc="a garrison changes"),
    Field("withdrawal", "ids", doc="ids of the player's units called away to another front"),
    Field("text", "text", lines=True,
          doc="shown to the player when it happens (not with message)"),
), doc="a scripted event")


BALANCE = Section("balance", (
    Field("policy", "choice", default="doctrine", choices=POLICIES,
          doc="the policy whose games are counted"),
    Field("runs", "int", default=100, minimum=1, maximum=MAX_RUNS,
          doc="games played, seeds `seed`..`seed`+runs-1"),
    Field("seed", "int", default=1, minimum=0, maximum=2**31, doc="the first seed"),
    Field("win_rate", "interval", required=True, minimum=0, maximum=1,
          doc="[low, high]: the share of games won must lie within it"),
), doc="the win rate a policy must reach: `anbar validate --balance` plays the games")


def scenario_section() -> Section:
    """The top level of a scenario file."""
    return Section("scenario", (
        Field("id", "id", required=True, doc="the scenario's id (a built-in's file stem)"),
        Field("title", "text", required=True, doc="shown in the scenario picker"),
        Field("description", "text", default="", lines=True, doc="the briefing"),
        Field("start_date", "date", required=True, doc="the first day, YYYY-MM-DD"),
        Field("days", "int", required=True, minimum=1, maximum=MAX_DAYS, doc="the day limit"),
        Field("tutorial", "bool", default=False, doc="the UI shows guided hints"),
        Field("sides", "section", required=True, section=SIDE, many=True, exactly=SIDES,
              doc="exactly two; exactly one with player: true"),
        Field("places", "section", required=True, section=PLACE, many=True, doc="the nodes"),
        Field("roads", "section", section=ROAD, many=True, doc="the edges"),
        Field("units", "section", section=UNIT, many=True, doc="ground units at the start"),
        Field("air", "section", section=AIR, many=True, doc="air assets"),
        Field("supply", "section", section=SUPPLY, doc="supply rules"),
        Field("objectives", "section", section=OBJECTIVE, many=True,
              doc="the places the player must hold"),
        Field("events", "section", section=EVENT, many=True, doc="scripted events"),
        Field("rules", "section", section=rules_section(), doc="rule overrides"),
        Field("river", "points", doc="[lat, lon] points of the river, for the map"),
        Field("balance", "section", section=BALANCE,
              doc="the declared balance band, checked by anbar validate --balance"),
    ), doc="a scenario of Euphrates Road")
