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


PLACE_TEXTS = [
    "id: p1\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\nkind: city\npopulation: 120\n",
    "id: p1\nname: A\nlat: 33\nlon: 42.5\nside: gov\nsupply_source: true\n",
    "id: p1\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\nid: p2\n",  # a duplicate key
    "id: p1\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\nsize: 3\n",  # an unknown field
    "id: p1\nname: A\nlat: 33.1\nlon: 42.5\n",  # a required field missing
    "id: p1\nname: A\nlat: 133.1\nlon: 42.5\nside: gov\n",  # out of range
    "id: p1\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\n3: x\n",  # a key that is a number
    "id: p1\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\n~: x\n",  # an empty key
    "id: p1\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\nkind: NO\n",
    "id: p1\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\n[a]: x\n",
    "base: &b {side: gov, kind: town}\nplace:\n  <<: *b\n  id: p1\n  name: A\n"
    "  lat: 1.5\n  lon: 2.5\n",
    "id: '12'\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\n",
    "id: 12\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\n",
    "id: p1\nname: A\nlat: 1e3\nlon: 42.5\nside: gov\n",
    "id: p1\nname: A\nlat: 33.1\nlon: 42.5\nside: gov\nx-note: y\n",
]
ROAD_TEXTS = [
    "between: [p1, p2]\nkm: 12.5\nkind: track\n",
    "between: [p1]\nkm: 12.5\n",
    "between: [p1, 12]\nkm: 12.5\n",
    "between: p1\nkm: 12.5\n",
    "between: [p1, [p2]]\nkm: 12.5\n",
    "between: [p1, p2]\nkm: 0\n",
]


@pytest.mark.parametrize(("text", "section"), [(t, "place") for t in PLACE_TEXTS]
                         + [(t, "road") for t in ROAD_TEXTS])
def test_the_quick_record_agrees_with_the_full_reading(
        text: str, section: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from game.data import reader as reader_module
    from game.data.format import PLACE, ROAD
    from game.data.quick import quick_record

    spec = PLACE if section == "place" else ROAD
    root = compose(text, "q.yaml")
    assert root is not None
    node = root.value[3] if text.startswith("base:") else root
    quick = quick_record(node, spec)
    monkeypatch.setattr(reader_module, "quick_record", lambda node, section: None)
    reader = Reader("q.yaml")
    full = reader.section(node, "p", spec)
    if quick is None:
        assert reader.problems or text.startswith("base:") or "x-note" in text, text
        return
    assert reader.problems == []
    assert full is not None
    assert [(k, type(v), v) for k, v in quick.items()] == [
        (k, type(v), v) for k, v in full.values.items()], text


def test_the_parser_keeps_its_own_events_after_a_parse() -> None:
    """The parse has libyaml make lean events while it runs, and gives PyYAML its own back
    after, whether the text parses or not."""
    import yaml

    from game.data.problems import ScenarioError

    compose("a: [1, 2]\nb: c\n", "q.yaml")
    with pytest.raises(ScenarioError):
        compose("a: [1, 2\nb: c\n", "q.yaml")
    events = list(yaml.parse("a: [1, 2]\n", Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
    assert [type(e).__name__ for e in events][3:8] == [
        "ScalarEvent", "SequenceStartEvent", "ScalarEvent", "ScalarEvent", "SequenceEndEvent"]


def test_plain_numbers_get_the_tags_yaml_11_gives_them() -> None:
    from yaml.resolver import Resolver

    from game.data.yamltree import _PLAIN_NUMBER, FLOAT, INT

    resolver = Resolver()
    samples = ["0", "-0", "7", "12439", "-12", "29.3447", "-33.1", "0.5", "00.5", "1.10",
               "10.0", "123456789012345678901234567890", "3.14159265358979323846"]
    for raw in samples:
        assert _PLAIN_NUMBER.fullmatch(raw), raw
        ours = FLOAT if "." in raw else INT
        import yaml
        assert ours == resolver.resolve(yaml.ScalarNode, raw, (True, False)), raw
    for raw in ["012", "1_000", "1e3", "1.", ".5", "+5", "12:30", "0x1f", "1.2.3", "- 1",
                "2017-09-19", "1.5e3"]:
        assert not _PLAIN_NUMBER.fullmatch(raw), raw


@pytest.mark.parametrize("raw", RAWS)
def test_the_quick_record_reads_each_value_as_the_full_reading(
        raw: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """quick_record's own readings of text and decimal numbers agree with the full reading,
    value by value (each spec a one-field section)."""
    from game.data import reader as reader_module
    from game.data.format import Section
    from game.data.quick import quick_record

    root = compose(f"v: {raw}\n", "q.yaml")
    assert root is not None
    for spec in SPECS:
        field = Field("v", spec.type, minimum=spec.minimum, maximum=spec.maximum,
                      above=spec.above, choices=spec.choices)
        section = Section("s", (field,))
        quick = quick_record(root, section)
        if quick is None:
            continue
        with monkeypatch.context() as patched:
            patched.setattr(reader_module, "quick_record", lambda node, section: None)
            reader = Reader("q.yaml")
            full = reader.section(root, "", section)
        assert reader.problems == [], (raw, spec.type)
        assert full is not None
        assert [(type(v), v) for v in quick.values()] == [
            (type(v), v) for v in full.values.values()], (raw, spec.type)


def test_the_tree_is_the_same_with_pyyaml_s_own_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the lean events (a PyYAML whose parser makes its events otherwise), the
    events PyYAML makes build the same tree."""
    from contextlib import nullcontext

    from game.data import yamltree

    text = ("a: &x [1, 'two', {k: v}]\nb: *x\n<<: {c: 3}\n? [p, q]\n: 2.5\n"
            "d: '12'\ne:\n  - - deep\n  - {}\n")

    def shape(node: object) -> object:
        if isinstance(node, str):
            return node
        assert isinstance(node, yamltree.Node)
        if node.kind == "scalar":
            return (node.tag, node.value, node.line, node.col, node.plain)
        if node.kind == "map":
            return ("map", node.line, node.col,
                    [(shape(k), shape(v)) for k, v in yamltree.pairs(node)])
        return ("seq", node.line, node.col, [shape(child) for child in node.value])

    lean = shape(compose(text, "t.yaml"))
    monkeypatch.setattr(yamltree._LEAN_EVENTS, "taking", lambda lean: nullcontext())
    assert shape(compose(text, "t.yaml")) == lean
