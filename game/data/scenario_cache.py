"""Checked scenarios kept between starts, so that a start need not load the YAML parser.

After Python's own imports, checking a scenario's YAML was the slowest part of
starting a game: importing PyYAML (which compiles a large regular expression as
it loads), parsing, checking, building. A scenario that loads without error is
kept as JSON under a key made of its text and of the code that turns text into
the engine's model; a later start on the same text decodes that instead.

The cache can only ever save time, never change what is played: an entry
names the digest of the YAML text it came from and the digest of its own
content, and it is used only if both match, it decodes into the model's own
classes with every field of its type, and the model passes the checker's
bounds and references (`game.data.model_check`). Anything else (a damaged,
edited, foreign, stale or oversized file, a pipe, a link, a folder) is a miss:
the text is checked again and a good entry written in its place. The cache
lives in its own folder, and its pruning removes only files it wrote.

An entry is the scenario's canonical form (`game.data.scenario_codec`); when it is
so byte for byte, the cache marks it, and a hit takes its checksum for the
scenario's digest, which every fingerprint of a game holds (see `_load` for why a
forged mark can only make a save's replay refused, never accepted).

    parse_cached(text, filename) -> Scenario    raises ScenarioError as parse_scenario does
    load_cached(path) -> Scenario               raises ScenarioError as load_scenario does

The folder is $ANBAR_CACHE_DIR/euphrates-road-scenarios, else
$XDG_CACHE_HOME/euphrates-road/scenarios, else ~/.cache/euphrates-road/scenarios;
ANBAR_CACHE_DIR set but empty turns the cache off. `anbar validate` does not use
it: it reports warnings too, so it always checks.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from pathlib import Path

from game import __version__
from game.data import scenario_codec
from game.data.atomic import write_atomic
from game.data.files import Unreadable, read_regular
from game.data.limits import MAX_CACHE_ENTRY_BYTES
from game.data.limits import MAX_CACHE_FILES as MAX_FILES
from game.data.model_check import model_problem
from game.data.save_errors import SaveError
from game.data.save_memo import text_sha256
from game.data.source import read_text
from game.engine.collect import collection_paused
from game.engine.index import canonical_json, known_digest
from game.engine.model import Scenario

FORMAT = 3  # of the cache files; part of the key and of their first line
MAGIC = f"euphrates-road scenario cache {FORMAT}\n".encode()
CANONICAL = b"\ncanonical"  # the last line of an entry's head whose body is the digest's text
SUBFOLDER = "euphrates-road-scenarios"  # under $ANBAR_CACHE_DIR: never a folder of the player's
_ENTRY_NAME = r"[0-9a-f]{40}\.json"  # compiled by `re` when the cache is first pruned
_DATA = Path(__file__).resolve().parent
# The code between a scenario's text and its model (the whole data room, to be safe,
# and the engine's model): a change to any of it makes new keys.
_CODE = (
    *sorted(_DATA.glob("*.py")),
    _DATA.parent / "engine" / "model.py",
    _DATA.parent / "engine" / "record.py",
    _DATA.parent / "engine" / "index.py",  # the digest an entry's checksum may stand for
)
def cache_dir() -> Path | None:
    """The folder of cached scenarios, or None when the cache is turned off."""
    chosen = os.environ.get("ANBAR_CACHE_DIR")
    if chosen is not None:
        return Path(chosen).expanduser() / SUBFOLDER if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "euphrates-road" / "scenarios"


def load_cached(path: str | Path) -> Scenario:
    """The scenario in the file at `path`, from the cache when its text was checked before."""
    return parse_cached(read_text(path), str(path))


def parse_cached(text: str, filename: str) -> Scenario:
    """The scenario in `text`, from the cache when it was checked before.

    Within one process, the entry read last is kept as its scenario object while the
    file stays as it was: a new game or a restore of the scenario already open gets the
    same (frozen) object, so the engine's index of it, digest included, is built once."""
    digest = _digest(text)
    entry = _entry(digest)
    if entry is not None:
        kept = _OPEN.get(entry)
        if kept is not None and kept[0] == _signature(entry):
            return kept[1]
        cached = _load(entry, digest)
        if cached is not None:
            _remember(entry, cached)
            return cached
    from game.data.scenario import parse_scenario  # the YAML parser, only on a miss

    scenario = parse_scenario(text, filename)
    if entry is not None:
        _keep(entry, digest, scenario)
        _remember(entry, scenario)
    return scenario


# The scenarios read last, by entry, with the entry's file signature when it was read.
_OPEN: dict[Path, tuple[tuple[int, int, int] | None, Scenario]] = {}
_OPEN_SIZE = 2  # a 100,000-place scenario is about 200 MB in memory


def _signature(entry: Path) -> tuple[int, int, int] | None:
    """What tells an entry's file changed (None: there is none)."""
    try:
        info = entry.lstat()
    except OSError:
        return None
    return (info.st_ino, info.st_size, info.st_mtime_ns) if stat.S_ISREG(info.st_mode) else None


