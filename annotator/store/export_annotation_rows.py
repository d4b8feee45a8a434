"""The exported annotation table's rows, finished in Python a document at a
time: the quote cell, and the cells of the document the spans are on.

The quote cell is the stored ``quote`` where it equals the span cut from its
text, else the cut SQLite makes. SQLite's ``substr`` counts the characters
from a text's start for every span (a tenth of a CSV export's time), while
Python slices a text in constant time. So the table's query reads the stored
quote, each document's text is read once beside it, and a document's quotes
are compared with their slices in one list comparison. The store cuts every quote it writes, but another program
can edit the column or a text behind its back: a quote that differs, one
whose cell must be escaped, or one on a text Python and SQLite would cut
differently (a NUL, bytes that are not UTF-8, a text stored as a blob) is
replaced, row by row, by the cell the SQL cut gives, so the export writes
what it always wrote.

A document's title, outlet, date, URL and id repeat on each of its spans: a
spreadsheet's guard (``annotator.core.cells.escape_row``) is applied to them
once per document here rather than once per span in SQL, and a document's
rows are rebuilt only when one of them needs it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from itertools import groupby
from operator import itemgetter
from types import TracebackType
from typing import Any, NoReturn

from annotator.core.export_view import ANNOTATION_COLUMNS

_START, _END, _QUOTE = (ANNOTATION_COLUMNS.index(c) for c in ("start", "end", "quote"))
# the document's cells lead each row, its id first, as stored
_DOCUMENT_CELLS = ANNOTATION_COLUMNS.index("coder_id")
_document = itemgetter(0)
_quote = itemgetter(_QUOTE)
# the cut as the table's query made it, for one row: a text's rowid and the span
_CUT = "substr(d.text, :start + 1, :end - :start)"


def stored_quote(problem: str, risky: str | None) -> str:
    """The quote column's SQL: the stored quote; NULL (so cut again) where the
    offsets are not a span Python slices as SQLite cuts, or where its first
    character is one of ``risky`` (the code points a spreadsheet cell
    escapes); 0, which no quote is, for a row the export refuses (``problem``),
    found in the pass the rows make anyway."""
    valid = 'a.start >= 0 AND a."end" > a.start'
    if risky:
        valid += f" AND unicode(a.quote) NOT IN ({risky})"
    return f"CASE WHEN {problem} THEN 0 WHEN {valid} THEN a.quote END"


class AnnotationRows:
    """Finishes the chunks of one annotation table query (its document cells
    left as stored, its quote column ``stored_quote``) against the texts of
    its documents, read by a second cursor in the same order (document
    rowid), over the same documents (``where``, ``params``: the query's filter
    on d and a) and, begun while the first reads, in the same snapshot; one
    text at a time, so memory stays flat however long the texts are.
    ``cell`` is the SQL every other cell went through, ``escape`` its Python
    twin for a row's cells (None when ``cell`` leaves them as they are)."""

    def __init__(
        self,
        conn: sqlite3.Connection,
        cell: Callable[[str], str],
        escape: Callable[[Sequence[Any]], list[Any]] | None,
        where: str,
        params: Sequence[Any],
        refuse: Callable[[], NoReturn],
    ) -> None:
        self.conn = conn
        self._cell = cell
        self._escape = escape
        self._refuse = refuse
        # texts are compared as the UTF-8 SQLite keeps them: a file in UTF-16 has every quote cut in SQL
        self._utf8 = conn.execute("PRAGMA encoding").fetchone()[0] == "UTF-8"
        self._where = where
        self._params = list(params)
        self._docs: sqlite3.Cursor | None = None
        self._ahead: list[tuple[Any, int, bytes | None]] = []  # fetched, not yet reached
        self._doc: Any = None  # the document whose spans are being finished, by its id
        self._text: str | None = None
        self._rowid = 0

    def __enter__(self) -> AnnotationRows:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._docs is not None:
            self._docs.close()

    def finished(self, chunk: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        start, end, cells = _START, _END, _DOCUMENT_CELLS
        out: list[tuple[Any, ...]] = []
        changed = False
        for doc, group in groupby(chunk, _document):
            rows = list(group)
            text = self._reach(doc)
            try:
                same = [text[r[start] : r[end]] for r in rows] == list(map(_quote, rows))  # type: ignore[index]
            except TypeError:  # a text not to slice (None), offsets that are not integers
                same = False
            if not same:
                rows = [r if self._same(r) else self._recut(r) for r in rows]
                changed = True
            if self._escape is not None:
                shown = tuple(self._escape(rows[0][:cells]))
                if shown != rows[0][:cells]:
                    rows = [shown + r[cells:] for r in rows]
                    changed = True
            out += rows
        return out if changed else chunk

    def _same(self, row: tuple[Any, ...]) -> bool:
        text, start, end, quote = self._text, row[_START], row[_END], row[_QUOTE]
        return (
            text is not None
            and quote is not None
            and type(start) is int
            and type(end) is int
            and 0 <= start < end
            and text[start:end] == quote
        )

    def _recut(self, row: tuple[Any, ...]) -> tuple[Any, ...]:
        if type(row[_QUOTE]) is int:  # the marker of a row to refuse
            self._refuse()
        cut = self.conn.execute(
            f"SELECT {self._cell(_CUT)} FROM documents d WHERE d.rowid = :rowid",
            {"start": row[_START], "end": row[_END], "rowid": self._rowid},
        ).fetchone()[0]
        return (*row[:_QUOTE], cut, *row[_QUOTE + 1 :])

    def _reach(self, doc: Any) -> str | None:
        """The text of ``doc``, the next document with rows (or the current one)."""
        if doc == self._doc:
            return self._text
        if self._docs is None:
            self._docs = self.conn.execute(
                "SELECT d.id, d.rowid, CASE WHEN typeof(d.text) = 'text' "
                "THEN CAST(d.text AS BLOB) END FROM documents d WHERE EXISTS (SELECT 1 FROM annotations a "
                f"{self._where} AND a.document_id = d.id) ORDER BY d.rowid",
                self._params,
            )
        while True:
            if not self._ahead:
                self._ahead = self._docs.fetchmany(16)[::-1]  # a few texts at a time
                if not self._ahead:
                    raise RuntimeError(
                        f"the document {doc!r} of exported spans is not among the exported documents"
                    )
            key, rowid, raw = self._ahead.pop()
            if key == doc:
                self._doc, self._text, self._rowid = doc, _sliceable(raw) if self._utf8 else None, rowid
                return self._text


def _sliceable(raw: bytes | None) -> str | None:
    """The text, where Python's slices are SQLite's cuts."""
    if raw is None or b"\x00" in raw:  # SQLite's substr stops at a NUL
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:  # SQLite counts such bytes its own way
        return None
