"""Writing task-per-document files: each document's codings grouped by coder,
labels as code paths, and the data-loss counts the three formats share."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from annotator.core.models import Annotation, Coder, Document, DocumentCode
from annotator.exchange.bundle import ProjectData, plain_metadata

SUGGESTED = frozenset({"suggestion"})  # origins that are a machine's proposal, not a coder's decision


@dataclass
class CoderWork:
    coder: Coder
    annotations: list[Annotation] = field(default_factory=list)
    document_codes: list[DocumentCode] = field(default_factory=list)


def tasks(data: ProjectData) -> Iterator[tuple[Document, list[CoderWork]]]:
    """Each document with the work of every coder who coded it, in coder order."""
    coders = data.coders
    work: dict[tuple[str, str], CoderWork] = {}
    by_id = data.coder_index()
    for a in data.live_annotations():
        if a.coder_id in by_id:
            work.setdefault((a.document_id, a.coder_id), CoderWork(by_id[a.coder_id])).annotations.append(a)
    for dc in data.document_codes:
        if not dc.deleted and dc.coder_id in by_id:
            work.setdefault(
                (dc.document_id, dc.coder_id), CoderWork(by_id[dc.coder_id])
            ).document_codes.append(dc)
    for doc in data.documents:
        yield doc, [work[(doc.id, c.id)] for c in coders if (doc.id, c.id) in work]


def meta(doc: Document) -> dict[str, object]:
    """The document's id and the metadata a researcher sees beside the text."""
    fields = {
        "document_id": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "author": doc.author,
        "published": doc.published,
        "url": doc.url,
    }
    out: dict[str, object] = {k: v for k, v in fields.items() if v}
    extra = plain_metadata(doc.metadata)
    for k, v in extra.items():
        out.setdefault(str(k), v)
    return out


def document_labels(data: ProjectData) -> list[str]:
    """Paths of the article-level codes a coder can choose, in codebook order."""
    return [
        data.codebook.path(c.id) for _, c in data.codebook.walk() if c.scope == "document" and not c.archived
    ]


def span_labels(data: ProjectData) -> list[str]:
    return [data.codebook.path(c.id) for _, c in data.codebook.walk() if c.scope == "span" and not c.archived]


def loss_counts(data: ProjectData) -> dict[str, int]:
    live = [a for a in data.annotations if not a.deleted]
    return {
        "notes": sum(1 for a in live if a.note) + sum(1 for dc in data.document_codes if dc.note),
        "links": sum(1 for a in live if a.link),
        "origins": sum(1 for a in live if a.origin != "manual"),
        "values": sum(1 for dc in data.document_codes if dc.value not in ("", "1")),
        "suggested": sum(1 for a in live if a.origin in SUGGESTED),
        "kept_origins": sum(1 for a in live if a.origin not in SUGGESTED and a.origin != "manual"),
    }
