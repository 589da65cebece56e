"""Built-in scenarios: found in the checkout, in the package (the wheel's copy), or in
$ANBAR_SCENARIOS_DIR; a SCENARIO argument is a path or an id."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import pytest

from game.data.builtin import (
    DEFAULT_SCENARIO,
    ScenarioNotFound,
    builtin_scenarios,
    resolve_scenario,
)

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p.name for p in (ROOT / "scenarios").glob("*.yaml"))


@pytest.fixture(autouse=True)
def no_override(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANBAR_SCENARIOS_DIR", raising=False)


def test_builtins_are_the_scenarios_folder_sorted() -> None:
    found = builtin_scenarios()
    assert [p.name for p in found] == SHIPPED
    assert all(p.parent == (ROOT / "scenarios").resolve() for p in found)


def test_default_and_ids_resolve() -> None:
    assert DEFAULT_SCENARIO == "western-anbar-2017"
    assert resolve_scenario(None) == (ROOT / "scenarios" / "western-anbar-2017.yaml").resolve()
    assert resolve_scenario("tutorial") == (ROOT / "scenarios" / "tutorial.yaml").resolve()


def test_a_path_wins(tmp_path: Path) -> None:
    mine = tmp_path / "tutorial"
    mine.write_text("id: mine\n", encoding="utf-8")
    assert resolve_scenario(str(mine)) == mine


def test_unknown_gets_one_line_with_a_hint() -> None:
    with pytest.raises(ScenarioNotFound) as caught:
        resolve_scenario("tutorail")
    ids = ", ".join(Path(name).stem for name in SHIPPED)
    assert str(caught.value) == (
        f"no scenario file or built-in scenario 'tutorail' (did you mean 'tutorial'?); "
        f"built-in: {ids}"
    )
    with pytest.raises(ScenarioNotFound) as caught:
        resolve_scenario("tutorial.yaml")
    assert "(did you mean 'tutorial'?)" in str(caught.value)


def test_override_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "b.yaml").write_text("id: b\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("id: a\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a scenario\n", encoding="utf-8")
    monkeypatch.setenv("ANBAR_SCENARIOS_DIR", str(tmp_path))
    assert builtin_scenarios() == [tmp_path / "a.yaml", tmp_path / "b.yaml"]
    assert resolve_scenario("b") == tmp_path / "b.yaml"
    with pytest.raises(ScenarioNotFound) as caught:
        resolve_scenario(None)
    assert str(caught.value) == (
        "no scenario file or built-in scenario 'western-anbar-2017'; built-in: a, b"
    )


def test_the_wheel_carries_the_scenarios() -> None:
    """`game/scenarios` links to `scenarios/`, and the package data takes its YAML:
    so a plain `pip install .` ships them (checked once by building a wheel)."""
    link = ROOT / "game" / "scenarios"
    if sys.platform != "win32":
        assert link.is_symlink()
        assert link.resolve() == (ROOT / "scenarios").resolve()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "scenarios/*.yaml" in config["tool"]["setuptools"]["package-data"]["game"]
