"""What saving a game computes again and again, computed once: fingerprints and the text.

A day's end fingerprints its state for the playthrough, and the autosave that
follows saves that very state; every save of a game holds the same scenario
text, megabytes at 10,000 places, with its checksum. States and texts are
immutable, so each is kept by identity (a small memo, checked with `is`).
"""

from __future__ import annotations

import hashlib
import json

from game.engine import GameState
from game.engine import fingerprint as _fingerprint
from game.engine.memo import by_identity

# The scenario's text is the same string all game: its checksum and its JSON form, once.
_TEXT: dict[int, tuple[str, str, str]] = {}


@by_identity(2)
def text_sha256(text: str) -> str:
    """sha256 of the text's UTF-8 (a lone surrogate passed through as its bytes): a
    restore checks its save's copy of the scenario by it, and the scenario cache looks
    the same text up by it at once (megabytes at 10,000 places), so it is kept by text."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@by_identity(8)
def state_fingerprint(state: GameState) -> str:
    """A day's end fingerprints its state for the playthrough, and the autosave that
    follows saves that very state: the last few are kept by state (frozen)."""
    return _fingerprint(state)


def text_forms(text: str) -> tuple[str, str]:
    """The scenario text's sha256 and its JSON string, computed once per text object."""
    key = id(text)
    hit = _TEXT.get(key)
    if hit is not None and hit[0] is text:
        return hit[1], hit[2]
    # The checksum a restore checked the text by, if it did (a text read from a file is
    # sound UTF-8: passing surrogates through changes nothing).
    forms = (text_sha256(text), json.dumps(text, ensure_ascii=False))
    _TEXT.clear()  # one game's text at a time
    _TEXT[key] = (text, *forms)
    return forms
