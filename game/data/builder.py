"""The engine's model (`game.engine.model.Scenario`) built from a scenario's checked tree.

Only called when the reader and the checker (`game.data.checker`) found no
error, so every required value is there and of its type: nothing here checks
or reports, it only fills in defaults and turns choices into the engine's enums.
"""

from __future__ import annotations

from typing import Any

from game.data.reader import Record
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
    Withdrawal,
)
from game.engine.record import record


def build_scenario(top: Record) -> Scenario:
    v = top.values
    return Scenario(
        id=v["id"],
        title=v["title"],
        description=v.get("description", ""),
        start_date=v["start_date"],
        days=v["days"],
        tutorial=v.get("tutorial", False),
        sides=tuple(SideSpec(s.values["id"], s.values["name"], s.get("player", False))
                    for s in v["sides"]),
        places=tuple(_place(p.values) for p in v["places"]),
        roads=tuple(_road(r.values) for r in v.get("roads", [])),
        units=tuple(_unit(u.values) for u in v.get("units", [])),
        air=tuple(AirAsset(a.values["id"], a.values["name"], a.values["side"],
                           a.values["sorties"], AirKind(a.get("kind", "strike")))
                  for a in v.get("air", [])),
        supply=SupplyRules(**_numbers(v.get("supply"))),
        objectives=objectives_of(v),
        events=tuple(_event(e) for e in v.get("events", [])),
        rules=Rules(**_numbers(v.get("rules"))),
        river=tuple((lat, lon) for lat, lon in v.get("river", [])),
    )


def objectives_of(v: dict[str, Any]) -> tuple[Objective, ...]:
    """The one list of objectives: the `objectives:` entries and the places marked
    `objective: true` (short for an entry with no `by_day`), once each, in the order
    of the places, so that both spellings build the same scenario."""
    by_day: dict[str, int | None] = {}
    for o in v.get("objectives", []):
        by_day.setdefault(o.values["place"], o.get("by_day"))  # the first entry counts
    for p in v["places"]:
        if p.get("objective", False):
            by_day.setdefault(p.values["id"], None)
    return tuple(Objective(p.values["id"], by_day[p.values["id"]])
                 for p in v["places"] if p.values["id"] in by_day)


def _numbers(record: Record | None) -> dict[str, Any]:
    return dict(record.values) if record is not None else {}


# A choice's member by its value: a dictionary look-up instead of the enum's own call,
# which costs a microsecond (25,000 of them at 10,000 places).
_PLACE_KINDS = {kind.value: kind for kind in PlaceKind}
_ROAD_KINDS = {kind.value: kind for kind in RoadKind}


def _place(v: dict[str, Any]) -> Place:
    fields = dict(v)
    fields.pop("objective", None)  # folded into `Scenario.objectives`
    fields["kind"] = _PLACE_KINDS[v.get("kind", "town")]
    return Place(**fields)


def _road(v: dict[str, Any]) -> Road:
    a, b = v["between"]
    return Road(v["id"], a, b, v["km"], _ROAD_KINDS[v.get("kind", "road")],
                v.get("traps", 0), v.get("destroyed", False))


def _unit(v: dict[str, Any]) -> UnitSpec:
    fields = dict(v)
    fields["kind"] = UnitKind(v["kind"])
    return UnitSpec(**fields)


def _event(event: Record) -> ScriptedEvent:
    v = event.values
    day: int = v["day"]
    text: str = v.get("text", "")
    if "message" in v:
        return Message(day, v["message"])
    if "reinforcements" in v:
        return Reinforcements(day, tuple(_unit(u.values) for u in v["reinforcements"]), text)
    if "sorties" in v:
        s = v["sorties"].values
        return SortiesChange(day, s["asset"], s["count"], text)
    if "weather" in v:
        return Weather(day, v["weather"], v.get("days", 1), text)
    if "withdrawal" in v:
        return Withdrawal(day, tuple(v["withdrawal"]), text)
    g = v["garrison"].values
    return GarrisonChange(day, g["place"], g["fighters"], text)


@record
class BalanceBand:
    """A scenario's declared balance (`balance:`): `policy` must win a share of `runs`
    games (seeds `seed`..) within [low, high]. Checked by `anbar validate --balance`."""

    policy: str
    runs: int
    seed: int
    low: float
    high: float
    line: int  # where `win_rate` is written, for the message
    col: int


def build_band(top: Record) -> BalanceBand | None:
    band: Record | None = top.get("balance")
    if band is None:
        return None
    low, high = band.values["win_rate"]
    where = band.where("win_rate")
    return BalanceBand(band.get("policy", "doctrine"), band.get("runs", 100),
                       band.get("seed", 1), low, high, where.line, where.col)
