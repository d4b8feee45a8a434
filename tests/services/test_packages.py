"""Coder packages and merging them back (issue 6), on the real demo project."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from annotator.core.codebook import Code
from annotator.core.errors import MergeConflict
from annotator.core.models import Annotation
from annotator.services.demo import build_demo
from annotator.services.packages import make_package, merge_package
from annotator.store.project import Project


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.annotator"
    build_demo(path)
    return path


@pytest.fixture
def lead(demo_file, tmp_path):
    path = tmp_path / "lead.annotator"
    with Project.open(demo_file) as src:
        src.copy_to(path)
    p = Project.open(path)
    yield p
    p.close()


def _snapshot(p: Project) -> list[tuple]:
    return sorted(
        (a.id, a.coder_id, a.code_id, a.start, a.end, a.note, a.deleted)
        for a in p.annotations.select(include_deleted=True)
    )


def _code_further(package_path, text_marker: str) -> None:
    """A coder's session: a new span, an edited note, a deletion."""
    with Project.open(package_path) as pkg:
        coder = pkg.coders()[0]
        doc = pkg.documents.document(pkg.documents.list_documents()[0].id)
        mine = pkg.annotations.select(doc.id, coder.id)
        frame = pkg.codes.codebook().by_path("Frames/Quagmire")
        start = doc.text.index(text_marker) if text_marker in doc.text else 0
        pkg.annotations.add_annotation(
            Annotation(doc.id, coder.id, frame.id, start, start + 5, note="added in package")
        )
        pkg.annotations.set_annotation_note(mine[0].id, "edited in package")
        pkg.annotations.delete_annotation(mine[1].id)


def test_a_package_holds_one_coder_their_documents_and_only_their_work(lead, tmp_path):
    out = tmp_path / "amira.annotator"
    info = make_package(lead, "Amira", out)
    with Project.open(out) as pkg:
        assert [c.name for c in pkg.coders()] == ["Amira"]
        assert {a.coder_id for a in pkg.annotations.select()} == {lead.coder_by_name("Amira").id}
        assert info["documents"] == pkg.documents.count_documents() == lead.documents.count_documents()
        assert len(pkg.codes.codebook()) == len(lead.codes.codebook())
    raw = out.read_bytes()
    assert b"Ben" not in raw and b"Chen" not in raw  # blind: nothing of the others stays in the file
    assert (out.stat().st_mode & 0o777) == 0o600


def test_three_packages_coded_further_merge_twice_like_once(lead, tmp_path):
    paths = {}
    for name in ("Amira", "Ben", "Chen"):
        paths[name] = make_package(lead, name, tmp_path / f"{name}.annotator")["path"]
        _code_further(paths[name], "Russia")
    once = tmp_path / "once.annotator"
    lead.copy_to(once)
    for name in paths:
        report = merge_package(lead, paths[name])
        assert (report.added, report.updated, report.deleted) == (1, 1, 1)
    after_first = _snapshot(lead)
    for name in paths:
        again = merge_package(lead, paths[name])
        assert again.changes == 0
    assert _snapshot(lead) == after_first
    with Project.open(once) as other:
        for name in paths:
            merge_package(other, paths[name])
        assert _snapshot(other) == after_first


def test_a_deletion_in_a_package_is_merged(lead, tmp_path):
    path = make_package(lead, "Ben", tmp_path / "ben.annotator")["path"]
    with Project.open(path) as pkg:
        victim = pkg.annotations.select()[3]
        pkg.annotations.delete_annotation(victim.id)
    report = merge_package(lead, path)
    assert report.deleted == 1
    assert lead.annotations.annotation(victim.id).deleted
    assert victim.id not in {a.id for a in lead.annotations.select()}


def test_dry_run_changes_nothing(lead, tmp_path):
    path = make_package(lead, "Chen", tmp_path / "chen.annotator")["path"]
    _code_further(path, "Syria")
    before = _snapshot(lead)
    report = merge_package(lead, path, dry_run=True)
    assert report.changes == 3
    assert _snapshot(lead) == before


def test_a_package_claiming_another_coders_annotations_is_refused(lead, tmp_path):
    path = make_package(lead, "Amira", tmp_path / "amira.annotator")["path"]
    ben = lead.coder_by_name("Ben")
    bens_span = lead.annotations.select(coder_id=ben.id)[0]
    amira = lead.coder_by_name("Amira")
    con = sqlite3.connect(path)  # an edited package: Ben's annotation id, now claimed by Amira
    con.execute(
        'INSERT INTO annotations(id, document_id, coder_id, code_id, start, "end", quote, created_at, '
        "updated_at) VALUES (?, ?, ?, ?, ?, ?, '', '2099', '2099')",
        (bens_span.id, bens_span.document_id, amira.id, bens_span.code_id, bens_span.start, bens_span.end),
    )
    con.commit()
    con.close()
    before = _snapshot(lead)
    with pytest.raises(MergeConflict, match="another coder"):
        merge_package(lead, path)
    assert _snapshot(lead) == before


def test_a_package_with_work_of_a_stranger_is_refused(lead, tmp_path):
    path = make_package(lead, "Amira", tmp_path / "amira.annotator")["path"]
    ben = lead.coder_by_name("Ben")
    con = sqlite3.connect(path)
    con.execute("INSERT INTO coders(id, name) VALUES (?, 'Ben')", (ben.id,))
    con.execute("UPDATE annotations SET coder_id = ? WHERE rowid = 1", (ben.id,))
    con.commit()
    con.close()
    before = _snapshot(lead)
    with pytest.raises(MergeConflict, match="made for Amira"):
        merge_package(lead, path)
    assert _snapshot(lead) == before


def test_a_codebook_conflict_is_reported_and_nothing_changes(lead, tmp_path):
    path = make_package(lead, "Ben", tmp_path / "ben.annotator")["path"]
    with Project.open(path) as pkg:
        frames = pkg.codes.codebook().by_path("Frames")
        new = pkg.codes.add_code(Code("Energy politics", parent_id=frames.id, color="#117733"))
        doc = pkg.documents.list_documents()[0].id
        pkg.annotations.add_annotation(Annotation(doc, pkg.coders()[0].id, new.id, 0, 10))
        renamed = pkg.codes.codebook().by_path("Frames/Appeasement")
        pkg.codes.update_code(replace(renamed, name="Appeasement policy"))
    before = _snapshot(lead)
    with pytest.raises(MergeConflict, match="different codebook"):
        merge_package(lead, path)
    assert _snapshot(lead) == before
    report = merge_package(lead, path, codebook="add-missing")
    assert report.codes_added == 1 and report.added == 1
    assert lead.codes.codebook().by_path("Frames/Energy politics") is not None
    assert lead.codes.codebook().by_path("Frames/Appeasement") is not None  # the project's names stay


def test_a_file_that_is_not_a_package_is_refused(lead, demo_file):
    with pytest.raises(MergeConflict, match="not a coder package"):
        merge_package(lead, demo_file)
