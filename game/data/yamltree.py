"""YAML text to a small tree of nodes that keep their line and column, safely.

PyYAML's own composer is recursive (a document nested a hundred thousand levels
deep crashes the C one), expands nothing but lets a walker expand aliases
without limit (the "billion laughs"), and accepts any tag. So this module
builds the tree itself from the parser's event stream, with the C parser when
libyaml is present: nesting depth and the number of values are bounded, every
alias adds the nodes and the characters of what it points to and both totals
are bounded (aliases multiply bytes as well as nodes: one alias of a 4 MB value
is 4 MB more for every check to read), an alias to a collection that is
still open (a recursive alias) is refused, and no tag is allowed, not even a
standard one (`!!str 5`). Scalars keep their raw text and whether they were quoted, so the
validator can catch YAML 1.1's surprises (`NO` read as false, `1.10` as 1.1,
`12:30` as 750).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, ClassVar

from game.data.limits import MAX_ALIAS_CHARS as MAX_ALIAS_CHARS
from game.data.limits import MAX_ALIAS_NODES as MAX_ALIAS_NODES
from game.data.limits import MAX_DEPTH as MAX_DEPTH
from game.data.limits import MAX_NODES as MAX_NODES
from game.data.problems import Problem, ScenarioError
from game.data.yamllib import Resolver, yaml

NESTING_REFUSED = f"nesting deeper than {MAX_DEPTH} levels: not a scenario file"

YAML_TAG = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp")
)
SEQ, MAP, MERGE = YAML_TAG + "seq", YAML_TAG + "map", YAML_TAG + "merge"

_ParserLoader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_cyaml: Any
try:
    from yaml import _yaml as _cyaml
except ImportError:  # no libyaml
    _cyaml = None
WITH_LIBYAML: bool = _ParserLoader is not yaml.SafeLoader
_resolver: Any = Resolver()  # untyped in types-PyYAML
# The plain numbers of a scenario's coordinates, populations and lengths: YAML 1.1 reads
# the first as a float and the second as an int, as its resolver says (which takes a
# microsecond to say it, and most coordinates are written once).
_PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+\.[0-9]+|[1-9][0-9]*|0)")


class Node:
    """A scalar (value: str), a sequence (value: list of Node) or a mapping
    (value: its keys and values in turn, [key, value, key, value, ...], duplicates
    kept: see `pairs`). Lines and columns from 1.

    One of the subclasses below: `kind` and `plain` are theirs, so that each of the
    millions of nodes of a large scenario holds four fields only."""

    __slots__ = ("col", "line", "tag", "value")
    kind: ClassVar[str] = ""  # "scalar", "seq" or "map"
    plain: ClassVar[bool] = False  # a plain (unquoted) scalar, resolved by YAML 1.1's rules

    def __init__(self, tag: str, value: Any, line: int, col: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.col = col

    def __repr__(self) -> str:
        return f"Node({self.kind}, {self.tag}, line {self.line})"


class Scalar(Node):
    __slots__ = ()
    kind = "scalar"


class PlainScalar(Scalar):
    __slots__ = ()
    plain = True


class Sequence(Node):
    __slots__ = ()
    kind = "seq"


class Mapping(Node):
    """A mapping's keys that are plain text (nearly all) are kept in `value` as the text
    itself, not as a node: `marks` holds the line and column of each of them in turn
    ([line, col, line, col, ...]), and `pairs` makes their nodes when asked."""

    __slots__ = ("marks",)
    kind = "map"

    def __init__(self, tag: str, value: Any, line: int, col: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.col = col
        self.marks: list[int] = []


def pairs(node: Node) -> list[tuple[Node, Node]]:
    """A mapping's (key, value) pairs, in order, each key a node (see `Mapping`)."""
    assert isinstance(node, Mapping)
    items: list[Any] = node.value
    marks = node.marks
    found: list[tuple[Node, Node]] = []
    at = 0
    for key, value in zip(items[0::2], items[1::2], strict=True):
        if type(key) is str:
            key = PlainScalar(STR, key, marks[at], marks[at + 1])
            at += 2
        found.append((key, value))
    return found


def _measure(node: Node, known: dict[int, tuple[int, int]]) -> tuple[int, int]:
    """(nodes, characters of scalars) in a complete subtree, aliases expanded, each
    collection walked once whatever the aliases (`known` keeps the counts of those walked).
    A mapping's key kept as text counts as the scalar it was."""
    if node.kind == "scalar":
        return 1, len(node.value)
    stack: list[tuple[Node, bool]] = [(node, False)]
    while stack:
        current, children_done = stack.pop()
        if id(current) in known:
            continue
        children = current.value
        if not children_done:
            stack.append((current, True))
            stack.extend((child, False) for child in children
                         if type(child) is not str and child.kind != "scalar"
                         and id(child) not in known)
            continue
        size, chars = 1, 0
        for child in children:
            if type(child) is str:
                size += 1
                chars += len(child)
            elif child.kind == "scalar":
                size += 1
                chars += len(child.value)
            else:
                more, text = known[id(child)]
                size += more
                chars += text
        known[id(current)] = (size, chars)
    return known[id(node)]


