"""Diagnostics and sample plans from a real project file (the demo), checked
against the agreement report computed the ordinary way."""

from __future__ import annotations

import math

import pytest

from annotator.agreement.sample_size import more_units_to_lift, required_units
from annotator.core.errors import AnnotatorError
from annotator.core.models import DocumentCode
from annotator.services.adjudication import ensure_adjudicator
from annotator.services.agreement import agreement_report
from annotator.services.demo import build_demo
from annotator.services.diagnostics import coder_diagnostics, sample_plan
from annotator.store.project import Project

CODERS = ["Amira", "Ben", "Chen"]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("diagnostics") / "demo.annotator"
    build_demo(path)
    p = Project.open(path)
    yield p
    p.close()


@pytest.fixture
def with_gold(tmp_path):
    """The demo with an adjudicator who copied Amira's dominant frame on every article."""
    path = tmp_path / "gold.annotator"
    build_demo(path)
    p = Project.open(path)
    judge = ensure_adjudicator(p)
    amira = p.find_coder("Amira")
    group = p.codes.codebook().by_path("Dominant frame")
    values = {c.id for c in p.codes.codebook().children(group.id)}
    for dc in p.annotations.document_codes(coder_id=amira.id):
        if dc.code_id in values:
            p.annotations.set_document_code(DocumentCode(dc.document_id, judge.id, dc.code_id, dc.value))
    yield p
    p.close()


def test_leave_one_out_equals_the_report_of_the_remaining_coders(demo):
    diag = coder_diagnostics(demo, unit="sentence", coders=CODERS)
    for left_out in CODERS:
        rest = [c for c in CODERS if c != left_out]
        report = agreement_report(demo, unit="sentence", coders=rest)
        for v in diag.variables:
            effect = next(e for e in v.leave_one_out if e.coder == left_out)
            theirs = report.variable(v.id).alpha
            if theirs is None:
                assert effect.alpha_without is None
            else:
                assert effect.alpha_without == pytest.approx(theirs, abs=1e-12), (v.name, left_out)


def test_overall_alpha_and_ranked_articles_match_the_report(demo):
    diag = coder_diagnostics(demo, unit="document", coders=CODERS, top=5)
    report = agreement_report(demo, unit="document", coders=CODERS)
    for v in diag.variables:
        rep = report.variable(v.id)
        assert v.alpha == rep.alpha or math.isclose(v.alpha, rep.alpha, abs_tol=1e-12)
        assert [d.document_id for d in v.documents] == [d.document_id for d in rep.documents][:5]


def test_the_adjudicator_is_gold_by_default(with_gold):
    diag = coder_diagnostics(with_gold, unit="document", codes=["Dominant frame"])
    assert diag.parameters["gold"] == "Gold standard"
    against = {p.first: p for p in diag.variable("Dominant frame").gold}
    assert set(against) == set(CODERS)
    amira = against["Amira"]
    assert amira.agreement == 1.0 and amira.units == 10
    assert sum(amira.matrix[i][i] for i in range(len(amira.matrix))) == 10
    assert {r.against for r in diag.variable("Dominant frame").drift} == {"Gold standard"}
    # gold is compared with, never counted among, the coders
    assert diag.variable("Dominant frame").alpha == pytest.approx(
        agreement_report(with_gold, unit="document", coders=CODERS).variable("Dominant frame").alpha
    )


def test_no_gold_without_an_adjudicator(demo):
    assert coder_diagnostics(demo, codes=["Dominant frame"]).parameters["gold"] is None
    with pytest.raises(AnnotatorError, match="as a coder and as gold"):
        coder_diagnostics(demo, coders=CODERS, gold="Amira")


def test_sample_plan_extrapolates_the_reports_interval(demo):
    plan = sample_plan(demo, alpha_min=0.667, bootstrap=300, seed=7)
    report = agreement_report(demo, unit="document", coders=CODERS, bootstrap=300, seed=7)
    articles = plan.parameters["articles_coded_by_two_or_more"]
    for v in plan.variables:
        rep = report.variable(v.id)
        assert (v.alpha, v.ci_low) == (rep.alpha, rep.ci_low)
        lift = more_units_to_lift(rep.alpha, rep.ci_low, rep.pairable_units, 0.667)
        assert v.more_units == lift.more
        if lift.more is not None:
            assert v.more_articles == math.ceil(lift.more * articles / rep.pairable_units - 1e-9)
        if v.smallest_share is not None:
            assert v.required_units == required_units(0.667, 0.05, v.smallest_share)
    again = sample_plan(demo, alpha_min=0.667, bootstrap=300, seed=7)
    assert [v.more_articles for v in again.variables] == [v.more_articles for v in plan.variables]


def test_sample_plan_with_a_given_share(demo):
    plan = sample_plan(
        demo, alpha_min=0.8, smallest_share=0.25, bootstrap=50, seed=1, codes=["Dominant frame"]
    )
    (v,) = plan.variables
    assert v.required_units == 139 and v.share_source == "given"
