"""The scenario loader: a small valid scenario, then one mistake at a time, each with
the exact line the author would read."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from game.data.scenario import (
    ScenarioError,
    analyse_text,
    check_file,
    load_scenario,
    parse_scenario,
)
from game.engine.model import (
    GarrisonChange,
    Message,
    Objective,
    PlaceKind,
    Reinforcements,
    RoadKind,
    Rules,
    SortiesChange,
    SupplyRules,
    UnitKind,
    Weather,
)

ROOT = Path(__file__).resolve().parent.parent

# Line numbers in the expectations below count from this text's first line.
BASE = textwrap.dedent("""\
    id: mini
    title: Mini
    start_date: 2017-09-19
    days: 10
    sides:
      - {id: gov, name: Iraqi forces, player: true}
      - {id: is, name: Islamic State}
    places:
      - {id: haditha, name: Haditha, lat: 34.13, lon: 42.38, side: gov, supply_source: true}
      - {id: ana, name: Ana, lat: 34.47, lon: 41.95, side: is, traps: 2, objective: true}
      - {id: rawa, name: Rawa, lat: 34.47, lon: 41.91, side: is, kind: village}
    roads:
      - {between: [haditha, ana], km: 70, kind: highway, traps: 1}
      - {between: [ana, rawa], km: 6, kind: bridge, id: rawa-bridge}
    units:
      - {id: bde-1, name: 1st Brigade, side: gov, kind: army, at: haditha, strength: 900}
      - {id: is-ana, name: Ana fighters, side: is, kind: fighters, at: ana, strength: 80}
    air:
      - {id: jets, name: Coalition jets, side: gov, sorties: 2}
    objectives:
      - place: rawa
        by_day: 9
    """)


def problems(text: str) -> list[str]:
    return [str(p) for p in analyse_text(text, "s.yaml").problems]


def with_lines(**replace: str) -> str:
    """BASE with whole lines replaced: with_lines(l13="...") replaces line 13."""
    lines = BASE.splitlines()
    for key, line in replace.items():
        lines[int(key[1:]) - 1] = line
    return "\n".join(lines) + "\n"


def test_base_loads_into_the_model() -> None:
    scenario = parse_scenario(BASE, "s.yaml")
    assert scenario.id == "mini"
    assert scenario.start_date == "2017-09-19"
    assert scenario.description == ""
    assert scenario.tutorial is False
    assert scenario.player_side == "gov"
    assert [p.id for p in scenario.places] == ["haditha", "ana", "rawa"]
    assert scenario.places[2].kind is PlaceKind.VILLAGE
    assert scenario.places[0].kind is PlaceKind.TOWN
    assert scenario.places[1].traps == 2
    first, bridge = scenario.roads
    assert (first.id, first.a, first.b, first.km, first.kind) == (
        "haditha--ana", "haditha", "ana", 70.0, RoadKind.HIGHWAY)
    assert isinstance(first.km, float)
    assert bridge.id == "rawa-bridge"
    assert scenario.units[0].kind is UnitKind.ARMY
    assert scenario.units[0].readiness == 100
    assert scenario.air[0].sorties == 2
    assert scenario.objectives == (Objective("ana", None), Objective("rawa", 9))
    assert scenario.supply == SupplyRules()
    assert scenario.rules == Rules()
    assert problems(BASE) == []


def test_quoted_date_and_all_event_kinds() -> None:
    text = BASE.replace("start_date: 2017-09-19", 'start_date: "2017-09-19"') + textwrap.dedent("""\
        events:
          - {day: 1, message: Go}
          - day: 2
            reinforcements:
              - {id: bde-2, name: 2nd Brigade, side: gov, kind: police, at: haditha,
                 strength: 500, readiness: 80}
            text: They arrive
          - {day: 3, sorties: {asset: jets, count: 4}}
          - {day: 4, weather: sandstorm, days: 2}
          - {day: 5, garrison: {place: rawa, fighters: -20}, text: Some flee}
        supply: {range_km: 50, max_depots: 2}
        rules: {work_hours: 12}
        river: [[34.1, 42.4], [34.5, 41.9]]
        """)
    scenario = parse_scenario(text, "s.yaml")
    assert scenario.start_date == "2017-09-19"
    assert scenario.events[0] == Message(1, "Go")
    reinforcements = scenario.events[1]
    assert isinstance(reinforcements, Reinforcements)
    assert reinforcements.units[0].readiness == 80
    assert reinforcements.text == "They arrive"
    assert scenario.events[2] == SortiesChange(3, "jets", 4)
    assert scenario.events[3] == Weather(4, "sandstorm", 2)
    assert scenario.events[4] == GarrisonChange(5, "rawa", -20, "Some flee")
    assert scenario.supply == SupplyRules(range_km=50.0, max_depots=2)
    assert scenario.rules.work_hours == 12.0
    assert scenario.river == ((34.1, 42.4), (34.5, 41.9))


def test_shipped_scenarios_are_clean() -> None:
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        assert check_file(path) == [], path
        assert load_scenario(path).id == path.stem


def test_unknown_place_with_hint() -> None:
    text = with_lines(l14="  - {between: [ana, rawah], km: 6, kind: bridge, id: rawa-bridge}")
    # Rawa is then cut off: the two problems that follow from it are reported too.
    assert problems(text) == [
        "s.yaml:11:10: warning: places[2].id: 'rawa' cut off from 'haditha': no road joins "
        "them (the road graph is in 2 pieces)",
        "s.yaml:14:21: roads[1].between[1]: unknown place 'rawah' (did you mean 'rawa'?)",
        "s.yaml:21:12: objectives[0].place: objective 'rawa': no open road reaches it "
        "from any place side 'gov' holds",
    ]


def test_yaml_11_surprises_are_caught_with_a_hint() -> None:
    text = with_lines(
        l2="title: NO",
        l11="  - {id: 1.10, name: Rawa, lat: 34.47, lon: 41.91, side: is, kind: village}",
        l14="  - {between: [ana, rawa], km: 12:30, kind: bridge, id: rawa-bridge}",
    )
    assert problems(text) == [
        "s.yaml:2:8: title: expected text, but YAML 1.1 reads NO as the boolean false; "
        'quote it: "NO"',
        "s.yaml:11:10: places[2].id: expected an id, but YAML 1.1 reads 1.10 as the number 1.1; "
        'quote it: "1.10"',
        "s.yaml:14:21: roads[1].between[1]: unknown place 'rawa'",
        "s.yaml:14:32: roads[1].km: YAML 1.1 reads 12:30 as the number 750, "
        "sexagesimal (base 60); write a plain decimal number",
        "s.yaml:21:12: objectives[0].place: unknown place 'rawa'",
    ]


def test_octal_and_quoted_numbers() -> None:
    text = with_lines(
        l16="  - {id: bde-1, name: 1st Brigade, side: gov, kind: army, at: haditha, "
            "strength: 0900}",
        l19='  - {id: jets, name: Coalition jets, side: gov, sorties: "2"}',
    )
    assert problems(text) == [
        "s.yaml:16:82: units[0].strength: expected a whole number, got the text '0900'; "
        "write it without the leading zero",
        "s.yaml:19:58: air[0].sorties: expected a whole number, got the text '2'; "
        "remove the quotes",
    ]
    text = with_lines(
        l16="  - {id: bde-1, name: 1st Brigade, side: gov, kind: army, at: haditha, "
            "strength: 0700}",
    )
    assert problems(text) == [
        "s.yaml:16:82: units[0].strength: YAML 1.1 reads 0700 as the number 448, "
        "octal (a leading zero); write a plain decimal number",
    ]


def test_duplicate_keys_and_unknown_fields() -> None:
    text = with_lines(
        l4="days: 10\ndays: 12",
    )
    assert problems(text) == [
        "s.yaml:5:1: days: duplicate key 'days' (first at line 4); "
        "YAML would silently keep only the last",
    ]
    text = with_lines(l13="  - {between: [haditha, ana], lenght: 70, kind: highway, traps: 1}")
    assert problems(text) == [
        "s.yaml:13:5: roads[0]: missing required field 'km'",
        "s.yaml:13:31: roads[0].lenght: unknown field 'lenght'",
    ]
    text = with_lines(l13="  - {between: [haditha, ana], kms: 70, kind: highway, trap: 1}")
    assert problems(text) == [
        "s.yaml:13:5: roads[0]: missing required field 'km'",
        "s.yaml:13:31: roads[0].kms: unknown field 'kms' (did you mean 'km'?)",
        "s.yaml:13:55: roads[0].trap: unknown field 'trap' (did you mean 'traps'?)",
    ]


def test_ranges_kinds_and_coordinates() -> None:
    text = with_lines(
        l9="  - {id: haditha, name: Haditha, lat: 134.13, lon: 42.38, side: gov, "
           "supply_source: true}",
        l10="  - {id: ana, name: Ana, lat: 34.47, lon: 41.95, side: is, traps: 6, objective: true}",
        l11="  - {id: rawa, name: Rawa, lat: 34.47, lon: 41.91, side: is, kind: vilage}",
        l14="  - {between: [ana, rawa], km: 0, kind: bridge, id: rawa-bridge}",
        l17="  - {id: is-ana, name: Ana fighters, side: is, kind: fighters, at: ana, "
            "strength: 80, readiness: 101}",
    )
    assert problems(text) == [
        "s.yaml:9:39: places[0].lat: latitude 134.13 is outside the earth (-90..90)",
        "s.yaml:10:67: places[1].traps: traps 6 is out of range (0..5)",
        "s.yaml:11:68: places[2].kind: unknown kind 'vilage' (did you mean 'village'?); "
        "one of: city, town, village, base, dam, crossing, junction",
        "s.yaml:14:32: roads[1].km: km must be above 0, got 0",
        "s.yaml:17:98: units[1].readiness: readiness 101 is out of range (0..100)",
    ]


def test_references_uniqueness_and_holding() -> None:
    text = with_lines(
        l11="  - {id: ana, name: Rawa, lat: 34.47, lon: 41.91, side: isis, kind: village}",
        l14="  - {between: [ana, ana], km: 6, kind: bridge, id: rawa-bridge}",
        l17="  - {id: jets, name: Ana fighters, side: is, kind: fighters, at: haditha, "
            "strength: 80}",
    )
    assert problems(text) == [
        "s.yaml:11:10: places[2].id: duplicate place id 'ana' (first at line 10)",
        "s.yaml:11:57: places[2].side: unknown side 'isis' (did you mean 'is'?)",
        "s.yaml:14:15: roads[1].between: a road from 'ana' to itself",
        "s.yaml:17:66: units[1].at: unit 'jets' of side 'is' starts at 'haditha', "
        "which side 'gov' holds",
        "s.yaml:19:10: air[0].id: duplicate unit or air asset id 'jets' (first at line 17)",
        "s.yaml:21:12: objectives[0].place: unknown place 'rawa'",
    ]


def test_sides_must_be_two_with_one_player() -> None:
    text = with_lines(l7="  - {id: is, name: Islamic State, player: true}")
    assert problems(text) == [
        "s.yaml:6:3: sides: exactly one side needs player: true, found 2",
    ]
    text = with_lines(l7="")
    assert problems(text)[0] == "s.yaml:6:3: sides: a scenario has exactly two sides, found 1"


def test_unreachable_objective_and_graph_in_pieces() -> None:
    text = with_lines(l14="  - {between: [ana, rawa], km: 6, kind: bridge, destroyed: true}")
    assert problems(text) == [
        "s.yaml:21:12: objectives[0].place: objective 'rawa': no open road reaches it "
        "from any place side 'gov' holds",
    ]
    text = with_lines(l14="", l21="  - place: ana", l22="")
    assert problems(text) == [
        "s.yaml:11:10: warning: places[2].id: 'rawa' cut off from 'haditha': no road joins "
        "them (the road graph is in 2 pieces)",
    ]
    assert parse_scenario(text, "s.yaml").objectives == (Objective("ana", None),)


def test_duplicate_road_is_a_warning_and_days_are_checked() -> None:
    text = with_lines(l14="  - {between: [ana, haditha], km: 66}", l22="    by_day: 11")
    assert problems(text) == [
        "s.yaml:11:10: warning: places[2].id: 'rawa' cut off from 'haditha': no road joins "
        "them (the road graph is in 2 pieces)",
        "s.yaml:14:15: warning: roads[1].between: a second road between 'ana' and 'haditha' "
        "(first at line 13)",
        "s.yaml:21:12: objectives[0].place: objective 'rawa': no open road reaches it "
        "from any place side 'gov' holds",
        "s.yaml:22:13: objectives[0].by_day: day 11 is beyond the day limit (days: 10)",
    ]


def test_event_checks() -> None:
    text = BASE + textwrap.dedent("""\
        events:
          - {day: 11, message: Late}
          - {day: 2, message: Two, text: extra}
          - {day: 3}
          - {day: 4, sorties: {asset: bde-1, count: 4}, weather: sandstorm}
          - {day: 5, garrison: {place: anna, fighters: 5}, days: 2}
          - day: 6
            reinforcements:
              - {id: bde-1, name: Again, side: gov, kind: army, at: haditha, strength: 10}
        """)
    assert problems(text) == [
        "s.yaml:24:11: events[0].day: day 11 is beyond the day limit (days: 10)",
        "s.yaml:25:34: events[1].text: a message event has no text: its message is the text",
        "s.yaml:26:5: events[2]: an event needs exactly one of message, reinforcements, "
        "sorties, weather, garrison, withdrawal (found: none)",
        "s.yaml:27:5: events[3]: an event needs exactly one of message, reinforcements, "
        "sorties, weather, garrison, withdrawal (found: sorties, weather)",
        "s.yaml:27:31: events[3].sorties.asset: unknown air asset 'bde-1' (a ground unit)",
        "s.yaml:28:32: events[4].garrison.place: unknown place 'anna' (did you mean 'ana'?)",
        "s.yaml:28:58: events[4].days: days goes with weather only",
        "s.yaml:31:14: events[5].reinforcements[0].id: duplicate unit or air asset id 'bde-1' "
        "(first at line 16)",
    ]


def test_rules_are_checked_from_the_dataclass() -> None:
    text = BASE + "rules: {work_hour: 12, work_hours: many}\n"
    assert problems(text) == [
        "s.yaml:23:9: rules.work_hour: unknown field 'work_hour' (did you mean 'work_hours'?)",
        "s.yaml:23:36: rules.work_hours: expected a number, got the text 'many'",
    ]


def test_yes_is_an_error_as_in_the_schema() -> None:
    text = with_lines(l6="  - {id: gov, name: Iraqi forces, player: yes}")
    assert problems(text) == [
        "s.yaml:6:43: sides[0].player: 'yes' is a boolean only in YAML 1.1 (YAML 1.2 tools "
        "and the schema read it as text); write true",
    ]


def test_missing_top_fields_and_x_keys() -> None:
    text = "x-defaults: &d {side: gov}\nplaces: []\n"
    assert problems(text) == [
        "s.yaml:1:1: $: missing required field 'id'",
        "s.yaml:1:1: $: missing required field 'title'",
        "s.yaml:1:1: $: missing required field 'start_date'",
        "s.yaml:1:1: $: missing required field 'days'",
        "s.yaml:1:1: $: missing required field 'sides'",
        # An empty list of places still needs an objective (no check skips it).
        "s.yaml:1:1: objectives: no objectives: the game can never be won; list the places "
        "the player must take (objectives: - place: ID) or mark them objective: true",
    ]


def test_merge_keys_expand() -> None:
    text = BASE.replace(
        "  - {id: rawa, name: Rawa, lat: 34.47, lon: 41.91, side: is, kind: village}",
        "  - &rawa {id: rawa, name: Rawa, lat: 34.47, lon: 41.91, side: is, kind: village}\n"
        "  - {<<: *rawa, id: qaim, name: al-Qaim}",
    )
    scenario = parse_scenario(text, "s.yaml")
    assert scenario.places[3].id == "qaim"
    assert scenario.places[3].kind is PlaceKind.VILLAGE
    assert scenario.places[3].lat == 34.47


def test_scenario_error_lists_every_problem() -> None:
    text = with_lines(l2="title: NO", l4="days: 0")
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(text, "s.yaml")
    assert str(caught.value).splitlines() == [
        "s.yaml:2:8: title: expected text, but YAML 1.1 reads NO as the boolean false; "
        'quote it: "NO"',
        "s.yaml:4:7: days: days 0 is out of range (1..365)",
    ]
    assert [p.line for p in caught.value.problems] == [2, 4]


def test_long_texts_load_whole() -> None:
    from game.data.scenario import load_scenario

    scenario = load_scenario(Path(__file__).resolve().parents[1] / "scenarios" / "tutorial.yaml")
    assert scenario.description.startswith("January 2017, west of Haditha.")
    assert scenario.description.rstrip().endswith("Hints on screen show the next step.")
    first = scenario.events[0]
    assert getattr(first, "text", "").endswith("reconnoitre the road to Zawiya.")
