"""JSON Lines: one record per line, told apart by ``"type"``.

Records come in this order: ``coder``, ``code`` (the codebook, parents before
children), ``document`` (metadata and, unless left out, the text),
``annotation`` (the CSV columns) and ``document_code`` (article-level codes).
With the texts included the file is self-contained; without them an import
attaches to the texts of an existing project.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path
from typing import Any, cast

from annotator.core.errors import ExchangeError
from annotator.core.ids import document_id
from annotator.core.models import ROLES, Code, Coder, Document, Role
from annotator.core.output_files import atomic_output
from annotator.core.safe_open import open_regular
from annotator.core.task import NULL_STATE, TaskState
from annotator.exchange.bundle import (
    ImportResult,
    ProjectData,
    advance,
    plain_metadata,
)
from annotator.exchange.doccano_format import MARKERS as DOCCANO_MARKERS
from annotator.exchange.doccano_format import read_doccano_lines
from annotator.exchange.export_source import ExportSource
from annotator.exchange.json_lines import json_lines
from annotator.exchange.prodigy_format import MARKERS as PRODIGY_MARKERS
from annotator.exchange.prodigy_format import read_prodigy_lines
from annotator.exchange.tabular import (
    code_from_row,
    code_rows,
    rows_to_data,
)
from annotator.exchange.task_matching import TaskReader
from annotator.exchange.textmap import OffsetMap


def output_path(out: Path) -> Path:
    return out if out.suffix.lower() in {".jsonl", ".ndjson", ".json"} else out / "annotations.jsonl"


def export_jsonl(
    data: ExportSource, out: Path, *, state: TaskState = NULL_STATE, include_texts: bool = True
) -> list[Path]:
    path = output_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    facts = data.facts()
    total = facts.annotations + facts.document_codes + facts.documents
    done = 0
    with atomic_output(path, encoding="utf-8", newline="\n") as fh:

        def put(record: dict[str, Any]) -> None:
            fh.write(json.dumps(record, ensure_ascii=False))
            fh.write("\n")

        for c in data.coders:
            put({"type": "coder", "id": c.id, "name": c.name, "color": c.color, "role": c.role})
        for row in code_rows(data):
            put({"type": "code", **row})
        for d in data.iter_documents():
            record = {
                "type": "document",
                "document_id": d.id,
                "title": d.title,
                "outlet": d.outlet,
                "author": d.author,
                "published": d.published,
                "url": d.url,
                "language": d.language,
                "metadata": plain_metadata(d.metadata),
            }
            if include_texts:
                record["text"] = d.text
            put(record)
            done += 1
            advance(state, done, total)
        for kind in ("annotation", "document_code"):
            for lines in data.json_records(kind):
                fh.write(lines)
                done += lines.count("\n")
                advance(state, done, total)
        advance(state, total, total)
    return [path]


def import_jsonl(
    path: Path, *, existing: ProjectData | None = None, coder: str | None = None
) -> ImportResult:
    if path.is_dir():
        path = path / "annotations.jsonl"
    lines = json_lines(path)
    try:
        first = next(lines, None)
    except ExchangeError as e:
        if _holds_a_list(path):
            raise ExchangeError(LIST_MESSAGE.format(where=path.name)) from e
        raise
    if first is None:
        return rows_to_data([], [], existing)
    other = task_format(*first)
    if other is not None:
        # a doccano or Prodigy export given as this program's JSONL: read it as what it is
        reader = TaskReader(path.name, existing, coder=coder)
        read_lines = {"doccano": read_doccano_lines, "prodigy": read_prodigy_lines}[other]
        read_lines(reader, itertools.chain([first], lines))
        reader.warnings.insert(0, f"{path.name} was read as a {TASK_LABELS[other]} file.")
        return reader.result()
    if coder:
        raise ExchangeError(f"{path.name} names its coders itself; a coder name applies to task files only.")
    warnings: list[str] = []
    coders: list[Coder] = []
    codes: list[Code] = []
    documents: list[Document] = []
    ann_rows: list[tuple[str, dict[str, Any]]] = []
    dc_rows: list[tuple[str, dict[str, Any]]] = []
    declared_ids: dict[str, str] = {}
    remaps: dict[str, OffsetMap] = {}
    for where, record in itertools.chain([first], lines):
        if not isinstance(record, dict):
            raise ExchangeError(f"{where} is not a JSON object.")
        kind = record.get("type", "annotation")
        if kind == "annotation":
            ann_rows.append((where, record))
        elif kind == "document_code":
            dc_rows.append((where, record))
        elif kind == "coder":
            coders.append(_coder(record, where))
        elif kind == "code":
            codes.append(code_from_row(record, where))
        elif kind == "document":
            doc, offsets = _document(record, where)
            if doc is not None:
                declared = str(record.get("document_id") or "")
                if offsets is not None:
                    remaps[declared or document_id(record["text"])] = offsets
                    declared_ids[declared or document_id(record["text"])] = doc.id
                    warnings.append(
                        f"{where}: the text was normalised (NFC, \\n line endings) "
                        "and the offsets moved with it."
                    )
                elif declared and declared != doc.id:
                    declared_ids[declared] = doc.id
                    warnings.append(
                        f"{where}: the text does not match the document id {declared}; "
                        "it was attached by its content instead."
                    )
                documents.append(doc)
        else:
            warnings.append(f"{where}: skipped a record of unknown type {kind!r}.")
    for _, row in ann_rows + dc_rows:
        old_id = str(row.get("document_id"))
        row["document_id"] = declared_ids.get(old_id, row.get("document_id"))
        offsets = remaps.get(old_id)
        if offsets is not None and "start" in row:
            try:
                row["start"], row["end"] = offsets.span(int(row["start"]), int(row["end"]))
                row["quote"] = ""
            except (TypeError, ValueError, IndexError):
                pass  # reported as a bad span when the row is read
    base = existing or ProjectData()
    if documents:
        known = base.document_index()
        merged = list(base.documents) + [d for d in documents if d.id not in known]
        base = ProjectData(merged, base.codebook, base.coders, [], [])
    result = rows_to_data(ann_rows, dc_rows, base, codes=codes, coders=coders)
    result.warnings[:0] = warnings
    return result


TASK_LABELS = {"doccano": "doccano", "prodigy": "Prodigy"}
LIST_MESSAGE = (
    "{where} is a JSON list of tasks, not JSON Lines; read a Label Studio export with --format labelstudio."
)


def _holds_a_list(path: Path) -> bool:
    with open_regular(path, error=ExchangeError) as fh:
        return fh.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"[")


def task_format(where: str, record: Any) -> str | None:
    """ "doccano" or "prodigy" when the first record is a task of those tools
    rather than one of this program's typed records; an error for a file
    that is neither, since reading it as rows would find nothing."""
    if isinstance(record, list) and record and isinstance(record[0], dict) and "data" in record[0]:
        raise ExchangeError(LIST_MESSAGE.format(where=where))
    if not isinstance(record, dict) or "type" in record or "text" not in record:
        return None
    if any(k in record for k in PRODIGY_MARKERS):
        return "prodigy"
    if any(k in record for k in DOCCANO_MARKERS):
        return "doccano"
    raise ExchangeError(
        f"{where} is a task with a text but no spans this program knows; name its format with "
        "--format doccano|prodigy|labelstudio."
    )


def _coder(r: dict[str, Any], where: str) -> Coder:
    if not r.get("id") or not r.get("name"):
        raise ExchangeError(f"{where}: a coder record needs an id and a name.")
    role = cast(Role, r.get("role")) if r.get("role") in ROLES else "coder"
    return Coder(name=str(r["name"]), id=str(r["id"]), color=str(r.get("color") or "#4477aa"), role=role)


def _document(r: dict[str, Any], where: str) -> tuple[Document | None, OffsetMap | None]:
    raw = r.get("text")
    if raw is None:
        return None, None
    if not isinstance(raw, str) or not raw:
        raise ExchangeError(f"{where}: the document text must be a non-empty string.")
    offsets = OffsetMap(raw)
    text = offsets.text
    if text == raw:
        offsets = None
    metadata = cast(dict[str, Any], r.get("metadata")) if isinstance(r.get("metadata"), dict) else {}
    return Document(
        text=text,
        raw=raw if offsets is not None else None,
        id=document_id(text),
        title=str(r.get("title") or ""),
        outlet=str(r.get("outlet") or ""),
        author=str(r.get("author") or ""),
        published=str(r.get("published") or ""),
        url=str(r.get("url") or ""),
        language=str(r.get("language") or "en"),
        metadata=metadata,
    ), offsets
