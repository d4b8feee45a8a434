"""The one way annotations from outside the window enter a project: merged
packages and every annotation import (REFI-QDA, brat, CSV, JSONL, DocBin).

Each incoming annotation passes the same rules as a span made in the window
(``AnnotationsRepo._check`` and ``_check_rules``, exclusive groups, merging of
same-code overlaps), plus the rules only outside data can break: an existing
annotation id never changes document or coder, the quote is always cut from
the stored text, and a change time later than now is recorded as now (a
forged far-future clock must not win every later merge). An annotation that
breaks a rule is refused with its reason; the others go in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from annotator.core.errors import InvalidSpan, NotFound
from annotator.core.ids import now_iso
from annotator.core.models import Annotation, DocumentCode
from annotator.store.annotations_repo import AnnotationsRepo, ExclusiveOverlap, code_facts
from annotator.store.documents_repo import DocumentsRepo
from annotator.store.project_db import ProjectDb

# Rule breaks that refuse one incoming row; anything else (a full disk, a
# locked file) aborts the whole intake and rolls it back.
_REFUSALS = (InvalidSpan, NotFound, ExclusiveOverlap)

# Rows of one coder on one article, beyond which an intake adds no new span.
# The overlap checks scan a coder's rows on the article for every span added,
# so a hostile file with 200,000 separate spans on one long text would take
# hours; a news article coded by hand has a few dozen, token-level coding of a
# long feature a few thousand.
MAX_ROWS_PER_ARTICLE = 5000


@dataclass
class Intake:
    """What an intake did, row by row: the counts add up to the rows given."""

    added: int = 0
    updated: int = 0
    deleted: int = 0
    merged: int = 0  # absorbed into an overlapping span of the same code and coder
    unchanged: int = 0
    refused: list[str] = field(default_factory=list)
    clamped: int = 0  # change times in the future, recorded as the intake's time


def _same(a: Annotation, b: Annotation) -> bool:
    return (a.code_id, a.start, a.end, a.note, a.deleted, a.origin, a.link, tuple(a.derived_from)) == (
        b.code_id,
        b.start,
        b.end,
        b.note,
        b.deleted,
        b.origin,
        b.link,
        tuple(b.derived_from),
    )


class AnnotationIntake:
    def __init__(self, db: ProjectDb, annotations: AnnotationsRepo, documents: DocumentsRepo) -> None:
        self.db = db
        self.annotations = annotations
        self.documents = documents

    def take_annotations(
        self, incoming: Iterable[Annotation], made_under: Mapping[str, int | None] | None = None
    ) -> Intake:
        """Write annotations from a package or a file, each under the store's
        rules, in one transaction; see the module docstring. ``made_under``
        (a package's) gives the codebook version each annotation id was made
        under; the others are stamped with today's."""
        out = Intake()
        now = now_iso()
        rows_held: dict[tuple[str, str], int] = {}
        self.annotations.intake_texts = {}
        try:
            with self.db.transaction():
                for a in incoming:
                    self.db.conn.execute("SAVEPOINT intake_row")
                    self.annotations.made_under = made_under.get(a.id) if made_under else None
                    try:
                        self._take_one(a, now, out, rows_held)
                    except _REFUSALS as exc:
                        self.db.conn.execute("ROLLBACK TO intake_row")
                        reason = str(exc)
                        out.refused.append(
                            f"the span {a.start}-{a.end} of {a.document_id[:12]}: "
                            f"{reason[:1].lower()}{reason[1:]}"
                        )
                    self.db.conn.execute("RELEASE intake_row")
        finally:
            self.annotations.intake_texts = None
            self.annotations.made_under = None
        return out

    def _take_one(self, a: Annotation, now: str, out: Intake, rows_held: dict[tuple[str, str], int]) -> None:
        stamp = a.updated_at or now
        if stamp > now:
            stamp = now
            clamped = out.clamped + 1  # counted once the row is written
        else:
            clamped = out.clamped
        written = out.added + out.updated + out.deleted + out.merged
        self._place(a, stamp, out, rows_held)
        if out.added + out.updated + out.deleted + out.merged > written:
            out.clamped = clamped

    def _place(self, a: Annotation, stamp: str, out: Intake, rows_held: dict[tuple[str, str], int]) -> None:
        owner = self.db.one("SELECT document_id, coder_id FROM annotations WHERE id = ?", (a.id,))
        if owner is not None:
            if owner["document_id"] != a.document_id:
                raise InvalidSpan(
                    f"The annotation {a.id} belongs to another document, and an annotation never "
                    "moves to another document."
                )
            if owner["coder_id"] != a.coder_id:
                raise InvalidSpan(
                    f"The annotation {a.id} belongs to another coder, and an annotation never changes coder."
                )
            current = self.annotations.annotation(a.id)
            if _same(current, a):
                out.unchanged += 1
            elif a.deleted:
                # a deletion brings nothing but itself: the row keeps its code and offsets
                self.annotations.write_annotation(replace(current, deleted=True, updated_at=stamp))
                if current.deleted:
                    out.unchanged += 1
                else:
                    out.deleted += 1
            else:
                write = self.annotations.update_annotation(replace(a, deleted=False), stamp=stamp)
                if write.annotation.id == a.id:
                    out.updated += 1
                else:
                    out.merged += 1
            return
        if a.deleted:
            out.unchanged += 1  # made and deleted elsewhere: nothing to bring
            return
        key = (a.document_id, a.coder_id)
        if key not in rows_held:
            rows_held[key] = self.db.scalar(
                "SELECT count(*) FROM annotations WHERE document_id = ? AND coder_id = ?", key
            )
        if rows_held[key] >= MAX_ROWS_PER_ARTICLE:
            raise InvalidSpan(
                f"The coder already has {MAX_ROWS_PER_ARTICLE:,} spans on this article (deleted ones "
                "included), the limit up to which an import or merge adds spans."
            )
        write = self.annotations.add_annotation(a, stamp=stamp)
        if write.created:
            rows_held[key] += 1
            out.added += 1
        else:
            out.merged += 1

    def take_document_codes(
        self,
        incoming: Iterable[DocumentCode],
        made_under: Mapping[tuple[str, str, str], int | None] | None = None,
    ) -> Intake:
        """Article-level codes from a package or a file, under the window's
        rules: an article-level code a coder can pick, and at most one live
        value of an exclusive group per coder and article. Deletions go first,
        so a change from one value to another is not taken for a clash."""
        out = Intake()
        now = now_iso()
        rows = sorted(incoming, key=lambda dc: not dc.deleted)
        with self.db.transaction():
            for dc in rows:
                try:
                    self._check_document_code(dc)
                except _REFUSALS as exc:
                    reason = str(exc)
                    out.refused.append(
                        f"the article-level code on {dc.document_id[:12]}: {reason[:1].lower()}{reason[1:]}"
                    )
                    continue
                stamp = dc.updated_at or now
                if stamp > now:
                    stamp = now
                    out.clamped += 1
                key = (dc.document_id, dc.coder_id, dc.code_id)
                self.annotations.made_under = made_under.get(key) if made_under else None
                try:
                    self.annotations.put_document_code_state(replace(dc, updated_at=stamp))
                finally:
                    self.annotations.made_under = None
                out.updated += 1
        return out

    def _check_document_code(self, dc: DocumentCode) -> None:
        if not self.documents.has_document(dc.document_id):
            raise NotFound(f"There is no document with id {dc.document_id}.")
        code = code_facts(self.db, dc.code_id)
        if code["scope"] != "document":
            raise InvalidSpan(f"{code['name']!r} is a passage code and cannot be set for a whole article.")
        if code["heading"]:
            raise InvalidSpan(f"{code['name']!r} is a group heading; set one of its codes instead.")
        if self.db.scalar("SELECT 1 FROM coders WHERE id = ?", (dc.coder_id,)) is None:
            raise NotFound(f"There is no coder with id {dc.coder_id}.")
        if code["in_group"] and not dc.deleted:
            other = self.db.scalar(
                "SELECT c.name FROM document_codes d JOIN codes c ON c.id = d.code_id WHERE d.document_id = ? "
                "AND d.coder_id = ? AND d.deleted = 0 AND c.parent_id = ? AND d.code_id <> ?",
                (dc.document_id, dc.coder_id, code["parent_id"], dc.code_id),
            )
            if other is not None:
                raise ExclusiveOverlap(
                    f"{code['name']!r} and {other!r} are values of one exclusive group, and a "
                    "coder gives an article only one of them."
                )
