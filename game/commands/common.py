"""What several commands share: opening a SCENARIO argument with one line of error."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from game.commands.opening import opening_note
from game.data.builtin import ScenarioNotFound, resolve_scenario
from game.data.problems import ScenarioError
from game.data.saves import Playthrough, start_playthrough
from game.engine import Scenario


@contextmanager
def _one_line(arg: str | None, path: Path | None = None) -> Iterator[None]:
    """Turn a scenario's problems into a ValueError of one line."""
    try:
        yield
    except ScenarioNotFound as error:
        raise ValueError(str(error)) from None
    except ScenarioError as error:
        problems = error.errors or error.problems
        more = len(problems) - 1
        tail = f" (and {more} more; see: anbar validate {path})" if more > 0 else ""
        raise ValueError(f"{problems[0] if problems else path}{tail}") from None
    except OSError as error:
        raise ValueError(f"{arg}: {error.strerror or error}") from None


EMPTY_NAME = "the scenario's name is empty: give a file or a built-in scenario's id"


def scenario_path(arg: str | None) -> Path:
    """SCENARIO is a path or a built-in id; None is the default scenario. A name that is
    neither but names something (a folder, a FIFO, a device, a symbolic link loop) is
    refused with the reason `anbar validate` gives, not as a scenario that is not there."""
    if arg == "":
        raise ValueError(EMPTY_NAME)
    try:
        return resolve_scenario(arg)
    except ScenarioNotFound as error:
        if arg is None or not os.path.lexists(arg):
            raise ValueError(str(error)) from None
        from game.data.source import read_text  # says why the file cannot be read

        with _one_line(arg, Path(arg)):
            read_text(arg)
        raise ValueError(str(error)) from None  # readable after all: a race


def check_scenario(arg: str | None) -> Path:
    """The scenario's path after loading it once; raises ValueError with one line."""
    from game.data.scenario import load_scenario  # checked whole: warnings and all

    path = scenario_path(arg)
    with _one_line(arg, path):
        load_scenario(path)
    return path


def open_scenario(arg: str | None, seed: int | None,
                  command: str) -> tuple[Scenario, Playthrough]:
    """The scenario, read and checked once, and a playthrough of it; ValueError with one line
    (`command` names who is opening it, in the note a large file gets: `opening_note`)."""
    path = scenario_path(arg)
    with _one_line(arg, path), opening_note(command, path):
        return start_playthrough(path, seed)
