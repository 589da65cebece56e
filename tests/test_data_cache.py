"""The scenario cache: a checked scenario comes back equal, and anything odd is a miss."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import game.data.scenario
from game.data import scenario_cache
from game.data.builtin import builtin_scenarios
from game.data.problems import ScenarioError
from game.data.scenario import parse_scenario
from game.data.scenario_cache import (
    SUBFOLDER,
    cache_dir,
    decode,
    encode,
    entry_for,
    load_cached,
    load_entry,
    parse_cached,
)
from game.data.source import NON_PRINTABLE_RANGES, YAML_NON_PRINTABLE

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("ANBAR_CACHE_DIR", str(tmp_path / "cache"))
    folder = cache_dir()
    assert folder is not None
    return folder


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The file names the YAML checker is run on (a cache hit runs it on none)."""
    ran: list[str] = []
    real = game.data.scenario.parse_scenario

    def counted(text: str, filename: str) -> object:
        ran.append(filename)
        return real(text, filename)

    monkeypatch.setattr(game.data.scenario, "parse_scenario", counted)
    return ran


@pytest.mark.parametrize("path", sorted(builtin_scenarios()), ids=lambda p: p.stem)
def test_every_builtin_scenario_comes_back_equal_from_its_encoding(path: Path) -> None:
    scenario = parse_scenario(path.read_text(encoding="utf-8"), str(path))
    assert decode(encode(scenario)) == scenario


def test_a_decoded_scenario_holds_one_object_for_each_id_it_refers_to() -> None:
    """A road's ends, a place's side, a unit's place are the very strings of the records
    they name (decoded, JSON would make a copy of each); the names are left alone."""
    scenario = decode(encode(parse_scenario(TUTORIAL.read_text(encoding="utf-8"),
                                            str(TUTORIAL))))
    places = {place.id: place.id for place in scenario.places}
    sides = {side.id: side.id for side in scenario.sides}
    assert all(road.a is places[road.a] and road.b is places[road.b] for road in scenario.roads)
    assert all(place.side is sides[place.side] for place in scenario.places)
    assert all(unit.at is places[unit.at] and unit.side is sides[unit.side]
               for unit in scenario.units)
    assert all(asset.side is sides[asset.side] for asset in scenario.air)
    assert all(goal.place is places[goal.place] for goal in scenario.objectives)
    assert decode(encode(scenario)) == scenario  # and decodes again as it was


def test_the_second_load_of_a_text_is_not_checked_again(cache: Path, checks: list[str]) -> None:
    first = load_cached(TUTORIAL)
    assert checks == [str(TUTORIAL)] and len(list(cache.glob("*.json"))) == 1
    second = load_cached(TUTORIAL)
    assert second == first and checks == [str(TUTORIAL)]
    assert second == parse_scenario(TUTORIAL.read_text(encoding="utf-8"), "x")


def test_a_changed_text_is_checked_and_kept_apart(cache: Path, checks: list[str]) -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    parse_cached(text, "a.yaml")
    changed = text.replace("days: ", "days: 1", 1) if "days: " in text else text + "\n# x\n"
    parse_cached(changed + "\n", "b.yaml")
    assert checks == ["a.yaml", "b.yaml"] and len(list(cache.glob("*.json"))) == 2


@pytest.mark.parametrize("damage", [
    "", "{", "[]", '{"~record": "Scenario"}', '{"~record": "GameState", "day": 1}',
    '{"~enum": "PlaceKind", "value": "castle"}', "\x00\x01",
])
def test_a_damaged_or_foreign_cache_file_is_a_miss_and_is_replaced(
    cache: Path, checks: list[str], damage: str
) -> None:
    expected = load_cached(TUTORIAL)
    [entry] = cache.glob("*.json")
    entry.write_text(damage, encoding="utf-8")
    assert load_cached(TUTORIAL) == expected
    assert len(checks) == 2
    assert load_entry(entry, TUTORIAL.read_text(encoding="utf-8")) == expected


def test_a_broken_scenario_is_refused_as_before_and_never_kept(cache: Path) -> None:
    text = "id: broken\ndays: -3\n"
    with pytest.raises(ScenarioError) as cached:
        parse_cached(text, "broken.yaml")
    with pytest.raises(ScenarioError) as direct:
        parse_scenario(text, "broken.yaml")
    assert str(cached.value) == str(direct.value)
    assert not cache.exists() or not list(cache.glob("*.json"))


def test_an_empty_setting_turns_the_cache_off(
    monkeypatch: pytest.MonkeyPatch, checks: list[str]
) -> None:
    monkeypatch.setenv("ANBAR_CACHE_DIR", "")
    assert cache_dir() is None
    load_cached(TUTORIAL)
    load_cached(TUTORIAL)
    assert len(checks) == 2


