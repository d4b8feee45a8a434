"""Issue 13, finding 2: after every save the main project file holds the change,
so a copy of the file taken with the window open (a package attached to an
e-mail, a backup) misses none of the session's work."""

from __future__ import annotations

import shutil

import pytest

from tests.crash.helpers import Holder, check_saved, main_file_only, make_project

pytestmark = pytest.mark.crash


def test_copy_of_the_main_file_with_the_window_open_holds_every_save(tmp_path):
    path = tmp_path / "coder.annotator"
    make_project(path)
    window = Holder(path)
    try:
        assert len(window.run("apply 6")) == 6
        copy = tmp_path / "sent" / "coder.annotator"
        copy.parent.mkdir()
        shutil.copyfile(path, copy)  # the -wal stays behind, as with an e-mail attachment
        window.run("note 2")
        second = tmp_path / "sent" / "later.annotator"
        shutil.copyfile(path, second)
    finally:
        window.kill()
    spans = [s for s in window.saved() if s[0] == "span"]
    conn = main_file_only(copy)
    try:
        assert check_saved(conn, spans) == []
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    finally:
        conn.close()
    conn = main_file_only(second)
    try:
        assert check_saved(conn, window.saved()) == []
    finally:
        conn.close()


def test_a_checkpoint_held_back_by_a_reader_completes_at_the_next_save(tmp_path):
    """A reader in another program that keeps a read transaction open holds the
    passive checkpoint back (it never waits for it); once the reader is done,
    the next save brings every earlier one into the main file too."""
    import subprocess
    import sys

    from tests.crash.helpers import env

    path = tmp_path / "busy.annotator"
    make_project(path)
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys\n"
            "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
            "c.execute('BEGIN'); c.execute('SELECT count(*) FROM annotations').fetchone()\n"
            "print('reading', flush=True); sys.stdin.readline()\n"
            "c.execute('COMMIT'); c.close()\n",
            str(path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env(),
        text=True,
    )
    window = Holder(path)
    try:
        assert reader.stdout.readline().strip() == "reading"
        assert len(window.run("apply 3")) == 3
        reader.communicate("\n", timeout=60)
        assert len(window.run("apply 1")) == 1
        copy = tmp_path / "copy.annotator"
        shutil.copyfile(path, copy)
    finally:
        window.kill()
        if reader.poll() is None:
            reader.kill()
    conn = main_file_only(copy)
    try:
        assert check_saved(conn, window.saved()) == []
    finally:
        conn.close()
