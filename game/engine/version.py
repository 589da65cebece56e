"""The version of the rules.

Bump `RULES_VERSION` whenever a change to the rules (or to the default values
of `Rules`) changes what a scenario, a seed and a list of plans produce. A save
records the version it was played under, so that a save made under other
rules is refused by name instead of drifting on replay.
"""

RULES_VERSION = 6  # 6: a trap strike costs 10 readiness a level, not 5
# (`trap_readiness_per_level`): a column that drives into traps stalls, as well as bleeds.
# 5: a road's sweep that cannot finish a level works toward it, and the
# road keeps the hours (`RoadState.swept`): long roads are swept over days.
# 4: an assault missing too much of its planned attack is called off
# (`assault_call_off_percent`), and a sweep resolves at the hour it really ends.
# 3: the same play, but a scenario's digest (in every fingerprint) lost the place
# flag `objective`, folded into `Scenario.objectives`

# What `new_game(..., without=...)` can switch off, for ablation studies: each
# name turns off one family of rules in the engine itself (not in the scenario).
SWITCHES = ("traps", "supply", "vbieds")
