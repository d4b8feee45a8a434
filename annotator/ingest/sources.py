"""What a batch is read from: files, folders (recursive) and zip archives.

Archive members are never written to disk; they are still checked for path
traversal, links and decompression bombs, since such an archive is hostile and
the user should hear about it.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from annotator.core import held_files
from annotator.core.errors import IngestError
from annotator.core.safe_open import link_message, not_regular_message, open_regular, read_limited

# Files that operating systems and archivers leave behind; never articles.
_JUNK_NAMES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
ZIP_MAX_TOTAL = 1 << 30  # uncompressed bytes per archive
ZIP_MAX_RATIO = 200  # compression ratio of a member above which it is taken for a bomb
_RATIO_MIN_SIZE = 1 << 20  # small members may compress well without being dangerous
MAX_FILE_SIZE = 256 << 20  # for formats read whole; CSV and JSON Lines on disk are streamed


@dataclass
class Source:
    """One file to read: a path on disk or a member of an archive."""

    display: str  # the path shown to the user and kept as Document.source_path
    name: str  # file name, for choosing a reader by extension
    size: int
    opener: Callable[[], BinaryIO]
    on_disk: bool = True
    weight: int = -1  # bytes of input on disk it stands for, for progress; -1: its size
    _last: BinaryIO | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.weight < 0:
            self.weight = self.size

    @property
    def suffix(self) -> str:
        return PurePosixPath(self.name).suffix.lower()

    def open(self) -> BinaryIO:
        self._last = self.opener()
        return self._last

    def position(self) -> int:
        """How far into the file the last opened stream is, in bytes of input: a
        streaming reader's progress."""
        fh = self._last
        if fh is None or not self.on_disk:
            return 0
        try:
            return min(fh.tell(), self.size) if not fh.closed else 0
        except (OSError, ValueError):
            return 0

    def read_bytes(self) -> bytes:
        if self.size > MAX_FILE_SIZE:
            raise IngestError(
                f"{self.display} is larger than {MAX_FILE_SIZE >> 20} MB, too large for one article file."
            )
        with self.open() as fh:  # counted while reading too: the file may grow, a member's size may lie
            return read_limited(fh, MAX_FILE_SIZE, error=IngestError, shown=self.display)

    def head(self, n: int = 8192) -> bytes:
        with self.open() as fh:
            return fh.read(n)


@dataclass
class SourceFailure:
    """A file or archive member that cannot be read at all."""

    display: str
    reason: str


def file_source(path: Path, display: str | None = None) -> Source:
    """A file on disk; it is opened without following a link and must be a
    regular file (checked on the open file, so a swap after the walk is caught)."""
    shown = display or str(path)
    return Source(
        display=shown,
        name=path.name,
        size=path.lstat().st_size,
        opener=lambda: open_regular(path, error=IngestError, shown=shown),
    )


# opening and closing it here would drop SQLite's locks on the open project
_HELD = "{0} is a project file open in Annotator (or its journal), not an article; it was not read."


def _is_junk(name: str) -> bool:
    base = name.rsplit("/", 1)[-1]
    return base.startswith(".") or base.lower() in _JUNK_NAMES


def iter_sources(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Source | SourceFailure]:
    """Every file the given paths stand for, in a stable order: folders are walked
    recursively (hidden files and folders skipped), zip archives are opened.

    Files are never read through a symbolic link, whether named here or found in
    a folder: a folder received from someone else may hold ``a.txt ->
    /etc/passwd``, and a file dialog's selection cannot tell it apart. A folder
    named here is walked even when its name is a link (the user chose it, and
    system paths such as macOS's /tmp are links); links found inside it are not."""
    for given in paths:
        path = Path(given)
        shown = str(given)
        try:
            if path.is_dir():
                yield from _walk(path)
            elif path.is_symlink():
                yield SourceFailure(shown, link_message(shown))
            elif not path.exists():
                yield SourceFailure(shown, f"{shown} does not exist.")
            elif not path.is_file():
                yield SourceFailure(shown, not_regular_message(shown))
            elif held_files.is_held(path):
                yield SourceFailure(shown, _HELD.format(shown))
            elif path.suffix.lower() in (".zip", "") and zipfile.is_zipfile(path):
                yield from zip_sources(path, shown)
            else:
                yield file_source(path, shown)
        except PermissionError:
            yield SourceFailure(shown, f"{shown} cannot be read: permission denied.")
        except OSError as exc:
            yield SourceFailure(shown, f"{shown} cannot be read: {exc.strerror or exc}.")


