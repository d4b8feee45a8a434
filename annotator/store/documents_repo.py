"""Documents and their segments: the part of the repository that grows with
the corpus, so listings never load texts."""

from __future__ import annotations

import re
import sqlite3
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from annotator.core.errors import AmbiguousDocument, NotFound
from annotator.core.ids import now_iso
from annotator.core.models import Document, DocumentSummary, Segmentation
from annotator.store import rows
from annotator.store.project_db import ProjectDb

_SORTS = {
    "title": "d.title COLLATE NOCASE",
    "outlet": "d.outlet COLLATE NOCASE",
    "published": "d.published",
    "batch": "b.name COLLATE NOCASE",
    "added": "d.rowid",
    "status": "status",
    "length": "d.length",
}


def fts_query(text: str) -> str:
    """Turn what a user types into a safe FTS5 query: every word must occur,
    the last one as a prefix; quotes keep phrases."""
    phrases = re.findall(r'"([^"]+)"', text)
    rest = re.sub(r'"[^"]*"', " ", text)
    words = re.findall(r"\w+", rest)
    parts = ['"' + p.replace('"', "") + '"' for p in phrases]
    parts += ['"' + w + '"' for w in words]
    if words and not text.rstrip().endswith('"'):
        parts[-1] = parts[-1] + "*"
    return " ".join(parts)


