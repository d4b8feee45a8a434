"""Export, then import into a fresh project: the same annotations come back."""

from __future__ import annotations

import pytest

from annotator.exchange import FORMATS, export_data, import_data
from annotator.exchange.bundle import ProjectData

from .conftest import link_groups, span_keys

# task-per-document formats cannot carry links or every note: tests/exchange/test_task_json*.py
TASK_FORMATS = {"prodigy", "doccano", "labelstudio"}
TWO_WAY = [
    name
    for name, f in FORMATS.items()
    if f.can_export and f.can_import and name != "qdc" and name not in TASK_FORMATS
]
KEEPS_IDS = {"csv", "jsonl", "spacy", "qdpx"}
KEEPS_DOCUMENT_CODES = {"csv", "jsonl", "spacy", "qdpx", "xmi"}


def _target(tmp_path, fmt):
    ext = FORMATS[fmt].extensions[0]
    return tmp_path / ("out" + ext if ext else "out")


def _import(fmt, out, sample):
    # CSV carries no texts: it attaches to a project that holds them
    existing = ProjectData(documents=list(sample.documents)) if fmt == "csv" else None
    return import_data(out, fmt, existing=existing)


def test_every_two_way_format_is_tested():
    assert set(TWO_WAY) == {"csv", "jsonl", "spacy", "brat", "qdpx", "xmi", "webanno"}


@pytest.mark.parametrize("fmt", TWO_WAY)
def test_round_trip_keeps_annotations(tmp_path, sample, fmt):
    out = _target(tmp_path, fmt)
    written = export_data(sample, fmt, out)
    assert written and all(p.exists() for p in written)
    result = _import(fmt, out, sample)
    back = result.data
    assert span_keys(back) == span_keys(sample)
    assert link_groups(back) == link_groups(sample)
    # the same texts are the same documents (ids are hashes of the text)
    assert {d.id for d in back.documents} == {d.id for d in sample.documents}
    for d in back.documents:
        assert "\r" not in d.text
    for a in back.annotations:
        doc = next(d for d in back.documents if d.id == a.document_id)
        assert a.quote == doc.text[a.start : a.end]


@pytest.mark.parametrize("fmt", sorted(KEEPS_IDS))
def test_round_trip_keeps_code_and_coder_ids(tmp_path, sample, fmt):
    out = _target(tmp_path, fmt)
    export_data(sample, fmt, out)
    back = _import(fmt, out, sample).data
    ids = sorted((a.document_id, a.coder_id, a.code_id, a.start, a.end) for a in back.annotations)
    assert ids == sorted((a.document_id, a.coder_id, a.code_id, a.start, a.end) for a in sample.annotations)
    for code in back.codebook:
        original = sample.codebook[code.id]
        assert (code.name, code.parent_id, code.color) == (original.name, original.parent_id, original.color)


@pytest.mark.parametrize("fmt", sorted(KEEPS_DOCUMENT_CODES))
def test_round_trip_keeps_article_level_codes(tmp_path, sample, fmt):
    out = _target(tmp_path, fmt)
    export_data(sample, fmt, out)
    back = _import(fmt, out, sample).data
    names = {c.id: c.name for c in back.coders}
    got = sorted(
        (dc.document_id, names[dc.coder_id], back.codebook.path(dc.code_id), dc.value, dc.note)
        for dc in back.document_codes
    )
    names0 = {c.id: c.name for c in sample.coders}
    want = sorted(
        (dc.document_id, names0[dc.coder_id], sample.codebook.path(dc.code_id), dc.value, dc.note)
        for dc in sample.document_codes
    )
    assert got == want


@pytest.mark.parametrize("fmt", TWO_WAY)
def test_importing_into_the_same_project_reuses_everything(tmp_path, sample, fmt):
    out = _target(tmp_path, fmt)
    export_data(sample, fmt, out)
    back = import_data(out, fmt, existing=sample).data
    assert {c.id for c in back.coders} <= {c.id for c in sample.coders}
    assert {c.id for c in back.codebook} <= {c.id for c in sample.codebook}
    assert all(any(d is e for e in sample.documents) for d in back.documents)
    assert sorted((a.coder_id, a.code_id, a.start, a.end) for a in back.annotations) == sorted(
        (a.coder_id, a.code_id, a.start, a.end) for a in sample.annotations
    )


def test_deleted_annotations_are_not_exported(tmp_path, sample):
    sample.annotations[0].deleted = True
    export_data(sample, "jsonl", tmp_path / "a.jsonl")
    back = import_data(tmp_path / "a.jsonl", "jsonl").data
    assert len(back.annotations) == len(sample.annotations) - 1
