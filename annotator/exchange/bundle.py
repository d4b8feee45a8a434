"""The project data an exchange format carries, independent of the store.

Converters read and write :class:`ProjectData`; the services layer moves it in
and out of a project file. Keeping the converters free of the database makes
every format testable on plain objects.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from annotator.core.cells import escape_row
from annotator.core.codebook import Codebook
from annotator.core.export_view import (
    CELL_SIZE,
    DOCUMENT_FIELDS,
    DocumentCodings,
    ExportFacts,
    TableKind,
    annotation_values,
    document_code_values,
    json_record,
)
from annotator.core.models import Annotation, Code, Coder, Document, DocumentCode, Scope
from annotator.core.task import TaskState

TABLE_CHUNK = 1000  # rows of the annotation table handed over at once


@dataclass
class ProjectData:
    """Documents, codebook, coders and their codings, as one exchangeable unit.

    Every annotation and document code refers to a document, coder and code in
    the same bundle by id.
    """

    documents: list[Document] = field(default_factory=list)
    codebook: Codebook = field(default_factory=Codebook)
    coders: list[Coder] = field(default_factory=list)
    annotations: list[Annotation] = field(default_factory=list)
    document_codes: list[DocumentCode] = field(default_factory=list)

    refuses_problem_rows = False  # not a field: its problems() are found before writing

    def document_index(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    def coder_index(self) -> dict[str, Coder]:
        return {c.id: c for c in self.coders}

    def select(
        self, *, coder_ids: set[str] | None = None, document_ids: set[str] | None = None
    ) -> ProjectData:
        """The part of the data an export was asked for (``--coders``, ``--batch``):
        those coders' codings on those documents; the codebook stays whole."""

        def keep(doc_id: str, coder_id: str) -> bool:
            return (document_ids is None or doc_id in document_ids) and (
                coder_ids is None or coder_id in coder_ids
            )

        return ProjectData(
            documents=[d for d in self.documents if document_ids is None or d.id in document_ids],
            codebook=self.codebook,
            coders=[c for c in self.coders if coder_ids is None or c.id in coder_ids],
            annotations=[a for a in self.annotations if keep(a.document_id, a.coder_id)],
            document_codes=[dc for dc in self.document_codes if keep(dc.document_id, dc.coder_id)],
        )

    def problems(self) -> list[str]:
        """Broken references and spans that would make an export unreadable
        elsewhere, one sentence each."""
        docs = self.document_index()
        coders = self.coder_index()
        out: list[str] = []
        for a in self.annotations:
            if a.deleted:
                continue
            doc = docs.get(a.document_id)
            if doc is None:
                out.append(f"Annotation {a.id} refers to document {a.document_id}, which is not exported.")
            elif not 0 <= a.start < a.end <= len(doc.text):
                out.append(
                    f"Annotation {a.id} spans {a.start}-{a.end}, outside its document "
                    f"({len(doc.text)} characters)."
                )
            if a.code_id not in self.codebook:
                out.append(f"Annotation {a.id} has the code {a.code_id}, which is not in the codebook.")
            if a.coder_id not in coders:
                out.append(f"Annotation {a.id} is by coder {a.coder_id}, who is not exported.")
        for dc in self.document_codes:
            if dc.document_id not in docs or dc.code_id not in self.codebook or dc.coder_id not in coders:
                out.append(
                    f"An article-level code of document {dc.document_id} refers to a document, code "
                    "or coder that is not exported."
                )
        return out

    def live_annotations(self) -> list[Annotation]:
        """Annotations that are not deleted, in document, coder and offset order."""
        order = {d.id: i for i, d in enumerate(self.documents)}
        return sorted(
            (a for a in self.annotations if not a.deleted),
            key=lambda a: (order.get(a.document_id, len(order)), a.coder_id, a.start, a.end, a.code_id),
        )

    # --- the export view (annotator.exchange.export_source), from memory -----

    def iter_documents(self) -> Iterator[Document]:
        return iter(self.documents)

    def codings(self) -> Iterator[DocumentCodings]:
        by_doc: dict[str, list[Annotation]] = {}
        for a in self.live_annotations():
            by_doc.setdefault(a.document_id, []).append(a)
        doc_codes: dict[str, list[DocumentCode]] = {}
        for dc in self.document_codes:
            doc_codes.setdefault(dc.document_id, []).append(dc)
        for d in self.documents:
            yield DocumentCodings(d, by_doc.get(d.id, []), doc_codes.get(d.id, []))

    def table(self, kind: TableKind, *, spreadsheet: bool = False) -> Iterator[list[tuple[Any, ...]]]:
        rows = self._values(kind)
        while chunk := list(islice(rows, TABLE_CHUNK)):
            yield [tuple(escape_row(r)) for r in chunk] if spreadsheet else chunk

    def json_records(self, kind: TableKind) -> Iterator[str]:
        rows = self._values(kind)
        while chunk := list(islice(rows, TABLE_CHUNK)):
            yield "".join(json_record(kind, r) for r in chunk)

    def _values(self, kind: TableKind) -> Iterator[tuple[Any, ...]]:
        if kind == "annotation":
            return annotation_values(self.codings(), self.coders, self.codebook)
        return document_code_values(self.document_code_entries(), self.coders, self.codebook)

    def document_code_entries(self) -> Iterator[tuple[DocumentCode, Document | None]]:
        docs = self.document_index()
        for dc in self.document_codes:
            yield dc, docs.get(dc.document_id)

    def table_size(self, kind: TableKind) -> int:
        if kind == "annotation":
            return sum(1 for a in self.annotations if not a.deleted)
        return len(self.document_codes)

    def facts(self) -> ExportFacts:
        live = [a for a in self.annotations if not a.deleted]
        docs = self.documents
        return ExportFacts(
            documents=len(docs),
            annotations=len(live),
            document_codes=len(self.document_codes),
            documents_with_metadata=sum(
                1 for d in docs if d.outlet or d.published or d.url or d.author or d.metadata
            ),
            documents_with_extra_metadata=sum(1 for d in docs if d.metadata),
            documents_with_more_than_title_and_url=sum(
                1 for d in docs if d.outlet or d.published or d.author or d.metadata
            ),
            annotations_not_manual=sum(1 for a in live if a.origin != "manual"),
            annotations_timed=sum(1 for a in live if a.created_at or a.updated_at),
            notes_with_carriage_returns=sum(1 for a in live if "\r" in a.note),
            annotations_too_long_for_a_cell=sum(
                1 for a in live if len(a.note) > CELL_SIZE or a.end - a.start > CELL_SIZE
            ),
            filled_fields=frozenset(f for f in DOCUMENT_FIELDS if any(getattr(d, f) for d in docs)),
        )


