"""Issue 13, denial of service: writing to a full disk gives one sentence,
exit 1, and leaves nothing behind (no 0-byte or partial file, no temporary
file). The disk is a 64 KiB tmpfs (needs root; skipped where mounting is
not permitted)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.hardening.outputs_helpers import build_large_project, cli


@pytest.fixture(scope="module")
def source(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("source") / "source.annotator"
    build_large_project(path, documents=60)
    return path


@pytest.fixture
def full_disk(tmp_path: Path):
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=False)


COMMANDS = {
    "csv": ["export", "{p}", "--format", "csv", "-o", "{d}/out.csv"],
    "jsonl": ["export", "{p}", "--format", "jsonl", "-o", "{d}/out.jsonl"],
    "xlsx": ["export", "{p}", "--format", "xlsx", "-o", "{d}/out.xlsx"],
    "qdpx": ["export", "{p}", "--format", "qdpx", "-o", "{d}/out.qdpx"],
    "brat": ["export", "{p}", "--format", "brat", "-o", "{d}/brat"],
    "agreement xlsx": ["agreement", "{p}", "--format", "xlsx", "-o", "{d}/agreement.xlsx"],
    "agreement html": ["agreement", "{p}", "--format", "html", "-o", "{d}/agreement.html"],
    "export-matrix": [
        "agreement",
        "export-matrix",
        "{p}",
        "--code",
        "Frames/frame 0",
        "-o",
        "{d}/matrix.csv",
    ],
    "package": ["package", "{p}", "--coder", "Ana", "-o", "{d}/ana.annotator"],
    "codebook export": ["codebook", "export", "{p}", "-o", "{d}/codebook.yaml"],
    "qdc": ["export", "{p}", "--format", "qdc", "-o", "{d}/codebook.qdc"],
    "suggest --export": ["suggest", "{p}", "--model", "blank:en", "--export", "{d}/suggestions.jsonl"],
}
SMALL = {"agreement xlsx", "agreement html", "export-matrix", "codebook export", "qdc", "suggest --export"}


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_full_disk_gives_one_sentence_and_leaves_nothing(source, full_disk, name):
    filler = full_disk / "filler"
    if name in SMALL:  # small files: fill the disk to the last byte first
        with open(filler, "wb", buffering=0) as fh:
            try:
                while True:
                    fh.write(b"x" * 1024)
            except OSError:
                pass
    args = [a.format(p=source, d=full_disk) for a in COMMANDS[name]]
    r = cli(*args)
    err = r.stderr.decode()
    assert r.returncode == 1, err
    error = err[err.find("Error: ") :]  # suggest prints a note about its pipeline first
    assert "Error: " in err and error.count("\n") == 1, err
    assert "the disk is full" in err and "unexpected" not in err and "Traceback" not in err
    left = sorted(str(p.relative_to(full_disk)) for p in full_disk.rglob("*") if p != filler)
    # a folder export made its folder and removes it again: nothing is left
    assert left == [], left
