"""Shared pieces of the output-file tests (issue 13): a project large enough
that writing its exports takes a moment, the CLI as a real child process, and
what a complete output of each kind looks like."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WORDS = (
    "minister",
    "said",
    "rebels",
    "ceasefire",
    "talks",
    "government",
    "officials",
    "Zoë",
    "習近平",
    "😀",
    "appeasement",
    "naïve",
    "Geneva",
    "army",
    "civilians",
    "statement",
    "reported",
    "peace",
)


def build_large_project(
    path: Path, *, documents: int = 1500, per_coder: int = 6, seed: int = 13
) -> dict[str, int]:
    """A project with two coders coding every document; returns the counts
    a complete export must hold."""
    from annotator.core.codebook import Code
    from annotator.core.models import Annotation, Coder, Document, DocumentCode
    from annotator.store.project import Project

    rng = random.Random(seed)
    with Project.create(path) as p:
        frames = p.codes.add_code(Code("Frames"))
        leaves = [p.codes.add_code(Code(f"frame {i}", parent_id=frames.id)) for i in range(6)]
        tone = p.codes.add_code(Code("Tone", scope="document", exclusive=True))
        neg = p.codes.add_code(Code("negative", parent_id=tone.id, scope="document"))
        coders = [p.add_coder(Coder("Ana")), p.add_coder(Coder("Bo"))]
        docs = []
        for i in range(documents):
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(250, 400))) + "."
            docs.append(Document(text=f"Article {i}. {text}", title=f"Headline {i}", outlet="Wire"))
        p.documents.add_documents(docs)
        anns = []
        for d in docs:
            for c in coders:
                step = len(d.text) // (per_coder + 1)
                for k in range(per_coder):
                    start = k * step + rng.randint(0, 5)
                    anns.append(
                        Annotation(d.id, c.id, leaves[k % len(leaves)].id, start, start + rng.randint(3, 20))
                    )
        p.annotations.restore_annotations(anns)
        for d in docs[: documents // 2]:
            p.annotations.set_document_code(DocumentCode(d.id, coders[0].id, neg.id))
    return {"documents": documents, "annotations": len(anns), "document_codes": documents // 2}


def cli(
    *args: object, cwd: Path | None = None, check: bool = False, **popen: object
) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH", str(REPO)), PYTHONUNBUFFERED="1")
    result = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)],
        capture_output=True,
        cwd=str(cwd or REPO),
        env=env,
        timeout=600,
        **popen,
    )
    if check:
        assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result


def cli_popen(*args: object) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH", str(REPO)), PYTHONUNBUFFERED="1")
    return subprocess.Popen(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=str(REPO),
    )


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path, expected: set[str]) -> list[str]:
    """Names in ``folder`` other than ``expected``: temporary files or folders
    a writer left behind (a project's own -wal and -shm files are not)."""
    own = {f"{name}{suffix}" for name in expected for suffix in ("-wal", "-shm")}
    return sorted(p.name for p in folder.iterdir() if p.name not in expected | own)


# --- what a complete file of each kind holds ----------------------------------------


def assert_complete_csv(path: Path, rows: int) -> None:
    text = path.read_text(encoding="utf-8-sig")
    parsed = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(parsed) == rows, f"{path.name}: {len(parsed)} rows of {rows}"


def assert_complete_jsonl(path: Path, records: int) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        json.loads(line)  # a cut-off last line fails here
    assert len(lines) == records, f"{path.name}: {len(lines)} records of {records}"


def assert_complete_qdpx(path: Path, documents: int) -> None:
    with zipfile.ZipFile(path) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
    assert "project.qde" in names and len(names) == documents + 1


def assert_complete_xlsx(path: Path, annotations: int) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        assert wb.worksheets[0].max_row == annotations + 1
    finally:
        wb.close()


def assert_complete_package(path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("SELECT value FROM meta WHERE key = 'package_for'").fetchone() is not None
    finally:
        conn.close()
