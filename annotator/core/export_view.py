"""What an export reads, whether from memory or streamed from a project file:
one document with its codings at a time, and the counts a format needs to
say what it cannot carry."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from annotator.core.codebook import Codebook
from annotator.core.models import Annotation, Coder, Document, DocumentCode


class DocumentCodings(NamedTuple):
    """A document with its live annotations (in coder, start, end and code
    order) and its article-level codes."""

    document: Document
    annotations: list[Annotation]
    document_codes: list[DocumentCode]


@dataclass(frozen=True)
class ExportFacts:
    """Counts over the exported data, for progress and for the data-loss
    sentences; a project file answers them with aggregate queries."""

    documents: int = 0
    annotations: int = 0  # live ones only
    document_codes: int = 0
    documents_with_metadata: int = 0  # outlet, date, URL, author or extra metadata
    documents_with_extra_metadata: int = 0
    documents_with_more_than_title_and_url: int = 0  # outlet, date, author or extra metadata
    annotations_not_manual: int = 0
    annotations_timed: int = 0  # with a creation or change time
    notes_with_carriage_returns: int = 0
    annotations_too_long_for_a_cell: int = 0  # note or span over 32,000 characters
    filled_fields: frozenset[str] = frozenset()  # document fields at least one document fills


DOCUMENT_FIELDS = ("outlet", "published", "url", "author", "language")
CELL_SIZE = 32_000


# the tables CSV, JSONL and XLSX write: one row per live annotation, one per
# article-level code; a JSON Lines record of a row starts with its kind as "type"
TableKind = Literal["annotation", "document_code"]
ANNOTATION_COLUMNS = (
    "document_id",
    "document_title",
    "outlet",
    "published",
    "url",
    "coder_id",
    "coder",
    "code_id",
    "code",
    "start",
    "end",
    "quote",
    "note",
    "origin",
    "annotation_id",
    "link",
    "created_at",
    "updated_at",
)
DOCUMENT_CODE_COLUMNS = (
    "document_id",
    "document_title",
    "outlet",
    "published",
    "url",
    "coder_id",
    "coder",
    "code_id",
    "code",
    "value",
    "note",
    "updated_at",
)
TABLE_COLUMNS: dict[TableKind, tuple[str, ...]] = {
    "annotation": ANNOTATION_COLUMNS,
    "document_code": DOCUMENT_CODE_COLUMNS,
}


def code_paths(codebook: Codebook) -> Callable[[str], str]:
    """``codebook.path`` remembered per code: it walks up the tree on every call."""
    known: dict[str, str] = {}

    def path(code_id: str) -> str:
        found = known.get(code_id)
        if found is None:
            found = known[code_id] = codebook.path(code_id)
        return found

    return path


def annotation_values(
    codings: Iterable[DocumentCodings], coders: Sequence[Coder], codebook: Codebook
) -> Iterator[tuple[Any, ...]]:
    """One row of ``ANNOTATION_COLUMNS`` per annotation, a document at a time:
    the reference the store's SQL-built table (``annotator.store.export_table``)
    must equal."""
    names = {c.id: c.name for c in coders}
    path = code_paths(codebook)
    for doc, spans, _ in codings:
        head = (doc.id, doc.title, doc.outlet, doc.published, doc.url)
        text = doc.text
        for a in spans:
            yield (
                *head,
                a.coder_id,
                names.get(a.coder_id, ""),
                a.code_id,
                path(a.code_id),
                a.start,
                a.end,
                text[a.start : a.end],
                a.note,
                a.origin,
                a.id,
                a.link or "",
                a.created_at,
                a.updated_at,
            )


def document_code_values(
    entries: Iterable[tuple[DocumentCode, Document | None]], coders: Sequence[Coder], codebook: Codebook
) -> Iterator[tuple[Any, ...]]:
    """One row of ``DOCUMENT_CODE_COLUMNS`` per article-level code, in the order given."""
    names = {c.id: c.name for c in coders}
    path = code_paths(codebook)
    for dc, doc in entries:
        head = (
            (dc.document_id, "", "", "", "")
            if doc is None
            else (doc.id, doc.title, doc.outlet, doc.published, doc.url)
        )
        yield (
            *head,
            dc.coder_id,
            names.get(dc.coder_id, ""),
            dc.code_id,
            path(dc.code_id),
            dc.value,
            dc.note,
            dc.updated_at,
        )


def json_record(kind: TableKind, values: Sequence[Any]) -> str:
    """One row as the JSON Lines record the JSONL format writes, newline included."""
    record = {"type": kind, **dict(zip(TABLE_COLUMNS[kind], values, strict=True))}
    return json.dumps(record, ensure_ascii=False) + "\n"
