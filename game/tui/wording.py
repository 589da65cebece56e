"""Small rules of English for the game's lines: counts, verbs that agree with a unit's
name, possessives, and the engine's reasons put in the player's words.

Unit names are the scenario's: "1st Brigade, 7th Division" takes "holds",
"Haditha tribal fighters" and "Anbar provincial police" take "hold". The
refusals come from the engine as data; `reason` words them with names.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # an annotation only: the refusals' table is imported when first used
    from game.engine.refusals import Refusal

# Nouns the game counts, with irregular plurals; others take an "s".
_PLURALS = {"casualty": "casualties", "sortie": "sorties", "this": "these"}
# Last words of a unit's name that make it plural although they do not end in "s".
_PLURAL_WORDS = frozenset({"police", "militia", "people", "personnel", "staff"})
# Last words ending in "s" that are still one thing.
_SINGULAR_S = frozenset({"corps", "headquarters", "news"})


# The engine's names of rule families and causes of loss (`anbar simulate --without`,
# the engine's SWITCHES and Cause) that the player reads otherwise.
_FAMILY_WORDS = {"traps": "booby-traps", "vbieds": "car bombs"}


def family_word(name: str) -> str:
    """An engine's rule family or cause of loss in the player's words: `car bombs`."""
    return _FAMILY_WORDS.get(name, name)


def rules_off(without: Sequence[str]) -> str:
    """`without booby-traps and car bombs`: the rules a game was played without ("" when
    it was played with them all)."""
    words = [family_word(name) for name in without]
    if not words:
        return ""
    listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
    return f"without {listed}"


def figure_name(field: str) -> str:
    """A day record's field in words: `lost_to_vbieds` reads `Lost to car bombs`."""
    return field.replace("vbieds", "car bombs").replace("_", " ").capitalize()


def count(number: int, word: str) -> str:
    """`1 casualty`, `3 casualties`, `0 car bombs`: the word agrees with the number."""
    return f"{number} {word if number == 1 else plural(word)}"


def plural(word: str) -> str:
    head, _, last = word.rpartition(" ")
    many = _PLURALS.get(last, last + "s")
    return f"{head} {many}" if head else many


def is_plural_name(name: str) -> bool:
    """Whether a unit's name takes a plural verb: `Coalition advisers hold`."""
    last = name.rstrip(" .").split(" ")[-1].lower() if name.strip() else ""
    if last in _PLURAL_WORDS:
        return True
    if last in _SINGULAR_S:
        return False
    return last.endswith("s") and not last.endswith("ss")


def verb(name: str, singular: str, plural_form: str) -> str:
    """`name holds` or `name hold`, as the name asks."""
    return f"{name} {plural_form if is_plural_name(name) else singular}"


def possessive(name: str) -> str:
    """`the brigade's`, `the engineers'`."""
    return f"{name}'" if name.endswith("s") else f"{name}'s"


def opening(name: str, size: int) -> str:
    """What is said while a large file of `size` bytes opens: `opening big.yaml (24 MB)...`
    (on the command line's terminal and in the game)."""
    return f"opening {name} ({size / 1e6:.0f} MB)..."


def sentence(text: str) -> str:
    """The first letter in capitals, a full stop at the end (once)."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?:" else text + "."


def reason(why: Refusal | str | None, names: Mapping[str, str]) -> str:
    """An engine's refusal in the player's words: names for ids, and `the engineers' day`
    rather than `the engineers's day`."""
    if why is None:
        return ""
    from game.tui.narrate import refusal  # narrate imports this module

    text = why if isinstance(why, str) else refusal(why, names)
    return re.sub(r"(\w)s's\b", r"\1s'", text)


def work_text(op: Any, line: Any) -> str:
    """What a line does to the supply, a bridge or a long sweep, e.g. `draws 3 loads`,
    `brings 4 loads`, `bridge 16 of 20 h done`, `sweep 12 of 18.5 h of a level`; empty
    for other lines."""
    done = getattr(line, "bridge_done", None)
    if done is not None:
        return f"bridge {done[0]:g} of {done[1]:g} h done" + (
            ": open" if done[0] >= done[1] - 1e-9 else "")
    swept = getattr(line, "sweep_done", None)
    if swept is not None:
        return sweep_text(swept)
    loads = int(getattr(line, "loads", 0) or 0)
    if loads <= 0 or getattr(line, "error", None) is not None:
        return ""
    verb = "brings" if str(op.kind) == "convoy" else "draws"
    return f"{verb} {count(loads, 'load')}"


def sweep_text(done: tuple[float, float]) -> str:
    """A long sweep's progress toward a trap level, e.g. `sweep 12 of 18.5 h of a level`."""
    return f"sweep {round(done[0], 1):g} of {round(done[1], 1):g} h of a level"