@dataclass
class ImportResult:
    """What an import produced, and what the user should be told about it.

    ``data`` is self-contained: its documents, codes and coders are those the
    imported codings refer to, with ids already reconciled against the
    ``existing`` project data given to the importer (the same text is the same
    document, a code or coder found by id or name keeps its id).
    """

    data: ProjectData
    warnings: list[str] = field(default_factory=list)


class Reconciler:
    """Finds or creates documents, codes and coders for an import, reusing
    those of an existing project so nothing is duplicated."""

    def __init__(self, existing: ProjectData | None = None):
        existing = existing or ProjectData()
        self._existing_docs = existing.document_index()
        self._existing_codebook = existing.codebook
        self._existing_coders = list(existing.coders)
        self._existing_annotations = {
            (a.document_id, a.coder_id, a.code_id, a.start, a.end): a.id
            for a in existing.annotations
            if not a.deleted
        }
        self.documents: dict[str, Document] = {}
        self.codes: dict[str, Code] = {}
        self.coders: dict[str, Coder] = {}

    # documents --------------------------------------------------------------
    def document(self, doc: Document) -> Document:
        """The document with this text: an existing one if the text is known."""
        if doc.id in self.documents:
            return self.documents[doc.id]
        found = self._existing_docs.get(doc.id, doc)
        self.documents[found.id] = found
        return found

    def known_document(self, doc_id: str) -> Document | None:
        return self.documents.get(doc_id) or self._existing_docs.get(doc_id)

    # coders -----------------------------------------------------------------
    def coder(self, name: str, coder_id: str | None = None, **extra) -> Coder:
        for pool in (list(self.coders.values()), self._existing_coders):
            for c in pool:
                if coder_id and c.id == coder_id:
                    return self._keep_coder(c)
            for c in pool:
                if name and c.name.casefold() == name.casefold():
                    return self._keep_coder(c)
        name = name or "Unknown coder"
        # a coder known only by name gets the same id on every import
        return self._keep_coder(Coder(name=name, id=coder_id or stable_id("coder", name.casefold()), **extra))

    def _keep_coder(self, c: Coder) -> Coder:
        self.coders.setdefault(c.id, c)
        return self.coders[c.id]

    # codes ------------------------------------------------------------------
    def existing_code(self, code_id: str) -> Code | None:
        return self.codes.get(code_id) or self._existing_codebook.get(code_id)

    def code(self, code: Code) -> Code:
        """Keep ``code`` (from the imported file) unless one with its id exists."""
        found = self.existing_code(code.id) or code
        self.codes.setdefault(found.id, found)
        return self.codes[found.id]

    def code_by_path(self, path: list[str], *, code_id: str | None = None, scope: Scope = "span") -> Code:
        """The code at ``path`` (names from the root), found by id, then by
        path, created with its missing parents otherwise."""
        from annotator.core.codebook import PALETTE, stable_code_id

        if code_id:
            found = self.existing_code(code_id)
            if found is not None:
                return self.code(found)
        parent: Code | None = None
        for depth, name in enumerate(path):
            last = depth == len(path) - 1
            match = self._child(parent.id if parent else None, name)
            if match is None:
                joined = "/".join(path[: depth + 1])
                cid = code_id if last and code_id else stable_code_id(joined)
                siblings = [c for c in self.codes.values() if c.parent_id == (parent.id if parent else None)]
                colour = parent.color if parent is not None else PALETTE[len(self.codes) % len(PALETTE)]
                match = Code(
                    name=name,
                    id=cid,
                    parent_id=parent.id if parent else None,
                    color=colour,
                    scope=scope,
                    order=len(siblings),
                )
            parent = self.code(match)
        assert parent is not None
        return parent

    def adopt_tree(self, codes: list[Code]) -> dict[str, Code]:
        """Take a codebook read from a file: each code maps to an existing code
        with its id, else to an existing sibling of the same name, else is kept
        (under its mapped parent). Returns file code id -> project code."""
        by_id = {c.id: c for c in codes}
        mapped: dict[str, Code] = {}

        def visit(c: Code, seen: frozenset[str]) -> Code:
            if c.id in mapped:
                return mapped[c.id]
            parent = None
            if c.parent_id and c.parent_id in by_id and c.parent_id not in seen:
                parent = visit(by_id[c.parent_id], seen | {c.id})
            found = self.existing_code(c.id) or self._child(parent.id if parent else None, c.name)
            if found is None:
                c.parent_id = parent.id if parent else None
                found = c
            mapped[c.id] = self.code(found)
            return mapped[c.id]

        for c in codes:
            visit(c, frozenset())
        return mapped

    def _child(self, parent_id: str | None, name: str) -> Code | None:
        key = name.strip().casefold()
        for c in list(self.codes.values()) + list(self._existing_codebook):
            if c.parent_id == parent_id and c.name.strip().casefold() == key:
                return c
        return None

    def codebook(self, name: str = "") -> Codebook:
        """The codes used, with every ancestor, so the tree is complete."""
        for c in list(self.codes.values()):
            p = c.parent_id
            while p and p not in self.codes:
                parent = self._existing_codebook.get(p)
                if parent is None:
                    break
                self.codes[p] = parent
                p = parent.parent_id
        return Codebook(codes=list(self.codes.values()), name=name or self._existing_codebook.name)

    def project_data(
        self, annotations: list[Annotation], document_codes: list[DocumentCode], *, codebook_name: str = ""
    ) -> ProjectData:
        # An annotation the project already has (same document, coder, code and
        # offsets) keeps the project's id, whatever id the file gave it, so a
        # format that cannot carry ids (brat) does not duplicate on re-import.
        for a in annotations:
            a.id = self._existing_annotations.get(
                (a.document_id, a.coder_id, a.code_id, a.start, a.end), a.id
            )
        return ProjectData(
            documents=list(self.documents.values()),
            codebook=self.codebook(codebook_name),
            coders=list(self.coders.values()),
            annotations=annotations,
            document_codes=document_codes,
        )


