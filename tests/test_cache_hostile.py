"""A hostile scenario cache: whatever its folder holds, the game plays what the YAML says.

An entry is used only when it names the digests of the YAML text and of its own
content, decodes into the model's classes field by field, and passes the
checker's bounds and references; anything else is a miss. The cache never blocks
on a pipe, never reads a device or a huge file, and removes only what it wrote.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import random
import threading
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.data import limits, scenario_cache
from game.data.model_check import model_problem
from game.data.problems import ScenarioError
from game.data.saves import read_save, restore, save_game, start_playthrough
from game.data.scenario import parse_scenario
from game.data.scenario_cache import (
    MAGIC,
    cache_dir,
    encode,
    entry_for,
    load_cached,
    load_entry,
    parse_cached,
)
from game.engine import Scenario, apply_plan, choose_plan, model, new_game

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
TEXT = TUTORIAL.read_text(encoding="utf-8")
EXPECTED = parse_scenario(TEXT, str(TUTORIAL))


@pytest.fixture
def cache(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("ANBAR_CACHE_DIR", str(tmp_path / "cache"))
    folder = cache_dir()
    assert folder is not None
    return folder


def entry(text: str = TEXT) -> Path:
    path = entry_for(text)
    assert path is not None
    return path


def forge(body: str, text: str = TEXT) -> bytes:
    """A cache entry as the cache writes them, digests right, around any body."""
    digests = f"{hashlib.sha256(text.encode()).hexdigest()}\n"
    digests += f"{hashlib.sha256(body.encode()).hexdigest()}\n\n"
    return MAGIC + digests.encode() + body.encode()


def plain(scenario: Scenario) -> Any:
    return json.loads(encode(scenario))


# --- the findings -----------------------------------------------------------------------------


def test_an_edited_entry_is_a_miss_and_a_save_replays(cache: Path, tmp_path: Path) -> None:
    load_cached(TUTORIAL)
    path = entry()
    raw = path.read_bytes()
    edited = raw.replace(EXPECTED.title.encode(), b"Edited title").replace(
        b'"strength":', b'"strength":9')
    assert edited != raw
    path.write_bytes(edited)
    assert load_cached(TUTORIAL) == EXPECTED  # the YAML's, as `anbar validate` sees it
    assert path.read_bytes() == raw  # and the entry written again
    # A save of the tutorial replays (it drifted on day 1 with the edited entry).
    scenario, playthrough = start_playthrough(TUTORIAL, 3)
    state = new_game(scenario, 3)
    plan = choose_plan("doctrine", state)
    state, _ = apply_plan(state, plan)
    saved = save_game(tmp_path / "saves", "s", playthrough.after(plan, state), state)
    path.write_bytes(edited)
    assert restore(read_save(saved)).state == state


def _key(node: list[Any], key: str) -> int:
    """Where `key` is in a node of the encoding: an item's number, or a record's field by
    name (a record is its class's name, then its fields in order)."""
    if key.isdigit():
        return int(key)
    names = [f.name for f in fields(getattr(model, node[0]))]
    return names.index(key) + 1


def _edit(data: Any, where: str, value: Any) -> Any:
    """Set the field at `where` (`places.0.garrison`) in the plain encoding."""
    *path, last = where.split(".")
    node = data
    for key in path:
        node = node[_key(node, key)]
    node[_key(node, last)] = value
    return data


@pytest.mark.parametrize("where, value", [
    ("units.0.strength", -50),  # the validator refuses a negative strength
    ("roads.0.km", "NaN"),  # JSON's NaN, written raw below
    ("roads.0.km", 0.0),
    ("units.0.at", "nowhere"),  # an unknown place
    ("sides.0.player", False),  # no player side: StopIteration in the engine
    ("places.1.id", "haditha"),  # a duplicate id
    ("days", 0),
    ("objectives.0.place", "nowhere"),
    ("units.0.kind", "dragons"),
    ("units.0", ["Place"]),
    ("units.0", ["Place", *plain(EXPECTED.places[0])[1:]]),
    ("places.0", ["Place", *plain(EXPECTED.places[0])[1:-1]]),  # a field short
    ("places", [["Place", *plain(EXPECTED.places[0])[1:]], ["Road"]]),
    ("places.0.kind", ["town"]),
    ("roads.0.kind", "town"),
    ("title", 7),
    ("title", "x" * (limits.MAX_TEXT_CHARS + 1)),
    ("start_date", "someday"),
], ids=lambda value: str(value)[:24])
def test_a_forged_entry_the_checker_would_refuse_is_a_miss(
    cache: Path, where: str, value: Any,
) -> None:
    load_cached(TUTORIAL)
    body = json.dumps(_edit(plain(EXPECTED), where, value), separators=(",", ":"))
    body = body.replace('"NaN"', "NaN")
    entry().write_bytes(forge(body))
    assert load_cached(TUTORIAL) == EXPECTED
    assert load_entry(entry(), TEXT) == EXPECTED  # and the good entry is back


def test_an_entry_of_another_text_is_a_miss(cache: Path) -> None:
    other = TEXT.replace(EXPECTED.title, "Another title")
    assert parse_cached(other, "other.yaml").title == "Another title"
    entry().parent.mkdir(parents=True, exist_ok=True)
    entry().write_bytes(entry(other).read_bytes())  # a valid entry, of the other text
    assert load_cached(TUTORIAL) == EXPECTED


def test_a_pipe_at_an_entry_does_not_block(cache: Path) -> None:
    cache.mkdir(parents=True)
    os.mkfifo(entry())
    result: list[Scenario] = []
    worker = threading.Thread(target=lambda: result.append(load_cached(TUTORIAL)), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert result == [EXPECTED]


@pytest.mark.parametrize("kind", ["dev-zero", "huge", "folder", "link-to-entry"])
def test_a_device_a_huge_file_a_folder_or_a_link_is_a_miss(cache: Path, kind: str) -> None:
    cache.mkdir(parents=True)
    path = entry()
    if kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "huge":
        with path.open("wb") as out:
            out.write(MAGIC)
            out.truncate(3 * 1024**3)  # 3 GB, sparse: nothing may read it
    elif kind == "folder":
        path.mkdir()
    else:
        elsewhere = cache.parent / "elsewhere.json"
        elsewhere.write_bytes(forge(encode(EXPECTED)))
        path.symlink_to(elsewhere)  # the cache writes no links: even a good one is a miss
    assert load_entry(path, TEXT) is None
    assert load_cached(TUTORIAL) == EXPECTED


def test_pruning_removes_only_entries_the_cache_wrote(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
) -> None:
    """ANBAR_CACHE_DIR set to a folder of the player's: nothing of theirs is removed."""
    mine = tmp_path / "projects"
    (mine / "scenarios").mkdir(parents=True)
    theirs = [mine / f"notes-{n}.json" for n in range(7)]
    theirs += [mine / "scenarios" / f"{n:040x}.json" for n in range(3)]
    for path in theirs:
        path.write_text("{}", encoding="utf-8")
    monkeypatch.setenv("ANBAR_CACHE_DIR", str(mine))
    monkeypatch.setattr(scenario_cache, "MAX_FILES", 2)
    folder = cache_dir()
    assert folder is not None and folder.parent == mine and folder.name != "scenarios"
    # In its own folder too: a file named like an entry but not begun like one is kept.
    folder.mkdir()
    lookalike = folder / f"{'0' * 40}.json"
    lookalike.write_text("{}", encoding="utf-8")
    os.utime(lookalike, (1, 1))
    for number in range(4):
        parse_cached(f"{TEXT}\n# variant {number}\n", "v.yaml")
    assert all(path.exists() for path in theirs) and lookalike.exists()
    assert len([p for p in folder.iterdir() if p.read_bytes().startswith(MAGIC)]) == 2


# --- fuzzing the cache --------------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=300) | st.binary(max_size=60).map(lambda tail: MAGIC + tail))
def test_random_bytes_are_a_miss(tmp_path_factory: pytest.TempPathFactory, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "entry.json"
    path.write_bytes(raw)
    assert load_entry(path, TEXT) is None


_VALUES = (st.none() | st.booleans() | st.integers(-10**6, 10**6)
           | st.floats(allow_nan=False, allow_infinity=False)
           | st.sampled_from(["haditha", "saqra", "", "gov", "x" * 200, "2017-09-19"])
           | st.sampled_from(["road", ["Objective", "saqra", None], ["Objective"], [], {}]))


def _leaves(node: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    for key, inner in enumerate(node) if isinstance(node, list) else ():
        found += [(*where, key), *_leaves(inner, (*where, key))]
    return found


def _variant(old: Any, draw: random.Random) -> Any:
    """A value of the same type as `old`: what a forger who kept the shape would write."""
    if isinstance(old, bool):
        return not old
    if isinstance(old, int):
        return draw.randint(-5, 10**4)
    if isinstance(old, float):
        return draw.choice([0.0, -1.0, 1e9, draw.uniform(-100, 1000)])
    if isinstance(old, str):
        return draw.choice(["haditha", "saqra", "gov", "is", "drone", "", old + "x"])
    return old


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=st.lists(st.tuples(st.integers(0, 10_000), _VALUES | st.randoms()),
                        min_size=1, max_size=3))
def test_a_valid_looking_entry_is_a_miss_or_a_scenario_that_plays(
    tmp_path_factory: pytest.TempPathFactory, changes: list[tuple[int, Any]],
) -> None:
    """Digests right, values anywhere changed (kept of their type, or anything): the
    entry is refused, or what it holds passes the checker's bounds and references and
    its first days play."""
    data = plain(EXPECTED)
    for choice, value in changes:
        places = _leaves(data)
        *path, last = places[choice % len(places)]
        node = data
        for key in path:
            node = node[key]
        # A copy: sampled values are shared objects, and one placed inside itself would loop.
        node[last] = (_variant(node[last], value) if isinstance(value, random.Random)
                      else copy.deepcopy(value))
    path = tmp_path_factory.mktemp("forged") / "entry.json"
    path.write_bytes(forge(json.dumps(data, separators=(",", ":"))))
    scenario = load_entry(path, TEXT)
    if scenario is None:
        return
    assert model_problem(scenario) is None
    state = new_game(scenario, 1)
    for _ in range(2):
        state, _ = apply_plan(state, choose_plan("doctrine", state))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.binary(max_size=200))
def test_whatever_the_entry_holds_a_start_is_the_yamls_or_a_scenario_error(
    tmp_path_factory: pytest.TempPathFactory, raw: bytes,
) -> None:
    before = os.environ.get("ANBAR_CACHE_DIR")
    os.environ["ANBAR_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    try:
        for text in (TEXT, "id: broken\n"):
            path = entry(text)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(raw)
        assert load_cached(TUTORIAL) == EXPECTED
        with pytest.raises(ScenarioError):
            parse_cached("id: broken\n", "broken.yaml")
    finally:
        if before is None:
            del os.environ["ANBAR_CACHE_DIR"]
        else:
            os.environ["ANBAR_CACHE_DIR"] = before


def test_a_forged_withdrawal_of_a_unit_that_is_not_the_players_is_a_miss(cache: Path) -> None:
    campaign = ROOT / "scenarios" / "western-anbar-2017.yaml"
    text = campaign.read_text(encoding="utf-8")
    expected = load_cached(campaign)
    data = plain(expected)
    events = data[_key(data, "events")]
    [event] = [e for e in events if e[0] == "Withdrawal"]
    for units in (["nowhere"], [], [data[_key(data, "air")][0][_key(["AirAsset"], "id")]]):
        event[_key(event, "units")] = units
        entry(text).write_bytes(forge(json.dumps(data, separators=(",", ":")), text))
        assert load_cached(campaign) == expected


def test_an_entry_forged_in_another_layout_refuses_a_saves_replay_on_its_first_day(
    cache: Path, tmp_path: Path,
) -> None:
    """The scenario's digest is taken from the checksum of an entry marked canonical: one
    of the same scenario in another layout (its checksum forged to match) gives a
    digest of no scenario, so a save's replay drifts on day 1 and is refused."""
    from game.data.saves import SaveError

    scenario, playthrough = start_playthrough(TUTORIAL, 3)
    state = new_game(scenario, 3)
    plan = choose_plan("doctrine", state)
    state, _ = apply_plan(state, plan)
    saved = save_game(tmp_path / "saves", "s", playthrough.after(plan, state), state)
    body = encode(EXPECTED).replace(",", ", ", 1)
    forged = forge(body)
    head = forged.index(b"\n\n")  # marked canonical, as the cache marks its own
    entry().write_bytes(forged[:head] + scenario_cache.CANONICAL + forged[head:])
    scenario_cache._OPEN.clear()
    with pytest.raises(SaveError, match="drifted on day 1"):
        restore(read_save(saved))
    entry().unlink()
    scenario_cache._OPEN.clear()
    assert restore(read_save(saved)).state == state
