"""Problems found in a scenario file, each with file, line, column and YAML path.

A `Problem` prints as `FILE:LINE:COL: yaml.path: message`, the form editors and
terminals turn into a link. Warnings carry `warning:` after the location.
A problem at the top of the document names the path `$`. A problem with no
position (a missing file, a directory) prints `FILE: message`.

Whatever a file holds, a problem prints as one short, harmless line: `printable`
escapes every character a terminal could act on (ESC, CR, line breaks, bidi
overrides, lone surrogates) and cuts long values, saying how long they were.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from operator import attrgetter
from typing import Literal

from game.data.limits import (
    MAX_SHOWN_LINE,
    MAX_SHOWN_WORD,
    MAX_SUGGESTED_REFERENCES,
    MAX_SUGGESTION_CANDIDATES,
    MAX_SUGGESTION_CHARS,
)
from game.engine.record import record

Severity = Literal["error", "warning"]


# A problem's fields in order, as `@dataclass(order=True)` compares them.
_ORDER = attrgetter("file", "line", "col", "path", "message", "severity")


@record
class Problem:
    """One thing wrong with a scenario. Lines and columns count from 1; 0 means unknown.
    (A record, ordered as a dataclass with `order=True` is: made at every start, the
    dataclass's twelve compiled methods cost more than the rest of this module.)"""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: Severity = "error"

    def __lt__(self, other: object) -> bool:
        return _ORDER(self) < _ORDER(other) if other.__class__ is self.__class__ else NotImplemented

    def __le__(self, other: object) -> bool:
        same = other.__class__ is self.__class__
        return _ORDER(self) <= _ORDER(other) if same else NotImplemented

    def __gt__(self, other: object) -> bool:
        return _ORDER(self) > _ORDER(other) if other.__class__ is self.__class__ else NotImplemented

    def __ge__(self, other: object) -> bool:
        same = other.__class__ is self.__class__
        return _ORDER(self) >= _ORDER(other) if same else NotImplemented

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}: " if self.line else f"{self.file}: "
        mark = "warning: " if self.severity == "warning" else ""
        # A placed problem always names a path, so every line splits the same way;
        # `$` is the document itself (its YAML, or a field missing at the top level).
        path = f"{self.path or '$'}: " if self.line else (f"{self.path}: " if self.path else "")
        return printable(f"{where}{mark}{path}{self.message}")


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """File order (line, column), so a reader can walk the file top to bottom; problems at
    the same spot keep the order they were found in (missing fields in the format's order)."""
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda p: (p.file, p.line, p.col))


class ScenarioError(Exception):
    """A scenario that cannot be loaded; `problems` holds every problem found, sorted."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = sort_problems(problems)
        super().__init__(str(self))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint such as ` (did you mean 'rawa'?)`, or "" when nothing is close.

    Only short words are compared, with short choices: difflib's cost grows with
    the square of the lengths, and a hostile file can make every value megabytes."""
    if len(word) > MAX_SUGGESTION_CHARS:
        return ""
    import difflib  # only for a file with a mistake in it: not at every start

    candidates = [c for c in choices if len(c) <= MAX_SUGGESTION_CHARS]
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class Suggestions:
    """`did_you_mean` for one file's many unknown references, in bounded work: the first
    MAX_SUGGESTED_REFERENCES get a hint, each from the known ids that share its first
    letter and about its length (at most MAX_SUGGESTION_CANDIDATES of them)."""

    def __init__(self) -> None:
        self.given = 0
        self._key: tuple[int, int] | None = None
        self._by_letter: dict[str, list[str]] = {}

    def __call__(self, word: str, known: Collection[str]) -> str:
        if self.given >= MAX_SUGGESTED_REFERENCES or len(word) > MAX_SUGGESTION_CHARS:
            return ""
        self.given += 1
        key = (id(known), len(known))  # the tables of known ids only grow while checked
        if key != self._key:
            self._key, self._by_letter = key, {}
            for ident in known:
                if ident and len(ident) <= MAX_SUGGESTION_CHARS:
                    self._by_letter.setdefault(ident[0].casefold(), []).append(ident)
        size = len(word)
        near = [c for c in self._by_letter.get(word[:1].casefold(), ())
                if abs(len(c) - size) <= 3 + size // 2]
        return did_you_mean(word, near[:MAX_SUGGESTION_CANDIDATES])


# Patterns as text: `re` compiles them when first used (on a slow path), not at every start.
_LONG_WORD = rf"\S{{{MAX_SHOWN_WORD + 1},}}"
_WORD_END = r"\S*"
_KEPT_OF_A_WORD = MAX_SHOWN_WORD // 2


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else (
        f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def _cut_word(match: re.Match[str]) -> str:
    word = match.group()
    return f"{word[:_KEPT_OF_A_WORD]}...[{len(word)} characters]"


def printable(text: str, limit: int = MAX_SHOWN_LINE) -> str:
    """`text` made safe to print on one line of a terminal, whatever a file put in it.

    Every character Python does not call printable (controls such as ESC and CR,
    line and paragraph separators, bidi overrides, lone surrogates, unassigned
    code points) is shown as its escape, `\\x1b`; a word over MAX_SHOWN_WORD
    characters keeps its start and says its length; a line over `limit` is cut,
    saying how long it was."""
    if len(text) <= limit and text.isprintable():
        return text  # the usual case, quickly
    total = len(text)
    # Of megabytes, only the start can show: up to 4 * limit, and the word that straddles it.
    found = re.compile(_WORD_END).match(text, min(total, 4 * limit))
    end = found.end() if found is not None else total
    shown = re.sub(_LONG_WORD, _cut_word, text[:end])
    shown = "".join(c if c.isprintable() else _escape(c) for c in shown)
    if len(shown) > limit or end < total:
        shown = f"{shown[: max(limit // 2, limit - 40)]}...[{total} characters in all]"
    return shown
