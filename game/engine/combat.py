"""Assaults: one formula for the odds and the losses, shared by the plan preview,
the details panel, the doctrine and the day's execution.

An assault pits the attack of one or more units against the place's defence:

    attack  = sum of strength x readiness/100 x the kind's attack percent
              (x out_of_supply_attack_percent for a unit short of supplies)
    defence = garrison x defender_multiplier x (1 + town traps x town_trap_defense_percent/100)
              x (1 - suppression) x (cut_off_defence_percent/100 if cut off from the border)

The day draws luck u uniformly in 1 +- assault_luck_percent/100, and the place
falls when attack x u >= defence. So an assault whose attack is r times the
defence succeeds with probability clamp((1 + L - 1/r) / 2L, 0, 1): the odds the
preview shows are this number, computed from what the player knows.

Losses depend on how well the assault was prepared (e = r x u, the effective odds):
- taken: the attackers lose garrison x attacker_losses_per_defender x trap factor / e^2
  (a prepared assault at e = 3 costs a ninth of an even one);
- repulsed: the attackers lose garrison x failed_losses_per_defender x trap factor / e,
  at most failed_losses_max_percent of their strength; the defenders lose
  defender_losses_percent of the garrison x e.

`estimate_assault` gives the player's view (odds and a range of losses, from
known or estimated garrison and traps); `resolve_assault` the day's outcome
for a drawn u. Both call the same functions below.
"""

from __future__ import annotations

from game.engine.index import attack_percent
from game.engine.model import MAX_TRAP_LEVEL, Rules, UnitKind
from game.engine.record import record


def unit_attack(rules: Rules, kind: UnitKind, strength: int, readiness: int,
                supplied: bool) -> float:
    """What one unit brings to an assault."""
    power = strength * readiness / 100.0 * attack_percent(rules, kind) / 100.0
    if not supplied:
        power *= rules.out_of_supply_attack_percent / 100.0
    return power


def trap_factor(rules: Rules, traps: int) -> float:
    return 1.0 + traps * rules.town_trap_defense_percent / 100.0


def suppression(rules: Rules, strikes: int) -> float:
    """The share of defence the day's air strikes on a place take away (0..1)."""
    return min(rules.air_suppression_max_percent, strikes * rules.air_suppression_percent) / 100.0


def defence(rules: Rules, garrison: float, traps: int, strikes: int, cut_off: bool) -> float:
    value = garrison * rules.defender_multiplier * trap_factor(rules, traps)
    value *= 1.0 - suppression(rules, strikes)
    if cut_off:
        value *= rules.cut_off_defence_percent / 100.0
    return value


def success_chance(rules: Rules, ratio: float) -> float:
    """P(attack x u >= defence) for u uniform in 1 +- L, given attack / defence = ratio."""
    if ratio <= 0:
        return 0.0
    spread = rules.assault_luck_percent / 100.0
    if spread <= 0:
        return 1.0 if ratio >= 1.0 else 0.0
    return min(1.0, max(0.0, (1.0 + spread - 1.0 / ratio) / (2.0 * spread)))


def won_losses(rules: Rules, garrison: float, traps: int, effective: float) -> int:
    """The attackers' casualties of an assault that took the place at effective odds."""
    e = max(effective, 1.0)
    return int(garrison * rules.attacker_losses_per_defender * trap_factor(rules, traps)
               / (e * e) + 0.5)


def failed_losses(rules: Rules, garrison: float, traps: int, effective: float,
                  strength: int) -> int:
    """The attackers' casualties of a repulsed assault (capped by their strength)."""
    e = max(effective, 0.25)
    losses = int(garrison * rules.failed_losses_per_defender * trap_factor(rules, traps) / e
                 + 0.5)
    cap = int(strength * rules.failed_losses_max_percent / 100.0 + 0.5)
    return min(losses, cap)


def defenders_killed(rules: Rules, garrison: int, effective: float) -> int:
    """Defenders killed by a repulsed assault."""
    return min(garrison, int(garrison * rules.defender_losses_percent / 100.0
                             * min(effective, 1.0) + 0.5))


@record
class AssaultOutcome:
    """One assault as the day resolves it."""

    taken: bool
    effective: float  # attack x luck / defence
    attacker_losses: int
    defenders_killed: int  # in the fight (on a taken place, the rest are survivors)


