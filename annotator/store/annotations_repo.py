"""Span annotations and article-level codes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from annotator.core.errors import AnnotatorError, InvalidSpan, NotFound
from annotator.core.ids import now_iso
from annotator.core.models import ORIGINS, Annotation, DocumentCode
from annotator.core.spans import check_span
from annotator.store import rows
from annotator.store.codes_repo import CURRENT_VERSION_SQL
from annotator.store.documents_repo import DocumentsRepo
from annotator.store.project_db import ProjectDb


def code_facts(db: ProjectDb, code_id: str) -> dict[str, Any]:
    """What the rules for spans and article-level codes ask of a code: its name,
    scope and parent, whether it heads a group, whether its group is exclusive."""
    code = db.one(
        "SELECT c.name, c.scope, c.parent_id, EXISTS(SELECT 1 FROM codes k WHERE k.parent_id = c.id) AS heading, "
        "(SELECT p.exclusive FROM codes p WHERE p.id = c.parent_id) AS in_group FROM codes c WHERE c.id = ?",
        (code_id,),
    )
    if code is None:
        raise NotFound(f"There is no code with id {code_id}.")
    return code


_MADE_UNDER = f"coalesce(:made_under, {CURRENT_VERSION_SQL})"


class ExclusiveOverlap(AnnotatorError):
    """Two values of one exclusive group would overlap for the same coder."""


@dataclass
class SpanWrite:
    """What an annotation write did: the annotation as saved, and the previous
    state of every annotation it changed (for undo)."""

    annotation: Annotation
    before: list[Annotation] = field(default_factory=list)
    created: bool = True
    # every changed annotation as this write left it, for undo to check (filled by the coding service)
    after: list[Annotation] = field(default_factory=list)


class AnnotationsRepo:
    def __init__(self, db: ProjectDb, documents: DocumentsRepo) -> None:
        self.db = db
        self.documents = documents
        # the stored texts an intake of many spans cuts its quotes from (see _quote), else None
        self.intake_texts: dict[str, str] | None = None
        # the codebook version the coding being written was made under, when it
        # comes from a coder's package; None: made now, under today's version
        self.made_under: int | None = None

    # --- reading ---------------------------------------------------------------

    def annotation(self, annotation_id: str) -> Annotation:
        row = self.db.one("SELECT * FROM annotations WHERE id = ?", (annotation_id,))
        if row is None:
            raise NotFound(f"There is no annotation with id {annotation_id}.")
        return rows.annotation(row)

    def select(
        self,
        document_id: str | None = None,
        coder_id: str | None = None,
        *,
        include_deleted: bool = False,
        code_id: str | None = None,
    ) -> list[Annotation]:
        clauses, params = [], []
        for col, val in (("document_id", document_id), ("coder_id", coder_id), ("code_id", code_id)):
            if val is not None:
                clauses.append(f"{col} = ?")
                params.append(val)
        if not include_deleted:
            clauses.append("deleted = 0")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [
            rows.annotation(r)
            for r in self.db.rows(
                f'SELECT * FROM annotations {where} ORDER BY document_id, start, "end"', params
            )
        ]

    def annotations_for(
        self,
        document_ids: Iterable[str],
        coder_ids: Iterable[str] | None = None,
        *,
        include_deleted: bool = False,
    ) -> list[Annotation]:
        ids = list(document_ids)
        coders = list(coder_ids) if coder_ids is not None else None
        out: list[Annotation] = []
        for i in range(0, len(ids), 400):
            chunk = ids[i : i + 400]
            sql = (
                f"SELECT {rows.ANNOTATION_COLUMNS} FROM annotations "
                f"WHERE document_id IN ({','.join('?' * len(chunk))})"
            )
            params: list = list(chunk)
            if coders is not None:
                sql += f" AND coder_id IN ({','.join('?' * len(coders))})"
                params += coders
            if not include_deleted:
                sql += " AND deleted = 0"
            out.extend(
                map(rows.annotation_from_tuple, self.db.conn.execute(sql + ' ORDER BY start, "end"', params))
            )
        return out

    def annotation_owners(self, ids: Iterable[str]) -> dict[str, str]:
        """{annotation id: coder id} for the ids that exist."""
        ids = list(ids)
        out: dict[str, str] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            out.update(
                {
                    r[0]: r[1]
                    for r in self.db.conn.execute(
                        f"SELECT id, coder_id FROM annotations WHERE id IN ({','.join('?' * len(chunk))})",
                        chunk,
                    )
                }
            )
        return out

    def count_annotations(self) -> dict[str, int]:
        """Live annotations per coder id."""
        return {
            r[0]: r[1]
            for r in self.db.conn.execute(
                "SELECT coder_id, count(*) FROM annotations WHERE deleted = 0 GROUP BY coder_id"
            )
        }

    # --- writing ---------------------------------------------------------------

    def _check(self, ann: Annotation) -> int:
        length = self.db.scalar("SELECT length FROM documents WHERE id = ?", (ann.document_id,))
        if length is None:
            raise NotFound(f"There is no document with id {ann.document_id}.")
        check_span(ann.start, ann.end, length)
        if ann.origin not in ORIGINS:
            raise InvalidSpan(f"Unknown annotation origin {ann.origin!r}.")
        return length

    def _check_rules(self, ann: Annotation) -> None:
        """The window's rules for a span, kept here so every way in (the window,
        merges, imports) obeys them: a span takes a passage code that a coder
        can pick (not a group heading, not an article-level code), and only an
        adjudicator's spans are gold."""
        code = code_facts(self.db, ann.code_id)
        if code["scope"] != "span":
            raise InvalidSpan(f"{code['name']!r} is an article-level code and cannot be given to a passage.")
        if code["heading"]:
            raise InvalidSpan(f"{code['name']!r} is a group heading; code the passage with one of its codes.")
        role = self.db.scalar("SELECT role FROM coders WHERE id = ?", (ann.coder_id,))
        if role is None:
            raise NotFound(f"There is no coder with id {ann.coder_id}.")
        if ann.origin == "adjudicated" and role != "adjudicator":
            raise InvalidSpan("Only an adjudicator's spans can be gold-standard (adjudicated) spans.")

    def _exclusive_conflict(self, ann: Annotation) -> None:
        group = self.db.scalar(
            "SELECT p.id FROM codes c JOIN codes p ON p.id = c.parent_id WHERE c.id = ? AND p.exclusive = 1",
            (ann.code_id,),
        )
        if group is None:
            return
        row = self.db.one(
            "SELECT a.id, c.name AS code, p.name AS grp FROM annotations a JOIN codes c ON c.id = a.code_id "
            "JOIN codes p ON p.id = c.parent_id WHERE a.document_id = ? AND a.coder_id = ? AND a.deleted = 0 "
            'AND c.parent_id = ? AND a.code_id <> ? AND a.start < ? AND a."end" > ? AND a.id <> ? LIMIT 1',
            (ann.document_id, ann.coder_id, group, ann.code_id, ann.end, ann.start, ann.id),
        )
        if row is not None:
            raise ExclusiveOverlap(
                f"This passage overlaps a span coded {row['code']!r}, and codes of the exclusive group "
                f"{row['grp']!r} cannot overlap; change that span's code instead."
            )

    def _quote(self, document_id: str, start: int, end: int) -> str:
        texts = self.intake_texts
        if texts is not None:
            # an intake of many spans: substr would count characters from the
            # start of a long text for every one of them
            if document_id not in texts:
                texts[document_id] = self.db.scalar("SELECT text FROM documents WHERE id = ?", (document_id,))
            return texts[document_id][start:end]
        # SQLite's substr counts characters, i.e. code points, like the offsets
        return self.db.scalar(
            "SELECT substr(text, ?, ?) FROM documents WHERE id = ?", (start + 1, end - start, document_id)
        )

    def add_annotation(self, ann: Annotation, *, stamp: str | None = None) -> SpanWrite:
        """Save a new span. Overlapping spans of the same code by the same coder
        are merged into one (the earliest keeps its id), so a coder never has two
        copies of one code on the same words. ``stamp`` (merges) is the change
        time to record instead of now."""
        self._check(ann)
        self._check_rules(ann)
        now = stamp or now_iso()
        with self.db.transaction():
            self._exclusive_conflict(ann)
            overlapping = [
                rows.annotation(r)
                for r in self.db.rows(
                    "SELECT * FROM annotations WHERE document_id = ? AND coder_id = ? AND code_id = ? "
                    'AND deleted = 0 AND start < ? AND "end" > ? ORDER BY created_at, start',
                    (ann.document_id, ann.coder_id, ann.code_id, ann.end, ann.start),
                )
            ]
            if not overlapping:
                saved = replace(
                    ann,
                    quote=self._quote(ann.document_id, ann.start, ann.end),
                    created_at=ann.created_at or now,
                    updated_at=now,
                    deleted=False,
                )
                self._insert_annotation(saved)
                return SpanWrite(saved, [], True)
            keep, others = overlapping[0], overlapping[1:]
            start = min([ann.start] + [a.start for a in overlapping])
            end = max([ann.end] + [a.end for a in overlapping])
            notes = [a.note for a in overlapping if a.note] + ([ann.note] if ann.note else [])
            merged = replace(
                keep,
                start=start,
                end=end,
                quote=self._quote(ann.document_id, start, end),
                note="\n".join(dict.fromkeys(notes)),
                updated_at=now,
            )
            self.write_annotation(merged)
            for a in others:
                self.write_annotation(replace(a, deleted=True, updated_at=now))
            return SpanWrite(merged, overlapping, False)

    def update_annotation(self, ann: Annotation, *, stamp: str | None = None) -> SpanWrite:
        """Change an annotation's code, boundaries or note."""
        before = self.annotation(ann.id)
        self._check(ann)
        self._check_rules(ann)
        now = stamp or now_iso()
        with self.db.transaction():
            self._exclusive_conflict(ann)
            clash = self.db.rows(
                "SELECT id FROM annotations WHERE document_id = ? AND coder_id = ? AND code_id = ? AND deleted = 0 "
                'AND start < ? AND "end" > ? AND id <> ?',
                (ann.document_id, ann.coder_id, ann.code_id, ann.end, ann.start, ann.id),
            )
            if clash:
                # becoming an overlap of a same-code span: merge into that one
                self.write_annotation(replace(before, deleted=True, updated_at=now))
                result = self.add_annotation(replace(ann, id=clash[0]["id"]), stamp=stamp)
                return SpanWrite(result.annotation, [before] + result.before, False)
            saved = replace(
                ann,
                quote=self._quote(ann.document_id, ann.start, ann.end),
                updated_at=now,
                created_at=before.created_at,
            )
            self.write_annotation(saved)
            return SpanWrite(saved, [before], False)

    def set_annotation_note(self, annotation_id: str, note: str) -> SpanWrite:
        before = self.annotation(annotation_id)
        saved = replace(before, note=note, updated_at=now_iso())
        with self.db.transaction():
            self.write_annotation(saved)
        return SpanWrite(saved, [before], False)

    def delete_annotation(self, annotation_id: str) -> Annotation:
        """Mark deleted (kept, so packages can carry deletions back to the lead)."""
        before = self.annotation(annotation_id)
        with self.db.transaction():
            self.db.conn.execute(
                "UPDATE annotations SET deleted = 1, updated_at = ? WHERE id = ?", (now_iso(), annotation_id)
            )
        return before

    def restore_annotations(self, states: Iterable[Annotation]) -> None:
        """Write annotations back exactly as given (undo, merges, imports)."""
        with self.db.transaction():
            for a in states:
                self._check(a)
                if self.db.scalar("SELECT 1 FROM annotations WHERE id = ?", (a.id,)):
                    self.write_annotation(a)
                else:
                    self._insert_annotation(
                        replace(
                            a,
                            quote=a.quote or self._quote(a.document_id, a.start, a.end),
                            created_at=a.created_at or now_iso(),
                            updated_at=a.updated_at or now_iso(),
                        )
                    )

    def purge_annotation(self, annotation_id: str) -> None:
        """Remove a row for good: only to undo the creation of an annotation."""
        with self.db.transaction():
            self.db.conn.execute("DELETE FROM annotations WHERE id = ?", (annotation_id,))

    def _insert_annotation(self, a: Annotation) -> None:
        self.db.conn.execute(
            'INSERT INTO annotations(id, document_id, coder_id, code_id, start, "end", quote, note, origin, '
            "created_at, updated_at, deleted, derived_from, link, model, codebook_version) VALUES (:id, "
            ":document_id, :coder_id, :code_id, :start, :end, :quote, :note, :origin, :created_at, :updated_at, "
            f":deleted, :derived_from, :link, :model, {_MADE_UNDER})",
            {**rows.annotation_row(a), "made_under": self.made_under},
        )

    def write_annotation(self, a: Annotation) -> None:
        """Every write of a span row: a new code or new boundaries are a coding
        made now, under today's codebook version; a note or a deletion is not."""
        self.db.conn.execute(
            'UPDATE annotations SET code_id = :code_id, start = :start, "end" = :end, quote = :quote, '
            "note = :note, origin = :origin, updated_at = :updated_at, deleted = :deleted, "
            "derived_from = :derived_from, link = :link, codebook_version = CASE WHEN code_id <> :code_id "
            f'OR start <> :start OR "end" <> :end THEN {_MADE_UNDER} ELSE codebook_version END '
            "WHERE id = :id",
            {**rows.annotation_row(a), "made_under": self.made_under},
        )

    # --- article-level codes ---------------------------------------------------

    def document_codes(
        self, document_id: str | None = None, coder_id: str | None = None, *, include_deleted: bool = False
    ) -> list[DocumentCode]:
        clauses, params = [], []
        if document_id is not None:
            clauses.append("document_id = ?")
            params.append(document_id)
        if coder_id is not None:
            clauses.append("coder_id = ?")
            params.append(coder_id)
        if not include_deleted:
            clauses.append("deleted = 0")
        where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
        return [rows.document_code(r) for r in self.db.rows(f"SELECT * FROM document_codes {where}", params)]

    def set_document_code(self, dc: DocumentCode) -> DocumentCode:
        """Set an article-level code; for a value of an exclusive group, the
        coder's other value of that group is removed in the same step."""
        if not self.documents.has_document(dc.document_id):
            raise NotFound(f"There is no document with id {dc.document_id}.")
        dc.updated_at = now_iso()
        with self.db.transaction():
            group = self.db.scalar(
                "SELECT p.id FROM codes c JOIN codes p ON p.id = c.parent_id WHERE c.id = ? AND p.exclusive = 1",
                (dc.code_id,),
            )
            if group is not None:
                self.db.conn.execute(
                    "UPDATE document_codes SET deleted = 1, updated_at = ? WHERE document_id = ? AND coder_id = ? "
                    "AND code_id IN (SELECT id FROM codes WHERE parent_id = ?) AND code_id <> ?",
                    (dc.updated_at, dc.document_id, dc.coder_id, group, dc.code_id),
                )
            self.db.conn.execute(
                "INSERT INTO document_codes(document_id, coder_id, code_id, value, note, updated_at, deleted, "
                f"codebook_version) VALUES (?, ?, ?, ?, ?, ?, 0, {CURRENT_VERSION_SQL}) "
                "ON CONFLICT(document_id, coder_id, code_id) DO UPDATE SET "
                "value = excluded.value, note = excluded.note, updated_at = excluded.updated_at, deleted = 0, "
                "codebook_version = excluded.codebook_version",
                (dc.document_id, dc.coder_id, dc.code_id, dc.value, dc.note, dc.updated_at),
            )
        return dc

    def put_document_code_state(self, dc: DocumentCode) -> None:
        """Write an article-level code exactly as given (merges, undo)."""
        with self.db.transaction():
            self.db.conn.execute(
                "INSERT INTO document_codes(document_id, coder_id, code_id, value, note, updated_at, deleted, "
                f"codebook_version) VALUES (?, ?, ?, ?, ?, ?, ?, coalesce(?, {CURRENT_VERSION_SQL})) "
                "ON CONFLICT(document_id, coder_id, code_id) DO UPDATE SET "
                "value = excluded.value, note = excluded.note, updated_at = excluded.updated_at, "
                "deleted = excluded.deleted, codebook_version = CASE WHEN document_codes.value <> excluded.value "
                "OR document_codes.deleted > excluded.deleted THEN excluded.codebook_version "
                "ELSE document_codes.codebook_version END",
                (
                    dc.document_id,
                    dc.coder_id,
                    dc.code_id,
                    dc.value,
                    dc.note,
                    dc.updated_at or now_iso(),
                    int(dc.deleted),
                    self.made_under,
                ),
            )

    def remove_document_code(self, document_id: str, coder_id: str, code_id: str) -> None:
        with self.db.transaction():
            self.db.conn.execute(
                "UPDATE document_codes SET deleted = 1, updated_at = ? WHERE document_id = ? AND coder_id = ? "
                "AND code_id = ?",
                (now_iso(), document_id, coder_id, code_id),
            )
