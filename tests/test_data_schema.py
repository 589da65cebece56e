"""The JSON Schema and the loader come from one description of the format: they must
agree on every shipped scenario (valid) and on a set of broken ones (invalid)."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from game.data.scenario import analyse_text
from game.data.schema import scenario_schema
from game.engine.model import Rules

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
TUTORIAL = (ROOT / "scenarios" / "tutorial.yaml").read_text(encoding="utf-8")
VALIDATOR = jsonschema.Draft202012Validator(scenario_schema())


def as_editor_sees(text: str) -> Any:
    """The document as a YAML 1.2 editor reads it: dates stay text."""

    def plain(value: Any) -> Any:
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, list):
            return [plain(item) for item in value]
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    return plain(yaml.safe_load(text))


def schema_errors(text: str) -> list[str]:
    return [error.message for error in VALIDATOR.iter_errors(as_editor_sees(text))]


def loader_errors(text: str) -> list[str]:
    return [str(p) for p in analyse_text(text, "t.yaml").problems if p.is_error]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(scenario_schema())


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_shipped_scenarios_are_valid_under_both(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../docs/scenario.schema.json\n")
    assert schema_errors(text) == []
    assert loader_errors(text) == []


EVENTS = """
events:
  - {day: 1, message: Go}
  - {day: 2, reinforcements: [{id: r1, name: R, side: gov, kind: army, at: haditha,
                               strength: 10}], text: Arrive}
  - {day: 3, sorties: {asset: drone, count: 3}}
  - {day: 4, weather: sandstorm, days: 2}
  - {day: 5, garrison: {place: saqra, fighters: 10}}
"""


def test_every_event_kind_is_valid_under_both() -> None:
    text = TUTORIAL.split("\nevents:")[0] + EVENTS
    assert schema_errors(text) == []
    assert loader_errors(text) == []


BROKEN = {
    "title read as a boolean": ('title: "Tutorial: the road to Saqra"', "title: NO"),
    "unknown field": ("    population: 25000", "    populaton: 25000"),
    "missing days": ("\ndays: 8\n", "\n"),
    "days out of range": ("\ndays: 8\n", "\ndays: 0\n"),
    "traps out of range": ("    traps: 2\n", "    traps: 9\n"),
    "road of length 0": ("    km: 9\n", "    km: 0\n"),
    "unknown place kind": ("    kind: village\n", "    kind: vilage\n"),
    "unknown road kind": ("    kind: highway\n", "    kind: motorway\n"),
    "latitude outside the earth": ("    lat: 34.132\n", "    lat: 134.132\n"),
    "strength of 0": ("    strength: 900\n", "    strength: 0\n"),
    "a unit id read as a number": ("  - id: advisers\n", "  - id: 1.10\n"),
    "sorties over the maximum": ("    sorties: 2\n", "    sorties: 51\n"),
    "a third side": ("  - id: is\n", "  - id: third\n    name: Third\n  - id: is\n"),
    "two players": ("    name: Islamic State\n", "    name: Islamic State\n    player: true\n"),
    "road with three ends": ("[haditha, haditha-dam]", "[haditha, haditha-dam, zawiya]"),
    "date not ISO": ('start_date: "2017-01-10"', 'start_date: "10/01/2017"'),
    "unknown rule": ("\nsupply:\n", "\nrules: {work_hourz: 3}\nsupply:\n"),
    "rule of the wrong type": ("\nsupply:\n", "\nrules: {work_hours: many}\nsupply:\n"),
    "event with two kinds": ("  - day: 3\n", "  - day: 3\n    weather: sandstorm\n"),
    "message event with text": ("  - day: 3\n", "  - day: 3\n    text: extra\n"),
    "days on a message event": ("  - day: 3\n", "  - day: 3\n    days: 2\n"),
    "event with no kind": ("\nevents:\n", "\nevents:\n  - day: 2\n"),
    "river point of three numbers": ("  - [34.10, 42.42]", "  - [34.10, 42.42, 1]"),
    "negative supply range": ("  range_km: 15\n", "  range_km: -5\n"),
    "places not a list": ("\nplaces:\n", "\nplaces: 3\nold_places:\n"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_documents_are_invalid_under_both(name: str) -> None:
    old, new = BROKEN[name]
    assert old in TUTORIAL, f"the tutorial changed: {old!r} is gone"
    text = TUTORIAL.replace(old, new, 1)
    assert schema_errors(text) != [], "the schema accepts it"
    assert loader_errors(text) != [], "the loader accepts it"


def test_rules_follow_the_dataclass() -> None:
    rules = scenario_schema()["$defs"]["rules"]
    assert sorted(rules["properties"]) == sorted(f.name for f in dataclasses.fields(Rules))
    assert rules["additionalProperties"] is False


def test_the_policies_a_scenario_names_are_the_engines() -> None:
    """The format and the command line keep their own copy of the policies' names, so that
    neither imports the policies (and the plan checker) to read a file or an option."""
    from game.cli import POLICIES as cli_policies
    from game.data.format import POLICIES as format_policies
    from game.engine.policies import POLICIES

    assert format_policies == POLICIES
    assert cli_policies == POLICIES
