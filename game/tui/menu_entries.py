"""The operation menu's entries and how a typed filter matches them: pure, no Textual.

`menu_items` gives the engine's choices as the menu's entries (`MenuItems`), each
worded when first read: a menu shows a hundred entries, and an air asset's has one
for every place and road (33,000 at 10,000 places). Only typing a filter reads
them all (`MenuItems.labels`, `prepare_all`); the menu's first order (`ranked` with
nothing typed) needs only how many words each label has, counted from its parts.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import overload

from game.engine.operations import OperationChoice
from game.engine.record import record
from game.engine.refusals import Refusal
from game.tui import narrate, wording

# The most entries a menu keeps for the next one (see `prepare_all`): an air asset's on
# a map of 10,000 places, not the hundreds of megabytes of 100,000 places'.
REMEMBERED_AT_MOST = 50_000


@record
class MenuItem:
    """One entry of the operation menu: legal, or greyed with the reason."""

    label: str  # e.g. "recon  Zawiya  (3.0 h)"
    legal: bool
    reason: str = ""


class MenuItems(Sequence[MenuItem]):
    """The engine's choices as the menu's entries, in the player's words, each worded when
    first read (each reason worded once: an air asset's thousands of targets share one or
    two). Equal to any sequence of the same entries."""

    def __init__(self, choices: Sequence[OperationChoice], names: Mapping[str, str]) -> None:
        self.choices = tuple(choices)
        self.names = names
        self._labels: list[str | None] = [None] * len(self.choices)
        self._reasons: dict[Refusal | None, str] = {}

    def __len__(self) -> int:
        return len(self.choices)

    @overload
    def __getitem__(self, index: int) -> MenuItem: ...

    @overload
    def __getitem__(self, index: slice) -> list[MenuItem]: ...

    def __getitem__(self, index: int | slice) -> MenuItem | list[MenuItem]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.choices)))]
        choice = self.choices[index]
        return MenuItem(self.label(index), bool(choice.legal), self.reason(choice.reason))

    def __iter__(self) -> Iterator[MenuItem]:
        return (self[index] for index in range(len(self.choices)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    __hash__ = None  # type: ignore[assignment]  # equal to lists, as a list is

    def label(self, index: int) -> str:
        label = self._labels[index]
        if label is None:
            label = self._labels[index] = narrate.choice_label(self.choices[index], self.names)
        return label

    def labels(self) -> list[str]:
        """Every entry's label (those not read yet worded now)."""
        return [self.label(index) for index in range(len(self.choices))]

    def reason(self, why: Refusal | None) -> str:
        worded = self._reasons.get(why)
        if worded is None:
            worded = self._reasons[why] = wording.reason(why, self.names)
        return worded

    def legal_flags(self) -> list[bool]:
        return [bool(choice.legal) for choice in self.choices]

    def word_counts(self) -> list[int]:
        """`len(words(label))` of each entry, without wording it. A label is its kind, its
        target's name, `(H.H h)` and an assault's odds, two spaces apart
        (`narrate.choice_label`): its words are theirs, the name's counted once a game
        (`_name_words`) and the rest's once for each kind, hours, odds and progress there
        are, two in an air asset's 33,000 entries (tests/test_tui_menu_large.py holds the
        counts to the labels')."""
        names = self.names
        per_name = _name_words(names, len(self.choices))
        per_rest: dict[tuple[object, ...], int] = {}
        counts: list[int] = []
        append = counts.append
        for choice in self.choices:
            rest = (choice.kind, choice.hours, choice.estimate, choice.sweep_done)
            count = per_rest.get(rest)
            if count is None:
                count = per_rest[rest] = _rest_words(choice)
            target = choice.target
            if target is not None:
                name = per_name.get(target)
                if name is None:
                    name = per_name[target] = len(words(names.get(target, target)))
                count += name
            append(count)
        return counts


def _rest_words(choice: OperationChoice) -> int:
    """The words of `choice`'s label but its target's name (`narrate.choice_label`)."""
    count = len(words(str(choice.kind))) + (2 if choice.hours else 0)  # "(2.0 h)"
    if choice.estimate is not None:
        count += len(words(narrate.odds_text(choice.estimate)))
    if choice.sweep_done is not None:
        count += len(words(wording.sweep_text(choice.sweep_done)))
    return count


# The words of the names of the last menu's game, counted so far (`_name_words`), the
# table of names they came from, and whether every name of it is counted.
_counted: tuple[Mapping[str, str] | None, dict[str, int], bool] = (None, {}, False)


def _name_words(names: Mapping[str, str], entries: int) -> dict[str, int]:
    """The words of each name of `names` counted so far this game, for `word_counts` to
    add to; a menu of `entries` for as many as a quarter of the names (an air asset's,
    which names every place and road) has all of them counted first, at once."""
    global _counted
    if _counted[0] is not names:
        _counted = (names, {}, False)
    counted, whole = _counted[1], _counted[2]
    if not whole and entries * 4 >= len(names):
        counted.update(zip(names, words_each(list(names.values())), strict=True))
        _counted = (names, counted, True)
    return counted


