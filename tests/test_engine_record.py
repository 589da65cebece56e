"""`@record` behaves as `@dataclass(frozen=True, slots=True)` does, method for method."""

from __future__ import annotations

import dataclasses
import pickle
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.engine.record import record, rows


def _pair(*, with_hidden: bool = False) -> tuple[type, type]:
    """The same class body made twice: as a record and as a frozen slotted dataclass."""

    def body(cls: type) -> type:
        cls.__annotations__ = {"day": "int", "unit": "str", "path": "tuple[str, ...]"}
        if with_hidden:
            cls.__annotations__["note"] = "str"
            cls.note = dataclasses.field(default="", compare=False, repr=False)  # type: ignore[attr-defined]
        return cls

    made_record = record(body(type("Moved", (), {"__doc__": "A unit moved."})))
    made_dataclass = dataclasses.dataclass(frozen=True, slots=True)(
        body(type("Moved", (), {"__doc__": "A unit moved."}))
    )
    return made_record, made_dataclass


@record
class Empty:
    """No fields at all."""


@record
class Noted:
    """A field left out of equality, kept by copies."""

    day: int
    note: str = dataclasses.field(default="", compare=False)


@record
class One:
    """One field: its hash is still the hash of a 1-tuple."""

    value: int


values = st.tuples(st.integers(), st.text(max_size=5), st.tuples(st.text(max_size=3)))


@given(values, values)
def test_equality_hash_and_repr_match_the_dataclass(a: tuple, b: tuple) -> None:
    rec, dc = _pair()
    assert (rec(*a) == rec(*b)) == (dc(*a) == dc(*b))
    assert hash(rec(*a)) == hash(dc(*a))
    assert repr(rec(*a)) == repr(dc(*a))


def test_a_record_equals_only_its_own_class() -> None:
    rec, dc = _pair()
    assert rec(1, "u", ()) != dc(1, "u", ())
    assert rec(1, "u", ()) != (1, "u", ())
    assert rec(1, "u", ()).__eq__((1, "u", ())) is NotImplemented


def test_fields_left_out_of_compare_and_repr_stay_out() -> None:
    rec, dc = _pair(with_hidden=True)
    assert rec(1, "u", (), note="a") == rec(1, "u", (), note="b")
    assert hash(rec(1, "u", (), note="a")) == hash(dc(1, "u", (), note="zzz"))
    assert repr(rec(1, "u", (), note="a")) == repr(dc(1, "u", (), note="a"))


def test_no_field_and_one_field_hash_as_the_dataclass_would() -> None:
    assert Empty() == Empty() and hash(Empty()) == hash(())
    assert hash(One(5)) == hash((5,)) and One(5) != One(6)
    assert repr(One(5)) == "One(value=5)"


def test_a_record_is_a_frozen_slotted_dataclass() -> None:
    rec, _ = _pair()
    moved = rec(1, "u", ("a", "b"))
    assert dataclasses.is_dataclass(moved)
    assert [f.name for f in dataclasses.fields(moved)] == ["day", "unit", "path"]
    assert dataclasses.replace(moved, day=2) == rec(2, "u", ("a", "b"))
    assert dataclasses.asdict(moved) == {"day": 1, "unit": "u", "path": ("a", "b")}
    assert not hasattr(moved, "__dict__")
    with pytest.raises(dataclasses.FrozenInstanceError):
        moved.day = 3  # type: ignore[misc]
    match moved:
        case rec(day, unit, path):  # type: ignore[misc]
            assert (day, unit, path) == (1, "u", ("a", "b"))
    assert pickle.loads(pickle.dumps(One(3))) == One(3)
    assert One.__eq__.__qualname__ == "One.__eq__"


def _made_both(namespace: dict[str, object], annotations: dict[str, str]) -> tuple[type, type]:
    def fresh() -> type:
        cls = type("Made", (), {"__doc__": "A test record.", **namespace})
        cls.__annotations__ = dict(annotations)
        return cls

    return record(fresh()), dataclasses.dataclass(frozen=True, slots=True)(fresh())


