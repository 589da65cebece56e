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

from game.data import source
from game.data.builder import BalanceBand, build_band, build_scenario
from game.data.checker import EVENT_KINDS as EVENT_KINDS
from game.data.checker import Checker
from game.data.format import scenario_section
from game.data.geography import GeographyChecks
from game.data.problems import Problem, ScenarioError, sort_problems
from game.data.reader import Reader
from game.data.sense import SenseChecks, check_long_roads, check_start
from game.data.source import MAX_FILE_BYTES as MAX_FILE_BYTES
from game.data.source import one_problem, too_large
from game.data.source import read_text as read_text
from game.data.syntax import explain_syntax_error
from game.data.texts import check_texts
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

@record
class Analysis:
    """What checking a scenario found, and the scenario when nothing was wrong."""

    problems: list[Problem]  # errors and warnings, sorted
    scenario: Scenario | None  # None when there is any error
    balance: BalanceBand | None = None  # the declared balance band, if any

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
        if len(text) > source.MAX_FILE_BYTES:
            raise one_problem(filename, 0, too_large())
        root = compose(text, filename)
    except ScenarioError as exc:
        return Analysis([explain_syntax_error(text, p) for p in exc.problems], None)
    if root is None:
        return Analysis([Problem(filename, 1, 1, "", "no YAML document: the file is empty")], None)
    reader = Reader(filename)
    section = scenario_section()
    top = reader.section(root, "", section, extra_prefix="x-")
    scenario = None
    band = None
    if top is not None:
        checker = Checker(reader, top)
        checker.check()
        SenseChecks(checker).check()
        GeographyChecks(checker).check()
        check_texts(reader, top, section)
        if not any(p.is_error for p in reader.problems):
            scenario = build_scenario(top)
            band = build_band(top)
            check_long_roads(reader, checker.roads, scenario)
            units = checker.units
            # The tree and its records, but for the units', are no longer needed: let
            # them go before the engine builds a game (reference counting frees them).
            del root, top, checker
            check_start(reader, units, scenario)
    return Analysis(sort_problems(reader.problems), scenario, band)
