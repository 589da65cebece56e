"""A menu opened again takes what it can from the last one (its entries, its labels'
words): the same entries and words as worked out anew, whatever changed between."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from game.data.scenario import parse_scenario
from game.engine import apply_plan, new_game
from game.engine.operations import OperationChoice, legal_operations
from game.tui import narrate, wording
from game.tui.widgets.operation_menu import MenuItem, menu_items, prepare, prepare_all


def _fresh(choices: Sequence[OperationChoice], names: dict[str, str]) -> list[MenuItem]:
    return [MenuItem(narrate.choice_label(c, names), bool(c.legal),
                     wording.reason(c.reason, names)) for c in choices]


def test_menu_items_again_are_the_items_worded_anew() -> None:
    from bench.gen_scenario import generate

    state = new_game(parse_scenario(generate(300, 450, 2), "generated.yaml"), 1)
    names = narrate.names(state)
    air, unit = state.air[0].id, state.units[0].id
    choices = legal_operations(state, air)
    assert menu_items(choices, names) == _fresh(choices, names)
    again = legal_operations(state, air)
    assert menu_items(again, names) == _fresh(again, names)  # the same choices
    # One choice changed in place (its first and last kept): it alone is worded anew.
    middle = len(again) // 2
    changed = (*again[:middle], replace(again[middle], legal=not again[middle].legal,
                                        hours=9.5), *again[middle + 1:])
    assert menu_items(changed, names) == _fresh(changed, names)
    # Another owner, another day (another table of names): worded anew.
    other = legal_operations(state, unit)
    assert menu_items(other, names) == _fresh(other, names)
    later, _ = apply_plan(state, ())
    later_names = narrate.names(later)
    later_choices = legal_operations(later, air)
    assert menu_items(later_choices, later_names) == _fresh(later_choices, later_names)
    # Entries read out of order, some twice, are the same entries.
    items = menu_items(choices, names)
    assert items[-1] == _fresh(choices, names)[-1]
    assert items[::-1] == _fresh(choices, names)[::-1]
    assert items == _fresh(choices, names)


def test_prepare_all_again_is_prepare() -> None:
    labels = [f"recon  Place {i}  (1.0 h)" for i in range(50)]
    assert prepare_all(labels, "Jets") == [prepare(label) for label in labels]
    more = [*labels[::-1], "air_strike  al-Qaim–Rawa road  (2.0 h)", labels[0]]
    assert prepare_all(more, "Jets") == [prepare(label) for label in more]
    assert prepare_all(more, "Drone") == [prepare(label) for label in more]