def words_each(texts: list[str]) -> list[int]:
    """`len(words(text))` of each text: the texts joined, split at their marks in one go
    and cut apart again, in a third of the time of a `words` a text (a text with a line
    break, which would cut it in two, takes that way)."""
    joined = "\n".join(texts)
    if not texts or joined.count("\n") != len(texts) - 1:
        return [len(words(text)) for text in texts]
    return list(map(len, map(str.split, _split_marks(joined).split("\n"))))


def menu_items(choices: Sequence[OperationChoice], names: Mapping[str, str]) -> MenuItems:
    """The engine's choices as the menu's entries (see `MenuItems`)."""
    return MenuItems(choices, names)


def forget() -> None:
    """Drop what the last menu left for the next (`MenuItems.word_counts`, `prepare_all`):
    the next menu is built as a player's first of the game is."""
    global _counted, _last_prepared
    _counted = (None, {}, False)
    _last_prepared = ("", {})


def words(text: str) -> list[str]:
    """A label or a query as lower-case words: dashes, underscores and brackets split."""
    return _split(text.lower())


def _split(text: str) -> list[str]:
    """Words split at whitespace and at - – — _ ( ) , (each replaced by a space: quicker
    than a pattern, for menus of tens of thousands of entries)."""
    return _split_marks(text).split()


def _split_marks(text: str) -> str:
    return (text.replace("-", " ").replace("–", " ").replace("—", " ").replace("_", " ")
            .replace("(", " ").replace(")", " ").replace(",", " "))


Prepared = tuple[str, list[str]]  # a label in lower case, and its words


def prepare(label: str) -> Prepared:
    """What matching a query against `label` reads, worked out once a label."""
    lowered = label.lower()
    return lowered, _split(lowered)


# The words of the last menu's labels, and whose menu it was: a menu opened again for the
# same unit (after a line is added, or closed and reopened) mostly lists the same entries,
# an air asset's tens of thousands.
_last_prepared: tuple[str, dict[str, Prepared]] = ("", {})


def prepare_all(labels: Sequence[str], owner: str) -> list[Prepared]:
    """`prepare` of each label of `owner`'s menu, those of its last menu found again."""
    global _last_prepared
    last, known = _last_prepared
    if last == owner and known:
        find = known.get
        prepared = [find(label) or prepare(label) for label in labels]
    else:
        prepared = [prepare(label) for label in labels]
    _last_prepared = (owner, dict(zip(labels, prepared, strict=True))
                      if len(labels) <= REMEMBERED_AT_MOST else {})
    return prepared


def match_rank(label: str, query: Sequence[str]) -> int | None:
    """How well `query`'s words match `label` (lower is better), or None when one does not:
    0 a word equal to one of the label's, 1 the start of one, 3 a part of one, 4 a part
    of the label without its dashes and spaces ('alqaim' for al-Qaim)."""
    return _rank(prepare(label), query)


def _rank(prepared: Prepared, query: Sequence[str]) -> int | None:
    lowered, tokens = prepared
    rank = 0
    for word in query:
        if word in tokens:
            continue
        if any(token.startswith(word) for token in tokens):
            rank += 1
        elif word in lowered:
            rank += 3
        elif word in "".join(tokens):
            rank += 4
        else:
            return None
    return rank


# Added to an impossible entry's word count: more words than any label has.
_IMPOSSIBLE = 1 << 40


def ranked(items: Sequence[MenuItem], query: str,
           prepared: Sequence[Prepared] | None = None) -> list[int]:
    """The indices of the items that match `query`, best first (ties: the engine's order).
    `prepared`: each item's `prepare(label)`, if the caller keeps them."""
    wanted = words(query)
    legal = (items.legal_flags() if isinstance(items, MenuItems)
             else [item.legal for item in items])
    # Equal matches: what can be added before what cannot (the highlight starts on
    # the first legal entry, so it is the first row the player reads), then the
    # shorter label ("clear al-Rayhana" before "clear Saqra–al-Rayhana road"), then
    # the engine's order (the sort keeps it).
    if not wanted:  # everything matches, equally: a bucket a key, in the engine's order
        if isinstance(items, MenuItems) and prepared is None:  # counted, not worded
            counts = items.word_counts()
        else:
            if prepared is None:
                prepared = [prepare(item.label) for item in items]
            counts = [len(tokens) for _, tokens in prepared]
        # (not possible, words) as one number, sorted in C, stable.
        keys = [count if possible else count + _IMPOSSIBLE
                for possible, count in zip(legal, counts, strict=True)]
        return sorted(range(len(keys)), key=keys.__getitem__)
    if prepared is None:
        labels = items.labels() if isinstance(items, MenuItems) else [i.label for i in items]
        prepared = [prepare(label) for label in labels]
    scored = []
    for index, ready in enumerate(prepared):
        rank = _rank(ready, wanted)
        if rank is not None:
            scored.append((rank, not legal[index], len(ready[1]), index))
    return [index for _, _, _, index in sorted(scored)]