_IMPORT_NAMESPACE = uuid.UUID("9c4f6a0e-2d7b-4f1e-8a3c-5e6d7f8a9b0c")


def stable_id(*parts: object) -> str:
    """An id derived from what identifies an imported item, so importing the
    same file twice gives the same ids and the store can tell it has them."""
    return str(uuid.uuid5(_IMPORT_NAMESPACE, "\x1f".join(str(p) for p in parts)))


def annotation_id(a: Annotation) -> str:
    return stable_id("annotation", a.document_id, a.coder_id, a.code_id, a.start, a.end)


def plain_metadata(metadata: dict) -> dict:
    """Document metadata as plain JSON values (dates and other objects become
    strings), so every format can hold it."""
    import json

    try:
        return json.loads(json.dumps(metadata, default=str, ensure_ascii=False))
    except (TypeError, ValueError):
        return {str(k): str(v) for k, v in metadata.items()}


def code_path_parts(codebook: Codebook, code_id: str) -> list[str]:
    path = codebook.path(code_id, sep="\x00")
    return path.split("\x00") if path else []


def advance(state: TaskState, done: int, total: int) -> None:
    """Tell the caller how far an export is, and stop it if they asked to: the
    writer's atomic outputs (or its ``remove_partial``) then leave no file."""
    state.set_progress(done, total)
    state.check("The export was cancelled; no file was written.")


def remove_partial(paths: list) -> None:
    for p in paths:
        try:
            p.unlink()
        except OSError:
            pass
