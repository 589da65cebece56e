"""Text measured in terminal cells, as the terminal shows it: a character of a name in wide
characters (CJK, emoji) takes two cells, a combining accent none. `wrap` is `textwrap.wrap`
so measured (and textwrap itself for ASCII, the usual case)."""

from __future__ import annotations

import re
import textwrap

from rich.cells import cell_len, chop_cells

_WORDS = re.compile(r"(\s*)(\S+)")


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """`text` wrapped to `width` cells, each line after the first starting with `indent`."""
    if text.isascii():
        return textwrap.wrap(text, width, subsequent_indent=indent) or [""]
    rows: list[str] = []
    row, fresh = "", True  # fresh: the row holds its indent only
    for gap, word in _WORDS.findall(text):
        # The spaces between words kept as written ("night  The", as textwrap keeps
        # them), the text's own leading ones too; none at the start of a wrapped row.
        sep = "" if fresh and rows else " " * len(gap)
        while word:
            room = width - cell_len(row) - cell_len(sep)
            if cell_len(word) <= room:
                row, fresh, word = row + sep + word, False, ""
            elif not fresh:
                rows.append(row)
                row, fresh, sep = indent, True, ""
            else:  # a word longer than a row is cut
                head = chop_cells(word, max(room, 1))[0] or word[0]
                rows.append(row + sep + head)
                row, word, sep = indent, word[len(head):], ""
    if not fresh:
        rows.append(row)
    return rows or [""]
