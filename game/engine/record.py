"""`@record`: the frozen, slotted dataclass the game's state, events and views are made of.

A record is a dataclass (`fields`, `replace`, `asdict` and pattern matching work as
for any) that cannot be changed after it is built: it behaves as
`@dataclass(frozen=True, slots=True)`. It differs only in how it is made. The
dataclass decorator writes six methods of every class as source text and compiles
each; on Python 3.11, for about seventy records, that was a third of what the
game's start took beyond a bare Textual app's. A record compiles one, its
`__init__` (so that building one stays as fast as a dataclass's), and shares the
rest as closures over its field names; a plain record's `__init__` is not even
compiled at run time: its code comes compiled with the package
(`game.engine.record_inits`). Nor does it call the decorator to lay out
its fields and slots: that alone (reading every annotation for `ClassVar` and
`InitVar` with regular expressions, building the class twice) was still a
fortieth of a start. A record reads its annotations once, makes the `Field`s
`fields` and `replace` read, and builds the slotted class once more with every
method in it (a made class cannot take slots), as the decorator does:

- `__init__` sets each field once, with its default or default factory, then calls
  `__post_init__` if the class has one;
- assigning or deleting a field raises `FrozenInstanceError`, as a frozen
  dataclass's would (`object.__setattr__` in `__post_init__` still works);
- equal only to an instance of the very same class, field by field in order;
- the hash of the tuple of the fields (as the dataclass's, so sets of records keep
  the same order); the repr `Name(field=value, ...)`; pickling and copying work.

Keyword-only fields, `ClassVar` and `InitVar` are refused (no record needs them).
"""

from __future__ import annotations

import builtins
import inspect
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import MISSING, Field, FrozenInstanceError, dataclass, field
from itertools import repeat, starmap
from operator import attrgetter
from types import CodeType, FunctionType
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


def _slots(cls: type) -> tuple[str, ...]:
    """The slots `cls` declares itself (a name or names), as the dataclass decorator reads them."""
    found = cls.__dict__.get("__slots__", ())
    return (found,) if isinstance(found, str) else tuple(found)


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


# The code of every `__init__` compiled so far, by its text with the fields numbered:
# records laid out alike (the same number of fields, factories in the same places) share
# one compiled code, renamed to their fields, rather than each compiling its own.
_COMPILED: dict[str, CodeType] = {}


def _one_line(params: list[str], body: list[str]) -> str:
    """An `__init__`'s text on one line (its statements joined by semicolons): so the
    generated `record_inits` holds even the widest record's in one line (Rules has 88
    fields), not a line a field."""
    listed = "".join(f", {param}" for param in params)
    return f"def __init__(self{listed}): {'; '.join(body or ['pass'])}"


def plain_source(count: int, factories: tuple[int, ...] = (), post: bool = False) -> str:
    """The text `_init` builds for a record of `count` fields, each a slot set from its
    parameter, those numbered in `factories` made by their default factory when not given,
    then its `__post_init__` called if `post` (fields not in `__init__` after those, with
    no default): `record_inits` holds the code of those the game declares."""
    body = []
    for i in range(count):
        if i in factories:
            body.append(f"_{i} = __record_factory_{i}() if _{i} is __record_none else _{i}")
        body.append(f"__record_put_{i}(self, _{i})")
    if post:
        body.append("self.__post_init__()")
    return _one_line([f"_{i}" for i in range(count)], body)


def _precompiled() -> None:
    """Put the code of `record_inits` in `_COMPILED` under the texts it was compiled from:
    `init_<count>`, then `_<factory>` for each field with a factory, then `_post` for a
    record with `__post_init__`."""
    from game.engine.record_inits import TEMPLATES

    for template in TEMPLATES:
        words = template.__name__.split("_")[1:]
        post = words[-1] == "post"
        count, *factories = map(int, words[:-1] if post else words)
        _COMPILED[plain_source(count, tuple(factories), post)] = template.__code__.replace(
            co_name="__init__", co_qualname="__init__")


_precompiled()


