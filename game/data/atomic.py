"""Writing a file atomically: whole or not at all.

Writes are atomic (temporary file in the same folder, fsync, rename, fsync of
the folder), so quitting at any moment leaves either the old save or the new
one, never half of one. A folder the write creates is fsynced into its parent
too, or a power cut could lose the folder and the save in it. A file that must
not replace another (an autosave's new number) is hard-linked into place
instead of renamed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from pathlib import Path

from game.data.save_errors import SaveError

TEMP_SUFFIX = ".tmp"
STALE_TEMP_SECONDS = 3600  # a write takes milliseconds; an hour-old temporary file is debris


def write_atomic(path: Path, text: str, *, new: bool = False, durable: bool = True) -> None:
    """Replace `path` with `text` so that a crash at any moment leaves the old or the new file.

    With `new`, never replace: FileExistsError when `path` exists already (for
    autosave numbers two games sharing the folder might both pick). Without
    `durable`, no fsync: still whole or absent, but a power cut may lose it (a
    cache file, which is only written again).
    """
    folder = path.parent
    try:
        _make_folder(folder, durable)
        handle, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.stem}.",
                                             suffix=TEMP_SUFFIX)
    except OSError as error:
        raise SaveError(path, f"cannot write: {error.strerror or error}") from None
    temp = Path(temp_name)
    try:
        _set_mode(handle, path)
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
            out.flush()
            if durable:
                os.fsync(out.fileno())
        if new:
            _link_new(temp, path)
        else:
            os.replace(temp, path)
    except FileExistsError:
        temp.unlink(missing_ok=True)
        raise
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise SaveError(path, f"cannot write: {error.strerror or error}") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if durable:
        _fsync_folder(folder)
    _sweep_stale_temps(folder)


def _make_folder(folder: Path, durable: bool) -> None:
    """Create `folder` and any missing parent; when `durable`, each new one is fsynced
    into its parent, so the folder outlives a power cut as the file in it will."""
    missing = []
    for ancestor in (folder, *folder.parents):
        if ancestor.is_dir():
            break
        missing.append(ancestor)
    folder.mkdir(parents=True, exist_ok=True)
    if durable:
        for created in reversed(missing):
            _fsync_folder(created.parent)


def _link_new(temp: Path, path: Path) -> None:
    """Name the written file only if no file has that name (a hard link is atomic, exclusive)."""
    try:
        os.link(temp, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: the name was free a moment ago
        if path.exists():
            raise FileExistsError(path) from None
        os.replace(temp, path)
        return
    with contextlib.suppress(OSError):  # the save is in place; a stale copy is swept later
        temp.unlink()


def _sweep_stale_temps(folder: Path) -> None:
    """Remove temporary files a killed process left behind (old enough not to be in flight)."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    for temp in folder.glob(f".*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if temp.is_file() and temp.stat().st_mtime < cutoff:
                temp.unlink()


def _set_mode(handle: int, path: Path) -> None:
    """The old save's permissions, or rw-r--r--: a temporary file starts private (rw-------)."""
    if not hasattr(os, "fchmod"):
        return
    try:
        mode = path.stat().st_mode & 0o777
    except OSError:
        mode = 0o644
    with contextlib.suppress(OSError):  # cosmetic: never a reason to lose the save
        os.fchmod(handle, mode)


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # not possible on every system; the rename itself is already atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
