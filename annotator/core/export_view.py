"""What an export reads, whether from memory or streamed from a project file:
one document with its codings at a time, and the counts a format needs to
say what it cannot carry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from annotator.core.models import Annotation, Document, DocumentCode


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
