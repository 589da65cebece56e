"""A modal screen that opens in one frame.

Textual lays a new screen out and paints it when it resumes (`ScreenResume`). Then,
a frame (1/60 s of the screen's update timer) or more apart, come what that layout
already did: the layout the app asks for once the screen is mounted (`AwaitMount`,
a few turns of the event loop after), the layouts and repaints each widget asked for
while being mounted and laid out (first sizes, first virtual sizes), the repaint
Screen asks for after its layout, the first layout's own Resize, and the screens
under it painting themselves again once covered (which has it paint them again). Each
changes nothing on the screen; on an operation menu of 10,000 places, the three
frames they made were a third of the time from the key to the menu's last frame.

`OneFrameModal` lets the app's request in before its first layout, has the screens
under it do what they are yet to, and after it drops what was asked before it: the
flags set and the messages sent (`Layout`, `Update`) before that layout and its
paint, which laid out and painted everything. What is asked after it is done as ever.
"""

from __future__ import annotations

import asyncio
from typing import TypeVar

from textual import events, messages
from textual._time import get_time
from textual.screen import ModalScreen

from game.tui import garbage

ResultType = TypeVar("ResultType")

# Turns of the event loop the screen waits before its first layout: the app's wait for
# the screen to be mounted takes two to ask for a layout of it (its task wakes, then the
# wait).
MOUNT_TURNS = 4


class OneFrameModal(ModalScreen[ResultType]):
    """A modal screen laid out and painted once when it opens (see the module's
    docstring)."""

    _painted_at: float | None = None  # when the first layout was painted
    _resized = False  # whether the screen has had a Resize yet

    async def on_screen_resume(self, event: events.ScreenResume) -> None:
        if self._painted_at is not None or self.outer_size == self.app.size:
            return  # Screen's own handler follows (Textual calls each class's in turn)
        # The layout is this handler's, not the update timer's meanwhile: the frame's
        # time is when it was painted, after all that was asked before (see below).
        self._update_timer.pause()
        for _ in range(MOUNT_TURNS):
            await asyncio.sleep(0)
        under = self.app._background_screens
        for screen in under:
            # What the screens under this one are yet to lay out and paint (the key bar
            # under a menu, say), done now, for this screen's first frame to show it.
            screen._on_timer_update()
        event.prevent_default()
        super()._on_screen_resume(event)  # lays the screen out and paints it
        if not self._compositor.full_map:
            return  # not attached: neither laid out nor painted
        self._painted_at = get_time()
        garbage.let_go()  # the collector held off from the key that opened it
        for widget in self._compositor.full_map:  # the screen, its widgets and scrollbars
            widget._layout_required = widget._repaint_required = False
        for screen in under:
            if not screen._layout_required:
                # Painted into this frame as they are: their own paint, due a frame
                # later, would have this screen paint them again.
                screen._repaint_required = False
                screen._dirty_widgets.clear()
                screen._compositor._dirty_regions.clear()

    async def _on_layout(self, message: messages.Layout) -> None:
        self._drop_if_done(message)

    async def _on_update(self, message: messages.Update) -> None:
        self._drop_if_done(message)

    def _drop_if_done(self, message: messages.Layout | messages.Update) -> None:
        """A layout or repaint asked for before the first frame, which did it: Screen's
        handler, next, would do it again."""
        if self._painted_at is not None and message.time <= self._painted_at:
            message.stop()
            message.prevent_default()

    async def _on_resize(self, event: events.Resize) -> None:
        """The first layout's own Resize (the screen laid out at the terminal's size, over
        screens laid out at it) changes nothing: Screen would lay this screen and those
        under it out again, and paint them, a frame after the first. Any other Resize (the
        terminal's) goes on to Screen's handler."""
        first, self._resized = not self._resized, True
        size = self.app.size
        if first and event.size == self.size == size and all(
                screen.size == size for screen in self.app._background_screens):
            event.prevent_default()
            event.stop()
