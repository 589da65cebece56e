"""A scenario file's text, read within its limits, or one clear problem saying why not.

Apart from `game.data.scenario` (which checks the text) so that reading a file
does not load the YAML parser: a scenario already checked comes from the cache.
"""

from __future__ import annotations

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
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position(data, nul)
        raise one_problem(name, line, "a binary file (NUL byte), not YAML text", col)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _position(data, exc.start)
        message = f"not UTF-8 text (byte 0x{data[exc.start]:02x})"
        raise one_problem(name, line, message, col) from None
    if not text.strip():
        raise one_problem(name, 1, "empty file: no YAML document")
    return text


def too_large() -> str:
    """Why a file over the size limit is refused."""
    mib, rest = divmod(MAX_FILE_BYTES, 1024 * 1024)
    limit = f"{mib} MiB" if not rest else f"{MAX_FILE_BYTES} bytes"
    return f"larger than {limit}: too large for a scenario file"


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def one_problem(name: str, line: int, message: str, col: int = 1) -> ScenarioError:
    """The error of a file refused whole (line 0: no position to point at)."""
    return ScenarioError([Problem(name, line, col if line else 0, "", message)])