class DocumentsRepo:
    def __init__(self, db: ProjectDb) -> None:
        self.db = db

    def add_documents(
        self,
        documents: Iterable[Document],
        segmentations: dict[str, Segmentation] | None = None,
        signatures: dict[str, bytes] | None = None,
    ) -> list[str]:
        """Store documents (with their segments and near-duplicate signatures) in
        one transaction; return the ids actually added: a document already in the
        project is skipped."""
        documents = list(documents)
        now = now_iso()
        segmentations = segmentations or {}
        signatures = signatures or {}
        conn = self.db.conn
        with self.db.transaction():
            # Inside the write transaction nobody else can add a document, so
            # the ids looked up here are the ones the inserts would collide with.
            present = self.existing_document_ids([d.id for d in documents])
            fresh: list[Document] = []
            for doc in documents:
                if doc.id not in present:
                    present.add(doc.id)
                    fresh.append(doc)
            # one statement per table for the whole chunk: a statement per row
            # costs a Python round trip per article and table
            self._insert_documents([rows.document_row(d, now) for d in fresh])
            conn.executemany(
                _PUT_SEGMENTATION,
                [rows.segmentation_row(segmentations[d.id]) for d in fresh if d.id in segmentations],
            )
            conn.executemany(
                "INSERT OR REPLACE INTO document_signatures(document_id, signature) VALUES (?, ?)",
                [(d.id, signatures[d.id]) for d in fresh if d.id in signatures],
            )
        return [d.id for d in fresh]

    def _insert_documents(self, doc_rows: list[dict[str, Any]]) -> None:
        # Many rows per INSERT statement: the full-text index, filled by the
        # insert trigger, then takes the rows of a statement in one go; one
        # statement per row made it write a small index segment per article
        # (1,000 articles: 0.13 s against 0.06 s).
        per_statement = max(
            1, self.db.conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(_DOC_FIELDS)
        )
        for i in range(0, len(doc_rows), per_statement):
            part = doc_rows[i : i + per_statement]
            values = ", ".join([_DOC_PLACEHOLDERS] * len(part))
            self.db.conn.execute(
                f"INSERT INTO documents({', '.join(_DOC_FIELDS)}) VALUES {values}",
                [row[f] for row in part for f in _DOC_FIELDS],
            )

    def add_document(self, document: Document, segmentation: Segmentation | None = None) -> bool:
        return bool(self.add_documents([document], {document.id: segmentation} if segmentation else None))

    def has_document(self, document_id: str) -> bool:
        return self.db.scalar("SELECT 1 FROM documents WHERE id = ?", (document_id,)) is not None

    def existing_document_ids(self, ids: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            q = ",".join("?" * len(chunk))
            found.update(
                r[0] for r in self.db.conn.execute(f"SELECT id FROM documents WHERE id IN ({q})", chunk)
            )
        return found

    def document(self, document_id: str, *, with_raw: bool = True) -> Document:
        """One document; ``with_raw=False`` leaves the imported original (which
        can be a large blob) on disk, for views that show the cleaned text."""
        cols = "*" if with_raw else ", ".join(_DOC_COLS)
        row = self.db.one(f"SELECT {cols} FROM documents WHERE id = ?", (document_id,))
        if row is None:
            raise NotFound(f"There is no document with id {document_id}.")
        return rows.document(_with_raw(row))

    def find_document(self, key: str) -> Document:
        """A document by id, id prefix (as printed by the CLI), exact title, or
        a title prefix or substring that only one document has (letter case
        ignored). Several matches raise :class:`AmbiguousDocument` naming them."""
        found = self.match_documents(key)
        if len(found) == 1:
            return found[0]
        if not found:
            raise NotFound(f"No document matches {key!r}; give its id, its title or a part of the title.")
        raise AmbiguousDocument(key, found)

    def match_documents(self, key: str, *, limit: int = 10) -> list[Document]:
        """The documents ``key`` names, the most exact kind of match first: the
        id, a unique id prefix, the exact title, then titles starting with
        ``key`` before titles containing it (up to ``limit``)."""
        row = self.db.one("SELECT * FROM documents WHERE id = ?", (key,))
        if row is None and len(key) >= 6:
            found = self.db.rows("SELECT * FROM documents WHERE id LIKE ? LIMIT 2", (key + "%",))
            row = found[0] if len(found) == 1 else None
        if row is not None:
            return [rows.document(row)]
        exact = self.db.rows("SELECT * FROM documents WHERE title = ? LIMIT ?", (key, limit))
        if exact:
            return [rows.document(r) for r in exact]
        wanted = " ".join(key.split()).casefold()
        if not wanted:
            return []
        # titles are compared in Python: SQLite's lower() and LIKE fold ASCII only
        starts: list[str] = []
        contains: list[str] = []
        for doc_id, title in self.db.conn.execute("SELECT id, title FROM documents ORDER BY rowid"):
            folded = " ".join((title or "").split()).casefold()
            if folded.startswith(wanted):
                starts.append(doc_id)
            elif wanted in folded:
                contains.append(doc_id)
        ids = (starts + contains)[:limit]
        return [self.document(i) for i in ids]

    def document_text(self, document_id: str) -> str:
        text = self.db.scalar("SELECT text FROM documents WHERE id = ?", (document_id,))
        if text is None:
            raise NotFound(f"There is no document with id {document_id}.")
        return text

    def document_lengths(self, ids: Iterable[str] | None = None) -> dict[str, int]:
        if ids is None:
            return {r[0]: r[1] for r in self.db.conn.execute("SELECT id, length FROM documents")}
        ids = list(ids)
        out: dict[str, int] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = ",".join("?" * len(chunk))
            out.update(
                {
                    r[0]: r[1]
                    for r in self.db.conn.execute(
                        f"SELECT id, length FROM documents WHERE id IN ({q})", chunk
                    )
                }
            )
        return out

    def iter_documents(
        self, ids: Iterable[str] | None = None, *, batch_id: str | None = None, with_raw: bool = False
    ) -> Iterator[Document]:
        """Stream whole documents, one query per chunk, for exports and NLP."""
        cols = "*" if with_raw else ", ".join(_DOC_COLS)
        if ids is None:
            where, params = ("WHERE batch_id = ?", (batch_id,)) if batch_id else ("", ())
            cur = self.db.conn.execute(f"SELECT {cols} FROM documents {where} ORDER BY rowid", params)
            names = [d[0] for d in cur.description]
            for r in cur:
                yield rows.document(_with_raw(dict(zip(names, r, strict=True))))
            return
        ids = list(ids)
        for i in range(0, len(ids), 200):
            chunk = ids[i : i + 200]
            q = ",".join("?" * len(chunk))
            found = {
                r["id"]: r for r in self.db.rows(f"SELECT {cols} FROM documents WHERE id IN ({q})", chunk)
            }
            for d in chunk:
                if d in found:
                    yield rows.document(_with_raw(found[d]))

    def documents_per_batch(self) -> list[tuple[str, int]]:
        return [
            (r[0], r[1])
            for r in self.db.conn.execute(
                "SELECT coalesce(b.name, '(no batch)'), count(*) FROM documents d "
                "LEFT JOIN batches b ON b.id = d.batch_id GROUP BY d.batch_id ORDER BY min(d.rowid)"
            )
        ]

    def document_ids(self, *, batch_id: str | None = None) -> list[str]:
        if batch_id:
            return [
                r[0]
                for r in self.db.conn.execute(
                    "SELECT id FROM documents WHERE batch_id = ? ORDER BY rowid", (batch_id,)
                )
            ]
        return [r[0] for r in self.db.conn.execute("SELECT id FROM documents ORDER BY rowid")]

    def count_documents(self, **filters: Any) -> int:
        where, params = self._document_filter(**filters)
        return self.db.scalar(
            f"SELECT count(*) FROM documents d {self._status_join(filters.get('coder_id'))} {where}", params
        )

    def list_documents(
        self,
        *,
        coder_id: str | None = None,
        batch_id: str | None = None,
        status: str | None = None,
        search: str | None = None,
        assigned_only: bool = False,
        sort: str = "added",
        descending: bool = False,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[DocumentSummary]:
        """Rows for the document list, without texts. ``status`` filters on the
        coder's status, where ``to_do`` means neither in progress nor done."""
        where, params = self._document_filter(
            coder_id=coder_id, batch_id=batch_id, status=status, search=search, assigned_only=assigned_only
        )
        order = _SORTS.get(sort, "d.rowid") + (" DESC" if descending else "")
        sql = (
            "SELECT d.id, d.title, d.outlet, d.published, d.batch_id, coalesce(b.name, '') AS batch_name, "
            f"d.length, {'a.status' if coder_id else 'NULL'} AS status "
            f"FROM documents d LEFT JOIN batches b ON b.id = d.batch_id {self._status_join(coder_id)} "
            f"{where} ORDER BY {order}, d.rowid"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return [
            DocumentSummary(
                id=r[0],
                title=r[1],
                outlet=r[2],
                published=r[3],
                batch_id=r[4],
                batch_name=r[5],
                length=r[6],
                status=r[7],
            )
            for r in self.db.conn.execute(sql, params)
        ]

    def ordered_keys(
        self,
        *,
        coder_id: str | None = None,
        batch_id: str | None = None,
        status: str | None = None,
        search: str | None = None,
        assigned_only: bool = False,
        sort: str = "added",
        descending: bool = False,
    ) -> array:
        """The row keys of the listing, in list order: read once per filter and
        sort, so any page is then a range of keys (``summaries_by_keys``)
        however deep in the list it is, instead of an OFFSET that walks every
        row before it."""
        where, params = self._document_filter(
            coder_id=coder_id, batch_id=batch_id, status=status, search=search, assigned_only=assigned_only
        )
        order = _SORTS.get(sort, "d.rowid") + (" DESC" if descending else "")
        batches = "LEFT JOIN batches b ON b.id = d.batch_id" if sort == "batch" else ""
        # The order of import is the rowid's: sorting the keys here lets SQLite read them from
        # any small index instead of walking the table's pages, texts and all.
        by_rowid = sort not in _SORTS or sort == "added"
        # A coder's unsorted list follows the queue their assignment drew (the order
        # TrainingRepo.queue gives), so hidden checks and training articles sit where
        # the draw put them, not where the import did.
        queued = by_rowid and bool(coder_id) and self._has_queue(coder_id)
        # the join to the coder's statuses costs a lookup per document: only when filtered or sorted by them
        by_status = bool(coder_id) and (
            queued
            or sort == "status"
            or assigned_only
            or (bool(status) and status not in ("to_do", "assigned"))
        )
        status_col = "a.status" if by_status else "NULL"
        if queued:  # sorted by SQLite: cheaper than sorting (place, key) pairs here
            way = " DESC" if descending else ""
            order_by = f" ORDER BY (a.queue_position IS NULL){way}, a.queue_position{way}, d.rowid{way}"
        else:
            order_by = "" if by_rowid else f" ORDER BY {order}, d.rowid"
        sql = (
            f"SELECT d.rowid, {status_col} AS status FROM documents d {batches} "
            f"{self._status_join(coder_id if by_status else None)} {where}" + order_by
        )
        keys = [r[0] for r in self.db.conn.execute(sql, params).fetchall()]
        if by_rowid and not queued:
            keys.sort(reverse=descending)
        return array("q", keys)

    def _has_queue(self, coder_id: str | None) -> bool:
        return bool(
            self.db.scalar(
                "SELECT EXISTS(SELECT 1 FROM assignments WHERE coder_id = ? AND queue_position IS NOT NULL)",
                (coder_id,),
            )
        )

    def summaries_by_keys(self, keys: Sequence[int], *, coder_id: str | None = None) -> list[DocumentSummary]:
        """The listing rows of ``keys`` (from ``ordered_keys``), in that order; a
        key whose document is gone is left out."""
        out: dict[int, DocumentSummary] = {}
        for i in range(0, len(keys), 500):
            chunk = [int(k) for k in keys[i : i + 500]]
            sql = (
                "SELECT d.rowid, d.id, d.title, d.outlet, d.published, d.batch_id, coalesce(b.name, ''), "
                f"d.length, {'a.status' if coder_id else 'NULL'} "
                f"FROM documents d LEFT JOIN batches b ON b.id = d.batch_id {self._status_join(coder_id)} "
                f"WHERE d.rowid IN ({','.join(str(k) for k in chunk)})"
            )
            for r in self.db.conn.execute(sql, {"coder_id": coder_id}).fetchall():
                out[r[0]] = DocumentSummary(*r[1:])
        return [out[k] for k in map(int, keys) if k in out]

    def document_key(self, document_id: str) -> int | None:
        """The row key of a document (see ``ordered_keys``)."""
        return self.db.scalar("SELECT rowid FROM documents WHERE id = ?", (document_id,))

    @staticmethod
    def _status_join(coder_id: str | None) -> str:
        if not coder_id:
            return ""
        return "LEFT JOIN assignments a ON a.document_id = d.id AND a.coder_id = :coder_id"

    def _document_filter(
        self,
        *,
        coder_id: str | None = None,
        batch_id: str | None = None,
        status: str | None = None,
        search: str | None = None,
        assigned_only: bool = False,
    ) -> tuple[str, dict[str, Any]]:
        clauses, params = [], {"coder_id": coder_id}
        if batch_id:
            clauses.append("d.batch_id = :batch_id")
            params["batch_id"] = batch_id
        if coder_id and assigned_only:
            clauses.append("a.coder_id IS NOT NULL")
        if coder_id and status:
            if status in ("to_do", "assigned"):
                # neither in progress nor done: a short list to look in, not a lookup per document
                clauses.append(
                    "d.id NOT IN (SELECT document_id FROM assignments "
                    "WHERE coder_id = :coder_id AND status IN ('in_progress', 'done'))"
                )
            else:
                clauses.append("a.status = :status")
                params["status"] = status
        if search and search.strip():
            q = fts_query(search)
            if q:
                clauses.append("d.rowid IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH :q)")
                params["q"] = q
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    # --- near-duplicate signatures ------------------------------------------------

    def put_signatures(self, signatures: dict[str, bytes]) -> None:
        with self.db.transaction():
            self.db.conn.executemany(
                "INSERT OR REPLACE INTO document_signatures(document_id, signature) VALUES (?, ?)",
                list(signatures.items()),
            )

    def iter_signatures(self) -> Iterator[tuple[str, bytes]]:
        yield from self.db.conn.execute("SELECT document_id, signature FROM document_signatures")

    # --- segments ----------------------------------------------------------------

    def set_segmentations(self, segmentations: Iterable[Segmentation]) -> None:
        with self.db.transaction():
            self.db.conn.executemany(_PUT_SEGMENTATION, [rows.segmentation_row(s) for s in segmentations])

    def segmentation(self, document_id: str) -> Segmentation | None:
        row = self.db.one("SELECT * FROM segments WHERE document_id = ?", (document_id,))
        return rows.segmentation(row) if row else None

    def segmentations(self, ids: Iterable[str]) -> dict[str, Segmentation]:
        ids = list(ids)
        out: dict[str, Segmentation] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            q = ",".join("?" * len(chunk))
            for r in self.db.rows(f"SELECT * FROM segments WHERE document_id IN ({q})", chunk):
                out[r["document_id"]] = rows.segmentation(r)
        return out

    def documents_without_segments(self, model: str | None = None) -> list[str]:
        if model is None:
            sql, params = (
                (
                    "SELECT d.id FROM documents d LEFT JOIN segments s ON s.document_id = d.id "
                    "WHERE s.document_id IS NULL ORDER BY d.rowid"
                ),
                (),
            )
        else:
            sql, params = (
                (
                    "SELECT d.id FROM documents d LEFT JOIN segments s ON s.document_id = d.id "
                    "WHERE s.document_id IS NULL OR s.model <> ? ORDER BY d.rowid"
                ),
                (model,),
            )
        return [r[0] for r in self.db.conn.execute(sql, params)]


_DOC_FIELDS = (
    "id",
    "batch_id",
    "title",
    "outlet",
    "author",
    "published",
    "url",
    "language",
    "text",
    "length",
    "raw",
    "source_path",
    "metadata",
    "cleaning",
    "added_at",
)
_DOC_PLACEHOLDERS = "(" + ", ".join("?" * len(_DOC_FIELDS)) + ")"
_PUT_SEGMENTATION = (
    "INSERT INTO segments(document_id, model, tokens, sentences, paragraphs, entities) "
    "VALUES (:document_id, :model, :tokens, :sentences, :paragraphs, :entities) "
    "ON CONFLICT(document_id) DO UPDATE SET model = excluded.model, tokens = excluded.tokens, "
    "sentences = excluded.sentences, paragraphs = excluded.paragraphs, entities = excluded.entities"
)
_DOC_COLS = (
    "id",
    "batch_id",
    "title",
    "outlet",
    "author",
    "published",
    "url",
    "language",
    "text",
    "length",
    "source_path",
    "metadata",
    "cleaning",
    "added_at",
)


def _with_raw(row: dict[str, Any]) -> dict[str, Any]:
    row.setdefault("raw", None)
    return row
