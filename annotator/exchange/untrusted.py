"""Guards for files from elsewhere: zip archives, XML (and, from
:mod:`annotator.core.cells`, spreadsheet formulas)."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path, PurePosixPath

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET

# the spreadsheet rule lives in core, where the store applies it too
from annotator.core.cells import escape_cell as escape_cell
from annotator.core.cells import escape_row as escape_row
from annotator.core.cells import unescape_cell as unescape_cell
from annotator.core.errors import ExchangeError

# --- zip archives ------------------------------------------------------------

MAX_MEMBERS = 20_000
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
MAX_RATIO = 200  # compressed text rarely shrinks more than ~20:1


class SafeZip:
    """Read-only view of an untrusted zip: no member may leave the archive,
    and sizes are checked against what is actually decompressed, not what the
    headers claim."""

    def __init__(
        self, path: Path, *, max_member_bytes: int = MAX_MEMBER_BYTES, max_total_bytes: int = MAX_TOTAL_BYTES
    ):
        self.path = path
        self.max_member_bytes = max_member_bytes
        self.max_total_bytes = max_total_bytes
        self._read_total = 0
        try:
            self._zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as e:
            raise ExchangeError(f"{path.name} is not a readable zip archive ({e}).") from e
        infos = self._zip.infolist()
        if len(infos) > MAX_MEMBERS:
            raise ExchangeError(f"{path.name} holds {len(infos)} files, more than the {MAX_MEMBERS} allowed.")
        self._members: dict[str, zipfile.ZipInfo] = {}
        for info in infos:
            name = info.filename
            pure = PurePosixPath(name.replace("\\", "/"))
            drive = bool(pure.parts) and ":" in pure.parts[0]
            if name.startswith(("/", "\\")) or ".." in pure.parts or drive:
                raise ExchangeError(
                    f"{path.name} contains the unsafe path {name!r}, which points outside the archive."
                )
            if info.flag_bits & 0x1:
                raise ExchangeError(
                    f"{path.name} contains the encrypted file {name!r}, which cannot be read."
                )
            if info.file_size > max_member_bytes:
                raise ExchangeError(
                    f"{name!r} in {path.name} is {info.file_size} bytes, more than the {max_member_bytes} allowed."
                )
            if (
                info.compress_size
                and info.file_size > 1_000_000
                and info.file_size / info.compress_size > MAX_RATIO
            ):
                raise ExchangeError(f"{name!r} in {path.name} looks like a decompression bomb.")
            self._members[str(pure)] = info

    def names(self) -> list[str]:
        return [n for n, i in self._members.items() if not i.is_dir()]

    def find(self, name: str) -> str | None:
        """The member called ``name``, ignoring case (tools differ on
        ``project.qde`` / ``Project.qde`` and ``sources`` / ``Sources``)."""
        if name in self._members:
            return name
        low = name.casefold()
        for n in self._members:
            if n.casefold() == low:
                return n
        return None

    def size(self, name: str) -> int:
        """The size the header claims; :meth:`read` checks the real one."""
        return self._members[name].file_size

    def read(self, name: str, max_bytes: int | None = None) -> bytes:
        info = self._members[name]
        limit = min(
            max_bytes or self.max_member_bytes, self.max_member_bytes, self.max_total_bytes - self._read_total
        )
        try:
            with self._zip.open(info) as fh:
                data = fh.read(limit + 1)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError) as e:
            raise ExchangeError(f"{name!r} in {self.path.name} is damaged ({e}).") from e
        if len(data) > limit:
            raise ExchangeError(f"{name!r} in {self.path.name} decompresses to more than the size allowed.")
        self._read_total += len(data)
        return data

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --- XML ---------------------------------------------------------------------


def parse_xml(data: bytes, where: str):
    """Parse untrusted XML: entity declarations and external references are
    refused (billion laughs, XXE)."""
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise ExchangeError(
            f"{where} declares XML entities or external references, which are refused for safety."
        ) from e
    except SafeET.ParseError as e:
        raise ExchangeError(f"{where} is not well-formed XML ({e}).") from e


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
