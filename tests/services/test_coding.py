"""The coding use cases on real project files."""

from __future__ import annotations

import pytest

from annotator.core.codebook import Code
from annotator.core.models import Coder, Document
from annotator.services import coding
from annotator.store.annotations_repo import ExclusiveOverlap
from annotator.store.project import Project

TEXT = "The minister said the strikes were justified.\n\nResidents of Aleppo disagreed."


@pytest.fixture
def proj(tmp_path):
    p = Project.create(tmp_path / "p.annotator")
    frames = p.codes.add_code(Code("Frames", id="frames"))
    p.codes.add_code(Code("Conflict", id="conflict", parent_id=frames.id, shortcut="c", color="#d55e00"))
    p.codes.add_code(Code("Morality", id="morality", parent_id=frames.id, shortcut="m", color="#0072b2"))
    src = p.codes.add_code(Code("Source", id="source", exclusive=True))
    p.codes.add_code(Code("Official", id="official", parent_id=src.id))
    p.codes.add_code(Code("Citizen", id="citizen", parent_id=src.id))
    dom = p.codes.add_code(Code("Dominant", id="dominant", scope="document", exclusive=True))
    p.codes.add_code(Code("D-conflict", id="d1", parent_id=dom.id, scope="document"))
    p.codes.add_code(Code("D-morality", id="d2", parent_id=dom.id, scope="document"))
    p.add_coder(Coder("ann", id="ann"))
    p.add_coder(Coder("bob", id="bob"))
    docs = [
        Document(TEXT, title="A"),
        Document("Second text here.", title="B"),
        Document("Third one.", title="C"),
    ]
    p.documents.add_documents(docs)
    p.doc_ids = [d.id for d in docs]
    yield p
    p.close()


def test_apply_snaps_out_to_words_with_regex_tokens(proj):
    doc = proj.doc_ids[0]
    # "inister sa" -> "minister said"
    w = coding.apply_code(proj, doc, "ann", "conflict", 5, 15)
    assert TEXT[w.annotation.start : w.annotation.end] == "minister said"
    assert proj.annotations.annotation(w.annotation.id).quote == "minister said"


def test_apply_without_snapping_is_character_exact(proj):
    w = coding.apply_code(proj, proj.doc_ids[0], "ann", "conflict", 5, 15, snap=False)
    assert (w.annotation.start, w.annotation.end) == (5, 15)


def test_undo_of_merge_restores_both_spans(proj):
    doc = proj.doc_ids[0]
    a = coding.apply_code(proj, doc, "ann", "conflict", 0, 3)
    b = coding.apply_code(proj, doc, "ann", "conflict", 2, 12)
    assert not b.created and len(proj.annotations.select(doc, "ann")) == 1
    coding.undo_span_write(proj, b)
    live = proj.annotations.select(doc, "ann")
    assert [(x.id, x.start, x.end) for x in live] == [(a.annotation.id, 0, 3)]
    coding.undo_span_write(proj, a)
    assert proj.annotations.select(doc, "ann") == []
    # kept as a deleted row, so a package merge carries the undo
    assert [(x.id, x.deleted) for x in proj.annotations.select(doc, "ann", include_deleted=True)] == [
        (a.annotation.id, True)
    ]


def test_exclusive_overlap_is_refused(proj):
    doc = proj.doc_ids[0]
    coding.apply_code(proj, doc, "ann", "official", 0, 12)
    with pytest.raises(ExclusiveOverlap):
        coding.apply_code(proj, doc, "ann", "citizen", 4, 20)


def test_article_level_code_cannot_go_on_a_passage(proj):
    with pytest.raises(Exception, match="article-level"):
        coding.apply_code(proj, proj.doc_ids[0], "ann", "d1", 0, 3)


def test_document_codes_restore(proj):
    doc = proj.doc_ids[0]
    before = coding.set_document_code(proj, doc, "ann", "d1")
    assert before == {}
    before2 = coding.set_document_code(proj, doc, "ann", "d2", note="hard call")
    assert set(coding.document_code_state(proj, doc, "ann")) == {"d2"}
    coding.restore_document_codes(proj, doc, "ann", before2)
    assert set(coding.document_code_state(proj, doc, "ann")) == {"d1"}


def test_nudge_moves_one_token(proj):
    toks = coding.regex_tokens(TEXT)
    assert coding.nudge(toks, 4, 12, "end", 1, len(TEXT)) == (4, 17)
    # the start cannot pass the end: a one-word span stays as it is
    assert coding.nudge(toks, 4, 12, "start", 1, len(TEXT)) == (4, 12)
    assert coding.nudge(toks, 4, 17, "start", 1, len(TEXT)) == (13, 17)
    s, e = coding.nudge(toks, 4, 12, "start", -1, len(TEXT))
    assert (s, e) == (0, 12)


def test_open_done_and_next(proj):
    flt = coding.coder_filter(proj, "ann")
    d1, d2, d3 = proj.doc_ids
    assert coding.open_document(proj, d1, "ann") == coding.IN_PROGRESS
    # opening a document in an unassigned project does not hide the others
    flt = coding.coder_filter(proj, "ann")
    assert not flt.assigned_only
    coding.mark_done(proj, d2, "ann")
    assert coding.next_not_done(proj, flt, d1) == d3
    coding.mark_done(proj, d3, "ann")
    assert coding.next_not_done(proj, flt, d3) == d1  # wraps round
    coding.mark_done(proj, d1, "ann")
    assert coding.next_not_done(proj, flt, d1) is None
    assert coding.progress(proj, flt) == (3, 3)


def test_assigned_documents_only(proj):
    d1, d2, d3 = proj.doc_ids
    proj.workflow.assign([d2], "bob")
    flt = coding.coder_filter(proj, "bob")
    assert flt.assigned_only
    assert [r.id for r in proj.documents.list_documents(**flt.kwargs())] == [d2]
    assert coding.progress(proj, flt) == (0, 1)
