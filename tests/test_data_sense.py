"""Valid files that cannot work: each gets the error or warning an author can act on.

A small scenario on the Hit-Ramadi road (not the shipped ground) is broken one way
at a time, as an author might; each case expects its message, by path and words.
"""

from __future__ import annotations

import textwrap

import pytest

from game.data.scenario import analyse_text, parse_scenario

# Hit is the player's base; Kubaysah and Baghdadi are the enemy's; Ramadi's road is long.
BASE = textwrap.dedent("""\
    id: hit-road
    title: The Hit road
    start_date: "2016-03-01"
    days: 12
    sides:
      - {id: gov, name: Iraqi forces, player: true}
      - {id: is, name: Islamic State}
    places:
      - {id: ramadi, name: Ramadi, lat: 33.42, lon: 43.30, side: gov, supply_source: true}
      - {id: hit, name: Hit, lat: 33.64, lon: 42.83, side: gov}
      - {id: kubaysah, name: Kubaysah, lat: 33.59, lon: 42.59, side: is, garrison: 40}
      - {id: baghdadi, name: al-Baghdadi, lat: 33.86, lon: 42.55, side: is, garrison: 60}
    roads:
      - {between: [ramadi, hit], km: 60, kind: highway}
      - {between: [hit, kubaysah], km: 25, traps: 1}
      - {between: [hit, baghdadi], km: 40, kind: highway, traps: 2}
    units:
      - {id: bde, name: 1st Brigade, side: gov, kind: army, at: hit, strength: 900}
      - {id: eng, name: Engineers, side: gov, kind: engineers, at: hit, strength: 100}
      - {id: trucks, name: Trucks, side: gov, kind: logistics, at: ramadi, strength: 100}
    supply:
      range_km: 80
    objectives:
      - place: kubaysah
      - place: baghdadi
    """)


def problems(text: str) -> list[str]:
    return [str(p) for p in analyse_text(text, "s.yaml").problems]


def errors(text: str) -> list[str]:
    return [str(p) for p in analyse_text(text, "s.yaml").problems if p.is_error]


def edit(old: str, new: str, text: str = BASE) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def test_the_base_is_clean() -> None:
    assert problems(BASE) == []


REFUSED = [
    ("no objectives at all",
     BASE.split("objectives:")[0],
     "s.yaml:1:1: objectives: no objectives: the game can never be won"),
    ("an empty objectives list",
     BASE.split("objectives:")[0] + "objectives: []\n",
     "s.yaml:23:13: objectives: no objectives"),
    ("every objective held from the start",
     edit("side: is, garrison: 40", "side: gov").replace(
         "side: is, garrison: 60", "side: gov"),
     "objectives[0].place: every objective is held by side 'gov' from the start: the game is "
     "won at the end of day 1"),
    ("a listed objective marked objective: false",
     edit("side: is, garrison: 40}", "side: is, garrison: 40, objective: false}"),
     "places[2].objective: 'kubaysah' says objective: false but is listed in objectives "
     "(line 24); remove one of the two"),
    ("no supply source for the player",
     edit(", supply_source: true", ""),
     "s.yaml:9:3: places: side 'gov' holds no supply source or depot at the start: its units "
     "are out of supply from day 1"),
    ("reinforcements inside an enemy town",
     BASE + "events:\n  - day: 3\n    reinforcements:\n      - {id: r, name: R, side: gov, "
            "kind: army, at: kubaysah, strength: 10}\n",
     "events[0].reinforcements[0].at: unit 'r' of side 'gov' arrives at 'kubaysah', which side "
     "'is' holds at the start: it would appear inside an enemy town"),
    ("no unit that can assault",
     edit("kind: army, at: hit", "kind: advisers, at: hit"),
     "units: no unit of side 'gov' can assault (advisers, engineers, logistics do not)"),
    ("no ground unit at all",
     BASE.replace("units:\n", "units: []\nx-old:\n"),
     "units: side 'gov' has no ground unit, at the start or arriving: no place can be taken"),
    ("negative work hours",
     BASE + "rules: {work_hours: -4}\n",
     "rules.work_hours: work_hours -4 is out of range (1..24)"),
    ("a speed of zero",
     BASE + "rules: {speed_road_kmh: 0}\n",
     "rules.speed_road_kmh: speed_road_kmh 0 is out of range (1..120)"),
    ("a huge number",
     BASE + "rules: {defender_multiplier: 1e300}\n",
     "rules.defender_multiplier: defender_multiplier 1e+300 is out of range (0.1..20)"),
    ("an assault that never fits in a day",
     BASE + "rules: {work_hours: 8, assault_hours: 10}\n",
     "rules.assault_hours: assault_hours 10 is more than work_hours 8: no place can ever be "
     "assaulted"),
    ("a supply range beyond its documented range",
     edit("range_km: 80", "range_km: 5000"),
     "supply.range_km: range_km 5000 is out of range (0..1000)"),
    ("a tab in a name",
     edit("name: Hit,", 'name: "H\\tit",'),
     "places[1].name: a tab (U+0009) at character 2: names and ids hold no control characters"),
    ("an escape sequence in a name",
     edit("name: Hit,", 'name: "\\e[2JHit",'),
     "places[1].name: an escape (U+001B) at character 1"),
    ("a line feed in an id forging a line of output",
     edit("id: bde,", 'id: "bde\\ns.yaml: ok (4 places)",'),
     "units[0].id: a line feed (U+000A) at character 4"),
    ("a right-to-left override in a title",
     edit("title: The Hit road", 'title: "The \\u202eHit road"'),
     "title: right-to-left override (U+202E) at character 5"),
    ("a control character in a message",
     BASE + 'events:\n  - {day: 2, message: "Ring \\a"}\n',
     "events[0].message: a control character (U+0007) at character 6"),
]


