"""What several commands share: opening a SCENARIO argument with one line of error."""

from __future__ import annotations

from pathlib import Path

from game.data.builtin import ScenarioNotFound, resolve_scenario
from game.data.problems import ScenarioError
from game.data.scenario import load_scenario


def check_scenario(arg: str | None) -> Path:
    """The scenario's path after loading it once; raises ValueError with one line.

    SCENARIO is a path or a built-in id; None is the default scenario.
    """
    try:
        path = resolve_scenario(arg)
        load_scenario(path)
    except ScenarioNotFound as error:
        raise ValueError(str(error)) from None
    except ScenarioError as error:
        problems = error.errors or error.problems
        more = len(problems) - 1
        tail = f" (and {more} more; see: anbar validate {path})" if more > 0 else ""
        raise ValueError(f"{problems[0] if problems else path}{tail}") from None
    except OSError as error:
        raise ValueError(f"{arg}: {error.strerror or error}") from None
    return path
