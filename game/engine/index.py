"""A per-scenario index built once: positions of places and roads, adjacency, digest.

Scenarios are frozen, so the index is cached by the scenario object's identity
(a small cache keeps the scenario alive while its index is in use).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import fields, is_dataclass
from enum import Enum
from itertools import chain, compress, count, repeat
from operator import attrgetter, eq
from typing import cast

from game.engine.memo import by_identity
from game.engine.model import Place, Road, RoadKind, Rules, Scenario, UnitKind
from game.engine.record import record


@record
class ScenarioIndex:
    """A scenario's places and roads numbered, with their adjacency, for fast lookups."""

    place_pos: dict[str, int]
    places: tuple[Place, ...]
    roads: tuple[Road, ...]
    # For each place: (road position, other end's position) for every road at it, in the
    # roads' order (`RoadsAt`: made for a place when first asked for).
    adjacency: RoadsAt
    # Each road's ends' positions, a column each (`road_ends` pairs them).
    road_a: tuple[int, ...]
    road_b: tuple[int, ...]
    objectives: tuple[tuple[int, int | None], ...]  # (place position, by_day)
    crossings: tuple[int, ...]
    sources: tuple[int, ...]  # the player's supply sources (places flagged supply_source)
    player: str
    enemy: str
    scenario: Scenario
    size: int  # places and roads

    @property
    def road_pos(self) -> dict[str, int]:
        """Each road's position by its id, made when first asked for: a new game never
        does (a plan's clear or recon of a road does)."""
        return _road_pos(self)

    @property
    def road_ends(self) -> tuple[tuple[int, int], ...]:
        """Each road's ends' positions, paired when first asked for: a new game never
        does (at 100,000 places, 150,000 pairs the collector then went over)."""
        return _road_ends(self)

    @property
    def digest(self) -> str:
        """sha256 of the scenario's canonical form: computed when a fingerprint first
        asks for it (never to start or check a game), then kept with the scenario."""
        return scenario_digest(self.scenario)

    def ends(self, road: int) -> tuple[int, int]:
        """The road's ends' positions, without pairing every road's (`road_ends`)."""
        return self.road_a[road], self.road_b[road]

    def road_between(self, a: int, b: int) -> int | None:
        for road, other in self.adjacency[a]:
            if other == b:
                return road
        return None


@by_identity(16)
def index_of(scenario: Scenario) -> ScenarioIndex:
    """The scenario's index, built once per scenario object (it is frozen)."""
    places, roads = scenario.places, scenario.roads
    # Column by column, in C loops: at 100,000 places each pass over the records is
    # mostly waiting on memory, so each field is read once.
    place_pos = _positions([place.id for place in places])
    # Each road's ends read a column at a time (a pass over the roads reading both and
    # pairing them cost more on a large map), then looked up one after the other (road
    # i's at 2i and 2i + 1): a road's ends are most often near in the table, so the
    # second finds it in the cache, where a pass for each end's column met it cold for
    # both (at 100,000 places 67-78 ms -> 49-52, the fastest of eleven, 2.9 -> 2.1 at 10,000).
    ends = [""] * (2 * len(roads))
    ends[::2] = map(_A, roads)
    ends[1::2] = map(_B, roads)
    at = list(map(place_pos.__getitem__, ends))
    road_a, road_b = tuple(at[::2]), tuple(at[1::2])
    # Each place's roads as a chain, by position alone: the place's last road, and for
    # each road the one before it at its first end and at its second. A list of roads a
    # place, appended to end by end, met its list and items cold at each of the 300,000
    # ends of 100,000 places; the chains' heads are one flat list (in the cache) and the
    # links are appended in order (67 -> 52 ms there with a place in ten asked for, the
    # fastest of eleven; 2.1 -> 1.7 at 10,000). The (road, other end) pairs of a place are
    # made when it is first asked for, as a game asks for about a place in ten (the
    # 300,000 pairs made at once were a third of a game).
    last = [-1] * len(places)
    before_a: list[int] = []
    before_b: list[int] = []
    link_a, link_b = before_a.append, before_b.append
    # A road's number is the int of the place's of that number where there is one (the
    # table's values are 0, 1, ... in order when no id repeats): at 100,000 places,
    # 100,000 fewer ints made, kept and met cold.
    numbers = (chain(place_pos.values(), count(len(places))) if len(place_pos) == len(places)
               else count())
    for i, a, b in zip(numbers, road_a, road_b, strict=False):  # numbers never end
        link_a(last[a])
        last[a] = i
        link_b(last[b])
        last[b] = i
    return ScenarioIndex(
        place_pos=place_pos,
        places=places,
        roads=roads,
        adjacency=RoadsAt(last, before_a, before_b, road_a, road_b),
        road_a=road_a,
        road_b=road_b,
        objectives=tuple((place_pos[o.place], o.by_day) for o in scenario.objectives),
        crossings=tuple(compress(count(), map(eq, map(_KIND, places), repeat("crossing")))),
        sources=tuple(compress(count(), map(_SOURCE, places))),
        player=scenario.player_side,
        enemy=scenario.enemy_side,
        scenario=scenario,
        size=len(scenario.places) + len(scenario.roads),
    )


