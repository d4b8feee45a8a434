"""Issue 13, finding 5: a killed export never leaves a cut-off file under its
final name. A real ``annotator`` child process writes a large project's
export and is SIGKILLed at a seeded moment while it writes; the file at the
final name is then either absent or complete."""

from __future__ import annotations

import os
import shutil
import signal
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.hardening.outputs_helpers import (
    assert_complete_csv,
    assert_complete_jsonl,
    assert_complete_package,
    assert_complete_qdpx,
    assert_complete_xlsx,
    build_large_project,
    cli_popen,
)

KILLS = int(os.environ.get("OUTPUT_KILLS", "4"))


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("large") / "large.annotator"
    counts = build_large_project(path)
    return path, counts


CODES = 9  # Frames with six frames, Tone with one value


def _csv(out: Path, n: dict[str, int]) -> None:
    assert_complete_csv(out, n["annotations"])
    # the other two files of the export: each absent or complete
    for other, rows in (("out_document_codes.csv", n["document_codes"]), ("out_codebook.csv", CODES)):
        if (out.parent / other).exists():
            assert_complete_csv(out.parent / other, rows)


def _jsonl(out: Path, n: dict[str, int]) -> None:
    assert_complete_jsonl(out, 2 + CODES + n["documents"] + n["annotations"] + n["document_codes"])


CASES: dict[str, tuple[Callable[[Path, Path], list], str, Callable[[Path, dict[str, int]], None]]] = {
    "csv": (lambda p, o: ["export", p, "--format", "csv", "-o", o], "out.csv", _csv),
    "jsonl": (lambda p, o: ["export", p, "--format", "jsonl", "-o", o], "out.jsonl", _jsonl),
    "qdpx": (
        lambda p, o: ["export", p, "--format", "qdpx", "-o", o],
        "out.qdpx",
        lambda out, n: assert_complete_qdpx(out, n["documents"]),
    ),
    "xlsx": (
        lambda p, o: ["export", p, "--format", "xlsx", "-o", o],
        "out.xlsx",
        lambda out, n: assert_complete_xlsx(out, n["annotations"]),
    ),
    "package": (
        lambda p, o: ["package", p, "--coder", "Ana", "-o", o],
        "out.annotator",
        lambda out, n: assert_complete_package(out),
    ),
}


def _kill_while_writing(args: list, folder: Path, delay: float) -> None:
    """Start the command, wait until it begins writing in ``folder`` (any new
    entry there), let it write for ``delay`` seconds and SIGKILL it."""
    child = cli_popen(*args)
    try:
        deadline = time.monotonic() + 120
        while child.poll() is None and not any(folder.iterdir()):
            if time.monotonic() > deadline:
                pytest.fail("the export never started writing")
            time.sleep(0.005)
        time.sleep(delay)
        if child.poll() is None:
            os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=120)


@pytest.mark.parametrize("case", sorted(CASES))
def test_killed_writer_leaves_no_cut_off_file(large, tmp_path, rng, case):
    project, counts = large
    command, name, complete = CASES[case]
    before_complete = 0
    for attempt in range(KILLS):
        folder = tmp_path / f"run{attempt}"
        folder.mkdir()
        out = folder / name
        _kill_while_writing(command(project, out), folder, rng.uniform(0.0, 0.6))
        if out.exists():
            complete(out, counts)
        else:
            before_complete += 1
            if case == "csv":  # the three files become visible together, after all are complete
                assert not (folder / "out_document_codes.csv").exists()
                assert not (folder / "out_codebook.csv").exists()
        # what a kill leaves is a hidden work folder, never a file under another visible name
        visible = sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
        # (a package's -wal and -shm come from reading it above)
        assert set(visible) <= {
            name,
            f"{name}-wal",
            f"{name}-shm",
            "out_document_codes.csv",
            "out_codebook.csv",
        }, visible
        shutil.rmtree(folder)
    print(f"{case}: {before_complete} of {KILLS} kills came before the file was complete")
