"""Problems found in a scenario file, each with file, line, column and YAML path.

A `Problem` prints as `FILE:LINE:COL: yaml.path: message`, the form editors and
terminals turn into a link. Warnings carry `warning:` after the location.
A problem with no position (a missing file, a directory) prints `FILE: message`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    """One thing wrong with a scenario. Lines and columns count from 1; 0 means unknown."""

    file: str
    line: int
    col: int
    path: str
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.col}: " if self.line else f"{self.file}: "
        mark = "warning: " if self.severity == "warning" else ""
        path = f"{self.path}: " if self.path else ""
        return f"{where}{mark}{path}{self.message}"


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
    """A hint such as ` (did you mean 'rawa'?)`, or "" when nothing is close."""
    import difflib  # only for a file with a mistake in it: not at every start

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
