"""Word documents (.docx) with python-docx; Nexis exports in Word form are split."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any
from xml.etree.ElementTree import ParseError

import defusedxml.ElementTree as DefusedET
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from annotator.core.errors import IngestError
from annotator.ingest.article import Article, usable_file_title
from annotator.ingest.readers.export_split import split_multi_article
from annotator.ingest.registry import ReadFailure, ReadOptions, register
from annotator.ingest.sources import ZIP_MAX_RATIO, ZIP_MAX_TOTAL, Source

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def check_package(data: bytes, display: str, kind: str = "Word document") -> None:
    """Refuse encrypted or legacy Office files and zip bombs before a library parses them."""
    if data.startswith(_CFB_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise IngestError(
                f"{display} is password-protected (encrypted); save an unprotected copy to import it."
            )
        if kind == "Word document":
            raise IngestError(
                f"{display} is an old Word .doc file, not .docx; save it as .docx to import it."
            )
        raise IngestError(f"{display} is an old Excel .xls file; save it as .xlsx or .csv to import it.")
    if not data.strip():
        raise IngestError(f"{display} is empty.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            total = sum(i.file_size for i in infos)
            if total > ZIP_MAX_TOTAL or any(
                i.file_size > (1 << 20) and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1)
                for i in infos
            ):
                raise IngestError(
                    f"{display} would expand to an implausible size (a decompression bomb?); it was not read."
                )
            if kind == "Word document" and any(i.filename == "word/document.xml" for i in infos):
                _refuse_dtd(zf.read("word/document.xml"), display)
    except (zipfile.BadZipFile, zlib.error, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise IngestError(
            f"{display} is not a readable {kind} (damaged or not in the right format)."
        ) from exc


def _refuse_dtd(xml: bytes, display: str) -> None:
    """Word never writes a DTD; one in the document part is crafted, and the XML
    parser would silently drop the text after an entity reference. The parser's
    own ``forbid_dtd`` sees a DTD wherever it stands, however long the comment
    before it."""
    try:
        DefusedET.fromstring(xml, forbid_dtd=True)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise IngestError(
            f"{display} declares an XML DTD or entities, which Word documents never do; it was not read."
        ) from exc
    except ParseError as exc:
        raise IngestError(
            f"{display} is not a readable Word document (its text part is damaged XML)."
        ) from exc


def docx_text(data: bytes, display: str) -> tuple[str, Any]:
    """The document's paragraphs and table cells in order, a blank line between
    paragraphs, and its core properties."""
    check_package(data, display)
    import docx  # imported when a Word file is read: it is slow to import
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
        parts: list[str] = []
        first_heading = ""
        for block in document.iter_inner_content():
            if isinstance(block, Paragraph):
                parts.append(block.text)
                style = (block.style.name if block.style is not None else "") or ""
                if not first_heading and block.text.strip() and style.startswith(("Title", "Heading")):
                    first_heading = block.text.strip()
            elif isinstance(block, Table):
                for row in block.rows:
                    cells: list[str] = []
                    for cell in row.cells:
                        t = cell.text.strip()
                        if t and (not cells or cells[-1] != t):  # merged cells repeat their text
                            cells.append(t)
                    parts.append(" | ".join(cells))
        props = document.core_properties
    except IngestError:
        raise
    except Exception as exc:  # python-docx raises many kinds of error on damaged files
        raise IngestError(f"{display} is not a readable Word document (damaged or not a .docx).") from exc
    return "\n\n".join(parts), (props, first_heading)


@register("docx", (".docx",), "Word document, one article per file (or a Nexis export)")
def read_docx(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    data = source.read_bytes()
    text, (props, first_heading) = docx_text(data, source.display)
    if not text.strip():
        raise IngestError(f"{source.display} has no text in it.")
    split = split_multi_article(text, source.display)
    if split is not None:
        yield from split
        return
    metadata: dict[str, Any] = {}
    for key in ("author", "subject", "keywords", "category", "comments"):
        value = getattr(props, key, "") or ""
        if value:
            metadata[f"docx_{key}"] = value
    created = getattr(props, "created", None)
    if created is not None:  # when the file was made, not when the article appeared
        metadata["docx_created"] = created.isoformat()
    title = first_heading or usable_file_title(getattr(props, "title", "") or "")
    yield Article(
        text=text,
        title=title,
        metadata=metadata,
        raw=data,
        title_from_first_line=not title,
    )
