"""Read a YAML node tree against the format (`game.data.format`), field by field.

Every value is checked for its type the way an author means it, not the way
YAML 1.1 resolves it: `name: NO` is a boolean to PyYAML and an error here
with a hint to quote it. Problems are collected, never raised, so one pass
reports them all.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from game.data.format import Field, Section
from game.data.limits import MAX_ID_CHARS, MAX_TEXT_CHARS
from game.data.limits import MAX_NUMBER_CHARS as MAX_NUMBER_CHARS
from game.data.problems import Problem, Severity, did_you_mean
from game.data.quick import SLOW, quick_record, quick_scalar, value_nodes
from game.data.yamllib import yaml
from game.data.yamltree import BOOL, FLOAT, INT, MERGE, NULL, STR, TIMESTAMP, Node, pairs

BAD: Any = object()  # a value that failed its check (the problem is already recorded)

_constructor = yaml.constructor.SafeConstructor()
_PLACE_ID = Field("between", "id")
_SCALAR_TYPES = frozenset({"id", "text", "int", "number", "bool", "date", "choice"})


@dataclass(slots=True)
class Record:
    """A mapping read against a `Section`: the good values, and where each one was."""

    node: Node
    path: str
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def nodes(self) -> dict[str, Node]:
        """The value node of each good value read from the mapping. Found again when asked
        (to point at a problem, mostly), not kept: a large scenario has 250,000 records."""
        found = value_nodes(self.node)
        return {name: node for name, node in found.items() if name in self.values}

    def get(self, name: str, default: Any = None) -> Any:
        return self.values.get(name, default)

    def where(self, name: str) -> Node:
        """The node to point at for a problem with `name` (the mapping when it is absent)."""
        return self.nodes.get(name, self.node)

    def sub(self, name: str) -> str:
        return f"{self.path}.{name}" if self.path else name


def join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def expected(f: Field) -> str:
    return {
        "id": "an id (text)",
        "text": "text",
        "int": "a whole number",
        "number": "a number",
        "bool": "true or false",
        "date": "a date (YYYY-MM-DD)",
        "choice": "one of " + ", ".join(f.choices),
        "pair": "a pair [a, b]",
        "ids": "a list of ids",
        "points": "a list of [lat, lon] points",
        "section": f"a list of {f.section.name} entries" if f.many and f.section else "a mapping",
    }[f.type]


def short(text: str, limit: int = 40) -> str:
    """A value quoted in a message: hostile files can hold megabytes in one scalar."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def describe(node: Node) -> str:
    """What YAML 1.1 made of a scalar, in words (for the hint to quote it)."""
    if node.kind == "seq":
        return "a list"
    if node.kind == "map":
        return "a mapping"
    if len(node.value) > MAX_NUMBER_CHARS:
        return f"a value of {len(node.value)} characters"
    raw_node = yaml.ScalarNode(node.tag, node.value)
    try:
        if node.tag == BOOL:
            return f"the boolean {str(_constructor.construct_yaml_bool(raw_node)).lower()}"
        if node.tag == INT:
            return f"the number {_constructor.construct_yaml_int(raw_node)}"
        if node.tag == FLOAT:
            return f"the number {_constructor.construct_yaml_float(raw_node)}"
    except (ValueError, yaml.YAMLError):  # pragma: no cover - the resolver matched it
        pass
    if node.tag == NULL:
        return "an empty value"
    if node.tag == TIMESTAMP:
        return "a date"
    return f"the text '{short(node.value)}'"


def _odd_number(raw: str) -> str | None:
    """Why a number YAML 1.1 accepted is not what the author likely meant, or None."""
    if raw.isdigit() and (raw[0] != "0" or len(raw) == 1):
        return None  # the usual case, quickly
    digits = raw.lstrip("+-").replace("_", "")
    if ":" in digits:
        return "sexagesimal (base 60)"
    if digits[:2].lower() in ("0x", "0b", "0o"):
        return "not decimal"
    if len(digits) > 1 and digits.startswith("0") and digits.isdigit():
        return "octal (a leading zero)"
    return None


