"""The streamed exports spend no Python call per annotation where the writer
library can take the rows as SQLite gives them (CSV, JSONL), and few where
each annotation needs Python (REFI-QDA's derived GUIDs and names); and what
SQLite builds equals, cell for cell, what the formats build from memory, for
the awkward cells too."""

from __future__ import annotations

import json
import sqlite3
import sys
import zipfile
from pathlib import Path
from types import FrameType
from typing import Any

import pytest

from annotator.exchange import export_data
from annotator.services.exchange import export_project, project_data
from annotator.store.project import Project

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from synthetic_export_project import build  # noqa: E402

EXTENSIONS = {"csv": ".csv", "jsonl": ".jsonl", "xlsx": ".xlsx", "qdpx": ".qdpx"}
# cells a spreadsheet must not run, numbers it must leave alone, characters
# JSON and XML escape, and their neighbours that they leave as they are
AWKWARD = [
    "-3",
    "+1e5",
    "'x",
    "\tab",
    "@x",
    "=1+1",
    "\r\nx",
    "a\x01b\x7fc\u2028d\u2029",
    '</tag>&amp;"q"\'',
    "-",
    "+",
    "'",
    "",
    " lead",
    "\x1f\x1e",
    "\U0001f600",
    "\\back\\slash\n\t",
    ".5",
    "-.5e-3",
    "'=",
    "''",
]


@pytest.fixture(scope="module")
def few_and_many(tmp_path_factory) -> tuple[Path, Path]:
    """The same documents and article-level codes, five times the annotations."""
    root = tmp_path_factory.mktemp("cost")
    return (
        build(root / "few.annotator", 20, spans_per_coder=5, seed=7),
        build(root / "many.annotator", 20, spans_per_coder=25, seed=7),
    )


@pytest.fixture(scope="module")
def awkward(tmp_path_factory) -> Path:
    path = build(tmp_path_factory.mktemp("awkward") / "awkward.annotator", 25, seed=11)
    conn = sqlite3.connect(path)  # what an import or another program could have put there
    with conn:
        ids = [r[0] for r in conn.execute("SELECT id FROM documents ORDER BY rowid")]
        for i, doc_id in enumerate(ids):
            title, outlet, url, published = (AWKWARD[(i + k) % len(AWKWARD)] for k in range(4))
            conn.execute(
                "UPDATE documents SET title = ?, outlet = ?, url = ?, published = ? WHERE id = ?",
                (title, outlet, url, published, doc_id),
            )
        ids = [r[0] for r in conn.execute("SELECT id FROM annotations ORDER BY rowid")]
        for i, ann_id in enumerate(ids[::3]):
            conn.execute(
                "UPDATE annotations SET note = ?, created_at = ?, link = ? WHERE id = ?",
                (
                    AWKWARD[i % len(AWKWARD)],
                    AWKWARD[(i + 5) % len(AWKWARD)] if i % 3 == 0 else "2024-01-01T00:00:00",
                    AWKWARD[(i + 7) % len(AWKWARD)] if i % 2 == 0 else None,
                    ann_id,
                ),
            )
        # texts whose spans start with formula characters, their stored quotes now stale
        conn.execute("DROP TRIGGER documents_text_frozen")
        risky = str.maketrans("aeoint", "=-+'@\t")
        for doc_id, text in conn.execute("SELECT id, text FROM documents ORDER BY rowid LIMIT 5").fetchall():
            conn.execute("UPDATE documents SET text = ? WHERE id = ?", (text.translate(risky), doc_id))
        conn.execute("UPDATE annotations SET quote = '' WHERE rowid % 7 = 0")
        conn.execute("UPDATE coders SET name = '=evil' WHERE name = 'coder 1'")
        conn.execute("UPDATE codes SET name = '-neg\x01' WHERE name = 'code 0.1'")
        conn.execute("UPDATE codes SET name = '@at' WHERE name = 'Group 1'")
    conn.close()
    return path


def _python_calls(action: Any) -> int:
    """Python-level function calls (and generator resumptions) while ``action`` runs."""
    calls = 0

    def count(frame: FrameType, event: str, arg: object) -> None:
        nonlocal calls
        if event == "call":
            calls += 1

    sys.setprofile(count)
    try:
        action()
    finally:
        sys.setprofile(None)
    return calls


def _export_calls(path: Path, fmt: str, out: Path) -> tuple[int, int]:
    """The export's Python calls and the annotations it wrote."""
    with Project.open(path, readonly=True) as p:
        n = p.conn.execute("SELECT count(*) FROM annotations WHERE deleted = 0").fetchone()[0]
        return _python_calls(lambda: export_project(p, fmt, out, losses=[])), n


# CSV: a cell that starts like a formula is escaped by Python (a third of this
# project's annotations have one: formula notes, titles), the rest costs nothing.
# REFI-QDA: an annotation is read as an object and needs its GUIDs derived and
# its dates checked in Python; its XML is one string (23 calls it was as elements).
@pytest.mark.parametrize(("fmt", "per_annotation"), [("csv", 0.5), ("jsonl", 0.05), ("qdpx", 16)])
def test_an_export_spends_few_python_calls_per_annotation(tmp_path, few_and_many, fmt, per_annotation):
    (few_calls, few), (many_calls, many) = (
        _export_calls(p, fmt, tmp_path / p.stem / f"x{EXTENSIONS[fmt]}") for p in few_and_many
    )
    # what the added annotations cost, the documents, codes and chunks being the same or nearly
    assert (many_calls - few_calls) / (many - few) < per_annotation, (few_calls, many_calls, many - few)


def _contents(files: list[Path]) -> dict[str, bytes]:
    out: dict[str, bytes] = {}
    for f in files:
        if zipfile.is_zipfile(f):
            with zipfile.ZipFile(f) as z:
                # the export time is the only difference allowed
                out.update({f"{f.name}/{m}": z.read(m) for m in z.namelist() if not m.startswith("docProps")})
        else:
            out[f.name] = f.read_bytes()
    return out


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "xlsx"])
def test_the_table_sqlite_builds_equals_the_one_built_from_memory_for_awkward_cells(tmp_path, awkward, fmt):
    with Project.open(awkward, readonly=True) as p:
        streamed = export_project(p, fmt, tmp_path / "s" / f"x{EXTENSIONS[fmt]}", losses=[])
        from_memory = export_data(project_data(p), fmt, tmp_path / "m" / f"x{EXTENSIONS[fmt]}")
    assert _contents(streamed) == _contents(from_memory)
    if fmt == "csv":  # the cells were guarded, and the numbers were not
        text = streamed[0].read_text("utf-8-sig")
        assert "'=evil" in text and "'=1+1" in text and ",-3," in text and "''x" in text


def test_sqlite_quotes_json_strings_as_python_does_for_every_character():
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    conn = sqlite3.connect(":memory:")
    for start in range(0, len(every), 4096):
        piece = every[start : start + 4096]
        assert conn.execute("SELECT json_quote(?)", (piece,)).fetchone()[0] == json.dumps(
            piece, ensure_ascii=False
        )
