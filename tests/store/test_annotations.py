"""Span annotations: validation, merging, exclusive groups, undo support."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from annotator.core.errors import InvalidSpan
from annotator.core.models import Annotation, DocumentCode
from annotator.store.annotations_repo import ExclusiveOverlap
from tests.conftest import code_id


@pytest.fixture
def ctx(coded_project):
    p = coded_project
    doc = next(d for d in p.documents.list_documents() if d.title == "Strikes")
    return p, doc.id, p.coder_by_name("alice").id, p.coder_by_name("bob").id


def test_span_offsets_are_code_points_and_quote_is_the_slice(coded_project):
    p = coded_project
    doc = p.documents.document(next(d.id for d in p.documents.list_documents() if d.title == "Unicode"))
    alice = p.coder_by_name("alice").id
    start = doc.text.index("習近平")
    w = p.annotations.add_annotation(
        Annotation(doc.id, alice, code_id(p, "Frames/Conflict"), start, start + 3)
    )
    assert w.annotation.quote == "習近平" == doc.text[w.annotation.start : w.annotation.end]
    emoji = doc.text.index("😀")
    w = p.annotations.add_annotation(
        Annotation(doc.id, alice, code_id(p, "Frames/Appeasement"), 0, emoji + 1)
    )
    assert w.annotation.quote == "Zoë Müller 😀"


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (5, 3, "after its start"),
        (4, 4, "after its start"),
        (-1, 3, "before the beginning"),
        (0, 999, "past the end"),
    ],
)
def test_invalid_spans_are_refused_by_the_store(ctx, start, end, message):
    p, doc, alice, _ = ctx
    with pytest.raises(InvalidSpan, match=message):
        p.annotations.add_annotation(Annotation(doc, alice, code_id(p, "Frames/Conflict"), start, end))
    assert p.annotations.select(doc) == []


@pytest.mark.parametrize(("start", "end"), [(5, 3), (-1, 2), (0, 999)])
def test_invalid_spans_are_refused_by_the_database_itself(ctx, start, end):
    p, doc, alice, _ = ctx
    con = sqlite3.connect(p.path)
    with pytest.raises(sqlite3.IntegrityError):
        con.execute(
            'INSERT INTO annotations(id, document_id, coder_id, code_id, start, "end", created_at, updated_at) '
            "VALUES ('x', ?, ?, ?, ?, ?, '', '')",
            (doc, alice, code_id(p, "Frames/Conflict"), start, end),
        )
    con.close()


def test_overlapping_spans_of_one_code_and_coder_merge(ctx):
    p, doc, alice, bob = ctx
    conflict = code_id(p, "Frames/Conflict")
    first = p.annotations.add_annotation(Annotation(doc, alice, conflict, 4, 12, note="one")).annotation
    w = p.annotations.add_annotation(Annotation(doc, alice, conflict, 10, 24, note="two"))
    assert not w.created
    assert (w.annotation.id, w.annotation.start, w.annotation.end) == (first.id, 4, 24)
    assert w.annotation.note == "one\ntwo"
    assert [a.id for a in w.before] == [first.id]
    # another coder's span, and another code, stay separate
    p.annotations.add_annotation(Annotation(doc, bob, conflict, 5, 8))
    p.annotations.add_annotation(Annotation(doc, alice, code_id(p, "Frames/Appeasement"), 5, 8))
    assert len(p.annotations.select(doc, alice)) == 2
    assert len(p.annotations.select(doc)) == 3


def test_adjacent_spans_are_not_merged(ctx):
    p, doc, alice, _ = ctx
    conflict = code_id(p, "Frames/Conflict")
    p.annotations.add_annotation(Annotation(doc, alice, conflict, 0, 4))
    p.annotations.add_annotation(Annotation(doc, alice, conflict, 4, 12))
    assert [(a.start, a.end) for a in p.annotations.select(doc, alice)] == [(0, 4), (4, 12)]


def test_values_of_an_exclusive_group_never_overlap(ctx):
    p, doc, alice, bob = ctx
    p.annotations.add_annotation(Annotation(doc, alice, code_id(p, "Source type/Official"), 4, 12))
    with pytest.raises(ExclusiveOverlap, match="exclusive group 'Source type'"):
        p.annotations.add_annotation(Annotation(doc, alice, code_id(p, "Source type/Military"), 8, 20))
    p.annotations.add_annotation(
        Annotation(doc, bob, code_id(p, "Source type/Military"), 8, 20)
    )  # other coder: fine
    assert len(p.annotations.select(doc)) == 2


def test_delete_is_soft_and_restore_brings_the_state_back(ctx):
    p, doc, alice, _ = ctx
    a = p.annotations.add_annotation(Annotation(doc, alice, code_id(p, "Frames/Conflict"), 4, 12)).annotation
    before = p.annotations.delete_annotation(a.id)
    assert p.annotations.select(doc) == []
    assert p.annotations.select(doc, include_deleted=True)[0].deleted
    p.annotations.restore_annotations([before])
    assert p.annotations.select(doc)[0].id == a.id


def test_update_changes_code_and_boundaries_and_keeps_the_quote_right(ctx):
    p, doc, alice, _ = ctx
    a = p.annotations.add_annotation(Annotation(doc, alice, code_id(p, "Frames/Conflict"), 4, 12)).annotation
    w = p.annotations.update_annotation(replace(a, start=0, end=12, code_id=code_id(p, "Frames/Appeasement")))
    assert w.annotation.quote == "The minister"
    assert w.before[0].code_id == code_id(p, "Frames/Conflict")
    assert p.annotations.annotation(a.id).code_id == code_id(p, "Frames/Appeasement")


def test_article_level_exclusive_value_replaces_the_previous_one(ctx):
    p, doc, alice, _ = ctx
    p.annotations.set_document_code(DocumentCode(doc, alice, code_id(p, "Dominant frame/Conflict frame")))
    p.annotations.set_document_code(
        DocumentCode(doc, alice, code_id(p, "Dominant frame/Peace frame"), note="mostly")
    )
    codes = p.annotations.document_codes(doc, alice)
    assert [(c.code_id, c.note) for c in codes] == [(code_id(p, "Dominant frame/Peace frame"), "mostly")]


def test_document_list_filters_by_status_and_searches_text(ctx):
    p, doc, alice, _ = ctx
    assert {d.title for d in p.documents.list_documents(search="rebels")} == {"Strikes"}
    assert {d.title for d in p.documents.list_documents(search="genè")} == {"Unicode"}
    p.workflow.set_status(doc, alice, "done")
    assert [d.title for d in p.documents.list_documents(coder_id=alice, status="done")] == ["Strikes"]
    assert [d.title for d in p.documents.list_documents(coder_id=alice, status="to_do")] == ["Unicode"]
    assert p.documents.count_documents(coder_id=alice, status="done") == 1
