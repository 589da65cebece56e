"""The command-line contract against hostile input: bad input is one line on stderr and
a nonzero exit, never a traceback (docs: README "Commands", DESIGN's contract)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import MAX_RUNS, main

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def anbar(*args: str, **options: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=120, check=False, **options)  # type: ignore[call-overload]


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
