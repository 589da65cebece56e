"""Saves: where they live, and a game started, restored, saved, autosaved and listed.

A save is a replay (its file format is `game.data.savefile`'s): restoring one
plays its plans again through the engine and checks each day's end
fingerprint, so a replay that drifts names the day it drifted instead of
loading a game that is quietly different. Every write goes through
`game.data.atomic`, so quitting at any moment leaves the old save or the new one.

The names that moved to those modules are re-exported here, so callers keep
importing everything about saves from this one module.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from game.data.atomic import STALE_TEMP_SECONDS as STALE_TEMP_SECONDS
from game.data.atomic import TEMP_SUFFIX as TEMP_SUFFIX
from game.data.atomic import write_atomic as write_atomic
from game.data.restore import RestoredGame as RestoredGame
from game.data.restore import day_log as day_log
from game.data.restore import opened as opened
from game.data.restore import restore as restore
from game.data.restore import start_playthrough as start_playthrough
from game.data.save_errors import SaveError as SaveError
from game.data.save_errors import SaveNameError as SaveNameError
from game.data.savefile import FORMAT as FORMAT
from game.data.savefile import FORMAT_VERSION as FORMAT_VERSION
from game.data.savefile import MAX_SAVE_BYTES as MAX_SAVE_BYTES
from game.data.savefile import Playthrough as Playthrough
from game.data.savefile import SaveGame as SaveGame
from game.data.savefile import make_save as make_save
from game.data.savefile import parse_save as parse_save
from game.data.savefile import read_save as read_save
from game.data.savefile import rules_refusal as rules_refusal
from game.data.savefile import to_json as to_json
from game.data.source import read_text
from game.engine import (
    GameState,
)
from game.engine.record import record

if TYPE_CHECKING:
    from game.engine.plan import Plan
    from game.engine.policies import GameRecord

EXTENSION = ".json"
AUTOSAVE_PREFIX = "autosave-"
KEEP_AUTOSAVES = 3  # for each scenario
MAX_NAME_LENGTH = 64
MAX_TAG_LENGTH = 40
ENV_VAR = "ANBAR_SAVES_DIR"

# An autosave's name: `autosave-TAG-NUMBER-dayDAY` (TAG: its scenario's, below; DAY: the
# game's day in it, so two autosaves tell their days apart), the older
# `autosave-TAG-NUMBER`, or the oldest `autosave-NUMBER`; the older ones are still found,
# listed and resumed (the oldest never pruned).
# Patterns as text: `re` compiles them when first used, not at every start.
AUTOSAVE_NAME = (
    rf"{AUTOSAVE_PREFIX}(?:(?P<tag>[a-z0-9]+(?:--?[a-z0-9]+)*)-)?(?P<number>[0-9]{{1,9}})"
    r"(?:-day(?P<day>[0-9]{1,6}))?")
_SAFE_TAG = r"[a-z0-9]+(?:-[a-z0-9]+)*"

_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
             *(f"lpt{i}" for i in range(1, 10))}
_NAME_CHARS = r"[A-Za-z0-9][A-Za-z0-9 _.\-]*"  # as the patterns above: compiled when used


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
    if not re.fullmatch(_NAME_CHARS, name) or name != name.strip():
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


def free_save_name(folder: Path, base: str) -> str:
    """`base`, or `base-2`, `base-3`...: a save name no file in `folder` has (`base` itself
    when it is not a name a save can have: saving it says why)."""
    name, number = base, 1
    while True:
        try:
            taken = save_path(folder, name).exists()
        except SaveNameError:
            return base
        if not taken:
            return name
        number += 1
        name = f"{base}-{number}"


def _named_path(folder: Path, name: str) -> Path:
    """A save's file by name, autosaves included (they are looked up, never named)."""
    if re.fullmatch(AUTOSAVE_NAME, name):
        return folder / f"{name}{EXTENSION}"
    return save_path(folder, name)


def autosave_tag(scenario_id: str) -> str:
    """The part of an autosave's name that says its scenario: the id itself when it is
    plain (`western-anbar-2017`), else a plain form of it and a digest of the whole,
    so two scenarios never share a rotation (a plain id has no `--`)."""
    if len(scenario_id) <= MAX_TAG_LENGTH and re.fullmatch(_SAFE_TAG, scenario_id):
        return scenario_id
    slug = re.sub(r"[^a-z0-9]+", "-", scenario_id.lower())[:MAX_TAG_LENGTH].strip("-")
    digest = hashlib.sha256(scenario_id.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug or 'scenario'}--{digest}"


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


# --- saving ----------------------------------------------------------------------------------


def save_game(folder: Path, name: str, playthrough: Playthrough, state: GameState, *,
              draft: Plan = ()) -> Path:
    """A save the player named; it replaces a save of that name (the UI asks first),
    never a file that is not one. `draft`: the plan being drafted for the day, kept
    with it (not replayed). Raises SaveNameError or SaveError."""
    path = save_path(folder, name)
    found = save_info(path)
    if found is not None and found.error is not None:
        raise SaveError(path, f"the file there is not a save this game can read "
                              f"({found.error}); it is left as it is")
    write_atomic(path, to_json(make_save(playthrough, state, draft=draft)))
    return path


