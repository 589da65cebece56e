"""Stylesheets as Textual reads them fastest: the same rules without comments or spacing.

Textual parses every stylesheet the first frame needs at every start, a token at a
time, and half the tokens of a readable stylesheet are its spacing and comments:
`compact` drops them, so the game's own rules (`euphrates.tcss`, the key bar's)
stay written for the reader and cost a start less to parse. It keeps the one
space a descendant selector or a value of several words needs;
`tests/test_tui_stylesheet.py` checks that Textual reads the very same rules.
String methods only: compiling a regular expression costs a start more than the
compaction saves.
"""

from __future__ import annotations

import os

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


def read(name: str) -> str:
    """A stylesheet of this folder, compacted."""
    with open(os.path.join(HERE, name), encoding="utf-8") as file:
        return compact(file.read())
