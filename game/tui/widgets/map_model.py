"""What the map draws: a small, frozen picture of the known world.

The game screen builds a `MapModel` from the player's observation (the
engine's `observe`, the fog of war applied); the map widget only draws it.
No Textual here.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

from rich.cells import cell_len

from game.engine.model import Scenario
from game.engine.observe import Observation, PlaceView
from game.engine.record import record
from game.tui import wording

# The second cell of a wide character (CJK, emoji) on the map's grid, which holds a character
# a terminal cell; the map widget leaves it out of what it draws. No name holds it: the
# validator refuses control characters.
WIDE_TAIL = "\0"


@lru_cache(maxsize=1 << 16)  # a name is measured once, not at each observation
def grid_text(text: str) -> str:
    """`text` as the map's grid holds it, a character a terminal cell: composed (NFC), the
    marks that take no cell of their own left out (combining accents, variation selectors,
    skin tones), a wide character followed by WIDE_TAIL."""
    if text.isascii():
        return text
    cells = []
    for char in unicodedata.normalize("NFC", text):
        width = cell_len(char)
        if width and not "\U0001f3fb" <= char <= "\U0001f3ff":
            cells.append(char + WIDE_TAIL * (width - 1))
    return "".join(cells)


@record
class MapPlace:
    """A place as the map draws it: position, control and marks."""

    id: str
    name: str
    lat: float
    lon: float
    control: str  # "own", "enemy" or "unknown"
    objective: bool = False
    supply_source: bool = False
    depot: bool = False
    traps: int | None = None  # known trap level; None: unknown
    in_supply: bool | None = None  # None: the question does not apply
    enemy_estimate: str = ""  # e.g. "~70" or "?" (an estimate, never exact unless known)
    own_units: int = 0
    enemy_units: int = 0
    population: int = 0  # the bigger town gets room first on a crowded map
    depot_loads: int | None = None  # a depot's loads of supplies (None: no depot)
    cut_off: bool = False  # an enemy place cut off from every crossing it holds

    @property
    def glyph(self) -> str:
        return {"own": "G", "enemy": "E"}.get(self.control, "?")

    @property
    def flags(self) -> str:
        return (
            ("*" if self.objective else "")
            + ("S" if self.supply_source else "")
            + ("D" if self.depot else "")
        )


@record
class MapRoad:
    """A road as the map draws it: its kind, traps and supply."""

    id: str
    a: str
    b: str
    kind: str = "road"  # highway, road, track, bridge
    destroyed: bool = False
    traps: int | None = None  # known trap level; None: unknown
    in_supply: bool = False


@record
class MapModel:
    """Everything the map draws, computed from what the player knows."""

    places: tuple[MapPlace, ...]
    roads: tuple[MapRoad, ...]
    river: tuple[tuple[float, float], ...] = ()

    def place(self, place_id: str) -> MapPlace:
        found = self.find(place_id)
        if found is None:
            raise KeyError(place_id)
        return found

    def find(self, place_id: str) -> MapPlace | None:
        return _index(self).get(place_id)


# Each model's places by id, built once: a model is frozen, and the cursor asks often.
_INDEX: dict[int, tuple[MapModel, dict[str, MapPlace]]] = {}


def _index(model: MapModel) -> dict[str, MapPlace]:
    hit = _INDEX.get(id(model))
    if hit is None or hit[0] is not model:
        if len(_INDEX) >= 8:
            _INDEX.clear()
        hit = (model, {p.id: p for p in model.places})
        _INDEX[id(model)] = hit
    return hit[1]


def model_from_scenario(scenario: Scenario) -> MapModel:
    """The map of a scenario's start as its author wrote it, everything known (no fog):
    for previews and tests; the game itself draws the observation."""
    player = scenario.player_side
    units_at: dict[str, int] = {}
    for unit in scenario.units:
        if unit.side == player:
            units_at[unit.at] = units_at.get(unit.at, 0) + 1
    places = tuple(
        MapPlace(
            id=p.id,
            name=grid_text(p.name),
            lat=p.lat,
            lon=p.lon,
            control="own" if p.side == player else "enemy",
            objective=any(o.place == p.id for o in scenario.objectives),
            supply_source=p.supply_source,
            depot=p.depot,
            traps=p.traps,
            enemy_estimate=str(p.garrison) if p.side != player else "",
            own_units=units_at.get(p.id, 0),
            population=p.population,
        )
        for p in scenario.places
    )
    roads = tuple(
        MapRoad(r.id, r.a, r.b, str(r.kind), r.destroyed, r.traps) for r in scenario.roads
    )
    return MapModel(places, roads, scenario.river)


def estimate_text(place: PlaceView) -> str:
    """An enemy garrison as the player knows it: exact when seen, else the estimate's range."""
    if place.garrison is not None:
        return str(place.garrison)
    low, high = place.garrison_estimate
    return f"~{low}-{high}"


