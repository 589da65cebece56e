"""docs/scenario-format.md describes every field the loader accepts."""

from __future__ import annotations

from pathlib import Path

from game.data.format import Section, scenario_section

ROOT = Path(__file__).resolve().parent.parent
FORMAT_DOC = (ROOT / "docs" / "scenario-format.md").read_text(encoding="utf-8")


def all_sections() -> list[Section]:
    found: list[Section] = []
    pending = [scenario_section()]
    while pending:
        section = pending.pop()
        if any(s.name == section.name for s in found):
            continue
        found.append(section)
        pending += [f.section for f in section.fields if f.section is not None]
    return found


def test_every_field_is_documented() -> None:
    missing = [
        f"{section.name}.{field.name}"
        for section in all_sections()
        for field in section.fields
        if section.name != "rules" and f"`{field.name}`" not in FORMAT_DOC
    ]
    assert missing == []
    assert {s.name for s in all_sections()} >= {"place", "road", "unit", "air", "event", "rules"}


def test_every_choice_is_documented() -> None:
    missing = [
        f"{section.name}.{field.name}: {choice}"
        for section in all_sections()
        for field in section.fields
        for choice in field.choices
        if f"`{choice}`" not in FORMAT_DOC
    ]
    assert missing == []


def test_every_rule_is_in_the_rules_page_with_its_default() -> None:
    """docs/rules.md's constants table names every field of `Rules` with its default, so
    the page cannot fall behind the engine."""
    import dataclasses

    from game.engine.model import Rules

    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    missing = [f.name for f in dataclasses.fields(Rules)
               if f"| `{f.name}` | {f.default} |" not in text]
    assert missing == []


def test_the_rules_page_names_the_rules_version_the_game_plays() -> None:
    from game.engine import RULES_VERSION

    rules_page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert f"`game.engine.RULES_VERSION` (now {RULES_VERSION})" in rules_page
