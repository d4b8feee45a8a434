"""Helpers for the fault, concurrency and fuzz tests: the invariants a project
file must keep whatever happened to the process that wrote it, and real child
processes to kill."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

_WORDS = (
    "minister",
    "said",
    "rebels",
    "strikes",
    "ceasefire",
    "talks",
    "government",
    "officials",
    "city",
    "reported",
    "according",
    "to",
    "the",
    "agency",
    "peace",
    "army",
    "killed",
    "civilians",
    "Geneva",
    "Zoë",
    "Müller",
    "習近平",
    "élan",
    "😀",
    "negotiators",
    "on",
    "Tuesday",
    "in",
    "a",
    "statement",
)


def article_texts(n: int, seed: int = 1) -> list[str]:
    """``n`` distinct short articles (two or three paragraphs)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        paras = []
        for _ in range(rng.randint(2, 3)):
            sents = [
                " ".join(rng.choice(_WORDS) for _ in range(rng.randint(5, 14))).capitalize() + "."
                for _ in range(rng.randint(1, 3))
            ]
            paras.append(" ".join(sents))
        out.append(f"Article {i} from the wire.\n\n" + "\n\n".join(paras))
    return out


def write_articles_csv(path: Path, n: int, seed: int = 1) -> list[str]:
    import csv

    texts = article_texts(n, seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(["title", "outlet", "text"])
        for i, t in enumerate(texts):
            w.writerow([f"Headline {i}", "Wire", t])
    return texts


def check_project_file(path: Path, *, segments: bool = True) -> sqlite3.Connection:
    """Open ``path`` as the program does and assert the invariants of issue 10;
    returns a plain sqlite3 connection for further checks (caller closes).
    ``segments``: every document must have its segments row (documents stored
    by the import service always do)."""
    from annotator.store.project import Project

    with Project.open(path) as project:  # opens (recovering the WAL), migrations none
        assert project.documents.count_documents() >= 0
    conn = sqlite3.connect(str(path))
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # the full-text index matches the documents table
        conn.execute("INSERT INTO documents_fts(documents_fts, rank) VALUES ('integrity-check', 1)")
        # no half-imported document: each has its stored length (and its segments)
        half = conn.execute(
            "SELECT d.id FROM documents d LEFT JOIN segments s ON s.document_id = d.id "
            f"WHERE {'s.document_id IS NULL OR ' if segments else ''}d.length <> length(d.text)"
        ).fetchall()
        assert half == [], f"{len(half)} documents half stored (no segments or wrong length)"
        bad_spans = conn.execute(
            "SELECT a.id FROM annotations a JOIN documents d ON d.id = a.document_id "
            'WHERE a.start < 0 OR a."end" <= a.start OR a."end" > d.length '
            'OR a.quote <> substr(d.text, a.start + 1, a."end" - a.start)'
        ).fetchall()
        assert bad_spans == []
    except BaseException:
        conn.close()
        raise
    return conn


def live_overlaps(conn: sqlite3.Connection) -> list[tuple]:
    """Pairs of live spans of one coder and one code that overlap (must be none)."""
    return conn.execute(
        "SELECT a.id, b.id FROM annotations a JOIN annotations b ON a.document_id = b.document_id "
        "AND a.coder_id = b.coder_id AND a.code_id = b.code_id AND a.id < b.id "
        'WHERE a.deleted = 0 AND b.deleted = 0 AND a.start < b."end" AND b.start < a."end"'
    ).fetchall()


class Child:
    """A Python child process running ``code``; its stdout lines are collected
    as they arrive (complete lines only), so a test can kill it at a moment it
    chooses and know exactly what it had reported."""

    def __init__(self, code: str, *, cwd: Path | None = None):
        env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, "-c", code],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=str(cwd or REPO),
            env=env,
        )
        self.lines: list[str] = []
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            if not raw.endswith(b"\n"):
                break  # cut off by the kill: never reported as saved
            with self._cond:
                self.lines.append(raw.decode().rstrip("\n"))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    def wait_for(self, predicate, timeout: float = 120) -> bool:
        end = time.monotonic() + timeout
        with self._cond:
            while not predicate(self.lines):
                if self.proc.poll() is not None and not self._reader.is_alive():
                    return predicate(self.lines)
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.2))
            return True

    def kill(self) -> int:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
        rc = self.proc.wait(timeout=60)
        self._reader.join(timeout=10)
        return rc

    def finish(self, timeout: float = 300) -> tuple[int, str]:
        rc = self.proc.wait(timeout=timeout)
        self._reader.join(timeout=10)
        err = self.proc.stderr.read().decode() if self.proc.stderr else ""
        return rc, err

    def snapshot(self) -> list[str]:
        with self._cond:
            return list(self.lines)


TEXT = (
    "Zürich, 3 March — The minister said the talks were \u201cnaïve appeasement\u201d 👍🏽.\n\n"
    "東京 officials disagreed; an NGO monitor called it tragically flawed. e\u0301lan\n"
)


def coded_exchange_project(path: Path):
    """A small coded project (two coders, an exclusive group, an article-level code,
    a note that looks like a formula) for exchange round trips."""
    from annotator.core.codebook import Code
    from annotator.core.models import Annotation, Coder, Document, DocumentCode
    from annotator.store.project import Project

    p = Project.create(path)
    frames = p.codes.add_code(Code("Frames"))
    a = p.codes.add_code(Code("appeasement", parent_id=frames.id))
    src = p.codes.add_code(Code("Source type", exclusive=True))
    off = p.codes.add_code(Code("government official", parent_id=src.id))
    tone = p.codes.add_code(Code("Tone", scope="document", exclusive=True))
    neg = p.codes.add_code(Code("negative", parent_id=tone.id, scope="document"))
    ana = p.add_coder(Coder("Ana María"))
    bo = p.add_coder(Coder("Bo"))
    d1 = Document(text=TEXT, title="Talks")
    d2 = Document(text='Ceasefire holds.\nA spokesperson for the UN 🇺🇳 said: "We remain hopeful."\n')
    p.documents.add_documents([d1, d2])
    for coder in (ana, bo):
        p.annotations.add_annotation(Annotation(d1.id, coder.id, a.id, 53, 70, note='=HYPERLINK("x")'))
        p.annotations.add_annotation(Annotation(d1.id, coder.id, off.id, 15, 27))
        p.annotations.add_annotation(Annotation(d2.id, coder.id, a.id, 0, 9))
    p.annotations.set_document_code(DocumentCode(d1.id, ana.id, neg.id))
    return p
