"""Disagreements between coders, and the gold standard built from them, on real project files."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Coder
from annotator.services.adjudication import (
    AdjudicationError,
    accept_agreed,
    accept_span,
    disagreements,
    document_figures,
    ensure_adjudicator,
)
from annotator.store.project import Project
from tests.conftest import code_id

TEXT = "The minister said the strikes hit 11 targets.\n\nRebels denied it."
MINISTER = (0, 12)
STRIKES = (22, 29)
REBELS = (47, 53)


@pytest.fixture
def setup(coded_project):
    p = coded_project
    doc = next(d for d in p.documents.document_ids() if p.documents.document_text(d) == TEXT)
    alice, bob = p.find_coder("alice"), p.find_coder("bob")
    carol = p.add_coder(Coder("carol"))
    return p, doc, alice.id, bob.id, carol.id


def add(p, doc, coder, path, span, note=""):
    return p.annotations.add_annotation(Annotation(doc, coder, code_id(p, path), *span, note=note)).annotation


def test_identical_coding_has_no_disagreement(setup):
    p, doc, alice, bob, _ = setup
    for coder in (alice, bob):
        add(p, doc, coder, "Source type/Official", MINISTER)
        add(p, doc, coder, "Frames/Conflict", STRIKES)
    assert disagreements(p, doc, [alice, bob]) == []
    figures = document_figures(p, doc, [alice, bob])
    assert figures.mean_f1 == 1.0 and figures.mean_exact_f1 == 1.0
    assert figures.disagreements == {}


def test_the_three_kinds(setup):
    p, doc, alice, bob, carol = setup
    # a span only some coders have
    only = add(p, doc, alice, "Frames/Appeasement", REBELS)
    # different boundaries
    add(p, doc, alice, "Frames/Conflict", STRIKES)
    add(p, doc, bob, "Frames/Conflict", (18, 29))
    # a different code: another source type on the same words
    add(p, doc, alice, "Source type/Official", MINISTER)
    add(p, doc, bob, "Source type/Military", (4, 12))
    found = disagreements(p, doc, [alice, bob])
    assert [d.kind for d in found] == ["code", "boundaries", "only_some"]
    code, bounds, some = found
    assert set(code.code_ids) == {code_id(p, "Source type/Official"), code_id(p, "Source type/Military")}
    assert (code.start, code.end) == MINISTER
    assert (bounds.start, bounds.end) == (18, 29)
    assert some.annotation_ids == (only.id,)
    assert some.coders_with == (alice,) and some.coders_without == (bob,)
    names = {alice: "alice", bob: "bob"}
    assert some.describe(p.codes.codebook(), names) == "Frames › Appeasement: only alice (not bob)"
    assert document_figures(p, doc, [alice, bob]).disagreements == {
        "code": 1,
        "boundaries": 1,
        "only_some": 1,
    }
    # a third coder who coded nothing: every span becomes "only some"
    assert {d.kind for d in disagreements(p, doc, [alice, bob, carol])} == {"only_some", "code"}


def test_codes_of_different_variables_are_not_a_code_disagreement(setup):
    p, doc, alice, bob, _ = setup
    add(p, doc, alice, "Source type/Official", MINISTER)
    add(p, doc, bob, "Frames/Conflict", MINISTER)
    assert [d.kind for d in disagreements(p, doc, [alice, bob])] == ["only_some", "only_some"]


def test_one_coder_is_refused(setup):
    p, doc, alice, _, _ = setup
    with pytest.raises(AdjudicationError, match="at least two coders"):
        disagreements(p, doc, [alice, alice])


def test_accept_agreed_adds_gold_once(setup):
    p, doc, alice, bob, _ = setup
    sources = [add(p, doc, c, "Frames/Conflict", STRIKES) for c in (alice, bob)]
    add(p, doc, alice, "Source type/Official", MINISTER)
    add(p, doc, bob, "Source type/Official", (4, 12))
    judge = ensure_adjudicator(p)
    assert judge.role == "adjudicator"
    assert ensure_adjudicator(p).id == judge.id
    assert accept_agreed(p, judge.id, [alice, bob]) == 1
    assert accept_agreed(p, judge.id, [alice, bob]) == 0  # idempotent
    with Project.open(p.path) as again:
        gold = again.annotations.select(doc, judge.id)
    assert len(gold) == 1
    assert (gold[0].start, gold[0].end, gold[0].code_id) == (*STRIKES, code_id(p, "Frames/Conflict"))
    assert gold[0].origin == "adjudicated"
    assert set(gold[0].derived_from) == {a.id for a in sources}
    # the coders' own work is untouched
    assert len(p.annotations.select(doc, alice)) == 2 and len(p.annotations.select(doc, bob)) == 2


def test_accept_span_with_other_boundaries_code_and_reason(setup):
    p, doc, alice, bob, _ = setup
    a = add(p, doc, alice, "Source type/Official", MINISTER)
    b = add(p, doc, bob, "Source type/Military", (4, 12))
    judge = ensure_adjudicator(p)
    gold = accept_span(
        p,
        judge.id,
        [a.id, b.id],
        start=4,
        end=12,
        code_id=code_id(p, "Source type/Official"),
        reason="The minister is a civilian official.",
    )
    with Project.open(p.path) as again:
        saved = again.annotations.annotation(gold.id)
    assert (saved.start, saved.end) == (4, 12)
    assert saved.quote == TEXT[4:12]
    assert saved.code_id == code_id(p, "Source type/Official")
    assert saved.coder_id == judge.id and saved.origin == "adjudicated"
    assert saved.derived_from == (a.id, b.id)
    assert saved.note == "The minister is a civilian official."
    # compared with gold, alice's wider span is a boundary disagreement
    kinds = [d.kind for d in disagreements(p, doc, [alice, judge.id])]
    assert kinds == ["boundaries"]


def test_accept_span_needs_an_adjudicator(setup):
    p, doc, alice, bob, _ = setup
    a = add(p, doc, alice, "Frames/Conflict", STRIKES)
    with pytest.raises(AdjudicationError, match="not an adjudicator"):
        accept_span(p, bob, [a.id])
    with pytest.raises(AnnotatorError):
        accept_agreed(p, bob, [alice, bob])
    assert p.annotations.select(doc, bob) == []


def test_accepting_an_overlapping_span_merges_and_keeps_all_sources(setup):
    p, doc, alice, bob, _ = setup
    a = add(p, doc, alice, "Frames/Conflict", (18, 29))
    b = add(p, doc, bob, "Frames/Conflict", (22, 36))
    judge = ensure_adjudicator(p)
    accept_span(p, judge.id, [a.id])
    merged = accept_span(p, judge.id, [b.id])
    gold = p.annotations.select(doc, judge.id)
    assert len(gold) == 1
    assert (gold[0].start, gold[0].end) == (18, 36)
    assert set(merged.derived_from) == {a.id, b.id}


def test_remove_gold_only_removes_gold(setup):
    from annotator.services.adjudication import remove_gold

    p, doc, alice, bob, _ = setup
    a = add(p, doc, alice, "Frames/Conflict", STRIKES)
    judge = ensure_adjudicator(p)
    gold = accept_span(p, judge.id, [a.id])
    with pytest.raises(AdjudicationError, match="Only gold spans"):
        remove_gold(p, a.id)
    remove_gold(p, gold.id)
    assert p.annotations.select(doc, judge.id) == []
    assert p.annotations.annotation(gold.id).deleted
    assert [x.id for x in p.annotations.select(doc, alice)] == [a.id]
