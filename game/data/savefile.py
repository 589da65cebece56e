"""The save file format: a game as a replay (scenario copy, seed, every day's plan), in JSON.

A save never stores the game state itself: it stores what made it, and loading
plays the plans again through the engine. Each day's end fingerprint is kept,
so a replay that drifts names the day it drifted instead of loading a game
that is quietly different. The format is documented in `docs/save-format.md`.

This module turns a playthrough into a save's text and reads that text back,
strictly: anything wrong is a SaveError naming the file and the first problem.
Replaying a save and where save files live are `game.data.saves`'s.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from game import __version__
from game.data.save_errors import SaveError
from game.engine import GameState, Operation, OpKind, Plan, fingerprint
from game.engine.record import record

FORMAT = "euphrates-road-save"
FORMAT_VERSION = 1
MAX_SAVE_BYTES = 32 * 1024 * 1024  # a 60-day save is tens of kB; refuse anything absurd unread


# --- what a save holds ----------------------------------------------------------------------


@record
class Playthrough:
    """What a save needs beyond the state: the scenario's text and every day's plan so far."""

    scenario_text: str
    scenario_file: str  # where the text came from, for messages only
    seed: int
    plans: tuple[Plan, ...] = ()
    fingerprints: tuple[str, ...] = ()  # the state's fingerprint at the end of each day

    def after(self, plan: Plan, state: GameState) -> Playthrough:
        """This playthrough once `plan` has been played and led to `state`."""
        return replace(self, plans=(*self.plans, plan),
                       fingerprints=(*self.fingerprints, fingerprint(state)))


@record
class SaveGame:
    """A save file's contents: the scenario's text, the seed and every day's plan."""

    format_version: int
    game_version: str
    scenario_id: str
    scenario_title: str
    scenario_file: str
    scenario_sha256: str
    scenario_text: str
    seed: int
    plans: tuple[Plan, ...]
    fingerprints: tuple[str, ...]
    day: int
    outcome: str
    final_fingerprint: str
    saved_at: str
    path: Path | None = None  # where it was read from

    @property
    def playthrough(self) -> Playthrough:
        return Playthrough(self.scenario_text, self.scenario_file, self.seed,
                           self.plans, self.fingerprints)


def _sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_save(playthrough: Playthrough, state: GameState, saved_at: str | None = None) -> SaveGame:
    return SaveGame(
        format_version=FORMAT_VERSION,
        game_version=__version__,
        scenario_id=state.scenario.id,
        scenario_title=state.scenario.title,
        scenario_file=playthrough.scenario_file,
        scenario_sha256=_sha256(playthrough.scenario_text),
        scenario_text=playthrough.scenario_text,
        seed=playthrough.seed,
        plans=playthrough.plans,
        fingerprints=playthrough.fingerprints,
        day=state.day,
        outcome=str(state.outcome),
        final_fingerprint=fingerprint(state),
        saved_at=saved_at or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )


def _operation_data(op: Operation) -> dict[str, Any]:
    data: dict[str, Any] = {"owner": op.owner, "kind": op.kind.value}
    if op.target is not None:
        data["target"] = op.target
    if op.after is not None:
        data["after"] = op.after
    if op.standing:  # a hold or rest the player keeps until changed (game.engine.standing)
        data["standing"] = True
    return data


def to_json(save: SaveGame) -> str:
    data = {
        "format": FORMAT,
        "format_version": save.format_version,
        "game_version": save.game_version,
        "saved_at": save.saved_at,
        "scenario": {"id": save.scenario_id, "title": save.scenario_title,
                     "file": save.scenario_file, "sha256": save.scenario_sha256,
                     "text": save.scenario_text},
        "seed": save.seed,
        "day": save.day,
        "outcome": save.outcome,
        "final_fingerprint": save.final_fingerprint,
        "days": [{"plan": [_operation_data(op) for op in plan], "fingerprint": print_}
                 for plan, print_ in zip(save.plans, save.fingerprints, strict=True)],
    }
    return json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


# --- reading, strictly -----------------------------------------------------------------------


class _Bad(Exception):
    pass


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
    if key not in data:
        raise _Bad(f"missing '{where}{key}'")
    value = data[key]
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        raise _Bad(f"'{where}{key}' has the wrong type")
    return value


_OPERATION_FIELDS = frozenset({"owner", "kind", "target", "after", "standing"})
_KINDS = {kind.value: kind for kind in OpKind}


