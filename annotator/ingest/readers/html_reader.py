"""Web pages: the article's main text and metadata extracted by trafilatura.
The page is parsed to text only, never rendered, and nothing is fetched."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from copy import deepcopy
from functools import cache

from annotator.core.errors import IngestError
from annotator.ingest.article import Article, normalise_date
from annotator.ingest.registry import ReadFailure, ReadOptions, register
from annotator.ingest.sources import Source

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)
MAX_HTML = 50 << 20


@cache
def _extractor():
    # trafilatura takes half a second to import: only when a web page is read
    from trafilatura import bare_extraction
    from trafilatura.settings import DEFAULT_CONFIG

    config = deepcopy(DEFAULT_CONFIG)
    # A timeout would use signals, which only work in the main thread (the GUI imports in a worker).
    config["DEFAULT"]["EXTRACTION_TIMEOUT"] = "0"
    return bare_extraction, config


@register("html", (".html", ".htm", ".xhtml", ".shtml"), "web page; the article's text is extracted")
def read_html(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    display = source.display
    if source.size > MAX_HTML:
        raise IngestError(f"{display} is larger than {MAX_HTML >> 20} MB, too large for a web page.")
    data = source.read_bytes()
    if not data.strip():
        raise IngestError(f"{display} is empty.")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError(f"{display} looks like binary data, not a web page.")
    bare_extraction, config = _extractor()
    try:
        result = bare_extraction(
            data,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            deduplicate=False,
            config=config,
        )
    except Exception as exc:  # lxml and trafilatura raise many kinds of error on broken markup
        raise IngestError(f"{display} could not be parsed as a web page.") from exc
    text = (getattr(result, "text", None) or "") if result is not None else ""
    if not text.strip():
        raise IngestError(f"{display} has no article text that could be found (an index or a login page?).")
    # trafilatura puts one paragraph per line; the program separates paragraphs by a blank line.
    text = "\n\n".join(line for line in text.split("\n") if line.strip())
    metadata: dict[str, object] = {}
    for key in ("description", "categories", "tags", "hostname", "language", "license"):
        value = getattr(result, key, None)
        if value:
            metadata[key] = value
    yield Article(
        text=text,
        title=(getattr(result, "title", "") or "").strip(),
        outlet=(getattr(result, "sitename", "") or "").strip(),
        author=(getattr(result, "author", "") or "").strip(),
        published=normalise_date(getattr(result, "date", "") or ""),
        url=(getattr(result, "url", "") or "").strip(),
        metadata=metadata,
        raw=data,
    )
