"""Command-line options where a player puts them: --saves-dir before or after the
command, built-in ids wherever a scenario is named, contradictions refused, the rules
shipped with the game."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import build_parser, main
from game.data import saves
from game.engine import apply_plan, choose_plan

ROOT = Path(__file__).resolve().parent.parent
TUTORIAL = ROOT / "scenarios" / "tutorial.yaml"


def _save(folder: Path, name: str = "one-day") -> Path:
    scenario, playthrough = saves.start_playthrough(TUTORIAL, 2)
    state = saves.opened(scenario, playthrough).state
    plan = choose_plan("doctrine", state)
    state, _ = apply_plan(state, plan)
    return saves.save_game(folder, name, playthrough.after(plan, state), state)


@pytest.mark.parametrize("command", ["saves", "replay one-day"])
def test_saves_dir_before_or_after_the_command(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _save(tmp_path)
    words = command.split()
    assert main(["--saves-dir", str(tmp_path), *words]) == 0
    before = capsys.readouterr().out
    assert main([*words, "--saves-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.split("  ")[0] == before.split("  ")[0]
    assert "one-day" in before


def test_the_saves_dir_after_the_command_wins_and_every_command_shows_it() -> None:
    parser = build_parser()
    args = parser.parse_args(["--saves-dir", "a", "saves", "--saves-dir", "b"])
    assert args.saves_dir == "b"
    assert parser.parse_args(["--saves-dir", "a", "saves"]).saves_dir == "a"
    assert parser.parse_args(["saves"]).saves_dir is None
    for command in ("play", "validate", "simulate", "saves", "replay", "serve"):
        helped = [a for a in parser._subparsers._group_actions[0].choices[command]._actions
                  if "--saves-dir" in a.option_strings]
        assert helped and "ANBAR_SAVES_DIR" in (helped[0].help or ""), command


def test_play_refuses_a_scenario_and_a_save_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["play", "tutorial", "--load", "mine", "--saves-dir", str(tmp_path)])
    assert exit_.value.code == 2
    assert "give a SCENARIO or --load SAVE, not both" in capsys.readouterr().err


def test_play_refuses_a_seed_with_a_save(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A save goes on with the seed it was played with: a seed given beside it would be
    silently unused, so it is refused before anything is read."""
    with pytest.raises(SystemExit) as exit_:
        main(["play", "--load", "mine", "--seed", "7", "--saves-dir", str(tmp_path)])
    assert exit_.value.code == 2
    assert "--seed 7 is for a new game; a save (--load mine) goes on with its own seed" in (
        capsys.readouterr().err)


def test_validate_takes_a_builtin_id(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "tutorial"]) == 0
    assert capsys.readouterr().out.startswith(f"{TUTORIAL.resolve()}: ok (")


def test_simulate_refuses_an_empty_save_name(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["simulate", "tutorial", "--save", ""])
    assert exit_.value.code == 2
    assert "a save needs a name" in capsys.readouterr().err


def test_saves_in_an_empty_folder_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["saves", "--saves-dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out == f"no saves in {tmp_path.resolve()}\n"


def test_rules_print_the_shipped_rules(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    text = capsys.readouterr().out
    assert text == (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert (ROOT / "game" / "rules.md").resolve() == (ROOT / "docs" / "rules.md").resolve()
    package_data = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"rules.md"' in package_data
