"""The reader's quick path: the plain values that make up nearly all of a large scenario.

`quick_scalar` reads an id, a name, a choice, a whole or decimal number in range,
or true/false exactly as `game.data.reader.Reader.scalar` does, and leaves
anything else (every problem included) to it; `value_nodes` finds a mapping's
value nodes again when a problem needs to point at one.
"""

from __future__ import annotations

import re
from typing import Any

from game.data.format import Field, Section
from game.data.limits import MAX_ID_CHARS, MAX_NUMBER_CHARS, MAX_TEXT_CHARS
from game.data.yamltree import BOOL, FLOAT, INT, MERGE, STR, Node

SLOW: Any = object()  # `quick_scalar` leaves this value to `Reader.scalar`
_NUMBER_START = frozenset("0123456789+-.")
_DECIMAL = re.compile(r"-?[0-9]{1,15}\.[0-9]{1,15}")
_TEXTS = frozenset({"id", "text", "choice"})


def quick_record(node: Node, section: Section) -> dict[str, Any] | None:
    """The values of a mapping as `Reader.section` reads them, when every key is plain
    text naming a field of `section` once, every value is one the quick path reads (see
    `quick_scalar`) and no required field is missing; else None, and the full reading
    decides (and words what is wrong). Nearly every place and road of a large scenario
    is read here, in one walk of its mapping."""
    fields = section.quick
    values: dict[str, Any] = {}
    flat: list[Any] = node.value
    it = iter(flat)
    for name, value in zip(it, it, strict=True):
        if type(name) is not str:  # a merge key, a key that is not plain text, a collection
            return None
        spec = fields.get(name)
        if spec is None or name in values:  # unknown, read otherwise, or written twice
            return None
        kind = spec.type
        if value.tag == STR and kind in _TEXTS:
            # `quick_scalar`'s reading of text, written out here: most values are text.
            raw = value.value
            if not raw or (value.plain and raw[0] in _NUMBER_START):
                return None
            if kind == "choice":
                if raw not in spec.choices:
                    return None
            elif len(raw) > (MAX_TEXT_CHARS if kind == "text" else MAX_ID_CHARS) or (
                    kind == "id" and not raw.strip()):
                return None
            values[name] = raw
            continue
        if kind == "number" and value.tag == FLOAT:
            # `quick_scalar`'s reading of a decimal number, written out here: coordinates,
            # lengths.
            raw = value.value
            if not _DECIMAL.fullmatch(raw):
                return None
            number = float(raw)
            low, high, above = spec.minimum, spec.maximum, spec.above
            if (low is not None and number < low) or (high is not None and number > high) or (
                    above is not None and number <= above):
                return None
            values[name] = number
            continue
        found = quick_pair(value) if kind == "pair" else quick_scalar(value, spec)
        if found is SLOW:
            return None
        values[name] = found
    for name in section.required:
        if name not in values:
            return None
    return values


def quick_pair(node: Node) -> Any:
    """A pair of place ids [a, b] as `Reader._pair` reads it, or SLOW."""
    if node.kind != "seq" or len(node.value) != 2:
        return SLOW
    a, b = node.value
    if a.tag == STR and b.tag == STR:
        # `quick_scalar`'s reading of two ids, written out here: a road's ends.
        first, second = a.value, b.value
        if (first and second and not (a.plain and first[0] in _NUMBER_START)
                and not (b.plain and second[0] in _NUMBER_START)
                and len(first) <= MAX_ID_CHARS and len(second) <= MAX_ID_CHARS
                and first.strip() and second.strip()):
            return (first, second)
    return SLOW


def quick_scalar(node: Node, spec: Field) -> Any:
    """The value of a scalar as `Reader.scalar` reads it, for the plain cases that make up
    nearly all of a large scenario (an id, a name, a whole or decimal number in range,
    true or false), or SLOW for anything else, a problem included: the full reading
    then decides, and words what is wrong."""
    if node.kind != "scalar":
        return SLOW
    kind, tag, raw = spec.type, node.tag, node.value
    if tag == STR:
        if kind not in ("id", "text", "choice") or not raw or (
                node.plain and raw[0] in _NUMBER_START):
            return SLOW
        if kind == "choice":
            return raw if raw in spec.choices else SLOW
        if len(raw) > (MAX_TEXT_CHARS if kind == "text" else MAX_ID_CHARS) or (
                kind == "id" and not raw.strip()):
            return SLOW
        return raw
    number: float
    if tag == INT:
        if kind not in ("int", "number") or not (raw.isascii() and raw.isdigit()) or (
                raw[0] == "0" and len(raw) > 1) or len(raw) > MAX_NUMBER_CHARS:
            return SLOW
        number = int(raw)
    elif tag == FLOAT:
        if kind not in ("int", "number") or not _DECIMAL.fullmatch(raw):
            return SLOW
        number = float(raw)
        if kind == "int" and number != int(number):
            return SLOW
    elif tag == BOOL and kind == "bool" and raw in ("true", "false"):
        return raw == "true"
    else:
        return SLOW
    low, high, above = spec.minimum, spec.maximum, spec.above
    if (low is not None and number < low) or (high is not None and number > high) or (
            above is not None and number <= above):
        return SLOW
    return int(number) if kind == "int" else float(number)


def value_nodes(node: Node) -> dict[str, Node]:
    """Each key's value node as `Reader.items` reads the mapping (the first of duplicate
    keys, then the merged keys not written), reporting nothing."""
    found: dict[str, Node] = {}
    merges: list[Node] = []
    items: list[Any] = node.value
    for key, value in zip(items[0::2], items[1::2], strict=True):
        if type(key) is str:  # plain text (see `yamltree.Mapping`)
            if key not in found:
                found[key] = value
        elif key.tag == MERGE:
            merges.append(value)
        elif key.kind == "scalar" and key.tag == STR and key.value not in found:
            found[key.value] = value
    for merge in merges:
        for source in merge.value if merge.kind == "seq" else [merge]:
            if source.kind == "map":
                for name, value in value_nodes(source).items():
                    found.setdefault(name, value)
    return found
