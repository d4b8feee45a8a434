"""Which window has a project: an advisory ``flock`` on a small file beside it.

Two windows writing one project undo each other's work (issue 13, finding 3),
so the first window to open a project holds this lock and any later one, in
this process or another, opens the project read-only. The lock lives on a
sidecar file, never on the project file: SQLite keeps POSIX locks on that,
and opening and closing the project file outside SQLite would drop them.
``flock`` locks belong to one open file description, so two windows of the
same process exclude each other too, and the kernel releases the lock when
its holder dies, so a crash never leaves a project locked.

Command-line writers do not take the lock: an import or a merge next to an
open window is supported, and undo in the window refuses to overwrite what
they changed (``annotator.services.coding``).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

if sys.platform != "win32":
    import fcntl


def lock_file(project_path: Path) -> Path:
    return project_path.with_name(f".{project_path.name}.window-lock")


class WindowLock:
    """A held lock (``held``), or none at all when the folder cannot take a
    lock file (a read-only share: nothing can be written there anyway)."""

    def __init__(self, fd: int | None, path: Path) -> None:
        self._fd, self.path = fd, path

    @property
    def held(self) -> bool:
        return self._fd is not None

    @classmethod
    def try_acquire(cls, project_path: Path) -> WindowLock | None:
        """The lock, or None when another window holds it."""
        path = lock_file(Path(project_path))
        if sys.platform == "win32":  # no flock there: windows open writable, as on a share without locks
            return cls(None, path)
        while True:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
            except OSError:
                return cls(None, path)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                return None
            except OSError:  # a file system without flock (some network shares): no lock to be had
                os.close(fd)
                return cls(None, path)
            # the holder removes the file as it lets go: a lock taken on the file
            # it just removed guards nothing, so take the new one
            try:
                same = os.stat(path).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if same:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
                    os.write(fd, f"{os.getpid()}\n".encode())
                return cls(fd, path)
            os.close(fd)

    @classmethod
    def held_elsewhere(cls, project_path: Path) -> bool:
        """Whether a window has the project open now (for a command that would
        replace or remove the file, e.g. rebuilding the demo project)."""
        if not lock_file(Path(project_path)).exists():
            return False
        lock = cls.try_acquire(project_path)
        if lock is None:
            return True
        lock.release()
        return False

    def release(self) -> None:
        if self._fd is None:
            return
        # removed while still locked, so nobody takes a lock on a file about to vanish
        with contextlib.suppress(OSError):
            os.unlink(self.path)
        os.close(self._fd)
        self._fd = None
