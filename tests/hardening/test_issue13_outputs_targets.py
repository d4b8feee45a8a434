"""Issue 13, finding 4: no command writes over an existing file without
--force, and none ever writes over a project, even with --force (the CLI as
a real child process on real project files)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hardening.outputs_helpers import cli, file_hash, leftovers


@pytest.fixture
def project(tmp_path: Path) -> Path:
    from tests.hardening.helpers import coded_exchange_project

    path = tmp_path / "study.annotator"
    coded_exchange_project(path).close()
    return path


def _code(project: Path) -> str:
    from annotator.store.project import Project

    with Project.open(project, readonly=True) as p:
        return p.codes.codebook().path(next(c.id for c in p.codes.codebook() if c.name == "appeasement"))


WRITERS = {
    "agreement html": lambda p, out: ["agreement", p, "--format", "html", "-o", out],
    "agreement csv": lambda p, out: ["agreement", p, "--format", "csv", "-o", out],
    "export-matrix": lambda p, out: ["agreement", "export-matrix", p, "--code", _code(p), "-o", out],
    "suggest --export": lambda p, out: ["suggest", p, "--model", "blank:en", "--export", out],
    "export jsonl": lambda p, out: ["export", p, "--format", "jsonl", "-o", out],
    "export qdc": lambda p, out: ["export", p, "--format", "qdc", "-o", out],
    "codebook export": lambda p, out: ["codebook", "export", p, "-o", out],
    "package": lambda p, out: ["package", p, "--coder", "Bo", "-o", out],
}


@pytest.mark.parametrize("force", [False, True], ids=["plain", "force"])
@pytest.mark.parametrize(
    "writer",
    ["agreement html", "export-matrix", "suggest --export", "codebook export", "export jsonl", "package"],
)
def test_output_onto_the_project_is_refused_and_the_project_unchanged(project, writer, force):
    before = file_hash(project)
    args = WRITERS[writer](project, project) + (["--force"] if force else [])
    r = cli(*args)
    err = r.stderr.decode()
    assert r.returncode == 1, err
    assert err.count("\n") == 1 and err.startswith("Error: ") and "Traceback" not in err
    assert "never replaces" in err
    assert file_hash(project) == before
    assert leftovers(project.parent, {project.name}) == []


def test_output_onto_another_project_or_database_is_refused_even_with_force(project, tmp_path):
    import sqlite3

    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = file_hash(other)
    r = cli("agreement", project, "--format", "csv", "-o", other, "--force")
    assert r.returncode == 1 and "never replaces" in r.stderr.decode()
    assert file_hash(other) == before
    wal = tmp_path / "study.annotator-wal"
    r = cli("export", project, "--format", "jsonl", "-o", wal)
    assert r.returncode == 1 and "belongs to the project" in r.stderr.decode()
    assert not wal.exists() or not wal.read_bytes().startswith(b'{"type"')


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_existing_file_needs_force(project, tmp_path, writer):
    suffix = {
        "package": ".annotator",
        "export qdc": ".qdc",
        "export jsonl": ".jsonl",
        "codebook export": ".yaml",
        "agreement html": ".html",
        "suggest --export": ".jsonl",
    }.get(writer, ".csv")
    out = tmp_path / f"existing{suffix}"
    out.write_text("keep me\n", encoding="utf-8")
    r = cli(*WRITERS[writer](project, out))
    assert r.returncode == 1, r.stderr.decode()
    assert r.stderr.decode() == f"Error: {out} exists; add --force to replace it.\n"
    assert out.read_text(encoding="utf-8") == "keep me\n"
    r = cli(*WRITERS[writer](project, out), "--force")
    assert r.returncode == 0, r.stderr.decode()
    assert out.read_bytes() != b"keep me\n" and out.stat().st_size > 0
    assert leftovers(tmp_path, {project.name, out.name}) == []


def test_csv_export_checks_all_three_files_before_writing(project, tmp_path):
    out = tmp_path / "x.csv"
    (tmp_path / "x_codebook.csv").write_text("mine\n", encoding="utf-8")
    r = cli("export", project, "--format", "csv", "-o", out)
    assert r.returncode == 1 and "x_codebook.csv exists" in r.stderr.decode()
    assert not out.exists() and not (tmp_path / "x_document_codes.csv").exists()
    assert (tmp_path / "x_codebook.csv").read_text(encoding="utf-8") == "mine\n"
    assert leftovers(tmp_path, {project.name, "x_codebook.csv"}) == []


def test_the_open_project_is_recognised_without_being_read(project, monkeypatch):
    """Reading the project through a second descriptor and closing it would drop
    this process's SQLite locks on it, so the open project is refused by its
    device and inode before anything opens the file."""
    from annotator.core import output_files
    from annotator.core.errors import OutputError
    from annotator.core.output_files import check_output_target, write_text
    from annotator.store.project import Project

    def no_reading(path):
        raise AssertionError(f"{path} was opened")

    with Project.open(project) as p:
        monkeypatch.setattr(output_files, "_is_database", no_reading)
        with pytest.raises(OutputError, match="is the project open here"):
            check_output_target(p.path, force=True)
        with pytest.raises(OutputError, match="is the project open here"):
            write_text(p.path, "x", replace=True)
        monkeypatch.undo()
        assert p.documents.count_documents() == 2
    assert leftovers(project.parent, {project.name}) == []


def test_a_failed_writer_leaves_no_temporary_file_and_keeps_the_old_file(tmp_path):
    from annotator.core.output_files import atomic_output

    out = tmp_path / "report.csv"
    out.write_text("old\n", encoding="utf-8")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), atomic_output(out, replace=True) as fh:
        fh.write("new, half")
        raise Boom
    assert out.read_text(encoding="utf-8") == "old\n"
    assert leftovers(tmp_path, {"report.csv"}) == []


def test_a_cancelled_export_leaves_nothing(tmp_path):
    from annotator.core.errors import Cancelled
    from annotator.core.task import TaskState
    from annotator.services.exchange import export_project
    from annotator.store.project import Project
    from tests.hardening.helpers import coded_exchange_project

    path = tmp_path / "p.annotator"
    coded_exchange_project(path).close()
    with Project.open(path, readonly=True) as p:
        for fmt in ("csv", "jsonl", "xlsx", "qdpx"):
            out = tmp_path / "out" / f"x.{fmt}"
            stopped = TaskState()
            stopped.request_interruption()
            with pytest.raises(Cancelled):
                export_project(p, fmt, out, state=stopped)
            assert leftovers(out.parent, set()) == []


def test_gui_codebook_export_never_replaces_the_open_project(qtbot, project):
    from annotator.gui.codebook.codebook_editor import CodebookEditorDialog
    from annotator.store.project import Project

    before = file_hash(project)
    with Project.open(project) as p:
        editor = CodebookEditorDialog(p)
        qtbot.addWidget(editor)
        assert editor.export_yaml(p.path) is None
        assert "never replaces" in editor.message.text()
    assert file_hash(project) == before


def test_demo_force_rebuilds_only_a_demo_project(project):
    before = file_hash(project)
    r = cli("demo", project, "--no-open", "--force")
    assert r.returncode == 1 and "is not the demo project" in r.stderr.decode()
    assert file_hash(project) == before
    demo = project.with_name("demo.annotator")
    assert cli("demo", demo, "--no-open").returncode == 0
    r = cli("demo", demo, "--no-open", "--force")
    assert r.returncode == 0, r.stderr.decode()


def test_devices_are_refused_and_links_are_written_through(tmp_path):
    from annotator.core.errors import OutputError
    from annotator.core.output_files import write_text

    with pytest.raises(OutputError, match="not a regular file"):
        write_text("/dev/null", "x", replace=True)
    real = tmp_path / "real.csv"
    real.write_text("old", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    write_text(link, "new", replace=True)
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert leftovers(tmp_path, {"real.csv", "link.csv"}) == []


def test_a_replaced_file_keeps_its_narrower_permissions(tmp_path):
    from annotator.core.output_files import write_text

    out = tmp_path / "private.csv"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    write_text(out, "new", replace=True)
    assert out.read_text(encoding="utf-8") == "new" and (out.stat().st_mode & 0o777) == 0o600
