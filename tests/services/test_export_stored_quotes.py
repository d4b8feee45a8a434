"""The annotation tables of the CSV and XLSX exports write a span's stored quote
only where it equals the span cut from its text: a quote column edited by
another program, or left stale by a text changed behind the store's back,
never reaches the file."""

from __future__ import annotations

import csv
import io
import sqlite3
import sys
from pathlib import Path

import pytest

from annotator.core.cells import escape_cell
from annotator.services.exchange import export_project
from annotator.store.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from synthetic_export_project import build  # noqa: E402

# stored quotes that differ from the text in one character, in length, in a
# formula start, or not at all but for the cell's escape
TAMPERED = ("x", "", "=1+1", "-3", "'", "\x00", "é")


@pytest.fixture(scope="module")
def tampered(tmp_path_factory) -> Path:
    path = build(tmp_path_factory.mktemp("quotes") / "tampered.annotator", 12, seed=21)
    conn = sqlite3.connect(path)  # another program: the store cuts every quote it writes
    with conn:
        rows = conn.execute(
            'SELECT a.rowid, d.text, a.start, a."end" FROM annotations a JOIN documents d ON d.id = a.document_id '
            "WHERE a.deleted = 0 ORDER BY a.rowid"
        ).fetchall()
        for i, (rowid, text, start, end) in enumerate(rows[::4]):
            cut = text[start:end]
            stale = (
                cut[:-1] + TAMPERED[i % len(TAMPERED)],  # the same but its last character
                cut + " ",
                TAMPERED[i % len(TAMPERED)] + cut[1:],
                text[start + 1 : end + 1],  # the neighbouring span's quote
            )[i % 4]
            conn.execute("UPDATE annotations SET quote = ? WHERE rowid = ?", (stale, rowid))
        # texts changed behind the store's back: their quotes are stale, spans of
        # one now start like formulas, and another holds a NUL, which SQLite's
        # length and substr stop at
        conn.execute("DROP TRIGGER documents_text_frozen")
        conn.execute("PRAGMA ignore_check_constraints = ON")
        texts = conn.execute("SELECT id, text FROM documents ORDER BY rowid LIMIT 2 OFFSET 2").fetchall()
        (formulas, text), (nul, other) = texts
        conn.execute(
            "UPDATE documents SET text = ? WHERE id = ?",
            (text.translate(str.maketrans("aeo", "=-+")), formulas),
        )
        conn.execute("UPDATE documents SET text = ? WHERE id = ?", (other[:300] + "\x00" + other[301:], nul))
    conn.close()
    return path


def _cuts(path: Path) -> list[str]:
    """Each live span's quote, cut from its text by SQLite, in the export's order."""
    conn = sqlite3.connect(path)
    try:
        return [
            q
            for (q,) in conn.execute(
                'SELECT substr(d.text, a.start + 1, a."end" - a.start) FROM documents d CROSS JOIN annotations a '
                'ON a.document_id = d.id WHERE a.deleted = 0 ORDER BY d.rowid, a.coder_id, a.start, a."end", '
                "a.code_id"
            )
        ]
    finally:
        conn.close()


def test_a_stored_quote_unlike_its_text_never_reaches_the_csv(tmp_path, tampered):
    with Project.open(tampered, readonly=True) as project:
        (annotations, *_) = export_project(project, "csv", tmp_path / "x.csv")
    rows = list(csv.DictReader(io.StringIO(annotations.read_text("utf-8-sig"), newline="")))
    expected = [escape_cell(q) for q in _cuts(tampered)]
    assert [r["quote"] for r in rows] == expected
    assert any(q.startswith("'=") for q in expected)  # formulas were among them, and guarded


def test_a_stored_quote_unlike_its_text_never_reaches_the_workbook(tmp_path, tampered):
    from openpyxl import load_workbook

    from annotator.exchange.xlsx_format import cell

    with Project.open(tampered, readonly=True) as project:
        (book,) = export_project(project, "xlsx", tmp_path / "x.xlsx")
    header, *rows = load_workbook(book, read_only=True).worksheets[0].iter_rows(values_only=True)
    column = header.index("quote")
    # an empty cell reads back as None
    assert [r[column] for r in rows] == [cell(q) or None for q in _cuts(tampered)]
