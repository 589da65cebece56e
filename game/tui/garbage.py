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
these keep that so for the rest of the session. `hold_off` keeps the collector off
from a key to the first frame it opens (`let_go`): an air asset's menu builds its
33,000 entries, then the menu's screen; the young generation's passes over the
entries were a fifth of the time to the menu's frame, and are made after it.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.message_pump import MessagePump


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


# Whether `hold_off` holds the collector off (it was on): `let_go` turns it on again.
_held = False


def hold_off(pump: MessagePump) -> None:
    """The collector off until `let_go`, or a second from now at the latest (`pump`'s
    timer): a key that opens no screen after all, or one that fails."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True
        pump.set_timer(1.0, let_go)


def let_go() -> None:
    """The collector on again if `hold_off` held it off (a screen's first frame)."""
    global _held
    if _held:
        _held = False
        gc.enable()