def _positions(ids: list[str]) -> dict[str, int]:
    """Each id's position, in a table that keeps each key's hash beside it: one of
    strings alone (which Python makes when every key is a string) keeps none, so each
    of its growths and each look-up that meets another key reads that key's string
    again, a miss in memory at 100,000 places (a quarter of the look-ups of the
    roads' ends). A key of another type, put in first and taken out, makes it keep
    them; it holds the same ids, in the same order."""
    table: dict[object, int] = {None: -1}
    table.update(zip(ids, count()))
    del table[None]
    return cast(dict[str, int], table)


class RoadsAt(dict[int, tuple[tuple[int, int], ...]]):
    """`adjacency[place]`: the place's (road position, other end's position) pairs, in
    the roads' order, made when first asked for and then kept (a dictionary's own
    look-up, in C, once made). Equal as the roads it is made from are."""

    __slots__ = ("_a", "_b", "_before_a", "_before_b", "_last")

    def __init__(self, last: list[int], before_a: list[int], before_b: list[int],
                 road_a: tuple[int, ...], road_b: tuple[int, ...]) -> None:
        """`last`: each place's last road (-1: none); `before_a`, `before_b`: each
        road's road before it at its first end, at its second (-1: none)."""
        super().__init__()
        self._last, self._before_a, self._before_b = last, before_a, before_b
        self._a, self._b = road_a, road_b

    def __missing__(self, place: int) -> tuple[tuple[int, int], ...]:
        if type(place) is not int or place < 0:
            raise IndexError(f"no place at position {place!r}")
        a, b, before_a, before_b = self._a, self._b, self._before_a, self._before_b
        pairs = []  # walked from the place's last road back to its first
        road = self._last[place]
        while road >= 0:
            other = a[road]
            if other != place:  # the place is the road's second end
                pairs.append((road, other))
                road = before_b[road]
                continue
            other = b[road]
            pairs.append((road, other))
            if other == place:  # a road from the place to itself: at both its ends
                pairs.append((road, other))
            road = before_a[road]
        pairs.reverse()
        found = self[place] = tuple(pairs)
        return found

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RoadsAt) and (len(self._last), self._a, self._b) == (
            len(other._last), other._a, other._b)

    # Hashable, as the tuple it stands for was (a dictionary is not): the index is a record.
    def __hash__(self) -> int:  # type: ignore[override]
        return hash((self._a, self._b))


@by_identity(16)
def _road_pos(ix: ScenarioIndex) -> dict[str, int]:
    return dict(zip(map(_ID, ix.roads), count()))


@by_identity(16)
def _road_ends(ix: ScenarioIndex) -> tuple[tuple[int, int], ...]:
    return tuple(zip(ix.road_a, ix.road_b, strict=True))


_ID, _A, _B = attrgetter("id"), attrgetter("a"), attrgetter("b")
_KIND, _SOURCE = attrgetter("kind"), attrgetter("supply_source")


def scenario_digest(scenario: Scenario) -> str:
    """The scenario's digest, once per scenario object (it is frozen)."""
    given = _GIVEN.get(id(scenario))
    if given is not None and given[0] is scenario:
        return given[1]
    return _digest(scenario)


@by_identity(16)
def _digest(scenario: Scenario) -> str:
    return hashlib.sha256(canonical_json(scenario).encode()).hexdigest()


