"""Writing output files (exports, reports, codebooks, coder packages) so that
nothing saved is ever lost.

Every file the program writes is built under a hidden name in a private
folder beside its target and renamed over the target only once it is complete
and on disk: a killed process, a full disk or an error leaves either the old
file or the new one, never a cut-off one under the final name.

No output ever replaces a project or any other SQLite database (nor the
journal files beside one), whatever the caller allows, and never a project
this process holds open. Replacing any other existing file is allowed by
default (the GUI's save dialogs ask first); the command line turns it off
unless ``--force`` is given, through :func:`replacing_existing`.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import IO, Any

from annotator.core import held_files
from annotator.core.errors import OutputError

SQLITE_HEADER = b"SQLite format 3\x00"
JOURNAL_SUFFIXES = ("-wal", "-shm", "-journal")
FileKey = tuple[int, int]

_replace_existing: ContextVar[bool] = ContextVar("replace_existing", default=True)


def _held_open(st: os.stat_result) -> bool:
    # the store registers every project it connects to (core.held_files)
    return held_files.holds((st.st_dev, st.st_ino))


# --- what may be replaced ----------------------------------------------------------


@contextlib.contextmanager
def replacing_existing(allowed: bool) -> Iterator[None]:
    """Within the block, writers replace existing files only if ``allowed``."""
    token = _replace_existing.set(allowed)
    try:
        yield
    finally:
        _replace_existing.reset(token)


def _is_database(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _protected(path: Path, st: os.stat_result | None) -> str:
    """Why ``path`` must never be replaced, or ""."""
    if st is not None:
        # the open project first, before anything reads the file
        if _held_open(st):
            return f"{path} is the project open here; an output never replaces a project file."
        if stat.S_ISREG(st.st_mode) and _is_database(path):
            return f"{path} is a project or database file; an output never replaces one, even with --force."
    for suffix in JOURNAL_SUFFIXES:
        if path.name.endswith(suffix):
            base = path.with_name(path.name[: -len(suffix)])
            try:
                base_st = os.stat(base)
            except OSError:
                continue
            if _held_open(base_st) or _is_database(base):
                return f"{path} belongs to the project {base.name}; an output never replaces it."
    return ""


def check_output_target(path: str | Path, *, force: bool | None = None) -> None:
    """Raise :class:`OutputError` if ``path`` may not be written: a project, a
    database or its journal (always), a folder, or an existing file when
    replacing is not allowed (``force``, else the :func:`replacing_existing` setting)."""
    path = Path(path)
    allowed = _replace_existing.get() if force is None else force
    try:
        st: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(f"{path} cannot be written ({exc.strerror or exc}).") from None
    why = _protected(path, st)
    if why:
        raise OutputError(why)
    if st is None:
        return
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{path} is a folder; give the name of a file to write.")
    if not stat.S_ISREG(st.st_mode):  # a device or pipe is written to, never replaced by a file
        raise OutputError(f"{path} is not a regular file; give the name of a file to write.")
    if not allowed:
        raise OutputError(f"{path} exists; add --force to replace it.")


# --- writing -----------------------------------------------------------------------


def output_error(exc: BaseException, target: Path) -> OutputError | None:
    """The one sentence for a failed write, or None when ``exc`` is not about
    the file system (a writer library may wrap the OSError in its own error)."""
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    # SQLite reports a full disk (SQLITE_FULL) as an error of its own, not an OSError
    full = any("database or disk is full" in str(e) for e in chain)
    os_error = next((e for e in chain if isinstance(e, OSError)), None)
    if full or (os_error is not None and os_error.errno in (errno.ENOSPC, errno.EDQUOT)):
        return OutputError(f"{target} cannot be written: the disk is full, and nothing was left behind.")
    if os_error is None:
        return None
    seen = os_error
    if seen.errno == errno.EFBIG:
        return OutputError(f"{target} cannot be written: the file grew larger than this system allows.")
    return OutputError(f"{target} cannot be written ({seen.strerror or seen}).")


@contextlib.contextmanager
def atomic_path(target: str | Path, *, replace: bool | None = None) -> Iterator[Path]:
    """A path to build ``target`` at (in a private folder beside it, so on the
    same file system); on success it is flushed to disk and renamed over
    ``target``, on any error it is removed. For writers that want a file name
    (openpyxl, spaCy, SQLite); :func:`atomic_output` gives an open file."""
    target = Path(target)
    if target.is_symlink():  # the link stays and the file it points to is replaced
        target = Path(os.path.realpath(target))
    check_output_target(target, force=replace)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # 0700 folder: nobody else sees the half-written file
        work = Path(tempfile.mkdtemp(prefix=f".{target.name[:120]}.", suffix=".part", dir=folder))
    except OSError as exc:
        raise output_error(exc, target) or OutputError(f"{target} cannot be written.") from None
    try:
        built = work / target.name
        yield built
        if not built.is_file():
            raise OutputError(f"{target} was not written.")
        _fsync(built)
        old = _stat(target)
        why = _protected(target, old)  # the last word, right before the rename
        if why:
            raise OutputError(why)
        if old is not None:
            # a replaced file never becomes readable by more people than before
            os.chmod(built, stat.S_IMODE(os.stat(built).st_mode) & stat.S_IMODE(old.st_mode))
        os.replace(built, target)
        _fsync_folder(folder)
    except OutputError:
        raise
    except BaseException as exc:
        error = output_error(exc, target) if isinstance(exc, Exception) else None
        if error is not None:
            raise error from None
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)


@contextlib.contextmanager
def atomic_output(
    target: str | Path,
    mode: str = "w",
    *,
    encoding: str | None = None,
    newline: str | None = None,
    permissions: int = 0o666,
    replace: bool | None = None,
) -> Iterator[IO[Any]]:
    """An open file (``mode`` "w" or "wb") that becomes ``target`` when the
    block ends without error; ``permissions`` before the umask, as ``open`` does."""
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_output writes new files only, not mode {mode!r}")
    with atomic_path(target, replace=replace) as built:
        fd = os.open(built, os.O_WRONLY | os.O_CREAT | os.O_EXCL, permissions)
        if "b" in mode:
            fh: IO[Any] = os.fdopen(fd, "wb")
        else:
            fh = os.fdopen(fd, "w", encoding=encoding or "utf-8", newline=newline)
        with fh:
            yield fh


def write_text(
    target: str | Path, text: str, *, encoding: str = "utf-8", replace: bool | None = None
) -> Path:
    with atomic_output(target, "w", encoding=encoding, newline="", replace=replace) as fh:
        fh.write(text)
    return Path(target)


def write_bytes(target: str | Path, data: bytes, *, replace: bool | None = None) -> Path:
    with atomic_output(target, "wb", replace=replace) as fh:
        fh.write(data)
    return Path(target)


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    # makes the rename itself durable; not every system can open a folder
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
