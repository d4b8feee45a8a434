"""The tables of the CSV, JSONL and XLSX exports (annotations, article-level
codes), built by SQLite.

A million annotations made into Python objects and back into cells cost more
than the writer library itself; here SQLite joins, slices the quotes out of
the texts, guards spreadsheet cells and even writes the JSON, and the format
hands whole chunks to ``csv.writer.writerows`` or the file; the annotation
table's quotes and document cells are finished a document at a time by
:mod:`annotator.store.export_annotation_rows`, cheaper than for every span.
The rows equal those of :mod:`annotator.core.export_view` built from memory (tests hold the
two together): offsets in code points (SQLite's ``substr`` counts characters
as Python does), ``json_quote`` escaping as ``json.dumps(..., ensure_ascii=False)``.

The coders' names and the codes' paths (computed in Python, as the codebook
defines them) go into two small temporary tables for the join; they live in
the connection's own temporary schema, so a read-only project works too.
"""

from __future__ import annotations

import itertools
import json
import sqlite3
from collections.abc import Callable, Generator, Iterator, Sequence
from operator import itemgetter
from typing import Any, NoReturn

from annotator.core.cells import RISKY_FIRST, escape_cell, escape_row
from annotator.core.codebook import Codebook
from annotator.core.export_view import TABLE_COLUMNS, TableKind, code_paths
from annotator.core.models import Coder
from annotator.store import export_annotation_rows

# rows a chunk holds: a few hundred stay in the processor's cache between SQLite
# making them and the writer reading them; a thousand (about a megabyte of
# objects) did not, and writing took a fifth longer
CHUNK = 256
# escape_cell quotes a cell starting with one of these; one starting with + or -
# only when it is not a number, which Python's rule decides
_RISKY = ",".join(str(ord(c)) for c in sorted(RISKY_FIRST))
_SIGNS = f"{ord('+')},{ord('-')}"
_ESCAPE_FUNCTION = "annotator_escape_cell"
_first = itemgetter(0)
_names = itertools.count()  # two tables of one connection never share a name
# an annotation a file edited outside the program could hold despite the
# schema's rules: past its text, or with a code missing from the codebook
PROBLEM = 'a."end" > d.length OR a.code_id NOT IN (SELECT id FROM codes)'


def _columns(
    kind: TableKind,
    cell: Callable[[str], str],
    quote: str | None = None,
    document_cell: Callable[[str], str] | None = None,
) -> tuple[str, list[str]]:
    """The table's columns as SQL, each text through ``cell``, and the rows
    they come from: documents d, the codings a, the temporary tables c
    (coders) and k (codes). A code missing from the codebook has no path (the
    export refuses it before writing). ``quote`` and ``document_cell``, when
    given, are the quote column's SQL and what the document's cells go
    through instead (:mod:`annotator.store.export_annotation_rows` finishes them)."""
    a = "a" if kind == "annotation" else "dc"
    shown = document_cell or cell
    head = [
        shown("d.id"),
        shown("d.title"),
        shown("d.outlet"),
        shown("d.published"),
        shown("d.url"),
        f"coalesce(c.shown_id, {cell(f'{a}.coder_id')})",
        f"coalesce(c.label, {cell(chr(39) * 2)})",
        f"coalesce(k.shown_id, {cell(f'{a}.code_id')})",
        f"coalesce(k.label, {cell(chr(39) * 2)})",
    ]
    if kind == "annotation":
        rows = (
            "FROM documents d CROSS JOIN annotations a ON a.document_id = d.id "
            "LEFT JOIN {coders} c ON c.id = a.coder_id LEFT JOIN {codes} k ON k.id = a.code_id "
            '{where} ORDER BY d.rowid, a.coder_id, a.start, a."end", a.code_id'
        )
        return rows, [
            *head,
            "a.start",
            'a."end"',
            quote or cell(_QUOTE),
            cell("a.note"),
            cell("a.origin"),
            cell("a.id"),
            cell("coalesce(a.link, '')"),
            cell("a.created_at"),
            cell("a.updated_at"),
        ]
    rows = (
        "FROM document_codes dc JOIN documents d ON d.id = dc.document_id "
        "LEFT JOIN {coders} c ON c.id = dc.coder_id LEFT JOIN {codes} k ON k.id = dc.code_id "
        "{where} ORDER BY dc.rowid"
    )
    return rows, [*head, cell("dc.value"), cell("dc.note"), cell("dc.updated_at")]


# the annotation's text, cut from its document (the JSON records' quote)
_QUOTE = 'substr(d.text, a.start + 1, a."end" - a.start)'


