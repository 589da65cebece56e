"""Hostile scenario files: bounded work whatever aliases multiply, and every problem printed
as one harmless line of bounded length, whatever the values hold. Also: the checks the
scenario cache puts a decoded model through agree with the checker."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.gen_scenario import generate
from game.cli import main
from game.data import limits
from game.data.builtin import builtin_scenarios
from game.data.problems import did_you_mean
from game.data.saves import SaveError, read_save, restore, save_game, start_playthrough
from game.data.scenario import analyse_text, load_scenario
from game.engine import new_game

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
TEXT = TUTORIAL.read_text(encoding="utf-8")
LONGEST = limits.MAX_SHOWN_LINE + 60  # a cut line's end says how long it was


def aliased_megabytes() -> str:
    """About 4 MB of text whose aliases would make the checks read 4 MB at each use."""
    value = "a" * 4_000_000
    uses = "\n".join("  - {id: *v, name: *v, between: [*v, *v], km: 1}" for _ in range(10))
    return f'x-big: &v "{value}"\nid: *v\ntitle: *v\nroads:\n{uses}\n'


def test_aliases_that_multiply_bytes_are_refused_in_one_line() -> None:
    problems = analyse_text(aliased_megabytes(), "big.yaml").problems
    assert [str(p) for p in problems] == [
        f"big.yaml:5:10: $: aliases expand to more than {limits.MAX_ALIAS_CHARS} characters: "
        "refused"]


def test_the_same_text_inside_a_save_is_refused_by_replay(tmp_path: Path) -> None:
    scenario, playthrough = start_playthrough(TUTORIAL, 1)
    path = save_game(tmp_path, "aliased", playthrough, new_game(scenario, 1))
    data = json.loads(path.read_text(encoding="utf-8"))
    text = aliased_megabytes()
    data["scenario"]["text"] = text
    import hashlib

    data["scenario"]["sha256"] = hashlib.sha256(text.encode()).hexdigest()
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError) as error:
        restore(read_save(path))
    assert "aliases expand to more than" in error.value.reason


def test_long_bad_references_get_no_suggestion_and_short_lines() -> None:
    assert did_you_mean("x" * 100_000, ["x" * 99_999]) == ""
    roads = "\n".join(f"  - between: [{'q' * (90 + n)}, haditha]\n    km: 3" for n in range(9))
    text = TEXT.replace("roads:\n", f"roads:\n{roads}\n", 1)
    problems = analyse_text(text, "t.yaml").problems
    assert sum("unknown place" in p.message for p in problems) == 9
    assert all(len(str(p)) <= LONGEST for p in problems)


HOSTILE_VALUES = [
    '"\\e[2J\\e[1;1Hfake.yaml: ok (1 places, 0 roads)"',
    '"town\\r\\nt.yaml:1:1: a forged problem line"',
    '"\\u202emirrored"',
    '"\\e]0;title\\a"',
    '"' + "z" * 5000 + '"',
]


@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=range(len(HOSTILE_VALUES)))
def test_validate_prints_control_characters_escaped(
    tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "hostile.yaml"
    # The value where a problem quotes it: a place's kind, and an unknown field's name.
    text = TEXT.replace("kind: town", f"kind: {value}", 1)
    text = text.replace("title:", f"{value}: 1\ntitle:", 1)
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(line.isprintable() and len(line) <= LONGEST for line in lines)
    assert all(line.startswith(f"{path}:") for line in lines)  # no line forged
    assert not any(line.endswith("roads)") for line in lines)


# Pieces of a double-quoted YAML value: YAML's escapes make control characters.
_YAML_TEXT = st.lists(st.sampled_from(
    ["a", "b", " ", "\\e", "\\r", "\\n", "\\t", "\\u202e", "\\x85", "\\0", "[", "\\\\", "é"]),
    max_size=40).map("".join) | st.integers(3, 6).map(lambda n: "w" * 10**n)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(line=st.integers(0, 10_000), value=_YAML_TEXT, as_key=st.booleans())
def test_any_value_anywhere_prints_as_short_harmless_lines(
    line: int, value: str, as_key: bool,
) -> None:
    """A hostile double-quoted value put in place of any value (or key) of the tutorial:
    whatever the checks make of it, each problem is one printable line of bounded
    length; and a scenario the checker passes passes the cache's checks too."""
    lines = TEXT.splitlines()
    candidates = [i for i, text in enumerate(lines) if ": " in text and not text.lstrip()
                  .startswith("#")]
    index = candidates[line % len(candidates)]
    key, _, _ = lines[index].partition(": ")
    quoted = f'"{value}"'
    lines[index] = f"{key[: len(key) - len(key.lstrip())]}{quoted}: 1" if as_key \
        else f"{key}: {quoted}"
    from game.data.model_check import model_problem

    analysis = analyse_text("\n".join(lines) + "\n", "t.yaml")
    for problem in analysis.problems:
        shown = str(problem)
        assert shown.isprintable() and len(shown) <= LONGEST, shown
    if analysis.scenario is not None:
        assert model_problem(analysis.scenario) is None


