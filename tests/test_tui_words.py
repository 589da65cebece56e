"""The words the game shows: the log's English and order, the engine's reasons in names,
the operation menu's ranking, the plan's detail line and chart, the keys file, help."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine import events as ev
from game.tui import narrate, wording
from game.tui.keys import read_keymap
from game.tui.widgets.operation_menu import MenuItem, ranked
from game.tui.widgets.plan import PlanRow
from game.tui.widgets.timeline import gantt

NAMES = {
    "eng": "7th Division engineers", "tribes": "Haditha tribal fighters",
    "bde": "1st Brigade, 7th Division", "police": "Anbar provincial police",
    "anah": "Ana", "rawa": "Rawa", "anah--rawa": "Ana–Rawa road", "jets": "Coalition jets",
}


@pytest.mark.parametrize(("number", "word", "text"), [
    (1, "trap level", "1 trap level"), (2, "trap level", "2 trap levels"),
    (1, "car bomb", "1 car bomb"), (0, "car bomb", "0 car bombs"),
    (1, "casualty", "1 casualty"), (3, "casualty", "3 casualties"),
])
def test_counts_agree_with_their_nouns(number: int, word: str, text: str) -> None:
    assert wording.count(number, word) == text


@pytest.mark.parametrize(("name", "plural"), [
    ("Haditha tribal fighters", True), ("Anbar provincial police", True),
    ("7th Division engineers", True), ("Coalition advisers", True),
    ("1st Brigade, 7th Division", False), ("Popular Mobilisation, Akashat", False),
])
def test_a_verb_agrees_with_a_units_name(name: str, plural: bool) -> None:
    assert wording.is_plural_name(name) is plural


def test_log_lines_speak_correct_english() -> None:
    def line(event: object) -> str:
        return narrate.event_line(event, NAMES).split("  ", 1)[1]

    assert line(ev.TrapsCleared(1, 3.0, "eng", "anah--rawa", 1, 0)) == \
        "7th Division engineers cleared 1 trap level on Ana–Rawa road (0 left)."
    assert line(ev.WatchSet(1, 4.0, "tribes", "anah--rawa")) == \
        "Haditha tribal fighters hold and watch Ana–Rawa road."
    assert line(ev.WatchSet(1, 4.0, "bde", "anah")) == \
        "1st Brigade, 7th Division holds and watches Ana."
    assert line(ev.PlaceTaken(1, 5.0, "anah", "bde", 1)) == \
        "Ana taken by 1st Brigade, 7th Division. 1 car bomb captured."
    assert line(ev.EnemyWithdrew(1, 5.0, "anah", "rawa", 0)) == \
        "The enemy left Ana: no fighter was left to withdraw."
    assert line(ev.EnemyWithdrew(1, 5.0, "anah", None, 1)) == \
        "The enemy left Ana: 1 fighter withdrew across the border."
    assert line(ev.EnemyWithdrew(1, 5.0, "anah", "rawa", 6, 5)) == \
        "The enemy left Ana: 6 fighters withdrew to Rawa and 5 fighters fled toward Syria."
    assert line(ev.UnitMoved(1, 3.0, "tribes", ("rawa",), "rawa")) == \
        "Haditha tribal fighters halted at Rawa."
    assert line(ev.UnitMoved(1, 3.0, "bde", ("rawa", "anah"), "anah")) == \
        "1st Brigade, 7th Division moved to Ana."
    assert line(ev.TrapsCleared(1, 3.0, "eng", "anah--rawa", 0, 0)) == \
        "7th Division engineers swept Ana–Rawa road: no traps found."
    # A strike bleeds, stalls and wears: casualties, hours and readiness, each said.
    assert line(ev.TrapStruck(1, 2.5, "bde", "anah--rawa", None, 2, 27, 3.0, 20)) == (
        "1st Brigade, 7th Division struck booby-traps (level 2) at Ana–Rawa road: "
        "27 casualties, 20 readiness and 3 h lost.")
    assert line(ev.TrapStruck(1, 2.5, "bde", None, "anah", 1, 1, 1.5, 0)) == (
        "1st Brigade, 7th Division struck booby-traps (level 1) at Ana: "
        "1 casualty, 1.5 h lost.")
    assert line(ev.Counterattack(1, 24.0, "rawa", "bde", "anah", 0, 0)) == \
        "Counterattack from Rawa on 1st Brigade, 7th Division at Ana beaten off without losses."
    # The log gives the force ratio; "odds" are the preview's chance, a percentage.
    assert line(ev.AssaultResolved(1, 5.0, "bde", "anah", True, 21.65, 0, 7)) == (
        "1st Brigade, 7th Division assaulted Ana and took it (forces 21.6 to 1); "
        "losses 0 own, 7 enemy.")
    assert line(ev.AirStrike(1, 2.0, "jets", "anah", 1, 0, 0)) == \
        "Coalition jets struck Ana: 1 fighter killed, civilian harm 0."
    assert line(ev.ConvoyArrived(1, 6.0, "eng", "anah", 20.0, 1, 5)) == \
        "7th Division engineers' convoy brought 1 load to Ana (now 5; reach 20 km)."


def test_refusals_read_in_names_with_plural_possessives() -> None:
    from game.engine.refusals import Refusal, Why

    assert wording.reason(Refusal(Why.ROAD_NOT_FROM_HERE, target="anah--rawa", place="rawa"),
                          NAMES) == "Ana–Rawa road does not start at Rawa"
    late = Refusal(Why.AFTER_WORK_DAY, unit="eng", hour=15.4, limit=12.0, number=80)
    assert wording.reason(late, NAMES) == (
        "ends at hour 15.4, after 7th Division engineers' day ends at hour 12.0 (readiness 80)")
    assert wording.reason(None, NAMES) == ""


def test_a_day_in_the_log_is_in_clock_order_and_the_next_morning_under_its_day() -> None:
    events = [
        ev.UnitMoved(3, 5.0, "bde", ("x", "anah"), "anah"),
        ev.TrapStruck(3, 2.5, "bde", "anah--rawa", None, 1, 4, 1.0),
        ev.SupplyStatus(3, 24.0, 5, ()),
        ev.ScriptedMessage(4, 0.0, "Reinforcements reach Haditha."),
    ]
    lines = narrate.day_lines(3, events, NAMES)
    assert lines[0] == "— Day 3 —"
    assert [line[:5] for line in lines[1:4]] == ["02:30", "05:00", "night"]
    assert lines[4:] == ["— Day 4 —", "00:00  Reinforcements reach Haditha."]


def test_an_assaults_odds_give_the_losses_of_the_likelier_outcome() -> None:
    from game.engine.combat import AssaultEstimate

    def odds(chance: float, taken: tuple[int, int], repulsed: tuple[int, int]) -> str:
        return narrate.odds_text(AssaultEstimate(
            "anah", ("bde",), 100.0, 50.0, 2.0, chance, taken, repulsed, (100, 100), 0, 0,
            False, ()))

    assert odds(0.84, (40, 110), (150, 150)) == "odds 84%, losses 40-110"
    assert odds(1.0, (3, 3), (10, 20)) == "odds 100%, losses 3"
    assert odds(0.0, (50, 60), (154, 154)) == "odds 0%, losses 154 if repulsed"


def test_an_event_kind_without_words_yet_reads_with_names() -> None:
    event = ev.WatchSet(1, 1.0, "bde", "anah")
    text = narrate._unknown_event(event, NAMES)
    assert text == "Watch set: unit 1st Brigade, 7th Division, target Ana."


def _items(*labels: str) -> list[MenuItem]:
    return [MenuItem(label, True) for label in labels]


def test_the_filter_ranks_exact_and_prefix_matches_first_in_any_word_order() -> None:
    items = _items("recon  al-Rayhana  (3.0 h)", "recon  Barwana  (3.0 h)",
                   "recon  Ana  (3.0 h)", "recon  Ana–Rawa road  (4.0 h)",
                   "move  Barwana  (0.2 h)", "move  Anabah  (1.0 h)", "move  Ana  (1.0 h)")
    labels = [items[i].label for i in ranked(items, "recon ana")]
    assert labels[:2] == ["recon  Ana  (3.0 h)", "recon  Ana–Rawa road  (4.0 h)"]
    assert [items[i].label for i in ranked(items, "move ana")][:2] == [
        "move  Ana  (1.0 h)", "move  Anabah  (1.0 h)"]
    assert [items[i].label for i in ranked(items, "rawa-ana")] == [
        "recon  Ana–Rawa road  (4.0 h)"]
    assert ranked(items, "zzz") == []
    # Equal matches: the shorter label first, whatever the engine's order.
    both = _items("clear  Saqra–al-Rayhana road  (11.7 h)", "clear  al-Rayhana  (3.0 h)")
    assert ranked(both, "clear al-rayhana") == [1, 0]
    # A name typed without its dash or space still finds it, after the exact spellings.
    assert [items[i].label for i in ranked(items, "anarawa")] == [
        "recon  Ana–Rawa road  (4.0 h)"]
    # At equal match, what can be added comes first: the highlight starts on the
    # first row the player reads.
    mixed = [MenuItem("clear  Haditha", False, "Haditha is known clear"),
             MenuItem("clear  Haditha–Saqra road  (5.0 h)", True)]
    assert ranked(mixed, "") == [1, 0] and ranked(mixed, "clear") == [1, 0]


def test_the_detail_line_words_a_plan_line_whole() -> None:
    row = PlanRow(3, "1st Brigade, 7th Division", "move", "Ana", 1.5, 6.25, supply=12.0,
                  risks="traps ? at Haditha–Saqra road; car bombs 2 near Ana", after=1,
                  path=("Haditha", "Saqra", "Ana"))
    assert row.detail() == (
        "Line 3: 1st Brigade, 7th Division move (after 1) Ana, 01:30-06:15. "
        "Way: Haditha > Saqra > Ana. 12 km of the way beyond supply. "
        "Notes: traps ? at Haditha–Saqra road; car bombs 2 near Ana.")
    refused = PlanRow(1, "Jets", "air_strike", "Ana", None, None, error="no sorties left")
    assert refused.detail() == "Line 1: Jets air_strike Ana. Refused: no sorties left"


def test_the_chart_numbers_each_bar_once_so_line_12_is_not_line_2() -> None:
    rows = (PlanRow(2, "Jets", "x", "", 0.0, 2.0), PlanRow(12, "Jets", "x", "", 2.0, 5.0))
    text = gantt(rows, ["Jets"], width=44)
    chart = text.plain.splitlines()
    assert chart[1].rstrip() == "Jets".ljust(44 - 24 - 1) + "2━12━"
    start = text.plain.index("2━12━")

    def style_at(offset: int) -> str:
        return " ".join(str(span.style) for span in text.spans
                        if span.start <= offset < span.end)

    # Side by side, the two bars are told apart without colour: one is in reverse video.
    assert "reverse" not in style_at(start) and "reverse" in style_at(start + 2)


def test_the_keys_file_maps_binding_ids_and_reports_what_it_cannot_use(
    tmp_path: Path,
) -> None:
    assert read_keymap(tmp_path / "none.toml").keymap == {}
    path = tmp_path / "keys.toml"
    path.write_text('[keys]\n"game.end_day" = "e"\n"game.repeat" = "ctrl+r, y"\n'
                    '"game.add" = 3\n', encoding="utf-8")
    found = read_keymap(path)
    assert found.keymap == {"game.end_day": "e", "game.repeat": "ctrl+r,y"}
    assert found.problems == (f"{path}: keys.game.add: a key such as \"e\" or \"ctrl+e,f\"",)
    path.write_text("[keys\n", encoding="utf-8")
    assert read_keymap(path).problems[0].startswith(f"{path}: not a keys file")


def test_the_rosters_lines_count_a_repeated_line_once() -> None:
    from game.engine import Operation, OpKind
    from game.tui.screens.roster import plan_summary

    plan = (Operation("bde", OpKind.HOLD, "anah", standing=True),
            Operation("jets", OpKind.AIR_STRIKE, "rawa"),
            Operation("jets", OpKind.AIR_STRIKE, "rawa"),
            Operation("jets", OpKind.AIR_STRIKE, "rawa"),
            Operation("jets", OpKind.RECON, "anah--rawa"))
    assert plan_summary("bde", plan, NAMES) == "1 hold* Ana"
    assert plan_summary("jets", plan, NAMES) == "2-4 air_strike Rawa x3, 5 recon Ana–Rawa road"
    assert plan_summary("eng", plan, NAMES) == "-"


def test_risks_that_need_the_whole_plan_say_what_to_do() -> None:
    from game.engine import Risk, RiskKind
    from game.engine.refusals import Refusal, Why

    assert narrate.risk_line(Risk(RiskKind.SUPPLIED_LATER, "anah", 4), NAMES) == (
        "line 4 stocks Ana in time but is listed later: move it up")
    assert narrate.risk_line(Risk(RiskKind.NIGHT_TRAPS, "rawa", 5), NAMES) == (
        "spends the night in Rawa: traps 5 strike at night")
    assert narrate.risk_line(Risk(RiskKind.NIGHT_TRAPS, "rawa", None), NAMES) == (
        "spends the night in Rawa, traps unknown: they may strike at night")
    assert narrate.risk_line(Risk(RiskKind.UNFED, "anah", 2), NAMES) == (
        "unfed tonight at Ana: its depots lack the 2 loads it eats")
    # A convoy to a full depot still grows its reach: the risk must not read as useless.
    assert narrate.risk_line(Risk(RiskKind.DEPOT_FULL, "anah", 0), NAMES) == (
        "the depot at Ana has room for 0 of the loads (its reach grows all the same)")
    short = Refusal(Why.NO_TIME_FOR_A_LEVEL_SHORT, unit="eng", hour=6.0, limit=3.4)
    assert wording.reason(short, NAMES) == (
        "a trap level takes 6.0 h here, slowed because the depot cannot give the supplies; "
        "the working day leaves 7th Division engineers 3.4 h")


def test_fighters_cut_off_from_the_border_scatter_in_the_log() -> None:
    scattered = ev.EnemyWithdrew(5, 14.0, "rawa", None, 841, scattered=True)
    assert narrate.event_line(scattered, NAMES) == (
        "14:00  The enemy left Rawa: cut off from the border, 841 fighters scattered into "
        "the desert.")
    crossed = ev.EnemyWithdrew(5, 14.0, "rawa", None, 12)
    assert narrate.event_line(crossed, NAMES) == (
        "14:00  The enemy left Rawa: 12 fighters withdrew across the border.")


def test_a_plan_row_says_what_a_line_draws_brings_or_builds() -> None:
    from game.engine import Operation, OperationChoice, OpKind, PlanLine

    convoy = Operation("police", OpKind.CONVOY, "anah")
    row = narrate.plan_row(1, convoy, PlanLine(1, convoy, 0.0, 6.0, loads=4), NAMES)
    assert row.risks == "brings 4 loads"
    bridge = Operation("eng", OpKind.BRIDGE, "anah--rawa")
    row = narrate.plan_row(2, bridge, PlanLine(2, bridge, 0.0, 12.0,
                                               bridge_done=(16.0, 20.0)), NAMES)
    assert row.risks == "bridge 16 of 20 h done"
    sweep = Operation("eng", OpKind.CLEAR, "anah--rawa")
    row = narrate.plan_row(2, sweep, PlanLine(2, sweep, 0.0, 16.0,
                                              sweep_done=(15.25, 16.3)), NAMES)
    assert row.risks == "sweep 15.2 of 16.3 h of a level"
    choice = OperationChoice(OpKind.CLEAR, "anah--rawa", True, None, 16.0,
                             sweep_done=(16.0, 20.0))
    assert narrate.choice_label(choice, NAMES) == (
        "clear  Ana\u2013Rawa road  (16.0 h)  sweep 16 of 20 h of a level")
    work = ev.SweepWork(3, 16.0, "eng", "anah--rawa", 16.0, 15.25, 16.3)
    assert narrate.event_line(work, NAMES) == (
        "16:00  7th Division engineers swept Ana–Rawa road for 16.0 h "
        "(15.2 of the 16.3 h a trap level takes).")
    assault = Operation("bde", OpKind.ASSAULT, "rawa")
    row = narrate.plan_row(3, assault, PlanLine(3, assault, 0.0, 7.0, loads=1), NAMES)
    assert row.risks == "draws 1 load" and "Notes: draws 1 load" in row.detail()


def test_a_date_past_the_calendar_reads_blank_not_a_crash() -> None:
    from types import SimpleNamespace

    def state(start: str, day: int) -> SimpleNamespace:
        return SimpleNamespace(scenario=SimpleNamespace(start_date=start), day=day)

    assert narrate.date_of(state("2017-09-19", 2)) == "20 Sep 2017"
    assert narrate.date_of(state("9999-12-31", 2)) == ""
    assert narrate.date_of(state("not a date", 1)) == ""
