"""A scenario file's text, read within its limits, or one clear problem saying why not.

Apart from `game.data.scenario` (which checks the text) so that reading a file
does not load the YAML parser: a scenario already checked comes from the cache.
When it must be loaded, `prepare_yaml_import` first makes its import cheaper.
"""

from __future__ import annotations

import re
import sys
from codecs import BOM_UTF8, BOM_UTF16_BE, BOM_UTF16_LE, BOM_UTF32_BE, BOM_UTF32_LE
from pathlib import Path

from game.data.files import Unreadable, read_regular
from game.data.limits import MAX_FILE_BYTES as MAX_FILE_BYTES
from game.data.problems import Problem, ScenarioError


def read_text(path: str | Path) -> str:
    """The file's text, or `ScenarioError` with one line saying why not."""
    name = str(path)
    try:
        data = read_regular(path, MAX_FILE_BYTES)
    except Unreadable as refused:
        message = {
            "missing": "no such file",
            "folder": "is a directory, not a scenario file",
            "special": "not a regular file",
            "large": too_large(),
        }.get(refused.why, f"cannot read: {refused.detail}")
        raise one_problem(name, 0, message) from None
    text = _wide_text(name, data)
    if text is None:
        nul = data.find(b"\x00")
        if nul >= 0:
            line, col = _position(data, nul)
            raise one_problem(name, line, "a binary file (NUL byte), not YAML text", col)
        try:
            # As the "utf-8-sig" codec decodes (one leading byte order mark dropped, the
            # rest UTF-8), without importing and looking up that codec at every start.
            text = (data[len(BOM_UTF8):] if data.startswith(BOM_UTF8) else data).decode("utf-8")
        except UnicodeDecodeError as exc:
            line, col = _position(data, exc.start)
            message = f"not UTF-8 text (byte 0x{data[exc.start]:02x})"
            raise one_problem(name, line, message, col) from None
    if not text.strip():
        raise one_problem(name, 1, "empty file: no YAML document")
    return text


# YAML may also be written in UTF-16 or UTF-32, which a byte order mark announces (an
# editor's "Unicode" is UTF-16): read as such, not refused as binary for its NUL bytes.
_WIDE_BOMS = ((BOM_UTF32_LE, "utf-32-le"), (BOM_UTF32_BE, "utf-32-be"),
              (BOM_UTF16_LE, "utf-16-le"), (BOM_UTF16_BE, "utf-16-be"))


def _wide_text(name: str, data: bytes) -> str | None:
    """The text of a file that starts with a UTF-16 or UTF-32 byte order mark, else None."""
    found = next(((bom, codec) for bom, codec in _WIDE_BOMS if data.startswith(bom)), None)
    if found is None:
        return None
    bom, codec = found
    form = codec[:6].upper()
    try:
        text = data[len(bom):].decode(codec)
    except UnicodeDecodeError:
        message = f"not {form} text, though it starts with its byte order mark"
        raise one_problem(name, 1, message) from None
    nul = text.find("\x00")
    if nul >= 0:
        line, col = _position(text, nul)
        raise one_problem(name, line, "a binary file (NUL character), not YAML text", col)
    return text


def too_large() -> str:
    """Why a file over the size limit is refused."""
    mib, rest = divmod(MAX_FILE_BYTES, 1024 * 1024)
    limit = f"{mib} MiB" if not rest else f"{MAX_FILE_BYTES} bytes"
    return f"larger than {limit}: too large for a scenario file"


def _position(data: bytes | str, offset: int) -> tuple[int, int]:
    """The line and column of an offset into a file's bytes or its decoded text."""
    if isinstance(data, bytes):
        line, start = data.count(b"\n", 0, offset) + 1, data.rfind(b"\n", 0, offset) + 1
    else:
        line, start = data.count("\n", 0, offset) + 1, data.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def one_problem(name: str, line: int, message: str, col: int = 1) -> ScenarioError:
    """The error of a file refused whole (line 0: no position to point at)."""
    return ScenarioError([Problem(name, line, col if line else 0, "", message)])


# PyYAML's pure-Python reader compiles, as PyYAML is imported, a character class over the
# whole of Unicode (`yaml.reader.Reader.NON_PRINTABLE`): Python's regular-expression
# compiler, itself Python, spends about 57 M instructions on it (two thirds of PyYAML's
# import, a twentieth of a first start), though the C parser the game reads with never
# uses it. The same characters written as the few ranges outside that class compile in
# a tenth of the work.
YAML_NON_PRINTABLE = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
NON_PRINTABLE_RANGES = "[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uD800-\uDFFF\uFFFE\uFFFF]"


def prepare_yaml_import() -> None:
    """Before PyYAML is first imported: its reader's pattern, compiled from the shorter
    text, waits in `re`'s cache under the reader's own text, and the import finds it
    there (the same matches, `tests/test_data_cache.py`). Where `re` keeps no such
    cache (another Python), nothing is done and PyYAML compiles its own."""
    if "yaml" in sys.modules:
        return
    cache = vars(re).get("_cache")
    if isinstance(cache, dict):
        cache.setdefault((str, YAML_NON_PRINTABLE, 0), re.compile(NON_PRINTABLE_RANGES))
