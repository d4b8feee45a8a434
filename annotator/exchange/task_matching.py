"""Reading task-per-document files (Prodigy, doccano, Label Studio) onto a
project: each task's text finds the project's document, its labels find codes,
and its spans become the rows :func:`rows_to_data` checks and attaches.

A task is matched by its exact text, then by its text brought to the stored
form (NFC, ``\\n`` line endings; the offsets move with it, DESIGN.md section
3), then by this program's document id when the task carries one. A task
whose text is not in the project is counted and skipped; only a file read
without a project (``existing`` None) brings its texts as new documents.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from annotator.core.ids import document_id
from annotator.core.models import Document
from annotator.exchange.bundle import ImportResult, ProjectData
from annotator.exchange.tabular import rows_to_data
from annotator.exchange.textmap import OffsetMap


@dataclass
class TaskDocument:
    """A task's document in the project, and how to read the task's offsets."""

    document: Document
    file_text: str
    offsets: OffsetMap | None  # the file's text was normalised: offsets move
    by_id: bool = False  # matched by id only: the texts may differ


class TaskReader:
    """Collects one file's tasks as annotation and article-code rows."""

    def __init__(self, source: str, existing: ProjectData | None, *, coder: str | None = None):
        self.source = source
        self.existing = existing
        self.default_coder = (coder or "").strip()
        self._base = existing or ProjectData()
        self._documents = self._base.document_index()
        self._new_documents: list[Document] = []
        self.annotation_rows: list[tuple[str, dict[str, Any]]] = []
        self.document_code_rows: list[tuple[str, dict[str, Any]]] = []
        self.warnings: list[str] = []
        self._missing: list[str] = []
        self._nameless: list[str] = []
        self._paths: dict[str, str] = {}

    # documents ----------------------------------------------------------------
    def document(self, text: Any, declared_id: Any, where: str) -> TaskDocument | None:
        """The project's document for a task, or None (counted) when its text is not there."""
        declared = str(declared_id or "").strip()
        if isinstance(text, str) and text:
            found = self._documents.get(document_id(text))
            if found is not None:
                return TaskDocument(found, text, None)
            offsets = OffsetMap(text)
            if not offsets.identity:
                found = self._documents.get(document_id(offsets.text))
                if found is not None:
                    return TaskDocument(found, text, offsets)
            if declared in self._documents:
                return TaskDocument(self._documents[declared], text, None, by_id=True)
            if self.existing is None:
                doc = Document(
                    text=offsets.text,
                    raw=None if offsets.identity else text,
                    id=document_id(offsets.text),
                )
                self._documents[doc.id] = doc
                self._new_documents.append(doc)
                return TaskDocument(doc, text, None if offsets.identity else offsets)
        elif declared in self._documents:
            found = self._documents[declared]
            return TaskDocument(found, found.text, None)
        self._missing.append(where)
        return None

    # codes and coders ---------------------------------------------------------
    def code_path(self, label: Any) -> str:
        """A label as the path of a project code: the path itself, else the
        one code of that name; otherwise the label (a new code at that path)."""
        label = str(label).strip()
        if label not in self._paths:
            codebook = self._base.codebook
            found = label
            if label and codebook.by_path(label) is None:
                named = [c for c in codebook if c.name.strip().casefold() == label.casefold()]
                found = codebook.path(named[0].id) if len(named) == 1 else label
            self._paths[label] = found
        return self._paths[label]

    def coder(self, from_file: Any, where: str) -> str:
        """The coder a task names, else the one given by the user (``--coder``)."""
        given = from_file if isinstance(from_file, str | int) and not isinstance(from_file, bool) else ""
        name = str(given).strip() or self.default_coder
        if not name:
            self._nameless.append(where)
        return name

    # rows ---------------------------------------------------------------------
    def span(
        self,
        task: TaskDocument,
        where: str,
        *,
        start: Any,
        end: Any,
        label: Any,
        coder: str,
        note: Any = "",
        origin: str = "",
    ) -> None:
        if not self._names_a_code(label, where):
            return
        row: dict[str, Any] = {
            "document_id": task.document.id,
            "coder": coder,
            "code": self.code_path(label),
            "start": start,
            "end": end,
            "note": "" if note is None else str(note),
            "origin": origin,
        }
        if task.offsets is not None:
            try:
                row["start"], row["end"] = task.offsets.span(int(start), int(end))
            except (TypeError, ValueError, IndexError):
                pass  # reported as a bad span when the row is read
        elif task.by_id:
            # the file's text differs from the project's: keep a span only
            # where both texts read the same
            try:
                s, e = int(start), int(end)
            except (TypeError, ValueError, OverflowError):
                pass  # reported as a bad span when the row is read
            else:
                row["quote"] = task.file_text[s:e] if 0 <= s < e else ""
        self.annotation_rows.append((where, row))

    def article_code(
        self, task: TaskDocument, where: str, *, label: Any, coder: str, value: Any = "1"
    ) -> None:
        if not self._names_a_code(label, where):
            return
        self.document_code_rows.append(
            (
                where,
                {
                    "document_id": task.document.id,
                    "coder": coder,
                    "code": self.code_path(label),
                    "value": "1" if value in (None, "", True) else str(value),
                },
            )
        )

    def _names_a_code(self, label: Any, where: str) -> bool:
        if isinstance(label, str) and label.strip():
            return True
        self.warnings.append(f"{where}: skipped, its label {json.dumps(label)[:60]} is not a code's name.")
        return False

    def skipped(self, n: int, what: str) -> None:
        if n:
            self.warnings.append(f"{n} {what} in {self.source} were skipped.")

    def result(self) -> ImportResult:
        base = self.existing if self.existing is not None else ProjectData(documents=self._new_documents)
        result = rows_to_data(self.annotation_rows, self.document_code_rows, base)
        notes: list[str] = []
        if self._missing:
            notes.append(
                f"{len(self._missing)} task(s) in {self.source} were skipped: their text is not in "
                f"the project (the first at {self._missing[0]})."
            )
        if self._nameless:
            notes.append(
                f"{len(self._nameless)} task(s) in {self.source} name no coder (the first at "
                f"{self._nameless[0]}); their codings went to 'Unknown coder': give --coder to name one."
            )
        result.warnings[:0] = self.warnings + notes
        return result


def as_list(value: Any) -> list[Any]:
    """A field that should be a list, or [] for anything else a file may hold."""
    return value if isinstance(value, list) else []


def as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def int_hash(*parts: object) -> int:
    """A stable signed 32-bit number, as Prodigy's task and input hashes are."""
    import hashlib

    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big", signed=True)
