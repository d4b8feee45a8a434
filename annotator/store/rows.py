"""Conversions between table rows and core dataclasses."""

from __future__ import annotations

import json
from array import array
from collections.abc import Sequence
from typing import Any

from annotator.core.codebook import Code
from annotator.core.errors import ProjectError
from annotator.core.models import (
    Annotation,
    Assignment,
    Batch,
    Coder,
    Document,
    DocumentCode,
    Segmentation,
    Suggestion,
)


def _ints(blob: bytes | None) -> array:
    a = array("i")
    if blob:
        a.frombytes(blob)
    return a


def document(row: dict[str, Any]) -> Document:
    return Document(
        id=row["id"],
        text=row["text"],
        title=row["title"],
        outlet=row["outlet"],
        author=row["author"],
        published=row["published"],
        url=row["url"],
        language=row["language"],
        batch_id=row["batch_id"],
        raw=row["raw"],
        source_path=row["source_path"],
        metadata=json.loads(row["metadata"] or "{}"),
        cleaning=json.loads(row["cleaning"] or "[]"),
        added_at=row["added_at"],
    )


def document_row(doc: Document, added_at: str) -> dict[str, Any]:
    raw = doc.raw
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    return {
        "id": doc.id,
        "batch_id": doc.batch_id,
        "title": doc.title or "",
        "outlet": doc.outlet or "",
        "author": doc.author or "",
        "published": doc.published or "",
        "url": doc.url or "",
        "language": doc.language or "en",
        "text": doc.text,
        "length": len(doc.text),
        "raw": raw,
        "source_path": doc.source_path or "",
        "metadata": json.dumps(doc.metadata or {}, ensure_ascii=False, default=str),
        "cleaning": json.dumps(doc.cleaning or [], ensure_ascii=False),
        "added_at": doc.added_at or added_at,
    }


def code(row: dict[str, Any]) -> Code:
    return Code(
        id=row["id"],
        parent_id=row["parent_id"],
        name=row["name"],
        description=row["description"],
        color=row["color"],
        shortcut=row["shortcut"],
        scope=row["scope"],
        order=row["sort_order"],
        archived=bool(row["archived"]),
        exclusive=bool(row["exclusive"]),
        level=row["level"],
    )


def code_row(c: Code) -> dict[str, Any]:
    return {
        "id": c.id,
        "parent_id": c.parent_id,
        "name": c.name,
        "description": c.description or "",
        "color": c.color,
        "shortcut": c.shortcut or "",
        "scope": c.scope,
        "sort_order": c.order,
        "archived": int(c.archived),
        "exclusive": int(c.exclusive),
        "level": c.level,
    }


def coder(row: dict[str, Any]) -> Coder:
    return Coder(id=row["id"], name=row["name"], color=row["color"], role=row["role"])


def annotation(row: dict[str, Any]) -> Annotation:
    return Annotation(
        id=row["id"],
        document_id=row["document_id"],
        coder_id=row["coder_id"],
        code_id=row["code_id"],
        start=row["start"],
        end=row["end"],
        quote=row["quote"],
        note=row["note"],
        origin=row["origin"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        deleted=bool(row["deleted"]),
        derived_from=_derived(row["derived_from"]),
        link=row["link"],
        model=row["model"],
    )


ANNOTATION_COLUMNS = (
    'id, document_id, coder_id, code_id, start, "end", quote, note, origin, created_at, '
    "updated_at, deleted, derived_from, link, model"
)


def annotation_from_tuple(r: tuple) -> Annotation:
    """For bulk reads (agreement over a whole corpus): no per-row dict."""
    return Annotation(
        r[1], r[2], r[3], r[4], r[5], r[0], r[6], r[7], r[8], r[9], r[10], bool(r[11]), _derived(r[12]), r[13],
        r[14],
    )  # fmt: skip


def _derived(value: str | None) -> tuple[str, ...]:
    if not value or value == "[]":  # almost every annotation: skip the JSON parser
        return ()
    try:
        items = json.loads(value)
    except ValueError:
        items = None
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise ProjectError(
            "An annotation's derived_from value is not a list of annotation ids, so the file was "
            "damaged or edited outside Annotator."
        )
    return tuple(items)


def annotation_row(a: Annotation) -> dict[str, Any]:
    return {
        "id": a.id,
        "document_id": a.document_id,
        "coder_id": a.coder_id,
        "code_id": a.code_id,
        "start": a.start,
        "end": a.end,
        "quote": a.quote,
        "note": a.note or "",
        "origin": a.origin,
        "created_at": a.created_at,
        "updated_at": a.updated_at,
        "deleted": int(a.deleted),
        "derived_from": json.dumps(list(a.derived_from)),
        "link": a.link,
        "model": a.model,
    }


def document_code(row: dict[str, Any]) -> DocumentCode:
    return DocumentCode(
        document_id=row["document_id"],
        coder_id=row["coder_id"],
        code_id=row["code_id"],
        value=row["value"],
        note=row["note"],
        updated_at=row["updated_at"],
        deleted=bool(row.get("deleted", 0)),
    )


def assignment(row: dict[str, Any]) -> Assignment:
    return Assignment(
        document_id=row["document_id"],
        coder_id=row["coder_id"],
        status=row["status"],
        updated_at=row["updated_at"],
    )


def batch(row: dict[str, Any]) -> Batch:
    return Batch(
        id=row["id"],
        name=row["name"],
        source=row["source"],
        imported_at=row["imported_at"],
        counts=json.loads(row["counts"] or "{}"),
        report=json.loads(row["report"] or "{}"),
    )


def segmentation(row: dict[str, Any]) -> Segmentation:
    tokens, sentences, paragraphs = _ints(row["tokens"]), _ints(row["sentences"]), _ints(row["paragraphs"])
    return Segmentation(
        document_id=row["document_id"],
        model=row["model"],
        token_starts=tokens[0::2],
        token_ends=tokens[1::2],
        sentence_starts=sentences[0::2],
        sentence_ends=sentences[1::2],
        paragraph_starts=paragraphs[0::2],
        paragraph_ends=paragraphs[1::2],
        entities=[tuple(e) for e in json.loads(row["entities"] or "[]")],
    )


def _interleave(starts: Sequence[int], ends: Sequence[int]) -> bytes:
    out = array("i", bytes(8 * len(starts)))
    out[0::2] = array("i", starts)
    out[1::2] = array("i", ends)
    return out.tobytes()


def segmentation_row(s: Segmentation) -> dict[str, Any]:
    return {
        "document_id": s.document_id,
        "model": s.model,
        "tokens": _interleave(s.token_starts, s.token_ends),
        "sentences": _interleave(s.sentence_starts, s.sentence_ends),
        "paragraphs": _interleave(s.paragraph_starts, s.paragraph_ends),
        "entities": json.dumps([list(e) for e in s.entities], ensure_ascii=False),
    }


def suggestion(row: dict[str, Any]) -> Suggestion:
    return Suggestion(
        id=row["id"],
        document_id=row["document_id"],
        start=row["start"],
        end=row["end"],
        kind=row["kind"],
        label=row["label"],
        detail=json.loads(row["detail"] or "{}"),
        status=row["status"],
        model=row["model"],
    )


def suggestion_row(s: Suggestion) -> dict[str, Any]:
    return {
        "id": s.id,
        "document_id": s.document_id,
        "start": s.start,
        "end": s.end,
        "kind": s.kind,
        "label": s.label or "",
        "detail": json.dumps(s.detail or {}, ensure_ascii=False, default=str),
        "status": s.status,
        "model": s.model,
    }
