"""The player's own keys: a TOML file that maps the game's binding ids to keys.

Every key the game binds has an id (`game.end_day`, `replay.next_day`, ...;
`?` lists them beside the keys), and Textual's keymap replaces a binding's
keys by id. The file is `$ANBAR_KEYS` when set, else `keys.toml` in the
game's configuration folder (`$XDG_CONFIG_HOME/euphrates-road/`, by default
`~/.config/euphrates-road/`):

    [keys]
    "game.end_day" = "e"
    "game.repeat" = "ctrl+r,y"

A missing file is no keymap; a file that cannot be read or holds a value that
is not a key string is reported, and the rest of it still applies.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.engine.record import record

KEYS_ENV = "ANBAR_KEYS"
FOLDER = "euphrates-road"
FILE = "keys.toml"


@record
class KeymapFile:
    """The keymap read from the player's file, and what was wrong in it."""

    path: Path
    keymap: dict[str, str]
    problems: tuple[str, ...] = ()


def keymap_path() -> Path:
    """Where the player's keys live: $ANBAR_KEYS, else the configuration folder."""
    override = os.environ.get(KEYS_ENV)
    if override:
        return Path(override).expanduser()
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / FOLDER / FILE


def read_keymap(path: Path | None = None) -> KeymapFile:
    """The keymap in the file (empty when there is none)."""
    path = keymap_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return KeymapFile(path, {})
    except OSError as error:
        return KeymapFile(path, {}, (f"{path}: cannot read: {error.strerror or error}",))
    import tomllib  # only when there is a file: most starts have none

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        return KeymapFile(path, {}, (f"{path}: not a keys file: {error}",))
    table = data.get("keys", {})
    if not isinstance(table, dict):
        return KeymapFile(path, {}, (f"{path}: [keys] must be a table of id = \"key\"",))
    keymap: dict[str, str] = {}
    problems = []
    for ident, keys in table.items():
        if isinstance(keys, str) and keys.strip():
            keymap[ident] = keys.replace(" ", "")
        else:
            problems.append(f"{path}: keys.{ident}: a key such as \"e\" or \"ctrl+e,f\"")
    return KeymapFile(path, keymap, tuple(problems))
