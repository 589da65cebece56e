"""The tutorial's lessons on any scenario: none that no unit or aircraft of the player's can
ever do, and the depot's worded with the scenario's own supply reach and source."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from game.data.scenario import load_scenario, parse_scenario
from game.engine.model import Scenario
from game.engine.plan import OpKind
from game.engine.roles import possible_operations
from game.tui.widgets.hints import DONE, LESSONS, lessons_for, next_hint
from tests import scenario_zoo
from tests.zoo_parts import _unit

ROOT = Path(__file__).resolve().parent.parent


def zoo(name: str, scenario: dict[str, Any] | None = None) -> Scenario:
    """The zoo's scenario `name`, or `scenario` (one of the zoo's, changed) under its name."""
    text = scenario_zoo.text(name) if scenario is None else yaml.safe_dump(
        scenario, allow_unicode=True, sort_keys=False)
    return parse_scenario(text, f"{name}.yaml")


def test_the_tutorial_teaches_every_lesson_as_written() -> None:
    assert lessons_for(load_scenario(ROOT / "scenarios" / "tutorial.yaml")) == LESSONS


def test_the_campaign_words_the_depot_lesson_with_its_own_reach_and_source() -> None:
    lessons = dict(lessons_for(load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")))
    assert lessons.keys() == dict(LESSONS).keys()
    assert lessons["establish_depot"].startswith("Supply reaches 60 km from Al-Asad Airbase:")


def test_a_scenario_without_engineers_air_or_depots_teaches_only_what_its_units_can_do() -> None:
    scenario = zoo("only-a-base")  # a brigade and police, no air, no depots allowed
    assert possible_operations(scenario) == {
        OpKind.MOVE, OpKind.RECON, OpKind.HOLD, OpKind.REST, OpKind.ASSAULT}
    lessons = lessons_for(scenario)
    assert [kind for kind, _ in lessons] == ["recon", "move", "assault"]
    # Once those are done the player is told to take the objectives, not to clear a road.
    assert next_hint({"recon", "move", "assault"}, lessons=lessons) == DONE


def test_aircraft_teach_air_strikes_only_if_they_ever_fly() -> None:
    assert OpKind.AIR_STRIKE not in possible_operations(zoo("all-sorties-zero"))
    # The jets' sorties are scripted up from zero on the last day: they fly then.
    grounded = scenario_zoo.reinforcements_edges()
    for asset in grounded["air"]:
        asset["sorties"] = 0
    assert OpKind.AIR_STRIKE in possible_operations(zoo("reinforcements-edges", grounded))


def test_engineers_who_arrive_later_teach_clearing() -> None:
    base = scenario_zoo.only_a_base()
    assert OpKind.CLEAR not in possible_operations(zoo("only-a-base", base))
    base["events"] = [{"day": 3, "reinforcements": [_unit("sappers", "p0", "engineers", 200)]}]
    possible = possible_operations(zoo("only-a-base", base))
    assert {OpKind.CLEAR, OpKind.BRIDGE} <= possible
    assert [kind for kind, _ in lessons_for(zoo("only-a-base", base))] == [
        "recon", "clear", "move", "assault"]
