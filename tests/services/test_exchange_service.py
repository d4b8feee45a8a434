"""Exports and imports through a real project file: what leaves comes back."""

from __future__ import annotations

import pytest

from annotator.services.demo import build_demo
from annotator.services.exchange import export_project, import_annotations
from annotator.store.project import Project


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("exchange") / "demo.annotator"
    build_demo(path)
    p = Project.open(path)
    yield p
    p.close()


def _spans(p: Project) -> set[tuple]:
    names = {c.id: c.name for c in p.coders()}
    cb = p.codes.codebook()
    return {
        (a.document_id, names[a.coder_id], cb.path(a.code_id), a.start, a.end, a.note)
        for a in p.annotations.select()
    }


@pytest.mark.parametrize("fmt", ["qdpx", "jsonl", "brat", "spacy"])
def test_round_trip_into_a_fresh_project(demo, tmp_path, fmt):
    out = tmp_path / ("out" if fmt == "brat" else f"out.{fmt}")
    export_project(demo, fmt, out, coders=["Amira", "Ben"])
    with Project.create(tmp_path / "fresh.annotator") as fresh:
        report = import_annotations(fresh, out, fmt)
        assert report.documents_added == demo.documents.count_documents()
        expected = {s for s in _spans(demo) if s[1] in ("Amira", "Ben")}
        got = _spans(fresh)
        if fmt == "brat":  # brat keeps notes and offsets; code paths come back from annotator-codes.json
            assert {s[:5] for s in got} == {s[:5] for s in expected}
        else:
            assert got == expected
        assert (
            fresh.documents.documents_without_segments() == []
        )  # imported documents are segmented with them
        again = import_annotations(fresh, out, fmt)
        assert again.annotations_added == 0 and again.documents_added == 0
        assert len(fresh.annotations.select()) == len(expected)
