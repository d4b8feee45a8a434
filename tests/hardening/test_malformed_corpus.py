"""The malformed-input corpus (tests/data/malformed, made by make_corpus.py)
through the reader and the batch import: every file gives documents or a
one-sentence reason, the hostile ones are refused for the right reason, and the
project stays whole."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from annotator.core.models import Document
from annotator.ingest.reading import read_sources
from annotator.ingest.registry import ReadFailure
from annotator.services.importing import ImportOptions, import_batch
from annotator.store.project import Project
from tests.hardening.helpers import check_project_file

CORPUS = Path(__file__).resolve().parents[1] / "data" / "malformed"
FILES = sorted(p for p in CORPUS.iterdir() if p.suffix != ".py")

# Reader defects found by this corpus, kept visible until fixed (see the issue 10 report).
KNOWN_DEFECTS: dict[str, str] = {}

# What a hostile file must come to: a substring of the refusal, and how many documents at most.
REFUSED = {
    "traversal.zip": ("points outside the archive", 1),  # only fine.txt is read
    "symlink.zip": ("symbolic link", 1),
    "bomb.zip": ("decompression bomb", 0),
    "nested.zip": ("archive inside an archive", 1),
    "encrypted_flag.zip": ("password-protected", 0),
    "deep_nesting.json": ("nested too deeply", 0),
    "billion_laughs.docx": ("declares an XML DTD or entities", 0),
    "binary_noise.txt": ("binary data", 0),
    "empty.txt": ("empty", 0),
    "no_text_column.csv": ("no text column", 0),
}


def _results(path: Path) -> list[Document | ReadFailure]:
    return list(read_sources([path]))


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_each_file_gives_documents_or_one_sentence(path):
    if path.name in KNOWN_DEFECTS:
        pytest.xfail(KNOWN_DEFECTS[path.name])
    for r in _results(path):
        if isinstance(r, ReadFailure):
            assert r.reason.endswith(".") and "\n" not in r.reason, r.reason
            assert "unexpected error" not in r.reason, r.reason  # a reader bug, not a bad file
            assert "Traceback" not in r.reason
        else:
            assert isinstance(r, Document)
            assert r.text.strip() and "\r" not in r.text and "\x00" not in r.text
            assert r.id and r.source_path


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_hostile_files_are_refused_for_the_right_reason(name):
    phrase, max_docs = REFUSED[name]
    results = _results(CORPUS / name)
    reasons = [r.reason for r in results if isinstance(r, ReadFailure)]
    docs = [r for r in results if isinstance(r, Document)]
    assert any(phrase in reason for reason in reasons), reasons
    assert len(docs) <= max_docs


def test_no_entity_is_expanded_and_no_file_is_read():
    passwd = (
        Path("/etc/passwd").read_text(errors="replace").splitlines()[0]
        if Path("/etc/passwd").exists()
        else "root:"
    )
    for name in ("xxe.docx", "billion_laughs.docx", "entity_bomb.html"):
        for r in _results(CORPUS / name):
            if isinstance(r, Document):
                assert passwd not in r.text and "root:" not in r.text
                assert "lollollol" not in r.text


def test_html_is_reduced_to_text():
    docs = [r for r in _results(CORPUS / "active_content.html") if isinstance(r, Document)]
    assert len(docs) == 1
    text = docs[0].text
    assert "minister said" in text
    for active in ("<", "onclick", "javascript", "steal()", "tracker", "background:url"):
        assert active not in text


@pytest.mark.skipif(sys.platform == "win32", reason="the corpus script writes POSIX file names")
def test_corpus_is_what_the_script_makes():
    sys.path.insert(0, str(CORPUS))
    try:
        import make_corpus
    finally:
        sys.path.remove(str(CORPUS))
    made = make_corpus.files()
    assert sorted(made) == [p.name for p in FILES]
    for name, data in made.items():
        assert hashlib.sha256(data).digest() == hashlib.sha256((CORPUS / name).read_bytes()).digest(), name
        assert len(data) < 50_000


def test_import_of_the_whole_corpus_leaves_a_whole_project(tmp_path):
    path = tmp_path / "malformed.annotator"
    with Project.create(path) as project:
        report = import_batch(project, [CORPUS], ImportOptions(model="blank:en"))
        stored = project.documents.count_documents()
        again = import_batch(project, [CORPUS], ImportOptions(model="blank:en"))
        assert again.imported == 0 and project.documents.count_documents() == stored  # nothing twice
    assert report.imported == stored > 0
    failed_paths = {f["path"] for f in report.failed}
    assert any("traversal.zip" in p for p in failed_paths)
    for f in report.failed:
        assert f["reason"] and "\n" not in f["reason"]
        if not any(name in f["path"] for name in KNOWN_DEFECTS):
            assert "unexpected error" not in f["reason"], f
    conn = check_project_file(path)
    try:
        assert conn.execute("SELECT count(*) FROM document_signatures").fetchone()[0] == stored
        assert conn.execute("SELECT count(*) FROM batches").fetchone()[0] == 1
    finally:
        conn.close()


def test_docx_with_an_entity_is_refused_or_read_whole():
    results = _results(CORPUS / "xxe.docx")
    docs = [r for r in results if isinstance(r, Document)]
    assert not docs or "after" in docs[0].text
