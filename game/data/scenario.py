"""Load a scenario from YAML, or report every problem in it with file:line:col.

    load_scenario(path) -> Scenario         raises ScenarioError (all problems, sorted)
    parse_scenario(text, filename) -> Scenario
    check_file(path) -> list[Problem]       errors and warnings, sorted
    analyse_file(path) -> Analysis          the problems and, when there is no error, the Scenario

A load with warnings only succeeds. Nothing here raises anything but
`ScenarioError` for a bad file: hostile or broken input gets one clear line.
"""

from __future__ import annotations

import gc
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.data.format import SIDES, scenario_section
from game.data.problems import Problem, ScenarioError, did_you_mean, sort_problems
from game.data.reader import Reader, Record
from game.data.yamltree import Node, compose
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

__all__ = [
    "MAX_FILE_BYTES",
    "Analysis",
    "Problem",
    "ScenarioError",
    "analyse_file",
    "analyse_text",
    "check_file",
    "load_scenario",
    "parse_scenario",
]

MAX_FILE_BYTES = 8 * 1024 * 1024  # the 10,000-place bench scenario is about 2 MiB
EVENT_KINDS = ("message", "reinforcements", "sorties", "weather", "garrison")


@dataclass(frozen=True, slots=True)
class Analysis:
    problems: list[Problem]  # errors and warnings, sorted
    scenario: Scenario | None  # None when there is any error

    @property
    def ok(self) -> bool:
        return self.scenario is not None


def load_scenario(path: str | Path) -> Scenario:
    analysis = analyse_file(path)
    if analysis.scenario is None:
        raise ScenarioError(analysis.problems)
    return analysis.scenario


def parse_scenario(text: str, filename: str) -> Scenario:
    analysis = analyse_text(text, filename)
    if analysis.scenario is None:
        raise ScenarioError(analysis.problems)
    return analysis.scenario


def check_file(path: str | Path) -> list[Problem]:
    return analyse_file(path).problems


def analyse_file(path: str | Path) -> Analysis:
    try:
        text = read_text(path)
    except ScenarioError as exc:
        return Analysis(exc.problems, None)
    return analyse_text(text, str(path))


def analyse_text(text: str, filename: str) -> Analysis:
    # Hundreds of thousands of small acyclic objects: the cycle collector's passes over
    # them would cost more than the whole parse, and find nothing.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _analyse_text(text, filename)
    finally:
        if paused:
            gc.enable()


def _analyse_text(text: str, filename: str) -> Analysis:
    try:
        if len(text) > MAX_FILE_BYTES:
            raise _one(filename, 0, _too_large())
        root = compose(text, filename)
    except ScenarioError as exc:
        return Analysis(exc.problems, None)
    if root is None:
        return Analysis([Problem(filename, 1, 1, "", "no YAML document: the file is empty")], None)
    reader = Reader(filename)
    top = reader.section(root, "", scenario_section(), extra_prefix="x-")
    scenario = None
    if top is not None:
        _Checker(reader, top).check()
        if not any(p.is_error for p in reader.problems):
            scenario = _build(top)
    return Analysis(sort_problems(reader.problems), scenario)


def read_text(path: str | Path) -> str:
    """The file's text, or `ScenarioError` with one line saying why not."""
    name = str(path)
    file = Path(path)
    try:
        if not file.exists():
            raise _one(name, 0, "no such file")
        if file.is_dir():
            raise _one(name, 0, "is a directory, not a scenario file")
        if not file.is_file():
            raise _one(name, 0, "not a regular file")
        with file.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _one(name, 0, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _one(name, 0, _too_large())
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise _one(name, line, "a binary file (NUL byte), not YAML text", col)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise _one(name, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x})", col) from None
    if not text.strip():
        raise _one(name, 1, "empty file: no YAML document")
    return text


def _too_large() -> str:
    mib, rest = divmod(MAX_FILE_BYTES, 1024 * 1024)
    limit = f"{mib} MiB" if not rest else f"{MAX_FILE_BYTES} bytes"
    return f"larger than {limit}: too large for a scenario file"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _one(name: str, line: int, message: str, col: int = 1) -> ScenarioError:
    return ScenarioError([Problem(name, line, col if line else 0, "", message)])


# -- the checks across fields -------------------------------------------------------


