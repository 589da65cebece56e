"""The pieces the scenario zoo (tests/scenario_zoo.py) builds its scenarios from: a base, a
place, a unit, a road, a chain of places from the player's base west to an objective."""

from __future__ import annotations

from typing import Any

Scenario = dict[str, Any]

GOV = "gov"
ENEMY = "is"


def _base(title: str = "Zoo", days: int = 5) -> Scenario:
    return {
        "id": "zoo",
        "title": title,
        "start_date": "2017-09-19",
        "days": days,
        "sides": [{"id": GOV, "name": "Player side", "player": True},
                  {"id": ENEMY, "name": "Enemy side"}],
        "places": [],
    }


def _place(pid: str, name: str, lat: float, lon: float, side: str, **extra: Any) -> Scenario:
    return {"id": pid, "name": name, "lat": lat, "lon": lon, "side": side, **extra}


def _unit(uid: str, at: str, kind: str = "army", strength: int = 900,
          side: str = GOV, name: str | None = None, **extra: Any) -> Scenario:
    return {"id": uid, "name": name or uid, "side": side, "kind": kind, "at": at,
            "strength": strength, **extra}


def _road(a: str, b: str, km: float = 10.0, **extra: Any) -> Scenario:
    return {"between": [a, b], "km": km, **extra}


def _chain(names: list[str], ids: list[str] | None = None, front: int = 1,
           lat0: float = 34.0, lon0: float = 42.0, step: float = 0.08) -> Scenario:
    """A line of places west from a base: the first `front` the player's, the rest the enemy's,
    the last an objective; roads between neighbours."""
    ids = ids or [f"p{i}" for i in range(len(names))]
    s = _base()
    for i, (pid, name) in enumerate(zip(ids, names, strict=True)):
        side = GOV if i < front else ENEMY
        extra: dict[str, Any] = {}
        if i == 0:
            extra["supply_source"] = True
        if side == ENEMY:
            extra["garrison"] = 40
        s["places"].append(_place(pid, name, lat0 + step * (i % 3) / 2, lon0 - step * i, side,
                                  **extra))
    s["places"][-1]["objective"] = True
    s["roads"] = [_road(ids[i], ids[i + 1], 12.0) for i in range(len(ids) - 1)]
    s["units"] = [_unit("bde", ids[0]), _unit("eng", ids[0], "engineers", 120),
                  _unit("trucks", ids[0], "logistics", 100)]
    s["air"] = [{"id": "jets", "name": "Jets", "side": GOV, "sorties": 2},
                {"id": "drone", "name": "Drone", "side": GOV, "kind": "drone", "sorties": 1}]
    return s
