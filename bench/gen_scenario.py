"""A seeded generator of large, valid synthetic scenarios, for benchmarks and tests.

    python bench/gen_scenario.py --places 10000 --roads 15000 --seed 1 > big.yaml

or `from bench.gen_scenario import generate; text = generate(10000, 15000, seed=1)`.
The road graph is connected (a random spanning tree first, then extra roads
between distinct, not yet joined pairs), so every objective can be reached.
"""

from __future__ import annotations

import argparse
import math
import random
import sys

KINDS = ("town", "village", "junction", "city")
ROAD_KINDS = ("highway", "road", "track")


def _crow_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def generate(places: int, roads: int, seed: int) -> str:
    if places < 2:
        raise ValueError("at least 2 places")
    if roads < places - 1:
        raise ValueError(f"at least {places - 1} roads to join {places} places")
    if roads > places * (places - 1) // 2:
        raise ValueError("more roads than pairs of places")
    rng = random.Random(seed)
    gov_count = max(1, places // 10)
    out: list[str] = [
        "# A synthetic scenario for benchmarks (bench/gen_scenario.py).",
        f"id: synthetic-{places}-{roads}-{seed}",
        f'title: "Synthetic: {places} places, {roads} roads"',
        'start_date: "2017-09-19"',
        "days: 90",
        "sides:",
        "  - id: gov",
        "    name: Iraqi forces",
        "    player: true",
        "  - id: is",
        "    name: Islamic State",
        "places:",
    ]
    points: list[tuple[float, float]] = []
    for i in range(places):
        side = "gov" if i < gov_count else "is"
        lat, lon = round(33.0 + rng.random() * 2, 4), round(40.5 + rng.random() * 3, 4)
        points.append((lat, lon))
        out += [
            f"  - id: p{i}",
            f"    name: Place {i}",
            f"    lat: {lat:.4f}",
            f"    lon: {lon:.4f}",
            f"    side: {side}",
            f"    kind: {rng.choice(KINDS)}",
            f"    population: {rng.randrange(0, 20000)}",
        ]
        if side == "is":
            out += [f"    garrison: {rng.randrange(0, 200)}", f"    traps: {rng.randrange(0, 6)}"]
        else:  # every unit starts in supply (the validator warns of one that does not)
            out.append("    supply_source: true")
    pairs: set[tuple[int, int]] = set()
    for i in range(1, places):
        j = rng.randrange(max(0, i - 50), i)  # a tree: every place joins an earlier one
        pairs.add((j, i))
    ordered = sorted(pairs, key=lambda pair: pair[1])
    while len(pairs) < roads:
        a, b = rng.randrange(places), rng.randrange(places)
        pair = (min(a, b), max(a, b))
        if a != b and pair not in pairs:
            pairs.add(pair)
            ordered.append(pair)
    out.append("roads:")
    for a, b in ordered:
        out += [
            f"  - between: [p{a}, p{b}]",
            # No shorter than the straight line (the validator warns of a road that is).
            f"    km: {_crow_km(points[a], points[b]) * (1 + rng.randrange(2, 80) / 100) + 1:.1f}",
            f"    kind: {rng.choice(ROAD_KINDS)}",
        ]
        if rng.random() < 0.3:
            out.append(f"    traps: {rng.randrange(1, 6)}")
    out.append("units:")
    for k in range(min(gov_count, 50)):
        out += [
            f"  - id: bde-{k}",
            f"    name: Brigade {k}",
            "    side: gov",
            f"    kind: {rng.choice(('army', 'police', 'tribal', 'engineers'))}",
            f"    at: p{rng.randrange(gov_count)}",
            f"    strength: {rng.randrange(100, 2000)}",
        ]
    for k in range(min(places - gov_count, 50)):
        out += [
            f"  - id: is-{k}",
            f"    name: Fighters {k}",
            "    side: is",
            "    kind: fighters",
            f"    at: p{rng.randrange(gov_count, places)}",
            f"    strength: {rng.randrange(20, 300)}",
        ]
    out += [
        "air:",
        "  - id: jets",
        "    name: Coalition jets",
        "    side: gov",
        "    sorties: 4",
        "objectives:",
    ]
    for target in sorted(rng.sample(range(gov_count, places), min(3, places - gov_count))):
        out.append(f"  - place: p{target}")
    out += [
        "events:",
        "  - day: 1",
        "    message: A synthetic campaign.",
        "  - day: 10",
        "    sorties: {asset: jets, count: 6}",
    ]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--roads", type=int, default=15_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        sys.stdout.write(generate(args.places, args.roads, args.seed))
    except ValueError as exc:
        parser.error(str(exc))
    return 0


if __name__ == "__main__":
    sys.exit(main())