def _remember(entry: Path, scenario: Scenario) -> None:
    signature = _signature(entry)
    _OPEN.pop(entry, None)
    if signature is None:
        return  # not written (a read-only folder): nothing to tell a change by
    while len(_OPEN) >= _OPEN_SIZE:
        _OPEN.pop(next(iter(_OPEN)))
    _OPEN[entry] = (signature, scenario)


def entry_for(text: str) -> Path | None:
    """Where the cache keeps the scenario of `text` (None when the cache is off)."""
    return _entry(_digest(text))


def load_entry(entry: Path, text: str) -> Scenario | None:
    """The scenario the cache file `entry` holds for `text`, or None (a miss)."""
    return _load(entry, _digest(text))


def _digest(text: str) -> str:
    return text_sha256(text)  # a save's copy of its scenario was just checked by it


def _entry(text_digest: str) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    key = hashlib.sha256(f"{FORMAT} {__version__}\n".encode())
    try:
        for source in _CODE:
            info = source.stat()
            key.update(f"{source.name} {info.st_size} {info.st_mtime_ns}\n".encode())
    except OSError:  # the code is not in files (a zip): no way to tell it changed
        return None
    key.update(text_digest.encode())
    return folder / f"{key.hexdigest()[:40]}.json"


def _load(entry: Path, text_digest: str) -> Scenario | None:
    """The scenario in a cache entry, or None for anything that is not a sound entry
    of this very text."""
    try:
        raw = read_regular(entry, MAX_CACHE_ENTRY_BYTES, follow_links=False)
    except Unreadable:
        return None
    if not raw.startswith(MAGIC):
        return None
    head, _, body = raw[len(MAGIC):].partition(b"\n\n")
    body_digest = hashlib.sha256(body).hexdigest()
    # The digests of the text and of the body, and "canonical" when the body is the
    # scenario's canonical form (floats of six decimals at most: scenario_codec).
    checked = f"{text_digest}\n{body_digest}".encode()
    if head not in (checked, checked + CANONICAL):
        return None
    # The collector is held off while the model is built and checked: all it makes
    # outlives the check (a 10,000-place scenario is a hundred thousand records).
    with collection_paused():
        try:
            scenario, columns = scenario_codec.decode_columns(body.decode("utf-8"))
        except (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError):
            return None  # UnicodeDecodeError and json's errors are ValueErrors
        if model_problem(scenario, columns) is not None:
            return None
    if head.endswith(CANONICAL):
        # The scenario's digest is the body's: no need to write the scenario again. Only
        # this code marks an entry so, having compared; on any other body (one forged
        # with its checksum made to match) it is the digest of no scenario (a canonical
        # form decodes to a scenario of that form), so every fingerprint a save holds
        # differs and its replay is refused on day 1, as when an entry holds another
        # scenario; never accepted.
        known_digest(scenario, body_digest)
    return scenario


def _keep(entry: Path, text_digest: str, scenario: Scenario) -> None:
    """Write the cache entry, if the model comes back whole from it; never an error."""
    body = encode(scenario)
    try:
        # An entry that would always be a miss is not written: one the decoder refuses or
        # that comes back different (a field the encoding does not carry), or too large.
        if decode(body) != scenario or model_problem(scenario) is not None:
            return
        body_bytes = body.encode("utf-8")
    except (ValueError, TypeError, KeyError, IndexError):
        return
    if len(body_bytes) > MAX_CACHE_ENTRY_BYTES - 256:
        return
    mark = "\ncanonical" if body == canonical_json(scenario) else ""
    head = f"{text_digest}\n{hashlib.sha256(body_bytes).hexdigest()}{mark}\n\n"
    with contextlib.suppress(SaveError, OSError):
        write_atomic(entry, MAGIC.decode() + head + body, durable=False)
        _prune(entry.parent)


def _prune(folder: Path) -> None:
    """Remove the oldest entries beyond MAX_FILES: only regular files named and begun
    as this cache writes them, whatever else the folder holds."""
    entries = []
    for path in folder.iterdir():
        if not re.fullmatch(_ENTRY_NAME, path.name):
            continue
        with contextlib.suppress(OSError):
            info = path.lstat()
            if stat.S_ISREG(info.st_mode):
                entries.append((info.st_mtime_ns, path))
    entries.sort(reverse=True)
    for _, old in entries[MAX_FILES:]:
        with contextlib.suppress(Unreadable, OSError):
            if read_regular(old, len(MAGIC), follow_links=False, head=True) == MAGIC:
                old.unlink()


# --- the encoding: `game.data.scenario_codec`'s ------------------------------------------


def encode(scenario: Scenario) -> str:
    """The scenario as JSON: its canonical form, floats as they are."""
    return scenario_codec.encode(scenario)


def decode(text: str) -> Scenario:
    """The scenario back from `encode`; only the model's own classes can be built (their
    fields' types and values are `model_problem`'s to check). Anything else raises
    ValueError, TypeError, KeyError or IndexError."""
    return scenario_codec.decode(text)