def test_defaults_factories_and_fields_outside_init_are_set_as_the_dataclass_sets_them() -> None:
    def post_init(self: object) -> None:
        object.__setattr__(self, "index", {"size": len(self.items)})  # type: ignore[attr-defined]

    namespace = {
        "level": 3,
        "items": dataclasses.field(default_factory=tuple),
        "index": dataclasses.field(init=False, repr=False, compare=False),
        "seen": dataclasses.field(init=False, default=0),
        "__post_init__": post_init,
    }
    annotations = {"name": "str", "level": "int", "items": "tuple", "index": "dict",
                   "seen": "int"}
    rec, dc = _made_both(namespace, annotations)
    for args, kwargs in [(("a",), {}), (("a", 5), {}), (("a",), {"items": (1, 2)}),
                         ((), {"name": "b", "level": 0, "items": ()})]:
        made, expected = rec(*args, **kwargs), dc(*args, **kwargs)
        assert dataclasses.asdict(made) == dataclasses.asdict(expected)
        assert repr(made).removeprefix("Made") == repr(expected).removeprefix("Made")
    assert rec("a").items is not rec("a").items or rec("a").items == ()
    with pytest.raises(TypeError):
        rec()
    with pytest.raises(TypeError):
        rec("a", 1, (), "too many")
    with pytest.raises(TypeError):
        rec("a", index={})


def test_a_field_without_default_after_one_with_is_refused_as_by_the_dataclass() -> None:
    with pytest.raises(TypeError, match="non-default argument 'b' follows default argument"):
        _made_both({"a": 1}, {"a": "int", "b": "int"})


def test_frozen_errors_read_as_the_dataclass_ones() -> None:
    rec, dc = _pair()
    for made in (rec(1, "u", ()), dc(1, "u", ())):
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'day'"):
            made.day = 2
        with pytest.raises(dataclasses.FrozenInstanceError, match="cannot delete field 'unit'"):
            del made.unit


def test_copies_and_pickles_are_equal_and_still_frozen() -> None:
    import copy

    made = Noted(1, note="kept")
    for twin in (copy.copy(made), copy.deepcopy(made), pickle.loads(pickle.dumps(made))):
        assert twin == made and twin.note == "kept"
        with pytest.raises(dataclasses.FrozenInstanceError):
            twin.day = 2


def test_an_undocumented_record_is_documented_by_its_signature_as_a_dataclass_is() -> None:
    made_record, made_dataclass = (
        decorate(type("Bare", (), {"__annotations__": {"day": "int", "note": "str"}, "note": ""}))
        for decorate in (record, dataclasses.dataclass(frozen=True, slots=True))
    )
    assert made_record.__doc__ == made_dataclass.__doc__ == "Bare(day: 'int', note: 'str' = '')"


def test_the_init_is_compiled_when_first_needed_and_reads_the_same_before() -> None:
    import inspect

    def fresh() -> tuple[type, type]:
        return _pair()

    made_record, made_dataclass = fresh()
    assert "__wrapped__" in dir(type(made_record.__dict__["__init__"]))  # not compiled yet
    # Its signature (help(), inspect) reads as a dataclass's before any record is built...
    assert inspect.signature(made_record) == inspect.signature(made_dataclass)
    made_record, _ = fresh()
    built = made_record(1, "1st-brigade", path=("ana",))  # ...and the first one builds
    assert inspect.isfunction(made_record.__dict__["__init__"])  # compiled, in its place
    assert built == made_record(1, "1st-brigade", ("ana",))
    assert dataclasses.replace(built, day=2).day == 2
    with pytest.raises(TypeError):
        made_record(1)  # a missing field is refused, as by the compiled __init__


def test_a_record_is_laid_out_as_the_dataclass_lays_out_its_class() -> None:
    rec, dc = _pair(with_hidden=True)
    assert rec.__slots__ == dc.__slots__ and rec.__match_args__ == dc.__match_args__
    for ours, theirs in zip(dataclasses.fields(rec), dataclasses.fields(dc), strict=True):
        assert (ours.name, ours.type, ours.default, ours.compare, ours.repr, ours.init) == (
            theirs.name, theirs.type, theirs.default, theirs.compare, theirs.repr, theirs.init)
    assert dataclasses.is_dataclass(rec) and rec.__qualname__ == "Moved"
    assert not rec.__dataclass_params__.frozen  # its own refusals make it frozen

    @dataclasses.dataclass  # its params say not frozen, as before (the refusals are its own)
    class Later(rec):  # type: ignore[valid-type, misc]
        """A dataclass may still extend a record."""

        extra: int = 0

    assert [f.name for f in dataclasses.fields(Later)] == ["day", "unit", "path", "note", "extra"]


