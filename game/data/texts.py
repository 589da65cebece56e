"""No control character in any text of a scenario: ids, names, briefings, messages.

A tab or an escape sequence in a name breaks the map's panels; a line feed or a
carriage return in an id can forge a line of `anbar validate`'s own output.
The characters refused are `format.CONTROL_CLASS` (briefings and messages, which
may run over lines, keep the line feed), the same class the schema's patterns
refuse, so the two agree.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from game.data.format import CONTROL_CLASS, CONTROL_CLASS_LINES, Section
from game.data.reader import Reader, Record
from game.data.yamltree import Node

_CONTROL = re.compile(f"[{CONTROL_CLASS}]")
_CONTROL_LINES = re.compile(f"[{CONTROL_CLASS_LINES}]")
_NAMES = {"\t": "a tab", "\n": "a line feed", "\r": "a carriage return", "\x1b": "an escape"}


def describe_char(char: str) -> str:
    name = _NAMES.get(char) or unicodedata.name(char, "").lower() or "a control character"
    return f"{name} (U+{ord(char):04X})"


def check_texts(reader: Reader, record: Record, section: Section) -> None:
    """Report every id and text value of `record` (and of the mappings in it) that holds
    a control character."""
    _check_all(reader, [record], section)


def _check_all(reader: Reader, records: list[Record], section: Section) -> None:
    """The records of one section, field by field: the values of a field are searched
    together (one search for 10,000 names), and one by one only when that finds one."""
    every = [record.values for record in records]
    for spec in section.fields:
        name = spec.name
        if spec.type in ("id", "text"):
            texts = [value for values in every
                     if isinstance(value := values.get(name), str)]
            if texts and _found(" ".join(texts), spec.lines):
                for record in records:
                    _check_value(reader, record, name, spec.lines)
        elif spec.type in ("pair", "ids"):
            texts = [item for values in every
                     if isinstance(value := values.get(name), tuple) for item in value]
            if texts and _found(" ".join(texts), False):
                for record in records:
                    _check_items(reader, record, name)
        elif spec.type == "section" and spec.section is not None:
            subs = [sub for values in every for sub in _records(values.get(name))]
            if subs:
                _check_all(reader, subs, spec.section)


def _check_value(reader: Reader, record: Record, name: str, lines: bool) -> None:
    value = record.values.get(name)
    if isinstance(value, str) and _found(value, lines):
        node = record.nodes.get(name)
        if node is not None:
            _check(reader, node, record.sub(name), value, lines)


def _check_items(reader: Reader, record: Record, name: str) -> None:
    value = record.values.get(name)
    if not isinstance(value, tuple) or not any(_found(item, False) for item in value):
        return
    node = record.nodes.get(name)
    if node is not None and node.kind == "seq":
        for i, item in enumerate(value):
            _check(reader, node.value[i], f"{record.sub(name)}[{i}]", item, False)


def _records(value: Any) -> list[Record]:
    if isinstance(value, Record):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, Record)]
    return []


def _found(value: str, lines: bool) -> bool:
    return (_CONTROL_LINES if lines else _CONTROL).search(value) is not None


def _check(reader: Reader, node: Node, path: str, value: str, lines: bool) -> None:
    found = (_CONTROL_LINES if lines else _CONTROL).search(value)
    if found is None:
        return
    where = "text" if lines else "names and ids"
    keep = "; line breaks are fine here" if lines else ""
    reader.report(node, path,
                  f"{describe_char(found.group())} at character {found.start() + 1}: "
                  f"{where} hold no control characters (they would break the map's panels "
                  f"and the printed lines){keep}; remove it")
