"""A seeded generator of large, valid synthetic scenarios, for benchmarks and tests.

    python bench/gen_scenario.py --places 10000 --roads 15000 --seed 1 > big.yaml

or `from bench.gen_scenario import generate; text = generate(10000, 15000, seed=1)`.
The road graph is connected (a spanning tree along the grid first, then extra
roads between neighbours), so every objective can be reached; the front is real
(the player's brigades face enemy towns, objectives among them), so the
doctrine's plans are not empty.
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


# The map is a jittered grid about 9 km a step, so a scenario of any size has the
# same density (and the same distances a day's move covers) as a small one.
STEP_LAT, STEP_LON = 0.08, 0.1


def _layout(places: int) -> tuple[int, int, int]:
    """(columns, rows, front): places fill a grid row by row; the player holds the
    columns left of `front`, about a tenth of the map, and the enemy the rest."""
    cols = max(2, round(math.sqrt(places * 1.2)))
    rows = -(-places // cols)
    return cols, rows, max(1, cols // 10)


def _pairs(places: int, roads: int, cols: int, rng: random.Random) -> list[tuple[int, int]]:
    """Roads between neighbours on the grid: a spanning tree first (along each row, and
    down the first column), then extra links to the row above, then (only for a graph too
    small to hold that many local roads) any pairs not yet joined."""
    ordered = [(i - 1, i) if i % cols else (i - cols, i) for i in range(1, places)]
    pairs = set(ordered)
    extra = [(j, i) for i in range(cols, places) for j in (i - cols - 1, i - cols, i - cols + 1)
             if abs(j % cols - i % cols) <= 1 and j >= 0 and (j, i) not in pairs]
    rng.shuffle(extra)
    for pair in extra[: max(0, roads - len(pairs))]:
        pairs.add(pair)
        ordered.append(pair)
    while len(pairs) < roads:
        a, b = rng.randrange(places), rng.randrange(places)
        pair = (min(a, b), max(a, b))
        if a != b and pair not in pairs:
            pairs.add(pair)
            ordered.append(pair)
    return ordered


def generate(places: int, roads: int, seed: int) -> str:
    """A valid scenario of `places` places and `roads` roads, the same text for the same
    seed. It has a front: the player's side holds the western tenth of a grid of places,
    every one a supply source, with its brigades on the front edge; the enemy holds the
    rest, with its fighters and the three objectives just across the line."""
    if places < 2:
        raise ValueError("at least 2 places")
    if roads < places - 1:
        raise ValueError(f"at least {places - 1} roads to join {places} places")
    if roads > places * (places - 1) // 2:
        raise ValueError("more roads than pairs of places")
    rng = random.Random(seed)
    cols, rows, front = _layout(places)
    column = [i % cols for i in range(places)]
    gov = [i for i in range(places) if column[i] < front]
    edge = [i for i in gov if column[i] == front - 1]  # the player's front line
    near = [i for i in range(places) if front <= column[i] <= front + 2]  # across it
    targets = sorted(rng.sample(near, min(3, len(near))))
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
    lat0, lon0 = 33.0 - rows * STEP_LAT / 2, 40.0
    for i in range(places):
        row, col = divmod(i, cols)
        side = "gov" if col < front else "is"
        lat = round(lat0 + row * STEP_LAT + (rng.random() - 0.5) * STEP_LAT / 2, 4)
        lon = round(lon0 + col * STEP_LON + (rng.random() - 0.5) * STEP_LON / 2, 4)
        points.append((lat, lon))
        kind = "town" if i in targets else rng.choice(KINDS)
        out += [
            f"  - id: p{i}",
            f"    name: Place {i}",
            f"    lat: {lat:.4f}",
            f"    lon: {lon:.4f}",
            f"    side: {side}",
            f"    kind: {kind}",
            f"    population: {rng.randrange(0, 20000)}",
        ]
        if side == "is":
            at_front = col <= front + 2
            garrison = rng.randrange(10, 120) if at_front else rng.randrange(0, 200)
            traps = rng.randrange(0, 3) if at_front else rng.randrange(0, 6)
            out += [f"    garrison: {garrison}", f"    traps: {traps}"]
        else:  # every unit starts in supply (the validator warns of one that does not)
            out.append("    supply_source: true")
    out.append("roads:")
    for a, b in _pairs(places, roads, cols, rng):
        out += [
            f"  - between: [p{a}, p{b}]",
            # No shorter than the straight line (the validator warns of a road that is).
            f"    km: {_crow_km(points[a], points[b]) * (1 + rng.randrange(2, 80) / 100) + 1:.1f}",
            f"    kind: {rng.choice(ROAD_KINDS)}",
        ]
        if rng.random() < 0.3 and not (column[a] < front and column[b] < front):
            out.append(f"    traps: {rng.randrange(1, 6)}")
    out.append("units:")
    for k in range(min(len(gov), 50)):
        at = edge[k * len(edge) // min(len(gov), 50)] if k < len(edge) else rng.choice(gov)
        out += [
            f"  - id: bde-{k}",
            f"    name: Brigade {k}",
            "    side: gov",
            f"    kind: {rng.choice(('army', 'army', 'police', 'tribal', 'engineers'))}",
            f"    at: p{at}",
            f"    strength: {rng.randrange(800, 2000)}",
        ]
    for k in range(min(places - len(gov), 50)):
        out += [
            f"  - id: is-{k}",
            f"    name: Fighters {k}",
            "    side: is",
            "    kind: fighters",
            f"    at: p{rng.choice(near)}",
            f"    strength: {rng.randrange(20, 300)}",
        ]
    out += [
        "air:",
        "  - id: jets",
        "    name: Coalition jets",
        "    side: gov",
        "    sorties: 4",
        "  - id: drones",
        "    name: Coalition drones",
        "    side: gov",
        "    kind: drone",
        "    sorties: 3",
        "objectives:",
    ]
    for target in targets:
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
