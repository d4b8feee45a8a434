"""Issue 13, finding 1: an outside reader must not make the window's later
saves vanish, even after this process opened and closed a second connection
on the project (the import dialog, the agreement dashboard)."""

from __future__ import annotations

import sqlite3

import pytest

from tests.crash.helpers import Holder, annotator_info, check_saved, make_project, outside_read
from tests.hardening.helpers import check_project_file

pytestmark = pytest.mark.crash


def test_five_saves_after_an_outside_reader_then_kill_keeps_five(tmp_path):
    path = tmp_path / "window.annotator"
    make_project(path)
    window = Holder(path)
    try:
        window.run("second")
        annotator_info(path)  # a real second process reads the project and closes it
        saved = window.run("apply 5")
        assert len(saved) == 5
    finally:
        window.kill()
    conn = check_project_file(path)
    try:
        assert check_saved(conn, window.saved()) == [], "saves reported to the user are not on disk"
    finally:
        conn.close()


@pytest.mark.parametrize("reader", [outside_read, annotator_info], ids=["sqlite3", "annotator-info"])
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