def build_map_model(seen: Observation, river: tuple[tuple[float, float], ...] = ()) -> MapModel:
    """The map of what one side knows (the engine's `observe`): control, the trap levels
    found, garrisons seen or estimated, supply as traced last night, units where they
    stand."""
    units_at: dict[str, int] = {}
    for unit in seen.units:
        units_at[unit.at] = units_at.get(unit.at, 0) + 1
    enemies_at: dict[str, int] = {}
    for unit in seen.enemy_units:
        enemies_at[unit.at] = enemies_at.get(unit.at, 0) + 1
    places = tuple(
        MapPlace(
            id=p.id,
            name=grid_text(p.name),
            lat=p.lat,
            lon=p.lon,
            control="own" if p.side == seen.side else "enemy",
            objective=p.objective,
            supply_source=p.supply_source,
            depot=p.depot_range_km is not None,
            traps=p.traps,
            in_supply=p.in_supply if p.side == seen.side else None,  # ours to supply
            enemy_estimate="" if p.side == seen.side else estimate_text(p),
            own_units=units_at.get(p.id, 0),
            enemy_units=enemies_at.get(p.id, 0),
            population=p.population,
            depot_loads=p.depot_loads,
            cut_off=p.cut_off,
        )
        for p in seen.places
    )
    supplied = {p.id for p in seen.places if p.in_supply}
    roads = tuple(
        MapRoad(
            r.id,
            r.a,
            r.b,
            str(r.kind),
            r.destroyed,
            r.traps,
            in_supply=r.a in supplied and r.b in supplied,
        )
        for r in seen.roads
    )
    return MapModel(places, roads, river)


def abbreviation(name: str) -> str:
    """Three letters for a crowded map, past an Arabic article: al-Qaim is "Qai", not "al-"."""
    head, dash, rest = name.partition("-")
    if dash and head.lower() == "al" and rest:
        name = rest
    return name[:3] if name[3:4] != WIDE_TAIL else name[:2]


def trap_text(traps: int | None) -> str:
    return "?" if traps is None else str(traps)


def overlay_tag(place: MapPlace, overlay: str | None) -> str:
    """What an overlay adds after a place's name, in words (never colour alone)."""
    if overlay == "traps":
        return " t" + trap_text(place.traps)
    if overlay == "supply":
        # The supply line as the player plans it: where supply reaches, what each depot
        # holds for assaults and sweeps, and which enemy towns are cut off (weaker).
        if place.in_supply is not None:
            tag = "sup" if place.in_supply else "NO SUP"
            if place.depot_loads is not None:
                tag += f", {wording.count(place.depot_loads, 'load')}"
            return f" [{tag}]"
        if place.cut_off:
            return " [cut off]"
    if overlay == "enemy" and place.enemy_estimate:
        return f" {place.enemy_estimate}"
    return ""


def place_label(place: MapPlace, overlay: str | None) -> str:
    """The full text beside a place's marker: name, flags, units and the overlay's figure."""
    text = place.name + place.flags
    if place.own_units:
        text += f" +{place.own_units}u"
    if place.enemy_units:
        text += f" !{place.enemy_units}e"
    return text + overlay_tag(place, overlay)


def label_texts(place: MapPlace, overlay: str | None) -> list[str]:
    """The texts to try, longest first: the overlay's figure stays as long as the place
    has a name; an objective's name is never shortened (only, last, its figure goes)."""
    tag = overlay_tag(place, overlay)
    texts = [place_label(place, overlay), place.name + place.flags + tag]
    if place.objective:
        texts.append(place.name + place.flags)
    else:
        texts.append(abbreviation(place.name) + place.flags + tag)
    return list(dict.fromkeys(texts))
