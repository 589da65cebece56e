"""The documented range of every rule a scenario may override (`rules:` and `supply:`).

One table, read by the format (`game.data.format`), so the validator refuses a
value outside it and `anbar schema` states it as `minimum`/`maximum`; the docs
print it (docs/scenario-format.md). A range is what still makes sense of the
rule, not what the default campaign uses: wide enough for any scenario, narrow
enough that a scenario that validates never breaks the engine (a property test
plays random scenarios with values drawn from these ranges).

A field added to `Rules` or `SupplyRules` needs its line here: a test fails
until it has one.
"""

from __future__ import annotations

from game.engine.model import MAX_TRAP_LEVEL

HOURS = (0.5, 24.0)  # an operation's fixed time: it must fit in a day
PERCENT = (0.0, 100.0)
READINESS = (0, 100)  # readiness points, as a unit's readiness
CASUALTIES = (0, 1000)  # personnel lost to one strike, bomb or draw
DISTANCE = (0.0, 1000.0)  # km by road, as a road's own maximum

RULE_RANGES: dict[str, tuple[float, float]] = {
    "work_hours": (1.0, 24.0),
    "air_day_hours": (1.0, 24.0),
    "rest_day_hours": (1.0, 24.0),
    # Movement: a speed of 0 would leave every column standing for ever.
    "speed_highway_kmh": (1.0, 120.0),
    "speed_road_kmh": (1.0, 120.0),
    "speed_track_kmh": (1.0, 120.0),
    "speed_bridge_kmh": (1.0, 120.0),
    "speed_light_percent": (10.0, 400.0),
    "speed_engineers_percent": (10.0, 400.0),
    "speed_logistics_percent": (10.0, 400.0),
    "sandstorm_speed_percent": (10.0, 100.0),
    "fatigue_per_hour": (0.0, 20.0),
    # Booby-traps.
    "trap_hours_per_level": (0.0, 24.0),
    "trap_casualties_base": CASUALTIES,
    "trap_casualties_spread": CASUALTIES,
    "trap_readiness_per_level": READINESS,
    "reseed_max_level": (0, MAX_TRAP_LEVEL),
    "reseed_percent": PERCENT,
    "reseed_reach_km": DISTANCE,
    # Recon and clearing: a level must take some time, or a sweep never ends.
    "recon_hours": HOURS,
    "recon_hours_per_km": (0.0, 10.0),
    "adviser_recon_percent": (10.0, 200.0),
    "drone_recon_hours": HOURS,
    "jet_recon_hours": HOURS,
    "clear_hours_per_level": (0.1, 24.0),
    "clear_hours_per_level_km": (0.0, 10.0),
    "clear_place_hours_per_level": (0.1, 24.0),
    "bridge_hours": (0.5, 500.0),  # over several days: the work adds up
    # Assault.
    "assault_hours": HOURS,
    "assault_readiness_loss": READINESS,
    "assault_luck_percent": PERCENT,  # the attack is x (1 +- this): beyond 100 it turns negative
    "assault_call_off_percent": PERCENT,
    "defender_multiplier": (0.1, 20.0),
    "town_trap_defense_percent": (0.0, 200.0),
    "cut_off_defence_percent": (10.0, 100.0),
    "attacker_losses_per_defender": (0.0, 10.0),
    "failed_losses_per_defender": (0.0, 10.0),
    "failed_losses_max_percent": PERCENT,
    "defender_losses_percent": PERCENT,
    "air_suppression_percent": PERCENT,
    "air_suppression_max_percent": PERCENT,
    "out_of_supply_attack_percent": PERCENT,
    "attack_army_percent": (0.0, 500.0),
    "attack_police_percent": (0.0, 500.0),
    "attack_tribal_percent": (0.0, 500.0),
    "attack_militia_percent": (0.0, 500.0),
    "attack_cts_percent": (0.0, 500.0),
    # Air.
    "strike_hours": HOURS,
    "strike_kills_base": CASUALTIES,
    "strike_kills_spread": CASUALTIES,
    "drone_strike_percent": PERCENT,
    "strike_vbieds": (0, 20),
    "strike_civilian_per_10k": (0.0, 1000.0),
    # The enemy.
    "vbied_casualties_base": CASUALTIES,
    "vbied_casualties_spread": CASUALTIES,
    "vbied_readiness_loss": READINESS,
    "vbied_stop_percent": PERCENT,
    "vbied_cover_stop_percent": PERCENT,
    "vbied_reach_km": DISTANCE,
    "vbied_build_days": (1, 365),
    "vbied_max_per_place": (0, 50),
    "counterattack_min_garrison": (0, 100_000),
    "counterattack_odds_percent": (0.0, 1000.0),
    "counterattack_reach_km": DISTANCE,
    "counterattack_losses_percent": PERCENT,
    "counterattack_readiness_loss": READINESS,
    "withdraw_percent": PERCENT,
    "flee_percent": PERCENT,
    "fall_back_odds_percent": (0.0, 10_000.0),  # above any odds: the enemy never falls back
    "stay_behind_percent": PERCENT,
    "reinforce_percent": PERCENT,
    "enemy_move_km": DISTANCE,
    # Supply and rest.
    "depot_hours": HOURS,
    "convoy_hours": HOURS,
    "convoy_loads": (0, 100),
    "convoy_gain_percent": PERCENT,
    "convoy_min_km": (0.0, 1000.0),
    "depot_max_loads": (0, 1000),
    "upkeep_men_per_load": (1, 20_000),  # men a load feeds: 0 would feed nobody
    "assault_men_per_load": (1, 20_000),
    "clear_loads": (0, 100),
    "bridge_loads": (0, 100),
    "short_supply_work_percent": (10.0, 100.0),  # 0 would leave a job for ever undone
    "hold_hours": HOURS,
    "rest_hours": HOURS,
    "rest_readiness": READINESS,
    "supply_recovery": READINESS,
    "attrition_percent": PERCENT,
}

SUPPLY_RANGES: dict[str, tuple[float, float]] = {
    "range_km": (0.0, 1000.0),
    "depot_range_km": (0.0, 1000.0),
    "depot_range_max_km": (0.0, 1000.0),
    "max_depots": (0, 50),
}
