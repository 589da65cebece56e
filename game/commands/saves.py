"""`anbar saves`: list the saves of the save folder, newest first.

One line a save: name, scenario, day, outcome, when it was saved (UTC). A file
that cannot be read, or a save made under other rules, is listed after them
with the reason instead. "no saves in DIR" when there are none (the folder named
in full, and said to be missing when it is); listing never creates the folder. A
--saves-dir that names a file (or a link that leads nowhere) is an error: exit 1.
Every name and text is printed as one harmless line, whatever the file holds
(`game.data.problems.printable`).
"""

from __future__ import annotations

import argparse
import os
import sys

from game.data.problems import printable
from game.data.saves import SaveError, list_saves, saves_dir
from game.tui.wording import rules_off

_WIDEST = 40  # a column is as wide as its widest entry, up to this


def _cell(text: str) -> str:
    shown = printable(text)
    return shown if len(shown) <= _WIDEST else shown[: _WIDEST - 3] + "..."


def run(args: argparse.Namespace) -> int:
    folder = saves_dir(getattr(args, "saves_dir", None))
    if os.path.lexists(folder) and not folder.is_dir():  # a file, or a link to nowhere
        try:
            os.stat(folder)
            why = "not a folder"
        except OSError as error:
            why = f"cannot open: {error.strerror or error}"
        print(printable(f"anbar saves: {os.path.abspath(folder)}: {why} (--saves-dir DIR or "
                        "$ANBAR_SAVES_DIR name the save folder)"), file=sys.stderr)
        return 1
    try:
        infos = list_saves(folder)
    except SaveError as error:
        print(f"anbar saves: {error}", file=sys.stderr)
        return 1
    if not infos:
        where = folder.resolve()
        if folder.is_dir():
            print(printable(f"no saves in {where}"))
        else:
            print(printable(f"no saves yet: the save folder {where} does not exist (the first "
                            "save makes it; --saves-dir DIR or $ANBAR_SAVES_DIR choose another)"))
        return 0
    rows = [(_cell(info.name), _cell(info.scenario_id), str(info.day),
             info.outcome or "in progress", _cell(info.saved_at), rules_off(info.without))
            for info in infos if info.loadable]
    names = [_cell(info.name) for info in infos]
    name_width = max(len("NAME"), *(len(name) for name in names))
    scenario_width = max(len("SCENARIO"), *(len(row[1]) for row in rows)) if rows else 8
    header = ("NAME", "SCENARIO", "DAY", "OUTCOME", "SAVED (UTC)", "")
    # A game played without a family of rules (`simulate --without`) says so last.
    for name, scenario, day, outcome, saved_at, off in (header, *rows):
        print(f"{name:<{name_width}}  {scenario:<{scenario_width}}  {day:>3}  {outcome:<11}  "
              f"{saved_at:<20}  {off}".rstrip())
    for info, name in zip(infos, names, strict=True):
        if info.error is not None:
            print(printable(f"{name:<{name_width}}  unreadable: {info.error}"))
        elif info.refused is not None:
            print(printable(f"{name:<{name_width}}  cannot load: {info.refused}"))
    return 0
