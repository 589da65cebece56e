"""What the player last chose to see, kept between games: the map's overlay.

A small JSON file beside the saves (`.view.json`, a dot-file that the save
list never shows), so a game resumed, loaded or started again opens with the
overlay the player left on. Nothing here ever stops a game: a file that
cannot be read or written is the same as none.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

FILE = ".view.json"
OVERLAYS = ("supply", "traps", "enemy")
MAX_BYTES = 4096


def read_overlay(folder: Path) -> str | None:
    """The overlay last on, or None (none on, or nothing readable kept)."""
    try:
        with (folder / FILE).open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
        data = json.loads(raw.decode("utf-8")) if len(raw) <= MAX_BYTES else None
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    overlay = data.get("overlay") if isinstance(data, dict) else None
    return overlay if overlay in OVERLAYS else None


def keep_overlay(folder: Path, overlay: str | None) -> None:
    """Keep the overlay now on (None: none) for the next game; quietly, if at all."""
    if read_overlay(folder) == overlay:
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        (folder / FILE).write_text(json.dumps({"overlay": overlay}) + "\n", encoding="utf-8")
