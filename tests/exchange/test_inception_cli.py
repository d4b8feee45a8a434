"""The demo project through INCEpTION's formats with the real command line:
export, import into an empty project, and nothing differs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.services.demo import build_demo
from annotator.services.exchange import project_data
from annotator.store.project import Project

REPO = Path(__file__).resolve().parents[2]


def _run(*args: str, ok: bool = True) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    if ok:
        assert done.returncode == 0, done.stderr
    return done


def _facts(path: Path) -> tuple[set, set, dict]:
    project = Project.open(path, readonly=True)
    try:
        data = project_data(project)
    finally:
        project.close()
    coders = {c.id: c.name for c in data.coders}
    texts = {d.id: d.text for d in data.documents}
    spans = {
        (
            a.document_id,
            coders[a.coder_id],
            a.code_id,
            data.codebook.path(a.code_id),
            a.start,
            a.end,
            a.note,
            a.link,
        )
        for a in data.annotations
        if not a.deleted
    }
    article = {
        (dc.document_id, coders[dc.coder_id], dc.code_id, dc.value, dc.note)
        for dc in data.document_codes
        if not dc.deleted
    }
    return spans, article, texts


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.annotator"
    build_demo(path)
    return path


@pytest.mark.parametrize(("fmt", "name"), [("xmi", "inception.zip"), ("webanno", "tsv-folder")])
def test_the_demo_goes_out_and_comes_back_with_no_mismatch(tmp_path, demo, fmt, name):
    out = tmp_path / name
    _run("export", str(demo), "--format", fmt, "-o", str(out))
    target = tmp_path / "back.annotator"
    Project.create(target).close()
    _run("import-annotations", str(target), str(out))  # the format is recognised from the contents
    spans0, article0, texts0 = _facts(demo)
    spans1, article1, texts1 = _facts(target)
    assert spans0 and len(spans1 ^ spans0) == 0
    assert texts1 == texts0
    # TSV has no place for article-level codes (data_loss says so); XMI keeps them
    assert article1 == (article0 if fmt == "xmi" else set())


def test_a_broken_file_is_one_sentence_and_exit_code_1(tmp_path):
    target = tmp_path / "p.annotator"
    Project.create(target).close()
    bad = tmp_path / "annotation" / "doc.txt"
    bad.mkdir(parents=True)
    (bad / "alice.xmi").write_text("<not xmi", encoding="utf-8")
    (tmp_path / "annotation" / "TypeSystem.xml").write_text("<typeSystemDescription/>", encoding="utf-8")
    done = _run("import-annotations", str(target), str(tmp_path / "annotation"), ok=False)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    message = (done.stderr + done.stdout).strip()
    assert "alice.xmi" in message and "not well-formed" in message
