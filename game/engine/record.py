"""`@record`: the frozen, slotted dataclass the game's state, events and views are made of.

A record is a dataclass (`fields`, `replace`, `asdict` and pattern matching work as
for any) that cannot be changed after it is built. It differs from
`@dataclass(frozen=True, slots=True)` only in how it is made: its `__eq__`,
`__hash__` and `__repr__` are closures over the class's field names, where the
dataclass decorator writes each of them as source text and compiles it, for every
class. On Python 3.11 those compilations were a third of the game's start-up
(about seventy records); the closures behave the same:

- equal only to an instance of the very same class, field by field in order;
- the hash of the tuple of the fields (as the dataclass's, so sets of records
  keep the same order);
- the repr `Name(field=value, ...)`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from operator import attrgetter
from typing import Any, TypeVar, dataclass_transform

T = TypeVar("T")


def _tuple_of(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """A function giving an object's attributes `names` as a tuple (always a tuple:
    `attrgetter` of one name gives the bare value)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        (name,) = names
        return lambda obj: (getattr(obj, name),)
    return lambda obj: ()


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen, slotted dataclass with shared equality, hash and repr."""
    made: Any = dataclass(frozen=True, slots=True, eq=False, repr=False)(cls)
    compared = _tuple_of(tuple(f.name for f in fields(made) if f.compare))
    shown = tuple(f.name for f in fields(made) if f.repr)

    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return compared(self) == compared(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(compared(self))

    def __repr__(self: Any) -> str:
        values = ", ".join(f"{name}={getattr(self, name)!r}" for name in shown)
        return f"{self.__class__.__qualname__}({values})"

    for method in (__eq__, __hash__, __repr__):
        method.__qualname__ = f"{made.__qualname__}.{method.__name__}"
        setattr(made, method.__name__, method)
    made_class: type[T] = made
    return made_class
