"""Saves: a game as a replay (scenario copy, seed, every day's plan), checked by replaying it.

A save never stores the game state itself: it stores what made it, and loading
plays the plans again through the engine. Each day's end fingerprint is kept,
so a replay that drifts names the day it drifted instead of loading a game
that is quietly different. The format is documented in `docs/save-format.md`.

Writes are atomic (temporary file in the same folder, fsync, rename, fsync of
the folder), so quitting at any moment leaves either the old save or the new
one, never half of one.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import random
import re
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from game import __version__
from game.data.problems import ScenarioError
from game.data.scenario import parse_scenario
from game.engine import (
    Event,
    GameState,
    IllegalPlanError,
    Operation,
    OpKind,
    Plan,
    Scenario,
    apply_plan,
    fingerprint,
    new_game,
)
from game.engine.policies import GameRecord

FORMAT = "euphrates-road-save"
FORMAT_VERSION = 1
EXTENSION = ".json"
AUTOSAVE_PREFIX = "autosave-"
KEEP_AUTOSAVES = 3
MAX_SAVE_BYTES = 32 * 1024 * 1024  # a 60-day save is tens of kB; refuse anything absurd unread
MAX_NAME_LENGTH = 64
ENV_VAR = "ANBAR_SAVES_DIR"
TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 3600  # a write takes milliseconds; an hour-old temporary file is debris

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
_NAME_CHARS = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 _.\-]*$")


class SaveError(Exception):
    """A save that cannot be written or loaded; `str()` is one line naming the file."""

    def __init__(self, path: Path | str, reason: str, day: int | None = None) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason
        self.day = day  # the day a replay failed or drifted on, when that is the reason


class SaveNameError(ValueError):
    """A save name that would leave the save folder or could not be a file there."""


# --- where saves live ------------------------------------------------------------------------


def saves_dir(flag: str | os.PathLike[str] | None) -> Path:
    """The save folder: the --saves-dir flag, else $ANBAR_SAVES_DIR, else ./saves."""
    chosen = flag or os.environ.get(ENV_VAR) or "saves"
    return Path(chosen).expanduser()


def check_save_name(name: str) -> str:
    """The name, if it can only ever be a plain file inside the save folder."""
    if not name or not name.strip():
        raise SaveNameError("a save needs a name")
    if len(name) > MAX_NAME_LENGTH:
        raise SaveNameError(f"a save name has at most {MAX_NAME_LENGTH} characters")
    if "/" in name or "\\" in name or os.sep in name:
        raise SaveNameError(f"'{name}': a save name cannot contain a path separator")
    if name.startswith("."):
        raise SaveNameError(f"'{name}': a save name cannot start with a dot (hidden or '..')")
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        raise SaveNameError("a save name cannot contain control characters")
    if not _NAME_CHARS.match(name) or name != name.strip():
        raise SaveNameError(
            f"'{name}': use letters, digits, spaces, '-', '_' and '.', "
            "starting with a letter or digit"
        )
    if name.split(".")[0].strip().lower() in _RESERVED:
        raise SaveNameError(f"'{name}' is a reserved file name on some systems")
    if name.lower().startswith(AUTOSAVE_PREFIX):
        raise SaveNameError(f"'{name}': names beginning with '{AUTOSAVE_PREFIX}' are the "
                            "autosaves' (their rotation would delete it)")
    return name


def save_path(folder: Path, name: str) -> Path:
    """Where the save the player names `name` goes; SaveNameError for a bad name."""
    return folder / f"{check_save_name(name)}{EXTENSION}"


def _named_path(folder: Path, name: str) -> Path:
    """A save's file by name, autosaves included (they are looked up, never named)."""
    if name.lower().startswith(AUTOSAVE_PREFIX) and name[len(AUTOSAVE_PREFIX):].isdigit():
        return folder / f"{name}{EXTENSION}"
    return save_path(folder, name)


def find_save(name_or_path: str | os.PathLike[str], folder: Path) -> Path:
    """A save named NAME in the folder, or a path to a save file."""
    text = os.fspath(name_or_path)
    as_path = Path(text)
    if os.sep in text or "/" in text:
        if as_path.is_file():
            return as_path
        raise SaveError(as_path, "no such save file")
    if as_path.suffix == EXTENSION:  # `mine.json`: here, else in the save folder
        if as_path.is_file():
            return as_path
        text = as_path.stem
    try:
        path = _named_path(folder, text)
    except SaveNameError as error:
        raise SaveError(text, str(error)) from None
    if not path.is_file():
        raise SaveError(path, f"no save named '{text}' in {folder}")
    return path


# --- what a save holds ----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
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


def start_playthrough(path: Path, seed: int | None = None) -> tuple[Scenario, Playthrough]:
    """Read a scenario file once: its model and the text a save will keep.

    With no seed, the game gets a fresh one from the system's entropy (the
    playthrough records it, so the game replays all the same)."""
    from game.data.scenario import read_text

    if seed is None:
        seed = random.SystemRandom().randrange(1, 1_000_000)
    text = read_text(path)
    return parse_scenario(text, str(path)), Playthrough(text, str(path), seed)


