"""The project file: creation, pragmas, versions, concurrency, read-only use."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys

import pytest

from annotator.core.errors import ProjectError, ReadOnlyProject, SchemaTooNew
from annotator.core.models import Coder
from annotator.store.project import Project
from annotator.store.schema import SCHEMA_VERSION


def test_new_project_uses_wal_foreign_keys_and_full_sync(project):
    assert project.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert project.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert project.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert project.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_creating_over_an_existing_project_is_refused(project):
    with pytest.raises(ProjectError, match="already exists"):
        Project.create(project.path)


def test_a_file_from_a_newer_version_is_refused_and_left_unchanged(tmp_path):
    path = tmp_path / "future.annotator"
    Project.create(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    con.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(SchemaTooNew, match="newer version of Annotator"):
        Project.open(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_file_that_is_not_a_project_is_refused(tmp_path):
    text = tmp_path / "notes.annotator"
    text.write_text("hello")
    with pytest.raises(ProjectError, match="not an Annotator project"):
        Project.open(text)
    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.close()
    with pytest.raises(ProjectError, match="not an Annotator project"):
        Project.open(other)


def test_sqlite3_reads_the_analysis_view(coded_project):
    from annotator.core.models import Annotation
    from tests.conftest import code_id

    doc = coded_project.documents.list_documents()[0]
    alice = coded_project.coder_by_name("alice")
    coded_project.annotations.add_annotation(
        Annotation(doc.id, alice.id, code_id(coded_project, "Source type/Official"), 4, 12)
    )
    con = sqlite3.connect(coded_project.path)
    rows = con.execute("SELECT coder_name, code_path, quote, document_title FROM coded_spans").fetchall()
    assert rows == [("alice", "Source type/Official", "minister", "Strikes")]


def test_read_only_project_refuses_writes_with_a_clear_error(project):
    project.add_coder(Coder("alice"))
    ro = Project.open(project.path, readonly=True)
    try:
        assert [c.name for c in ro.coders()] == ["alice"]
        with pytest.raises(ReadOnlyProject, match="read-only"):
            ro.add_coder(Coder("bob"))
    finally:
        ro.close()


WRITER = """
import sys
from annotator.store.project import Project
from annotator.core.models import Coder
p = Project.open(sys.argv[1])
for i in range(60):
    p.add_coder(Coder(f"writer-{i}"))
p.close()
"""


def test_one_process_writes_while_another_reads(project):
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(project.path)])
    seen = 0
    while proc.poll() is None:
        seen = max(seen, len(project.coders()))  # must never raise "database is locked"
        project.set_meta("reader", str(seen))
    assert proc.returncode == 0
    assert len(project.coders()) == 60