def _plain_operation(data: Any) -> Operation | None:
    """The operation when `data` is a well-formed one (the usual case, quickly), else None."""
    if type(data) is not dict or not data.keys() <= _OPERATION_FIELDS:
        return None
    owner, target, after = data.get("owner"), data.get("target"), data.get("after")
    kind_text = data.get("kind")
    kind = _KINDS.get(kind_text) if type(kind_text) is str else None
    standing = data.get("standing", False)
    if (kind is None or type(owner) is not str or (target is not None and type(target) is not str)
            or (after is not None and type(after) is not int) or type(standing) is not bool):
        return None
    return Operation(owner, kind, target, after, standing)


def _operation(data: Any, where: str) -> Operation:
    """An operation, or _Bad saying what is wrong with it."""
    if not isinstance(data, dict):
        raise _Bad(f"{where} is not an operation")
    try:
        kind = OpKind(_field(data, "kind", str, f"{where}."))
    except ValueError:
        raise _Bad(f"{where}: unknown operation '{data['kind']}'") from None
    target = data.get("target")
    after = data.get("after")
    if target is not None and not isinstance(target, str):
        raise _Bad(f"'{where}.target' has the wrong type")
    if after is not None and (isinstance(after, bool) or not isinstance(after, int)):
        raise _Bad(f"'{where}.after' has the wrong type")
    standing = data.get("standing", False)
    if not isinstance(standing, bool):
        raise _Bad(f"'{where}.standing' has the wrong type")
    unknown = set(data) - _OPERATION_FIELDS
    if unknown:
        raise _Bad(f"{where}: unknown field '{sorted(unknown)[0]}'")
    return Operation(_field(data, "owner", str, f"{where}."), kind, target, after, standing)


def parse_save(text: str, path: Path) -> SaveGame:
    """A save from its text; SaveError naming the file and the first thing wrong."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        cut = text.lstrip().startswith("{") and not text.rstrip().endswith("}")
        hint = " (truncated?)" if cut or error.pos >= len(text.rstrip()) - 1 else ""
        raise SaveError(path, f"not a save: invalid JSON at line {error.lineno}{hint}") from None
    except RecursionError:
        raise SaveError(path, "not a save: JSON nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError(path, "not a Euphrates Road save")
    try:
        version = _field(data, "format_version", int)
        if version > FORMAT_VERSION:
            raise _Bad(f"made by a newer version of the game (save format {version}; "
                       f"this game reads up to {FORMAT_VERSION})")
        if version < 1:
            raise _Bad(f"unknown save format {version}")
        scenario = _field(data, "scenario", dict)
        days = _field(data, "days", list)
        plans: list[Plan] = []
        prints: list[str] = []
        for d, day in enumerate(days, start=1):
            if not isinstance(day, dict):
                raise _Bad(f"day {d} is not a mapping")
            ops = _field(day, "plan", list, f"days[{d}].")
            plans.append(tuple(_plain_operation(op) or _operation(op, f"day {d} line {i}")
                               for i, op in enumerate(ops, 1)))
            prints.append(_field(day, "fingerprint", str, f"days[{d}]."))
        save = SaveGame(
            format_version=version,
            game_version=_field(data, "game_version", str),
            scenario_id=_field(scenario, "id", str, "scenario."),
            scenario_title=_field(scenario, "title", str, "scenario."),
            scenario_file=_field(scenario, "file", str, "scenario."),
            scenario_sha256=_field(scenario, "sha256", str, "scenario."),
            scenario_text=_field(scenario, "text", str, "scenario."),
            seed=_field(data, "seed", int),
            plans=tuple(plans),
            fingerprints=tuple(prints),
            day=_field(data, "day", int),
            outcome=_field(data, "outcome", str),
            final_fingerprint=_field(data, "final_fingerprint", str),
            saved_at=_field(data, "saved_at", str),
            path=path,
        )
    except _Bad as error:
        raise SaveError(path, str(error)) from None
    if _sha256(save.scenario_text) != save.scenario_sha256:
        raise SaveError(path, "its copy of the scenario does not match its checksum "
                              "(the file was edited or damaged)")
    return save


def read_save(path: str | os.PathLike[str]) -> SaveGame:
    """Read and check a save file (not yet replayed: see `restore`). Never writes to it."""
    path = Path(path)
    try:
        if path.is_dir():
            raise SaveError(path, "is a folder, not a save")
        if not path.is_file() and path.exists():  # a pipe or a device would block or never end
            raise SaveError(path, "not a regular file")
        size = path.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(path, f"too large to be a save ({size} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SaveError(path, "no such save file") from None
    except OSError as error:
        raise SaveError(path, f"cannot read: {error.strerror or error}") from None
    if not raw.strip():
        raise SaveError(path, "empty file: not a save")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(path, "not a save: not UTF-8 text") from None
    if "\x00" in text:
        raise SaveError(path, "not a save: binary data")
    return parse_save(text, path)
