"""The operation menu of thousands of entries: the same words and order as before, the
best matches listed, and the rest reached by typing."""

from __future__ import annotations

import re

from textual.app import App
from textual.widgets import Label, OptionList

from game.data.scenario import parse_scenario
from game.engine import new_game
from game.engine.operations import legal_operations
from game.tui import narrate, wording
from game.tui.menu_entries import forget, words_each
from game.tui.widgets.operation_menu import (
    SHOWN_AT_MOST,
    MenuItem,
    OperationMenu,
    menu_items,
    ranked,
    words,
)

_OLD_SPLIT = re.compile(r"[\s\-–—_(),]+")


def test_words_split_as_the_pattern_did() -> None:
    for text in ("recon  Zawiya  (3.0 h)", "clear Saqra–al-Rayhana road", "a\u00a0b\tc__d,e(f)g—h",
                 "", "  ", "X\u2003Y", "air-strike  al-Qaim  (1.0 h)  odds 3:1"):
        assert words(text) == [w for w in _OLD_SPLIT.split(text.lower()) if w], text


def test_menu_items_word_each_choice_as_before() -> None:
    from bench.gen_scenario import generate

    state = new_game(parse_scenario(generate(300, 450, 2), "generated.yaml"), 1)
    names = narrate.names(state)
    assert narrate.names(state) is names  # one table a state
    for owner in (state.units[0].id, state.air[0].id):
        choices = legal_operations(state, owner)
        assert menu_items(choices, names) == [
            MenuItem(narrate.choice_label(c, names), bool(c.legal),
                     wording.reason(c.reason, names)) for c in choices]



def test_word_counts_are_the_labels_without_wording_them() -> None:
    """The menu's first order counts each label's words from its parts (kind, target,
    hours, odds): for every owner, assaults with odds, lines with no hours or target."""
    from bench.gen_scenario import generate

    state = new_game(parse_scenario(generate(300, 450, 2), "generated.yaml"), 1)
    names = narrate.names(state)
    seen = {"odds": 0, "no hours": 0, "no target": 0}
    for owner in [u.id for u in state.units] + [a.id for a in state.air]:
        choices = legal_operations(state, owner)
        items = menu_items(choices, names)
        assert items.word_counts() == [len(words(item.label)) for item in items], owner
        seen["odds"] += sum(c.estimate is not None for c in choices)
        seen["no hours"] += sum(not c.hours for c in choices)
        seen["no target"] += sum(c.target is None for c in choices)
    assert all(seen.values()), seen

def test_words_each_are_the_words_of_each() -> None:
    texts = ["Place 12", "al-Qaim–Rawa road", "", "  ", "a\u00a0b\tc__d,e(f)g—h", "东京都 G",
             "X\u2003Y", "one\ntwo", "end\n"]
    for some in (texts, texts[:7], [texts[2]], []):
        assert words_each(some) == [len(words(text)) for text in some], some


def test_word_counts_count_every_name_once_a_game() -> None:
    """An air asset's menu counts every name of the game at once; a unit's, the names it
    shows; either way, as many words as its labels have, a name with a line break too."""
    from bench.gen_scenario import generate

    state = new_game(parse_scenario(generate(300, 450, 2), "generated.yaml"), 1)
    names = dict(narrate.names(state))
    names[next(iter(names))] = "Two\nlines"
    forget()
    for owner in (state.units[0].id, state.air[0].id, state.units[1].id):
        items = menu_items(legal_operations(state, owner), names)
        assert items.word_counts() == [len(words(item.label)) for item in items], owner


def _old_ranked(items: list[MenuItem], query: str) -> list[int]:
    wanted = words(query)
    scored = []
    for index, item in enumerate(items):
        tokens = words(item.label)
        lowered, joined, rank = item.label.lower(), "".join(tokens), 0
        for word in wanted:
            if word in tokens:
                continue
            if any(token.startswith(word) for token in tokens):
                rank += 1
            elif word in lowered:
                rank += 3
            elif word in joined:
                rank += 4
            else:
                break
        else:
            scored.append((rank, not item.legal, len(tokens), index))
    return [index for _, _, _, index in sorted(scored)]  # at equal match, legal first


def _items(count: int) -> list[MenuItem]:
    kinds = ("recon", "air-strike", "move")
    return [MenuItem(f"{kinds[i % 3]}  Place {i}{' (north)' if i % 7 == 0 else ''}  (1.0 h)",
                     i % 5 != 0, "" if i % 5 else "no sorties left") for i in range(count)]


def test_ranked_as_before() -> None:
    items = _items(700)
    for query in ("", "recon", "place 1", "str", "12", "north recon", "placenorth", "zzz",
                  "air strike 70"):
        assert ranked(items, query) == _old_ranked(items, query), query


async def test_a_long_menu_lists_its_best_matches_and_reaches_the_rest_by_typing() -> None:
    items = _items(SHOWN_AT_MOST * 3)

    class Host(App[None]):
        pass

    app = Host()
    async with app.run_test(size=(100, 40)) as pilot:
        menu = OperationMenu("Jets", items)
        await app.push_screen(menu)
        await pilot.pause()
        options = menu.query_one(OptionList)
        assert options.option_count == SHOWN_AT_MOST + 1
        last = options.get_option_at_index(SHOWN_AT_MOST)
        assert last.disabled and f"{SHOWN_AT_MOST * 2:,} more" in str(last.prompt)
        assert len(menu.shown) == len(items)
        await pilot.press(*"place", "space", *"251")  # beyond the first hundred
        await pilot.pause()
        assert [items[i].label for i in menu.shown][:1] == ["move  Place 251  (1.0 h)"]
        assert options.option_count == len(menu.shown) <= SHOWN_AT_MOST
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, OperationMenu)


async def test_enter_on_an_impossible_best_match_says_why_and_adds_no_worse_match() -> None:
    """Found in play: 'recon ana-al' added the al-Qaim–Rumana road (a part-word match)
    because the Ana–al-Ubaydi road, the exact match, was not possible: a wasted sortie."""
    items = [MenuItem("recon  al-Qaim–Rumana road  (1.0 h)", True),
             MenuItem("recon  Ana–al-Ubaydi road  (1.0 h)", False, "no sorties left")]
    picked: list[int | None] = []

    class Host(App[None]):
        pass

    app = Host()
    async with app.run_test(size=(100, 30)) as pilot:
        menu = OperationMenu("Drone", items)
        await app.push_screen(menu, picked.append)
        await pilot.pause()
        await pilot.press(*"recon", "space", *"ana", "space", *"al")
        await pilot.pause()
        assert menu.shown[0] == 1  # the exact match, though not possible
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is menu and picked == []
        reason = str(menu.query_one("#opmenu-reason", Label).render())
        assert reason.startswith("Not possible: no sorties left")
        await pilot.press("down", "enter")  # the other, chosen on purpose
        await pilot.pause()
        assert picked == [0]


def test_word_counts_count_a_long_sweeps_progress() -> None:
    """A clear of a road longer than a day shows its progress in the label, counted too."""
    from tests.engine_fixtures import line_scenario, with_rules

    state = new_game(with_rules(line_scenario(road_km=200.0), fatigue_per_hour=0.0), 1)
    names = narrate.names(state)
    choices = legal_operations(state, "eng")
    assert any(c.sweep_done is not None for c in choices)
    items = menu_items(choices, names)
    assert items.word_counts() == [len(words(item.label)) for item in items]