@dataclass(frozen=True, slots=True)
class SaveGame:
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


_OPERATION_FIELDS = frozenset({"owner", "kind", "target", "after"})
_KINDS = {kind.value: kind for kind in OpKind}


def _plain_operation(data: Any) -> Operation | None:
    """The operation when `data` is a well-formed one (the usual case, quickly), else None."""
    if type(data) is not dict or not data.keys() <= _OPERATION_FIELDS:
        return None
    owner, target, after = data.get("owner"), data.get("target"), data.get("after")
    kind_text = data.get("kind")
    kind = _KINDS.get(kind_text) if type(kind_text) is str else None
    if (kind is None or type(owner) is not str or (target is not None and type(target) is not str)
            or (after is not None and type(after) is not int)):
        return None
    return Operation(owner, kind, target, after)


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
    unknown = set(data) - {"owner", "kind", "target", "after"}
    if unknown:
        raise _Bad(f"{where}: unknown field '{sorted(unknown)[0]}'")
    return Operation(_field(data, "owner", str, f"{where}."), kind, target, after)


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


@dataclass(frozen=True, slots=True)
class RestoredGame:
    scenario: Scenario
    state: GameState
    playthrough: Playthrough
    events: tuple[Event, ...] = ()  # the last day's, replayed (the news of day 1 if none)
    # What the player saw happen, for the game's log: the news of day 1, then for
    # each day played its events and the next morning's news.
    log: tuple[tuple[Event, ...], ...] = ()


def day_log(events: tuple[Event, ...], after: GameState) -> tuple[Event, ...]:
    """What the player saw of a day: its events, then the next morning's news."""
    return (*events, *(event for event in after.news if event not in events))


def opened(scenario: Scenario, playthrough: Playthrough) -> RestoredGame:
    """A new game of `scenario`, as a restored game with no day played yet."""
    state = new_game(scenario, playthrough.seed)
    return RestoredGame(scenario, state, playthrough, state.news, (state.news,))


def restore(save: SaveGame) -> RestoredGame:
    """Replay a save through the engine, checking every day's fingerprint on the way."""
    where = save.path or Path(save.scenario_file)
    try:
        scenario = parse_scenario(save.scenario_text, save.scenario_file)
    except ScenarioError as error:
        first = str(error).splitlines()[0] if str(error) else "invalid"
        raise SaveError(where, f"its scenario no longer loads: {first}") from None
    if scenario.id != save.scenario_id:
        raise SaveError(where, f"its scenario is '{scenario.id}', not '{save.scenario_id}'")
    state = new_game(scenario, save.seed)
    events: tuple[Event, ...] = state.news
    log = [state.news]
    for day, (plan, expected) in enumerate(zip(save.plans, save.fingerprints, strict=True), 1):
        if state.over:  # the game never plans past its end; only an edited file does
            raise SaveError(where, f"replay failed on day {day}: the game ended "
                                   f"({state.outcome}) on day {day - 1}", day)
        try:
            state, events = apply_plan(state, plan)
        except IllegalPlanError as error:
            raise SaveError(where, f"replay failed on day {day}: {error}", day) from None
        log.append(day_log(events, state))
        got = fingerprint(state)
        if got != expected:
            raise SaveError(where, f"replay drifted on day {day}: expected {expected[:12]}..., "
                                   f"got {got[:12]}...", day)
    if fingerprint(state) != save.final_fingerprint:
        raise SaveError(where, "replay does not reach the saved final state", len(save.plans))
    return RestoredGame(scenario, state, save.playthrough, events, tuple(log))


# --- writing, atomically ---------------------------------------------------------------------


def write_atomic(path: Path, text: str, *, new: bool = False) -> None:
    """Replace `path` with `text` so that a crash at any moment leaves the old or the new file.

    With `new`, never replace: FileExistsError when `path` exists already (for
    autosave numbers two games sharing the folder might both pick).
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.",
                                             suffix=TEMP_SUFFIX)
    except OSError as error:
        raise SaveError(path, f"cannot write: {error.strerror or error}") from None
    temp = Path(temp_name)
    try:
        _set_mode(handle, path)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            os.fsync(out.fileno())
        if new:
            _link_new(temp, path)
        else:
            os.replace(temp, path)
    except FileExistsError:
        temp.unlink(missing_ok=True)
        raise
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise SaveError(path, f"cannot write: {error.strerror or error}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _fsync_folder(folder)
    _sweep_stale_temps(folder)


def _link_new(temp: Path, path: Path) -> None:
    """Name the written file only if no file has that name (a hard link is atomic, exclusive)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the name was free a moment ago
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temp, path)
        return
    with contextlib.suppress(OSError):  # the save is in place; a stale copy is swept later
        temp.unlink()


