"""Files this process holds through SQLite: each open project file, and the
``-wal``, ``-shm`` and ``-journal`` files beside it.

Closing any descriptor of a file drops every POSIX lock the process holds on
it, SQLite's included; another program that then finds the project unlocked
removes the WAL under the live connection, and later saves vanish (issue 13,
finding 1). So nothing in this process may open and close such a file behind
SQLite's back: the store registers every file it connects to, and code that
opens paths a user chose (an article folder that also holds the project)
asks ``is_held`` first. Files are known by (device, inode), so another name
for the same file is caught too; ``os.stat`` opens nothing.
"""

from __future__ import annotations

import os
import threading
from collections import Counter

SIDE_FILES = ("-wal", "-shm", "-journal")

_guard = threading.Lock()
_held: Counter[tuple[int, int]] = Counter()


def _key(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return st.st_dev, st.st_ino


def hold(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    """Register a connection to ``path``; returns the key to ``release``."""
    key = _key(path)
    if key is not None:
        with _guard:
            _held[key] += 1
    return key


def release(key: tuple[int, int] | None) -> None:
    if key is None:
        return
    with _guard:
        _held[key] -= 1
        if _held[key] <= 0:
            del _held[key]


def holds(key: tuple[int, int]) -> bool:
    """Whether the file with this (device, inode) is open here through SQLite."""
    with _guard:
        return key in _held


def is_held(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` is, or sits beside as its -wal, -shm or -journal, a
    file this process has open through SQLite."""
    with _guard:
        if not _held:
            return False
        held = set(_held)
    name = os.fspath(path)
    candidates = [name] + [name[: -len(s)] for s in SIDE_FILES if name.endswith(s)]
    return any(_key(c) in held for c in candidates)
