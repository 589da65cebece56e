"""The README's two set-up commands are the truth: CI must run exactly the second."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Set up", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```\n(.*?)```", section, re.S)]


def test_readme_has_two_setup_commands() -> None:
    commands = readme_commands()
    assert len(commands) == 2
    install_and_play, run_tests = commands
    assert "pip install" in install_and_play and "anbar" in install_and_play
    assert "pytest" in run_tests


def test_ci_runs_exactly_the_readme_test_command() -> None:
    run_tests = readme_commands()[1]
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert run_tests in [line.strip() for line in ci_lines]


def test_ci_treats_no_tests_collected_as_failure() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '"$status" -eq 5' in ci and "exit 1" in ci


def test_the_reliability_section_lists_every_bound_with_its_value() -> None:
    from game.data import limits
    from game.tui import serve_guard

    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Reliability", 1)[1].split("\n## ", 1)[0]
    rows = dict(re.findall(r"^\| `([A-Z_]+)` \| ([0-9.]+) \|", section, re.M))
    bounds = {name: value for name, value in vars(limits).items() if name.startswith("MAX_")}
    for name in ("HEADER_SECONDS", "MAX_CONNECTIONS", "LOG_LINES_PER_SECOND"):
        bounds[name] = getattr(serve_guard, name)
    assert sorted(rows) == sorted(bounds)
    for name, value in bounds.items():
        assert float(rows[name]) == value, name
