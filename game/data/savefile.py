"""The save file format: a game as a replay (scenario copy, seed, every day's plan), in JSON.

A save never stores the game state itself: it stores what made it, and loading
plays the plans again through the engine. Each day's end fingerprint is kept,
so a replay that drifts names the day it drifted instead of loading a game
that is quietly different. The format is documented in `docs/save-format.md`.

This module turns a playthrough into a save's text and reads that text back,
strictly: anything wrong is a SaveError naming the file and the first problem,
and nothing else escapes, whatever the file holds. Every size is bounded
(`game.data.limits`), every text is checked, and the fields are checked against
each other. Replaying a save and where save files live are `game.data.saves`'s.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from game import __version__, engine
from game.data.files import Unreadable, read_regular
from game.data.limits import (
    MAX_FILE_BYTES,
    MAX_ID_CHARS,
    MAX_INT_DIGITS,
    MAX_PLAN_LINES,
    MAX_SAVE_DAYS,
    MAX_SAVE_OPERATIONS,
    MAX_SAVE_TEXT_CHARS,
    MAX_TARGET_CHARS,
    MAX_TEXT_CHARS,
)
from game.data.limits import MAX_SAVE_BYTES as MAX_SAVE_BYTES
from game.data.save_errors import SaveError
from game.data.save_memo import state_fingerprint, text_forms, text_sha256
from game.engine import RULES_VERSION, SWITCHES, GameState, Outcome
from game.engine.record import record

FORMAT = "euphrates-road-save"
FORMAT_VERSION = 2
# Format 1 saves came before the rules version was recorded: they were played
# under rules version 1, and are read as such (and so refused by later rules).
FIRST_RULES_VERSION = 1

_HEX_DIGITS = "0123456789abcdef"
_SAVED_AT = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ"  # compiled by `re` when first used
_OUTCOMES = frozenset(str(outcome) for outcome in Outcome)


# --- what a save holds ----------------------------------------------------------------------

@record
class Playthrough:
    """What a save needs beyond the state: the scenario's text and every day's plan so far."""

    scenario_text: str
    scenario_file: str  # where the text came from, for messages only
    seed: int
    plans: tuple[engine.Plan, ...] = ()
    fingerprints: tuple[str, ...] = ()  # the state's fingerprint at the end of each day
    without: tuple[str, ...] = ()  # rule switches off (`new_game`'s): replays start so

    def after(self, plan: engine.Plan, state: GameState) -> Playthrough:
        """This playthrough once `plan` has been played and led to `state`."""
        return replace(self, plans=(*self.plans, plan),
                       fingerprints=(*self.fingerprints, state_fingerprint(state)))

    def reaches(self, state: GameState) -> bool:
        """Whether `state` is where these plans lead (the last day's fingerprint is its own):
        a save of the two replays; a state a day ahead or behind would not."""
        if not self.plans:
            return state.day == 1
        return self.fingerprints[-1] == state_fingerprint(state)


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
    plans: tuple[engine.Plan, ...]
    fingerprints: tuple[str, ...]
    day: int
    outcome: str
    final_fingerprint: str
    saved_at: str
    rules_version: int = RULES_VERSION  # the engine's rules it was played under
    without: tuple[str, ...] = ()  # the rule switches turned off (`new_game(..., without=)`)
    draft: engine.Plan = ()  # the plan being drafted for `day` when saved; never replayed
    path: Path | None = None  # where it was read from

    @property
    def playthrough(self) -> Playthrough:
        return Playthrough(self.scenario_text, self.scenario_file, self.seed,
                           self.plans, self.fingerprints, self.without)


def make_save(playthrough: Playthrough, state: GameState, saved_at: str | None = None, *,
              draft: engine.Plan = ()) -> SaveGame:
    """The save of `state`, reached by `playthrough`, with the day's `draft` plan: none once
    the game is over (no day is left to plan), and no more lines than a save may hold, so
    that what the game writes it always reads back."""
    return SaveGame(
        format_version=FORMAT_VERSION,
        game_version=__version__,
        scenario_id=state.scenario.id,
        scenario_title=state.scenario.title,
        scenario_file=playthrough.scenario_file,
        scenario_sha256=text_forms(playthrough.scenario_text)[0],
        scenario_text=playthrough.scenario_text,
        seed=playthrough.seed,
        plans=playthrough.plans,
        fingerprints=playthrough.fingerprints,
        day=state.day,
        outcome=str(state.outcome),
        final_fingerprint=state_fingerprint(state),
        saved_at=saved_at or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        rules_version=RULES_VERSION,
        without=tuple(state.without),
        draft=() if state.over else tuple(draft)[:MAX_PLAN_LINES],
    )


def rules_refusal(save: SaveGame) -> str | None:
    """Why this game will not replay `save` (made under other rules), or None."""
    if save.rules_version == RULES_VERSION:
        return None
    return (f"made under rules version {save.rules_version}; this game plays rules version "
            f"{RULES_VERSION} and cannot replay it")


def _operation_data(op: engine.Operation) -> dict[str, Any]:
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
                     "text": _TEXT_HERE},
        "seed": save.seed,
        "day": save.day,
        "outcome": save.outcome,
        "final_fingerprint": save.final_fingerprint,
        "rules_version": save.rules_version,
        "days": [{"plan": [_operation_data(op) for op in plan], "fingerprint": print_}
                 for plan, print_ in zip(save.plans, save.fingerprints, strict=True)],
    }
    if save.without:
        data["without"] = list(save.without)
    if save.draft:
        data["draft"] = [_operation_data(op) for op in save.draft]
    text = json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False)
    # The scenario's text (megabytes at 10,000 places) is encoded once a game, not per save.
    # The marker is a control character no other string of a save can hold as it is.
    head, found, tail = text.partition(_TEXT_JSON)
    if not found:  # pragma: no cover - the marker is always there
        raise AssertionError("the scenario text's place in the save")
    return f"{head}{text_forms(save.scenario_text)[1]}{tail}\n"


_TEXT_HERE = "\x00scenario text\x00"
_TEXT_JSON = json.dumps(_TEXT_HERE, ensure_ascii=False)


# --- reading, strictly -----------------------------------------------------------------------


class _Bad(Exception):
    pass


def _whole(digits: str) -> int:
    """JSON's integers, bounded: Python refuses over 4,300 digits, and no field needs 21."""
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _Bad(f"a number of {len(digits)} digits")
    return int(digits)


def _sound(text: str) -> bool:
    """Text that can be written out again: JSON's \\ud800 escapes make lone surrogates."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str = "") -> Any:
    if key not in data:
        raise _Bad(f"missing '{where}{key}'")
    value = data[key]
    if (isinstance(value, bool) and kind is not bool) or not isinstance(value, kind):
        raise _Bad(f"'{where}{key}' has the wrong type")
    return value


def _text(data: dict[str, Any], key: str, where: str = "",
          most: int = MAX_SAVE_TEXT_CHARS) -> str:
    """A string field, no longer than `most`, that holds only characters UTF-8 can write."""
    value: str = _field(data, key, str, where)
    if len(value) > most:
        raise _Bad(f"'{where}{key}' is too long ({len(value)} characters; at most {most})")
    if not _sound(value):
        raise _Bad(f"'{where}{key}' holds an invalid character (a lone surrogate)")
    return value


def _hex64(data: dict[str, Any], key: str, where: str = "") -> str:
    value = _text(data, key, where)
    if len(value) != 64 or value.strip(_HEX_DIGITS):
        raise _Bad(f"'{where}{key}' is not a sha256 digest (64 hex digits)")
    return value


_OPERATION_FIELDS = frozenset({"owner", "kind", "target", "after", "standing"})
_KINDS: dict[str, engine.OpKind] = {}  # by name, once a save's plans are read


def _plain_operation(data: Any) -> engine.Operation | None:
    """The operation when `data` is a well-formed one (the usual case, quickly), else None."""
    if type(data) is not dict or not data.keys() <= _OPERATION_FIELDS:
        return None
    owner, target, after = data.get("owner"), data.get("target"), data.get("after")
    kind_text = data.get("kind")
    kind = _KINDS.get(kind_text) if type(kind_text) is str else None
    standing = data.get("standing", False)
    if (kind is None or type(owner) is not str or not owner.isascii()
            or len(owner) > MAX_ID_CHARS
            or (target is not None and (type(target) is not str or not target.isascii()
                                        or len(target) > MAX_TARGET_CHARS))
            or (after is not None and (type(after) is not int
                                       or not 1 <= after <= MAX_PLAN_LINES))
            or type(standing) is not bool):
        return None
    return engine.Operation(owner, kind, target, after, standing)


def _operation(data: Any, where: str) -> engine.Operation:
    """An operation, or _Bad saying what is wrong with it."""
    if not isinstance(data, dict):
        raise _Bad(f"{where} is not an operation")
    unknown = set(data) - _OPERATION_FIELDS
    if unknown:
        raise _Bad(f"{where}: unknown field '{sorted(unknown)[0]}'")
    kind_text = _text(data, "kind", f"{where}.", MAX_ID_CHARS)
    kind = _KINDS.get(kind_text)
    if kind is None:
        raise _Bad(f"{where}: unknown operation '{kind_text}'")
    owner = _text(data, "owner", f"{where}.", MAX_ID_CHARS)
    target = None if data.get("target") is None else _text(data, "target", f"{where}.",
                                                              MAX_TARGET_CHARS)
    after = data.get("after")
    if after is not None:
        after = _field(data, "after", int, f"{where}.")
        if not 1 <= after <= MAX_PLAN_LINES:
            raise _Bad(f"'{where}.after' is not a line number (1 to {MAX_PLAN_LINES})")
    standing = data.get("standing", False)
    if not isinstance(standing, bool):  # a hold or rest kept until changed
        raise _Bad(f"'{where}.standing' has the wrong type")
    return engine.Operation(owner, kind, target, after, standing)


def _plan(ops: Any, where: str) -> engine.Plan:
    """A list of operations (a day's plan, or the draft), bounded before anything is built."""
    if not isinstance(ops, list):
        raise _Bad(f"'{where}' has the wrong type")
    if len(ops) > MAX_PLAN_LINES:
        raise _Bad(f"{where} has {len(ops)} operations (at most {MAX_PLAN_LINES})")
    if not _KINDS:  # the engine's plan module, imported at the first plan read, not at start
        _KINDS.update({kind.value: kind for kind in engine.OpKind})  # at once (threads)
    return tuple(_plain_operation(op) or _operation(op, f"{where} line {i}")
                 for i, op in enumerate(ops, 1))


def _switches(data: dict[str, Any]) -> tuple[str, ...]:
    if "without" not in data:
        return ()
    names = _field(data, "without", list)
    for name in names:
        if not isinstance(name, str) or name not in SWITCHES:
            shown = name if isinstance(name, str) and _sound(name) else "?"
            raise _Bad(f"'without': unknown rule switch '{shown[:MAX_ID_CHARS]}' "
                       f"(this game knows {', '.join(SWITCHES)})")
    if len(set(names)) != len(names):
        raise _Bad("'without' names a rule switch twice")
    return tuple(sorted(names))


def _json(text: str, path: Path) -> Any:
    try:
        return json.loads(text, parse_int=_whole)
    except _Bad as error:
        raise SaveError(path, f"not a save: {error}") from None
    except json.JSONDecodeError as error:
        cut = text.lstrip().startswith("{") and not text.rstrip().endswith("}")
        hint = " (truncated?)" if cut or error.pos >= len(text.rstrip()) - 1 else ""
        raise SaveError(path, f"not a save: invalid JSON at line {error.lineno}{hint}") from None
    except RecursionError:
        raise SaveError(path, "not a save: JSON nested too deeply") from None


def parse_save(text: str, path: Path) -> SaveGame:
    """A save from its text; SaveError naming the file and the first thing wrong."""
    data = _json(text, path)
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SaveError(path, "not a Euphrates Road save")
    try:
        save = _save(data, path)
        _agree(save)
    except _Bad as error:
        raise SaveError(path, str(error)) from None
    return save


def _save(data: dict[str, Any], path: Path) -> SaveGame:
    version = _field(data, "format_version", int)
    if version > FORMAT_VERSION:
        raise _Bad(f"made by a newer version of the game (save format {version}; "
                   f"this game reads up to {FORMAT_VERSION})")
    if version < 1:
        raise _Bad(f"unknown save format {version}")
    rules = _field(data, "rules_version", int) if version >= 2 else FIRST_RULES_VERSION
    if rules < 1:
        raise _Bad(f"unknown rules version {rules}")
    scenario = _field(data, "scenario", dict)
    days = _field(data, "days", list)
    if len(days) > MAX_SAVE_DAYS:
        raise _Bad(f"{len(days)} days played (a scenario has at most {MAX_SAVE_DAYS})")
    plans: list[engine.Plan] = []
    prints: list[str] = []
    operations = 0
    for d, day in enumerate(days, start=1):
        if not isinstance(day, dict):
            raise _Bad(f"day {d} is not a mapping")
        plans.append(_plan(_field(day, "plan", list, f"days[{d}]."), f"day {d}"))
        prints.append(_hex64(day, "fingerprint", f"days[{d}]."))
        operations += len(plans[-1])
        if operations > MAX_SAVE_OPERATIONS:
            raise _Bad(f"more than {MAX_SAVE_OPERATIONS} operations in all its days")
    draft = _plan(data["draft"], "draft") if "draft" in data else ()
    return SaveGame(
        format_version=version,
        game_version=_text(data, "game_version"),
        scenario_id=_text(scenario, "id", "scenario.", MAX_ID_CHARS),
        scenario_title=_text(scenario, "title", "scenario.", MAX_TEXT_CHARS),
        scenario_file=_text(scenario, "file", "scenario."),
        scenario_sha256=_hex64(scenario, "sha256", "scenario."),
        scenario_text=_scenario_text(scenario),
        seed=_field(data, "seed", int),
        plans=tuple(plans),
        fingerprints=tuple(prints),
        day=_field(data, "day", int),
        outcome=_text(data, "outcome"),
        final_fingerprint=_hex64(data, "final_fingerprint"),
        saved_at=_text(data, "saved_at"),
        rules_version=rules,
        without=_switches(data),
        draft=draft,
        path=path,
    )


def _scenario_text(scenario: dict[str, Any]) -> str:
    text: str = _field(scenario, "text", str, "scenario.")
    if len(text) > MAX_FILE_BYTES:
        raise _Bad("its copy of the scenario is larger than a scenario file may be")
    if not _sound(text):
        raise _Bad("'scenario.text' holds an invalid character (a lone surrogate)")
    if text_sha256(text) != scenario.get("sha256"):  # UTF-8's, the text being sound
        raise _Bad("its copy of the scenario does not match its checksum "
                   "(the file was edited or damaged)")
    return text


def _real_time(text: str) -> bool:
    """A real date and time (9999-99-99T99:99:99Z has the shape, and sorts newest)."""
    try:
        dt.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        return False
    return True


def _agree(save: SaveGame) -> None:
    """The fields against each other: what the game writes always agrees; an edit may not."""
    if save.outcome not in _OUTCOMES:
        raise _Bad(f"'outcome' is '{save.outcome[:20]}', not one of {', '.join(sorted(_OUTCOMES))}")
    if not re.fullmatch(_SAVED_AT, save.saved_at) or not _real_time(save.saved_at):
        raise _Bad("'saved_at' is not a time such as 2017-09-19T08:00:00Z")
    played = len(save.plans)
    over = save.outcome != str(Outcome.ONGOING)
    day = played if over and played else played + 1
    if save.day != day:
        state = f"{save.outcome} after {played} days" if over else f"{played} days played"
        raise _Bad(f"'day' is {save.day}, but the save holds {state} (so day {day})")
    if save.plans and save.final_fingerprint != save.fingerprints[-1]:
        raise _Bad("'final_fingerprint' is not the last day's fingerprint")
    if over and save.draft:
        raise _Bad("a draft plan in a game that has ended")


def read_save(path: str | os.PathLike[str]) -> SaveGame:
    """Read and check a save file (not yet replayed: see `restore`). Never writes to it."""
    path = Path(path)
    try:
        raw = read_regular(path, MAX_SAVE_BYTES)
    except Unreadable as refused:
        reason = {
            "missing": "no such save file",
            "folder": "is a folder, not a save",
            "special": "not a regular file",
            "large": f"too large to be a save ({refused.detail} bytes)",
        }.get(refused.why, f"cannot read: {refused.detail}")
        raise SaveError(path, reason) from None
    if not raw.strip():
        raise SaveError(path, "empty file: not a save")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SaveError(path, "not a save: not UTF-8 text") from None
    if "\x00" in text:
        raise SaveError(path, "not a save: binary data")
    return parse_save(text, path)
