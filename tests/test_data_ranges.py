"""Every rule has a documented range, which the validator enforces and the schema states;
and where YAML 1.1 (PyYAML, the validator) and YAML 1.2 (editors, schema tools) read a
value differently, the validator and the schema still agree."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from game.data.rule_ranges import RULE_RANGES, SUPPLY_RANGES
from game.data.scenario import analyse_text
from game.data.schema import scenario_schema
from game.engine.model import Rules, SupplyRules
from tests.test_data_sense import BASE

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = scenario_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SECTIONS = (("rules", Rules, RULE_RANGES), ("supply", SupplyRules, SUPPLY_RANGES))


@pytest.mark.parametrize(("name", "cls", "ranges"), SECTIONS, ids=[s[0] for s in SECTIONS])
def test_every_rule_has_a_range_and_every_range_a_rule(
        name: str, cls: type[Any], ranges: dict[str, tuple[float, float]]) -> None:
    """A field added to Rules fails here until game/data/rule_ranges.py gives its range."""
    declared = [f.name for f in dataclasses.fields(cls)]
    assert [f for f in declared if f not in ranges] == [], "rules with no range"
    assert [r for r in ranges if r not in declared] == [], "ranges of rules that are gone"


@pytest.mark.parametrize(("name", "cls", "ranges"), SECTIONS, ids=[s[0] for s in SECTIONS])
def test_the_defaults_lie_within_their_ranges(
        name: str, cls: type[Any], ranges: dict[str, tuple[float, float]]) -> None:
    outside = [f.name for f in dataclasses.fields(cls)
               if not ranges[f.name][0] <= f.default <= ranges[f.name][1]]
    assert outside == []


@pytest.mark.parametrize(("name", "cls", "ranges"), SECTIONS, ids=[s[0] for s in SECTIONS])
def test_the_schema_states_each_range(
        name: str, cls: type[Any], ranges: dict[str, tuple[float, float]]) -> None:
    properties = SCHEMA["$defs"][name]["properties"]
    for field in dataclasses.fields(cls):
        low, high = ranges[field.name]
        stated = properties[field.name]
        assert (stated["minimum"], stated["maximum"]) == (low, high), field.name


def test_the_docs_list_each_range() -> None:
    doc = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")
    missing = []
    for field in dataclasses.fields(Rules):
        low, high = RULE_RANGES[field.name]
        row = re.search(rf"^\| `{field.name}` \|[^\n]*\|", doc, re.M)
        if row is None or f"{low:g}..{high:g}" not in row.group():
            missing.append(f"{field.name} {low:g}..{high:g}")
    assert missing == [], "docs/scenario-format.md: run  python tests/test_data_ranges.py"


def rules_problems(rules: dict[str, float]) -> list[str]:
    text = BASE + "rules: " + yaml.safe_dump(rules, default_flow_style=True)
    return [str(p) for p in analyse_text(text, "s.yaml").problems if p.is_error]


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(Rules)])
def test_the_validator_takes_the_ends_and_refuses_beyond(field: str) -> None:
    low, high = RULE_RANGES[field]
    whole = isinstance(Rules.__dataclass_fields__[field].default, int)
    step = 1 if whole else 0.5
    for value in (low, high):
        shown = int(value) if whole else value
        assert not [p for p in rules_problems({field: shown}) if "out of range" in p]
    for value in (low - step, high + step):
        shown = int(value) if whole else value
        assert any(f"rules.{field}: {field} " in p and "out of range" in p
                   for p in rules_problems({field: shown})), value


# --- YAML 1.2, as editors and schema tools read a file ---------------------------------

class Yaml12Loader(yaml.SafeLoader):
    """PyYAML with YAML 1.2's core schema: `yes` is text, `1e3` a number, no dates."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("int", r"^[-+]?[0-9]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$"
              r"|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$", "-+0123456789."),
):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern),
                                       list(first))


def schema_says(text: str) -> bool:
    return VALIDATOR.is_valid(yaml.load(text, Loader=Yaml12Loader))


def validator_says(text: str) -> bool:
    return analyse_text(text, "s.yaml").ok


AGREEMENTS = {
    # The three disagreements authors met, each now read the same way by both.
    "yes as a boolean": (BASE.replace("player: true", "player: yes"), False),
    "a whole number written 20.0": (BASE.replace("days: 12", "days: 12.0"), True),
    "a YAML 1.2 number, in range": (BASE.replace("days: 12", "days: 1.2e1"), True),
    "a YAML 1.2 number, out of range": (BASE.replace("km: 25,", "km: 1e308,"), False),
    "a YAML 1.2 number as a name": (BASE.replace("name: Hit,", "name: 1e3,"), False),
    "a tab in a name": (BASE.replace("name: Hit,", 'name: "H\\tit",'), False),
    "a line feed ending an id": (BASE.replace("id: bde,", 'id: "bde\\n",'), False),
    "a zero-width space in an id": (BASE.replace("id: bde,", 'id: "bde\\u200b",'), False),
    "a line break in a briefing": (BASE + 'description: "two\\nlines"\n', True),
    "a balance band": (BASE + "balance: {runs: 10, win_rate: [0.5, 1]}\n", True),
    "a balance band beyond 1": (BASE + "balance: {win_rate: [0.5, 1.5]}\n", False),
    "a garrison beyond its range": (BASE.replace("garrison: 40", "garrison: 100001"), False),
}


@pytest.mark.parametrize("name", sorted(AGREEMENTS))
def test_schema_and_validator_agree(name: str) -> None:
    text, valid = AGREEMENTS[name]
    assert schema_says(text) == valid, "the schema"
    assert validator_says(text) == valid, "the validator"


def regenerate_docs() -> None:
    """Print the rules table for docs/scenario-format.md from the ranges and Rules."""
    import inspect

    from game.engine import model

    comments = {}
    for line in inspect.getsource(model.Rules).splitlines():
        match = re.match(r"\s+(\w+): \w+ = [^#]+# (.*)", line)
        if match:
            comments[match.group(1)] = match.group(2)
    print("| rule | default | range | meaning |\n|---|---|---|---|")
    for field in dataclasses.fields(Rules):
        low, high = RULE_RANGES[field.name]
        print(f"| `{field.name}` | {field.default:g} | {low:g}..{high:g} | "
              f"{comments.get(field.name, '')} |")


if __name__ == "__main__":
    regenerate_docs()
