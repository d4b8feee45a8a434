"""Issue 13, denial-of-service items: a project file with a negative schema
version, and a damaged project file given to ``export``, each get one clear
sentence and leave nothing behind (no backup per try, no output file)."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest

from annotator.core.errors import ProjectError
from annotator.core.models import Coder, Document
from annotator.store.project import Project
from tests.crash.helpers import env
from tests.hardening.helpers import REPO

pytestmark = pytest.mark.crash


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *args],
        capture_output=True,
        text=True,
        env=env(),
        cwd=str(REPO),
        timeout=120,
    )


def _one_sentence(text: str) -> None:
    text = text.strip()
    assert text.startswith("Error: "), text
    assert "\n" not in text and "Traceback" not in text and "unexpected" not in text, text
    assert text.endswith("."), text


@pytest.fixture
def good(tmp_path):
    path = tmp_path / "src" / "good.annotator"
    path.parent.mkdir()
    with Project.create(path) as p:
        p.add_coder(Coder("alice"))
        p.documents.add_documents(
            [Document(text=f"Article {i}. " + "The minister said the talks failed. " * 300) for i in range(4)]
        )
    return path


def test_negative_schema_version_is_one_sentence_and_makes_no_backup(good, tmp_path):
    path = tmp_path / "neg.annotator"
    shutil.copyfile(good, path)
    conn = sqlite3.connect(str(path))
    conn.execute("PRAGMA user_version = -1")
    conn.close()
    before = path.read_bytes()
    for _ in range(2):
        with pytest.raises(ProjectError) as err:
            Project.open(path)
        assert "schema version" in str(err.value) and "\n" not in str(err.value)
        result = _cli("info", str(path))
        assert result.returncode == 1
        _one_sentence(result.stderr)
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["neg.annotator"]
    assert path.read_bytes() == before


def _damage(good, target, how: str) -> None:
    data = bytearray(good.read_bytes())
    if how == "pages":
        data[4096 * 2 : 4096 * 6] = b"\x55" * (4096 * 4)
    elif how == "truncated":
        data = data[: 4096 * 2]
    elif how == "garbage":
        data = bytearray(b"not a database " * 400)
    target.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["pages", "truncated", "garbage"])
@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_export_of_a_damaged_project_is_one_sentence_and_writes_nothing(good, tmp_path, how, fmt):
    folder = tmp_path / "work"
    folder.mkdir()
    path = folder / "damaged.annotator"
    _damage(good, path, how)
    result = _cli("export", str(path), "--format", fmt, "-o", str(folder / f"out.{fmt}"))
    assert result.returncode == 1
    _one_sentence(result.stderr)
    # no output file, whole or partial (a read-only open of a WAL-mode file may leave SQLite's empty
    # -wal and -shm beside it, as it does for a sound file)
    assert sorted(p.name for p in folder.iterdir() if not p.name.endswith(("-wal", "-shm"))) == [
        "damaged.annotator"
    ]
