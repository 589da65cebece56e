"""The operation menu's list: an OptionList that counts its lines without drawing them.

OptionList finds each option's height by turning its prompt into a Textual visual
and wrapping it, every option (a hundred, in a long menu) to lay the list out and
again before painting it; and it works out its lines only when first painted: a new
virtual size, which made Textual lay the menu out and paint it again, a frame later.
Most of the menu's entries are a line of plain text narrower than the list: one line,
known from its width alone. The others (a long reason, which Textual wraps though the
entry's text asks not to be) are measured as OptionList measures them. The lines are
counted as the list is laid out, so the first frame has its scrollbar as it stays.
"""

from __future__ import annotations

from typing import Any, cast

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.css.styles import RulesMap
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option


class MenuList(OptionList):
    """Lines counted as the module's docstring says, and kept with the lines drawn while
    the list's width stays: OptionList throws both away at every Resize, the menu's
    first layout's too, which comes after the list has drawn them at that width."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._width: int | None = None  # the width the cached lines are worked out at

    def _height(self, option: Option, width: int) -> int:
        """How many lines `option` takes at `width`, as OptionList would find it."""
        prompt = option.prompt
        if isinstance(prompt, Text) and not option._divider:
            plain = prompt.plain
            if plain.isprintable() and cell_len(plain) <= width:
                return 1
        rules = cast(RulesMap, self.styles)  # as OptionList's own measure passes them
        return self._get_visual(option).get_height(rules, width) + option._divider

    def _count_lines(self) -> Size | None:
        """The list's lines at its width (OptionList's `_update_lines`, each option's
        height found by `_height`), None before it has one."""
        region = self.scrollable_content_region
        if not region:
            return None
        if region.width != self._width:
            self._width = region.width
            self._line_cache.clear()
            self._option_render_cache.clear()
        cache = self._line_cache
        lines = cache.lines
        width = region.width - self._get_left_gutter_width()
        start = lines[-1][0] + 1 if lines else 0
        if start < self.option_count:
            padding = self.get_component_styles("option-list--option").padding.width
            for index, option in enumerate(self.options[start:], start):
                cache.index_to_line[index] = len(lines)
                height = cache.heights[index] = self._height(option, width - padding)
                lines.extend((index, line) for line in range(height))
        last_divider = bool(self.options) and self.options[-1]._divider
        return Size(width, len(lines) - last_divider)

    def _update_lines(self) -> None:
        lines = self._count_lines()
        if lines is not None and lines != self.virtual_size:
            self.virtual_size = lines
            self._scroll_update(lines)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if any(option._divider for option in self.options):
            return super().get_content_height(container, viewport, width)
        padding = self.get_component_styles("option-list--option").padding.width
        return sum(self._height(option, width - padding) for option in self.options)

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size,
                      layout: bool = True) -> bool:
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        # The lines at the new width, while the menu is laid out: set as OptionList sets
        # them, when painting, they would ask for another layout.
        lines = self._count_lines()
        if lines is not None and lines != self.virtual_size:
            self.set_reactive(MenuList.virtual_size, lines)
            self._scroll_update(lines)
        return resized

    def on_resize(self, event: events.Resize) -> None:
        if self._width == self.scrollable_content_region.width:
            # Textual calls each class's own handler in turn: OptionList's, next,
            # would throw the lines away.
            event.prevent_default()
