"""The JSON Schema (draft 2020-12) of the scenario format, built from `game.data.format`.

Editors use it (`# yaml-language-server: $schema=...` at the top of a scenario)
to complete and check fields as the author types. The loader checks more than
a schema can say (references between places, units and roads; YAML 1.1's
surprises; the road graph): `anbar validate` remains the final word.
"""

from __future__ import annotations

import json
from typing import Any

from game.data.format import (
    CONTROL_CLASS,
    CONTROL_CLASS_LINES,
    EVENT_KINDS,
    Field,
    Section,
    scenario_section,
)

# The end of the text: `$` would also match before a final line feed in Python's
# regular expressions (which jsonschema uses), letting "name\n" through.
_END = r"(?![\s\S])"
SCHEMA_ID = "https://euphrates-road.invalid/scenario.schema.json"


def scenario_schema() -> dict[str, Any]:
    top = scenario_section()
    defs: dict[str, Any] = {}
    schema = _object(top, defs)
    schema["patternProperties"] = {"^x-": {"description": "ignored: a place for anchors"}}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Euphrates Road scenario",
        **schema,
        "$defs": dict(sorted(defs.items())),
    }


def schema_json() -> str:
    """The schema as `anbar schema` prints it and docs/scenario.schema.json holds it."""
    return json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"


def _object(section: Section, defs: dict[str, Any]) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object"}
    if section.doc:
        schema["description"] = section.doc
    schema["properties"] = {f.name: _field(f, defs) for f in section.fields}
    required = [f.name for f in section.fields if f.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    if section.name == "event":
        variants: list[dict[str, Any]] = []
        for kind in EVENT_KINDS:
            variant: dict[str, Any] = {"required": [kind]}
            if kind == "message":
                variant["not"] = {"required": ["text"]}
            variants.append(variant)
        schema["oneOf"] = variants
        schema["dependentRequired"] = {"days": ["weather"]}
    return schema


def _ref(section: Section, defs: dict[str, Any]) -> dict[str, Any]:
    if section.name not in defs:
        defs[section.name] = {}  # a placeholder first: a section may refer to itself
        defs[section.name] = _object(section, defs)
    return {"$ref": f"#/$defs/{section.name}"}


def _field(f: Field, defs: dict[str, Any]) -> dict[str, Any]:
    schema = _type(f, defs)
    if f.doc:
        schema["description"] = f.doc
    if f.default is not None and f.type not in ("section", "points"):
        schema["default"] = f.default
    return schema


def _type(f: Field, defs: dict[str, Any]) -> dict[str, Any]:
    if f.type == "section":
        assert f.section is not None
        if f.many:
            array: dict[str, Any] = {"type": "array", "items": _ref(f.section, defs)}
            if f.exactly is not None:
                array["minItems"] = array["maxItems"] = f.exactly
            if f.section.name == "side":  # exactly one side is the player's
                player = {"const": True}
                array["contains"] = {"required": ["player"], "properties": {"player": player}}
                array["minContains"] = array["maxContains"] = 1
            return array
        return _ref(f.section, defs)
    if f.type == "pair":
        return {"type": "array", "items": _id(), "minItems": 2, "maxItems": 2}
    if f.type == "interval":  # low <= high is the validator's to check
        end = _number(Field(f.name, "number", minimum=f.minimum, maximum=f.maximum))
        return {"type": "array", "items": end, "minItems": 2, "maxItems": 2}
    if f.type == "ids":
        return {"type": "array", "items": _id(), "minItems": 1}
    if f.type == "points":
        point = {
            "type": "array",
            "prefixItems": [
                {"type": "number", "minimum": -90, "maximum": 90},
                {"type": "number", "minimum": -180, "maximum": 180},
            ],
            "minItems": 2,
            "maxItems": 2,
        }
        return {"type": "array", "items": point}
    if f.type == "id":
        return _id()
    if f.type == "text":
        return {"type": "string",
                "pattern": f"^[^{CONTROL_CLASS_LINES if f.lines else CONTROL_CLASS}]*{_END}"}
    if f.type == "bool":
        return {"type": "boolean"}
    if f.type == "date":
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
    if f.type == "choice":
        return {"type": "string", "enum": list(f.choices)}
    return _number(f)


def _number(f: Field) -> dict[str, Any]:
    number: dict[str, Any] = {"type": "integer" if f.type == "int" else "number"}
    if f.minimum is not None:
        number["minimum"] = f.minimum
    if f.maximum is not None:
        number["maximum"] = f.maximum
    if f.above is not None:
        number["exclusiveMinimum"] = f.above
    return number


def _id() -> dict[str, Any]:
    """Not empty or blank, and no control character."""
    return {"type": "string", "pattern": rf"^(?=.*\S)[^{CONTROL_CLASS}]*{_END}"}
