"""Reading a file the game did not write: a regular file, of bounded size, without blocking.

Every reader of the data room (scenarios, saves, the scenario cache) opens its
files here. A name may hold anything: a folder, a named pipe (opening one for
reading waits for a writer forever), a device (`/dev/zero` never ends), a socket,
a symbolic link to any of them, or a file of gigabytes. The file is opened
without blocking, checked on the open descriptor (so it cannot be swapped
between the check and the read), and read no further than its bound.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Literal

Why = Literal["missing", "folder", "special", "link", "large", "os"]

# A scenario this large (about 17,000 places) takes seconds to open: worth a word first.
SLOW_TO_OPEN_BYTES = 4 << 20

_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
          | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


class Unreadable(Exception):
    """Why a file was not read: `why` for the caller to word, `detail` for the message."""

    def __init__(self, why: Why, detail: str = "") -> None:
        super().__init__(f"{why}: {detail}" if detail else why)
        self.why: Why = why
        self.detail = detail


def read_regular(path: str | os.PathLike[str], max_bytes: int, *,
                 follow_links: bool = True, head: bool = False) -> bytes:
    """The bytes of the regular file at `path`, at most `max_bytes` of them; else Unreadable.

    Without `follow_links`, a symbolic link is refused too (for files only the
    game writes, which are never links). With `head`, a longer file is not refused:
    its first `max_bytes` bytes come back."""
    flags = _FLAGS if follow_links else _FLAGS | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(Path(path), flags)
    except FileNotFoundError:
        raise Unreadable("missing") from None
    except IsADirectoryError:
        raise Unreadable("folder") from None
    except OSError as error:
        if error.errno == errno.ELOOP and not follow_links:
            raise Unreadable("link") from None
        if error.errno in (errno.ENXIO, errno.ENODEV, errno.EOPNOTSUPP):  # a socket, a device
            raise Unreadable("special") from None
        raise Unreadable("os", error.strerror or str(error)) from None
    try:
        return _read_open(fd, max_bytes, head)
    except OSError as error:
        raise Unreadable("os", error.strerror or str(error)) from None
    finally:
        os.close(fd)


def _read_open(fd: int, max_bytes: int, head: bool) -> bytes:
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise Unreadable("folder")
    if not stat.S_ISREG(info.st_mode):
        raise Unreadable("special")
    if info.st_size > max_bytes and not head:
        raise Unreadable("large", str(info.st_size))
    chunks: list[bytes] = []
    # One byte more than allowed tells a file that grew meanwhile.
    left = max_bytes if head else max_bytes + 1
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    data = b"".join(chunks)
    if len(data) > max_bytes:
        raise Unreadable("large", f"over {max_bytes}")
    return data


def slow_to_open(path: str | os.PathLike[str]) -> int | None:
    """The size of the regular file at `path` when it is large enough to take seconds to
    open (`SLOW_TO_OPEN_BYTES`), else None (also for what is not there or not a file)."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode) or info.st_size < SLOW_TO_OPEN_BYTES:
        return None
    return info.st_size
