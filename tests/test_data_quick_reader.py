"""The reader's quick path (`quick_scalar`) reads a value exactly as the full reading does,
or leaves it to it: never a different value, never a problem missed."""

from __future__ import annotations

import pytest

from game.data.format import Field
from game.data.quick import SLOW, quick_scalar
from game.data.reader import Reader
from game.data.yamltree import compose

RAWS = [
    "p12", "Haditha", "gov", "town", "road", "true", "false", "True", "no", "yes", "~", "null",
    "0", "7", "12", "012", "0x1f", "1_000", "12:30", "1e3", "-5", "+5", "3.5", "-33.1234",
    "20.0", "0.0", "00.5", "1.10", ".5", ".inf", "-.inf", ".nan", "2017-09-19", "9" * 45,
    "12345678901234567.5", "1.", "''", '""', "' '", "'12'", '"p1"', "'true'", "a b", "'-'", "-x",
    "'" + "x" * 150 + "'", "x" * 150, "[a, b]", "{a: 1}",
]
SPECS = [
    Field("id", "id"), Field("name", "text"), Field("kind", "choice", choices=("town", "road")),
    Field("n", "int"), Field("n", "int", minimum=0, maximum=100), Field("km", "number", above=0),
    Field("lat", "number", minimum=-90, maximum=90), Field("x", "number"),
    Field("flag", "bool"), Field("start_date", "date"),
]


@pytest.mark.parametrize("raw", RAWS)
def test_the_quick_path_agrees_with_the_full_reading(raw: str) -> None:
    root = compose(f"v: {raw}\n", "q.yaml")
    assert root is not None
    node = root.value[1]
    for spec in SPECS:
        quick = quick_scalar(node, spec)
        if quick is SLOW:
            continue
        reader = Reader("q.yaml")
        full = reader.scalar(node, "v", spec)
        assert reader.problems == [], (raw, spec.type)
        assert (type(quick), quick) == (type(full), full), (raw, spec.type)