def show_tag(tag: str) -> str:
    return "!!" + tag[len(YAML_TAG) :] if tag.startswith(YAML_TAG) else tag


def compose(text: str, filename: str) -> Node | None:
    """The tree of a one-document YAML text (None for an empty document).

    Raises `ScenarioError` with one problem for a syntax error or hostile input.
    """
    try:
        return _compose(text, filename)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = exc.problem or exc.context or "invalid YAML"
        if "nesting depth" in what:
            # Newer PyYAML refuses deep flow nesting while scanning ahead, before
            # the depth check below sees the events: the same refusal, in our words.
            raise _refuse(filename, line, col, NESTING_REFUSED) from None
        if exc.context and exc.problem:
            context = exc.context
            start = exc.context_mark
            if start is not None and mark is not None and start.line != mark.line:
                context += f" that starts at line {start.line + 1}, column {start.column + 1}"
            what = f"{exc.problem} ({context})"
        raise _refuse(filename, line, col, f"YAML syntax error: {what}") from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character or "?")
        raise _refuse(filename, line, col,
                      f"unreadable text: character 0x{code:02x} is not allowed in YAML") from None
    except yaml.YAMLError as exc:
        detail = str(exc).splitlines()[0] if str(exc) else "invalid YAML"
        raise _refuse(filename, 1, 1, f"YAML syntax error: {detail}") from None


def _line_col(text: str, position: int) -> tuple[int, int]:
    if not 0 <= position <= len(text):
        return 1, 1
    line = text.count("\n", 0, position) + 1
    return line, position - (text.rfind("\n", 0, position) + 1) + 1


def _refuse(filename: str, line: int, col: int, message: str) -> ScenarioError:
    return ScenarioError([Problem(filename, line, col, "", message)])


def _compose(text: str, filename: str) -> Node | None:
    parser: Any = _ParserLoader(text)
    try:
        return _build(parser, filename)
    finally:
        parser.dispose()


_TAKEN: Any = object()  # what `_build`'s handlers give the parser for an event they took


class _LeanEvents:
    """Has libyaml's parser hand scalars and the starts and ends of collections to
    `_build`'s own functions, instead of making PyYAML's event objects (which cost a third
    of the parse: it builds an event by calling the class it finds in its module), while
    held. A lock: one parse at a time may hold it."""

    def __init__(self) -> None:
        self.lock = threading.Lock()

    @contextmanager
    def taking(self, lean: dict[str, Any]) -> Iterator[None]:
        assert _cyaml is not None
        names = vars(_cyaml)
        with self.lock:
            saved = {name: names[name] for name in lean}
            names.update(lean)
            try:
                yield
            finally:
                names.update(saved)


_LEAN_EVENTS = _LeanEvents()


