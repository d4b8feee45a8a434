"""Opening files that come from elsewhere: regular files only, never through a
symbolic link, and never more bytes than the caller allows.

``stat`` is not enough for either: it follows links, says 0 bytes for
``/dev/zero`` and a FIFO, and a FIFO blocks ``open`` until someone writes to it.
So the file is opened first (without following a final link, without blocking),
then asked what it is, and its size is counted while reading.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from annotator.core.errors import AnnotatorError

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_FLAGS = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0) | _NOFOLLOW | _NONBLOCK
_LINK_ERRNOS = {errno.ELOOP, getattr(errno, "EMLINK", errno.ELOOP), getattr(errno, "EFTYPE", errno.ELOOP)}


def describe_size(n: int) -> str:
    if n >= 1 << 30:
        return f"{n / (1 << 30):g} GB"
    if n >= 1 << 20:
        return f"{n / (1 << 20):g} MB"
    return f"{n / 1024:g} KB"


def link_message(shown: str) -> str:
    return f"{shown} is a symbolic link, and links are not followed; name the file it points to instead."


def not_regular_message(shown: str) -> str:
    return f"{shown} is not a regular file (a device, a pipe or a socket), so it was not read."


def open_regular(
    path: str | os.PathLike[str], *, error: type[AnnotatorError], shown: str | None = None
) -> BinaryIO:
    """``path`` opened for reading in binary; ``error`` (one sentence) when it is
    a link, not a regular file, or cannot be opened."""
    shown = shown or str(path)
    if not _NOFOLLOW and os.path.islink(path):  # no O_NOFOLLOW (Windows): check, then open
        raise error(link_message(shown))
    try:
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        if exc.errno in _LINK_ERRNOS and os.path.islink(path):
            raise error(link_message(shown)) from None
        if isinstance(exc, FileNotFoundError):
            raise error(f"{shown} cannot be read: there is no such file.") from None
        if isinstance(exc, PermissionError):
            raise error(f"{shown} cannot be read: permission denied.") from None
        if isinstance(exc, IsADirectoryError):
            raise error(f"{shown} is a folder, not a file.") from None
        raise error(f"{shown} cannot be read ({exc.strerror or exc}).") from None
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise error(f"{shown} is a folder, not a file.")
        if not stat.S_ISREG(mode):
            raise error(not_regular_message(shown))
        if _NONBLOCK:
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(fh: BinaryIO, limit: int, *, error: type[AnnotatorError], shown: str) -> bytes:
    """At most ``limit`` bytes of ``fh``, counted while reading: ``error`` when
    there are more."""
    data = fh.read(limit + 1)
    if len(data) > limit:
        raise error(f"{shown} is larger than {describe_size(limit)}, more than this kind of file can be.")
    return data


def read_regular(
    path: str | os.PathLike[str], limit: int, *, error: type[AnnotatorError], shown: str | None = None
) -> bytes:
    """The bytes of a regular file that is not a link and holds at most ``limit`` bytes."""
    shown = shown or str(path)
    with open_regular(path, error=error, shown=shown) as fh:
        try:
            return read_limited(fh, limit, error=error, shown=shown)
        except OSError as exc:
            raise error(f"{shown} cannot be read ({exc.strerror or exc}).") from None
        except MemoryError:
            raise error(f"{shown} is too large to read into memory.") from None


def is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False
