"""Canonical serialization of a `GameState` and its sha256 fingerprint.

The form is JSON with fixed key order (lists, not dicts), floats rounded to
six decimals, enums as their values, and the scenario as its own sha256
digest: the same game gives the same bytes on every machine.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import fields
from operator import attrgetter

from game.engine.index import index_of, plain
from game.engine.memo import by_identity
from game.engine.state import DayRecord, GameState

# `json.dumps(value, separators=(",", ":"), ensure_ascii=True)`, its encoder made once.
_ENCODE = json.JSONEncoder(separators=(",", ":"), ensure_ascii=True).encode
_RECORD = attrgetter(*(field.name for field in fields(DayRecord)))
@by_identity(4096)
def _record_json(record: DayRecord) -> str:
    """A day's record encoded, once: a state's record repeats its parent's."""
    return _ENCODE(_RECORD(record))


def canonical(state: GameState) -> str:
    ix = index_of(state.scenario)
    body = [
        "euphrates-road-state-1",
        state.scenario.id,
        ix.digest,
        state.seed,
        state.day,
        state.rng,
        [[p.side, p.garrison, p.traps, p.vbieds] for p in state.places],
        [[r.traps, r.destroyed] for r in state.roads],
        [[u.id, u.name, u.side, u.kind.value, u.at, u.strength, u.readiness,
          u.days_out_of_supply] for u in state.units],
        [[a.id, a.kind.value, a.sorties] for a in state.air],
        [[d.place, round(d.range_km, 6)] for d in state.depots],
        list(state.known_place_traps),
        list(state.known_road_traps),
        list(state.known_garrisons),
        list(state.known_vbieds),
        [1 if s else 0 for s in state.supplied],
        state.sandstorm_until,
    ]
    tail: list[object] = [state.outcome.value, [plain(e) for e in state.news]]
    if state.without:
        tail.append(list(state.without))
    # The same bytes as one json.dumps of the whole list, the record spliced in.
    head = _ENCODE(body)
    rest = _ENCODE(tail)
    record = ",".join(_record_json(r) for r in state.record)
    return f"{head[:-1]},[{record}],{rest[1:]}"


def fingerprint(state: GameState) -> str:
    """sha256 hex digest of `canonical(state)`."""
    return hashlib.sha256(canonical(state).encode("ascii")).hexdigest()