class _Checker:
    """References, uniqueness, who holds what, and the shape of the road graph."""

    def __init__(self, reader: Reader, top: Record) -> None:
        self.r = reader
        self.top = top
        self.days: int | None = top.get("days")
        self.sides: list[Record] = top.get("sides", [])
        self.places: list[Record] = top.get("places", [])
        self.roads: list[Record] = top.get("roads", [])
        self.units: list[Record] = top.get("units", [])
        self.air: list[Record] = top.get("air", [])
        self.objectives: list[Record] = top.get("objectives", [])
        self.events: list[Record] = top.get("events", [])
        self.side_ids: dict[str, Record] = {}
        self.place_ids: dict[str, Record] = {}
        self.owner_ids: dict[str, Record] = {}  # units and air share a namespace
        self.air_ids: set[str] = set()
        self.player: str | None = None

    def check(self) -> None:
        self._sides()
        self._places()
        self._roads()
        for unit in self.units:
            self._unit(unit, at_start=True)
        self._air()
        self._events()
        self._objectives()

    def unknown(self, record: Record, name: str, what: str, value: str,
                known: dict[str, Record] | set[str], node: Node | None = None) -> None:
        self.r.report(node or record.where(name), record.sub(name),
                      f"unknown {what} '{value}'{did_you_mean(value, known)}")

    def unique(self, record: Record, seen: dict[str, Record], what: str) -> bool:
        ident = record.get("id")
        if ident is None:
            return False
        first = seen.get(ident)
        if first is not None:
            self.r.report(record.where("id"), record.sub("id"),
                          f"duplicate {what} id '{ident}' (first at line {first.where('id').line})")
            return False
        seen[ident] = record
        return True

    def _sides(self) -> None:
        node = self.top.nodes.get("sides")
        if node is None:
            return
        if len(node.value) != SIDES:
            self.r.report(node, "sides",
                          f"a scenario has exactly two sides, found {len(node.value)}")
        for side in self.sides:
            self.unique(side, self.side_ids, "side")
        players = [s for s in self.sides if s.get("player") is True]
        if len(players) != 1:
            self.r.report(node, "sides", "exactly one side needs player: true, "
                                         f"found {len(players)}")
        elif "id" in players[0].values:
            self.player = players[0].values["id"]

    def _places(self) -> None:
        for place in self.places:
            self.unique(place, self.place_ids, "place")
            side = place.get("side")
            if side is not None and self.side_ids and side not in self.side_ids:
                self.unknown(place, "side", "side", side, self.side_ids)

    def _place_ref(self, record: Record, name: str) -> str | None:
        """The place id in `record[name]` if it names a known place (else report it)."""
        ident: str | None = record.get(name)
        if ident is None:
            return None
        if ident not in self.place_ids:
            self.unknown(record, name, "place", ident, self.place_ids)
            return None
        return ident

    def _roads(self) -> None:
        road_ids: dict[str, Record] = {}
        pairs: dict[frozenset[str], Record] = {}
        for road in self.roads:
            between = road.get("between")
            if between is None:
                continue
            ends_ok = True
            for i, end in enumerate(between):
                if end not in self.place_ids:
                    item = road.nodes["between"].value[i]
                    self.r.report(item, f"{road.sub('between')}[{i}]",
                                  f"unknown place '{end}'{did_you_mean(end, self.place_ids)}")
                    ends_ok = False
            a, b = between
            if a == b:
                self.r.report(road.where("between"), road.sub("between"),
                              f"a road from '{a}' to itself")
                continue
            if "id" not in road.values:
                road.values["id"] = f"{a}--{b}"
            self.unique(road, road_ids, "road")
            if not ends_ok:
                continue
            pair = frozenset(between)
            first = pairs.get(pair)
            if first is not None:
                self.r.report(road.where("between"), road.sub("between"),
                              f"a second road between '{a}' and '{b}' "
                              f"(first at line {first.where('between').line})", "warning")
            else:
                pairs[pair] = road

    def _unit(self, unit: Record, *, at_start: bool) -> None:
        self.unique(unit, self.owner_ids, "unit or air asset")
        side = unit.get("side")
        if side is not None and self.side_ids and side not in self.side_ids:
            self.unknown(unit, "side", "side", side, self.side_ids)
            side = None
        at = self._place_ref(unit, "at")
        if at_start and at is not None and side is not None:
            holder = self.place_ids[at].get("side")
            if holder is not None and holder != side:
                self.r.report(unit.where("at"), unit.sub("at"),
                              f"unit '{unit.get('id')}' of side '{side}' starts at '{at}', "
                              f"which side '{holder}' holds")

    def _air(self) -> None:
        for asset in self.air:
            if self.unique(asset, self.owner_ids, "unit or air asset"):
                self.air_ids.add(asset.values["id"])
            side = asset.get("side")
            if side is not None and self.side_ids and side not in self.side_ids:
                self.unknown(asset, "side", "side", side, self.side_ids)

    def _day(self, record: Record, name: str) -> None:
        day = record.get(name)
        if day is not None and self.days is not None and day > self.days:
            self.r.report(record.where(name), record.sub(name),
                          f"day {day} is beyond the day limit (days: {self.days})")

    def _events(self) -> None:
        for event in self.events:
            self._day(event, "day")
            present = _present(event)
            kinds = [k for k in EVENT_KINDS if k in present]
            if len(kinds) != 1:
                found = ", ".join(kinds) if kinds else "none"
                self.r.report(event.node, event.path,
                              f"an event needs exactly one of {', '.join(EVENT_KINDS)} "
                              f"(found: {found})")
            if "text" in present and "message" in present:
                self.r.report(event.where("text"), event.sub("text"),
                              "a message event has no text: its message is the text")
            if "days" in present and "weather" not in present:
                self.r.report(event.where("days"), event.sub("days"),
                              "days goes with weather only")
            for unit in event.get("reinforcements", []):
                self._unit(unit, at_start=False)
            sorties: Record | None = event.get("sorties")
            if sorties is not None:
                asset = sorties.get("asset")
                if asset is not None and asset not in self.air_ids:
                    if asset in self.owner_ids:
                        self.r.report(sorties.where("asset"), sorties.sub("asset"),
                                      f"unknown air asset '{asset}' (a ground unit)")
                    else:
                        self.unknown(sorties, "asset", "air asset", asset, self.air_ids)
            garrison: Record | None = event.get("garrison")
            if garrison is not None:
                self._place_ref(garrison, "place")

    def _objectives(self) -> None:
        targets: list[tuple[str, Record, str]] = []
        seen: dict[str, Record] = {}
        for objective in self.objectives:
            place = self._place_ref(objective, "place")
            self._day(objective, "by_day")
            if place is None:
                continue
            if place in seen:
                self.r.report(objective.where("place"), objective.sub("place"),
                              f"'{place}' is already an objective "
                              f"(line {seen[place].where('place').line})", "warning")
                continue
            seen[place] = objective
            targets.append((place, objective, "place"))
        for ident, record in self.place_ids.items():
            if record.get("objective") is True and ident not in seen:
                targets.append((ident, record, "objective"))
        self._graph(targets)

    def _graph(self, targets: list[tuple[str, Record, str]]) -> None:
        """Objectives must be reachable by road from the player's places; a road graph in
        pieces is allowed (a warning): an author may mean an island."""
        open_roads: dict[str, list[str]] = {p: [] for p in self.place_ids}
        all_roads: dict[str, list[str]] = {p: [] for p in self.place_ids}
        for road in self.roads:
            between = road.get("between")
            if between is None or between[0] == between[1]:
                continue
            a, b = between
            if a not in self.place_ids or b not in self.place_ids:
                continue
            all_roads[a].append(b)
            all_roads[b].append(a)
            if not road.get("destroyed", False):
                open_roads[a].append(b)
                open_roads[b].append(a)
        if self.player is not None:
            held = [p for p, rec in self.place_ids.items() if rec.get("side") == self.player]
            reach = _reachable(held, open_roads)
            for ident, record, name in targets:
                if ident not in reach:
                    self.r.report(record.where(name), record.sub(name),
                                  f"objective '{ident}': no open road reaches it from any "
                                  f"place side '{self.player}' holds")
        self._pieces(all_roads)

    def _pieces(self, roads: dict[str, list[str]]) -> None:
        pieces: list[set[str]] = []
        done: set[str] = set()
        for ident in self.place_ids:
            if ident not in done:
                piece = _reachable([ident], roads)
                done |= piece
                pieces.append(piece)
        if len(pieces) < 2:
            return
        main = max(pieces, key=len)
        anchor = next(iter(p for p in self.place_ids if p in main))
        for piece in pieces:
            if piece is main:
                continue
            first = next(p for p in self.place_ids if p in piece)
            record = self.place_ids[first]
            others = f" and {len(piece) - 1} more" if len(piece) > 1 else ""
            self.r.report(record.where("id"), record.sub("id"),
                          f"'{first}'{others} cut off from '{anchor}': no road joins them "
                          f"(the road graph is in {len(pieces)} pieces)", "warning")