@pytest.mark.parametrize(("name", "text", "expected"), REFUSED, ids=[c[0] for c in REFUSED])
def test_a_scenario_that_cannot_work_is_refused(name: str, text: str, expected: str) -> None:
    found = errors(text)
    assert any(expected in line for line in found), "\n".join(found)


WARNED = [
    ("one objective held from the start",
     edit("side: is, garrison: 40", "side: gov"),
     "warning: objectives[0].place: objective 'kubaysah' is held by side 'gov' from the start"),
    ("starting depots that use up max_depots",
     edit("range_km: 80", "range_km: 80\n  max_depots: 1").replace(
         "side: gov}", "side: gov, depot: true}", 1),
     "warning: supply.max_depots: the player starts with 1 depot and max_depots is 1: no new "
     "depot can be established"),
    ("an enemy's reinforcements where the player stands",
     BASE + "events:\n  - day: 3\n    reinforcements:\n      - {id: f, name: F, side: is, "
            "kind: fighters, at: hit, strength: 10}\n",
     "warning: events[0].reinforcements[0].at: unit 'f' of side 'is' arrives at 'hit', which "
     "side 'gov' holds at the start: it joins the garrison only if"),
    ("lat and lon of a place swapped",
     edit("lat: 33.59, lon: 42.59", "lat: 42.59, lon: 33.59").replace(
         "lat: 33.59", "lat: 33.5901"),
     "warning: places[2].lat: lat and lon of 'kubaysah' look swapped"),
    ("a road far shorter than the straight line",
     edit("lat: 33.86, lon: 42.55", "lat: 35.86, lon: 42.55"),
     "warning: roads[2].km: the road is 40 km but 'hit' and 'baghdadi' are 248 km apart"),
    ("a river written [lon, lat]",
     BASE + "river:\n  - [42.5, 33.9]\n  - [42.9, 33.6]\n",
     "warning: river[1]: this river point is"),
    ("two places on one point",
     edit("lat: 33.86, lon: 42.55", "lat: 33.59, lon: 42.59"),
     "warning: places[3].lat: 'baghdadi' stands on the same point as 'kubaysah'"),
    ("an operation that never fits in a day",
     BASE + "rules: {work_hours: 8, depot_hours: 9}\n",
     "warning: rules.depot_hours: depot_hours 9 is more than work_hours 8: no depot can be "
     "established"),
    ("an enemy air asset",
     BASE + "air:\n  - {id: is-drones, name: Drones, side: is, sorties: 2}\n",
     "warning: air[0].side: air asset 'is-drones' of side 'is': only the player's aircraft "
     "fly; it does nothing"),
    ("a garrison change where the player stands",
     BASE + "events:\n  - {day: 2, garrison: {place: hit, fighters: 50}}\n",
     "warning: events[0].garrison.place: a garrison change at 'hit', which side 'gov' holds "
     "at the start"),
    ("a unit that starts out of supply",
     edit("range_km: 80", "range_km: 30"),
     "warning: units[0].at: unit 'bde' starts out of supply at 'hit'"),
    ("a road longer than a day's drive",
     edit("{between: [ramadi, hit], km: 60, kind: highway}",
          "{between: [ramadi, hit], km: 200, kind: track}"),
     "warning: roads[0].km: road 'ramadi--hit' (200 km track): army (16.7 h) and engineers "
     "(20.8 h) need to drive it, more than a working day (work_hours 16)"),
]


@pytest.mark.parametrize(("name", "text", "expected"), WARNED, ids=[c[0] for c in WARNED])
def test_what_an_author_may_mean_is_a_warning(name: str, text: str, expected: str) -> None:
    analysis = analyse_text(text, "s.yaml")
    found = [str(p) for p in analysis.problems]
    assert any(expected in line for line in found), "\n".join(found)
    assert analysis.ok, "\n".join(found)


def test_the_river_hint_says_the_points_are_swapped() -> None:
    found = problems(BASE + "river:\n  - [42.5, 33.9]\n  - [42.9, 33.6]\n")
    assert any("written [lon, lat]? each point is [lat, lon]" in line for line in found)


def test_line_breaks_are_fine_in_a_briefing() -> None:
    text = edit("days: 12", "days: 12\ndescription: >\n  Two lines\n\n  of briefing.")
    assert problems(text) == []
    assert parse_scenario(text, "s.yaml").description == "Two lines\nof briefing.\n"


def test_a_syntax_error_names_the_tab_and_says_it_hides_the_rest() -> None:
    text = edit("  - {id: bde,", "\t- {id: bde,")
    [problem] = problems(text)
    assert problem.startswith("s.yaml:18:1: $: YAML syntax error: ")
    assert "a tab in the indentation of line 18; YAML indents with spaces only" in problem
    assert '(line 18: "\\t- {id: bde,' in problem
    assert problem.endswith("fix this first: the other checks run once the file reads as YAML")


def test_an_indentation_slip_is_called_by_its_name() -> None:
    [problem] = problems(edit("  range_km: 80\n", "  range_km: 80\n    max_depots: 2\n"))
    assert problem.startswith("s.yaml:23:15: $: YAML syntax error: ")
    assert "line 23 is indented deeper than the key above it (4 spaces)" in problem


def test_the_kinds_that_never_assault_are_the_plan_checkers() -> None:
    from game.data.sense import NOT_ASSAULTING
    from game.engine import ground

    assert tuple(kind.value for kind in ground.NON_COMBAT) == NOT_ASSAULTING
