"""Saves: round trips, every bad save refused untouched, atomic writes, names that cannot escape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.cli import main
from game.data import saves
from game.data.saves import (
    Playthrough,
    SaveError,
    SaveNameError,
    autosave,
    check_save_name,
    find_save,
    read_save,
    restore,
    save_game,
    start_playthrough,
)
from game.engine import GameState, apply_plan, fingerprint, new_game
from tests.test_saves_robust import play as play_scenario

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def play(days: int, seed: int = 5) -> list[tuple[Playthrough, GameState]]:
    """The tutorial under the doctrine policy: (playthrough, state) after each day."""
    return play_scenario(TUTORIAL, days, seed)


@pytest.fixture
def game_saved(tmp_path: Path) -> Path:
    playthrough, state = play(3)[-1]
    return save_game(tmp_path, "mine", playthrough, state)  # type: ignore[arg-type]


def test_round_trip_at_every_day(tmp_path: Path) -> None:
    days = play(10)
    assert len(days) >= 3
    for day, (playthrough, state) in enumerate(days, 1):
        path = save_game(tmp_path, f"day-{day}", playthrough, state)  # type: ignore[arg-type]
        restored = restore(read_save(path))
        assert fingerprint(restored.state) == fingerprint(state)  # type: ignore[arg-type]
        assert restored.playthrough.plans == playthrough.plans
        assert restored.state.day == state.day  # type: ignore[attr-defined]


def test_save_keeps_the_scenario_text_so_it_loads_after_the_file_moves(tmp_path: Path) -> None:
    moved = tmp_path / "moved.yaml"
    moved.write_text(TUTORIAL.read_text(encoding="utf-8"), encoding="utf-8")
    scenario, playthrough = start_playthrough(moved, 2)
    state, _ = apply_plan(new_game(scenario, 2), ())
    path = save_game(tmp_path, "moved", playthrough.after((), state), state)
    moved.unlink()
    assert restore(read_save(path)).state.day == 2


def refused(path: Path) -> str:
    before = path.read_bytes(), path.stat().st_mtime_ns
    with pytest.raises(SaveError) as error:
        restore(read_save(path))
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before  # never touched
    assert str(path) in str(error.value) and "\n" not in str(error.value)
    return error.value.reason


def edit(path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_truncated_save(game_saved: Path) -> None:
    game_saved.write_bytes(game_saved.read_bytes()[:300])
    assert refused(game_saved).startswith("not a save: invalid JSON")


@pytest.mark.parametrize(
    "content, reason",
    [
        (b'{"hello": "world"}', "not a Euphrates Road save"),
        (b"id: tutorial\ndays: 3\n", "not a save: invalid JSON at line 1"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not a save: not UTF-8 text"),
        (b"", "empty file: not a save"),
    ],
)
def test_foreign_files(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "foreign.json"
    path.write_bytes(content)
    assert refused(path) == reason


def test_newer_format_version(game_saved: Path) -> None:
    edit(game_saved, lambda d: d.update(format_version=9))
    assert refused(game_saved) == (
        "made by a newer version of the game "
        f"(save format 9; this game reads up to {saves.FORMAT_VERSION})"
    )


def test_scenario_copy_edited(game_saved: Path) -> None:
    edit(game_saved, lambda d: d["scenario"].update(text=d["scenario"]["text"] + "\n# edited"))
    assert "does not match its checksum" in refused(game_saved)


def test_fingerprint_that_does_not_replay_names_the_day(game_saved: Path) -> None:
    edit(game_saved, lambda d: d["days"][1].update(fingerprint="0" * 64))
    assert refused(game_saved).startswith("replay drifted on day 2: expected 000000000000")


def test_every_day_of_a_save_is_checked_and_a_drift_names_its_day(tmp_path: Path) -> None:
    """Each day's fingerprint is checked, not only the last: a save whose last state
    replays right is still refused on the one middle day it does not, by that day."""
    playthrough, state = play(5)[-1]
    days = len(playthrough.plans)  # type: ignore[attr-defined]
    assert days >= 4
    for day in range(1, days + 1):
        path = save_game(tmp_path, f"day-{day}", playthrough, state)  # type: ignore[arg-type]

        def drift(data: dict[str, object], day: int = day) -> None:
            data["days"][day - 1]["fingerprint"] = "f" * 64  # type: ignore[index]
            if day == days:  # the last day's is the final one too (else another refusal)
                data["final_fingerprint"] = "f" * 64

        edit(path, drift)
        assert refused(path).startswith(f"replay drifted on day {day}: expected ffffffffffff")


def test_a_restored_game_saves_again_as_it_was(tmp_path: Path) -> None:
    playthrough, state = play(4)[-1]
    path = save_game(tmp_path, "mine", playthrough, state)  # type: ignore[arg-type]
    restored = restore(read_save(path))
    assert restored.playthrough.reaches(restored.state)
    again = read_save(save_game(tmp_path, "again", restored.playthrough, restored.state))
    first = read_save(path)
    assert (again.fingerprints, again.final_fingerprint) == (
        first.fingerprints, first.final_fingerprint)
    assert again.final_fingerprint == fingerprint(state)  # type: ignore[arg-type]


def test_plan_the_engine_refuses(game_saved: Path) -> None:
    bad = {"owner": "nobody", "kind": "move", "target": "saqra"}
    edit(game_saved, lambda d: d["days"][0]["plan"].insert(0, bad))
    assert refused(game_saved).startswith("replay failed on day 1:")


def test_unknown_operation_kind(game_saved: Path) -> None:
    edit(game_saved, lambda d: d["days"][0]["plan"].insert(0, {"owner": "x", "kind": "teleport"}))
    assert refused(game_saved) == "day 1 line 1: unknown operation 'teleport'"


@pytest.mark.parametrize(
    "name", ["../escape", "a/b", "/etc/passwd", "..", ".hidden", "", "CON", "nul.txt",
             "bad\x00name", "x" * 65, " padded"],
)
def test_names_that_try_to_escape_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(SaveNameError):
        check_save_name(name)
    playthrough, state = play(1)[-1]
    with pytest.raises(SaveNameError):
        save_game(tmp_path, name, playthrough, state)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_good_names_and_find_save(tmp_path: Path, game_saved: Path) -> None:
    assert check_save_name("Ana day 3_v2.1") == "Ana day 3_v2.1"
    assert find_save("mine", tmp_path) == game_saved
    assert find_save(str(game_saved), Path("elsewhere")) == game_saved
    with pytest.raises(SaveError, match="no save named 'other'"):
        find_save("other", tmp_path)


def test_failure_between_write_and_rename_keeps_the_previous_save(
    tmp_path: Path, game_saved: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = game_saved.read_bytes()
    playthrough, state = play(5)[-1]

    def broken_replace(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(saves.os, "replace", broken_replace)
    with pytest.raises(SaveError, match="No space left on device"):
        save_game(tmp_path, "mine", playthrough, state)  # type: ignore[arg-type]
    monkeypatch.undo()
    assert game_saved.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.json"]  # no stray temp file
    restore(read_save(game_saved))


def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    playthrough, state = play(1)[-1]
    with pytest.raises(SaveError, match="cannot write"):
        save_game(blocker / "saves", "x", playthrough, state)  # type: ignore[arg-type]


def test_autosave_keeps_the_last_three(tmp_path: Path) -> None:
    for playthrough, state in play(6):
        autosave(tmp_path, playthrough, state)  # type: ignore[arg-type]
    names = sorted(p.name for p in tmp_path.iterdir())
    assert len(names) == 3 and all(n.startswith("autosave-") for n in names)
    newest = saves.latest_save(tmp_path)
    assert newest is not None and newest.name == names[-1]


# A process stopped by Ctrl+C or SIGKILL in a save loop: tests/test_saves_robust.py.


def test_saves_dir_flag_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANBAR_SAVES_DIR", "/from/env")
    assert saves.saves_dir("flag") == Path("flag")
    assert saves.saves_dir(None) == Path("/from/env")
    monkeypatch.delenv("ANBAR_SAVES_DIR")
    assert saves.saves_dir(None) == Path("saves")


def test_simulate_save_then_replay_gives_the_same_fingerprint(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(tmp_path)
    assert main(["--saves-dir", folder, "simulate", "tutorial", "--seed", "7", "--runs", "1",
                 "--save", "sim", "--json"]) == 0
    simulated = json.loads(capsys.readouterr().out)
    assert main(["--saves-dir", folder, "replay", "sim", "--json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed["fingerprint_ok"] is True
    assert replayed["fingerprint"] == simulated["fingerprints"][0]
    assert replayed["scenario"] == "tutorial" and replayed["seed"] == 7


def test_replay_and_saves_commands_on_a_bad_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    assert main(["--saves-dir", str(tmp_path), "replay", "broken"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken.json: not a save" in err
    assert main(["--saves-dir", str(tmp_path), "saves"]) == 0
    assert capsys.readouterr().out == (
        "NAME    SCENARIO  DAY  OUTCOME      SAVED (UTC)\n"
        "broken  unreadable: not a save: invalid JSON at line 1 (truncated?)\n"
    )


def test_a_save_played_without_rules_replays_saying_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(tmp_path)
    assert main(["--saves-dir", folder, "simulate", "tutorial", "--seed", "7", "--without",
                 "supply", "--save", "ablated"]) == 0
    capsys.readouterr()
    assert main(["--saves-dir", folder, "replay", "ablated", "--json"]) == 0
    replayed = json.loads(capsys.readouterr().out)
    assert replayed["fingerprint_ok"] is True and replayed["without"] == ["supply"]
    assert main(["--saves-dir", folder, "replay", "ablated"]) == 0
    assert ", without supply, day " in capsys.readouterr().out
    assert main(["--saves-dir", folder, "replay", "sim", "--json"]) == 1  # none such
    assert main(["--saves-dir", folder, "simulate", "tutorial", "--save", "whole"]) == 0
    capsys.readouterr()
    assert main(["--saves-dir", folder, "replay", "whole", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["without"] == []
    assert main(["--saves-dir", folder, "saves"]) == 0
    listed = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()}
    assert listed["ablated"].endswith("Z  without supply")
    assert listed["whole"].endswith("Z")  # the full rules: nothing said
    from game.tui.screens.saves import describe_save, summarize_save

    info = saves.save_info(tmp_path / "ablated.json")
    assert info is not None and info.without == ("supply",)
    assert describe_save(info).endswith("  without supply")
    assert ", victory, without supply; saved " in summarize_save(info)
