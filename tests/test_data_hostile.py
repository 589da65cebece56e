"""Broken and hostile files: each gets one clear line, quickly, and never a traceback."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from game.data import scenario as scenario_module
from game.data import source as source_module
from game.data import yamltree
from game.data.problems import Problem
from game.data.scenario import (
    ScenarioError,
    analyse_text,
    check_file,
    load_scenario,
    parse_scenario,
)

BROKEN = Path(__file__).resolve().parent / "broken"
DEFAULT = Path(__file__).resolve().parents[1] / "scenarios" / "western-anbar-2017.yaml"

EXPECTED = {
    "billion-laughs.yaml": "6:8: $: aliases expand to more than 100000 nodes: refused",
    "binary.yaml": "2:1: $: a binary file (NUL byte), not YAML text",
    "comments-only.yaml": "1:1: $: no YAML document: the file is empty",
    "empty.yaml": "1:1: $: empty file: no YAML document",
    "latin1.yaml": "2:11: $: not UTF-8 text (byte 0xf1)",
    "local-tag.yaml": "1:5: $: tag !place is not allowed: scenario files use plain YAML values",
    "not-a-mapping.yaml": "1:1: $: expected a mapping of scenario fields, got a list",
    "python-tag.yaml": "2:8: $: tag !!python/object/apply:os.system is not allowed: "
    "scenario files use plain YAML values",
    "recursive-alias.yaml": "1:12: $: recursive alias *x: an anchor cannot contain itself",
    "syntax.yaml": "4:1: $: YAML syntax error: found unexpected end of stream "
    "(while scanning a quoted scalar that starts at line 2, column 8): a quote is opened and "
    "never closed; fix this first: the other checks run once the file reads as YAML",
    "two-documents.yaml": "2:1: $: a second YAML document: a scenario file holds exactly one",
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
    # Where it stops depends on the PyYAML release: 6.0.4's scanner refuses first.
    assert re.fullmatch(
        r"deep\.yaml:1:\d+: \$: nesting deeper than 64 levels: not a scenario file",
        str(caught.value),
    )


def test_undefined_alias() -> None:
    with pytest.raises(ScenarioError) as caught:
        parse_scenario("id: *nowhere\n", "a.yaml")
    assert str(caught.value) == (
        "a.yaml:1:5: $: alias *nowhere refers to no anchor defined before it")


def test_too_large_is_refused_before_parsing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(source_module, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.yaml"
    big.write_text("id: x\n" * 30)
    assert [str(p) for p in check_file(big)] == [
        f"{big}: larger than 100 bytes: too large for a scenario file"
    ]
    with pytest.raises(ScenarioError) as caught:
        parse_scenario("id: x\n" * 30, "text.yaml")
    assert str(caught.value) == "text.yaml: larger than 100 bytes: too large for a scenario file"


def test_size_limit_fits_the_bench_scenario() -> None:
    # A bounded limit that a 100,000-place scenario (about 24 MiB) fits in, with room.
    assert scenario_module.MAX_FILE_BYTES == 32 * 1024 * 1024


PARSERS = [pytest.param(yaml.SafeLoader, id="python")]
if yamltree.WITH_LIBYAML:
    PARSERS.append(pytest.param(yaml.CSafeLoader, id="libyaml"))


@pytest.mark.parametrize("parser", PARSERS)
def test_same_answers_with_either_parser(parser: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamltree, "_ParserLoader", parser)
    cases = {
        "title: a\x07b\n": "t.yaml:1:9: $: unreadable text: character 0x07 is not allowed in YAML",
        "id: " + "[" * 100 + "]" * 100: "t.yaml:1:68: $: nesting deeper than 64 levels: "
        "not a scenario file",
        "id:\n" + "- " * 100 + "x\n": "t.yaml:2:127: $: nesting deeper than 64 levels: "
        "not a scenario file",
        "id: !!binary aGk=\n": "t.yaml:1:5: $: tag !!binary is not allowed: "
        "scenario files use plain YAML values",
        "id: &x [1, *x]\n": "t.yaml:1:12: $: recursive alias *x: an anchor cannot contain itself",
        # Standard tags too: the docs promise plain values, no tags at all.
        "days: !!str 5\n": "t.yaml:1:7: $: tag !!str is not allowed: "
        "scenario files use plain YAML values",
        "days: !!int 5\n": "t.yaml:1:7: $: tag !!int is not allowed: "
        "scenario files use plain YAML values",
        "sides: !!seq []\n": "t.yaml:1:8: $: tag !!seq is not allowed: "
        "scenario files use plain YAML values",
    }
    for text, expected in cases.items():
        assert [str(p) for p in check_text(text)] == [expected]
    laughs = (BROKEN / "billion-laughs.yaml").read_text(encoding="utf-8")
    assert [str(p) for p in check_text(laughs)] == [
        "t.yaml:6:8: $: aliases expand to more than 100000 nodes: refused"
    ]


def test_huge_values_and_empty_keys_give_short_lines() -> None:
    text = "days: " + "9" * 5000 + "\nid: " + "1" * 5000 + "\n? \n: x\n"
    ones = "1" * 37
    assert [str(p) for p in check_text(text) if "missing" not in p.message] == [
        "t.yaml:1:7: days: expected a whole number, got a value of 5000 characters",
        f"t.yaml:2:5: id: expected an id, but YAML 1.1 reads {ones}... "
        f'as a value of 5000 characters; quote it: "{ones}..."',
        "t.yaml:3:2: $: a key cannot be empty",
    ]


def check_text(text: str) -> list[Problem]:
    return analyse_text(text, "t.yaml").problems


@pytest.mark.parametrize("codec, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                        ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_utf16_and_utf32_files_with_a_byte_order_mark_read_as_utf8_does(
        tmp_path: Path, codec: str, bom: bytes) -> None:
    """An editor's "Unicode" is UTF-16: YAML allows it, so the file reads as its UTF-8
    twin does, problems at the same lines and columns."""
    text = DEFAULT.read_text(encoding="utf-8").replace("km: 12", "km: -4", 1)
    wide, narrow = tmp_path / "wide.yaml", tmp_path / "narrow.yaml"
    wide.write_bytes(bom + text.encode(codec))
    narrow.write_text(text, encoding="utf-8")
    found = [str(p).replace("wide.yaml", "narrow.yaml") for p in check_file(wide)]
    assert found == [str(p) for p in check_file(narrow)]
    assert any("km must be above 0" in line for line in found)


@pytest.mark.parametrize("data, expected", [
    (b"\xff\xfea\x00b", "1:1: $: not UTF-16 text, though it starts with its byte order mark"),
    (b"\xff\xfe" + "id: x\n\x00".encode("utf-16-le"),
     "2:1: $: a binary file (NUL character), not YAML text"),
    (b"\xfe\xff", "1:1: $: empty file: no YAML document"),
])
def test_a_broken_utf16_file_is_one_line(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "w.yaml"
    path.write_bytes(data)
    assert [str(p) for p in check_file(path)] == [f"{path}:{expected}"]
