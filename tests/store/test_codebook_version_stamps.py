"""Every coding carries the codebook version it was made under (issue 18, item 4)."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

from annotator.core.codebook import Code
from annotator.core.models import Annotation, Coder, Document, DocumentCode
from annotator.store.project import Project

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"
TEXT = "The minister said the strikes hit 11 targets. Rebels denied it."


def _stamps(path: Path, table: str) -> list:
    conn = sqlite3.connect(str(path))
    try:
        return [r[0] for r in conn.execute(f"SELECT codebook_version FROM {table} ORDER BY rowid")]
    finally:
        conn.close()


def _project(tmp_path: Path) -> tuple[Project, dict]:
    p = Project.create(tmp_path / "p.annotator")
    frames = p.codes.add_code(Code("Frames"))
    a = p.codes.add_code(Code("Conflict", parent_id=frames.id))
    b = p.codes.add_code(Code("Peace", parent_id=frames.id))
    tone = p.codes.add_code(Code("Tone", scope="document"))
    coder = p.add_coder(Coder("alice"))
    doc = Document(text=TEXT, title="t")
    p.documents.add_documents([doc])
    return p, {"a": a, "b": b, "tone": tone, "coder": coder, "doc": doc}


def test_an_earlier_schema_migrates_with_codings_of_unknown_version(tmp_path):
    path = tmp_path / "old.annotator"
    shutil.copyfile(FIXTURES / "schema5.annotator", path)
    with Project.open(path):
        pass
    stamps = _stamps(path, "annotations")
    assert len(stamps) == 8 and set(stamps) == {None}
    assert _stamps(path, "document_codes") == [None]


def test_every_write_stamps_the_current_codebook_version(tmp_path):
    p, k = _project(tmp_path)
    with p:
        first = p.annotations.add_annotation(
            Annotation(k["doc"].id, k["coder"].id, k["a"].id, 0, 12)
        ).annotation
        p.annotations.set_document_code(DocumentCode(k["doc"].id, k["coder"].id, k["tone"].id))
        assert p.codes.codebook_version() == 1
        p.codes.update_code(replace(k["b"], name="Peace frame"))
        assert p.codes.codebook_version() == 2
        second = p.annotations.add_annotation(
            Annotation(k["doc"].id, k["coder"].id, k["b"].id, 18, 25)
        ).annotation
        # a note is no new coding: the stamp stays
        p.annotations.set_annotation_note(first.id, "checked")
        assert _stamps(p.path, "annotations") == [1, 2]
        # a changed code is a coding made now
        p.annotations.update_annotation(
            Annotation(first.document_id, first.coder_id, k["b"].id, 0, 12, id=first.id)
        )
        assert _stamps(p.path, "annotations") == [2, 2]
        intake = p.intake.take_annotations([Annotation(k["doc"].id, k["coder"].id, k["a"].id, 30, 40)])
        assert intake.added == 1
        assert _stamps(p.path, "annotations") == [2, 2, 2]
        assert second.id
        assert _stamps(p.path, "document_codes") == [1]
        p.annotations.set_document_code(DocumentCode(k["doc"].id, k["coder"].id, k["tone"].id, value="2"))
        assert _stamps(p.path, "document_codes") == [2]


def test_a_merged_package_keeps_the_version_its_codings_were_made_under(tmp_path):
    from annotator.services.packages import make_package, merge_package

    p, k = _project(tmp_path)
    with p:
        made = make_package(p, "alice", tmp_path / "alice.annotator")["path"]
        # the lead changes the codebook while the coder codes their package
        p.annotations.add_annotation(Annotation(k["doc"].id, k["coder"].id, k["a"].id, 50, 60))
        p.codes.update_code(replace(k["b"], name="Peace frame"))
        assert p.codes.codebook_version() == 2
    with Project.open(made) as package:
        package.annotations.add_annotation(
            Annotation(k["doc"].id, k["coder"].id, k["b"].id, 0, 12, id="pkg-span")
        )
        package.annotations.set_document_code(DocumentCode(k["doc"].id, k["coder"].id, k["tone"].id))
    with Project.open(p.path) as lead:
        report = merge_package(lead, Path(made), codebook="ignore")
        assert report.added == 1 and report.document_codes_changed == 1
        spans = dict(lead.conn.execute("SELECT id, codebook_version FROM annotations").fetchall())
        assert spans["pkg-span"] == 1  # made under version 1 in the package, merged under version 2
        assert lead.conn.execute("SELECT codebook_version FROM document_codes").fetchall() == [(1,)]