def resolve_assault(rules: Rules, attack: float, strength: int, garrison: int, traps: int,
                    strikes: int, cut_off: bool, luck: float) -> AssaultOutcome:
    """The outcome for a drawn `luck` (u in 1 +- L); `strength` is the attackers' total."""
    value = defence(rules, garrison, traps, strikes, cut_off)
    effective = attack * luck / value if value > 0 else 99.0
    if effective >= 1.0:
        losses = min(strength, won_losses(rules, garrison, traps, effective))
        killed = min(garrison, int(garrison * (1.0 - rules.withdraw_percent / 100.0) + 0.5))
        return AssaultOutcome(True, effective, losses, killed)
    losses = failed_losses(rules, garrison, traps, effective, strength)
    return AssaultOutcome(False, effective, losses, defenders_killed(rules, garrison, effective))


@record
class AssaultEstimate:
    """An assault as the player can foresee it: its odds and what it may cost.

    `chance` is the probability the place falls (0..1), averaged over what the
    player does not know (an estimated garrison: its range; unknown town traps:
    every level equally likely). Losses are ranges over the drawn luck, for the
    garrison the player expects.
    """

    target: str
    units: tuple[str, ...]  # the attackers
    attack: float
    defence: float  # expected
    ratio: float  # attack / expected defence
    chance: float
    losses_if_taken: tuple[int, int]  # (best, worst)
    losses_if_repulsed: tuple[int, int]
    garrison: tuple[int, int]  # what the player believes: exact (n, n) or a range
    traps: int | None  # the town's traps as known (None: unknown)
    strikes: int  # air strikes on it earlier the same day, counted in
    cut_off: bool
    short_of_supplies: tuple[str, ...]  # attackers fighting at reduced attack


def assault_chance(rules: Rules, attack: float, garrison: tuple[int, int], traps: int | None,
                   strikes: int, expected_kills: float, cut_off: bool) -> float:
    """The odds an estimate shows (`AssaultEstimate.chance`), alone: the chance the
    place falls, averaged over the garrison's range and the trap levels it may have."""
    low, high = garrison
    samples = [low] if low == high else [low + (high - low) * k / 4 for k in range(5)]
    levels = [traps] if traps is not None else list(range(MAX_TRAP_LEVEL + 1))
    chances = []
    for g in samples:
        left = max(0.0, g - expected_kills)
        for level in levels:
            value = defence(rules, left, level, strikes, cut_off)
            chances.append(success_chance(rules, attack / value) if value > 0 else 1.0)
    return round(sum(chances) / len(chances), 3)


def estimate_assault(rules: Rules, target: str, units: tuple[str, ...], attack: float,
                     strength: int, garrison: tuple[int, int], traps: int | None,
                     strikes: int, expected_kills: float, cut_off: bool,
                     short: tuple[str, ...] = ()) -> AssaultEstimate:
    """The player's estimate: `garrison` is known (n, n) or a range; `expected_kills`
    are the defenders the day's earlier strikes should kill before the fight."""
    low, high = garrison
    middle = max(0.0, (low + high) / 2.0 - expected_kills)
    level = traps if traps is not None else MAX_TRAP_LEVEL // 2
    value = defence(rules, middle, level, strikes, cut_off)
    ratio = attack / value if value > 0 else 99.0
    spread = rules.assault_luck_percent / 100.0
    best, worst = ratio * (1.0 + spread), ratio * (1.0 - spread)
    taken = (min(strength, won_losses(rules, middle, level, best)),
             min(strength, won_losses(rules, middle, level, max(worst, 1.0))))
    repulsed = (failed_losses(rules, middle, level, min(best, 1.0), strength),
                failed_losses(rules, middle, level, worst, strength))
    return AssaultEstimate(
        target=target, units=units, attack=round(attack, 1), defence=round(value, 1),
        ratio=round(ratio, 2),
        chance=assault_chance(rules, attack, garrison, traps, strikes, expected_kills, cut_off),
        losses_if_taken=taken,
        losses_if_repulsed=repulsed, garrison=garrison, traps=traps, strikes=strikes,
        cut_off=cut_off, short_of_supplies=short,
    )


def expected_strike_kills(rules: Rules, drone: bool) -> float:
    kills = rules.strike_kills_base + rules.strike_kills_spread / 2.0
    return kills * rules.drone_strike_percent / 100.0 if drone else kills
