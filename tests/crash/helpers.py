"""Helpers for the crash-consistency suite: a child process holding a project
(see holder.py), outside readers in other processes, and the check that every
save reported to the user is in a file."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

from annotator.core.codebook import Code
from annotator.core.models import Coder, Document, Segmentation
from annotator.store.project import Project
from tests.hardening.helpers import REPO, Child, article_texts

HOLDER = Path(__file__).with_name("holder.py")


def env() -> dict[str, str]:
    out = dict(os.environ, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    out.pop("ANNOTATOR_DEBUG", None)
    return out


class Holder(Child):
    """holder.py in a child process: ``send`` a command, ``wait_ok`` for it."""

    def __init__(self, path: Path, *, window: bool = False):
        args = [sys.executable, str(HOLDER), str(path)] + (["--window"] if window else [])
        self.proc = subprocess.Popen(
            args,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=str(REPO),
            env=env(),
        )
        import threading

        self.lines = []
        self._cond = threading.Condition()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        assert self.wait_for(lambda lines: any(x.startswith("ready") for x in lines), timeout=60), (
            self.finish()
        )

    @property
    def readonly(self) -> bool:
        return "ready readonly" in self.snapshot()

    def send(self, command: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(command.encode() + b"\n")
        self.proc.stdin.flush()

    def run(self, command: str, timeout: float = 120) -> list[str]:
        """Send ``command`` and wait for it to finish; returns its ``saved`` lines."""
        before = len(self.snapshot())
        self.send(command)
        word = command.split()[0]
        ok = self.wait_for(lambda lines: f"ok {word}" in lines[before:], timeout=timeout)
        if not ok:
            self.kill()
            raise AssertionError(f"{command!r} did not finish: {self.proc.stderr.read().decode()[-3000:]}")
        return [x for x in self.snapshot()[before:] if x.startswith(("saved", "refused"))]

    def saved(self) -> list[list[str]]:
        return [x.split()[1:] for x in self.snapshot() if x.startswith("saved")]


def outside_read(path: Path) -> None:
    """Another program reads the project and closes it (sqlite3, Datasette, R):
    python's sqlite3 in a separate process."""
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "c.execute('SELECT count(*) FROM annotations').fetchone()\n"
        "c.close()\n"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60, env=env())


def sqlite3_shell_read(path: Path) -> None:
    """The real ``sqlite3`` command-line shell reads the project and exits, as a
    researcher checking a count does (installed by .ci/run)."""
    shell = shutil.which("sqlite3")
    assert shell, "the sqlite3 command-line shell is not installed (apt-get install sqlite3)"
    subprocess.run(
        [shell, str(path), "SELECT count(*) FROM annotations;"], check=True, timeout=60, capture_output=True
    )


def annotator_info(path: Path) -> None:
    """``annotator info`` in a separate process."""
    subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "info", str(path)],
        check=True,
        timeout=120,
        env=env(),
        cwd=str(REPO),
        capture_output=True,
    )


def make_project(path: Path, n_docs: int = 12, coders: tuple[str, ...] = ("alice",)) -> None:
    with Project.create(path) as p:
        frames = p.codes.add_code(Code("Frames"))
        for name in ("Conflict", "Appeasement", "Humanitarian"):
            p.codes.add_code(Code(name, parent_id=frames.id))
        for name in coders:
            p.add_coder(Coder(name))
        p.documents.add_documents(
            [Document(text=t, title=f"d{i}") for i, t in enumerate(article_texts(n_docs, seed=3))]
        )
        p.documents.set_segmentations(
            Segmentation(document_id=d, model="none") for d in p.documents.document_ids()
        )


def main_file_only(path: Path) -> sqlite3.Connection:
    """What someone holding only the main file (an e-mailed copy, a package sent
    with the window open) can read: no -wal beside it."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
    return conn


def check_saved(conn: sqlite3.Connection, saved: list[list[str]]) -> list[str]:
    """Every reported save that is missing from ``conn`` (a description each)."""
    missing = []
    for kind, *rest in saved:
        if kind == "span":
            ann_id, doc, code, start, end = rest
            row = conn.execute(
                "SELECT 1 FROM annotations WHERE document_id = ? AND code_id = ? AND deleted = 0 "
                'AND start <= ? AND "end" >= ?',
                (doc, code, int(start), int(end)),
            ).fetchone()
            if row is None:
                missing.append(f"span {ann_id}")
        elif kind == "note":
            ann_id, text = rest[0], " ".join(rest[1:])
            if (
                conn.execute("SELECT 1 FROM annotations WHERE id = ? AND note = ?", (ann_id, text)).fetchone()
                is None
            ):
                missing.append(f"note {ann_id}")
        elif kind == "code":
            if conn.execute("SELECT 1 FROM codes WHERE id = ?", (rest[0],)).fetchone() is None:
                missing.append(f"code {rest[0]}")
        elif kind == "import":
            batch_id, n = rest
            have = conn.execute("SELECT count(*) FROM documents WHERE batch_id = ?", (batch_id,)).fetchone()[
                0
            ]
            if have < int(n):
                missing.append(f"import {batch_id}: {have} of {n}")
        elif kind == "merge":
            if conn.execute("SELECT count(*) FROM merges").fetchone()[0] < 1:
                missing.append("merge")
        elif kind == "gold":
            judge, n = rest
            have = conn.execute(
                "SELECT count(*) FROM annotations WHERE coder_id = ? AND deleted = 0", (judge,)
            ).fetchone()[0]
            if have < int(n):
                missing.append(f"gold: {have} of {n}")
        elif kind == "export":
            pass  # checked by the test: the file it names
        else:
            raise AssertionError(kind)
    return missing
