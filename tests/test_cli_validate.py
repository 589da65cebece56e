"""`anbar validate`, `anbar schema` and `anbar scenarios` as a user runs them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.data.scenario import load_scenario

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def ok_line(path: Path | str, note: str = "") -> str:
    scenario = load_scenario(path)
    return f"{path}: ok ({len(scenario.places)} places, {len(scenario.roads)} roads{note})"


def test_clean_files_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(TUTORIAL)]) == 0
    assert capsys.readouterr().out == ok_line(TUTORIAL) + "\n"


def test_problems_exit_1_and_every_file_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.yaml"
    text = TUTORIAL.read_text(encoding="utf-8")
    bad.write_text(text.replace("at: haditha-dam", "at: haditha-dan", 1), encoding="utf-8")
    line = line_of(text, "at: haditha-dam")
    assert main(["validate", str(bad), str(TUTORIAL)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{bad}:{line}:9: units[2].at: unknown place 'haditha-dan' (did you mean 'haditha-dam'?)",
        ok_line(TUTORIAL),
    ]


def test_warnings_alone_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = TUTORIAL.read_text(encoding="utf-8")
    odd = tmp_path / "odd.yaml"
    odd.write_text(text.replace("  - place: saqra\n", "  - place: saqra\n  - place: saqra\n", 1),
                   encoding="utf-8")
    line = line_of(text, "  - place: saqra\n") + 1
    assert main(["validate", str(odd)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{odd}:{line}:12: warning: objectives[2].place: 'saqra' is already an objective "
        f"(line {line - 1}); this entry is ignored",
        ok_line(odd, ", 1 warning"),
    ]


def test_missing_file_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path / "none.yaml")]) == 1
    assert capsys.readouterr().out == f"{tmp_path / 'none.yaml'}: no such file\n"


def test_no_files_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["validate"])
    assert caught.value.code == 2


def test_hostile_file_in_a_real_process_gives_no_traceback() -> None:
    laughs = ROOT / "tests" / "broken" / "billion-laughs.yaml"
    done = subprocess.run(
        [sys.executable, "-m", "game", "validate", str(laughs)],
        cwd=ROOT, capture_output=True, text=True, timeout=30,
    )
    assert done.returncode == 1
    assert done.stderr == ""
    assert done.stdout == f"{laughs}:6:8: $: aliases expand to more than 100000 nodes: refused\n"


def test_schema_command_prints_the_committed_schema(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    out = capsys.readouterr().out
    assert out == (ROOT / "docs" / "scenario.schema.json").read_text(encoding="utf-8"), (
        "docs/scenario.schema.json is stale: run  python -m game schema > docs/scenario.schema.json"
    )
    assert json.loads(out)["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_scenarios_command_lists_the_builtins(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ANBAR_SCENARIOS_DIR", raising=False)
    assert main(["scenarios"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "TITLE", "DAYS", "PLACES"]
    assert [line.split()[0] for line in lines[1:]] == [p.stem for p in SHIPPED]
    tutorial = load_scenario(TUTORIAL)
    row = next(line for line in lines if line.startswith("tutorial "))
    assert row.split()[-2:] == [str(tutorial.days), str(len(tutorial.places))]


def test_scenarios_command_flags_a_broken_builtin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    monkeypatch.setenv("ANBAR_SCENARIOS_DIR", str(tmp_path))
    assert main(["scenarios"]) == 1
    assert capsys.readouterr().out.splitlines()[1].split() == [
        "broken", "(invalid:", "5", "errors;", "run", "anbar", "validate)", "-", "-"
    ]
