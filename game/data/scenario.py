"""Load a scenario from YAML, or report every problem in it with file:line:col.

    load_scenario(path) -> Scenario         raises ScenarioError (all problems, sorted)
    parse_scenario(text, filename) -> Scenario
    check_file(path) -> list[Problem]       errors and warnings, sorted
    analyse_file(path) -> Analysis          the problems and, when there is no error, the Scenario

A load with warnings only succeeds. Nothing here raises anything but
`ScenarioError` for a bad file: hostile or broken input gets one clear line.

This module reads the file within its limits and runs the passes in order:
the YAML tree (`game.data.yamltree`), each field on its own (`game.data.reader`),
the checks across fields (`game.data.checker`), then, when there is no error,
the engine's model (`game.data.builder`).
"""

from __future__ import annotations

import gc
from pathlib import Path

from game.data.builder import build_scenario
from game.data.checker import EVENT_KINDS as EVENT_KINDS
from game.data.checker import Checker
from game.data.format import scenario_section
from game.data.problems import Problem, ScenarioError, sort_problems
from game.data.reader import Reader
from game.data.yamltree import compose
from game.engine.model import Scenario
from game.engine.record import record

__all__ = [
    "MAX_FILE_BYTES",
    "Analysis",
    "Problem",
    "ScenarioError",
    "analyse_file",
    "analyse_text",
    "check_file",
    "load_scenario",
    "parse_scenario",
]

MAX_FILE_BYTES = 8 * 1024 * 1024  # the 10,000-place bench scenario is about 2 MiB


@record
class Analysis:
    """What checking a scenario found, and the scenario when nothing was wrong."""

    problems: list[Problem]  # errors and warnings, sorted
    scenario: Scenario | None  # None when there is any error

    @property
    def ok(self) -> bool:
        return self.scenario is not None


def load_scenario(path: str | Path) -> Scenario:
    analysis = analyse_file(path)
    if analysis.scenario is None:
        raise ScenarioError(analysis.problems)
    return analysis.scenario


def parse_scenario(text: str, filename: str) -> Scenario:
    analysis = analyse_text(text, filename)
    if analysis.scenario is None:
        raise ScenarioError(analysis.problems)
    return analysis.scenario


def check_file(path: str | Path) -> list[Problem]:
    return analyse_file(path).problems


def analyse_file(path: str | Path) -> Analysis:
    try:
        text = read_text(path)
    except ScenarioError as exc:
        return Analysis(exc.problems, None)
    return analyse_text(text, str(path))


def analyse_text(text: str, filename: str) -> Analysis:
    # Hundreds of thousands of small acyclic objects: the cycle collector's passes over
    # them would cost more than the whole parse, and find nothing.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _analyse_text(text, filename)
    finally:
        if paused:
            gc.enable()


def _analyse_text(text: str, filename: str) -> Analysis:
    try:
        if len(text) > MAX_FILE_BYTES:
            raise _one(filename, 0, _too_large())
        root = compose(text, filename)
    except ScenarioError as exc:
        return Analysis(exc.problems, None)
    if root is None:
        return Analysis([Problem(filename, 1, 1, "", "no YAML document: the file is empty")], None)
    reader = Reader(filename)
    top = reader.section(root, "", scenario_section(), extra_prefix="x-")
    scenario = None
    if top is not None:
        Checker(reader, top).check()
        if not any(p.is_error for p in reader.problems):
            scenario = build_scenario(top)
    return Analysis(sort_problems(reader.problems), scenario)


def read_text(path: str | Path) -> str:
    """The file's text, or `ScenarioError` with one line saying why not."""
    name = str(path)
    file = Path(path)
    try:
        if not file.exists():
            raise _one(name, 0, "no such file")
        if file.is_dir():
            raise _one(name, 0, "is a directory, not a scenario file")
        if not file.is_file():
            raise _one(name, 0, "not a regular file")
        with file.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _one(name, 0, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise _one(name, 0, _too_large())
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise _one(name, line, "a binary file (NUL byte), not YAML text", col)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        raise _one(name, line, f"not UTF-8 text (byte 0x{data[exc.start]:02x})", col) from None
    if not text.strip():
        raise _one(name, 1, "empty file: no YAML document")
    return text


def _too_large() -> str:
    mib, rest = divmod(MAX_FILE_BYTES, 1024 * 1024)
    limit = f"{mib} MiB" if not rest else f"{MAX_FILE_BYTES} bytes"
    return f"larger than {limit}: too large for a scenario file"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def _one(name: str, line: int, message: str, col: int = 1) -> ScenarioError:
    return ScenarioError([Problem(name, line, col if line else 0, "", message)])