def _build(parser: Any, filename: str) -> Node | None:
    holder = Sequence(SEQ, [], 0, 0)  # the document goes in here
    stack: list[Any] = [holder]  # the open collections
    anchors: dict[str, Node] = {}
    documents = 0
    nodes = 0
    alias_nodes = 0
    alias_chars = 0
    # Plain scalars repeat ("gov", "road", "12"): each resolved once. Most start with a
    # character no YAML 1.1 resolver claims ("p12", "Haditha"): text, with no lookup.
    plain_tags: dict[str, str] = {}
    claimed = frozenset(_resolver.yaml_implicit_resolvers)
    keys: dict[str, str] = {}  # mapping keys, one string each however often they repeat
    measured: dict[int, tuple[int, int]] = {}  # the sizes of the subtrees aliases point to
    last_line, line = -1, 0
    items: list[Any] = holder.value  # the children of the open collection
    in_map = False  # whether that collection is a mapping (its even children are keys)
    marks: list[int] = []  # that mapping's marks (see `Mapping`)
    new_node = object.__new__

    # The handlers of the events that make nearly all of a file, called by the parser in
    # place of PyYAML's event classes (or by `_hand` for the events PyYAML makes itself).

    def scalar(anchor: str | None, tag: str | None, implicit: tuple[bool, bool], value: str,
               start: Any, end: Any, style: str | None) -> Any:
        nonlocal nodes, last_line, line
        if tag is None or tag == "!":
            if not implicit[0] or (value and value[0] not in claimed):
                tag = STR
            else:
                tag = plain_tags.get(value)
                if tag is None:
                    if _PLAIN_NUMBER.fullmatch(value):
                        tag = FLOAT if "." in value else INT
                    else:
                        tag = _resolver.resolve(yaml.ScalarNode, value, (True, False))
                    if len(plain_tags) < 100_000:
                        plain_tags[value] = tag
        else:  # even a standard one (!!str 5): the docs promise plain values, no tags
            raise _bad_tag(filename, start, tag)
        nodes += 1
        if nodes > MAX_NODES:
            raise _too_many(filename, start)
        if start.line != last_line:  # a key and its value share one line number
            last_line = start.line
            line = last_line + 1
        # style: None from the Python parser, "" from libyaml, for plain scalars
        if in_map and not len(items) % 2 and not style and anchor is None and tag == STR:
            # A key of plain text: the text itself, its place in the mapping's marks.
            items.append(keys.setdefault(value, value))
            marks.append(line)
            marks.append(start.column + 1)
            return _TAKEN
        # Node's __init__ written out (no call of it): 150,000 values at 10,000 places.
        node = new_node(Scalar if style else PlainScalar)
        node.tag = tag
        node.value = value
        node.line = line
        node.col = start.column + 1
        if anchor is not None:
            anchors[anchor] = node
        items.append(node)
        return _TAKEN

    def opened(node: Node, anchor: str | None, tag: str | None, mark: Any) -> None:
        nonlocal nodes, items
        if tag is not None and tag != "!":
            raise _bad_tag(filename, mark, tag)
        if len(stack) > MAX_DEPTH:
            raise _refuse(filename, mark.line + 1, mark.column + 1, NESTING_REFUSED)
        if anchor is not None:
            anchors[anchor] = node
        items.append(node)
        stack.append(node)
        items = node.value
        nodes += 1
        if nodes > MAX_NODES:
            raise _too_many(filename, mark)

    def mapping(anchor: str | None, tag: str | None, implicit: bool, start: Any, end: Any,
                flow_style: bool | None) -> Any:
        nonlocal in_map, marks
        node = Mapping(MAP, [], start.line + 1, start.column + 1)
        opened(node, anchor, tag, start)
        in_map = True
        marks = node.marks
        return _TAKEN

    def sequence(anchor: str | None, tag: str | None, implicit: bool, start: Any, end: Any,
                 flow_style: bool | None) -> Any:
        nonlocal in_map
        opened(Sequence(SEQ, [], start.line + 1, start.column + 1), anchor, tag, start)
        in_map = False
        return _TAKEN

    def closed(start: Any, end: Any) -> Any:
        nonlocal items, in_map, marks
        stack.pop()
        outer = stack[-1]
        items = outer.value
        in_map = outer.kind == "map"
        if in_map:
            marks = outer.marks
        return _TAKEN

    lean = {"ScalarEvent": scalar, "MappingStartEvent": mapping,
            "SequenceStartEvent": sequence, "MappingEndEvent": closed,
            "SequenceEndEvent": closed}
    taking: AbstractContextManager[None] = nullcontext()
    if _cyaml is not None and isinstance(parser, _cyaml.CParser):
        taking = _LEAN_EVENTS.taking(lean)
    handlers = {getattr(yaml, name): handler for name, handler in lean.items()}
    next_event = parser.get_event
    alias_event = yaml.AliasEvent
    with taking:
        while True:
            event = next_event()
            if event is _TAKEN:
                continue
            etype = type(event)
            if etype in handlers:  # the Python parser's (or a PyYAML that made its own)
                _hand(event, handlers[etype])
            elif etype is alias_event:
                mark = event.start_mark
                target = anchors.get(event.anchor) if event.anchor is not None else None
                if target is None:
                    raise _refuse(
                        filename, mark.line + 1, mark.column + 1,
                        f"alias *{event.anchor} refers to no anchor defined before it",
                    )
                if any(open_node is target for open_node in stack):
                    raise _refuse(
                        filename, mark.line + 1, mark.column + 1,
                        f"recursive alias *{event.anchor}: an anchor cannot contain itself",
                    )
                size, chars = _measure(target, measured)
                alias_nodes += size
                alias_chars += chars
                if alias_nodes > MAX_ALIAS_NODES:
                    raise _refuse(
                        filename, mark.line + 1, mark.column + 1,
                        f"aliases expand to more than {MAX_ALIAS_NODES} nodes: refused",
                    )
                if alias_chars > MAX_ALIAS_CHARS:
                    raise _refuse(
                        filename, mark.line + 1, mark.column + 1,
                        f"aliases expand to more than {MAX_ALIAS_CHARS} characters: refused",
                    )
                items.append(target)
            elif etype is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    raise _refuse(
                        filename, mark.line + 1, mark.column + 1,
                        "a second YAML document: a scenario file holds exactly one",
                    )
            elif etype is yaml.StreamEndEvent:
                break
    return holder.value[0] if holder.value else None


def _hand(event: Any, handler: Any) -> None:
    """An event PyYAML made, handed to `_build`'s handler of its kind as libyaml's parser
    hands it the event's parts."""
    if type(event) is yaml.ScalarEvent:
        handler(event.anchor, event.tag, event.implicit, event.value,
                event.start_mark, event.end_mark, event.style)
    elif type(event) in (yaml.MappingStartEvent, yaml.SequenceStartEvent):
        handler(event.anchor, event.tag, event.implicit, event.start_mark,
                event.end_mark, event.flow_style)
    else:
        handler(event.start_mark, event.end_mark)


def _too_many(filename: str, mark: Any) -> ScenarioError:
    return _refuse(filename, mark.line + 1, mark.column + 1,
                   f"more than {MAX_NODES} values: too many for a scenario file")


def _bad_tag(filename: str, mark: Any, tag: str) -> ScenarioError:
    return _refuse(
        filename, mark.line + 1, mark.column + 1,
        f"tag {show_tag(tag)} is not allowed: scenario files use plain YAML values",
    )