def test_without_a_setting_the_cache_follows_xdg(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANBAR_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache_dir() == Path("/xdg/euphrates-road/scenarios")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/player")
    assert cache_dir() == Path("/home/player/.cache/euphrates-road/scenarios")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_cache_folder_that_cannot_be_written_only_costs_the_check(
    cache: Path, checks: list[str]
) -> None:
    cache.parent.mkdir()
    cache.parent.chmod(0o500)
    try:
        assert load_cached(TUTORIAL) == load_cached(TUTORIAL)
    finally:
        cache.parent.chmod(0o700)
    assert len(checks) == 2


def test_a_cache_path_that_is_a_file_only_costs_the_check(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, checks: list[str]
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ANBAR_CACHE_DIR", str(blocker))
    assert load_cached(TUTORIAL) == load_cached(TUTORIAL)
    assert len(checks) == 2


def test_a_change_to_the_code_that_reads_scenarios_makes_a_new_key(
    cache: Path, checks: list[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    load_cached(TUTORIAL)
    newer = tmp_path / "model.py"
    newer.write_text("# another version of the model\n", encoding="utf-8")
    monkeypatch.setattr(scenario_cache, "_CODE", (*scenario_cache._CODE[:-1], newer))
    load_cached(TUTORIAL)
    assert len(checks) == 2 and len(list(cache.glob("*.json"))) == 2


def test_old_files_beyond_the_limit_are_removed(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scenario_cache, "MAX_FILES", 2)
    text = TUTORIAL.read_text(encoding="utf-8")
    variants = [f"{text}\n# variant {number}\n" for number in range(4)]
    for age, variant in enumerate(variants):
        parse_cached(variant, "v.yaml")
        entry = entry_for(variant)
        assert entry is not None
        os.utime(entry, (1_000_000 + age, 1_000_000 + age))  # later variants are newer
    kept = sorted(cache.glob("*.json"))
    assert kept == sorted(entry_for(v) for v in variants[-2:])  # type: ignore[type-var]


def test_a_warm_start_of_play_does_not_load_the_yaml_parser(tmp_path: Path) -> None:
    """`anbar play` on a scenario checked before: the game opens without PyYAML."""
    code = (
        "import sys\n"
        "from textual.app import App\n"
        "App.run = lambda self, *a, **k: None\n"
        "from game.cli import main\n"
        f"status = main(['--saves-dir', {str(tmp_path)!r}, 'play', 'tutorial', '--seed', '1'])\n"
        "print(status, 'yaml' in sys.modules)\n"
    )
    env = {**os.environ, "ANBAR_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                           capture_output=True, text=True, timeout=60).stdout.split()
            for _ in range(2)]
    assert runs == [["0", "True"], ["0", "False"]]
    [entry] = (tmp_path / "cache" / SUBFOLDER).glob("*.json")
    body = entry.read_bytes().split(b"\n\n", 1)[1]
    assert json.loads(body)[0] == "Scenario"


def test_yaml_reader_pattern_prepared_matches_the_same_characters() -> None:
    """`prepare_yaml_import` hands PyYAML's reader a pattern compiled from shorter text:
    it must match exactly the characters PyYAML's own matches, every code point."""
    every = "".join(map(chr, range(0x110000)))
    own, prepared = re.compile(YAML_NON_PRINTABLE), re.compile(NON_PRINTABLE_RANGES)
    assert [m.start() for m in own.finditer(every)] == [
        m.start() for m in prepared.finditer(every)]


def test_yaml_import_finds_the_reader_pattern_prepared() -> None:
    """In a fresh interpreter, PyYAML imported after `prepare_yaml_import` (as a miss of the
    cache, the first start on a scenario, does) finds its reader's pattern compiled: its
    text is the one prepared for (a PyYAML that changed it would compile its own, still
    correct, slower)."""
    fresh = (
        "from game.data.source import prepare_yaml_import, NON_PRINTABLE_RANGES\n"
        "prepare_yaml_import()\n"
        "import yaml.reader\n"
        "print(yaml.reader.Reader.NON_PRINTABLE.pattern == NON_PRINTABLE_RANGES)\n"
    )
    done = subprocess.run([sys.executable, "-c", fresh], cwd=ROOT, check=True,
                          capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.stdout.strip() == "True"


def _forged(text: str, body: str, mark: bytes = b"") -> bytes:
    head = f"{hashlib.sha256(text.encode()).hexdigest()}\n"
    head += f"{hashlib.sha256(body.encode()).hexdigest()}"
    return scenario_cache.MAGIC + head.encode() + mark + b"\n\n" + body.encode()


@pytest.mark.parametrize("lat", ["34.132", "34.1320000001"])
def test_an_entry_is_marked_canonical_when_its_body_is_the_digests_text(
        cache: Path, lat: str) -> None:
    """The cache marks an entry whose body is the scenario's canonical form (floats of six
    decimals at most); a hit on it takes its checksum for the digest, any other hit
    writes the scenario again: the digest (which every fingerprint holds) is the same."""
    from game.engine.index import _digest, scenario_digest

    text = TUTORIAL.read_text(encoding="utf-8").replace("lat: 34.132", f"lat: {lat}", 1)
    parse_cached(text, "tutorial.yaml")  # checked, and the entry written
    entry = entry_for(text)
    assert entry is not None
    head = entry.read_bytes().split(b"\n\n", 1)[0]
    assert head.endswith(scenario_cache.CANONICAL) == (lat == "34.132")
    scenario = load_entry(entry, text)
    assert scenario is not None and scenario.places[0].lat == float(lat)
    assert scenario_digest(scenario) == _digest(scenario)


def test_an_entry_forged_as_canonical_in_another_layout_gives_the_digest_of_no_scenario(
        cache: Path) -> None:
    """Marked canonical, its checksum made to match, but another layout of the same
    scenario: its digest is no scenario's (so a save's replay is refused on day 1:
    test_cache_hostile), never taken for another's."""
    from game.engine.index import _digest, scenario_digest

    text = TUTORIAL.read_text(encoding="utf-8")
    expected = parse_scenario(text, str(TUTORIAL))
    body = encode(expected).replace(",", ", ", 1)
    entry = entry_for(text)
    assert entry is not None
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_bytes(_forged(text, body, scenario_cache.CANONICAL))
    scenario = load_entry(entry, text)
    assert scenario == expected
    assert scenario_digest(scenario) == hashlib.sha256(body.encode()).hexdigest()
    assert scenario_digest(scenario) != _digest(scenario)