@pytest.mark.parametrize("path", sorted(builtin_scenarios()), ids=lambda p: p.stem)
def test_the_cache_checks_pass_every_builtin_scenario(path: Path) -> None:
    from game.data.model_check import model_problem

    assert model_problem(load_scenario(path)) is None


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_cache_checks_pass_generated_scenarios(seed: int) -> None:
    from game.data.model_check import model_problem

    analysis = analyse_text(generate(200, 300, seed), "gen.yaml")
    assert analysis.scenario is not None
    assert model_problem(analysis.scenario) is None


def test_printable_keeps_text_and_escapes_the_rest() -> None:
    from game.data.problems import printable

    assert printable("Haditha – حديثة, day 3") == "Haditha – حديثة, day 3"
    assert printable("a\x1b[2Jb\rc\nd\u202ee\ud800") == "a\\x1b[2Jb\\x0dc\\x0ad\\u202ee\\ud800"
    assert printable("x" * 10_000_000).endswith("...[10000000 characters]")  # one word
    cut = printable("a few words " * 1_000_000)
    assert len(cut) <= limits.MAX_SHOWN_LINE and cut.endswith("[12000000 characters in all]")


def test_a_file_name_that_is_not_utf8_prints_escaped(tmp_path: Path) -> None:
    name = tmp_path / "bad-\udcff\x1b.yaml"  # undecodable bytes come back as surrogates
    name.write_bytes(b"id: [\n")
    result = subprocess.run([sys.executable, "-m", "game", "validate", str(name)], cwd=ROOT,
                            capture_output=True, timeout=60)
    assert result.returncode == 1
    out = result.stdout.decode("utf-8")
    assert "\\udcff\\x1b.yaml" in out and out.count("\n") == 1


def test_a_file_of_millions_of_values_is_refused_in_one_line() -> None:
    text = "x-big: [" + "1," * (limits.MAX_NODES + 10) + "1]\nid: x\n"
    assert [str(p) for p in analyse_text(text, "n.yaml").problems] == [
        f"n.yaml:1:{2 * limits.MAX_NODES + 3}: $: more than {limits.MAX_NODES} values: "
        "too many for a scenario file"]


NO_PLACES = """id: base
title: Base
start_date: "2017-01-10"
days: 5
sides:
  - {id: gov, name: Gov, player: true}
  - {id: is, name: IS}
places: []
"""


def test_an_empty_list_of_places_still_needs_objective_supply_and_units() -> None:
    problems = analyse_text(NO_PLACES, "p.yaml").problems
    messages = [p.message for p in problems if p.is_error]
    assert any(m.startswith("no objectives:") for m in messages)
    assert any("holds no supply source or depot" in m for m in messages)
    assert any("has no ground unit" in m for m in messages)
    # Empty units and objectives lists beside places are refused the same way.
    text = NO_PLACES.replace("places: []", "places:\n  - {id: a, name: A, lat: 34.1, "
                             "lon: 42.1, side: gov, supply_source: true}\n"
                             "units: []\nobjectives: []")
    messages = [p.message for p in analyse_text(text, "p.yaml").problems]
    assert any("has no ground unit" in m for m in messages)
    assert any(m.startswith("no objectives:") for m in messages)
    sides = analyse_text(NO_PLACES.replace("sides:\n", "sides: []\nx-:\n"), "p.yaml").problems
    assert any("exactly two sides, found 0" in p.message for p in sides)


def test_a_campaign_that_runs_past_the_calendar_is_refused_at_its_start_date() -> None:
    def check(start: str) -> list[str]:  # the tutorial's 8 days
        text = TEXT.replace('start_date: "2017-01-10"', f'start_date: "{start}"', 1)
        return [str(p) for p in analyse_text(text, "t.yaml").problems if p.is_error]

    line = TEXT.splitlines().index('start_date: "2017-01-10"') + 1
    assert check("9999-12-31") == [
        f"t.yaml:{line}:13: start_date: a campaign of 8 days from 9999-12-31 runs past "
        "9999-12-31, the last date the game can show; start on 9999-12-23 or earlier"]
    assert check("9999-12-24") != []
    assert check("9999-12-23") == []


