"""Concurrent use (issue 10, item 2): the workbench keeps its store connection
open and saves an annotation per keypress while a command-line import and a
merge write the same project file. No "database is locked" may reach the user
and no write may be lost."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time

import pytest

from annotator.core.codebook import Code
from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Coder, Document, Segmentation
from annotator.services.packages import make_package
from annotator.store.project import Project
from tests.hardening.helpers import REPO, article_texts, check_project_file, live_overlaps, write_articles_csv

ANNOTATOR = [sys.executable, "-m", "annotator.cli.main"]


def _cli(*args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    env.pop("ANNOTATOR_DEBUG", None)
    return subprocess.Popen(
        [*ANNOTATOR, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=str(REPO), env=env
    )


@pytest.mark.slow
def test_gui_writes_while_cli_imports_and_merges(tmp_path):
    path = tmp_path / "shared project.annotator"
    with Project.create(path) as p:
        frames = p.codes.add_code(Code("Frames"))
        codes = [p.codes.add_code(Code(n, parent_id=frames.id)).id for n in ("Conflict", "Appeasement")]
        alice = p.add_coder(Coder("alice")).id
        bob = p.add_coder(Coder("bob")).id
        p.documents.add_documents([Document(text=t) for t in article_texts(30, seed=7)])
        p.documents.set_segmentations(
            Segmentation(document_id=d, model="none") for d in p.documents.document_ids()
        )
        lengths = p.documents.document_lengths()
        package = tmp_path / "bob.annotator"
        make_package(p, "bob", package)
    n_bob = 0
    with Project.open(package) as pk, pk.transaction():
        for d, length in sorted(lengths.items()):
            for s in range(0, length - 4, 6):
                pk.annotations.add_annotation(Annotation(d, bob, codes[0], s, s + 3))
                n_bob += 1
    csv_path = tmp_path / "batch.csv"
    write_articles_csv(csv_path, 300, seed=11)

    saved: list[tuple[str, str, int, int]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def gui() -> None:
        rng = random.Random(5)
        try:
            with Project.open(path) as store:  # one long-lived connection, as the workbench keeps
                docs = sorted(lengths)
                while not stop.is_set():
                    d = rng.choice(docs)
                    s = rng.randrange(0, lengths[d] - 1)
                    e = min(lengths[d], s + rng.randint(1, 30))
                    w = store.annotations.add_annotation(Annotation(d, alice, rng.choice(codes), s, e))
                    saved.append((w.annotation.id, d, s, e))
                    store.documents.list_documents(limit=200)  # the document list refreshes between writes
        except BaseException as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)

    writer = threading.Thread(target=gui)
    writer.start()
    try:
        time.sleep(0.3)
        imp = _cli("import", str(path), str(csv_path), "--model", "blank:en", "--batch", "wire")
        time.sleep(0.5)
        merge = _cli("merge", str(path), str(package))
        out_m, err_m = merge.communicate(timeout=300)
        out_i, err_i = imp.communicate(timeout=300)
        time.sleep(0.3)
    finally:
        stop.set()
        writer.join(timeout=60)
    assert not errors, f"the workbench's write failed: {errors[0]!r}"
    assert imp.returncode == 0, err_i
    assert merge.returncode == 0, err_m
    for text in (err_i, err_m, out_i, out_m):
        assert "locked" not in text.lower() and "busy" not in text.lower()
    assert len(saved) > 20
    conn = check_project_file(path)
    try:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == 30 + 300
        assert (
            conn.execute("SELECT count(*) FROM annotations WHERE coder_id = ?", (bob,)).fetchone()[0] == n_bob
        )
        for ann_id, d, s, e in saved:
            assert conn.execute("SELECT 1 FROM annotations WHERE id = ?", (ann_id,)).fetchone(), ann_id
            assert conn.execute(
                "SELECT 1 FROM annotations WHERE document_id = ? AND coder_id = ? AND deleted = 0 "
                'AND start <= ? AND "end" >= ?',
                (d, alice, s, e),
            ).fetchone()
        assert live_overlaps(conn) == []
    finally:
        conn.close()


def test_busy_writer_gets_one_sentence_not_a_lock_error(tmp_path, monkeypatch):
    """When another program holds the write lock longer than the busy timeout,
    the user gets a one-sentence ProjectError, and nothing is half-written."""
    import sqlite3

    import annotator.store.connection as connection

    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        p.add_coder(Coder("alice"))
    monkeypatch.setattr(connection, "BUSY_TIMEOUT_MS", 200)
    other = sqlite3.connect(str(path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        with Project.open(path) as store:
            with pytest.raises(AnnotatorError) as err:
                store.add_coder(Coder("bob"))
            message = str(err.value)
            assert "busy in another program" in message and message.endswith(".") and "\n" not in message
            assert "database is locked" not in message
    finally:
        other.execute("ROLLBACK")
        other.close()
    with Project.open(path) as store:
        assert [c.name for c in store.coders()] == ["alice"]
