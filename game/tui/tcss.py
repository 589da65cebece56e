"""The game's styles, from one file, as Textual reads them fastest.

All the game's styles live in `euphrates.tcss`. What comes before its first
`/* section: NAME */` line (a note may follow the name) is the app's stylesheet
(`game()`), parsed at every start; each section is one screen's, dialog's or
widget's own rules, its DEFAULT_CSS (`section("ReportScreen")`), which Textual
parses when that class first shows.

Textual parses a stylesheet a token at a time, and half the tokens of a readable one
are its spacing and comments: `compact` drops them, so the rules stay written for the
reader and cost a start less to parse. It keeps the one space a descendant selector
or a value of several words needs; `tests/test_tui_stylesheet.py` checks that Textual
reads the very same rules. String methods only: compiling a regular expression costs
a start more than the compaction saves.
"""

from __future__ import annotations

import os
from functools import cache

HERE = os.path.dirname(os.path.abspath(__file__))


def compact(text: str) -> str:
    """The rules of a stylesheet, written without comments or spacing it does not need."""
    pieces = []
    start = 0
    while (opened := text.find("/*", start)) >= 0:
        closed = text.find("*/", opened + 2)
        if closed < 0:
            break  # an unclosed comment: left for Textual to report
        pieces.append(text[start:opened])
        start = closed + 2
    pieces.append(text[start:])
    text = " ".join(" ".join(pieces).split())  # every run of spacing one space
    for mark in "{};,":
        text = text.replace(f" {mark}", mark).replace(f"{mark} ", mark)
    # A declaration's name and its value (`height: 1`); a selector's colon never has a
    # space after it (`:focus`).
    return text.replace(": ", ":")


SHEET = "euphrates.tcss"
_MARK = "\n/* section: "


@cache
def _sections() -> dict[str, str]:
    """The stylesheet's parts by name, as written: "" is the app's, before any section."""
    with open(os.path.join(HERE, SHEET), encoding="utf-8") as file:
        head, *parts = file.read().split(_MARK)
    found = {"": head}
    for part in parts:
        heading, _, rules = part.partition("*/")  # "NAME" or "NAME (a note)"
        found[heading.split(maxsplit=1)[0]] = rules
    return found


def game() -> str:
    """The app's stylesheet: the part of euphrates.tcss before its sections, compacted."""
    return compact(_sections()[""])


def section(*names: str) -> str:
    """The named sections of euphrates.tcss, in that order, compacted: a class's
    DEFAULT_CSS (a dialog's starts with the rules all dialogs share, "dialog")."""
    sections = _sections()
    missing = [name for name in names if name not in sections]
    if missing:
        raise KeyError(f"{SHEET} has no section {', '.join(missing)}")
    return compact("".join(sections[name] for name in names))
