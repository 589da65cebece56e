"""`@record`: the frozen, slotted dataclass the game's state, events and views are made of.

A record is a dataclass (`fields`, `replace`, `asdict` and pattern matching work as
for any) that cannot be changed after it is built: it behaves as
`@dataclass(frozen=True, slots=True)`. It differs only in how it is made. The
dataclass decorator writes six methods of every class as source text and compiles
each; on Python 3.11, for about seventy records, that was a third of what the
game's start took beyond a bare Textual app's. A record compiles one, its
`__init__` (so that building one stays as fast as a dataclass's), and shares the
rest as closures over its field names:

- `__init__` sets each field once, with its default or default factory, then calls
  `__post_init__` if the class has one;
- assigning or deleting a field raises `FrozenInstanceError`, as a frozen
  dataclass's would (`object.__setattr__` in `__post_init__` still works);
- equal only to an instance of the very same class, field by field in order;
- the hash of the tuple of the fields (as the dataclass's, so sets of records keep
  the same order); the repr `Name(field=value, ...)`; pickling and copying work.

Keyword-only fields and `InitVar` are not supported (no record needs them).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")

_set = object.__setattr__
_MEMBER = type(type("_Slotted", (), {"__slots__": ("x",)}).__dict__["x"])  # a slot's type


def _frozen_setattr(self: object, name: str, value: object) -> None:
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self: object, name: str) -> None:
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def _tuple_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an object's attributes `names` as a tuple (always a tuple:
    `attrgetter` of one name gives the bare value)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        (name,) = names
        return lambda obj: (getattr(obj, name),)
    return lambda obj: ()


def _slot(cls: type, name: str) -> Callable[[object, object], None] | None:
    """The setter of the slot `name` of `cls` (or of the base that lays it out), or None
    when the field is no slot."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            found = klass.__dict__[name]
            if type(found) is _MEMBER:
                setter: Callable[[object, object], None] = found.__set__
                return setter
            return None
    return None


def _init(cls: type, every: tuple[Field[Any], ...]) -> Callable[..., None]:
    """The class's `__init__`, compiled from source as a frozen dataclass's is."""
    scope: dict[str, Any] = {"__record_set": _set, "__record_none": MISSING}
    params: list[str] = []
    body: list[str] = []
    defaulted = False  # a parameter with a default came before
    for f in every:
        if f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: a record has no keyword-only fields")
        factory = f.default_factory is not MISSING
        if f.default is not MISSING:
            scope[f"__record_default_{f.name}"] = f.default
            value = f"__record_default_{f.name}"
        elif factory:
            scope[f"__record_factory_{f.name}"] = f.default_factory
            value = f"__record_factory_{f.name}()"
        else:
            value = ""
        if not f.init:  # not a parameter: set to its default, if it has one
            if value:
                body.append(f"__record_set(self, {f.name!r}, {value})")
            continue
        if factory:  # called only when no value is given
            params.append(f"{f.name}=__record_none")
            body.append(f"if {f.name} is __record_none: {f.name} = {value}")
        elif value:
            params.append(f"{f.name}={value}")
        elif defaulted:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        else:
            params.append(f.name)
        defaulted = defaulted or bool(value)
        slot = _slot(cls, f.name)
        if slot is None:
            body.append(f"__record_set(self, {f.name!r}, {f.name})")
        else:  # the slot's own setter: the same store, without the generic lookup
            scope[f"__record_put_{f.name}"] = slot
            body.append(f"__record_put_{f.name}(self, {f.name})")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    source = f"def __init__(self, {', '.join(params)}):\n    " + "\n    ".join(body or ["pass"])
    exec(source, scope)  # our own text, built as the dataclass decorator builds its own
    init: Callable[..., None] = scope["__init__"]
    init.__annotations__ = {f.name: f.type for f in every if f.init} | {"return": None}
    return init


class _LazyInit:
    """A record's `__init__` until its first use: most records of a start are never built
    before its first frame (the events of a day, the refusals, the reports), and compiling
    an `__init__` was most of what a record cost to make. The first record built, or the
    first look at the signature, compiles it and puts it on the class in this one's place."""

    def __init__(self, cls: type, every: tuple[Field[Any], ...]) -> None:
        self.cls, self.every = cls, every

    def compiled(self) -> Callable[..., None]:
        init = self.cls.__dict__["__init__"]
        if init is self:  # not compiled yet
            init = _init(self.cls, self.every)
            init.__qualname__ = f"{self.cls.__qualname__}.__init__"
            self.cls.__init__ = init
        compiled: Callable[..., None] = init
        return compiled

    def __get__(self, instance: object, owner: type | None = None) -> Any:
        if instance is None:  # read off the class (inspect, help): stands for the method
            return self
        return self.compiled().__get__(instance, owner)

    def __call__(self, instance: object, *args: Any, **kwargs: Any) -> None:
        self.compiled()(instance, *args, **kwargs)

    @property
    def __wrapped__(self) -> Callable[..., None]:  # what `inspect.signature` reads
        return self.compiled()


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen, slotted dataclass (see the module's docstring)."""
    for name, annotation in inspect.get_annotations(cls).items():
        if "InitVar" in str(annotation):
            raise TypeError(f"{cls.__name__}.{name}: a record has no InitVar fields")
    undocumented = cls.__doc__ is None
    # The dataclass decorator lays out the fields and the slots; the methods are ours.
    made: Any = dataclass(init=False, repr=False, eq=False, slots=True)(cls)
    every = fields(made)
    names = tuple(f.name for f in every)
    compared = _tuple_of(tuple(f.name for f in every if f.compare))
    shown = tuple(f.name for f in every if f.repr)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(compared(self))

    def __repr__(self: Any) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({values})"

    def __getstate__(self: Any) -> list[Any]:
        return [getattr(self, name) for name in names]

    def __setstate__(self: Any, state: list[Any]) -> None:
        for name, value in zip(names, state, strict=True):
            _set(self, name, value)

    methods: tuple[Callable[..., Any], ...] = (
        __eq__, __hash__, __repr__, __getstate__, __setstate__,
    )
    for method in methods:
        method.__qualname__ = f"{made.__qualname__}.{method.__name__}"
        setattr(made, method.__name__, method)
    made.__setattr__ = _frozen_setattr
    made.__delattr__ = _frozen_delattr
    made.__init__ = _LazyInit(made, every)
    if undocumented:  # as the dataclass's: the signature (it saw no __init__ yet)
        made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
    made_class: type[T] = made
    return made_class