@pytest.mark.parametrize(("annotations", "namespace", "error"), [
    ({"a": "ClassVar[int]"}, {}, TypeError),
    ({"a": "InitVar[int]"}, {}, TypeError),
    ({"a": "list[int]"}, {"a": []}, ValueError),  # a mutable default, as the dataclass says
    ({}, {"a": dataclasses.field(default=1)}, TypeError),  # a field with no annotation
    ({"a": "int"}, {"a": dataclasses.field(default=1, kw_only=True)}, TypeError),
    ({"a": "int"}, {"__slots__": ("a",)}, TypeError),
])
def test_what_a_record_cannot_hold_is_refused_when_it_is_declared(
        annotations: dict[str, str], namespace: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        record(type("Bad", (), {"__doc__": "Bad.", "__annotations__": annotations,
                                **namespace}))


def test_records_laid_out_alike_share_a_compiled_init_under_their_own_names() -> None:
    import inspect

    @record
    class Left:
        """Two fields, the second with a default."""

        day: int
        unit: str = "a"

    @record
    class Right:
        """The same layout, other names and default."""

        hour: float
        place: str = "b"

    assert Left(1) == Left(day=1, unit="a") and Right(2.0).place == "b"
    assert Right(hour=3.0, place="c") == Right(3.0, "c")
    assert Left.__init__.__code__.co_code == Right.__init__.__code__.co_code
    assert list(inspect.signature(Right).parameters) == ["hour", "place"]
    with pytest.raises(TypeError):
        Right(day=1)  # another record's field is no keyword here


def test_a_problem_orders_as_the_dataclass_with_order_did() -> None:
    """`Problem` (a record with its own comparisons) orders as `order=True` ordered it."""
    from game.data.problems import Problem

    ordered = dataclasses.make_dataclass(
        "Problem", ["file", "line", "col", "path", "message",
                    ("severity", str, dataclasses.field(default="error"))],
        frozen=True, order=True)
    rows = [("b", 2, 1, "x", "m"), ("a", 9, 1, "", "m"), ("a", 2, 3, "y", "n", "warning"),
            ("a", 2, 3, "y", "n"), ("b", 0, 0, "", ""), ("b", 0, 0, "", "")]
    ours, theirs = [Problem(*r) for r in rows], [ordered(*r) for r in rows]
    astuple = dataclasses.astuple
    assert [astuple(p) for p in sorted(ours)] == [astuple(p) for p in sorted(theirs)]
    for (a, b), (x, y) in zip(pairwise(ours), pairwise(theirs), strict=True):
        assert (a < b, a <= b, a > b, a >= b, a == b) == (x < y, x <= y, x > y, x >= y, x == y)
    assert ours[0].__lt__(theirs[0]) is NotImplemented


@record
class _Post:
    """A record with a `__post_init__`: built by its `__init__`."""

    value: int
    seen: list[int] = dataclasses.field(default_factory=list, compare=False)

    def __post_init__(self) -> None:
        self.seen.append(self.value)


def test_rows_builds_what_the_init_builds_column_by_column() -> None:
    ids, days = ["a", "b", "c"], [1, 2, 3]
    made = rows(Noted, days, ids)
    assert made == tuple(map(Noted, days, ids))
    assert [m.note for m in made] == ids and all(type(m) is Noted for m in made)
    defaulted = rows(Noted, iter(days))  # a field with no column takes its default
    assert [(m.day, m.note) for m in defaulted] == [(1, ""), (2, ""), (3, "")]
    assert rows(One, []) == () and rows(One, [5]) == (One(5),)
    posted = rows(_Post, [4, 5])  # built by its __init__, which its __post_init__ follows
    assert [p.seen for p in posted] == [[4], [5]]
    with pytest.raises(ValueError):
        rows(Noted, days, ids[:2])  # columns of unequal length
    with pytest.raises(TypeError):
        rows(One)