def _plain(expr: str) -> str:
    return expr


def _guarded(expr: str) -> str:
    # one test for the common cell; Python's escape_cell only for one starting with a sign
    risky = f"CASE WHEN unicode({expr}) IN ({_SIGNS}) THEN {_ESCAPE_FUNCTION}({expr}) ELSE '''' || {expr} END"
    return f"CASE WHEN unicode({expr}) IN ({_RISKY}) THEN {risky} ELSE {expr} END"


def _json(expr: str) -> str:
    return f"json_quote({expr})"


def _json_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _json_object(kind: TableKind, columns: list[str]) -> str:
    """One SQL expression writing the record ``json_record`` writes."""
    parts = [f"'{{\"type\": {json.dumps(kind)}'"]
    for name, expr in zip(TABLE_COLUMNS[kind], columns, strict=True):
        parts.append(f"', {json.dumps(name)}: ' || {expr}")
    parts.append("'}' || char(10)")
    return " || ".join(parts)


class ExportTable:
    """One table of the chosen coders' live codings (and batch), in the
    export's order: annotations by document, coder, start, end and code;
    article-level codes as they were written."""

    def __init__(
        self,
        kind: TableKind,
        conn: sqlite3.Connection,
        coders: Sequence[Coder],
        codebook: Codebook,
        where: str,
        params: Sequence[Any],
        *,
        refuse: Callable[[], NoReturn],
    ) -> None:
        self.kind = kind
        self.conn = conn
        self.coders = list(coders)
        self.codebook = codebook
        self.where = where  # over d and the codings (a or dc)
        self.params = list(params)
        self.refuse = refuse  # raises the sentence for a problem row (PROBLEM) the annotation table meets

    def rows(self, *, spreadsheet: bool = False) -> Iterator[list[tuple[Any, ...]]]:
        if spreadsheet:
            self.conn.create_function(_ESCAPE_FUNCTION, 1, escape_cell, deterministic=True)
        cell, shown = (_guarded, escape_cell) if spreadsheet else (_plain, _plain)
        if self.kind != "annotation":
            rows, columns = _columns(self.kind, cell)
            yield from self._select(", ".join(columns), rows, shown)
            return
        # the stored quotes checked against the texts, and the document's cells
        # guarded, in Python a document at a time: cheaper than in SQL for every span
        quote = export_annotation_rows.stored_quote(PROBLEM, _RISKY if spreadsheet else None)
        rows, columns = _columns(self.kind, cell, quote, _plain)
        chunks = self._select(", ".join(columns), rows, shown)
        escape = escape_row if spreadsheet else None
        try:
            with export_annotation_rows.AnnotationRows(
                self.conn, cell, escape, self.where, self.params, self.refuse
            ) as finishing:
                for chunk in chunks:
                    yield finishing.finished(chunk)
        finally:
            chunks.close()

    def json_lines(self) -> Iterator[str]:
        rows, columns = _columns(self.kind, _json)
        # the labels are quoted by json itself, the rest by SQLite's json_quote
        for chunk in self._select(_json_object(self.kind, columns), rows, _json_string):
            yield "".join(map(_first, chunk))

    def _select(
        self, columns: str, rows: str, shown: Callable[[Any], Any]
    ) -> Generator[list[tuple[Any, ...]], None, None]:
        n = next(_names)
        coders, codes = f"temp.export_coders_{n}", f"temp.export_codes_{n}"
        path = code_paths(self.codebook)
        self.conn.execute(f"CREATE TABLE {coders} (id TEXT PRIMARY KEY, shown_id TEXT, label TEXT)")
        self.conn.execute(f"CREATE TABLE {codes} (id TEXT PRIMARY KEY, shown_id TEXT, label TEXT)")
        cur = None
        try:
            self.conn.executemany(
                f"INSERT OR IGNORE INTO {coders} VALUES (?, ?, ?)",
                [(c.id, shown(c.id), shown(c.name)) for c in self.coders],
            )
            self.conn.executemany(
                f"INSERT OR IGNORE INTO {codes} VALUES (?, ?, ?)",
                [(c.id, shown(c.id), shown(path(c.id))) for c in self.codebook],
            )
            sql = f"SELECT {columns} " + rows.format(coders=coders, codes=codes, where=self.where)
            cur = self.conn.execute(sql, self.params)
            while chunk := cur.fetchmany(CHUNK):
                yield chunk
        finally:
            if cur is not None:
                cur.close()  # a statement still reading the tables would keep them from being dropped
            self.conn.execute(f"DROP TABLE {coders}")
            self.conn.execute(f"DROP TABLE {codes}")
