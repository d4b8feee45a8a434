"""Project files of every earlier schema version (issue 10, item 5): kept as
fixtures in tests/data/fixtures (made by make_fixtures.py), they open, migrate
with a backup written first, and keep their data."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

import annotator.store.connection as connection
import annotator.store.project as project_module
import annotator.store.schema as schema
from annotator.core.errors import ProjectError, SchemaTooNew
from annotator.store.project import Project

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
ALL = sorted(FIXTURES.glob("schema*.annotator"))


def _copy(fixture: Path, tmp_path: Path) -> Path:
    target = tmp_path / fixture.name
    shutil.copyfile(fixture, target)
    return target


def _user_version(path: Path) -> int:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _assert_data(project: Project, facts: dict) -> None:
    assert project.name == facts["name"]
    assert [d.title for d in project.documents.list_documents()] == facts["titles"]
    assert project.documents.document_ids() == facts["document_ids"]
    assert [c.name for c in project.coders()] == facts["coders"]
    cb = project.codes.codebook()
    assert sorted(cb.path(c.id) for c in cb) == sorted(facts["code_paths"])
    assert len(project.annotations.select()) == facts["live_annotations"]
    assert len(project.annotations.select(include_deleted=True)) == facts["all_annotations"]
    assert set(facts["quotes"]) <= {a.quote for a in project.annotations.select()}
    for a in project.annotations.select():
        assert a.quote == project.documents.document_text(a.document_id)[a.start : a.end]
    assert len(project.annotations.document_codes()) == facts["document_codes"]
    names = {c.id: c.name for c in project.coders()}
    done = [[a.document_id, names[a.coder_id]] for a in project.workflow.assignments() if a.status == "done"]
    assert done == facts["done"]
    for doc_id in facts["document_ids"]:
        seg = project.documents.segmentation(doc_id)
        assert seg is not None and len(seg.token_starts) > 0
        assert project.documents.document(doc_id).raw  # the raw import is kept


def test_there_is_a_fixture_for_every_schema_version():
    versions = {int(p.stem.removeprefix("schema")) for p in ALL}
    assert versions == set(range(1, schema.SCHEMA_VERSION + 1)), (
        "run tests/data/fixtures/make_fixtures.py after adding a schema version and commit its output"
    )


@pytest.mark.parametrize("fixture", ALL, ids=[p.stem for p in ALL])
def test_fixture_opens_migrates_and_keeps_its_data(fixture, tmp_path):
    facts = json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))
    path = _copy(fixture, tmp_path)
    assert _user_version(path) == facts["schema"]
    with Project.open(path) as project:
        _assert_data(project, facts)
        assert project.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert project.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert _user_version(path) == schema.SCHEMA_VERSION
    backups = sorted(tmp_path.glob("*.bak"))
    if facts["schema"] < schema.SCHEMA_VERSION:
        assert [b.name for b in backups] == [f"{path.name}.schema{facts['schema']}.bak"]
        assert _user_version(backups[0]) == facts["schema"]
    else:
        assert backups == []  # an up-to-date file is not copied


# --- the backup-and-migrate path, exercised with a temporary next schema -------

V2 = """
ALTER TABLE annotations ADD COLUMN confidence REAL;
CREATE TABLE reading_log (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    coder_id TEXT NOT NULL REFERENCES coders(id),
    opened_at TEXT NOT NULL
);
CREATE TRIGGER reading_log_stamp AFTER INSERT ON reading_log BEGIN
    UPDATE reading_log SET opened_at = trim(new.opened_at) WHERE rowid = new.rowid;
