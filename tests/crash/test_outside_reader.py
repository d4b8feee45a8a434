"""Issue 13, finding 1: an outside reader must not make the window's later
saves vanish, even after this process opened and closed a second connection
on the project (the import dialog, the agreement dashboard)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.crash.helpers import (
    Holder,
    annotator_info,
    check_saved,
    make_project,
    outside_read,
    sqlite3_shell_read,
)
from tests.hardening.helpers import check_project_file

pytestmark = pytest.mark.crash


@pytest.mark.parametrize(
    "reader",
    [
        annotator_info,
        pytest.param(sqlite3_shell_read, id="sqlite3-shell", marks=pytest.mark.programs),
    ],
    ids=["annotator-info", "sqlite3-shell"],
)
def test_five_saves_after_an_outside_reader_then_kill_keeps_five(tmp_path, reader):
    path = tmp_path / "window.annotator"
    make_project(path)
    window = Holder(path)
    try:
        window.run("second")
        reader(path)  # a real second process reads the project and closes it
        saved = window.run("apply 5")
        assert len(saved) == 5
    finally:
        window.kill()
    conn = check_project_file(path)
    try:
        assert check_saved(conn, window.saved()) == [], "saves reported to the user are not on disk"
    finally:
        conn.close()


@pytest.mark.parametrize(
    "reader",
    [
        outside_read,
        annotator_info,
        pytest.param(sqlite3_shell_read, marks=pytest.mark.programs),
    ],
    ids=["sqlite3-module", "annotator-info", "sqlite3-shell"],
)
def test_outside_reader_sees_the_window_saves(tmp_path, reader):
    """Before the kill, another program sees every save too (not an unlinked WAL)."""
    path = tmp_path / "seen.annotator"
    make_project(path)
    window = Holder(path)
    try:
        window.run("second")
        reader(path)
        window.run("apply 3")
        conn = sqlite3.connect(str(path))
        try:
            assert check_saved(conn, window.saved()) == []
        finally:
            conn.close()
    finally:
        window.kill()


def test_importing_the_folder_that_holds_the_project_keeps_later_saves(tmp_path):
    """Researchers keep the project beside their articles: reading that folder
    must not open (and close) the project file or its -wal and -shm."""
    from tests.hardening.helpers import write_articles_csv

    path = tmp_path / "beside.annotator"
    make_project(path)
    write_articles_csv(tmp_path / "more.csv", 3, seed=5)
    window = Holder(path)
    try:
        window.run("apply 1")  # the -wal and -shm exist beside the project now
        held = _locks(window)
        assert held > 0
        reported = window.run(f"import {tmp_path}", timeout=240)
        assert reported and reported[0].startswith("saved import")
        assert _locks(window) == held, "reading the folder dropped SQLite's locks on the open project"
        outside_read(path)
        assert path.with_name(path.name + "-wal").exists(), "the outside reader removed the window's WAL"
        assert len(window.run("apply 5")) == 5
    finally:
        window.kill()
    conn = check_project_file(path)
    try:
        assert check_saved(conn, window.saved()) == []
    finally:
        conn.close()


def _locks(window: Holder) -> int:
    before = len(window.snapshot())
    window.run("locks")
    return int(next(x for x in window.snapshot()[before:] if x.startswith("locks")).split()[1])


def test_export_over_or_import_from_the_open_project_file_is_refused(tmp_path):
    from annotator.core.errors import AnnotatorError
    from annotator.core.models import Coder
    from annotator.services.exchange import export_project, import_annotations
    from annotator.store.project import Project

    path = tmp_path / "open.annotator"
    make_project(path)
    with Project.open(path) as p:
        before = len(p.documents.document_ids())
        for target in (path, path.with_name(path.name + "-wal")):
            with pytest.raises(AnnotatorError, match="open in Annotator"):
                export_project(p, "csv", target)
        with pytest.raises(AnnotatorError, match="open in Annotator"):
            import_annotations(p, path, "csv")
        p.add_coder(Coder("bob"))
    conn = check_project_file(path)
    try:
        assert conn.execute("SELECT count(*) FROM documents").fetchone()[0] == before
        assert conn.execute("SELECT count(*) FROM coders").fetchone()[0] == 2
    finally:
        conn.close()