class Reader:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.problems: list[Problem] = []

    def report(self, node: Node, path: str, message: str, severity: Severity = "error") -> None:
        self.problems.append(Problem(self.filename, node.line, node.col, path, message, severity))

    # mappings ---------------------------------------------------------------

    def items(self, node: Node, path: str) -> list[tuple[str, Node, Node]]:
        """(key, key node, value node) of a mapping: duplicate keys and keys that are not
        text are reported and dropped; merge keys (`<<: *defaults`) are expanded."""
        result: list[tuple[str, Node, Node]] = []
        seen: dict[str, Node] = {}
        merges: list[Node] = []
        for key, value in pairs(node):
            if key.tag == MERGE:
                merges.append(value)
                continue
            if key.kind != "scalar":
                self.report(key, path, f"a key must be text, not {describe(key)}")
                continue
            if key.tag == NULL:
                self.report(key, path, "a key cannot be empty")
                continue
            if key.tag != STR:
                shown = short(key.value)
                self.report(key, path, f"YAML 1.1 reads the key {shown} as {describe(key)}; "
                                       f"quote it: \"{shown}\"")
                continue
            name = key.value
            first = seen.get(name)
            if first is not None:
                self.report(key, join(path, name),
                            f"duplicate key '{name}' (first at line {first.line}); "
                            "YAML would silently keep only the last")
                continue
            seen[name] = key
            result.append((name, key, value))
        for merge in merges:
            sources = merge.value if merge.kind == "seq" else [merge]
            for source in sources:
                if source.kind != "map":
                    self.report(source, path, "a merge key (<<) takes a mapping or a list of them")
                    continue
                for name, key, value in self.items(source, path):
                    if name not in seen:
                        seen[name] = key
                        result.append((name, key, value))
        return result

    def section(self, node: Node, path: str, section: Section, *, extra_prefix: str = "") -> (
            Record | None):
        if node.kind != "map":
            self.report(node, path, f"expected a mapping of {section.name} fields, "
                                    f"got {describe(node)}")
            return None
        quick = quick_record(node, section)
        if quick is not None:
            return Record(node, path, quick)
        record = Record(node, path)
        values = record.values
        index = section.index
        present: set[str] = set()
        for name, key, value in self.items(node, path):
            spec = index.get(name)
            if spec is None:
                if extra_prefix and name.startswith(extra_prefix):
                    continue
                shown = short(name)
                self.report(key, join(path, shown),
                            f"unknown field '{shown}'{did_you_mean(name, section.names)}")
                continue
            present.add(name)
            if spec.type in _SCALAR_TYPES:
                result = quick_scalar(value, spec)
                if result is SLOW:
                    result = self.scalar(value, f"{path}.{name}" if path else name, spec)
            else:
                result = self.value(value, f"{path}.{name}" if path else name, spec)
            if result is not BAD:
                values[name] = result
        for name in section.required:
            if name not in present:
                self.report(node, path, f"missing required field '{name}'")
        return record

    # values -----------------------------------------------------------------

    def value(self, node: Node, path: str, spec: Field) -> Any:
        kind = spec.type
        if kind == "section":
            assert spec.section is not None
            if not spec.many:
                record = self.section(node, path, spec.section)
                return BAD if record is None else record
            if node.kind != "seq":
                self.report(node, path, f"expected {expected(spec)}, got {describe(node)}")
                return BAD
            records = []
            section = spec.section
            for i, item in enumerate(node.value):
                # `section`'s quick path first, written out here: 25,000 places and roads.
                quick = quick_record(item, section) if item.kind == "map" else None
                if quick is not None:
                    records.append(Record(item, f"{path}[{i}]", quick))
                    continue
                record = self.section(item, f"{path}[{i}]", section)
                if record is not None:
                    records.append(record)
            return records
        if kind == "pair":
            return self._pair(node, path, spec)
        if kind == "points":
            return self._points(node, path, spec)
        if kind == "interval":
            return self._interval(node, path, spec)
        if kind == "ids":
            return self._ids(node, path, spec)
        return self.scalar(node, path, spec)

    def _interval(self, node: Node, path: str, spec: Field) -> Any:
        if node.kind != "seq" or len(node.value) != 2:
            got = f"{len(node.value)} items" if node.kind == "seq" else describe(node)
            self.report(node, path, f"expected [low, high], two numbers, got {got}")
            return BAD
        end = Field(spec.name, "number", minimum=spec.minimum, maximum=spec.maximum)
        low, high = (self.scalar(item, f"{path}[{i}]", end) for i, item in enumerate(node.value))
        if BAD in (low, high):
            return BAD
        if low > high:
            self.report(node, path, f"[{low:g}, {high:g}]: the low end is above the high end")
            return BAD
        return (low, high)

    def _ids(self, node: Node, path: str, spec: Field) -> Any:
        if node.kind != "seq" or not node.value:
            self.report(node, path, f"expected {expected(spec)}, got {describe(node)}")
            return BAD
        ids = [self._id(item, path, i) for i, item in enumerate(node.value)]
        return BAD if BAD in ids else tuple(ids)

    def _pair(self, node: Node, path: str, spec: Field) -> Any:
        if node.kind != "seq" or len(node.value) != 2:
            got = f"{len(node.value)} items" if node.kind == "seq" else describe(node)
            self.report(node, path, f"expected {expected(spec)} of two place ids, got {got}")
            return BAD
        ends = [self._id(item, path, i) for i, item in enumerate(node.value)]
        return BAD if BAD in ends else tuple(ends)

    def _id(self, item: Node, path: str, i: int) -> Any:
        """The place id at `path[i]`."""
        found = quick_scalar(item, _PLACE_ID)
        return self.scalar(item, f"{path}[{i}]", _PLACE_ID) if found is SLOW else found

    def _points(self, node: Node, path: str, spec: Field) -> Any:
        if node.kind != "seq":
            self.report(node, path, f"expected {expected(spec)}, got {describe(node)}")
            return BAD
        lat = Field("lat", "number", minimum=-90, maximum=90)
        lon = Field("lon", "number", minimum=-180, maximum=180)
        points = []
        for i, item in enumerate(node.value):
            if item.kind != "seq" or len(item.value) != 2:
                self.report(item, f"{path}[{i}]", "expected a point [lat, lon]")
                continue
            point = (self.scalar(item.value[0], f"{path}[{i}][0]", lat),
                     self.scalar(item.value[1], f"{path}[{i}][1]", lon))
            if BAD not in point:
                points.append(point)
        return points

    def scalar(self, node: Node, path: str, spec: Field) -> Any:
        kind = spec.type
        if node.kind != "scalar":
            self.report(node, path, f"expected {expected(spec)}, got {describe(node)}")
            return BAD
        tag, raw = node.tag, short(node.value)
        if tag == NULL:
            self.report(node, path, f"empty value: expected {expected(spec)}")
            return BAD
        if kind in ("id", "text", "choice"):
            if tag == STR and node.plain and yaml12_number(node.value) is not None:
                self.report(node, path, f"expected {'text' if kind != 'id' else 'an id'}, but "
                                        f"YAML 1.2 tools (editors, the schema) read {raw} as "
                                        f"a number; quote it: \"{raw}\"")
                return BAD
            if tag != STR:
                self.report(node, path, f"expected {'text' if kind != 'id' else 'an id'}, but "
                                        f"YAML 1.1 reads {raw} as {describe(node)}; "
                                        f"quote it: \"{raw}\"")
                return BAD
            value = node.value  # `raw` is shortened for messages only
            if kind == "id" and not value.strip():
                self.report(node, path, "an id cannot be empty")
                return BAD
            most = MAX_TEXT_CHARS if kind == "text" else MAX_ID_CHARS
            if len(value) > most and kind != "choice":  # a choice is checked against its list
                what = "a text" if kind == "text" else "an id"
                self.report(node, path, f"{what} of {len(value)} characters: at most {most}")
                return BAD
            if kind == "choice" and value not in spec.choices:
                self.report(node, path, f"unknown {spec.name} '{raw}'"
                                        f"{did_you_mean(raw, spec.choices)}; "
                                        f"one of: {', '.join(spec.choices)}")
                return BAD
            return value
        if kind in ("int", "number"):
            return self._number(node, path, spec)
        if kind == "bool":
            if tag != BOOL:
                self.report(node, path, f"expected true or false, got {describe(node)}")
                return BAD
            value = raw.lower() in ("true", "yes", "on", "y")
            if raw.lower() not in ("true", "false"):
                # An error, not a warning: YAML 1.2 tools and the schema read it as text.
                self.report(node, path, f"'{raw}' is a boolean only in YAML 1.1 (YAML 1.2 "
                                        f"tools and the schema read it as text); "
                                        f"write {str(value).lower()}")
            return value  # as meant, so no check that follows repeats the error
        if kind == "date":
            if tag in (STR, TIMESTAMP) and len(raw) == 10:
                try:
                    return date.fromisoformat(raw).isoformat()
                except ValueError:
                    pass
            self.report(node, path, f"expected a date YYYY-MM-DD, got '{raw}'")
            return BAD
        raise AssertionError(f"unknown field type {kind}")  # pragma: no cover

    def _number(self, node: Node, path: str, spec: Field) -> Any:
        tag, raw = node.tag, node.value
        if len(raw) > MAX_NUMBER_CHARS:
            self.report(node, path,
                        f"expected {expected(spec)}, got a value of {len(raw)} characters")
            return BAD
        modern = yaml12_number(raw) if tag == STR and node.plain else None
        if modern is not None and _odd_number(raw) is None:
            # `1e3` is text to YAML 1.1 (its floats need a dot) but a number to YAML 1.2
            # tools and to the schema: read it as they do (decimal only, as below).
            return self._checked_number(node, path, spec, raw, modern)
        if tag not in (INT, FLOAT):
            hint = ""
            if tag == STR and not node.plain and _numeric(raw):
                hint = "; remove the quotes"
            elif tag == STR and raw.isdigit():
                hint = "; write it without the leading zero"
            self.report(node, path, f"expected {expected(spec)}, got {describe(node)}{hint}")
            return BAD
        odd = _odd_number(raw)
        if odd is not None:
            self.report(node, path, f"YAML 1.1 reads {raw} as {describe(node)}, {odd}; "
                                    "write a plain decimal number")
            return BAD
        number: float
        if tag == INT:
            number = int(raw.replace("_", ""))
        else:
            try:
                number = float(raw.replace("_", ""))
            except ValueError:
                number = math.nan  # .inf, .nan
        return self._checked_number(node, path, spec, raw, number)

    def _checked_number(self, node: Node, path: str, spec: Field, raw: str,
                        number: float) -> Any:
        whole = spec.type == "int"
        if not math.isfinite(number):
            self.report(node, path, f"expected a finite number, got {raw}")
            return BAD
        if whole and number != int(number):
            self.report(node, path, f"expected a whole number, got {raw}")
            return BAD
        if not self._in_range(node, path, spec, number):
            return BAD
        # 20.0 is a whole number, as JSON Schema's "integer" says: the two agree.
        return int(number) if whole else float(number)

    def _in_range(self, node: Node, path: str, spec: Field, number: float) -> bool:
        low, high, above = spec.minimum, spec.maximum, spec.above
        shown = f"{number:g}" if isinstance(number, float) else str(number)
        if spec.name in ("lat", "lon") and (
            (low is not None and number < low) or (high is not None and number > high)
        ):
            word = "latitude" if spec.name == "lat" else "longitude"
            self.report(node, path, f"{word} {shown} is outside the earth ({low:g}..{high:g})")
            return False
        if above is not None and number <= above:
            self.report(node, path, f"{spec.name} must be above {above:g}, got {shown}")
            return False
        if (low is not None and number < low) or (high is not None and number > high):
            span = (f"{low:g}..{high:g}" if low is not None and high is not None
                    else f"at least {low:g}" if low is not None else f"at most {high:g}")
            self.report(node, path, f"{spec.name} {shown} is out of range ({span})")
            return False
        return True


_YAML12_NUMBER = re.compile(
    r"[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+"
    r"|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?)")


def yaml12_number(raw: str) -> float | None:
    """The number a YAML 1.2 reader (an editor, a JSON Schema tool) makes of a plain
    scalar, or None when it reads text. Only asked of what YAML 1.1 left as text."""
    if len(raw) > MAX_NUMBER_CHARS or not _YAML12_NUMBER.fullmatch(raw):
        return None
    digits = raw.lstrip("+-")
    sign = -1 if raw.startswith("-") else 1
    if digits.startswith("0o"):
        return float(sign * int(digits[2:], 8))
    if digits.startswith("0x"):
        return float(sign * int(digits[2:], 16))
    return float(raw)


def _numeric(raw: str) -> bool:
    try:
        float(raw)
    except ValueError:
        return False
    return True
