"""The roads' lengths against the crow's flight: the check's quick way (each place's
radians once, and no trigonometry for a road well within its length) warns of exactly
the roads that `fits(km, crow_km(a, b))` refuses."""

from __future__ import annotations

import random

from game.data.geography import crow_km, fits
from game.data.scenario import analyse_text


def test_the_roads_warned_of_are_those_that_do_not_fit() -> None:
    rng = random.Random(7)
    # Longitudes beyond 90 degrees: no place's lat and lon could be swapped, so each
    # road that does not fit is warned of on its own.
    points = [(rng.uniform(-60, 60), rng.uniform(100, 180)) for _ in range(60)]
    lines = ["id: t", "title: T", "start_date: '2017-09-19'", "days: 5", "sides:",
             "  - {id: gov, name: G, player: true}", "  - {id: is, name: I}", "places:"]
    for i, (lat, lon) in enumerate(points):
        side = "gov" if i else "is"
        extra = ", supply_source: true" if side == "gov" else ""
        lines.append(f"  - {{id: p{i}, name: P{i}, lat: {lat:.4f}, lon: {lon:.4f}, "
                     f"side: {side}{extra}}}")
    lines.append("roads:")
    expected = set()
    for i in range(1, len(points)):
        j = rng.randrange(i)
        a = (round(points[i][0], 4), round(points[i][1], 4))
        b = (round(points[j][0], 4), round(points[j][1], 4))
        crow = crow_km(a, b)
        km = round(min(999.0, max(0.1, crow * rng.choice([0.1, 0.3, 0.33, 0.34, 0.5, 1.0]))), 1)
        lines.append(f"  - {{between: [p{i}, p{j}], km: {km}}}")
        if not fits(km, crow):
            expected.add(f"roads[{i - 1}].km")
    lines += ["objectives:", "  - place: p0"]
    found = {p.path for p in analyse_text("\n".join(lines) + "\n", "g.yaml").problems
             if "as the crow flies" in p.message}
    assert found == expected
    assert 5 < len(expected) < 55