# Digests known without writing the scenario again, by the scenario object (kept alive).
_GIVEN: dict[int, tuple[Scenario, str]] = {}


def known_digest(scenario: Scenario, digest: str) -> None:
    """Tell the index the digest of `scenario`, known from text that is its canonical
    form byte for byte (the scenario cache's entries), so it is not written again."""
    while len(_GIVEN) >= 16:
        _GIVEN.pop(next(iter(_GIVEN)))
    _GIVEN[id(scenario)] = (scenario, digest)


def plain(value: object) -> object:
    """A JSON-ready form of a scenario value: dataclasses as lists of their fields."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, float):
        return round(value, 6)
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if is_dataclass(value) and not isinstance(value, type):
        return [type(value).__name__] + [plain(getattr(value, f.name)) for f in fields(value)]
    return value


def canonical_json(value: object) -> str:
    """`plain(value)` as compact JSON (a scenario's is its digest's text)."""
    # `plain`'s lists are new and hold no cycle: the encoder need not look for one.
    return json.dumps(_plain(value), separators=(",", ":"), ensure_ascii=True,
                      check_circular=False)


# `plain` at a scenario's size (a million values at 10,000 places): by exact type, the
# values that stay as they are passed over in place, each record class's fields read by
# one getter; a value of any other type (a subclass, an enum) is `plain`'s, as it was.
_AS_IS = frozenset({str, int, bool, type(None)})
_READERS: dict[type, tuple[str, Callable[[object], tuple[object, ...]]]] = {}
_ENUMS: set[type] = set()


def _fields_of(names: list[str]) -> Callable[[object], tuple[object, ...]]:
    """A record's fields by name, as a tuple (attrgetter's own, when there are two or more)."""
    if len(names) > 1:
        return attrgetter(*names)
    return lambda value: tuple(getattr(value, name) for name in names)


def _plain(value: object) -> object:
    kind = type(value)
    if kind in _AS_IS:
        return value
    if kind is float:
        return round(value, 6)  # type: ignore[call-overload]
    if kind in _ENUMS:
        return value._value_  # type: ignore[attr-defined]
    if kind is tuple or kind is list:
        items: Iterable[object] = value  # type: ignore[assignment]
        name = None
    else:
        reader = _READERS.get(kind)
        if reader is None:
            if isinstance(value, Enum):
                _ENUMS.add(kind)  # its members' value is their `_value_`
            if not is_dataclass(kind) or isinstance(value, Enum):
                return plain(value)
            reader = _READERS[kind] = (kind.__name__, _fields_of([f.name for f in fields(kind)]))
        name, get = reader
        items = get(value)
    out = [v if (t := type(v)) in _AS_IS else round(v, 6) if t is float  # type: ignore[call-overload]
           else _plain(v) for v in items]
    if name is not None:
        out.insert(0, name)
    return out


def road_speed(rules: Rules, kind: RoadKind) -> float:
    if kind == RoadKind.HIGHWAY:
        return rules.speed_highway_kmh
    if kind == RoadKind.TRACK:
        return rules.speed_track_kmh
    if kind == RoadKind.BRIDGE:
        return rules.speed_bridge_kmh
    return rules.speed_road_kmh


def unit_speed_percent(rules: Rules, kind: UnitKind) -> float:
    if kind in (UnitKind.ADVISERS, UnitKind.TRIBAL):
        return rules.speed_light_percent
    if kind == UnitKind.ENGINEERS:
        return rules.speed_engineers_percent
    if kind == UnitKind.LOGISTICS:
        return rules.speed_logistics_percent
    return 100.0


# The rule giving each kind's attack, in percent (kinds not listed have none).
_ATTACK_RULE = {
    UnitKind.ARMY: "attack_army_percent",
    UnitKind.POLICE: "attack_police_percent",
    UnitKind.TRIBAL: "attack_tribal_percent",
    UnitKind.MILITIA: "attack_militia_percent",
    UnitKind.COUNTER_TERRORISM: "attack_cts_percent",
    UnitKind.FIGHTERS: "attack_militia_percent",
}


def attack_percent(rules: Rules, kind: UnitKind) -> float:
    name = _ATTACK_RULE.get(kind)
    if name is None:
        return 0.0
    percent: float = getattr(rules, name)
    return percent