def _walk(root: Path) -> Iterator[Source | SourceFailure]:
    for dirpath, dirnames, filenames in os.walk(root, onerror=None, followlinks=False):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__MACOSX")
        for d in [d for d in dirnames if (Path(dirpath) / d).is_symlink()]:
            dirnames.remove(d)  # os.walk lists linked folders without entering them; say so
            yield SourceFailure(str(Path(dirpath) / d), link_message(str(Path(dirpath) / d)))
        for fn in sorted(filenames):
            if _is_junk(fn):
                continue
            p = Path(dirpath) / fn
            if p.is_symlink():
                yield SourceFailure(str(p), link_message(str(p)))
                continue
            if not p.is_file():
                yield SourceFailure(str(p), not_regular_message(str(p)))
                continue
            if held_files.is_held(p):
                yield SourceFailure(str(p), _HELD.format(p))
                continue
            try:
                if p.suffix.lower() == ".zip" and zipfile.is_zipfile(p):
                    yield from zip_sources(p, str(p))
                else:
                    yield file_source(p)
            except OSError as exc:
                yield SourceFailure(str(p), f"{p} cannot be read: {exc.strerror or exc}.")


def _unsafe_member_name(name: str) -> bool:
    if name.startswith(("/", "\\")) or (len(name) > 1 and name[1] == ":"):
        return True
    parts = name.replace("\\", "/").split("/")
    return ".." in parts


def zip_sources(path: Path, shown: str) -> Iterator[Source | SourceFailure]:
    """Members of a zip archive, with the archive's safety checks. The archive
    stays open while its members are read, so consume the sources in order."""
    try:
        fh = open_regular(path, error=IngestError, shown=shown)
    except IngestError as exc:
        yield SourceFailure(shown, str(exc))
        return
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        fh.close()
        yield SourceFailure(shown, f"{shown} is not a readable zip archive ({exc}).")
        return
    with fh, zf:
        infos = [i for i in zf.infolist() if not i.is_dir()]
        total = sum(i.file_size for i in infos)
        if total > ZIP_MAX_TOTAL:
            yield SourceFailure(
                shown,
                f"{shown} would expand to {total / 2**20:,.0f} MB, more than the {ZIP_MAX_TOTAL >> 20} MB "
                "allowed for one archive (a decompression bomb?); unpack it yourself if it is genuine.",
            )
            return
        for info in infos:
            if info.file_size > _RATIO_MIN_SIZE and info.file_size > ZIP_MAX_RATIO * max(
                info.compress_size, 1
            ):
                yield SourceFailure(
                    shown,
                    f"{shown} holds {info.filename!r}, compressed more than {ZIP_MAX_RATIO} to 1, "
                    "which is how decompression bombs look; the archive was not read.",
                )
                return
        for info in infos:
            name = info.filename
            display = f"{shown}/{name}"
            if name.startswith("__MACOSX/") or _is_junk(name):
                continue
            if _unsafe_member_name(name):
                yield SourceFailure(
                    display,
                    f"{shown} holds {name!r}, a path that points outside the archive; it was refused.",
                )
                continue
            mode = info.external_attr >> 16
            if info.create_system == 3 and stat.S_ISLNK(mode):
                yield SourceFailure(
                    display, f"{display} is a symbolic link inside the archive and was not followed."
                )
                continue
            if info.flag_bits & 0x1:
                yield SourceFailure(display, f"{display} is password-protected inside the archive.")
                continue
            if PurePosixPath(name).suffix.lower() == ".zip":
                yield SourceFailure(display, f"{display} is an archive inside an archive; unpack it first.")
                continue
            yield Source(
                display=display,
                name=PurePosixPath(name).name,
                size=info.file_size,
                weight=info.compress_size,
                opener=_member_opener(zf, info, display),
                on_disk=False,
            )


def _member_opener(zf: zipfile.ZipFile, info: zipfile.ZipInfo, display: str):
    cache: list[bytes] = []

    def opener() -> BinaryIO:
        if cache:  # readers look at the head first, then read: unpack once
            return io.BytesIO(cache[0])
        # Declared sizes can lie; count what decompression really produces.
        data = bytearray()
        try:
            with zf.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    data += chunk
                    if len(data) > info.file_size:
                        raise IngestError(f"{display} expands beyond its declared size; it was not read.")
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError) as exc:
            raise IngestError(f"{display} cannot be unpacked ({exc}).") from exc
        except RuntimeError as exc:  # zipfile's way of saying a password is needed
            raise IngestError(f"{display} is password-protected inside the archive.") from exc
        cache.append(bytes(data))
        return io.BytesIO(cache[0])

    return opener


def bytes_source(name: str, data: bytes, display: str | None = None) -> Source:
    """A source held in memory (pasted text, a file from a drag and drop, a test)."""
    return Source(
        display=display or name, name=name, size=len(data), opener=lambda: io.BytesIO(data), on_disk=False
    )
