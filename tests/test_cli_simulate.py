"""The balance lab as an author runs it: `anbar simulate` and `anbar validate --balance`."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import SWITCHES as CLI_SWITCHES
from game.cli import main
from game.commands.lab import _Progress
from game.engine import SWITCHES
from game.engine.balance import GameSummary, aggregate, percentile, spread, wilson
from tests.test_data_sense import BASE

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml"))
OLD_KEYS = {"scenario", "policy", "runs", "seed", "wins", "win_rate", "mean_days",
            "mean_casualties", "mean_civilian_harm", "traps_struck", "traps_cleared",
            "fingerprints"}


def simulate_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    assert main(["simulate", *args, "--json"]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_every_core_gives_the_same_report_as_one(capsys: pytest.CaptureFixture[str]) -> None:
    one = simulate_json(capsys, "tutorial", "--runs", "12", "--jobs", "1")
    two = simulate_json(capsys, "tutorial", "--runs", "12", "--jobs", "2")
    assert one == two
    assert len(one["fingerprints"]) == 12  # type: ignore[arg-type]


def test_the_report_keeps_the_old_keys_and_adds_the_lab(
        capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "hit.yaml"
    path.write_text(BASE, encoding="utf-8")
    data = simulate_json(capsys, str(path), "--runs", "6", "--jobs", "1")
    assert set(data) >= OLD_KEYS | {"win_rate_ci95", "days", "days_of_wins",
                                    "casualties_by_cause", "civilian_harm", "objectives",
                                    "defeats", "operations_a_day", "without"}
    causes = data["casualties_by_cause"]
    assert set(causes) == {"traps", "vbieds", "assaults", "counterattacks",  # type: ignore[arg-type]
                           "attrition"}
    assert sum(causes.values()) == pytest.approx(data["mean_casualties"], abs=0.01)  # type: ignore[union-attr]
    low, high = data["win_rate_ci95"]  # type: ignore[misc]
    assert low <= data["win_rate"] <= high  # type: ignore[operator]
    assert [o["place"] for o in data["objectives"]] == ["kubaysah", "baghdadi"]  # type: ignore[union-attr, index]


def test_the_table_says_why_games_are_lost(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    path = tmp_path / "hit.yaml"
    path.write_text(BASE.replace("  - place: kubaysah\n", "  - place: kubaysah\n    by_day: 1\n"),
                    encoding="utf-8")
    assert main(["simulate", str(path), "--runs", "4", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert "The Hit road: 4 games with the doctrine policy, seeds 1..4" in out
    assert "won   0 of 4 (0%; 95% interval 0%-49%)" in out
    assert "4  Kubaysah not held by day 1" in out
    for heading in ("days", "losses a game", "booby-traps", "car bombs", "attrition",
                    "civilian harm", "objective", "al-Baghdadi", "operations planned a day"):
        assert heading in out


def test_an_idle_side_loses_to_the_day_limit(capsys: pytest.CaptureFixture[str]) -> None:
    data = simulate_json(capsys, "tutorial", "--runs", "3", "--policy", "idle")
    assert data["wins"] == 0
    assert data["defeats"] == [{"reason": "day-limit", "place": "zawiya", "by_day": None,
                                "games": 3}]


def test_without_switches_rules_off(capsys: pytest.CaptureFixture[str]) -> None:
    data = simulate_json(capsys, "tutorial", "--runs", "3", "--without", "traps",
                         "--without", "vbieds")
    assert data["without"] == ["traps", "vbieds"]
    assert data["traps_struck"] == 0
    assert data["casualties_by_cause"]["traps"] == 0  # type: ignore[index]
    with pytest.raises(SystemExit):
        main(["simulate", "tutorial", "--without", "luck"])


def test_the_command_line_knows_the_engine_switches() -> None:
    assert CLI_SWITCHES == SWITCHES


@pytest.mark.parametrize("words", [["simulate", "tutorial", "--jobs", "0"],
                                   ["simulate", "tutorial", "--runs", "0"],
                                   ["validate", "--balance", "--jobs", "0", str(SHIPPED[0])]])
def test_bad_counts_are_usage_errors(words: list[str]) -> None:
    with pytest.raises(SystemExit) as usage:  # argparse's usage error, as for --seed
        main(words)
    assert usage.value.code == 2


# --- the arithmetic -------------------------------------------------------------------

def test_percentiles_are_by_nearest_rank() -> None:
    days = sorted([29, 31, 40, 42, 44, 50, 51, 55, 58, 60])
    assert (percentile(days, 0.1), percentile(days, 0.5), percentile(days, 0.9)) == (29, 44, 58)
    assert percentile([7], 0.9) == 7
    s = spread([4, 4, 8])
    assert s is not None and (s.mean, s.p50, s.low, s.high) == (5.333, 4, 4, 8)
    assert spread([]) is None


def test_the_interval_is_wilsons() -> None:
    assert wilson(154, 200) == (0.7069, 0.8229)
    assert wilson(0, 4) == (0.0, 0.4899)
    assert wilson(10, 10)[1] == 1.0


def summary(seed: int, won: bool, reason: str, missed: str | None = None,
            by_day: int | None = None) -> GameSummary:
    return GameSummary(seed, won, 10, reason, missed, by_day, (1, 2, 3, 4, 5), 0, 0, 0,
                       (("kubaysah", 3),), ("kubaysah",), 20, f"f{seed}")


def test_defeats_are_counted_by_reason_most_frequent_first() -> None:
    from game.data.scenario import parse_scenario

    scenario = parse_scenario(BASE, "s.yaml")
    games = [summary(1, True, "objectives-held"),
             summary(2, False, "day-limit", "baghdadi"),
             summary(3, False, "deadline", "kubaysah", 5),
             summary(4, False, "day-limit", "baghdadi")]
    report = aggregate(scenario, "doctrine", 1, games)
    assert [(d.reason, d.place, d.by_day, d.games) for d in report.defeats] == [
        ("day-limit", "baghdadi", None, 2), ("deadline", "kubaysah", 5, 1)]
    assert report.casualties_by_cause == (("traps", 1.0), ("vbieds", 2.0), ("assaults", 3.0),
                                          ("counterattacks", 4.0), ("attrition", 5.0))
    assert report.operations_a_day == 2.0
    kubaysah = report.objectives[0]
    assert (kubaysah.taken_rate, kubaysah.held_rate) == (1.0, 1.0)


# --- the progress bar -------------------------------------------------------------------

class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_shows_on_a_terminal_after_a_second_and_clears() -> None:
    now = [0.0]
    stream = Terminal()
    bar = _Progress(4, stream, clock=lambda: now[0])
    bar.step()
    assert stream.getvalue() == ""  # quick runs show nothing
    now[0] = 1.5
    bar.step()
    assert stream.getvalue().endswith("2/4 games")
    bar.done()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_no_progress_when_not_a_terminal() -> None:
    stream = io.StringIO()
    bar = _Progress(2, stream, clock=lambda: 99.0)
    bar.step()
    bar.done()
    assert stream.getvalue() == ""


def test_no_progress_in_a_pipe() -> None:
    done = subprocess.run([sys.executable, "-m", "game", "simulate", "tutorial", "--runs", "3"],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert done.stderr == ""


# --- the declared balance band ----------------------------------------------------------

def test_the_shipped_scenarios_hold_their_balance_bands() -> None:
    """Runs what CI runs: a rule change that moves a scenario out of its band fails here."""
    done = subprocess.run([sys.executable, "-m", "game", "validate", "--balance",
                           *map(str, SHIPPED)], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    for path in SHIPPED:
        assert f"{path}: balance ok: " in done.stdout


def test_a_band_missed_is_a_problem_at_its_line(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hit.yaml"
    path.write_text(BASE + "balance:\n  runs: 4\n  win_rate: [0.0, 0.2]\n", encoding="utf-8")
    assert main(["validate", str(path)]) == 0  # without --balance: only its form
    capsys.readouterr()
    assert main(["validate", "--balance", "--jobs", "1", str(path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"{path}: ok (4 places, 3 roads)"
    assert lines[1] == (
        f"{path}:28:13: balance.win_rate: doctrine won 4 of 4 games (100%; 95% interval "
        f"51%-100%; seeds 1..4): outside the declared band 0%..20%; see anbar simulate {path} "
        "--policy doctrine --runs 4 --seed 1")


def test_a_file_with_no_band_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hit.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert main(["validate", "--balance", str(path)]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == (
        f"{path}: no balance band declared (add balance: to check one)")


def test_a_band_upside_down_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    from game.data.scenario import analyse_text

    found = [str(p) for p in analyse_text(BASE + "balance: {win_rate: [0.9, 0.6]}\n",
                                          "s.yaml").problems]
    assert found == ["s.yaml:26:21: balance.win_rate: [0.9, 0.6]: the low end is above "
                     "the high end"]


def test_warnings_are_pointed_out_on_standard_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hit.yaml"
    path.write_text(BASE.replace("range_km: 80", "range_km: 30"), encoding="utf-8")
    assert main(["simulate", str(path), "--jobs", "1"]) == 0
    assert capsys.readouterr().err == (
        f"anbar simulate: {path} has 2 warnings (anbar validate {path} lists them)\n")


def test_a_broken_scenario_is_refused_with_its_problems(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "hit.yaml"
    path.write_text(BASE.split("objectives:")[0], encoding="utf-8")
    assert main(["simulate", str(path)]) == 1
    assert capsys.readouterr().err.startswith(f"{path}:1:1: objectives: no objectives")


def test_where_traps_and_car_bombs_struck_adds_up_to_their_losses(
        capsys: pytest.CaptureFixture[str]) -> None:
    """The ground's losses are the games' losses to traps and car bombs, spread over the
    roads and places where they fell, costliest first; the table shows the first five."""
    data = simulate_json(capsys, "western-anbar-2017", "--runs", "6", "--jobs", "1")
    ground: list[dict[str, object]] = data["struck_ground"]  # type: ignore[assignment]
    causes: dict[str, float] = data["casualties_by_cause"]  # type: ignore[assignment]
    assert len(ground) > 5
    assert sum(g["losses_to_traps"] for g in ground) == pytest.approx(  # type: ignore[misc]
        causes["traps"], abs=0.01)
    assert sum(g["losses_to_vbieds"] for g in ground) == pytest.approx(  # type: ignore[misc]
        causes["vbieds"], abs=0.01)
    losses = [g["losses"] for g in ground]
    assert losses == sorted(losses, reverse=True)  # type: ignore[type-var]
    assert {g["kind"] for g in ground} <= {"road", "place"}
    assert all(0 < g["games_rate"] <= 1 for g in ground)  # type: ignore[operator]
    assert main(["simulate", "western-anbar-2017", "--runs", "6", "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    table = out.split("where traps and car bombs struck, a game\n", 1)[1].splitlines()
    assert table[0].split() == ["losses", "traps", "bombs", "strikes", "games"]
    assert [row.split()[-5] for row in table[1:6]] == [f"{g['losses']:.1f}" for g in ground[:5]]
    assert table[6].startswith(f"  ... {len(ground) - 5} more places and roads struck")


def test_no_ground_struck_without_traps_or_car_bombs(capsys: pytest.CaptureFixture[str]) -> None:
    data = simulate_json(capsys, "tutorial", "--runs", "2", "--without", "traps",
                         "--without", "vbieds")
    assert data["struck_ground"] == []
    assert main(["simulate", "tutorial", "--runs", "2", "--without", "traps", "--without",
                 "vbieds"]) == 0
    assert "where traps and car bombs struck" not in capsys.readouterr().out


def test_ctrl_c_clears_the_progress_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """Interrupted, the lab leaves no half bar for the shell's prompt to follow."""
    from game.commands import lab
    from game.data.scenario import load_scenario

    played = [0]

    def one(*args: object) -> object:
        played[0] += 1
        if played[0] == 3:
            raise KeyboardInterrupt
        return None

    monkeypatch.setattr(lab, "play_one", one)
    monkeypatch.setattr(lab, "PROGRESS_AFTER_S", 0.0)
    stream = Terminal()
    with pytest.raises(KeyboardInterrupt):
        lab.play_many(load_scenario(ROOT / "scenarios" / "tutorial.yaml"), "doctrine",
                      range(1, 9), jobs=1, progress=stream)
    assert stream.getvalue().endswith("2/8 games\r\x1b[K")
