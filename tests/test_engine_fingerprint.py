"""A state's canonical form is one json.dumps of the whole, however its lists are reused."""

from __future__ import annotations

import json
from dataclasses import fields, replace
from pathlib import Path

from game.data.scenario import load_scenario
from game.engine import GameState, apply_plan, choose_plan, new_game
from game.engine.fingerprint import canonical
from game.engine.index import index_of, plain

ROOT = Path(__file__).resolve().parent.parent


def whole(state: GameState) -> str:
    """The canonical form as one json.dumps, as the fingerprint's docstring says."""
    form = [
        "euphrates-road-state-1", state.scenario.id, index_of(state.scenario).digest,
        state.seed, state.day, state.rng,
        [[p.side, p.garrison, p.traps, p.vbieds] for p in state.places],
        [[r.traps, r.destroyed] for r in state.roads],
        [[u.id, u.name, u.side, u.kind.value, u.at, u.strength, u.readiness,
          u.days_out_of_supply] for u in state.units],
        [[a.id, a.kind.value, a.sorties] for a in state.air],
        [[d.place, round(d.range_km, 6)] for d in state.depots],
        list(state.known_place_traps), list(state.known_road_traps),
        list(state.known_garrisons), list(state.known_vbieds),
        [int(s) for s in state.supplied], state.sandstorm_until,
        [[getattr(r, f.name) for f in fields(r)] for r in state.record],
        state.outcome.value, [plain(e) for e in state.news],
    ]
    if state.without:
        form.append(list(state.without))
    return json.dumps(form, separators=(",", ":"), ensure_ascii=True)


def test_the_form_is_the_whole_dumps_day_after_day_and_out_of_order() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "western-anbar-2017.yaml")
    states = [new_game(scenario, 5)]
    for _ in range(6):
        states.append(apply_plan(states[-1], choose_plan("doctrine", states[-1]))[0])
    # In order (each reuses the last one's texts), backwards, and the first again.
    for state in [*states, *reversed(states), states[0]]:
        assert canonical(state) == whole(state)


def test_the_form_is_the_whole_dumps_on_a_board_of_many_blocks() -> None:
    from bench.gen_scenario import generate
    from game.data.scenario import parse_scenario

    scenario = parse_scenario(generate(400, 600, seed=3), "generated.yaml")
    states = [new_game(scenario, 2)]
    for _ in range(5):
        states.append(apply_plan(states[-1], choose_plan("doctrine", states[-1]))[0])
    for state in [*states, states[2], states[3]]:
        assert canonical(state) == whole(state)


def test_an_id_holding_the_separator_is_written_item_by_item() -> None:
    scenario = load_scenario(ROOT / "scenarios" / "tutorial.yaml")
    state = new_game(scenario, 1)
    odd = replace(state, places=tuple(
        replace(p, side="a],[b") if i % 3 == 0 else p for i, p in enumerate(state.places)))
    # One item written again, after a list of plain ids, and after one of odd ids (whose
    # block's text does not split between its items).
    one = replace(state, places=(odd.places[0], *state.places[1:]))
    odd_one = replace(odd, places=(*odd.places[:-1], state.places[-1]))
    for each in (state, odd, odd_one, state, one, odd, odd_one):
        assert canonical(each) == whole(each)


def test_the_items_changed_are_found_by_identity_up_to_a_bound() -> None:
    from game.engine.fingerprint import _changed

    last = tuple([None] * 300 + list(range(1000, 1300)) + [True, 1, 1.0])
    same_values = tuple(int(str(v)) if type(v) is int else v for v in last)  # new objects
    assert _changed(last, last, 0) == []
    # Equal is not enough: 1000 written again is another object, and True is not 1.
    moved = [i for i, (a, b) in enumerate(zip(same_values, last, strict=True)) if a is not b]
    assert moved and _changed(same_values, last, len(last)) == moved
    edited = list(last)
    for pos in (0, 299, 300, 602):
        edited[pos] = "x"
    assert _changed(tuple(edited), last, 4) == [0, 299, 300, 602]
    assert _changed(tuple(edited), last, 3) is None  # more than the bound: all written again
