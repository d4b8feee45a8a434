"""One row per annotation (and per article-level code): the table shared by the
CSV, JSONL and XLSX formats, and its reading back onto known texts."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, cast

from annotator.core.errors import ExchangeError, InvalidSpan
from annotator.core.export_view import ANNOTATION_COLUMNS as ANNOTATION_COLUMNS
from annotator.core.export_view import DOCUMENT_CODE_COLUMNS as DOCUMENT_CODE_COLUMNS
from annotator.core.models import (
    LEVELS,
    ORIGINS,
    SCOPES,
    Annotation,
    Code,
    Coder,
    DocumentCode,
    Level,
    Scope,
)
from annotator.core.spans import check_span
from annotator.exchange.bundle import ImportResult, ProjectData, Reconciler, annotation_id
from annotator.exchange.export_source import ExportSource

CODE_COLUMNS = (
    "code_id",
    "code",
    "name",
    "parent_id",
    "description",
    "color",
    "shortcut",
    "scope",
    "order",
    "exclusive",
    "archived",
    "level",
)
DOCUMENT_COLUMNS = ("document_id", "title", "outlet", "author", "published", "url", "language", "length")


def annotation_values(data: ExportSource) -> Iterator[tuple[Any, ...]]:
    """One row of ``ANNOTATION_COLUMNS`` per live annotation, a document at a
    time (streamed from a project file)."""
    for chunk in data.table("annotation"):
        yield from chunk


def document_code_values(data: ExportSource) -> Iterator[tuple[Any, ...]]:
    """One row of ``DOCUMENT_CODE_COLUMNS`` per article-level code."""
    for chunk in data.table("document_code"):
        yield from chunk


def annotation_rows(data: ExportSource) -> Iterator[dict[str, Any]]:
    for values in annotation_values(data):
        yield dict(zip(ANNOTATION_COLUMNS, values, strict=True))


def document_code_rows(data: ExportSource) -> Iterator[dict[str, Any]]:
    for values in document_code_values(data):
        yield dict(zip(DOCUMENT_CODE_COLUMNS, values, strict=True))


def code_rows(data: ExportSource | ProjectData) -> Iterator[dict[str, Any]]:
    for _, c in data.codebook.walk():
        yield {
            "code_id": c.id,
            "code": data.codebook.path(c.id),
            "name": c.name,
            "parent_id": c.parent_id or "",
            "description": c.description,
            "color": c.color,
            "shortcut": c.shortcut,
            "scope": c.scope,
            "order": c.order,
            "exclusive": c.exclusive,
            "archived": c.archived,
            "level": c.level,
        }


def document_rows(data: ExportSource) -> Iterator[dict[str, Any]]:
    for d in data.iter_documents():
        yield {
            "document_id": d.id,
            "title": d.title,
            "outlet": d.outlet,
            "author": d.author,
            "published": d.published,
            "url": d.url,
            "language": d.language,
            "length": len(d.text),
        }


# --- reading rows back -----------------------------------------------------


def _text(row: dict[str, Any], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _int(row: dict[str, Any], key: str, where: str) -> int:
    value = row.get(key)
    try:
        if isinstance(value, bool):
            raise ValueError
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return int(str(value).strip())
    except (TypeError, ValueError):
        raise InvalidSpan(f"{where}: {key} {value!r} is not a whole number.") from None


def rows_to_data(
    annotation_rows: Iterable[tuple[str, dict[str, Any]]],
    document_code_rows: Iterable[tuple[str, dict[str, Any]]],
    existing: ProjectData | None,
    *,
    codes: Iterable[Code] = (),
    coders: Iterable[Coder] = (),
) -> ImportResult:
    """Attach rows (each with a "where" label such as ``file.csv line 4``) to
    the texts in ``existing``. Rows whose document is unknown, whose offsets
    do not fit, or whose quote differs from the text are skipped with a warning."""
    rec = Reconciler(existing)
    warnings: list[str] = []
    known_codes = {c.id: c for c in codes}
    known_coders = {c.id: c for c in coders}
    missing_docs: dict[str, int] = {}

    def code_for(row: dict[str, Any], scope: Scope) -> Code | None:
        code_id = _text(row, "code_id").strip()
        path = _text(row, "code").strip()
        if code_id and code_id in known_codes:
            _bring_with_ancestors(rec, known_codes, code_id)
            return rec.existing_code(code_id)
        if code_id and rec.existing_code(code_id):
            return rec.code(rec.existing_code(code_id))  # type: ignore[arg-type]  # found on the line above
        if existing is not None and path:
            found = existing.codebook.by_path(path)
            if found is not None:
                return rec.code(found)
        if not path and not code_id:
            return None
        parts = [p.strip() for p in path.split("/") if p.strip()] or [code_id]
        return rec.code_by_path(parts, code_id=code_id or None, scope=scope)

    def coder_for(row: dict[str, Any]) -> Coder:
        coder_id = _text(row, "coder_id").strip()
        if coder_id in known_coders:
            c = known_coders[coder_id]
            return rec.coder(c.name, c.id, color=c.color, role=c.role)
        return rec.coder(_text(row, "coder").strip(), coder_id or None)

    annotations: list[Annotation] = []
    for where, row in annotation_rows:
        doc_id = _text(row, "document_id").strip()
        doc = rec.known_document(doc_id)
        if doc is None:
            missing_docs[doc_id] = missing_docs.get(doc_id, 0) + 1
            continue
        try:
            start, end = _int(row, "start", where), _int(row, "end", where)
            check_span(start, end, len(doc.text))
        except InvalidSpan as e:
            warnings.append(f"{where}: skipped, {e}")
            continue
        quote = _text(row, "quote")
        if quote and quote != doc.text[start:end]:
            warnings.append(f"{where}: skipped, the quote does not match the document text at {start}-{end}.")
            continue
        code = code_for(row, "span")
        if code is None:
            warnings.append(f"{where}: skipped, the row names no code.")
            continue
        rec.document(doc)
        origin = _text(row, "origin").strip()
        ann_id = _text(row, "annotation_id").strip()
        ann = Annotation(
            document_id=doc.id,
            coder_id=coder_for(row).id,
            code_id=code.id,
            start=start,
            end=end,
            quote=doc.text[start:end],
            note=_text(row, "note"),
            origin=origin if origin in ORIGINS else "imported",
            created_at=_text(row, "created_at"),
            updated_at=_text(row, "updated_at"),
            link=_text(row, "link").strip() or None,
        )
        ann.id = ann_id or annotation_id(ann)
        annotations.append(ann)

    document_codes: list[DocumentCode] = []
    for where, row in document_code_rows:
        doc_id = _text(row, "document_id").strip()
        doc = rec.known_document(doc_id)
        if doc is None:
            missing_docs[doc_id] = missing_docs.get(doc_id, 0) + 1
            continue
        code = code_for(row, "document")
        if code is None:
            warnings.append(f"{where}: skipped, the row names no code.")
            continue
        rec.document(doc)
        value = _text(row, "value")
        document_codes.append(
            DocumentCode(
                document_id=doc.id,
                coder_id=coder_for(row).id,
                code_id=code.id,
                value=value if value != "" else "1",
                note=_text(row, "note"),
                updated_at=_text(row, "updated_at"),
            )
        )

    for doc_id, n in missing_docs.items():
        warnings.append(
            f"{n} row(s) for document {doc_id or '(no id)'} were skipped: its text is not in the project."
        )
    return ImportResult(rec.project_data(annotations, document_codes), warnings)


def _bring_with_ancestors(rec: Reconciler, known: dict[str, Code], code_id: str) -> None:
    chain = []
    c = known.get(code_id)
    while c is not None and c.id not in chain:
        chain.append(c.id)
        rec.code(c)
        c = known.get(c.parent_id) if c.parent_id else None


def coerce_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().casefold() in {"1", "true", "yes", "y", "x"}


def code_from_row(r: dict[str, Any], where: str) -> Code:
    if not r.get("code_id") or not r.get("name"):
        raise ExchangeError(f"{where}: a code needs a code_id and a name.")
    scope = cast(Scope, r.get("scope")) if r.get("scope") in SCOPES else "span"
    try:
        order = int(r.get("order") or 0)
    except (TypeError, ValueError):
        order = 0
    return Code(
        name=str(r["name"]),
        id=str(r["code_id"]),
        parent_id=str(r["parent_id"]) if r.get("parent_id") else None,
        description=str(r.get("description") or ""),
        color=str(r.get("color") or "#888888"),
        shortcut=str(r.get("shortcut") or ""),
        scope=scope,
        order=order,
        exclusive=coerce_bool(r.get("exclusive", False)),
        archived=coerce_bool(r.get("archived", False)),
        # files written before levels existed have none: nominal, as they were computed
        level=cast(Level, r.get("level")) if r.get("level") in LEVELS else "nominal",
    )
