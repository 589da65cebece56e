"""Checks of sense: a scenario whose every field is right and every reference known
can still be one that cannot work. These run after the checks across fields
(`game.data.checker`), on what they found, and report like them.

Errors for what no author means (nothing to win, no supply for the player,
reinforcements dropped inside an enemy town, an assault that never fits in a
day); warnings for what an author may mean (an objective held from the start,
no room for a new depot, an operation that never fits). The places' coordinates
and the texts have modules of their own (`game.data.geography`, `game.data.texts`).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from game.data.checker import Checker
from game.data.problems import Severity
from game.data.reader import Reader, Record
from game.engine.model import Reinforcements, RoadKind, Rules, Scenario, SupplyRules
from game.engine.paths import speed_kmh
from game.engine.roles import NON_COMBAT
from game.engine.world import new_game

# Kinds of ground unit that never assault (the plan checker refuses them).
NOT_ASSAULTING = tuple(kind.value for kind in NON_COMBAT)


def rule_values(top: Record, name: str, cls: type[Rules] | type[SupplyRules]) -> dict[str, Any]:
    """A rules section as the game will play it: the defaults, then the scenario's values."""
    values: dict[str, Any] = {f.name: f.default for f in fields(cls)}
    section: Record | None = top.get(name)
    if section is not None:
        values.update(section.values)
    return values


