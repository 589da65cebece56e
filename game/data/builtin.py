"""The built-in scenarios: where they live and how a SCENARIO argument finds one.

They are the YAML files of the project's top-level `scenarios/` folder.
`game/scenarios` is a symbolic link to it, so that pyproject.toml's package
data (`game/scenarios/*.yaml`) puts them into the wheel and a plain
`pip install .` finds them anywhere. `ANBAR_SCENARIOS_DIR` overrides.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.data.problems import did_you_mean

DEFAULT_SCENARIO = "western-anbar-2017"
SCENARIOS_ENV = "ANBAR_SCENARIOS_DIR"

_PACKAGE = Path(__file__).resolve().parent.parent  # game/


class ScenarioNotFound(LookupError):
    """A SCENARIO argument that is neither a file nor a built-in id; str() is one line."""


def scenarios_dir() -> Path:
    """The folder of built-in scenarios: $ANBAR_SCENARIOS_DIR, else the package's own
    (the link in a checkout, the copy in an installed wheel), else the checkout's
    `scenarios/` (where the link could not be made, as on some Windows checkouts)."""
    override = os.environ.get(SCENARIOS_ENV)
    if override:
        return Path(override)
    packaged = _PACKAGE / "scenarios"
    if packaged.is_dir():
        return packaged.resolve()  # through the link: messages name the file authors edit
    return _PACKAGE.parent / "scenarios"


def builtin_scenarios() -> list[Path]:
    folder = scenarios_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.yaml") if p.is_file())


def builtin_ids() -> list[str]:
    return [p.stem for p in builtin_scenarios()]


def resolve_scenario(arg: str | None) -> Path:
    """None: the default scenario; an existing file: itself; else a built-in id."""
    name = DEFAULT_SCENARIO if arg is None else arg
    if arg is not None:
        given = Path(arg)
        if given.is_file():
            return given
    for path in builtin_scenarios():
        if path.stem == name:
            return path
    ids = builtin_ids()
    hint = did_you_mean(name, ids)
    if not hint:
        stem = Path(name).stem
        if stem in ids:
            hint = f" (did you mean '{stem}'?)"
    if ids:
        choices = f"; built-in: {', '.join(ids)}"
    else:
        choices = f"; no built-in scenarios in {scenarios_dir()}"
    raise ScenarioNotFound(f"no scenario file or built-in scenario '{name}'{hint}{choices}")
