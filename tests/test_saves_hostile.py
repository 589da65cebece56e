"""Hostile save files: whatever a file in the saves folder holds, reading it gives a
SaveError of one line or the game, quickly, and listing, "Resume latest" and autosave
go on past it. Also the save format's newer fields: the rules version, the rule
switches, the draft plan, and autosaves kept per scenario."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.cli import main
from game.data import limits, saves
from game.data.saves import (
    Playthrough,
    SaveError,
    autosave,
    latest_save,
    list_saves,
    read_save,
    restore,
    save_game,
    start_playthrough,
)
from game.engine import (
    RULES_VERSION,
    GameState,
    Operation,
    OpKind,
    apply_plan,
    choose_plan,
    fingerprint,
    new_game,
)

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
DEFAULT = ROOT / "scenarios" / "western-anbar-2017.yaml"


def played(path: Path = TUTORIAL, days: int = 2, seed: int = 5,
           without: tuple[str, ...] = ()) -> tuple[Playthrough, GameState]:
    scenario, playthrough = start_playthrough(path, seed)
    state = new_game(scenario, seed, without=without)
    for _ in range(days):
        plan = choose_plan("doctrine", state)
        state, _ = apply_plan(state, plan)
        playthrough = playthrough.after(plan, state)
    return playthrough, state


@pytest.fixture(scope="module")
def two_days() -> tuple[Playthrough, GameState]:
    return played()


@pytest.fixture
def good(tmp_path: Path, two_days: tuple[Playthrough, GameState]) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(save_game(tmp_path, "good", *two_days).read_text())
    return data


def write(folder: Path, name: str, data: Any, **dump: Any) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data, **dump),
                    encoding="utf-8")
    return path


def reason(path: Path) -> str:
    with pytest.raises(SaveError) as error:
        restore(read_save(path))
    text = str(error.value)
    assert "\n" not in text and text.isprintable(), text
    assert len(text) <= limits.MAX_SHOWN_LINE + 50
    return error.value.reason


# --- the findings -----------------------------------------------------------------------------


@pytest.mark.parametrize("field", ["seed", "format_version", "day"])
def test_an_integer_of_5000_digits_is_one_line(tmp_path: Path, good: dict[str, Any],
                                               field: str) -> None:
    text = json.dumps(good).replace(f'"{field}": {good[field]}', f'"{field}": {"9" * 5000}')
    assert reason(write(tmp_path, "huge.json", text)) == "not a save: a number of 5000 digits"


def test_a_lone_surrogate_in_the_scenario_text_or_id_is_one_line(
    tmp_path: Path, good: dict[str, Any], capsys: pytest.CaptureFixture[str],
) -> None:
    good["scenario"]["text"] += "\ud800"
    assert "lone surrogate" in reason(write(tmp_path, "text.json", good))
    good["scenario"]["text"] = good["scenario"]["text"][:-1]
    good["scenario"]["id"] = "tutorial\ud800"
    assert "lone surrogate" in reason(write(tmp_path, "id.json", good))
    # `anbar saves` lists both, and prints only what a terminal can show.
    assert main(["--saves-dir", str(tmp_path), "saves"]) == 0
    out = capsys.readouterr().out
    assert out.count("unreadable") == 2 and all(line.isprintable() for line in out.splitlines())


def test_a_plan_of_a_million_operations_is_refused_before_it_is_built(
    tmp_path: Path, good: dict[str, Any],
) -> None:
    good["days"][0]["plan"] = [{"owner": "drone", "kind": "rest"}] * 1_000_000
    path = write(tmp_path, "long.json", good, separators=(",", ":"))  # under 32 MB
    assert reason(path) == (
        f"day 1 has 1000000 operations (at most {limits.MAX_PLAN_LINES})")


def test_a_save_whose_day_contradicts_its_days_is_refused(
    tmp_path: Path, good: dict[str, Any],
) -> None:
    good["day"] = 10
    assert reason(write(tmp_path, "day.json", good)) == (
        "'day' is 10, but the save holds 2 days played (so day 3)")


def test_fields_are_checked_against_each_other(tmp_path: Path, good: dict[str, Any]) -> None:
    cases = {
        "outcome": ("won", "'outcome' is 'won', not one of defeat, ongoing, victory"),
        "final_fingerprint": ("a" * 64, "'final_fingerprint' is not the last day's fingerprint"),
        "saved_at": ("yesterday", "'saved_at' is not a time such as 2017-09-19T08:00:00Z"),
    }
    for field, (value, expected) in cases.items():
        edited = {**good, field: value}
        assert reason(write(tmp_path, f"{field}.json", edited)) == expected


def test_saved_at_is_a_real_date_and_time(tmp_path: Path, good: dict[str, Any]) -> None:
    for value in ("9999-99-99T99:99:99Z", "2017-02-30T08:00:00Z", "2017-09-19T24:00:00Z"):
        edited = {**good, "saved_at": value}
        assert reason(write(tmp_path, "at.json", edited)) == (
            "'saved_at' is not a time such as 2017-09-19T08:00:00Z"), value
    ok = {**good, "saved_at": "2024-02-29T23:59:59Z"}
    restore(read_save(write(tmp_path, "at.json", ok)))


def test_a_new_save_folder_is_fsynced_into_its_parent(
    tmp_path: Path, two_days: tuple[Playthrough, GameState], monkeypatch: pytest.MonkeyPatch,
) -> None:
    synced: list[int] = []
    real_fsync = os.fsync

    def record(fd: int) -> None:
        synced.append(os.fstat(fd).st_ino)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", record)
    save_game(tmp_path / "new" / "saves", "first", *two_days)
    assert (tmp_path / "new").stat().st_ino in synced  # holds the new `saves` folder
    assert tmp_path.stat().st_ino in synced  # holds the new `new` folder


def test_a_hostile_file_never_stops_listing_resume_latest_or_autosave(
    tmp_path: Path, good: dict[str, Any], two_days: tuple[Playthrough, GameState],
    capsys: pytest.CaptureFixture[str],
) -> None:
    older = tmp_path / "good.json"
    os.utime(older, (1_000_000, 1_000_000))
    write(tmp_path, "huge-int.json", json.dumps(good).replace('"seed": 5', '"seed": ' + "9" * 5000))
    write(tmp_path, "surrogate.json", json.dumps(good).replace('"tutorial"', '"\\ud800"'))
    write(tmp_path, "escape\x1b[2J.json", {**good, "day": 99})
    write(tmp_path, "deep.json", "[" * 100_000)
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "folder.json").mkdir()
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "large.json").write_bytes(b"{")
    os.truncate(tmp_path / "large.json", limits.MAX_SAVE_BYTES + 1)
    # The newest autosaves of the game being played (old-style names too) are hostile.
    for name in ("autosave-0009.json", "autosave-tutorial-0009.json"):
        write(tmp_path, name, json.dumps(good).replace('"day": 3', '"day": ' + "9" * 5000))
    assert main(["--saves-dir", str(tmp_path), "saves"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert all(line.isprintable() for line in out)
    assert sum("unreadable" in line for line in out) == 10
    assert latest_save(tmp_path) == older
    written = autosave(tmp_path, *two_days)
    assert written.name == "autosave-tutorial-0010-day3.json"
    assert latest_save(tmp_path) == written
    assert stat.S_ISFIFO((tmp_path / "pipe.json").lstat().st_mode)  # nothing else touched


# --- rules version, rule switches ---------------------------------------------------------------


def test_a_save_of_other_rules_is_refused_naming_both_versions(
    tmp_path: Path, good: dict[str, Any], capsys: pytest.CaptureFixture[str],
) -> None:
    assert good["rules_version"] == RULES_VERSION
    path = write(tmp_path, "old-rules.json", {**good, "rules_version": RULES_VERSION - 1})
    assert reason(path) == (f"made under rules version {RULES_VERSION - 1}; this game plays "
                            f"rules version {RULES_VERSION} and cannot replay it")
    assert main(["--saves-dir", str(tmp_path), "replay", "old-rules"]) == 1
    assert capsys.readouterr().err.count("\n") == 1
    # Listed with the reason, passed over by "Resume latest", and a save may replace it.
    [info] = [i for i in list_saves(tmp_path) if i.name == "old-rules"]
    assert info.error is None and not info.loadable and "rules version" in str(info.refused)
    os.utime(tmp_path / "good.json", (1_000_000, 1_000_000))
    assert latest_save(tmp_path) == tmp_path / "good.json"


def test_a_game_with_a_rule_switched_off_saves_and_replays(tmp_path: Path) -> None:
    playthrough, state = played(days=2, without=("supply",))
    path = save_game(tmp_path, "nosupply", playthrough, state)
    assert json.loads(path.read_text())["without"] == ["supply"]
    restored = restore(read_save(path))
    assert restored.state.without == ("supply",)
    assert fingerprint(restored.state) == fingerprint(state)


def test_an_unknown_rule_switch_is_refused(tmp_path: Path, good: dict[str, Any]) -> None:
    assert reason(write(tmp_path, "w.json", {**good, "without": ["gravity"]})) == (
        "'without': unknown rule switch 'gravity' (this game knows traps, supply, vbieds)")


# --- the draft plan -----------------------------------------------------------------------------

DRAFT = (Operation("drone", OpKind.RECON, "saqra"), Operation("nobody", OpKind.MOVE, "x", 1))


def test_a_draft_goes_with_the_save_and_comes_back(
    tmp_path: Path, two_days: tuple[Playthrough, GameState],
) -> None:
    path = save_game(tmp_path, "drafted", *two_days, draft=DRAFT)
    restored = restore(read_save(path))
    assert restored.draft == DRAFT  # lines the checker refuses included
    assert fingerprint(restored.state) == fingerprint(two_days[1])
    auto = autosave(tmp_path, *two_days, draft=DRAFT)
    assert restore(read_save(auto)).draft == DRAFT
    # The same game with another draft is another moment: written anew.
    assert autosave(tmp_path, *two_days, draft=DRAFT[:1]) != auto
    assert autosave(tmp_path, *two_days, draft=DRAFT[:1]) == auto.with_name(
        "autosave-tutorial-0002-day3.json")


@pytest.mark.parametrize("draft, expected", [
    ("recon", "'draft' has the wrong type"),
    ([{"owner": "drone", "kind": "teleport"}], "draft line 1: unknown operation 'teleport'"),
    ([{"owner": "drone", "kind": "rest", "after": 0}],
     f"'draft line 1.after' is not a line number (1 to {limits.MAX_PLAN_LINES})"),
    ([{"owner": "drone", "kind": "rest"}] * (limits.MAX_PLAN_LINES + 1),
     f"draft has {limits.MAX_PLAN_LINES + 1} operations (at most {limits.MAX_PLAN_LINES})"),
])
def test_a_bad_draft_is_refused_like_any_bad_field(
    tmp_path: Path, good: dict[str, Any], draft: Any, expected: str,
) -> None:
    assert reason(write(tmp_path, "d.json", {**good, "draft": draft})) == expected


# --- autosaves per scenario ---------------------------------------------------------------------


def test_autosaves_are_kept_per_scenario(tmp_path: Path) -> None:
    campaign = played(DEFAULT, days=1)
    kept = autosave(tmp_path, *campaign)
    assert kept.name == "autosave-western-anbar-2017-0001-day2.json"
    old_style = tmp_path / "autosave-0001.json"
    old_style.write_bytes(kept.read_bytes())
    for seed in range(5):  # the tutorial, opened again and again
        autosave(tmp_path, *played(days=1, seed=seed))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["autosave-0001.json", "autosave-tutorial-0003-day2.json",
                     "autosave-tutorial-0004-day2.json", "autosave-tutorial-0005-day2.json",
                     "autosave-western-anbar-2017-0001-day2.json"]
    # "Resume latest" is the newest of all; older names are found and resumed still.
    assert latest_save(tmp_path) == tmp_path / "autosave-tutorial-0005-day2.json"
    assert saves.find_save("autosave-0001", tmp_path) == old_style
    assert saves.find_save("autosave-western-anbar-2017-0001-day2", tmp_path) == kept
    assert restore(read_save(old_style)).state.day == 2


def test_scenario_ids_that_are_not_plain_get_a_tag_of_their_own() -> None:
    tags = {ident: saves.autosave_tag(ident)
            for ident in ("tutorial", "Tutorial", "tutorial!", "a--b", "x" * 41, "حديثة", "")}
    assert tags["tutorial"] == "tutorial"
    assert len(set(tags.values())) == len(tags)
    for tag in tags.values():
        assert re.fullmatch(saves.AUTOSAVE_NAME, f"autosave-{tag}-0001")


# --- fuzzing the save's JSON --------------------------------------------------------------------

_HOSTILE_TEXT = st.text(alphabet=st.sampled_from(
    ["a", "\x1b", "\r", "\n", "\x00", "\ud800", "\udfff", "\u202e", "[", "/", "é", " "]),
    max_size=30)
_HOSTILE = st.recursive(
    st.none() | st.booleans()
    | st.integers(-(10**30), 10**30) | st.sampled_from(["<huge>", "<-huge>"])
    | st.floats(allow_nan=True, allow_infinity=True) | _HOSTILE_TEXT
    | st.integers(0, 3).map(lambda n: "x" * (10 ** (n + 3))),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_HOSTILE_TEXT, inner, max_size=4),
    max_leaves=8,
)
_SAVED: dict[str, str] = {}


def _save_text(tmp_path_factory: pytest.TempPathFactory) -> str:
    if not _SAVED:
        folder = tmp_path_factory.mktemp("fuzz")
        path = save_game(folder, "fuzz", *played(days=2), draft=DRAFT)
        _SAVED["text"] = path.read_text(encoding="utf-8")
    return _SAVED["text"]


def _places(node: Any, where: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [where]
    items = node.items() if isinstance(node, dict) else enumerate(node) \
        if isinstance(node, list) else ()
    for key, inner in items:
        found += _places(inner, (*where, key))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(choice=st.integers(0, 10_000), value=_HOSTILE, wrap=st.integers(0, 3))
def test_any_value_anywhere_in_a_save_is_a_save_error_of_one_line_or_the_game(
    tmp_path_factory: pytest.TempPathFactory, choice: int, value: Any, wrap: int,
) -> None:
    data = json.loads(_save_text(tmp_path_factory))
    where = _places(data)[choice % len(_places(data))]
    for _ in range(wrap):  # nesting
        value = [value] if wrap % 2 else {"x": value}
    if not where:
        data = value
    else:
        parent = data
        for key in where[:-1]:
            parent = parent[key]
        parent[where[-1]] = value
    folder = tmp_path_factory.mktemp("hostile")
    path = folder / "hostile.json"
    text = json.dumps(data, ensure_ascii=choice % 2 == 0)  # surrogates escaped, or raw
    # Integers too long for json.dumps to write (and for json.loads to read, unbounded):
    text = text.replace('"<huge>"', "9" * 5000).replace('"<-huge>"', "-" + "1" * 4400)
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    try:
        restore(read_save(path))
    except SaveError as error:
        text = str(error)
        assert "\n" not in text and text.isprintable() and len(text) < 2000, text
    [info] = list_saves(folder)
    assert info.error is None or info.refused is None
    assert latest_save(folder) in (None, path)
    listing = io.StringIO()
    with contextlib.redirect_stdout(listing):
        assert main(["--saves-dir", str(folder), "saves"]) == 0
    assert all(line.isprintable() for line in listing.getvalue().splitlines())


def test_what_the_game_writes_it_reads_back_whatever_the_draft(tmp_path: Path) -> None:
    scenario, playthrough = start_playthrough(TUTORIAL, 1)
    state = new_game(scenario, 1)
    while not state.over:
        plan = choose_plan("doctrine", state)
        state, _ = apply_plan(state, plan)
        playthrough = playthrough.after(plan, state)
    ended = restore(read_save(save_game(tmp_path, "ended", playthrough, state, draft=DRAFT)))
    assert ended.draft == ()  # no day left to plan
    long_draft = DRAFT * limits.MAX_PLAN_LINES
    two = played(days=2)
    kept = restore(read_save(save_game(tmp_path, "long", *two, draft=long_draft))).draft
    assert kept == long_draft[: limits.MAX_PLAN_LINES]


def test_an_error_of_the_rules_while_replaying_is_a_save_error(
    tmp_path: Path, two_days: tuple[Playthrough, GameState], monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = save_game(tmp_path, "s", *two_days)

    def broken(state: GameState, plan: Any) -> Any:
        raise KeyError("nowhere")

    monkeypatch.setattr("game.data.restore.apply_plan", broken)
    assert reason(path) == "replay failed on day 1: the rules stopped on KeyError: 'nowhere'"


def test_a_save_holds_as_many_days_as_a_scenario_may_have() -> None:
    from game.data.format import MAX_DAYS

    assert limits.MAX_SAVE_DAYS == MAX_DAYS