class SenseChecks:
    """What cannot work, or may not be meant, in a scenario that is otherwise well formed."""

    def __init__(self, checker: Checker) -> None:
        self.c = checker
        self.r = checker.r
        self.player = checker.player

    def check(self) -> None:
        if self.player is None:
            return  # the sides are wrong: that is already said
        self._objectives_held()
        self._supply()
        self._forces()
        self._reinforcements()
        self._unplayed()
        self._rules()

    def holder(self, place: str) -> str | None:
        record = self.c.place_ids.get(place)
        return record.get("side") if record is not None else None

    def _objectives_held(self) -> None:
        targets = self.c.objective_targets
        held = [(ident, record, name) for ident, record, name in targets
                if self.holder(ident) == self.player]
        if targets and len(held) == len(targets):
            ident, record, name = held[0]
            self.r.report(record.where(name), record.sub(name),
                          f"every objective is held by side '{self.player}' from the start: "
                          "the game is won at the end of day 1 whatever the player does; "
                          "give at least one to the enemy")
            return
        for ident, record, name in held:
            self.r.report(record.where(name), record.sub(name),
                          f"objective '{ident}' is held by side '{self.player}' from the start: "
                          "it counts as taken", "warning")

    def _supply(self) -> None:
        player = self.player
        places = self.c.place_ids
        sources = [p for p, rec in places.items()
                   if rec.get("side") == player and rec.get("supply_source") is True]
        depots = [p for p, rec in places.items() if rec.get("depot") is True]
        own_depots = [p for p in depots if self.holder(p) == player]
        if not sources and not own_depots and "places" in self.c.top.values:  # [] included
            node = self.c.top.nodes.get("places", self.c.top.node)
            self.r.report(node, "places",
                          f"side '{player}' holds no supply source or depot at the start: its "
                          "units are out of supply from day 1, cannot assault from day 3 and "
                          "waste away; mark a place it holds supply_source: true")
        for ident in depots:
            if self.holder(ident) != player:
                record = places[ident]
                self.r.report(record.where("depot"), record.sub("depot"),
                              f"a depot at '{ident}', which side '{self.holder(ident)}' holds: "
                              f"depots are side '{player}''s; it counts toward max_depots "
                              "and supplies nothing until the place is taken", "warning")
        supply = rule_values(self.c.top, "supply", SupplyRules)
        section: Record | None = self.c.top.get("supply")
        limit = supply["max_depots"]
        if depots and len(depots) >= limit:
            # Point at max_depots when the author wrote it, else at the first depot.
            first = places[depots[0]]
            written = section is not None and "max_depots" in section.values
            self.r.report(section.where("max_depots") if section and written
                          else first.where("depot"),
                          "supply.max_depots" if written else first.sub("depot"),
                          f"the player starts with {len(depots)} depot"
                          f"{'s' if len(depots) != 1 else ''} and max_depots is {limit}: no "
                          "new depot can be established (the doctrine pushes its supply "
                          "forward with depots); raise max_depots", "warning")
        if supply["depot_range_km"] > supply["depot_range_max_km"] and section is not None:
            self.r.report(section.where("depot_range_km"), "supply.depot_range_km",
                          f"a new depot reaches {supply['depot_range_km']:g} km, beyond "
                          f"depot_range_max_km {supply['depot_range_max_km']:g}: convoys "
                          "cannot grow it", "warning")

    def _forces(self) -> None:
        """The player needs ground units, and some that can assault, to take anything."""
        player = self.player
        arriving = [u for e in self.c.events for u in e.get("reinforcements", [])]
        mine = [u for u in [*self.c.units, *arriving] if u.get("side") == player]
        node = self.c.top.nodes.get("units", self.c.top.node)
        if not mine:  # whatever the places and objectives hold, even none
            self.r.report(node, "units",
                          f"side '{player}' has no ground unit, at the start or arriving: "
                          "no place can be taken")
            return
        if not self.c.objective_targets or all(
                self.holder(ident) == player for ident, _, _ in self.c.objective_targets):
            return  # nothing to take: said elsewhere
        if not any(u.get("kind") not in NOT_ASSAULTING for u in mine):
            self.r.report(node, "units",
                          f"no unit of side '{player}' can assault "
                          f"({', '.join(NOT_ASSAULTING)} do not): no place can be taken")

    def _reinforcements(self) -> None:
        """The engine puts arriving units where the scenario says, whoever holds it that day."""
        for event in self.c.events:
            for unit in event.get("reinforcements", []):
                side, at = unit.get("side"), unit.get("at")
                if side is None or at is None or at not in self.c.place_ids:
                    continue
                holder = self.holder(at)
                if holder is None or holder == side:
                    continue
                if side == self.player:
                    self.r.report(unit.where("at"), unit.sub("at"),
                                  f"unit '{unit.get('id')}' of side '{side}' arrives at '{at}', "
                                  f"which side '{holder}' holds at the start: it would appear "
                                  "inside an enemy town; bring it in at a place the player "
                                  "holds")
                else:
                    self.r.report(unit.where("at"), unit.sub("at"),
                                  f"unit '{unit.get('id')}' of side '{side}' arrives at '{at}', "
                                  f"which side '{holder}' holds at the start: it joins the "
                                  "garrison only if its side holds the place that day, and is "
                                  "lost otherwise", "warning")

    def _unplayed(self) -> None:
        """What the file gives the enemy that the rules never use."""
        for asset in self.c.air:
            side = asset.get("side")
            if side is not None and side != self.player and side in self.c.side_ids:
                self.r.report(asset.where("side"), asset.sub("side"),
                              f"air asset '{asset.get('id')}' of side '{side}': only the "
                              "player's aircraft fly; it does nothing", "warning")
        for event in self.c.events:
            garrison: Record | None = event.get("garrison")
            place = garrison.get("place") if garrison is not None else None
            if garrison is None or place is None or self.holder(place) != self.player:
                continue
            self.r.report(garrison.where("place"), garrison.sub("place"),
                          f"a garrison change at '{place}', which side '{self.player}' holds "
                          "at the start: garrisons are the enemy's; it applies only if the "
                          "enemy holds the place that day", "warning")

    def _rules(self) -> None:
        """Operations whose fixed hours never fit in the day they must fit in."""
        rules = rule_values(self.c.top, "rules", Rules)
        section: Record | None = self.c.top.get("rules")
        if section is None:
            return
        work = rules["work_hours"]
        checks: tuple[tuple[str, float, str, str, Severity], ...] = (
            ("assault_hours", work, "work_hours", "no place can ever be assaulted", "error"),
            ("depot_hours", work, "work_hours", "no depot can be established", "warning"),
            ("hold_hours", work, "work_hours", "no unit can hold", "warning"),
            ("recon_hours", work, "work_hours", "no ground unit can recon", "warning"),
            ("convoy_hours", work, "work_hours", "no convoy can run", "warning"),
            ("clear_place_hours_per_level", work, "work_hours",
             "no engineers can clear a place", "warning"),
            ("clear_hours_per_level", work, "work_hours",
             "no engineers can clear a road", "warning"),
            ("rest_hours", rules["rest_day_hours"], "rest_day_hours", "no unit can rest",
             "warning"),
            ("strike_hours", rules["air_day_hours"], "air_day_hours",
             "no air strike can be flown", "warning"),
        )
        for name, limit, limit_name, effect, severity in checks:
            if rules[name] <= limit:
                continue
            shown = name if name in section.values else limit_name
            if shown not in section.values:
                continue
            self.r.report(section.where(shown), section.sub(shown),
                          f"{name} {rules[name]:g} is more than {limit_name} {limit:g}: "
                          f"{effect}", severity)


