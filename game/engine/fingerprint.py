"""Canonical serialization of a `GameState` and its sha256 fingerprint.

The form is JSON with fixed key order (lists, not dicts), floats rounded to
six decimals, enums as their values, and the scenario as its own sha256
digest: the same game gives the same bytes on every machine.

A day changes a few places and roads of a large map: the long lists (places,
roads, what the player knows of each, supply) are written in blocks, and a block
whose items are the very (frozen) objects of the same block of the state written
last is copied from it rather than written again. The bytes are those of one
`json.dumps` of the whole form.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import fields
from itertools import compress
from operator import attrgetter, is_not
from typing import Any

from game.engine.index import index_of, plain
from game.engine.memo import by_identity
from game.engine.state import DayRecord, GameState

# `json.dumps(value, separators=(",", ":"), ensure_ascii=True)`, its encoder made once.
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode
_RECORD = attrgetter(*(field.name for field in fields(DayRecord)))
# A place's and a road's fields as the form has them: tuples, which json writes as lists.
_PLACE = attrgetter("side", "garrison", "traps", "vbieds")
_ROAD = attrgetter("traps", "destroyed")
_BLOCK = 16  # items a block of a long list


@by_identity(4096)
def _record_json(record: DayRecord) -> str:
    """A day's record encoded, once: a state's record repeats its parent's."""
    return _ENCODE(_RECORD(record))


class _Blocks:
    """One long list of the form, written block by block; the last list written kept
    with its blocks, to copy the blocks that hold the same objects."""

    def __init__(self, item: Callable[[Any], object] | None) -> None:
        self.item = item  # an item's form (None: the item itself)
        # The last list written and its blocks, replaced as one (threads may share it).
        self.last: tuple[Sequence[object], list[str]] = ((), [])

    def _write(self, items: Sequence[object]) -> str:
        item = self.item
        return _ENCODE(list(items) if item is None else list(map(item, items)))[1:-1]

    def json(self, items: Sequence[object]) -> str:
        if not items:
            return "[]"
        last, blocks = self.last
        if last is items:
            return f"[{','.join(blocks)}]"
        count = (len(items) + _BLOCK - 1) // _BLOCK
        if len(last) != len(items):
            blocks = [self._write(items[b * _BLOCK:(b + 1) * _BLOCK]) for b in range(count)]
        else:
            blocks = blocks.copy()
            # The items that are not the very objects of the last list, by block (C loops).
            for b in sorted({i // _BLOCK for i in compress(range(len(items)),
                                                           map(is_not, items, last))}):
                blocks[b] = self._write(items[b * _BLOCK:(b + 1) * _BLOCK])
        self.last = (items, blocks)
        return f"[{','.join(blocks)}]"


_PLACES = _Blocks(_PLACE)
_ROADS = _Blocks(_ROAD)
_KNOWN = [_Blocks(None) for _ in range(4)]
_SUPPLIED = _Blocks(int)  # 1 and 0, not true and false


def canonical(state: GameState) -> str:
    ix = index_of(state.scenario)
    head = [
        "euphrates-road-state-1",
        state.scenario.id,
        ix.digest,
        state.seed,
        state.day,
        state.rng,
    ]
    units = [
        [[u.id, u.name, u.side, u.kind.value, u.at, u.strength, u.readiness,
          u.days_out_of_supply] for u in state.units],
        [[a.id, a.kind.value, a.sorties] for a in state.air],
        [[d.place, round(d.range_km, 6)] for d in state.depots],
    ]
    known = (state.known_place_traps, state.known_road_traps, state.known_garrisons,
             state.known_vbieds)
    tail: list[object] = [state.outcome.value, [plain(e) for e in state.news]]
    if state.without:
        tail.append(list(state.without))
    # The same bytes as one json.dumps of the whole list: its parts joined by commas.
    parts = [
        _ENCODE(head)[1:-1],
        _PLACES.json(state.places),
        _ROADS.json(state.roads),
        _ENCODE(units)[1:-1],
        *(blocks.json(items) for blocks, items in zip(_KNOWN, known, strict=True)),
        _SUPPLIED.json(state.supplied),
        _ENCODE(state.sandstorm_until),
        f"[{','.join(_record_json(r) for r in state.record)}]",
        _ENCODE(tail)[1:-1],
    ]
    return f"[{','.join(parts)}]"


def fingerprint(state: GameState) -> str:
    """sha256 hex digest of `canonical(state)`."""
    return hashlib.sha256(canonical(state).encode("ascii")).hexdigest()
