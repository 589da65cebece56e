"""The command-line contract against hostile input: bad input is one line on stderr and
a nonzero exit, never a traceback (docs: README "Commands", DESIGN's contract)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import MAX_JOBS, MAX_RUNS, main

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def anbar(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    streams: dict[str, object] = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
    streams.update(options)
    return subprocess.run([sys.executable, "-m", "game", *args], text=True, cwd=ROOT,  # type: ignore[call-overload, no-any-return]
                          timeout=120, check=False, **streams)


def one_line_error(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert "Traceback" not in stderr
    assert lines, "no message"
    return lines[-1]


# --- counts -----------------------------------------------------------------------------

def test_the_runs_bound_is_the_balance_bands() -> None:
    from game.data.format import MAX_RUNS as BAND_RUNS

    assert MAX_RUNS == BAND_RUNS


@pytest.mark.parametrize("runs", ["99999999999999999999999", str(MAX_RUNS + 1), "0", "-3",
                                  "many"])
def test_simulate_refuses_a_run_count_out_of_bounds(
    runs: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["simulate", str(TUTORIAL), "--runs", runs])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "argument --runs" in one_line_error(err)


@pytest.mark.parametrize("command", [["simulate", str(TUTORIAL)],
                                     ["validate", "--balance", str(TUTORIAL)]])
@pytest.mark.parametrize("count", ["100000", str(MAX_JOBS + 1), "99999999999999999999999"])
def test_an_absurd_number_of_processes_is_a_usage_error(
    command: list[str], count: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stop:
        main([*command, "--jobs", count])
    assert stop.value.code == 2
    assert "argument --jobs" in one_line_error(capsys.readouterr().err)


def test_no_more_workers_than_usable_cores(monkeypatch: pytest.MonkeyPatch) -> None:
    from game.commands import lab
    from game.data.scenario import load_scenario

    started: list[int] = []

    class Pool:
        def __init__(self, workers: int, **_: object) -> None:
            started.append(workers)

        def map(self, play: object, seeds: list[int], chunksize: int) -> list[object]:
            return [lab.play_one(scenario, "idle", seed) for seed in seeds]

        def shutdown(self, **_: object) -> None:
            pass

    scenario = load_scenario(TUTORIAL)
    monkeypatch.setattr(lab, "ProcessPoolExecutor", Pool)
    monkeypatch.setattr(lab, "cores", lambda: 2)
    games = lab.play_many(scenario, "idle", range(1, 7), jobs=60)
    assert started == [2] and len(games) == 6
    assert lab.play_many(scenario, "idle", range(1, 7), jobs=1) == games


def test_the_help_says_the_workers_stop_at_the_cores(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["simulate", "--help"])
    assert "usable cores" in capsys.readouterr().out


# --- an output that cannot be written ---------------------------------------------------

@pytest.fixture(scope="module")
def saves(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("saves")
    done = anbar("--saves-dir", str(folder), "simulate", "tutorial", "--save", "kept")
    assert done.returncode == 0, done.stderr
    return folder


UNWRITABLE = {
    "schema": ["schema"],
    "rules": ["rules"],
    "scenarios": ["scenarios"],
    "validate": ["validate", str(TUTORIAL)],
    "simulate": ["simulate", "tutorial", "--runs", "2"],
    "saves": ["saves"],
    "replay": ["replay", "kept"],
    "replay --report": ["replay", "kept", "--report", "md"],
}


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("name", sorted(UNWRITABLE))
def test_a_full_disk_is_one_line_and_status_1(name: str, saves: Path) -> None:
    with open("/dev/full", "w", encoding="utf-8") as full:
        done = anbar("--saves-dir", str(saves), *UNWRITABLE[name], stdout=full)
    assert done.stderr == "anbar: cannot write the output: No space left on device\n"
    assert done.returncode == 1


@pytest.mark.parametrize("name", ["validate", "schema", "replay"])
def test_a_closed_standard_output_is_one_line_and_status_1(name: str, saves: Path) -> None:
    done = anbar("--saves-dir", str(saves), *UNWRITABLE[name], stdout=None,
                 preexec_fn=lambda: os.close(1))
    assert done.stderr == "anbar: cannot write the output: standard output is closed\n"
    assert done.returncode == 1


def test_an_output_opened_for_reading_is_one_line_and_status_1() -> None:
    with open(os.devnull, encoding="utf-8") as read_only:
        done = anbar("schema", stdout=read_only)
    assert done.stderr == "anbar: cannot write the output: Bad file descriptor\n"
    assert done.returncode == 1


# --- replay --view ----------------------------------------------------------------------

def _saved(folder: Path) -> Path:
    assert main(["--saves-dir", str(folder), "simulate", "tutorial", "--save", "seen"]) == 0
    return folder / "seen.json"


class _App:
    """Stands for the terminal UI: records that it ran, and may stop on an error."""

    def __init__(self, crash: BaseException | None = None) -> None:
        self.crash = crash
        self.crash_note: str | None = None
        self.return_code: int | None = None
        self.ran = False

    def run(self) -> None:
        self.ran = True


@pytest.mark.parametrize("tamper", ["final_fingerprint", "a day's fingerprint"])
def test_view_refuses_a_save_that_does_not_replay_before_any_ui(
    tamper: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from game.tui import app

    path = _saved(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    if tamper == "final_fingerprint":
        data["final_fingerprint"] = "0" * 64
    else:
        data["days"][1]["fingerprint"] = "0" * 64
    path.write_text(json.dumps(data), encoding="utf-8")
    opened: list[object] = []
    monkeypatch.setattr(app, "create_app", lambda **kw: opened.append(kw) or _App())
    capsys.readouterr()
    assert main(["replay", str(path)]) == 1
    plain = capsys.readouterr().err
    assert main(["replay", str(path), "--view"]) == 1
    assert capsys.readouterr().err == plain and plain.count("\n") == 1
    assert opened == []


def test_view_of_a_good_save_opens_the_ui_and_a_crash_in_it_is_status_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.tui import app

    path = _saved(tmp_path)
    shown = _App()
    monkeypatch.setattr(app, "create_app", lambda **kw: shown)
    assert main(["replay", str(path), "--view"]) == 0 and shown.ran
    monkeypatch.setattr(app, "create_app", lambda **kw: _App(RuntimeError("boom")))
    capsys.readouterr()
    assert main(["replay", str(path), "--view"]) == 1
    assert "anbar replay: the game stopped on an error: RuntimeError: boom" in (
        capsys.readouterr().err)


# --- a scenario or a folder that is not what it should be -------------------------------

def _not_a_file(kind: str, where: Path) -> tuple[str, str]:
    """A path of the kind, and the reason `anbar validate` gives for it."""
    if kind == "folder":
        return str(where), "is a directory, not a scenario file"
    if kind == "fifo":
        os.mkfifo(where / "pipe.yaml")
        return str(where / "pipe.yaml"), "not a regular file"
    if kind == "device":
        return os.devnull, "not a regular file"
    (where / "loop.yaml").symlink_to(where / "loop.yaml")
    return str(where / "loop.yaml"), "cannot read: Too many levels of symbolic links"


@pytest.mark.parametrize("command", ["play", "simulate"])
@pytest.mark.parametrize("kind", ["folder", "fifo", "device", "symlink loop"])
def test_play_and_simulate_give_the_reason_a_path_is_not_a_scenario(
    command: str, kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, reason = _not_a_file(kind, tmp_path)
    assert main(["validate", path]) == 1
    assert capsys.readouterr().out == f"{path}: {reason}\n"
    assert main([command, path]) == 1
    assert capsys.readouterr().err == f"anbar {command}: {path}: {reason}\n"


@pytest.mark.parametrize("command", ["play", "simulate"])
def test_an_empty_scenario_name_is_said_to_be_empty(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([command, ""]) == 1
    assert capsys.readouterr().err == (
        f"anbar {command}: the scenario's name is empty: give a file or a built-in "
        "scenario's id\n")
    assert main(["validate", "", str(TUTORIAL)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "'': the name is empty: not a scenario file or a built-in scenario's id"
    assert out[1].startswith(f"{TUTORIAL}: ok")


def test_a_builtin_id_wins_over_a_folder_of_that_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tutorial").mkdir()
    assert main(["simulate", "tutorial", "--jobs", "1"]) == 0


@pytest.mark.parametrize("kind", ["file", "symlink loop"])
def test_saves_dir_that_is_not_a_folder_says_so(
    kind: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = tmp_path / "saves"
    if kind == "file":
        where.write_text("not a folder\n", encoding="utf-8")
        reason = "not a folder"
    else:
        where.symlink_to(where)
        reason = "cannot open: Too many levels of symbolic links"
    assert main(["saves", "--saves-dir", str(where)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"anbar saves: {where}: {reason} (") and err.count("\n") == 1


# --- simulate --save --------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../escape", ".hidden", "autosave-1", "con", "a\tb"])
def test_simulate_refuses_a_bad_save_name_before_playing(
    name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from game.commands import simulate

    def no_game(*_: object, **__: object) -> object:
        raise AssertionError("a game was played")

    monkeypatch.setattr(simulate, "play_game", no_game)
    with pytest.raises(SystemExit) as stop:
        main(["simulate", "tutorial", "--save", name])
    assert stop.value.code == 2
    assert "argument --save:" in one_line_error(capsys.readouterr().err)
