"""The rules as the game ships them: `docs/rules.md`, packaged with the game.

`game/rules.md` is a link to `docs/rules.md` in a checkout, and a copy of it in
an installed package (pyproject.toml's package data), so `anbar rules` and the
help screen read the same page anywhere. No Textual here: the command line
prints it.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # game/


def rules_path() -> Path | None:
    """The rules page: the package's copy, else the checkout's docs (where the link
    could not be made); None when neither is there."""
    for path in (_PACKAGE / "rules.md", _PACKAGE.parent / "docs" / "rules.md"):
        if path.is_file():
            return path
    return None


def rules_text() -> str | None:
    path = rules_path()
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
