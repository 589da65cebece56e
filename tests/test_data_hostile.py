"""Broken and hostile files: each gets one clear line, quickly, and never a traceback."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from game.data import scenario as scenario_module
from game.data.scenario import ScenarioError, check_file, load_scenario, parse_scenario

BROKEN = Path(__file__).resolve().parent / "broken"

EXPECTED = {
    "billion-laughs.yaml": "6:8: aliases expand to more than 100000 nodes: refused",
    "binary.yaml": "2:1: a binary file (NUL byte), not YAML text",
    "comments-only.yaml": "1:1: no YAML document: the file is empty",
    "empty.yaml": "1:1: empty file: no YAML document",
    "latin1.yaml": "2:11: not UTF-8 text (byte 0xf1)",
    "local-tag.yaml": "1:5: tag !place is not allowed: scenario files use plain YAML values",
    "not-a-mapping.yaml": "1:1: expected a mapping of scenario fields, got a list",
    "python-tag.yaml": "2:8: tag !!python/object/apply:os.system is not allowed: "
    "scenario files use plain YAML values",
    "recursive-alias.yaml": "1:12: recursive alias *x: an anchor cannot contain itself",
    "syntax.yaml": "4:1: YAML syntax error: found unexpected end of stream "
    "(while scanning a quoted scalar that starts at line 2, column 8)",
    "two-documents.yaml": "2:1: a second YAML document: a scenario file holds exactly one",
}


def test_every_fixture_is_expected() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_broken_file_gives_one_line(name: str) -> None:
    path = BROKEN / name
    start = time.perf_counter()
    problems = check_file(path)
    assert time.perf_counter() - start < 1.0
    assert [str(p) for p in problems] == [f"{path}:{EXPECTED[name]}"]
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    assert str(caught.value) == f"{path}:{EXPECTED[name]}"


def test_missing_directory_and_device(tmp_path: Path) -> None:
    assert [str(p) for p in check_file(tmp_path / "nope.yaml")] == [
        f"{tmp_path / 'nope.yaml'}: no such file"
    ]
    assert [str(p) for p in check_file(tmp_path)] == [
        f"{tmp_path}: is a directory, not a scenario file"
    ]
    if Path("/dev/null").exists():
        assert [str(p) for p in check_file("/dev/null")] == ["/dev/null: not a regular file"]


def test_deep_nesting_is_refused_without_a_crash() -> None:
    # libyaml's own composer recurses in C and crashes the process near 100,000 levels.
    text = "id: " + "[" * 200_000 + "]" * 200_000 + "\n"
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "deep.yaml")
    assert str(caught.value) == "deep.yaml:1:68: nesting deeper than 64 levels: not a scenario file"


def test_undefined_alias() -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario("id: *nowhere\n", "a.yaml")
    assert str(caught.value) == "a.yaml:1:5: alias *nowhere refers to no anchor defined before it"


def test_too_large_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scenario_module, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.yaml"
    big.write_text("id: x\n" * 30)
    assert [str(p) for p in check_file(big)] == [
        f"{big}: larger than 100 bytes: too large for a scenario file"
    ]
    with pytest.raises(ScenarioError) as caught:
        parse_scenario("id: x\n" * 30, "text.yaml")
    assert str(caught.value) == "text.yaml: larger than 100 bytes: too large for a scenario file"


def test_size_limit_fits_the_bench_scenario() -> None:
    assert scenario_module.MAX_FILE_BYTES == 8 * 1024 * 1024
