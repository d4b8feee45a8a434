"""Agreement reads each table of a project once (issue 19, item 2): the counts
of codings per codebook version come from the same pass over the annotations
as the figures, not from a second query per few hundred articles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.codebook import Code
from annotator.core.models import Annotation, Coder, Document
from annotator.services.agreement import agreement_report, coding_data
from annotator.services.codebook_versions import version_parameters
from annotator.store.project import Project
from tests.agreement_project import build_agreement_project


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    # more articles than one chunk of a per-article query holds
    path = build_agreement_project(tmp_path_factory.mktemp("reads") / "s.annotator", documents=900, spans=4)
    with Project.open(path, readonly=True) as p:
        yield p


@pytest.mark.parametrize("unit", ["document", "sentence"])
def test_the_annotations_are_read_once(synthetic, unit):
    statements: list[str] = []
    synthetic.db.conn.set_trace_callback(statements.append)
    try:
        agreement_report(synthetic, unit=unit, bootstrap=0)
    finally:
        synthetic.db.conn.set_trace_callback(None)
    # one reading, in windows of rows: the same statement from a later row on
    reads = {s.split(" WHERE rowid > ")[0] for s in statements if "FROM annotations" in s}
    assert len(reads) == 1, reads
    # the articles' ids, lengths and titles in one pass over their table
    articles = [s for s in statements if "FROM documents" in s]
    assert len(articles) == 1, articles


def _versions_project(path: Path) -> dict[int | None, int]:
    """Codings under versions 1 and 2, one article coded by one coder only and
    a deleted span; returns the counts the report must give."""
    with Project.create(path) as p:
        frames = p.codes.add_code(Code("Frames"))
        conflict = p.codes.add_code(Code("Conflict", parent_id=frames.id))
        ana, bo = p.add_coder(Coder("ana")), p.add_coder(Coder("bo"))
        docs = [
            Document(text=f"Article {i}: the minister said the strikes hit.", title=f"t{i}") for i in range(5)
        ]
        p.documents.add_documents(docs)
        for i, doc in enumerate(docs):
            if i == 2:
                p.codes.update_code(replace(conflict, name="Conflict frame"))  # version 2
            for c in (ana, bo) if i < 4 else (ana,):
                p.annotations.add_annotation(Annotation(doc.id, c.id, conflict.id, 12, 20 + i))
        gone = p.annotations.add_annotation(Annotation(docs[3].id, bo.id, conflict.id, 1, 5))
        p.annotations.delete_annotation(gone.annotation.id)
        sample = [d.id for d in docs[:4]]
        return p.coding_versions.version_counts(sample, [ana.id, bo.id])


def test_version_counts_are_those_of_the_compared_codings(tmp_path):
    path = tmp_path / "v.annotator"
    want = _versions_project(path)
    assert want == {1: 4, 2: 4}
    with Project.open(path, readonly=True) as p:
        report = agreement_report(p, bootstrap=0)
    assert report.parameters["codebook_versions"] == version_parameters(want)


def test_long_articles_and_unrecorded_versions_read_back_exactly(tmp_path):
    # offsets past 16 bits, a version and none, a coder left out of the comparison
    path = tmp_path / "long.annotator"
    text = ("The minister said the strikes hit targets. " * 4000)[:170_000]
    with Project.create(path) as p:
        frames = p.codes.add_code(Code("Frames"))
        leaves = [p.codes.add_code(Code(n, parent_id=frames.id)) for n in ("Conflict", "Economic")]
        ana, bo, cy = p.add_coder(Coder("ana")), p.add_coder(Coder("bo")), p.add_coder(Coder("cy"))
        doc = Document(text=text, title="long")
        p.documents.add_documents([doc])
        for i, c in enumerate((ana, bo, cy)):
            p.annotations.add_annotation(Annotation(doc.id, c.id, leaves[i % 2].id, 131_000 + i, 169_999))
            p.annotations.add_annotation(Annotation(doc.id, c.id, leaves[1].id, 7, 70_000 + i))
        p.db.conn.execute("UPDATE annotations SET codebook_version = NULL WHERE start = 7")
    with Project.open(path, readonly=True) as p:
        data = coding_data(p, [ana, bo], segments=False)
        got = sorted((a.coder_id, a.code_id, a.start, a.end) for a in data.annotations)
        report = agreement_report(p, coders=["ana", "bo"], bootstrap=0)
    assert got == sorted(
        [(ana.id, leaves[0].id, 131_000, 169_999), (bo.id, leaves[1].id, 131_001, 169_999)]
        + [(ana.id, leaves[1].id, 7, 70_000), (bo.id, leaves[1].id, 7, 70_001)]
    )
    versions = report.parameters["codebook_versions"]
    assert versions["unrecorded"] == 2 and sum(versions.values()) == 4


def test_windows_of_rows_read_every_annotation_once_in_order(synthetic, monkeypatch, tmp_path):
    import annotator.store.agreement_rows as agreement_rows

    coders = [c for c in synthetic.coders() if c.name in ("ana", "ben", "chen")]
    whole = coding_data(synthetic, coders, segments=False).annotations
    monkeypatch.setattr(agreement_rows, "_CHUNK", 7)  # many windows, the last one short
    windowed = coding_data(synthetic, coders, segments=False).annotations
    assert len(windowed) == len(whole) > 7 * 10
    for a, b in zip(whole, windowed, strict=True):
        assert (a.document_id, a.coder_id, a.code_id, a.start, a.end) == (
            b.document_id,
            b.coder_id,
            b.code_id,
            b.start,
            b.end,
        )


def test_an_article_id_holding_the_separator_is_read_right(tmp_path, monkeypatch):
    import annotator.store.agreement_rows as agreement_rows

    path = tmp_path / "odd.annotator"
    with Project.create(path) as p:
        frames = p.codes.add_code(Code("Frames"))
        conflict = p.codes.add_code(Code("Conflict", parent_id=frames.id))
        ana, bo = p.add_coder(Coder("ana")), p.add_coder(Coder("bo"))
        ids = ["plain", "odd\x1fid", "last"]
        p.documents.add_documents([Document(text=f"Article {i} text here.", id=d) for i, d in enumerate(ids)])
        for i, d in enumerate(ids):
            for c in (ana, bo):
                p.annotations.add_annotation(Annotation(d, c.id, conflict.id, 0, 7 + i))
    monkeypatch.setattr(agreement_rows, "_CHUNK", 3)
    with Project.open(path, readonly=True) as p:
        got = sorted((a.document_id, a.coder_id, a.end) for a in coding_data(p, [ana, bo]).annotations)
    assert got == sorted((d, c.id, 7 + i) for i, d in enumerate(ids) for c in (ana, bo))
