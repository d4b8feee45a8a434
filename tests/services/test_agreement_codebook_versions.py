"""An agreement report over codings of several codebook versions says so, with
the versions and their counts (issue 18, item 4)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.codebook import Code
from annotator.core.models import Annotation, Coder, Document
from annotator.services.agreement import agreement_report
from annotator.store.project import Project

TEXTS = [f"Article {i}: the minister said the strikes hit targets, rebels denied it." for i in range(4)]
WARNING = (
    "The codings compared were made under codebook versions 1 (4 codings) and 2 (4 codings); agreement is "
    "best computed within one version: bring older codings to the current one with `annotator codebook migrate`."
)


def build(path: Path, *, change: bool) -> None:
    with Project.create(path) as p:
        frames = p.codes.add_code(Code("Frames", id="frm"))
        conflict = p.codes.add_code(Code("Conflict", id="con", parent_id=frames.id))
        coders = [p.add_coder(Coder("ana", id="ana")), p.add_coder(Coder("bo", id="bo"))]
        docs = [Document(text=t, title=f"t{i}", id=f"d{i}") for i, t in enumerate(TEXTS)]
        p.documents.add_documents(docs)
        for i, doc in enumerate(docs):
            if i == 2 and change:
                p.codes.update_code(replace(conflict, name="Conflict frame"))  # version 2
            for c in coders:
                p.annotations.add_annotation(Annotation(doc.id, c.id, conflict.id, 12, 24 + i))


@pytest.mark.parametrize("change", [True, False])
def test_a_report_across_versions_carries_the_warning(tmp_path, change):
    path = tmp_path / "p.annotator"
    build(path, change=change)
    with Project.open(path) as p:
        report = agreement_report(p, bootstrap=0)
    if change:
        assert report.notes[0] == WARNING
        assert report.parameters["codebook_versions"] == {"1": 4, "2": 4}
    else:
        assert all("codebook version" not in n for n in report.notes)
        assert "codebook_versions" not in report.parameters


def test_unrecorded_versions_are_named_as_such():
    from annotator.services.codebook_versions import versions_warning

    assert versions_warning({None: 3, 4: 1}) == (
        "The codings compared were made under codebook versions not recorded (3 codings, made before versions "
        "were recorded) and 4 (1 coding); agreement is best computed within one version: bring older codings "
        "to the current one with `annotator codebook migrate`."
    )
    assert versions_warning({5: 10}) is None


def test_the_command_line_prints_the_warning(tmp_path):
    path = tmp_path / "p.annotator"
    build(path, change=True)
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "agreement", "report", str(path), "--bootstrap", "0",
         "--format", "json"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "300"},
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert WARNING in " ".join(out.stderr.split())