def test_the_nearest_place_search_agrees_with_measuring_every_place() -> None:
    import random

    from game.data.geography import Nearest, crow_km

    rng = random.Random(5)
    places = [(rng.uniform(30, 38), rng.uniform(38, 46)) for _ in range(300)]
    places += [(34.0, 42.0 + i / 100) for i in range(50)]  # many on one latitude
    near = Nearest(places)
    for _ in range(300):
        point = (rng.uniform(-89, 89), rng.uniform(-179, 179))
        exact = min(crow_km(point, p) for p in places)
        for limit in (0.0, exact - 1, exact + 1):
            found = near.beyond(point, limit)
            assert (found is None) == (exact <= limit)
            assert found is None or abs(found - exact) < 1e-6


def test_a_long_river_is_checked_without_measuring_every_place_per_point(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from game.data import geography

    calls = 0
    measure = geography.crow_km

    def counted(a: tuple[float, float], b: tuple[float, float]) -> float:
        nonlocal calls
        calls += 1
        return measure(a, b)

    places = "\n".join(f"  - {{id: p{i}, name: P, lat: {34 + i / 1000:.3f}, lon: 42.0, "
                       f"side: is}}" for i in range(1000))
    points = ", ".join(f"[{34 + i / 10000:.4f}, 42.001]" for i in range(5000))
    text = TEXT[:TEXT.index("\nriver:")].replace("places:\n", f"places:\n{places}\n", 1)
    text += f"\nriver: [{points}, [-30, 42]]\n"
    monkeypatch.setattr(geography, "crow_km", counted)
    problems = analyse_text(text, "t.yaml").problems
    assert [p.path for p in problems if "river point" in p.message] == ["river[5000]"]
    assert calls < 20 * 5000  # measuring every place would be 5,000,000


def test_many_unknown_references_are_all_reported_with_bounded_suggestions(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import difflib

    compared = 0
    close_matches = difflib.get_close_matches

    def counted(word: str, choices: list[str], n: int, cutoff: float) -> list[str]:
        nonlocal compared
        compared += len(choices)
        return close_matches(word, choices, n=n, cutoff=cutoff)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    places = "\n".join(f"  - {{id: place-{i:04}, name: P, lat: 34.1, lon: 42.1, side: is}}"
                       for i in range(600))
    roads = "\n".join(f"  - {{between: [plaec-{i:04}, haditha], km: 3}}" for i in range(600))
    text = TEXT.replace("places:\n", f"places:\n{places}\n", 1)
    text = text.replace("roads:\n", f"roads:\n{roads}\n", 1)
    unknown = [p.message for p in analyse_text(text, "t.yaml").problems
               if "unknown place 'plaec-" in p.message]
    assert len(unknown) == 600
    assert unknown[0] == "unknown place 'plaec-0000' (did you mean 'place-0000'?)"
    assert unknown[-1] == "unknown place 'plaec-0599'"
    assert compared <= limits.MAX_SUGGESTED_REFERENCES * limits.MAX_SUGGESTION_CANDIDATES


def test_ids_that_print_the_same_are_refused_naming_the_other() -> None:
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    text = TEXT.replace("  - id: haditha\n", f"  - id: \"{composed}\"\n"
                        "    name: C\n    lat: 34.3\n    lon: 42.5\n    side: is\n"
                        f"  - id: \"{decomposed}\"\n    name: C\n    lat: 34.31\n"
                        "    lon: 42.51\n    side: is\n  - id: \"haditha \"\n    name: H\n"
                        "    lat: 34.32\n    lon: 42.52\n    side: is\n"
                        "  - id: haditha\n", 1)
    problems = [p.message for p in analyse_text(text, "t.yaml").problems if p.is_error]
    assert "place id 'cafe\\u0301' looks the same as 'caf\\xe9' (line" in problems[0]
    assert "place id 'haditha ' has spaces at its start or end" in problems[1]
    assert len(problems) == 2


def test_a_river_too_costly_to_check_stops_with_a_warning_where_it_stopped(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from game.data import geography

    monkeypatch.setattr(geography, "MAX_RIVER_MEASURES", 3000)
    places = "\n".join(f"  - {{id: p{i}, name: P, lat: 34.0, lon: {40 + i / 100:.2f}, "
                       f"side: is}}" for i in range(300))  # on one latitude: no shortcut
    points = ", ".join(f"[{-30 - i / 1e4:.4f}, 42.0]" for i in range(100))  # each farther
    text = TEXT[:TEXT.index("\nriver:")].replace("places:\n", f"places:\n{places}\n", 1)
    text += f"\nriver: [{points}]\n"
    river = [p for p in analyse_text(text, "t.yaml").problems if p.path.startswith("river")]
    assert len(river) == 2 and river[0].message.startswith("this river point is")
    assert river[1].message.startswith("the river's points from here on are not checked")
    assert river[1].severity == "warning"
