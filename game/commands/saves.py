"""`anbar saves`: list the saves of the save folder, newest first.

One line a save: name, scenario, day, outcome, when it was saved (UTC). A file
that cannot be read is listed with the reason instead. "no saves in DIR" when
there are none (the folder named in full, and said to be missing when it is);
listing never creates the folder.
"""

from __future__ import annotations

import argparse

from game.data.saves import list_saves, saves_dir


def run(args: argparse.Namespace) -> int:
    folder = saves_dir(getattr(args, "saves_dir", None))
    infos = list_saves(folder)
    if not infos:
        where = folder.resolve()
        if folder.is_dir():
            print(f"no saves in {where}")
        else:
            print(f"no saves yet: the save folder {where} does not exist (the first save "
                  "makes it; --saves-dir DIR or $ANBAR_SAVES_DIR choose another)")
        return 0
    rows = [(info.name, info.scenario_id, str(info.day), info.outcome or "in progress",
             info.saved_at) for info in infos if info.error is None]
    name_width = max(len("NAME"), *(len(info.name) for info in infos))
    scenario_width = max(len("SCENARIO"), *(len(row[1]) for row in rows)) if rows else 8
    header = ("NAME", "SCENARIO", "DAY", "OUTCOME", "SAVED (UTC)")
    for name, scenario, day, outcome, saved_at in (header, *rows):
        print(f"{name:<{name_width}}  {scenario:<{scenario_width}}  {day:>3}  {outcome:<11}  "
              f"{saved_at}".rstrip())
    for info in infos:
        if info.error is not None:
            print(f"{info.name:<{name_width}}  unreadable: {info.error}")
    return 0
