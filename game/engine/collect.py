"""Holding Python's cycle collector off while large results are built.

The engine builds many frozen records that all outlive the call that builds them
(a day's events and states, an air asset's choices on a large map, a new game's
tables): the collector's passes over them find nothing to free and, as they pile
up, cost more the more there are, which made those calls grow faster than the map.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """No garbage collection inside the block (an air asset's choices on a map of
    100,000 places are 300,000 records that all outlive the call); as it was after."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
