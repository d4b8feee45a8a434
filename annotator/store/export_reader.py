"""A project's exportable data read while it is written: documents in file
order, each with its live annotations and article-level codes, from cursors
that stream rows, so an export's memory does not grow with the project.

The codings are read document by document (CROSS JOIN keeps the documents
as the outer loop, each one's codings found by index), so SQLite sorts one
document's rows at a time, not the whole table in memory. The orders are
those of the in-memory bundle (``ProjectData``), so a streamed
export is byte for byte the one made from memory: documents by rowid,
annotations by document, coder, start, end and code, article-level codes by
rowid.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

from annotator.core.codebook import Codebook
from annotator.core.errors import ExchangeError
from annotator.core.export_view import CELL_SIZE, DOCUMENT_FIELDS, DocumentCodings, ExportFacts, TableKind
from annotator.core.models import Annotation, Coder, Document, DocumentCode
from annotator.store import rows
from annotator.store.export_table import PROBLEM as _PROBLEM
from annotator.store.export_table import ExportTable
from annotator.store.project_db import ProjectDb

_DOC_COLUMNS = (
    "rowid, id, batch_id, title, outlet, author, published, url, language, text, source_path, "
    "metadata, cleaning, added_at"
)
_ANN_COLUMNS = ", ".join(f"a.{c.strip()}" for c in rows.ANNOTATION_COLUMNS.split(","))
_DC_COLUMNS = "dc.document_id, dc.coder_id, dc.code_id, dc.value, dc.note, dc.updated_at"
_HAS_EXTRA = "coalesce(d.metadata, '') NOT IN ('', '{}', '[]', 'null')"


def _chunked(cur: sqlite3.Cursor, size: int = 1000) -> Iterator[tuple]:
    """A cursor's rows fetched ``size`` at a time: the project's guarded
    cursor costs a Python call per row when iterated one by one."""
    while batch := cur.fetchmany(size):
        yield from batch


def _filled(column: str) -> str:
    return f"coalesce(d.{column}, '') <> ''"


class ExportReader:
    """The chosen coders' live codings on the documents of one batch (or all)."""

    # its annotation table raises at a problem row (see problems()): an export
    # that reads the annotations only from it need not ask problems() first
    refuses_problem_rows = True

    def __init__(
        self, db: ProjectDb, codebook: Codebook, coders: Sequence[Coder], *, batch_id: str | None = None
    ) -> None:
        self.db = db
        self.codebook = codebook
        self.coders = list(coders)
        self._coder_ids = [c.id for c in self.coders]
        self._batch_id = batch_id
        self._facts: ExportFacts | None = None
        self._problems = 0  # annotations past their text or with a code not in the codebook

    # --- filters ---------------------------------------------------------------

    def _documents_where(self) -> tuple[str, list[Any]]:
        return ("WHERE d.batch_id = ?", [self._batch_id]) if self._batch_id else ("", [])

    def _codings_where(self, table: str) -> tuple[str, list[Any]]:
        marks = ",".join("?" * len(self._coder_ids))
        where = f"WHERE {table}.deleted = 0 AND {table}.coder_id IN ({marks})"
        params: list[Any] = list(self._coder_ids)
        if self._batch_id:
            where += " AND d.batch_id = ?"
            params.append(self._batch_id)
        return where, params

    # --- streams ---------------------------------------------------------------

    def iter_documents(self) -> Iterator[Document]:
        for _, doc in self._documents():
            yield doc

    def _documents(self) -> Iterator[tuple[int, Document]]:
        where, params = self._documents_where()
        cur = self.db.conn.execute(f"SELECT {_DOC_COLUMNS} FROM documents d {where} ORDER BY d.rowid", params)
        for r in _chunked(cur, 32):  # texts can be long: a few at a time
            yield (
                r[0],
                Document(
                    id=r[1],
                    batch_id=r[2],
                    title=r[3],
                    outlet=r[4],
                    author=r[5],
                    published=r[6],
                    url=r[7],
                    language=r[8],
                    text=r[9],
                    source_path=r[10],
                    metadata=json.loads(r[11] or "{}"),
                    cleaning=json.loads(r[12] or "[]"),
                    added_at=r[13],
                ),
            )

    def _annotations(self) -> Iterator[tuple[int, Annotation]]:
        where, params = self._codings_where("a")
        cur = self.db.conn.execute(
            f"SELECT d.rowid, {_ANN_COLUMNS} FROM documents d CROSS JOIN annotations a ON a.document_id = d.id "
            f'{where} ORDER BY d.rowid, a.coder_id, a.start, a."end", a.code_id',
            params,
        )
        annotation = rows.annotation_from_tuple
        while batch := cur.fetchmany(1000):  # the most numerous rows: no generator between
            for r in batch:
                yield r[0], annotation(r[1:])

    def _document_codes(self) -> Iterator[tuple[int, DocumentCode]]:
        where, params = self._codings_where("dc")
        cur = self.db.conn.execute(
            f"SELECT d.rowid, {_DC_COLUMNS} FROM documents d CROSS JOIN document_codes dc "
            f"ON dc.document_id = d.id {where} ORDER BY d.rowid, dc.rowid",
            params,
        )
        for r in _chunked(cur):
            yield r[0], DocumentCode(r[1], r[2], r[3], r[4], r[5], r[6])

    def codings(self) -> Iterator[DocumentCodings]:
        """Each document with its codings, merged from three cursors ordered by document."""
        anns = _Grouped(self._annotations())
        codes = _Grouped(self._document_codes())
        for key, doc in self._documents():
            yield DocumentCodings(doc, anns.take(key), codes.take(key))

    def _table(self, kind: TableKind) -> ExportTable:
        where, params = self._codings_where("a" if kind == "annotation" else "dc")
        return ExportTable(kind, self.db.conn, self.coders, self.codebook, where, params, refuse=self._refuse)

    def table(self, kind: TableKind, *, spreadsheet: bool = False) -> Iterator[list[tuple[Any, ...]]]:
        return self._table(kind).rows(spreadsheet=spreadsheet)

    def json_records(self, kind: TableKind) -> Iterator[str]:
        return self._table(kind).json_lines()

    def document_code_entries(self) -> Iterator[tuple[DocumentCode, Document | None]]:
        """Article-level codes in the order they were written, each with its
        document's title, outlet, date and URL (the text left empty: the
        tables that list these codes do not hold it)."""
        where, params = self._codings_where("dc")
        cur = self.db.conn.execute(
            f"SELECT {_DC_COLUMNS}, d.title, d.outlet, d.published, d.url FROM document_codes dc "
            f"JOIN documents d ON d.id = dc.document_id {where} ORDER BY dc.rowid",
            params,
        )
        for r in _chunked(cur):
            doc = Document(text="", id=r[0], title=r[6], outlet=r[7], published=r[8], url=r[9])
            yield DocumentCode(r[0], r[1], r[2], r[3], r[4], r[5]), doc

    # --- aggregates --------------------------------------------------------------

    def facts(self) -> ExportFacts:
        """Counted once per reader: the losses and the progress both ask."""
        if self._facts is None:
            self._facts = self._count()
        return self._facts

    def _count(self) -> ExportFacts:
        d_where, d_params = self._documents_where()
        docs = self.db.conn.execute(
            "SELECT count(*), "
            f"coalesce(sum({' OR '.join(_filled(c) for c in ('outlet', 'published', 'url', 'author'))} "
            f"OR {_HAS_EXTRA}), 0), "
            f"coalesce(sum({_HAS_EXTRA}), 0), "
            f"coalesce(sum({' OR '.join(_filled(c) for c in ('outlet', 'published', 'author'))} "
            f"OR {_HAS_EXTRA}), 0), "
            + ", ".join(f"coalesce(max({_filled(c)}), 0)" for c in DOCUMENT_FIELDS)
            + f" FROM documents d {d_where}",
            d_params,
        ).fetchone()
        a_where, a_params = self._codings_where("a")
        anns = self.db.conn.execute(
            "SELECT count(*), coalesce(sum(a.origin <> 'manual'), 0), "
            "coalesce(sum(a.created_at <> '' OR a.updated_at <> ''), 0), "
            "coalesce(sum(instr(a.note, char(13)) > 0), 0), "
            f'coalesce(sum(length(a.note) > {CELL_SIZE} OR a."end" - a.start > {CELL_SIZE}), 0), '
            f"coalesce(sum({_PROBLEM}), 0) "
            f"FROM annotations a JOIN documents d ON d.id = a.document_id {a_where}",
            a_params,
        ).fetchone()
        self._problems = anns[5]
        c_where, c_params = self._codings_where("dc")
        n_codes = self.db.conn.execute(
            f"SELECT count(*) FROM document_codes dc JOIN documents d ON d.id = dc.document_id {c_where}",
            c_params,
        ).fetchone()[0]
        return ExportFacts(
            documents=docs[0],
            annotations=anns[0],
            document_codes=n_codes,
            documents_with_metadata=docs[1],
            documents_with_extra_metadata=docs[2],
            documents_with_more_than_title_and_url=docs[3],
            annotations_not_manual=anns[1],
            annotations_timed=anns[2],
            notes_with_carriage_returns=anns[3],
            annotations_too_long_for_a_cell=anns[4],
            filled_fields=frozenset(f for f, on in zip(DOCUMENT_FIELDS, docs[4:], strict=True) if on),
        )

    def table_size(self, kind: TableKind) -> int:
        """The rows of ``table(kind)``: from the facts when they were counted,
        else a count of its own, cheaper than the facts' pass."""
        if self._facts is not None:
            return self._facts.annotations if kind == "annotation" else self._facts.document_codes
        a = "a" if kind == "annotation" else "dc"
        where, params = self._codings_where(a)
        table = "annotations a" if kind == "annotation" else "document_codes dc"
        joined = f" JOIN documents d ON d.id = {a}.document_id" if self._batch_id else ""
        return int(
            self.db.conn.execute(f"SELECT count(*) FROM {table}{joined} {where}", params).fetchone()[0]
        )

    def problems(self) -> list[str]:
        """Spans past their text or codes missing from the codebook: what a
        file edited outside the program could hold despite the schema's rules."""
        self.facts()  # counts them, in the pass it makes anyway
        if not self._problems:
            return []
        return self._first_problem()

    def _first_problem(self) -> list[str]:
        where, params = self._codings_where("a")
        row = self.db.conn.execute(
            f'SELECT a.id, a.start, a."end", d.length, a.code_id FROM annotations a '
            f"JOIN documents d ON d.id = a.document_id {where} AND ({_PROBLEM}) LIMIT 1",
            params,
        ).fetchone()
        if row is None:
            return []
        if row[4] not in self.codebook:
            return [f"Annotation {row[0]} has the code {row[4]}, which is not in the codebook."]
        return [f"Annotation {row[0]} spans {row[1]}-{row[2]}, outside its document ({row[3]} characters)."]

    def _refuse(self) -> NoReturn:
        found = self._first_problem()
        raise ExchangeError(
            found[0]
            if found
            else "An exported span lies outside its text or has a code missing from the codebook."
        )


class _Grouped:
    """Pulls the items of one document at a time from a stream ordered by document."""

    def __init__(self, stream: Iterator[tuple[int, Any]]) -> None:
        self._stream = stream
        self._next: tuple[int, Any] | None = next(stream, None)

    def take(self, key: int) -> list:
        out = []
        # items of a document not streamed (added since the documents were read) are skipped
        while self._next is not None and self._next[0] <= key:
            if self._next[0] == key:
                out.append(self._next[1])
            self._next = next(self._stream, None)
        return out
