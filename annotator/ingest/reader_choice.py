"""Which reader takes a file: by the format asked for, else by its first bytes,
else by its extension. Importing the readers package here registers every
reader before any is chosen."""

from __future__ import annotations

import re

import annotator.ingest.readers  # noqa: F401  (registers every reader module)
from annotator.core.errors import IngestError
from annotator.ingest.registry import READERS, ReaderSpec
from annotator.ingest.sources import Source


def formats() -> list[ReaderSpec]:
    """The registered formats, for ``--format`` and the import dialog."""
    return list(READERS.values())


_HTML_HEAD = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(head: bytes) -> str | None:
    """A format recognised from a file's first bytes, whatever its name says."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"word/" in head:
        return "docx"
    if head.startswith(b"PK\x03\x04") and b"xl/" in head:
        return "xlsx"
    if head.startswith(_CFB_MAGIC):
        return None  # an encrypted Office file or an old .doc/.xls: the reader for the extension explains
    if _HTML_HEAD.match(start[:4096]):
        return "html"
    return None


def choose_reader(source: Source, fmt: str | None = None) -> ReaderSpec:
    """The reader for a source: the one asked for, else by content, else by extension."""
    if fmt:
        spec = READERS.get(fmt.lower().lstrip("."))
        if spec is None:
            for s in READERS.values():
                if "." + fmt.lower().lstrip(".") in s.extensions:
                    return s
            raise IngestError(f"{fmt!r} is not a known format; use one of {', '.join(READERS)}.")
        return spec
    ext = source.suffix
    head = source.head(8192)
    sniffed = sniff(head)
    if sniffed is not None and not (sniffed == "html" and ext in (".csv", ".tsv", ".json", ".jsonl", ".md")):
        return READERS[sniffed]
    for spec in READERS.values():
        if ext in spec.extensions:
            return spec
    if head.startswith(_CFB_MAGIC) and ext in ("", ".doc"):
        return READERS["docx"]
    if head.startswith(_CFB_MAGIC) and ext == ".xls":
        return READERS["xlsx"]
    if head.startswith(b"PK\x03\x04"):
        raise IngestError(
            f"{source.display} is a zip-based file ({ext or 'no extension'}) that is neither a Word document nor an Excel workbook."
        )
    if ext == "" or ext in (".text", ".asc"):
        start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if start in (b"{", b"["):
            return READERS["jsonl" if head.count(b"\n{") > 0 and start == b"{" else "json"]
        return READERS["text"]
    supported = sorted({e for s in READERS.values() for e in s.extensions})
    raise IngestError(
        f"{source.display} is not a supported article format ({ext}); supported: {', '.join(supported)}."
    )
