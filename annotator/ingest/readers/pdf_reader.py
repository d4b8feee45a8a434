"""PDF files with pypdf: the text layer, page by page."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from annotator.core.errors import IngestError
from annotator.ingest.article import Article, normalise_date, usable_file_title
from annotator.ingest.registry import ReadFailure, ReadOptions, register
from annotator.ingest.sources import Source

# pypdf logs every repair it makes to a damaged file; the user gets one sentence instead.
logging.getLogger("pypdf").setLevel(logging.ERROR)
MAX_PAGES = 2000


_SENTENCE_END = (".", "!", "?", '"', "\u201d", "'", "\u2019", ":")


def reflow(page: str) -> str:
    """Hard-wrapped PDF lines joined back into paragraphs: a line that ends a
    sentence well short of the page's usual line width ends its paragraph, and a
    word hyphenated across lines is joined without a space. Coders see paragraphs, and the
    paragraph unit of agreement means something. No character other than line
    breaks is added or dropped."""
    lines = [ln.strip() for ln in page.split("\n")]
    lengths = sorted(len(ln) for ln in lines if ln)
    if len(lengths) < 3:
        return "\n".join(ln for ln in lines if ln)
    width = lengths[int(len(lengths) * 0.75)]
    paragraphs: list[str] = []
    current = ""
    for ln in lines:
        if not ln:
            if current:
                paragraphs.append(current)
                current = ""
            continue
        if current.endswith("-") and len(current) > 1 and current[-2].isalpha() and ln[:1].islower():
            # "war-" + "torn": keep the hyphen, since a soft hyphen cannot be told from a real one
            current = current + ln
        else:
            current = f"{current} {ln}" if current else ln
        if ln.endswith(_SENTENCE_END) and len(ln) < 0.85 * width:
            paragraphs.append(current)
            current = ""
    if current:
        paragraphs.append(current)
    return "\n\n".join(paragraphs)


@register("pdf", (".pdf",), "PDF with a text layer, one article per file")
def read_pdf(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    from pypdf import PdfReader  # imported when a PDF is read: it is slow to import

    data = source.read_bytes()
    display = source.display
    if not data.strip():
        raise IngestError(f"{display} is empty.")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # Many PDFs are encrypted only against editing and open with an empty password.
            try:
                opened = reader.decrypt("")
            except Exception as exc:
                raise IngestError(f"{display} is encrypted in a way that cannot be opened here.") from exc
            if not opened:
                raise IngestError(f"{display} is password-protected; save an unprotected copy to import it.")
        if len(reader.pages) > MAX_PAGES:
            raise IngestError(f"{display} has more than {MAX_PAGES} pages, too many for one article.")
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        info: dict[str, object] = reader.metadata or {}
        title = usable_file_title(str(info.get("/Title", "") or ""))
        author = str(info.get("/Author", "") or "").strip()
    except IngestError:
        raise
    except Exception as exc:  # pypdf raises many kinds of error on damaged files
        raise IngestError(f"{display} is not a readable PDF (damaged or not a PDF).") from exc
    text = "\n\n".join(reflow(p) for p in pages if p)
    if not text.strip():
        raise IngestError(f"{display} has no text layer (a scanned image?); run OCR on it first.")
    metadata: dict[str, object] = {"pages": len(pages)}
    if author:
        metadata["pdf_author"] = author
    created = str(info.get("/CreationDate", "") or "")
    if created.startswith("D:") and len(created) >= 10:
        metadata["pdf_created"] = normalise_date(f"{created[2:6]}-{created[6:8]}-{created[8:10]}")
    yield Article(text=text, title=title, metadata=metadata, raw=data, title_from_first_line=not title)
