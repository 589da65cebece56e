"""The zoo of unusual but valid scenarios (tests/scenario_zoo.py): each validates, every
policy plays each to its end, and a game on the strangest of them is saved and replayed
from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.cli import main
from game.data.scenario import parse_scenario
from game.engine import POLICIES, play_game
from tests import scenario_zoo


@pytest.fixture(scope="module")
def zoo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("zoo")
    for name in scenario_zoo.ZOO:
        (folder / f"{name}.yaml").write_text(scenario_zoo.text(name), encoding="utf-8")
    return folder


def test_every_scenario_of_the_zoo_validates(zoo: Path, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    paths = sorted(str(path) for path in zoo.glob("*.yaml"))
    assert len(paths) == len(scenario_zoo.ZOO)
    assert main(["validate", *paths]) == 0, capsys.readouterr()


@pytest.mark.parametrize("policy", ["doctrine", "random"])
def test_a_game_on_roads_between_the_longest_ids_saves_and_replays(
    zoo: Path, tmp_path: Path, policy: str, capsys: pytest.CaptureFixture[str],
) -> None:
    # A road's default id joins its places' ids ("a--b"): 200 characters between two ids
    # of 100, the longest allowed. A save naming such a road was refused by its own replay.
    path = zoo / "long-names.yaml"
    saves = ["--saves-dir", str(tmp_path)]
    assert main([*saves, "simulate", "--policy", policy, "--seed", "3", "--save", "game",
                 str(path)]) == 0
    capsys.readouterr()
    assert main([*saves, "replay", "game"]) == 0, capsys.readouterr().err
    assert "replays exactly" in capsys.readouterr().out


@pytest.mark.parametrize("policy", POLICIES)
def test_every_policy_plays_every_scenario_of_the_zoo_to_its_end(policy: str) -> None:
    """Each built-in policy (the reckless one too, which drives where the doctrine would
    not) plays each unusual scenario to its end, within its day limit, the same twice."""
    for name in scenario_zoo.ZOO:
        scenario = parse_scenario(scenario_zoo.text(name), f"{name}.yaml")
        game = play_game(scenario, 3, policy)
        assert game.final.over, name
        assert game.days <= scenario.days, name
        assert play_game(scenario, 3, policy).fingerprints == game.fingerprints, name
