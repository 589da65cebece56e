"""Fog of war: what one side knows. The UI and the policies see only this.

The player's side sees its own units and aircraft exactly, who holds each
place, the trap levels it has revealed (None where unknown), an enemy
garrison exactly once reconnoitred or fought (until it changes unseen), else
an intelligence estimate: half to one and a half times the truth, rounded out
to tens. The enemy side laid the traps and holds the towns: it knows them all,
and it sees the player's columns, which move in the open.
"""

from __future__ import annotations

from game.engine import columns, searches
from game.engine.collect import collection_paused
from game.engine.events import Event
from game.engine.index import ScenarioIndex, index_of
from game.engine.model import PlaceKind, RoadKind
from game.engine.record import record
from game.engine.rng import Rng, seed_state
from game.engine.state import AirState, DayRecord, Depot, GameState, Outcome, UnitState


@record
class PlaceView:
    """A place as one side sees it: traps and garrison known or only estimated."""

    id: str
    name: str
    kind: PlaceKind
    lat: float
    lon: float
    side: str
    population: int
    objective: bool  # the place is one of `Scenario.objectives`
    supply_source: bool
    traps: int | None  # None: unknown
    garrison: int | None  # exact when known, else None
    garrison_estimate: tuple[int, int]  # (low, high)
    vbieds: int | None
    in_supply: bool
    depot_range_km: float | None
    depot_loads: int | None = None  # a depot's loads of supplies (None: no depot)
    cut_off: bool = False  # held by the enemy and cut off from every crossing it holds


@record
class RoadView:
    """A road as one side sees it: its trap level known or not."""

    id: str
    a: str
    b: str
    km: float
    kind: RoadKind
    destroyed: bool
    traps: int | None  # None: unknown
    swept: float = 0.0  # hours of sweeping banked toward its next trap level


@record
class Observation:
    """What one side knows of the game: the fog of war, as the UI and policies see it."""

    side: str
    day: int
    days: int  # the day limit
    outcome: Outcome
    sandstorm: bool
    places: tuple[PlaceView, ...]
    roads: tuple[RoadView, ...]
    units: tuple[UnitState, ...]  # the side's own units
    air: tuple[AirState, ...]  # the side's own aircraft
    enemy_units: tuple[UnitState, ...]  # units of the other side it can see
    depots: tuple[Depot, ...]
    record: tuple[DayRecord, ...]
    news: tuple[Event, ...]

    def place(self, place_id: str) -> PlaceView:
        return self.places[index_of_ids(self)[place_id]]


_IDS: dict[int, tuple[tuple[PlaceView, ...], dict[str, int]]] = {}


def index_of_ids(obs: Observation) -> dict[str, int]:
    hit = _IDS.get(id(obs.places))
    if hit is None or hit[0] is not obs.places:
        if len(_IDS) > 8:
            _IDS.clear()
        hit = (obs.places, {p.id: i for i, p in enumerate(obs.places)})
        _IDS[id(obs.places)] = hit
    return hit[1]


