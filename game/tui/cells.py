"""Text measured in terminal cells, as the terminal shows it: a character of a name in wide
characters (CJK, emoji) takes two cells, a combining accent none. `wrap` is `textwrap.wrap`
so measured (and textwrap itself for ASCII, the usual case)."""

from __future__ import annotations

import textwrap

from rich.cells import cell_len, chop_cells


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """`text` wrapped to `width` cells, each line after the first starting with `indent`."""
    if text.isascii():
        return textwrap.wrap(text, width, subsequent_indent=indent) or [""]
    rows: list[str] = []
    row, fresh = text[: len(text) - len(text.lstrip())], True  # fresh: only its indent
    for word in text.split():
        while word:
            room = width - cell_len(row) - (0 if fresh else 1)
            if cell_len(word) <= room:
                row, fresh, word = row + ("" if fresh else " ") + word, False, ""
            elif not fresh:
                rows.append(row)
                row, fresh = indent, True
            else:  # a word longer than a row is cut
                head = chop_cells(word, max(room, 1))[0] or word[0]
                rows.append(row + head)
                row, word = indent, word[len(head):]
    if not fresh:
        rows.append(row)
    return rows or [""]
