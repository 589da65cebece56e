"""Canonical serialization of a `GameState` and its sha256 fingerprint.

The form is JSON with fixed key order (lists, not dicts), floats rounded to
six decimals, enums as their values, and the scenario as its own sha256
digest: the same game gives the same bytes on every machine.

A day changes a few places and roads of a large map: the long lists (places,
roads, what the player knows of each, supply) are kept as their items' texts, and
an item that is the very (frozen) object of the state written last (in a list of
numbers and nulls, an equal value) keeps its text; the others are looked up by their
form in a table of the forms written so far, and only their blocks are joined again.
The bytes are those of one `json.dumps` of the whole form.
"""

from __future__ import annotations

import hashlib
import json
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import fields
from itertools import compress, count, repeat
from operator import attrgetter, floordiv, is_not, ne, not_
from typing import Any

from game.engine.index import index_of, plain
from game.engine.memo import by_identity
from game.engine.state import DayRecord, GameState

# `json.dumps(value, separators=(",", ":"), ensure_ascii=True)`, its encoder made once;
# the form holds no cycle, so the encoder does not look for one (the same bytes, a
# quarter faster: it noted and forgot every list it wrote).
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True,
                           check_circular=False).encode
_RECORD = attrgetter(*(field.name for field in fields(DayRecord)))
# A place's and a road's fields as the form has them: tuples, which json writes as lists.
_PLACE = attrgetter("side", "garrison", "traps", "vbieds")
_ROAD = attrgetter("traps", "destroyed")


@by_identity(4096)
def _record_json(record: DayRecord) -> str:
    """A day's record encoded, once: a state's record repeats its parent's."""
    return _ENCODE(_RECORD(record))


class _Pieces:
    """One long list of the form, kept as its items' texts and the texts joined in blocks;
    the last list written kept with them, to write again only the items that are not the
    very objects it held (in a list of numbers and nulls, an equal value), and join again
    only their blocks (on a large map the items' texts lie scattered in memory: joining
    them all each day cost more than writing them). An item's text comes from a table by
    its form: a large map's places share a few thousand forms and its roads a dozen (a
    road's is its traps and whether it is cut), and looking a form up cost a fraction of
    writing it (the forms' fields hold ints, bools and text, each of its declared type:
    equal forms are the same text)."""

    def __init__(self, item: Callable[[Any], object] | None, lists: bool) -> None:
        self.item = item  # an item's form (None: the item itself)
        # Between items: "],[" when each is a list (its text then without its brackets),
        # else "," (numbers and nulls).
        self.lists = lists
        self.sep = "],[" if lists else ","
        self.ends = ("[[", "]]") if lists else ("[", "]")
        self.table: dict[Any, str] = {}  # a form's text, by the form
        # The last list written, its items' texts and their blocks joined, replaced as one
        # and never changed after (threads may share them).
        self.last: tuple[Sequence[object], list[str], list[str]] = ((), [], [])

    def _encoded(self, forms: list[Any]) -> list[str]:
        """The forms' texts, from one encoding of them all (C loops), split between forms;
        one by one when a text held the separator (an id with "],[" in it)."""
        whole = _ENCODE(forms)
        cut = len(self.ends[0])
        texts = whole[cut:-cut].split(self.sep)
        if len(texts) != len(forms):
            texts = [_ENCODE(form)[1:-1] if self.lists else _ENCODE(form) for form in forms]
        return texts

    def _texts(self, items: Iterable[object]) -> list[str]:
        """The items' texts: each form's from the table, the forms new to it written."""
        forms = list(items) if self.item is None else list(map(self.item, items))
        table = self.table
        found: list[str | None] = list(map(table.get, forms))
        if all(found):  # no text is empty: a miss is None
            return found  # type: ignore[return-value]  # none is None
        new = list(dict.fromkeys(compress(forms, map(not_, found))))
        if len(table) + len(new) > _MOST_FORMS:  # another game's forms: begin again
            table.clear()
        written = dict(zip(new, self._encoded(new), strict=True))
        table.update(written)
        # The texts found, and the new ones from what was just written (not the table,
        # which another thread's game may have begun again meanwhile).
        return list(map(written.get, forms, found))  # type: ignore[arg-type]

    def json(self, items: Sequence[object]) -> str:
        if not items:
            return "[]"
        last, texts, blocks = self.last
        join = self.sep.join
        if last is not items:
            # Up to three items in four written again one by one: a looked-up text costs
            # little more than one of a list written whole (a night re-mines thousands of
            # a large map's roads).
            changed = (_changed if self.lists else _changed_values)(
                items, last, len(items) * 3 // 4) if len(last) == len(items) else None
            if changed is None:  # all written again
                texts = self._texts(items)
                blocks = [join(texts[b:b + _BLOCK]) for b in range(0, len(texts), _BLOCK)]
            elif changed:
                texts, blocks = texts.copy(), blocks.copy()
                deque(map(texts.__setitem__, changed,
                          self._texts(map(items.__getitem__, changed))), 0)
                for b in sorted(set(map(floordiv, changed, repeat(_BLOCK)))):
                    blocks[b] = join(texts[b * _BLOCK:(b + 1) * _BLOCK])
            self.last = (items, texts, blocks)
        start, end = self.ends
        return f"{start}{join(blocks)}{end}"


_BLOCK = 64  # items' texts joined a block
# Forms a list's table holds at most (a 100,000-place map's places have fewer).
_MOST_FORMS = 1 << 18


def _changed(items: Sequence[object], last: Sequence[object], most: int) -> list[int] | None:
    """Where `items` holds other objects than `last` (as long), or None when that is
    more than `most` places. A flag an item, in C loops: a list of positions filtered
    from a range made an int object for every item, and most days change a few of each
    list's thousands."""
    flags = bytearray(map(is_not, items, last))
    if flags.count(1) > most:
        return None
    found: list[int] = []
    at = flags.find(1)
    while at >= 0:
        found.append(at)
        at = flags.find(1, at + 1)
    return found


def _changed_values(items: Sequence[object], last: Sequence[object], most: int
                    ) -> list[int] | None:
    """`_changed` for a list of numbers and nulls (the player's knowledge: ints and None;
    supply: bools, written as ints), where equal values are the same text: compared a
    stretch at a time in C (an equal stretch of such values is mostly the very same
    objects), and item by item only in the stretches that differ (a day changes a few
    items of each such list, most days none)."""
    found: list[int] = []
    if items == last:  # most days, most such lists: no stretch copied
        return found
    for start in range(0, len(items), _STRETCH):
        end = start + _STRETCH
        here, before = items[start:end], last[start:end]
        if here != before:
            found.extend(compress(count(start), map(ne, here, before)))
            if len(found) > most:
                return None
    return found


_STRETCH = 1024  # items compared at once by `_changed_values`


_PLACES = _Pieces(_PLACE, lists=True)
_ROADS = _Pieces(_ROAD, lists=True)
_KNOWN = [_Pieces(None, lists=False) for _ in range(4)]  # numbers and nulls
_SUPPLIED = _Pieces(int, lists=False)  # 1 and 0, not true and false


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
        *(pieces.json(items) for pieces, items in zip(_KNOWN, known, strict=True)),
        _SUPPLIED.json(state.supplied),
        _ENCODE(state.sandstorm_until),
        f"[{','.join(_record_json(r) for r in state.record)}]",
        _ENCODE(tail)[1:-1],
    ]
    return f"[{','.join(parts)}]"


def fingerprint(state: GameState) -> str:
    """sha256 hex digest of `canonical(state)`."""
    return hashlib.sha256(canonical(state).encode("ascii")).hexdigest()
