"""Keeping Python's cycle collector off the game's long-lived records.

A game's records (its map, each day's state and events) live as long as the game
and hold no cycles to free. Left to the collector, they pile up in its oldest
generation, and each full collection walks all of them: on a map of 10,000
places, a pause of 100 to 300 ms once a day, during whatever key the player
pressed then; about ten times that at 100,000 places. So what lasts is frozen
(`gc.freeze`), and the collector walks only what is young:

- `kept_after_day()`, once a day is played and shown: a collection of what is not
  frozen frees what the day threw away in cycles (a closed menu, say), then
  everything alive is frozen, the day's records with it. What dies after it was
  frozen is freed as ever, by its count of references, unless it dies in a
  cycle (a screen's widgets): such stays until the game is replaced.
- `renewed()`, when a game takes another's place (a new game, a save loaded, a
  replay opened, a game continued from one): everything is thawed and collected
  once, which frees the game before and what freezing kept of its garbage, and
  frozen again. One full pass, while the player waits for the new screen anyway.

`anbar play` freezes what start-up built after the first frame (`EuphratesApp`);
these keep that so for the rest of the session.
"""

from __future__ import annotations

import gc


def kept_after_day() -> None:
    """A day's records, and all else alive, out of the collector's way (see above)."""
    if gc.isenabled():  # not inside a block that holds collection off
        # A full collection, but of what is not frozen: the day's, a few tens of ms at
        # 10,000 places. What died since the last freeze is freed, not frozen.
        gc.collect()
        gc.freeze()


def renewed() -> None:
    """One full collection, the game before freed with its garbage; the rest frozen."""
    if gc.isenabled():
        gc.unfreeze()
        gc.collect()
        gc.freeze()
