"""Canonical serialization of a `GameState` and its sha256 fingerprint.

The form is JSON with fixed key order (lists, not dicts), floats rounded to
six decimals, enums as their values, and the scenario as its own sha256
digest: the same game gives the same bytes on every machine.
"""

from __future__ import annotations

import hashlib
import json
from operator import attrgetter

from game.engine.index import index_of, plain
from game.engine.state import DayRecord, GameState

_RECORD = attrgetter(*DayRecord.__slots__)


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
        [_RECORD(r) for r in state.record],
        state.outcome.value,
        [plain(e) for e in state.news],
    ]
    return json.dumps(body, separators=(",", ":"), ensure_ascii=True)


def fingerprint(state: GameState) -> str:
    """sha256 hex digest of `canonical(state)`."""
    return hashlib.sha256(canonical(state).encode("ascii")).hexdigest()
