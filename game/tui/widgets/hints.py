"""The tutorial's hint line, and the pure rule that picks the next hint."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from textual.reactive import reactive
from textual.widgets import Static

from game.engine.memo import by_identity
from game.engine.model import Scenario

if TYPE_CHECKING:
    from game.engine.plan import Operation

# The order the tutorial teaches, each with what to do next.
LESSONS: tuple[tuple[str, str], ...] = (
    ("recon", "Recon first: press u to pick the drone or the advisers, a, then recon a road."),
    ("clear", "Clear the reconnoitred road: pick the engineers (u), a, then clear."),
    ("move", "Move up: pick the brigade (u), put the cursor on a place, enter, then move."),
    ("establish_depot", "Supply reaches 15 km from Haditha: establish_depot on a held, "
                        "cleared place it still reaches, to carry it further."),
    ("convoy", "Stock the depot: pick the transport (u), a, then convoy to it. An assault "
               "draws a load per 400 men from its depot, or fights at a third of its attack."),
    ("air_strike", "Strike the car bomb from the air: pick the jets (u), a, then air_strike."),
    ("assault", "Assault with the brigade when the plan's odds are good: a, then assault."),
)
# The air lesson once no car bomb is known to be left: striking one would be stale advice.
NO_CAR_BOMB = "Weaken a garrison from the air before the assault: pick the jets (u), a, " \
              "then air_strike."
DONE = "You have used every operation once. Take the objectives (*) before the day limit."
# The depot lesson as any scenario words it: its supply's reach and its first source.
DEPOT = ("Supply reaches {km} km from {source}: establish_depot on a held, cleared place "
         "it still reaches, to carry it further.")


@by_identity(2)  # asked at every refresh of the plan; a scenario's forces never change
def lessons_for(scenario: Scenario) -> tuple[tuple[str, str], ...]:
    """The lessons this scenario can teach, in order: none that no unit or aircraft of
    the player's can ever do (clearing with no engineers), the depot's worded with the
    scenario's own supply reach and source (the tutorial's reads as LESSONS)."""
    from game.engine.roles import possible_operations  # a tutorial's: other games need none

    possible = {str(kind) for kind in possible_operations(scenario)}
    side = scenario.player_side
    source = next((p.name for p in scenario.places if p.supply_source and p.side == side),
                  None)
    lessons = []
    for kind, text in LESSONS:
        if kind not in possible:
            continue
        if kind == "establish_depot":
            reach = "your supply sources" if source is None else source
            text = DEPOT.format(km=f"{scenario.supply.range_km:g}", source=reach)
        lessons.append((kind, text))
    return tuple(lessons)


def next_hint(done: Collection[str], plan_kinds: Collection[str] = (),
              car_bombs_seen: bool = True,
              lessons: tuple[tuple[str, str], ...] = LESSONS) -> str:
    """The first lesson not yet committed; when it is already in today's plan, end the day.
    `car_bombs_seen`: whether the player still knows of a car bomb in an enemy place;
    `lessons`: the scenario's (`lessons_for`)."""
    for kind, text in lessons:
        if kind in done:
            continue
        if kind in plan_kinds:
            return f"{kind} is in the plan. Press n to end the day and see it play out."
        if kind == "air_strike" and not car_bombs_seen:
            return NO_CAR_BOMB
        return text
    return DONE


def tutorial_hint(scenario: Scenario, done: Collection[str], plan: Iterable[Operation],
                  car_bombs_seen: bool) -> str:
    """The hint for the scenario's lessons, those done and today's plan."""
    return next_hint(done, {str(op.kind) for op in plan}, car_bombs_seen,
                     lessons_for(scenario))


class HintLine(Static):
    """One line of guidance; hidden when `text` is empty."""

    text: reactive[str] = reactive("")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)

    def watch_text(self, text: str) -> None:
        self.update(f"Hint: {text}" if text else "")
        self.display = bool(text)
