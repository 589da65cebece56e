"""Saves under stress: failures mid-write, Ctrl+C, odd files and names, the folder, the CLI."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.cli import main
from game.data import savefile, saves
from game.data.saves import (
    Playthrough,
    SaveError,
    SaveNameError,
    autosave,
    check_save_name,
    find_save,
    list_saves,
    read_save,
    restore,
    save_game,
    start_playthrough,
)
from game.engine import RULES_VERSION, GameState, apply_plan, choose_plan, fingerprint, new_game

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"
DEFAULT = ROOT / "scenarios" / "western-anbar-2017.yaml"
FIXTURES = Path(__file__).resolve().parent / "save_fixtures"


def play(path: Path, days: int, seed: int = 5) -> list[tuple[Playthrough, GameState]]:
    """(playthrough, state) after each day of a doctrine game, at most `days` of them."""
    scenario, playthrough = start_playthrough(path, seed)
    state = new_game(scenario, seed)
    out = []
    for _ in range(days):
        if state.over:
            break
        plan = choose_plan("doctrine", state)
        state, _ = apply_plan(state, plan)
        playthrough = playthrough.after(plan, state)
        out.append((playthrough, state))
    return out


@pytest.fixture(scope="module")
def tutorial_days() -> list[tuple[Playthrough, GameState]]:
    return play(TUTORIAL, 3)


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# --- the whole campaign round-trips at every day ------------------------------------------------


def test_default_campaign_round_trips_at_every_day(tmp_path: Path) -> None:
    days = play(DEFAULT, 60, seed=3)
    assert days[-1][1].over and len(days) >= 10  # a whole campaign, to its end
    for day, (playthrough, state) in enumerate(days, 1):
        restored = restore(read_save(save_game(tmp_path, "campaign", playthrough, state)))
        assert fingerprint(restored.state) == fingerprint(state), f"day {day}"
        assert restored.playthrough.fingerprints == playthrough.fingerprints
        assert restored.state.outcome == state.outcome


def test_restore_gives_the_last_days_events(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
) -> None:
    playthrough, state = tutorial_days[1]
    scenario, _ = start_playthrough(TUTORIAL, 5)
    replayed = new_game(scenario, 5)
    for plan in playthrough.plans:
        replayed, events = apply_plan(replayed, plan)
    restored = restore(read_save(save_game(tmp_path, "two", playthrough, state)))
    assert restored.events == events and len(events) > 0
    fresh = Playthrough(playthrough.scenario_text, playthrough.scenario_file, 5)
    new = new_game(scenario, 5)
    assert restore(read_save(save_game(tmp_path, "none", fresh, new))).events == new.news


def test_json_nested_too_deeply(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000, encoding="utf-8")
    with pytest.raises(SaveError) as error:
        read_save(path)
    assert error.value.reason == "not a save: JSON nested too deeply"


# --- a failure at any point of a write keeps the previous save --------------------------------


@pytest.mark.parametrize("broken", ["fsync", "replace", "write"])
def test_failure_mid_write_keeps_the_previous_save(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    monkeypatch: pytest.MonkeyPatch, broken: str,
) -> None:
    first, later = tutorial_days[0], tutorial_days[-1]
    path = save_game(tmp_path, "mine", *first)
    before = path.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    if broken == "write":  # the disk fills up half-way through the text
        real_fdopen = os.fdopen

        def half_written(fd: int, *args: Any, **kwargs: Any) -> Any:
            out = real_fdopen(fd, *args, **kwargs)
            real_write = out.write

            def write(text: str) -> int:
                real_write(text[: len(text) // 2])
                out.flush()
                fail()
                return 0

            out.write = write
            return out

        monkeypatch.setattr(saves.os, "fdopen", half_written)
    else:
        monkeypatch.setattr(saves.os, broken, fail)
    with pytest.raises(SaveError) as error:
        save_game(tmp_path, "mine", *later)
    monkeypatch.undo()
    assert "No space left on device" in str(error.value)
    assert path.read_bytes() == before
    assert files(tmp_path) == ["mine.json"]
    assert fingerprint(restore(read_save(path)).state) == fingerprint(first[1])


def test_ctrl_c_mid_write_keeps_the_previous_save(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = save_game(tmp_path, "mine", *tutorial_days[0])
    before = path.read_bytes()

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(saves.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        save_game(tmp_path, "mine", *tutorial_days[-1])
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert files(tmp_path) == ["mine.json"]


INTERRUPTED = textwrap.dedent(
    """
    import signal
    import sys
    from pathlib import Path
    # A child of a background job starts with SIGINT ignored, and Python then keeps it
    # ignored: Ctrl+C must raise KeyboardInterrupt here as it does in a player's terminal.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    sys.path.insert(0, {root!r})
    from game.data.saves import autosave, save_game, start_playthrough
    from game.engine import apply_plan, choose_plan, new_game
    scenario, playthrough = start_playthrough(Path({tutorial!r}), 4)
    state = new_game(scenario, 4)
    states = []
    for _ in range(3):
        plan = choose_plan("doctrine", state)
        state, _ = apply_plan(state, plan)
        playthrough = playthrough.after(plan, state)
        states.append((playthrough, state))
    print("ready", flush=True)
    i = 0
    while True:
        save_game(Path({folder!r}), "loop", *states[i % 3])
        autosave(Path({folder!r}), *states[i % 3])
        i += 1
    """
)


def _as_in_a_background_job() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # what `pytest &` hands its children


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "sigkill"])
def test_a_stop_in_a_save_loop_leaves_every_save_loadable(tmp_path: Path, stop: int) -> None:
    folder = tmp_path / "saves"
    script = INTERRUPTED.format(root=str(ROOT), tutorial=str(TUTORIAL), folder=str(folder))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, text=True,
                             preexec_fn=_as_in_a_background_job)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "ready"
        time.sleep(0.3)
        child.send_signal(stop)
        child.wait(timeout=10)
    finally:
        if child.poll() is None:  # never left writing saves after the test
            child.kill()
            child.wait(timeout=10)
    assert child.returncode not in (0, -signal.SIGKILL) if stop == signal.SIGINT \
        else child.returncode == -signal.SIGKILL
    infos = list_saves(folder)
    assert "loop" in [i.name for i in infos]
    # Interrupted between writing an autosave and pruning the oldest: one too many, never fewer.
    assert 1 <= sum(i.name.startswith("autosave-") for i in infos) <= 4, infos
    for info in infos:
        assert info.error is None, info
        restore(read_save(info.path))
    # Anything else left behind is a hidden temporary file the game never reads.
    assert all(name.startswith(".") and name.endswith(".tmp")
               for name in files(folder) if not name.endswith(".json"))


def test_read_only_folder_is_a_clear_error(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: a read-only folder is still writable "
                    "(test_unwritable_folder_is_a_clear_error covers the error path)")
    path = save_game(tmp_path, "mine", *tutorial_days[0])
    before = path.read_bytes()
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="cannot write: Permission denied"):
            save_game(tmp_path, "mine", *tutorial_days[-1])
    finally:
        tmp_path.chmod(0o700)
    assert path.read_bytes() == before


def test_a_folder_that_is_a_file_is_a_clear_error(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
) -> None:
    blocker = tmp_path / "saves"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(SaveError) as error:
        autosave(blocker, *tutorial_days[0])
    first = blocker / "autosave-tutorial-0001-day2.json"
    assert str(error.value).startswith(f"{first}: cannot write: ")
    assert blocker.read_text() == "a file where the folder should be"


# --- autosaves -----------------------------------------------------------------------------


def test_autosaves_rotate_by_number_and_skip_a_repeat(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
) -> None:
    written = [autosave(tmp_path, *day) for day in tutorial_days]
    assert [p.name for p in written] == ["autosave-tutorial-0001-day2.json",
                                         "autosave-tutorial-0002-day3.json",
                                         "autosave-tutorial-0003-day4.json"]
    # Quitting right after the end of a day: the same game is not written twice.
    assert autosave(tmp_path, *tutorial_days[-1]) == written[-1]
    assert files(tmp_path) == [p.name for p in written]
    # A different game of the same scenario pushes its oldest out.
    other = play(TUTORIAL, 1, seed=6)[0]
    assert autosave(tmp_path, *other).name == "autosave-tutorial-0004-day2.json"
    assert files(tmp_path) == ["autosave-tutorial-0002-day3.json",
                               "autosave-tutorial-0003-day4.json",
                               "autosave-tutorial-0004-day2.json"]
    assert saves.latest_save(tmp_path) in (tmp_path / "autosave-tutorial-0004-day2.json",
                                           tmp_path / "autosave-tutorial-0003-day4.json")


def test_an_autosave_that_cannot_prune_still_saves(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for playthrough, state in tutorial_days:
        autosave(tmp_path, playthrough, state)

    def refuse(self: Path, missing_ok: bool = False) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)
    path = autosave(tmp_path, *play(TUTORIAL, 1, seed=6)[0])
    monkeypatch.undo()
    assert path.name == "autosave-tutorial-0004-day2.json"
    assert len([name for name in files(tmp_path) if name.endswith(".json")]) == 4
    restore(read_save(path))


# --- names and the folder ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    ["autosave-0001", "AutoSave-x", "..\\up", "C:\\saves\\x", "com1", "LPT9.json", "aux ",
     "tab\tname", "new\nline", "\u202emirror", "-dash-first"],
)
def test_more_bad_names(name: str) -> None:
    with pytest.raises(SaveNameError):
        check_save_name(name)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=80))
def test_no_accepted_name_leaves_the_folder(name: str) -> None:
    folder = Path("/tmp/anbar-saves-property")
    try:
        path = saves.save_path(folder, name)
    except SaveNameError as error:
        assert str(error)
        return
    assert path.parent == folder
    assert path.name == f"{name}.json"
    assert not path.name.startswith(".")
    assert os.path.normpath(path) == str(path)


def test_find_save_by_name_file_name_path_and_autosave(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine = save_game(tmp_path, "mine", *tutorial_days[0])
    auto = autosave(tmp_path, *tutorial_days[0])
    monkeypatch.chdir(tmp_path.parent)
    assert find_save("mine", tmp_path) == mine
    assert find_save("mine.json", tmp_path) == mine
    assert find_save(str(mine), Path("elsewhere")) == mine
    assert find_save(auto.stem, tmp_path) == auto
    with pytest.raises(SaveError, match="no such save file"):
        find_save(str(tmp_path / "gone.json"), tmp_path)
    with pytest.raises(SaveError, match="no such save file"):
        find_save("../mine", tmp_path)  # a path, taken as the player typed it
    with pytest.raises(SaveError, match="start with a dot"):
        find_save("..", tmp_path)


def test_listing_never_creates_the_folder_and_saving_does(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = tmp_path / "deep" / "saves"
    assert list_saves(folder) == []
    assert saves.latest_save(folder) is None
    assert main(["--saves-dir", str(folder), "saves"]) == 0
    assert capsys.readouterr().out.startswith(
        f"no saves yet: the save folder {folder.resolve()} does not exist")
    assert not folder.exists()
    save_game(folder, "first", *tutorial_days[0])
    assert files(folder) == ["first.json"]


def test_environment_variable_chooses_the_folder_for_the_commands(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    env_folder, flag_folder = tmp_path / "env", tmp_path / "flag"
    save_game(env_folder, "from-env", *tutorial_days[1])
    save_game(flag_folder, "from-flag", *tutorial_days[0])
    monkeypatch.setenv("ANBAR_SAVES_DIR", str(env_folder))
    assert main(["saves"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["NAME", "SCENARIO", "DAY", "OUTCOME", "SAVED", "(UTC)"]
    assert lines[1].split()[:4] == ["from-env", "tutorial", "3", "in"]
    assert len(lines) == 2
    assert main(["--saves-dir", str(flag_folder), "saves"]) == 0
    assert capsys.readouterr().out.splitlines()[1].split()[:3] == ["from-flag", "tutorial", "2"]


# --- odd files ------------------------------------------------------------------------------


def test_a_pipe_named_like_a_save_is_refused_without_blocking(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)
    with pytest.raises(SaveError, match="not a regular file"):
        read_save(pipe)
    [info] = list_saves(tmp_path)
    assert (info.name, info.error) == ("pipe", "not a regular file")


def test_binary_data_that_happens_to_be_utf8_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "zeros.json"
    path.write_bytes(b"\x00\x01\x02{}")
    with pytest.raises(SaveError) as error:
        read_save(path)
    assert error.value.reason == "not a save: binary data"


def test_a_save_with_a_field_of_the_wrong_type(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
) -> None:
    path = save_game(tmp_path, "mine", *tutorial_days[0])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["seed"] = "seven"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError) as error:
        read_save(path)
    assert str(error.value) == f"{path}: 'seed' has the wrong type"


def test_checked_in_format_1_save_still_reads(tmp_path: Path) -> None:
    save = read_save(FIXTURES / "tutorial-seed7-day3.json")
    assert (save.format_version, save.scenario_id, save.seed, save.day) == (1, "tutorial", 7, 3)
    assert len(save.plans) == 2 and len(save.fingerprints) == 2
    assert save.plans[0][0].owner == "drone" and save.plans[0][0].kind.value == "recon"
    assert save.plans[0][1].after == 1
    # Format 1 came before saves recorded their rules: it was played under rules version 1,
    # and a game under other rules refuses it by name rather than drift.
    assert save.rules_version == 1
    with pytest.raises(SaveError) as error:
        restore(save)
    assert error.value.reason == (
        f"made under rules version 1; this game plays rules version {RULES_VERSION} "
        "and cannot replay it")


# --- the replay command ---------------------------------------------------------------------


def test_replay_json_names_the_drift_day(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = save_game(tmp_path, "mine", *tutorial_days[-1])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["days"][1]["fingerprint"] = "f" * 64
    path.write_text(json.dumps(data), encoding="utf-8")
    before = path.read_bytes()
    assert main(["--saves-dir", str(tmp_path), "replay", "mine", "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out["fingerprint_ok"] is False
    assert out["drift_day"] == 2
    assert out["error"].startswith("replay drifted on day 2: expected ffffffffffff...")
    assert (out["scenario"], out["seed"]) == ("tutorial", 5)
    assert path.read_bytes() == before


def test_replay_prints_a_summary(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    playthrough, state = tutorial_days[-1]
    path = save_game(tmp_path, "mine", playthrough, state)
    assert main(["replay", str(path)]) == 0
    out = capsys.readouterr().out
    assert out == (f"{path}: tutorial, seed 5, day 4, ongoing: replays exactly (3 days, "
                   f"fingerprint {fingerprint(state)[:16]})\n")


def test_replay_json_on_an_unreadable_save(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "cut.json").write_text('{"format": "euphrates-road-save", "for', encoding="utf-8")
    assert main(["--saves-dir", str(tmp_path), "replay", "cut", "--json"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {
        "error": "not a save: invalid JSON at line 1 (truncated?)",
        "fingerprint_ok": False,
        "save": str(tmp_path / "cut.json"),
    }
    assert captured.err.count("\n") == 1


def test_a_save_is_readable_by_others_like_any_file(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
) -> None:
    path = save_game(tmp_path, "mine", *tutorial_days[0])
    assert path.stat().st_mode & 0o777 == 0o644
    path.chmod(0o600)  # the player's own choice is kept across saves
    save_game(tmp_path, "mine", *tutorial_days[1])
    assert path.stat().st_mode & 0o777 == 0o600


def test_temporary_files_left_by_a_killed_process_are_swept_once_stale(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
) -> None:
    stale, fresh = tmp_path / ".mine.k1ll3d.tmp", tmp_path / ".x.inflight.tmp"
    other = tmp_path / ".keep"
    for path in (stale, fresh, other):
        path.write_text("{ half a save")
    two_hours_ago = time.time() - 7200
    os.utime(stale, (two_hours_ago, two_hours_ago))
    os.utime(other, (two_hours_ago, two_hours_ago))
    save_game(tmp_path, "mine", *tutorial_days[0])
    assert files(tmp_path) == [".keep", ".x.inflight.tmp", "mine.json"]


def test_latest_save_is_the_last_written_readable_one(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
) -> None:
    older = save_game(tmp_path, "older", *tutorial_days[0])
    newer = save_game(tmp_path, "newer", *tutorial_days[1])
    os.utime(older, ns=(1_000_000_000, 1_000_000_000))
    assert saves.latest_save(tmp_path) == newer
    (tmp_path / "broken.json").write_text("{")  # newest of all, but unreadable
    assert saves.latest_save(tmp_path) == newer
    os.utime(newer, ns=(500_000_000, 500_000_000))
    assert saves.latest_save(tmp_path) == older


def test_saves_dir_expands_the_home_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", "/home/player")
    monkeypatch.setenv("ANBAR_SAVES_DIR", "~/anbar")
    assert saves.saves_dir(None) == Path("/home/player/anbar")


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(
    st.sampled_from(["owner", "kind", "target", "after", "extra"]),
    st.one_of(st.none(), st.booleans(), st.integers(-3, 3), st.sampled_from(["move", "hold", "x"]),
              st.floats(allow_nan=False), st.lists(st.just("move"), max_size=1)),
))
def test_quick_and_careful_operation_readers_agree(data: dict[str, Any]) -> None:
    quick = savefile._plain_operation(data)
    try:
        careful = savefile._operation(data, "day 1 line 1")
    except savefile._Bad:
        assert quick is None
    else:
        assert quick == careful


def test_two_games_autosaving_in_one_folder_never_overwrite_each_other(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    mine = autosave(tmp_path, *tutorial_days[0])
    # Another game (a second browser tab) writes autosave-0002 after this game
    # looked at the folder and before it writes: this game must take 0003.
    real_scan = saves._autosaves
    seen = real_scan(tmp_path, "tutorial")
    theirs = autosave(tmp_path, *play(TUTORIAL, 1, seed=6)[0])
    monkeypatch.setattr(saves, "_autosaves", lambda folder, tag: seen)
    again = autosave(tmp_path, *tutorial_days[1])
    monkeypatch.undo()
    names = ["autosave-tutorial-0001-day2.json", "autosave-tutorial-0002-day2.json",
             "autosave-tutorial-0003-day3.json"]
    assert [mine.name, theirs.name, again.name] == names
    assert read_save(theirs).seed == 6 and read_save(again).seed == 5
    assert files(tmp_path) == names


def test_autosave_without_hard_links_still_refuses_to_overwrite(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def no_links(*args: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    first = autosave(tmp_path, *tutorial_days[0])
    monkeypatch.setattr(saves.os, "link", no_links)
    monkeypatch.setattr(saves, "_autosaves", lambda folder, tag: [])  # a stale view
    second = autosave(tmp_path, *tutorial_days[1])
    monkeypatch.undo()
    names = ("autosave-tutorial-0001-day2.json", "autosave-tutorial-0002-day3.json")
    assert (first.name, second.name) == names
    assert read_save(first).plans == tutorial_days[0][0].plans
    assert files(tmp_path) == list(names)


@pytest.mark.parametrize("command", [["replay"], ["play", "--load"]])
def test_commands_refuse_bad_saves_in_one_line(
    tmp_path: Path, tutorial_days: list[tuple[Playthrough, GameState]],
    capsys: pytest.CaptureFixture[str], command: list[str],
) -> None:
    path = save_game(tmp_path, "drifted", *tutorial_days[-1])
    data = json.loads(path.read_text(encoding="utf-8"))
    data["final_fingerprint"] = "0" * 64
    path.write_text(json.dumps(data), encoding="utf-8")
    prog = f"anbar {command[0]}: "
    cases = {
        "drifted": f"{path}: 'final_fingerprint' is not the last day's fingerprint",
        "missing": f"{tmp_path / 'missing.json'}: no save named 'missing' in {tmp_path}",
        "../x": "../x: no such save file",
    }
    for arg, message in cases.items():
        assert main(["--saves-dir", str(tmp_path), *command, arg]) == 1
        captured = capsys.readouterr()
        assert captured.err == f"{prog}{message}\n"
        assert captured.out == ""


def test_days_planned_after_the_game_ended_are_refused(tmp_path: Path) -> None:
    scenario, playthrough = start_playthrough(TUTORIAL, 1)
    state = new_game(scenario, 1)
    while not state.over:
        plan = choose_plan("doctrine", state)
        state, _ = apply_plan(state, plan)
        playthrough = playthrough.after(plan, state)
    ended = len(playthrough.plans)
    beyond, _ = apply_plan(state, ())  # the engine itself does not stop a caller
    path = save_game(tmp_path, "beyond", playthrough.after((), beyond), beyond)
    # The save's fields disagree (a finished game's day is its last): refused as it is read.
    with pytest.raises(SaveError) as error:
        read_save(path)
    assert error.value.reason == (f"'day' is {ended}, but the save holds {state.outcome} after "
                                  f"{ended + 1} days (so day {ended + 1})")
    # Agreeing fields do not hide it either: the replay names the day.
    data = json.loads(path.read_text(encoding="utf-8"))
    data["day"] = ended + 1
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(SaveError) as error:
        restore(read_save(path))
    assert error.value.reason == (
        f"replay failed on day {ended + 1}: the game ended ({state.outcome}) on day {ended}")
    assert error.value.day == ended + 1


# --- whatever is done to a save's bytes, loading answers with a SaveError or the game ---------

_SAVED: dict[str, bytes] = {}


def _a_save(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    if not _SAVED:
        folder = tmp_path_factory.mktemp("fuzz")
        _SAVED["bytes"] = save_game(folder, "fuzz", *play(TUTORIAL, 2)[-1]).read_bytes()
    return _SAVED["bytes"]


@settings(max_examples=200, deadline=None)
@given(cut=st.integers(0, 10_000), flips=st.lists(st.tuples(st.integers(0, 10_000),
                                                            st.integers(0, 255)), max_size=3))
def test_damaged_bytes_never_escape_as_anything_but_a_save_error(
    tmp_path_factory: pytest.TempPathFactory, cut: int, flips: list[tuple[int, int]],
) -> None:
    data = bytearray(_a_save(tmp_path_factory))
    for at, value in flips:
        data[at % len(data)] = value
    data = data[: max(1, len(data) - cut % len(data))] if cut % 3 == 0 else data
    path = tmp_path_factory.mktemp("damaged") / "damaged.json"
    path.write_bytes(bytes(data))
    try:
        restore(read_save(path))
    except SaveError as error:
        assert "\n" not in str(error) and str(error).startswith(f"{path}: ")


_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=6,
)


@settings(max_examples=200, deadline=None)
@given(path_choice=st.integers(0, 10_000), value=_JSON)
def test_any_field_replaced_by_anything_is_a_save_error_or_a_game(
    tmp_path_factory: pytest.TempPathFactory, path_choice: int, value: Any,
) -> None:
    data = json.loads(_a_save(tmp_path_factory))
    # Every place a value sits in the save, as a list of keys and indexes.
    places: list[list[Any]] = []

    def walk(node: Any, where: list[Any]) -> None:
        places.append(where)
        items = node.items() if isinstance(node, dict) else enumerate(node) \
            if isinstance(node, list) else ()
        for key, inner in items:
            walk(inner, [*where, key])

    walk(data, [])
    where = places[path_choice % len(places)]
    if not where:
        data = value
    else:
        parent = data
        for key in where[:-1]:
            parent = parent[key]
        parent[where[-1]] = value
    path = tmp_path_factory.mktemp("edited") / "edited.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    try:
        restore(read_save(path))
    except SaveError as error:
        assert "\n" not in str(error)


def test_checked_in_format_2_save_reads_and_replays_or_names_the_rules() -> None:
    save = read_save(FIXTURES / "tutorial-seed7-day3-format2.json")
    assert (save.format_version, save.scenario_id, save.seed, save.day) == (2, "tutorial", 7, 3)
    assert save.without == ("vbieds",) and len(save.draft) == 1
    if save.rules_version != RULES_VERSION:  # the rules changed since: refused by name
        with pytest.raises(SaveError, match=f"made under rules version {save.rules_version}"):
            restore(save)
        return
    restored = restore(save)
    assert fingerprint(restored.state) == save.final_fingerprint
    assert restored.state.without == ("vbieds",) and restored.draft == save.draft