END;
"""


def _register(monkeypatch, migrations: dict[int, str]) -> int:
    version = max(migrations)
    for module in (schema, connection):
        monkeypatch.setattr(module, "MIGRATIONS", migrations)
        monkeypatch.setattr(module, "SCHEMA_VERSION", version)
    monkeypatch.setattr(project_module, "SCHEMA_VERSION", version)
    return version


@pytest.fixture
def schema1(tmp_path) -> tuple[Path, dict]:
    """A file of the current schema, for a temporary next migration."""
    fixture = FIXTURES / f"schema{schema.SCHEMA_VERSION}.annotator"
    return _copy(fixture, tmp_path), json.loads(fixture.with_suffix(".json").read_text(encoding="utf-8"))


def test_migration_writes_backup_then_migrates(schema1, monkeypatch):
    path, facts = schema1
    new = _register(monkeypatch, {**schema.MIGRATIONS, schema.SCHEMA_VERSION + 1: V2})
    with Project.open(path) as project:
        assert project.schema_version == new
        _assert_data(project, facts)
        cols = [r[1] for r in project.conn.execute("PRAGMA table_info(annotations)")]
        assert "confidence" in cols
        assert project.conn.execute("SELECT count(*) FROM reading_log").fetchone()[0] == 0
        assert project.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _user_version(path) == new
    backup = path.with_name(f"{path.name}.schema{new - 1}.bak")
    assert backup.exists()
    assert (backup.stat().st_mode & 0o777) == 0o600  # a copy of coders' work: owner only
    assert _user_version(backup) == new - 1
    conn = sqlite3.connect(str(backup))
    try:
        assert conn.execute("SELECT count(*) FROM annotations").fetchone()[0] == facts["all_annotations"]
        assert "confidence" not in [r[1] for r in conn.execute("PRAGMA table_info(annotations)")]
    finally:
        conn.close()
    # opening again migrates nothing and writes no second backup
    with Project.open(path) as project:
        _assert_data(project, facts)
    assert sorted(p.name for p in path.parent.glob("*.bak")) == [backup.name]


def test_a_failing_migration_leaves_the_file_as_it_was(schema1, monkeypatch):
    path, facts = schema1
    before = schema.SCHEMA_VERSION
    _register(
        monkeypatch, {**schema.MIGRATIONS, before + 1: V2 + "\nALTER TABLE no_such_table ADD COLUMN x;\n"}
    )
    with pytest.raises(ProjectError) as err:
        Project.open(path)
    message = str(err.value)
    assert path.name in message and "\n" not in message
    assert (path.parent / f"{path.name}.schema{before}.bak").exists()
    monkeypatch.undo()
    assert _user_version(path) == before
    with Project.open(path) as project:  # still a good file of the old version
        _assert_data(project, facts)
        assert "confidence" not in [r[1] for r in project.conn.execute("PRAGMA table_info(annotations)")]


def test_old_schema_read_only_is_refused_with_a_reason(schema1, monkeypatch):
    path, _facts = schema1
    _register(monkeypatch, {**schema.MIGRATIONS, schema.SCHEMA_VERSION + 1: V2})
    with pytest.raises(ProjectError, match="opened writable once"):
        Project.open(path, readonly=True)
    assert not list(path.parent.glob("*.bak"))


def test_file_from_a_newer_version_is_refused(schema1):
    path, _facts = schema1
    conn = sqlite3.connect(str(path))
    conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    conn.close()
    for readonly in (False, True):
        with pytest.raises(SchemaTooNew, match="newer version of Annotator"):
            Project.open(path, readonly=readonly)
    assert _user_version(path) == schema.SCHEMA_VERSION + 1  # untouched


def test_second_backup_does_not_overwrite_the_first(schema1, monkeypatch):
    path, _facts = schema1
    old = schema.SCHEMA_VERSION
    first = path.with_name(f"{path.name}.schema{old}.bak")
    first.write_bytes(b"an earlier backup the user kept")
    _register(monkeypatch, {**schema.MIGRATIONS, old + 1: V2})
    Project.open(path).close()
    assert first.read_bytes() == b"an earlier backup the user kept"
    assert path.with_name(f"{path.name}.schema{old}.2.bak").exists()
