"""One meaning of "objective": `Scenario.objectives`, whichever way the file spells it.

`objectives: [- place: X]` and `objective: true` on X build the same scenario, and
every reader (victory, the policies, the observation, the map's `*`, the checker,
the balance lab) reads that one list, so both spellings play and win alike.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from game.commands.lab import play_many
from game.data.scenario import analyse_text, parse_scenario
from game.engine import GameOver, Objective, Outcome, choose_plan, new_game, observe, play_game
from game.engine.balance import aggregate
from game.tui.widgets.map_model import build_map_model, model_from_scenario
from tests.test_data_sense import BASE

LISTED = BASE
FLAGGED = (BASE.split("objectives:")[0]
           .replace("garrison: 40}", "garrison: 40, objective: true}")
           .replace("garrison: 60}", "garrison: 60, objective: true}"))
BOTH = BASE.replace("garrison: 40}", "garrison: 40, objective: true}")
SPELLINGS = {"listed": LISTED, "flagged": FLAGGED, "both": BOTH}


def test_every_spelling_builds_the_same_scenario() -> None:
    built = {name: parse_scenario(text, "s.yaml") for name, text in SPELLINGS.items()}
    assert built["listed"].objectives == (Objective("kubaysah"), Objective("baghdadi"))
    assert built["flagged"] == built["listed"]
    assert built["both"] == built["listed"]


def test_the_list_keeps_its_deadlines_and_the_order_of_the_places() -> None:
    text = BASE.replace("  - place: kubaysah\n  - place: baghdadi\n",
                        "  - place: baghdadi\n    by_day: 9\n  - place: kubaysah\n")
    assert parse_scenario(text, "s.yaml").objectives == (
        Objective("kubaysah"), Objective("baghdadi", 9))


@pytest.mark.parametrize("policy", ["doctrine", "random", "idle"])
def test_both_spellings_play_and_win_identically(policy: str) -> None:
    listed = parse_scenario(LISTED, "s.yaml")
    flagged = parse_scenario(FLAGGED, "f.yaml")
    for seed in (1, 2, 3):
        a = play_game(listed, seed, policy)
        b = play_game(flagged, seed, policy)
        assert (a.outcome, a.days, a.fingerprints) == (b.outcome, b.days, b.fingerprints)
    if policy == "doctrine":
        assert play_game(flagged, 1, policy).outcome == Outcome.VICTORY


def test_flags_alone_are_what_victory_checks() -> None:
    """The flag was once read by the doctrine and the map only: victory ignored it."""
    game = play_game(parse_scenario(FLAGGED, "f.yaml"), 1, "doctrine")
    over = game.events[-1]
    assert isinstance(over, GameOver)
    assert (over.outcome, over.reason) == ("victory", "objectives-held")


def test_the_list_alone_drives_the_doctrine_and_the_observation() -> None:
    """The list was once read by victory only: the doctrine did nothing."""
    scenario = parse_scenario(LISTED, "s.yaml")
    state = new_game(scenario, 1)
    seen = observe(state, scenario.player_side)
    assert {p.id for p in seen.places if p.objective} == {"kubaysah", "baghdadi"}
    assert choose_plan("doctrine", state) != ()


def test_a_scenario_built_in_code_needs_only_its_objectives() -> None:
    scenario = parse_scenario(LISTED, "s.yaml")
    only_one = replace(scenario, objectives=(Objective("baghdadi"),))
    seen = observe(new_game(only_one, 1), only_one.player_side)
    assert [p.id for p in seen.places if p.objective] == ["baghdadi"]


def test_the_map_marks_the_same_places_from_the_scenario_and_the_observation() -> None:
    for text in SPELLINGS.values():
        scenario = parse_scenario(text, "s.yaml")
        seen = observe(new_game(scenario, 1), scenario.player_side)
        drawn = {p.id for p in build_map_model(seen).places if p.objective}
        planned = {p.id for p in model_from_scenario(scenario).places if p.objective}
        assert drawn == planned == {"kubaysah", "baghdadi"}


def test_the_checker_holds_both_spellings_to_reachability() -> None:
    cut = "  - {between: [hit, baghdadi], km: 40, kind: highway, traps: 2}\n"
    for name, text in SPELLINGS.items():
        found = [str(p) for p in analyse_text(text.replace(cut, ""), "s.yaml").problems]
        assert any("objective 'baghdadi': no open road reaches it" in line
                   for line in found), name


def test_the_balance_report_lists_every_objective() -> None:
    scenario = parse_scenario(FLAGGED, "f.yaml")
    report = aggregate(scenario, "doctrine", 1, play_many(scenario, "doctrine", [1, 2], jobs=1))
    assert [o.place for o in report.objectives] == ["kubaysah", "baghdadi"]
    assert all(o.taken_rate == 1.0 for o in report.objectives)
