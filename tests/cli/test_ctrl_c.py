"""Ctrl+C on a long command asks its task to stop through the TaskState: the
command keeps what was finished, says so in one sentence and exits 130; a
second Ctrl+C interrupts at once."""

from __future__ import annotations

import json
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import pytest

from annotator.cli.common import run_task
from annotator.core.errors import Cancelled
from annotator.core.task import TaskState

REPO = Path(__file__).resolve().parents[2]


def test_the_first_ctrl_c_requests_interruption_and_the_handler_is_restored():
    before = signal.getsignal(signal.SIGINT)
    press_at = random.Random(14).randint(2, 20)
    seen: list[int] = []

    def task(*, state: TaskState) -> None:
        for i in range(1, 1000):
            seen.append(i)
            if i == press_at:
                os.kill(os.getpid(), signal.SIGINT)  # a real signal, handled between bytecodes
                time.sleep(0.05)
            state.check("Counting was cancelled.")

    with pytest.raises(Cancelled, match="Counting was cancelled"):
        run_task("Counting", task)
    assert seen[-1] == press_at  # stopped at the first check after the press
    assert signal.getsignal(signal.SIGINT) is before


def test_a_second_ctrl_c_interrupts_at_once():
    def task(*, state: TaskState) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        time.sleep(0.05)
        assert state.is_interruption_requested()
        os.kill(os.getpid(), signal.SIGINT)  # the user insists: no waiting for a check
        time.sleep(0.05)

    with pytest.raises(KeyboardInterrupt):
        run_task("Counting", task)


def _documents(path: Path) -> int:
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1)) as conn:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
    except sqlite3.Error:
        return 0  # not created yet


@pytest.mark.slow
@pytest.mark.parametrize("processes", ["1", "2"])
def test_ctrl_c_during_an_import_keeps_whole_documents_and_exits_130(tmp_path, processes):
    folder = tmp_path / "many"
    folder.mkdir()
    total = 3000
    for i in range(total):
        (folder / f"{i:04}.txt").write_text(f"Article {i}\n\nBody of article number {i} with some words.\n")
    project = tmp_path / "p.annotator"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    run = [sys.executable, "-m", "annotator.cli.main"]
    subprocess.run([*run, "init", str(project)], env=env, check=True, capture_output=True)
    proc = subprocess.Popen(
        [
            *run,
            "import",
            str(project),
            str(folder),
            "--model",
            "blank:en",
            "--json",
            "--processes",
            processes,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # a shell may start a background job with Ctrl+C ignored; a terminal's user would not
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        start_new_session=True,  # its own process group, as a terminal's foreground job
    )
    deadline = time.monotonic() + 120
    while _documents(project) == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGINT)  # a terminal's Ctrl+C reaches every process of the job
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    said = err.decode()
    match = re.search(
        r"The import was cancelled; the (\d+) articles read before it stopped are saved\.", said
    )
    assert match, said
    saved = int(match.group(1))
    assert 0 < saved < total, saved
    report = json.loads(out)
    assert report["cancelled"] is True and report["imported"] == saved
    assert _documents(project) == saved
    with closing(sqlite3.connect(f"file:{project}?mode=ro", uri=True)) as conn:
        unsegmented = conn.execute(
            "SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM segments)"
        ).fetchone()[0]
    assert unsegmented == 0
