"""Checks of sense on the places' coordinates, which the map draws to scale.

A road cannot be much shorter than the straight line between its ends; when it
is, a coordinate is wrong, most often a place's latitude and longitude written
the other way round (then the other order fits, and the message says so). A
river far from every place stretches the map to hold both, which squashes the
places into a few rows. Two places on one point are drawn one over the other.
All are warnings: a scenario on a made-up map may mean them.
"""

from __future__ import annotations

import bisect
import math

from game.data.checker import Checker
from game.data.limits import MAX_RIVER_MEASURES
from game.data.reader import Record

EARTH_RADIUS_KM = 6371.0
# A road is at least as long as the straight line, give or take rounded coordinates
# and short roads measured loosely: the default campaign's shortest is 0.73 of it.
SLACK_FACTOR = 3.0
SLACK_KM = 20.0

Point = tuple[float, float]


def crow_km(a: Point, b: Point) -> float:
    """Great-circle distance between two (lat, lon) points, km."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def fits(km: float, crow: float) -> bool:
    return crow <= max(km * SLACK_FACTOR, km + SLACK_KM)


def swapped(point: Point) -> Point | None:
    lat, lon = point
    return (lon, lat) if -90 <= lon <= 90 else None


class Nearest:
    """The distance from a point to the nearest of many, without measuring to each: the
    points sorted by latitude, a search outward from the point's own stops where the
    latitude alone puts the rest farther (a degree of latitude is the same length
    everywhere). A river of 100,000 points beside 1,000 places: a second, not minutes."""

    def __init__(self, points: list[Point]) -> None:
        self.points = sorted(points)
        self.lats = [p[0] for p in self.points]
        self.measured = 0  # distances measured, in all: a hostile layout costs many

    def beyond(self, point: Point, limit: float) -> float | None:
        """The distance to the nearest point if it is more than `limit`, else None."""
        lats, points = self.lats, self.points
        per_degree = EARTH_RADIUS_KM * math.pi / 180 * (1 - 1e-9)  # a bound, rounding kept
        lat = point[0]
        up = bisect.bisect_left(lats, lat)
        down = up - 1
        best = math.inf
        while up < len(lats) or down >= 0:
            gap_up = (lats[up] - lat) * per_degree if up < len(lats) else math.inf
            gap_down = (lat - lats[down]) * per_degree if down >= 0 else math.inf
            if min(gap_up, gap_down) >= best:
                break
            self.measured += 1
            if gap_up <= gap_down:
                best = min(best, crow_km(point, points[up]))
                up += 1
            else:
                best = min(best, crow_km(point, points[down]))
                down -= 1
            if best <= limit:
                return None
        return best


class GeographyChecks:
    def __init__(self, checker: Checker) -> None:
        self.c = checker
        self.r = checker.r
        self.points: dict[str, Point] = {}
        for ident, record in checker.place_ids.items():
            lat, lon = record.get("lat"), record.get("lon")
            if lat is not None and lon is not None:
                self.points[ident] = (lat, lon)

    def check(self) -> None:
        self._roads()
        self._river()
        self._same_point()

    def _roads(self) -> None:
        roads: list[tuple[Record, str, str, float]] = []
        points = self.points
        for road in self.c.roads:
            values = road.values
            between, km = values.get("between"), values.get("km")
            if between is None or km is None:
                continue
            a, b = between
            if a != b and a in points and b in points:
                roads.append((road, a, b, km))
        # crow_km's sums, with each place's radians and cosine worked out once.
        radians, cos, sin, asin, sqrt = math.radians, math.cos, math.sin, math.asin, math.sqrt
        turned = {ident: (radians(lat), radians(lon), cos(radians(lat)))
                  for ident, (lat, lon) in points.items()}
        bad: list[tuple[Record, str, str, float]] = []
        # Along a meridian, then along a parallel (no longer than along the equator), is a
        # way from one end to the other, no shorter than the crow's: a road of km at least
        # a third of that way fits, with no trigonometry (a margin of a millionth for the
        # rounding of both sums).
        near = SLACK_FACTOR * (1 - 1e-6) / EARTH_RADIUS_KM
        for road, a, b, km in roads:
            lat1, lon1, cos1 = turned[a]
            lat2, lon2, cos2 = turned[b]
            if abs(lat2 - lat1) + abs(lon2 - lon1) <= near * km:
                continue
            h = sin((lat2 - lat1) / 2) ** 2 + cos1 * cos2 * sin((lon2 - lon1) / 2) ** 2
            crow = 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(h)))
            if crow > km * SLACK_FACTOR and crow > km + SLACK_KM:  # not fits(km, crow)
                bad.append((road, a, b, km))
        if not bad:
            return
        at: dict[str, list[tuple[str, float]]] = {}
        for _, a, b, km in roads:
            at.setdefault(a, []).append((b, km))
            at.setdefault(b, []).append((a, km))
        explained: set[str] = set()
        for ident in dict.fromkeys(end for _, a, b, _ in bad for end in (a, b)):
            other = swapped(self.points[ident])
            if other is not None and all(
                    fits(km, crow_km(other, self.points[nxt])) for nxt, km in at[ident]):
                explained.add(ident)
                record = self.c.place_ids[ident]
                lat, lon = self.points[ident]
                self.r.report(record.where("lat"), record.sub("lat"),
                              f"lat and lon of '{ident}' look swapped: its roads are far "
                              f"shorter than the distances from ({lat:g}, {lon:g}), and fit "
                              f"({lon:g}, {lat:g}); write lat: {lon:g}, lon: {lat:g}", "warning")
        for road, a, b, km in bad:
            if a in explained or b in explained:
                continue
            crow = crow_km(self.points[a], self.points[b])
            self.r.report(road.where("km"), road.sub("km"),
                          f"the road is {km:g} km but '{a}' and '{b}' are {crow:.0f} km apart "
                          "as the crow flies: check their lat and lon, or the km", "warning")

    def _river(self) -> None:
        river = self.c.top.get("river")
        node = self.c.top.nodes.get("river")
        if not river or node is None or len(river) != len(node.value) or len(self.points) < 2:
            return  # no river, or a point of it is wrong: that is said already
        lats = [p[0] for p in self.points.values()]
        lons = [p[1] for p in self.points.values()]
        span = max(crow_km((min(lats), min(lons)), (max(lats), max(lons))), 10.0)
        near = Nearest(list(self.points.values()))
        worst, distance = -1, span
        for i, point in enumerate(river):  # the first point farthest from every place
            if near.measured > MAX_RIVER_MEASURES:
                self.r.report(node.value[i], f"river[{i}]",
                              f"the river's points from here on are not checked against "
                              f"the places: {len(river)} points beside {len(self.points)} "
                              f"places cost more than {MAX_RIVER_MEASURES} distances",
                              "warning")
                break
            far = near.beyond(point, distance)
            if far is not None:
                worst, distance = i, far
        if worst < 0:
            return  # every point is within the span of a place
        flipped = [swapped(p) for p in river]
        hint = ""
        if all(p is not None and near.measured <= MAX_RIVER_MEASURES
               and near.beyond(p, span) is None for p in flipped):
            hint = "; written [lon, lat]? each point is [lat, lon], as places are"
        self.r.report(node.value[worst], f"river[{worst}]",
                      f"this river point is {distance:.0f} km from the nearest place, farther "
                      f"than the places are from each other ({span:.0f} km): the map, drawn "
                      f"to hold both, squashes the places{hint}", "warning")

    def _same_point(self) -> None:
        first: dict[Point, str] = {}
        for ident, point in self.points.items():
            other = first.setdefault(point, ident)
            if other != ident:
                record = self.c.place_ids[ident]
                line = self.c.place_ids[other].where("lat").line
                self.r.report(record.where("lat"), record.sub("lat"),
                              f"'{ident}' stands on the same point as '{other}' (line {line}): "
                              "the map draws one over the other", "warning")