def check_start(reader: Reader, units: list[Record], scenario: Scenario) -> None:
    """What the engine makes of the start: units that begin out of supply (a warning:
    a cut-off garrison can be the story, but it cannot assault from day 3). Given only
    the units' records, so that the rest of the file's tree can go before the game
    starts (at 100,000 places, hundreds of megabytes)."""
    state = new_game(scenario, 0)
    by_id = {u.get("id"): u for u in units}
    for unit in state.units:
        record = by_id.get(unit.id)
        if record is None or state.in_supply(unit.at):
            continue
        reader.report(record.where("at"), record.sub("at"),
                         f"unit '{unit.id}' starts out of supply at '{unit.at}': no supply "
                         "source or depot reaches it over roads free of traps through places "
                         f"the player holds (range_km {scenario.supply.range_km:g}); it "
                         "cannot assault from day 3", "warning")


def check_long_roads(reader: Reader, roads: list[Record], scenario: Scenario) -> None:
    """Roads some of the player's units can never drive (a warning): a move, a convoy
    and an assault's approach must end inside the working day, so a road whose drive
    alone takes longer is closed to that kind of unit for good. Engineers sweep a long
    road over days; nobody drives one over days."""
    player = scenario.player_side
    specs = list(scenario.units)
    for event in scenario.events:
        if isinstance(event, Reinforcements):
            specs.extend(event.units)
    kinds = sorted({u.kind for u in specs if u.side == player}, key=lambda k: k.value)
    if not kinds:
        return
    rules = scenario.rules
    limit = rules.work_hours
    # The longest road of each kind every one of these kinds drives inside the day: a
    # road's hours are its km over a speed set by its kind and the unit's, so one
    # comparison a road finds them (no table of hours: at 100,000 places the tables
    # cost tens of megabytes at the file's peak).
    longest = {road_kind: limit * min(speed_kmh(rules, road_kind, kind, False)
                                      for kind in kinds) for road_kind in RoadKind}
    for pos, road in enumerate(scenario.roads):
        if road.km <= longest[road.kind]:
            continue
        record = roads[pos]  # the scenario's roads are built from these, in order
        slow = [(kind.value, road.km / speed) for kind in kinds
                if (speed := speed_kmh(rules, road.kind, kind, False)) * limit < road.km]
        who = (f"{slow[0][0]} need {slow[0][1]:.1f} h" if len(slow) == 1 else
               " and ".join(f"{name} ({hours:.1f} h)" for name, hours in slow) + " need")
        reader.report(record.where("km"), record.sub("km"),
                      f"road '{road.id}' ({road.km:g} km {road.kind.value}): {who} to drive it, "
                      f"more than a working day (work_hours {limit:g}), and a move must end "
                      "inside the day, so they can never cross it; put a place between its "
                      "ends if they should", "warning")
