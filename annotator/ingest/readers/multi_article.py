"""Recognising news-database exports inside a text or Word file, and registering
them as formats of their own for ``--format``."""

from __future__ import annotations

from collections.abc import Iterator

from annotator.core.errors import IngestError
from annotator.ingest.article import Article
from annotator.ingest.decoding import decode
from annotator.ingest.readers.docx_reader import docx_text
from annotator.ingest.readers.factiva import looks_like_factiva, split_factiva
from annotator.ingest.readers.nexis import looks_like_nexis, split_nexis
from annotator.ingest.registry import ReadFailure, ReadOptions, register
from annotator.ingest.sources import Source


def _export_text(source: Source) -> str:
    if source.head(4).startswith(b"PK\x03\x04"):
        return docx_text(source.read_bytes(), source.display)[0]
    return decode(source.read_bytes(), source.display)


@register("nexis", (), "Nexis Uni / LexisNexis export (text or .docx), many articles per file")
def read_nexis(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    text = _export_text(source)
    if not looks_like_nexis(text):
        raise IngestError(f"{source.display} has no 'End of Document' separators or Nexis header lines.")
    yield from split_nexis(text, source.display)


@register("factiva", (), "Factiva export with field codes (HD, BY, PD, SN, LP, TD, AN)")
def read_factiva(source: Source, options: ReadOptions) -> Iterator[Article | ReadFailure]:
    text = _export_text(source)
    if not looks_like_factiva(text):
        raise IngestError(f"{source.display} has no Factiva field codes (HD, LP, TD).")
    yield from split_factiva(text, source.display)
