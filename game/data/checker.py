"""The checks across fields, once every field has been read on its own (`game.data.reader`).

References (a unit's side, a road's places, an event's air asset), unique ids,
who holds a unit's starting place, one kind to each event, event and objective
days within the day limit, and the shape of the road graph: an objective the
player cannot reach by an open road is an error, a graph in pieces only a
warning. Problems go to the reader's list, so one pass reports them all with
the field-by-field ones.
"""

from __future__ import annotations

import unicodedata
from collections import deque
from datetime import date, timedelta

from game.data.format import SIDES
from game.data.problems import Suggestions
from game.data.reader import Reader, Record
from game.data.yamltree import Node, pairs

EVENT_KINDS = ("message", "reinforcements", "sorties", "weather", "garrison", "withdrawal")


class Checker:
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
        # (place id, record, field) of every objective, in either spelling.
        self.objective_targets: list[tuple[str, Record, str]] = []
        self.did_you_mean = Suggestions()

    def check(self) -> None:
        self._calendar()
        self._sides()
        self._places()
        self._roads()
        for unit in self.units:
            self._unit(unit, at_start=True)
        self._air()
        for what, ids in (("side", self.side_ids), ("place", self.place_ids),
                          ("unit or air asset", self.owner_ids)):
            self._look_alikes(what, ids)
        self._events()
        self._objectives()

    def _look_alikes(self, what: str, ids: dict[str, Record]) -> None:
        """Ids that differ only in spaces at their ends or in how Unicode spells a letter
        (café composed or as e + accent) print the same: one of each pair is refused."""
        seen: dict[str, str] = {}
        for ident, record in ids.items():
            key = ident
            if not ident.isascii() or ident[:1].isspace() or ident[-1:].isspace():
                key = unicodedata.normalize("NFC", ident.strip())
            other = seen.get(key)
            if other is not None or (key is not ident and ident != ident.strip()):
                self._look_alike(what, ident, record, other, ids)
            else:
                seen[key] = ident

    def _look_alike(self, what: str, ident: str, record: Record, other: str | None,
                    ids: dict[str, Record]) -> None:
        if other is not None:
            line = ids[other].where("id").line
            self.r.report(record.where("id"), record.sub("id"),
                          f"{what} id {ident!a} looks the same as {other!a} (line {line}) "
                          "once spaces at the ends are dropped and Unicode normalised (NFC); "
                          "give them different names")
        elif ident != ident.strip():
            self.r.report(record.where("id"), record.sub("id"),
                          f"{what} id '{ident}' has spaces at its start or end, which the "
                          "screen does not show; remove them")

    def _calendar(self) -> None:
        """The game names each day by its date, the day after the last one included: a
        campaign must end within the calendar (9999-12-31)."""
        start, days = self.top.get("start_date"), self.days
        if start is None or days is None:
            return
        first = date.fromisoformat(start)
        if (date.max - first).days < days:
            last = date.max - timedelta(days=days)
            self.r.report(self.top.where("start_date"), "start_date",
                          f"a campaign of {days} days from {start} runs past 9999-12-31, "
                          f"the last date the game can show; start on {last.isoformat()} "
                          "or earlier")

    def unknown(self, record: Record, name: str, what: str, value: str,
                known: dict[str, Record] | set[str], node: Node | None = None) -> None:
        self.r.report(node or record.where(name), record.sub(name),
                      f"unknown {what} '{value}'{self.did_you_mean(value, known)}")

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
        place_ids, side_ids = self.place_ids, self.side_ids
        for place in self.places:
            values = place.values
            ident = values.get("id")
            if ident is not None and ident not in place_ids:
                place_ids[ident] = place  # `unique`, written out: 10,000 places
            else:
                self.unique(place, place_ids, "place")
            side = values.get("side")
            if side is not None and side_ids and side not in side_ids:
                self.unknown(place, "side", "side", side, side_ids)

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
        pairs: dict[tuple[str, str], Record] = {}
        place_ids = self.place_ids
        # A road's ends are made the very strings of its places' ids: YAML reads each
        # occurrence as a string of its own, so a 100,000-place map held 300,000 copies,
        # and every later look-up by a road's end (here, the geography's, the engine's
        # index) compared the two strings' text where now it finds the same object.
        own = dict(zip(place_ids, place_ids, strict=True))
        for road in self.roads:
            values = road.values
            between = values.get("between")
            if between is None:
                continue
            a, b = between
            own_a, own_b = own.get(a), own.get(b)
            ends_ok = own_a is not None and own_b is not None
            if ends_ok and (own_a is not a or own_b is not b):
                values["between"] = a, b = own_a, own_b
            if not ends_ok:
                for i, end in enumerate(between):
                    if end not in place_ids:
                        item = road.nodes["between"].value[i]
                        self.r.report(item, f"{road.sub('between')}[{i}]",
                                      f"unknown place '{end}'{self.did_you_mean(end, place_ids)}")
            if a == b:
                self.r.report(road.where("between"), road.sub("between"),
                              f"a road from '{a}' to itself")
                continue
            ident = values.get("id")
            if ident is None:
                ident = values["id"] = f"{a}--{b}"
            if ident not in road_ids:
                road_ids[ident] = road  # `unique`, written out: 15,000 roads
            else:
                self.unique(road, road_ids, "road")
            if not ends_ok:
                continue
            pair = (a, b) if a < b else (b, a)
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
            for i, ident in enumerate(event.get("withdrawal", ())):
                unit = self.owner_ids.get(ident)
                if unit is None or ident in self.air_ids or unit.get("side") != self.player:
                    node = event.nodes["withdrawal"].value[i]
                    self.r.report(node, f"{event.sub('withdrawal')}[{i}]",
                                  f"'{ident}' is not one of the player's units"
                                  f"{self.did_you_mean(ident, self.owner_ids)}")

    def _objectives(self) -> None:
        """One model of objectives: the `objectives:` list and `objective: true` on a place
        mean the same (the builder folds the flag into the list), so both are checked alike."""
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
                              f"(line {seen[place].where('place').line}); this entry is "
                              "ignored", "warning")
                continue
            seen[place] = objective
            targets.append((place, objective, "place"))
            flag = self.place_ids[place].get("objective")
            if flag is False:
                record = self.place_ids[place]
                self.r.report(record.where("objective"), record.sub("objective"),
                              f"'{place}' says objective: false but is listed in objectives "
                              f"(line {objective.where('place').line}); remove one of the two")
        for ident, record in self.place_ids.items():
            if record.get("objective") is True and ident not in seen:
                targets.append((ident, record, "objective"))
        self.objective_targets = targets
        if not targets and not self.objectives and "places" in self.top.values:  # [] included
            node = self.top.nodes.get("objectives", self.top.node)
            self.r.report(node, "objectives",
                          "no objectives: the game can never be won; list the places the "
                          "player must take (objectives: - place: ID) or mark them "
                          "objective: true")
        self._graph(targets)

    def _graph(self, targets: list[tuple[str, Record, str]]) -> None:
        """Objectives must be reachable by road from the player's places; a road graph in
        pieces is allowed (a warning): an author may mean an island."""
        places = self.place_ids
        open_roads: dict[str, list[str]] = {p: [] for p in places}
        all_roads = open_roads  # a second table only once a road is destroyed
        for road in self.roads:
            values = road.values
            between = values.get("between")
            if between is None:
                continue
            a, b = between
            if a == b or a not in places or b not in places:
                continue
            if values.get("destroyed", False):
                if all_roads is open_roads:
                    all_roads = {p: list(ends) for p, ends in open_roads.items()}
                all_roads[a].append(b)
                all_roads[b].append(a)
                continue
            open_roads[a].append(b)
            open_roads[b].append(a)
            if all_roads is not open_roads:
                all_roads[a].append(b)
                all_roads[b].append(a)
        if self.player is not None:
            held = [p for p, rec in places.items() if rec.values.get("side") == self.player]
            reach = _reachable(held, open_roads)
            for ident, record, name in targets:
                if ident not in reach:
                    self.r.report(record.where(name), record.sub(name),
                                  f"objective '{ident}': no open road reaches it from any "
                                  f"place side '{self.player}' holds")
            if len(reach) == len(places):
                return  # every place is reached: the road graph is in one piece
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
    written = {key.value for key, _ in pairs(record.node) if key.kind == "scalar"}
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