def _sweep_stale_temps(folder: Path) -> None:
    """Remove temporary files a killed process left behind (old enough not to be in flight)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if temp.is_file() and temp.stat().st_mtime < cutoff:
                temp.unlink()


def _set_mode(handle: int, path: Path) -> None:
    """The old save's permissions, or rw-r--r--: a temporary file starts private (rw-------)."""
    if not hasattr(os, "fchmod"):
        return
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    with contextlib.suppress(OSError):  # cosmetic: never a reason to lose the save
        os.fchmod(handle, mode)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every system; the rename itself is already atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def save_game(folder: Path, name: str, playthrough: Playthrough, state: GameState) -> Path:
    """A save the player named; it replaces a save of that name (the UI asks first),
    never a file that is not one. Raises SaveNameError or SaveError."""
    path = save_path(folder, name)
    found = save_info(path)
    if found is not None and found.error is not None:
        raise SaveError(path, f"the file there is not a save this game can read "
                              f"({found.error}); it is left as it is")
    write_atomic(path, to_json(make_save(playthrough, state)))
    return path


def autosave(folder: Path, playthrough: Playthrough, state: GameState) -> Path:
    """A new numbered autosave; only the newest KEEP_AUTOSAVES are kept.

    The new file is written before any old one is removed, so a crash in
    between leaves one autosave too many, never one too few. When the newest
    autosave already holds this very game (quitting right after the end of a
    day autosaved it), it is kept as it is rather than pushing an older one out.
    """
    found = _autosaves(folder)
    save = make_save(playthrough, state)
    if found and _same_game(found[-1][1], save):
        return found[-1][1]
    number = found[-1][0] + 1 if found else 1
    text = to_json(save)
    while True:  # another game saving in the same folder may take a number first
        path = folder / f"{AUTOSAVE_PREFIX}{number:04d}{EXTENSION}"
        try:
            write_atomic(path, text, new=True)
            break
        except FileExistsError:
            number += 1
    for _, old in found[: max(0, len(found) + 1 - KEEP_AUTOSAVES)]:
        with contextlib.suppress(OSError):  # one autosave too many is harmless
            old.unlink(missing_ok=True)
    return path


def _same_game(path: Path, save: SaveGame) -> bool:
    try:
        old = read_save(path)
    except SaveError:
        return False
    return (old.final_fingerprint, old.plans, old.scenario_sha256, old.seed) == (
        save.final_fingerprint, save.plans, save.scenario_sha256, save.seed)


def _autosaves(folder: Path) -> list[tuple[int, Path]]:
    """The autosaves in the folder as (number, path), oldest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob(f"{AUTOSAVE_PREFIX}*{EXTENSION}"):
        digits = path.stem[len(AUTOSAVE_PREFIX):]
        if digits.isdigit():
            found.append((int(digits), path))
    return sorted(found)


def save_record(record: GameRecord, name: str, *, scenario_path: os.PathLike[str] | str,
                folder: Path) -> Path:
    """Save a headless game (`anbar simulate --runs 1 --save NAME`)."""
    from game.data.scenario import read_text

    text = read_text(Path(scenario_path))
    playthrough = Playthrough(text, str(scenario_path), record.seed, record.plans,
                              record.fingerprints)
    return save_game(folder, name, playthrough, record.final)


# --- listing ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SaveInfo:
    name: str
    path: Path
    scenario_id: str = ""
    scenario_title: str = ""
    day: int = 0
    outcome: str = ""
    saved_at: str = ""
    error: str | None = None  # why the file cannot be read, if it cannot


def list_saves(folder: Path) -> list[SaveInfo]:
    """Every save in the folder, newest first; unreadable files listed with the reason."""
    if not folder.is_dir():
        return []
    infos = [
        info
        for path in folder.glob(f"*{EXTENSION}")
        if not path.name.startswith(".") and (info := save_info(path)) is not None
    ]
    return sorted(infos, key=lambda i: (i.saved_at, i.name), reverse=True)


def save_info(path: Path) -> SaveInfo | None:
    """What the save at `path` holds (or why it cannot be read); None when there is no file."""
    if not path.exists():
        return None
    try:
        save = read_save(path)
    except SaveError as error:
        return SaveInfo(path.stem, path, error=error.reason)
    outcome = "" if save.outcome == "ongoing" else save.outcome
    return SaveInfo(path.stem, path, save.scenario_id, save.scenario_title,
                    save.day, outcome, save.saved_at)


def latest_save(folder: Path) -> Path | None:
    """The most recently written readable save, for "Resume latest".

    Files are tried newest first by modification time, so the title screen
    reads one save, not the whole folder.
    """
    if not folder.is_dir():
        return None
    candidates = []
    for path in folder.glob(f"*{EXTENSION}"):
        if path.name.startswith("."):
            continue
        with contextlib.suppress(OSError):
            candidates.append((path.stat().st_mtime_ns, path.name, path))
    for _, _, path in sorted(candidates, reverse=True):
        try:
            read_save(path)
        except SaveError:
            continue
        return path
    return None