def _init(cls: type, every: tuple[Field[Any], ...]) -> Callable[..., None]:
    """The class's `__init__`, compiled from source as a frozen dataclass's is."""
    scope: dict[str, Any] = {"__record_set": _set, "__record_none": MISSING,
                             "__builtins__": builtins}
    params: list[str] = []
    names: list[str] = []  # of the parameters, in order
    defaults: list[Any] = []
    body: list[str] = []
    for i, f in enumerate(every):
        if f.kw_only:
            raise TypeError(f"{cls.__name__}.{f.name}: a record has no keyword-only fields")
        factory = f.default_factory is not MISSING
        if f.default is not MISSING:
            scope[f"__record_default_{i}"] = f.default
            value = f"__record_default_{i}"
        elif factory:
            scope[f"__record_factory_{i}"] = f.default_factory
            value = f"__record_factory_{i}()"
        else:
            value = ""
        if not f.init:  # not a parameter: set to its default, if it has one
            if value:
                scope[f"__record_name_{i}"] = f.name
                body.append(f"__record_set(self, __record_name_{i}, {value})")
            continue
        local = f"_{i}"  # renamed to the field's name once compiled
        names.append(f.name)
        # The defaults are the function's, not its code's: records that differ only in
        # which fields have defaults share one compiled code.
        params.append(local)
        if factory:  # called only when no value is given
            defaults.append(MISSING)
            body.append(f"{local} = {value} if {local} is __record_none else {local}")
        elif value:
            defaults.append(f.default)
        elif defaults:
            raise TypeError(f"non-default argument {f.name!r} follows default argument")
        slot = _slot(cls, f.name)
        if slot is None:
            scope[f"__record_name_{i}"] = f.name
            body.append(f"__record_set(self, __record_name_{i}, {local})")
        else:  # the slot's own setter: the same store, without the generic lookup
            scope[f"__record_put_{i}"] = slot
            body.append(f"__record_put_{i}(self, {local})")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    source = _one_line(params, body)
    code = _COMPILED.get(source)
    if code is None:  # our own text, built as the dataclass decorator builds its own
        module = compile(source, "<string>", "exec")
        code = _COMPILED[source] = next(
            c for c in module.co_consts if isinstance(c, CodeType))
    # Its parameters take the fields' names (keywords are matched by these names).
    code = code.replace(co_varnames=("self", *names))
    init: Callable[..., None] = FunctionType(code, scope, "__init__", tuple(defaults))
    init.__annotations__ = {f.name: f.type for f in every if f.init} | {"return": None}
    return init


class _LazyInit:
    """A record's `__init__` until its first use: most records of a start are never built
    before its first frame (the events of a day, the refusals, the reports), and compiling
    an `__init__` was most of what a record cost to make. The first record built, or the
    first look at the signature, compiles it and puts it on the class in this one's place."""

    cls: type  # set once the class is made

    def __init__(self, every: tuple[Field[Any], ...]) -> None:
        self.every = every

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


# What the dataclass decorator marks a class and its fields with, read off one dataclass
# made here (so `fields`, `replace`, `asdict` and `is_dataclass` take a record for one).
# (Documented: an undocumented class's docstring would be its signature, read from its
# text by a tokenizer whose pattern costs more to compile than every record to make.)
_PROBE: Any = dataclass(init=False, repr=False, eq=False)(
    type("_Probe", (), {"__annotations__": {"x": "int"}, "__doc__": "A probe."}))
_PARAMS = _PROBE.__dataclass_params__
_FIELD = _PROBE.__dataclass_fields__["x"]._field_type  # a field, not a ClassVar or InitVar
_REFUSED = ("ClassVar", "InitVar", "KW_ONLY")  # pseudo-fields no record needs


def _fields(cls: type) -> dict[str, Field[Any]]:
    """The class's fields, in order, as the dataclass decorator would find them: those
    of dataclass bases first, then one for each annotation of the class itself."""
    every: dict[str, Field[Any]] = {}
    for base in cls.__mro__[-1:0:-1]:
        every.update(getattr(base, "__dataclass_fields__", {}))
    own = inspect.get_annotations(cls)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in own:
            raise TypeError(f"{name!r} is a field but has no type annotation")
    written = " ".join(map(str, own.values()))  # one look for all (most have none)
    for word in _REFUSED:
        if word in written:
            raise TypeError(f"{cls.__name__}: a record has no {word} fields")
    for name, annotation in own.items():
        default = getattr(cls, name, MISSING)
        if isinstance(default, Field):
            made = default
        else:
            if type(default) is _MEMBER:  # a base's slot: no default
                default = MISSING
            made = field(default=default)  # type: ignore[arg-type]
        made.name, made.type, made._field_type = name, annotation, _FIELD  # type: ignore[attr-defined]
        if made.kw_only is True:
            raise TypeError(f"{cls.__name__}.{name}: a record has no keyword-only fields")
        made.kw_only = False
        if made.default is not MISSING and made.default.__class__.__hash__ is None:
            raise ValueError(f"mutable default {type(made.default)} for field {name} is not "
                             "allowed: use default_factory")
        every[name] = made
    defaulted = False  # as the dataclass's __init__ would refuse to be made
    for made in every.values():
        if not made.init:
            continue
        if made.default is not MISSING or made.default_factory is not MISSING:
            defaulted = True
        elif defaulted:
            raise TypeError(f"non-default argument {made.name!r} follows default argument")
    return every


