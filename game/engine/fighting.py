"""Assaults and air strikes as the day carries them out, with the formulas of `combat`.

Several assault lines on one place are one assault: the first of them to
resolve leads it, at the hour its unit reaches the place, with every other
attacker that is there by then; each crosses its road first, and traps on it
stop that unit, not the rest.
"""

from __future__ import annotations

from game.engine import combat, enemy
from game.engine.daybase import EPS, DayBase
from game.engine.events import AirStrike, AssaultResolved, PlaceTaken
from game.engine.model import DRONE
from game.engine.operations import PlanLine
from game.engine.paths import road_hours
from game.engine.plan import ASSAULT
from game.engine.refusals import Refusal, Why
from game.engine.state import Cause, UnitState
from game.engine.supply import assault_loads, enemy_cut_off
from game.engine.timing import assault_road
from game.engine.traps import strike


class Fighting(DayBase):
    """The day's assaults and air strikes."""

    def _assault(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert unit is not None and target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        goal = ix.place_pos[target]
        fought = self.fought.get(goal)
        if fought is not None:
            if line.index in fought:
                return start + line.end - line.start
            return self.fail(line, self.fight_hour[goal],
                             Refusal(Why.MISSED_THE_ASSAULT, target=target, unit=unit.id))
        if self.held(goal):
            return self.fail(line, start, Refusal(Why.HELD_BY_US, target=target))
        road = assault_road(ix, ix.place_pos[unit.at], goal, lambda r: not w.roads[r].destroyed)
        if road is None:
            return self.fail(line, start, Refusal(Why.NO_LONGER_NEXT_TO, unit=unit.id,
                                                  target=target))
        # The assault goes in at the hour the plan set for its whole group (the first
        # attacker's arrival, as the preview timed it), or later if this unit is late:
        # a faster unit waits for the others instead of going in alone.
        arrive = start + road_hours(ix, rules, road, unit.kind, self.state.sandstorm)
        fight = max(arrive, line.end - rules.assault_hours)
        attackers = self._attackers(line, goal, fight)
        self.fought[goal] = {ln.index for ln, _, _ in attackers} | {line.index}
        self.fight_hour[goal] = fight
        if not attackers:
            return fight
        return self._fight(goal, attackers, fight)

    def _attackers(self, lead: PlanLine, goal: int,
                   fight: float) -> list[tuple[PlanLine, UnitState, int]]:
        """The assault lines on `goal` whose units are there by `fight`: (line, unit, road).

        Each crosses its road first: traps on it stop that unit (a strike), not the rest.
        """
        w = self.w
        ix = w.ix
        out: list[tuple[PlanLine, UnitState, int]] = []
        for line in self.lines:
            op = line.operation
            if op.kind != ASSAULT or op.target != ix.places[goal].id:
                continue
            if line.index != lead.index and line.index in self.ended:
                continue
            unit = w.units.get(op.owner)
            start = self.start_of(line)
            if unit is None or start is None:
                continue
            road = assault_road(ix, ix.place_pos[unit.at], goal,
                                lambda r: not w.roads[r].destroyed)
            if road is None:
                continue
            arrive = start + road_hours(ix, w.rules, road, unit.kind, self.state.sandstorm)
            if arrive > fight + EPS:
                continue
            if w.roads[road].traps > 0:
                strike(w, unit, road, None, start)
                self.fail(line, start, Refusal(Why.STOPPED_BY_TRAP, target=ix.roads[road].id))
                self.ended[line.index] = start
                continue
            out.append((line, unit, road))
        return out

    def _fight(self, goal: int, attackers: list[tuple[PlanLine, UnitState, int]],
               fight: float) -> float:
        w = self.w
        ix = w.ix
        rules = w.rules
        place = w.places[goal]
        end = fight + rules.assault_hours
        called_off = self._called_off(goal, attackers, fight)
        if called_off is not None:
            return called_off
        attack = 0.0
        strength = 0
        powers: list[float] = []
        short: list[str] = []
        for line, unit, _ in attackers:
            here = ix.place_pos[unit.at]
            supplied = self.supplied_work(unit, here, assault_loads(rules, unit.strength),
                                          line, fight)
            if not supplied:
                short.append(unit.id)
            power = combat.unit_attack(rules, unit.kind, unit.strength, unit.readiness, supplied)
            powers.append(power)
            attack += power
            strength += unit.strength
        strikes = sum(1 for h in self.strike_hours.get(goal, ()) if h <= fight + EPS)
        cut_off = enemy_cut_off(ix, [p.side for p in w.places],
                                [r.destroyed for r in w.roads])[goal]
        spread = rules.assault_luck_percent / 100.0
        luck = 1.0 + (2.0 * w.rng.fraction() - 1.0) * spread
        outcome = combat.resolve_assault(rules, attack, strength, place.garrison, place.traps,
                                         strikes, cut_off, luck)
        shares = _split(outcome.attacker_losses, powers, [u.strength for _, u, _ in attackers])
        survivors: list[UnitState] = []
        for (line, unit, _), losses in zip(attackers, shares, strict=True):
            hurt = w.hurt(unit, losses, rules.assault_readiness_loss, Cause.ASSAULTS)
            if hurt.strength > 0:
                survivors.append(hurt)
            if line is not attackers[0][0]:
                began = self.start_of(line) or 0.0
                self.worked[unit.id] = self.worked.get(unit.id, 0.0) + end - began
                self.ended[line.index] = end
        w.enemy_losses += outcome.defenders_killed
        w.known_place_traps[goal] = place.traps
        hour = round(end, 3)
        lead = attackers[0][1].id
        w.events.append(AssaultResolved(
            w.day, hour, lead, ix.places[goal].id, outcome.taken, round(outcome.effective, 2),
            outcome.attacker_losses, outcome.defenders_killed,
            tuple(u.id for _, u, _ in attackers[1:]), tuple(short)))
        if outcome.taken:
            w.set_place(goal, side=ix.player, garrison=0, vbieds=0)
            w.known_garrisons[goal] = 0
            w.known_vbieds[goal] = 0
            w.vbieds_destroyed += place.vbieds
            for unit in survivors:
                w.set_unit(unit, at=ix.places[goal].id)
            w.events.append(PlaceTaken(w.day, hour, ix.places[goal].id, lead, place.vbieds))
            enemy.withdraw(w, goal, place.garrison - outcome.defenders_killed, hour)
        else:
            left = place.garrison - outcome.defenders_killed
            w.set_place(goal, garrison=left)
            w.known_garrisons[goal] = left
        return end

    def _called_off(self, goal: int, attackers: list[tuple[PlanLine, UnitState, int]],
                    fight: float) -> float | None:
        """Call the assault off when the attackers there bring less than
        `assault_call_off_percent` of the attack the preview planned (their lines fail,
        nothing is drawn, no luck is drawn); None when it goes in."""
        rules = self.w.rules
        planned = attackers[0][0].estimate
        if planned is None or planned.attack <= 0:
            return None
        there = sum(combat.unit_attack(rules, unit.kind, unit.strength, unit.readiness,
                                       unit.id not in planned.short_of_supplies)
                    for _, unit, _ in attackers)
        if there >= planned.attack * rules.assault_call_off_percent / 100.0 - EPS:
            return None
        share = int(100.0 * there / planned.attack)
        target = self.w.ix.places[goal].id
        for line, _, _ in attackers:
            self.fail(line, fight, Refusal(Why.CALLED_OFF, target=target, number=share))
            self.ended[line.index] = fight
        return fight

    def _air_strike(self, line: PlanLine, unit: UnitState | None, start: float) -> float:
        target = line.operation.target
        assert target is not None
        w = self.w
        ix = w.ix
        rules = w.rules
        end = start + line.end - line.start
        pos = ix.place_pos[target]
        place = w.places[pos]
        self.cover(pos)
        if place.side == ix.player:
            return self.fail(line, start, Refusal(Why.HELD_BY_US, target=target))
        asset = self.assets[line.operation.owner]
        kills = rules.strike_kills_base + w.rng.randint(0, rules.strike_kills_spread)
        if asset.kind == DRONE:
            kills = int(kills * rules.drone_strike_percent / 100.0)
        kills = min(kills, place.garrison)
        destroyed = min(place.vbieds, rules.strike_vbieds)
        population = ix.places[pos].population
        harm = 0
        if population > 0:
            harm = w.rng.randint(0, int(population * rules.strike_civilian_per_10k / 10_000))
        w.set_place(pos, garrison=place.garrison - kills, vbieds=place.vbieds - destroyed)
        if w.known_garrisons[pos] is not None:
            w.known_garrisons[pos] = place.garrison - kills
        if w.known_vbieds[pos] is not None:
            w.known_vbieds[pos] = place.vbieds - destroyed
        self.strike_hours.setdefault(pos, []).append(end)
        w.enemy_losses += kills
        w.civilian_harm += harm
        w.vbieds_destroyed += destroyed
        w.events.append(AirStrike(w.day, round(end, 3), asset.id, target, kills, destroyed,
                                  harm))
        return end


def _split(total: int, powers: list[float], strengths: list[int]) -> list[int]:
    """`total` casualties shared by attack (largest remainder), none beyond a unit's strength."""
    weight = sum(powers)
    if weight <= 0:
        weight = float(len(powers))
        powers = [1.0] * len(powers)
    raw = [total * p / weight for p in powers]
    shares = [min(int(r), s) for r, s in zip(raw, strengths, strict=True)]
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - int(raw[i])), i))
    left = total - sum(shares)
    for i in order:
        if left <= 0:
            break
        if shares[i] < strengths[i]:
            shares[i] += 1
            left -= 1
    return shares