def autosave(folder: Path, playthrough: Playthrough, state: GameState, *,
             draft: Plan = ()) -> Path:
    """A new numbered autosave of the game's scenario, named with its day
    (`autosave-western-anbar-2017-0005-day5`); only its newest KEEP_AUTOSAVES are
    kept, so each scenario keeps its own resume points (the tutorial opened again and
    again never pushes the campaign's out).

    The new file is written before any old one is removed, so a crash in
    between leaves one autosave too many, never one too few. When the scenario's
    newest autosave already holds this very game, draft included (quitting right
    after the end of a day autosaved it), it is kept as it is rather than pushing
    an older one out. Only autosaves of the same scenario are ever removed.
    """
    save = make_save(playthrough, state, draft=draft)
    tag = autosave_tag(save.scenario_id)
    found = _autosaves(folder, tag)
    if found and _same_game(found[-1][1], save):
        return found[-1][1]
    number = found[-1][0] + 1 if found else 1
    text = to_json(save)
    while True:  # another game saving in the same folder may take a number first
        stem = f"{AUTOSAVE_PREFIX}{tag}-{number:04d}"
        path = folder / f"{stem}-day{state.day}{EXTENSION}"
        try:
            # A number is taken whatever the day in its name (or none, an older name).
            if (folder / f"{stem}{EXTENSION}").exists() or any(
                    folder.glob(f"{stem}-day*{EXTENSION}")):
                raise FileExistsError(path)
            write_atomic(path, text, new=True)
            break
        except FileExistsError:
            number += 1
    _WRITTEN.clear()
    signature = _file_signature(path)
    if signature is not None:
        _WRITTEN[path] = (signature, _game_key(save))
    for _, old in found[: max(0, len(found) + 1 - KEEP_AUTOSAVES)]:
        with contextlib.suppress(OSError):  # one autosave too many is harmless
            old.unlink(missing_ok=True)
    return path


# The autosave this process wrote last, and its file's signature then: while the file is
# unchanged, the next autosave compares against this rather than reading it back (at
# 10,000 places a save holds megabytes of scenario text).
_WRITTEN: dict[Path, tuple[tuple[int, int, int], tuple[object, ...]]] = {}


def _file_signature(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_size, info.st_mtime_ns


def _game_key(save: SaveGame) -> tuple[object, ...]:
    return (save.final_fingerprint, save.plans, save.scenario_sha256, save.seed, save.without,
            save.draft)


def _same_game(path: Path, save: SaveGame) -> bool:
    written = _WRITTEN.get(path)
    if written is not None and written[0] == _file_signature(path):
        return written[1] == _game_key(save)
    try:
        old = read_save(path)
    except SaveError:
        return False
    return _game_key(old) == _game_key(save)


def _autosaves(folder: Path, tag: str) -> list[tuple[int, Path]]:
    """The autosaves of one scenario (by its tag) in the folder as (number, path), oldest
    first. Found by name alone: the folder may hold any number of files of any size."""
    found = []
    with contextlib.suppress(OSError):  # no folder yet, or one that cannot be listed
        for path in folder.glob(f"{AUTOSAVE_PREFIX}{tag}-*{EXTENSION}"):
            match = re.fullmatch(AUTOSAVE_NAME, path.stem)
            if match is not None and match["tag"] == tag:
                found.append((int(match["number"]), path))
    return sorted(found)


def save_record(record: GameRecord, name: str, *, scenario_path: os.PathLike[str] | str,
                folder: Path) -> Path:
    """Save a headless game (`anbar simulate --runs 1 --save NAME`)."""
    text = read_text(Path(scenario_path))
    playthrough = Playthrough(text, str(scenario_path), record.seed, record.plans,
                              record.fingerprints, tuple(record.final.without))
    return save_game(folder, name, playthrough, record.final)


# --- listing ---------------------------------------------------------------------------------


@record
class SaveInfo:
    """One line of the save list: what a save holds, or why it cannot be read."""

    name: str
    path: Path
    scenario_id: str = ""
    scenario_title: str = ""
    day: int = 0
    outcome: str = ""
    saved_at: str = ""
    error: str | None = None  # why the file cannot be read, if it cannot
    refused: str | None = None  # why this game will not load a readable save (other rules)
    without: tuple[str, ...] = ()  # the rule switches it was played without

    @property
    def loadable(self) -> bool:
        return self.error is None and self.refused is None


def list_saves(folder: Path) -> list[SaveInfo]:
    """Every save in the folder, newest first; unreadable files listed with the reason.

    Raises SaveError when the folder exists but cannot be listed."""
    try:
        if not folder.is_dir():
            return []
        paths = [path for path in folder.glob(f"*{EXTENSION}") if not path.name.startswith(".")]
    except OSError as error:
        raise SaveError(folder, f"cannot list: {error.strerror or error}") from None
    infos = [info for path in paths if (info := save_info(path)) is not None]
    return sorted(infos, key=lambda i: (i.saved_at, i.name), reverse=True)


def save_info(path: Path) -> SaveInfo | None:
    """What the save at `path` holds (or why it cannot be read); None when there is no file."""
    if not os.path.lexists(path):
        return None
    try:
        save = read_save(path)
    except SaveError as error:
        return SaveInfo(path.stem, path, error=error.reason)
    outcome = "" if save.outcome == "ongoing" else save.outcome
    return SaveInfo(path.stem, path, save.scenario_id, save.scenario_title,
                    save.day, outcome, save.saved_at, refused=rules_refusal(save),
                    without=save.without)


def latest_save(folder: Path) -> Path | None:
    """The most recently written save this game can load, for "Resume latest".

    Files are tried newest first by modification time, so the title screen
    reads one save, not the whole folder; one that cannot be read, or was made
    under other rules, is skipped. Never raises: no folder, or one that cannot
    be listed, is no save to resume.
    """
    candidates = []
    try:
        for path in folder.glob(f"*{EXTENSION}"):
            if path.name.startswith("."):
                continue
            with contextlib.suppress(OSError):
                candidates.append((path.stat().st_mtime_ns, path.name, path))
    except OSError:
        return None
    for _, _, path in sorted(candidates, reverse=True):
        try:
            save = read_save(path)
        except SaveError:
            continue
        if rules_refusal(save) is None:
            return path
    return None