@dataclass_transform(frozen_default=True)
def record(cls: type[T]) -> type[T]:
    """Make `cls` a frozen, slotted dataclass (see the module's docstring)."""
    if "__slots__" in cls.__dict__:
        raise TypeError(f"{cls.__name__} already specifies __slots__")
    laid_out = _fields(cls)
    every = tuple(laid_out.values())
    names = tuple(laid_out)
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

    # The class is made once more with its slots (a made class cannot take them), as
    # the dataclass decorator does, with every method in its namespace from the start.
    namespace = dict(cls.__dict__)
    for name in names:
        namespace.pop(name, None)  # a default stays in the field, not on the class
    namespace.pop("__dict__", None)
    namespace.pop("__weakref__", None)
    inherited = {slot for base in cls.__mro__[1:-1] for slot in _slots(base)}
    namespace["__slots__"] = tuple(name for name in names if name not in inherited)
    namespace["__dataclass_params__"] = _PARAMS
    namespace["__dataclass_fields__"] = laid_out
    namespace.setdefault("__match_args__", tuple(f.name for f in every if f.init))
    qualname = cls.__qualname__
    methods: tuple[Callable[..., Any], ...] = (
        __eq__, __hash__, __repr__, __getstate__, __setstate__,
    )
    for method in methods:
        method.__qualname__ = f"{qualname}.{method.__name__}"
        namespace[method.__name__] = method
    namespace["__setattr__"] = _frozen_setattr
    namespace["__delattr__"] = _frozen_delattr
    lazy = namespace["__init__"] = _LazyInit(every)
    metaclass: Any = type(cls)
    made: Any = metaclass(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = qualname
    lazy.cls = made
    if made.__doc__ is None:  # as the dataclass's: the signature
        made.__doc__ = made.__name__ + str(inspect.signature(made)).replace(" -> None", "")
    made_class: type[T] = made
    return made_class


def rows(cls: type[T], *columns: Iterable[Any]) -> tuple[T, ...]:
    """`tuple(map(cls, *columns))` for a map's worth of records of one class (`records`)."""
    return tuple(records(cls, *columns))


def records(cls: type[T], *columns: Iterable[Any]) -> list[T]:
    """`list(map(cls, *columns))` for a map's worth of records of one class, the
    columns of equal length (ValueError if not): each field set over its column in one
    C loop, where `__init__` ran as Python code once a record (half as long again at
    100,000 places). A field without a column takes its default; a class with a
    `__post_init__` or a default factory is built by its `__init__`."""
    setters = _SETTERS.get(cls)
    if setters is None:
        setters = _SETTERS[cls] = _setters(cls)
    if not setters or not columns or len(columns) > len(setters):
        return list(map(cls, *columns))
    first = columns[0] if type(columns[0]) is list else list(columns[0])
    count = len(first)
    made = list(map(object.__new__, repeat(cls, count)))
    for at, (name, put, default) in enumerate(setters):
        if at < len(columns):
            column = first if at == 0 else columns[at]
        elif default is not MISSING:
            column = repeat(default, count)
        else:
            raise TypeError(f"{cls.__name__}: no value for the field {name!r}")
        deque(starmap(put, zip(made, column, strict=True)), 0)
    return made


# For `records`: each field's slot setter and default, by class ([] when it is built by its
# `__init__`).
_SETTERS: dict[type, list[tuple[str, Callable[[object, object], None], Any]]] = {}


def _setters(cls: type) -> list[tuple[str, Callable[[object, object], None], Any]]:
    every = tuple(getattr(cls, "__dataclass_fields__", {}).values())
    new: Any = cls.__new__
    if hasattr(cls, "__post_init__") or new is not object.__new__:
        return []
    found = []
    for f in every:
        put = _slot(cls, f.name)
        if put is None or not f.init or f.default_factory is not MISSING:
            return []
        found.append((f.name, put, f.default))
    return found