def _present(record: Record) -> set[str]:
    """Keys the author wrote, valid or not (a bad value is no reason to also say it is missing)."""
    written = {key.value for key, _ in record.node.value if key.kind == "scalar"}
    return written | set(record.nodes)


def _reachable(starts: list[str], roads: dict[str, list[str]]) -> set[str]:
    seen = set(starts)
    queue = deque(starts)
    while queue:
        for nxt in roads[queue.popleft()]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen


# -- the model ----------------------------------------------------------------------


def _build(top: Record) -> Scenario:
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
        objectives=tuple(Objective(o.values["place"], o.get("by_day"))
                         for o in v.get("objectives", [])),
        events=tuple(_event(e) for e in v.get("events", [])),
        rules=Rules(**_numbers(v.get("rules"))),
        river=tuple((lat, lon) for lat, lon in v.get("river", [])),
    )


def _numbers(record: Record | None) -> dict[str, Any]:
    return dict(record.values) if record is not None else {}


def _place(v: dict[str, Any]) -> Place:
    fields = dict(v)
    fields["kind"] = PlaceKind(v.get("kind", "town"))
    return Place(**fields)


def _road(v: dict[str, Any]) -> Road:
    a, b = v["between"]
    return Road(id=v["id"], a=a, b=b, km=v["km"], kind=RoadKind(v.get("kind", "road")),
                traps=v.get("traps", 0), destroyed=v.get("destroyed", False))


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
    g = v["garrison"].values
    return GarrisonChange(day, g["place"], g["fighters"], text)