def estimate(state: GameState, pos: int) -> tuple[int, int]:
    """The intelligence estimate of an enemy garrison not seen since it changed.

    A range from 3/4 to 4/3 of a guess, rounded out to tens, where the guess is
    itself off the truth by a skew between 3/4 and 4/3: the truth always lies in
    the range, but its middle may be a quarter off. The skew is drawn from the
    game's seed, the place and the garrison (not from the game's generator, so
    looking changes nothing).
    """
    garrison = state.places[pos].garrison
    key = (state.seed, pos, garrison)  # all it depends on
    found = _ESTIMATES.get(key)
    if found is None:
        mix = Rng(seed_state(state.seed * 1_000_003 + pos * 7919 + garrison))
        guess = garrison * (0.75 + (4 / 3 - 0.75) * mix.fraction())
        low = int(guess * 0.75) // 10 * 10
        high = -(-int(guess * 4 / 3 + 0.999) // 10) * 10
        found = (min(low, garrison // 10 * 10), max(high, low + 10, garrison))
        if len(_ESTIMATES) >= 4096:
            _ESTIMATES.clear()
        _ESTIMATES[key] = found
    return found


_ESTIMATES: dict[tuple[int, int, int], tuple[int, int]] = {}


# Observations by the state they were made of: a state is frozen, so what a side
# sees of it never changes, and the UI and the policies ask many times a day.
_OBSERVED: dict[tuple[int, str], tuple[GameState, Observation]] = {}
# The views last made for each scenario and side, reused where nothing changed.
_VIEWS: dict[tuple[int, str], tuple[ScenarioIndex, list[tuple[tuple[object, ...], PlaceView]],
                                    list[tuple[tuple[object, ...], RoadView]]]] = {}


def observe(state: GameState, side: str) -> Observation:
    key = (id(state), side)
    hit = _OBSERVED.get(key)
    if hit is not None and hit[0] is state:
        return hit[1]
    with collection_paused():  # a view a place, all kept: the collector's passes find nothing
        seen = _observe(state, side)
    if len(_OBSERVED) >= 16:
        _OBSERVED.pop(next(iter(_OBSERVED)))
    _OBSERVED[key] = (state, seen)
    return seen


def _views(ix: ScenarioIndex, side: str) -> tuple[
        list[tuple[tuple[object, ...], PlaceView]], list[tuple[tuple[object, ...], RoadView]]]:
    hit = _VIEWS.get((id(ix), side))
    if hit is None or hit[0] is not ix:
        if len(_VIEWS) >= 16:
            _VIEWS.clear()
        hit = (ix, [], [])
        _VIEWS[(id(ix), side)] = hit
    return hit[1], hit[2]


def _observe(state: GameState, side: str) -> Observation:
    ix = index_of(state.scenario)
    player = ix.player
    mine = side == player
    depot_at = {ix.place_pos[d.place]: d.range_km for d in state.depots}
    loads_at = {ix.place_pos[d.place]: d.loads for d in state.depots}
    sides, destroyed = columns.of(state)
    cut_off = searches.cut_off(ix, sides, destroyed)
    last_places, last_roads = _views(ix, side)
    objective = {pos for pos, _ in ix.objectives}  # `Scenario.objectives`, the one truth
    fresh = len(last_places) != len(ix.places)
    if fresh:
        last_places.clear()
    places: list[PlaceView] = []
    seed = state.seed
    for i, spec in enumerate(ix.places):
        p = state.places[i]
        if mine:
            traps = state.known_place_traps[i]
            if p.side == player:
                garrison: int | None = 0
                bombs: int | None = 0
            else:
                garrison = state.known_garrisons[i]
                bombs = state.known_vbieds[i]
        else:
            traps, garrison, bombs = p.traps, p.garrison, p.vbieds
        # All the view depends on: an unseen garrison's estimate on the seed and the
        # truth, worked out only for a view made anew.
        seen = (p.side, traps, garrison, bombs, state.supplied[i], depot_at.get(i),
                loads_at.get(i), cut_off[i], p.garrison, seed)
        if not fresh and last_places[i][0] == seen:
            places.append(last_places[i][1])
            continue
        guess = (garrison, garrison) if garrison is not None else estimate(state, i)
        view = PlaceView(
            spec.id, spec.name, spec.kind, spec.lat, spec.lon, p.side, spec.population,
            i in objective, spec.supply_source, traps, garrison, guess, bombs,
            state.supplied[i], depot_at.get(i), loads_at.get(i), cut_off[i],
        )
        if fresh:
            last_places.append((seen, view))
        else:
            last_places[i] = (seen, view)
        places.append(view)
    known_roads = state.known_road_traps if mine else tuple(r.traps for r in state.roads)
    fresh = len(last_roads) != len(ix.roads)
    if fresh:
        last_roads.clear()
    roads: list[RoadView] = []
    for i, road_spec in enumerate(ix.roads):
        road_state = state.roads[i]
        road_seen = (road_state.destroyed, known_roads[i], road_state.swept)
        if not fresh and last_roads[i][0] == road_seen:
            roads.append(last_roads[i][1])
            continue
        road_view = RoadView(road_spec.id, road_spec.a, road_spec.b, road_spec.km, road_spec.kind,
                             road_state.destroyed, known_roads[i], road_state.swept)
        if fresh:
            last_roads.append((road_seen, road_view))
        else:
            last_roads[i] = (road_seen, road_view)
        roads.append(road_view)
    return Observation(
        side=side,
        day=state.day,
        days=state.scenario.days,
        outcome=state.outcome,
        sandstorm=state.sandstorm,
        places=tuple(places),
        roads=tuple(roads),
        units=state.units if mine else (),
        air=state.air if mine else (),
        enemy_units=() if mine else state.units,
        depots=state.depots,
        record=state.record,
        news=state.news,
    )
