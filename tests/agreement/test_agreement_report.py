"""compute_report and matrix_report: edge cases give the conventional answer, said so."""

from __future__ import annotations

import pytest

from annotator.agreement.errors import AgreementError
from annotator.agreement.report import compute_report, matrix_report
from annotator.core.errors import Cancelled
from annotator.core.task import TaskState

TEXT = "Aaaa bbb. Cccc ddd. Eeee fff. Gggg hhh."


def spans_for(coder, pattern):
    """pattern: per sentence, the code marked there (or None)."""
    out = []
    for i, code in enumerate(pattern):
        if code:
            out.append(("d", coder, code, 10 * i, 10 * i + 4))
    return out


APP, TRAG = "Frames/Appeasement", "Frames/Tragically flawed"
GOV, NGO = "Source type/Government", "Source type/NGO"


def test_perfect_agreement_gives_one_everywhere(make_data, ids):
    pattern = [APP, None, APP, None]
    data = make_data({"d": TEXT}, spans_for("a", pattern) + spans_for("b", pattern))
    rep = compute_report(data, unit="sentence", coders=["a", "b"], variables=[ids[APP]])
    v = rep.variables[0]
    assert v.alpha == pytest.approx(1.0)
    assert v.percent_agreement == pytest.approx(1.0)
    assert v.cohen_kappa == pytest.approx(1.0) and v.scott_pi == pytest.approx(1.0)
    assert v.fleiss_kappa == pytest.approx(1.0) and v.brennan_prediger == pytest.approx(1.0)
    assert v.f1_exact == pytest.approx(1.0) and v.f1_overlap == pytest.approx(1.0)
    assert v.coverage == {"a": 0.5, "b": 0.5}


def test_one_coder_gives_undefined_alpha_with_a_reason(make_data, ids):
    data = make_data({"d": TEXT}, spans_for("a", [APP, None, APP, None]))
    v = compute_report(data, unit="sentence", coders=["a"], variables=[ids[APP]]).variables[0]
    assert v.alpha is None and v.percent_agreement is None
    assert "two or more coders" in v.reasons["alpha"]
    assert v.cohen_kappa is None and v.reasons["cohen_kappa"]
    assert v.f1_overlap is None and "two or more coders" in v.reasons["f1"]


def test_no_spans_at_all_is_no_variation(make_data, ids):
    data = make_data({"d": TEXT}, coded={"d": {"a", "b"}})
    rep = compute_report(data, unit="sentence", coders=["a", "b"], variables=[ids[APP]])
    v = rep.variables[0]
    assert v.alpha is None and "no variation" in v.reasons["alpha"]
    assert v.percent_agreement == 1.0  # shown beside it: they agree nothing is there
    assert v.f1_overlap is None and "No coder marked" in v.reasons["f1"]
    assert "No coder used" in v.reasons["coverage"]


def test_a_code_nobody_used_is_undefined_while_others_are_computed(make_data, ids):
    data = make_data(
        {"d": TEXT}, spans_for("a", [APP, None, APP, None]) + spans_for("b", [APP, None, None, None])
    )
    rep = compute_report(data, unit="sentence", coders=["a", "b"], variables=[ids[APP], ids[TRAG]])
    app, trag = rep.variable(ids[APP]), rep.variable(ids[TRAG])
    assert app.alpha == pytest.approx(8 / 15)  # hand computation: 1 - 7 * 1 / (2 * 3 * 5) * 2
    assert trag.alpha is None and trag.reasons["alpha"]
    assert trag.coverage == {"a": 0.0, "b": 0.0}


def test_coder_missing_on_a_document_is_left_out_there(make_data, ids):
    texts = {"d": TEXT, "e": TEXT.replace("A", "Q")}
    spans = spans_for("a", [APP, None, APP, None]) + spans_for("b", [APP, None, None, None])
    spans += [("e", "a", APP, 0, 4)]
    only_d = make_data({"d": TEXT}, spans[:3])
    both = make_data(texts, spans, coded={"d": {"a", "b"}, "e": {"a"}})
    r1 = compute_report(only_d, unit="sentence", coders=["a", "b"], variables=[ids[APP]]).variables[0]
    r2 = compute_report(both, unit="sentence", coders=["a", "b"], variables=[ids[APP]]).variables[0]
    assert r2.alpha == pytest.approx(r1.alpha)
    assert r2.pairable_units == 4
    # if b's absence from e were read as "absent", alpha would change
    absent = make_data(texts, spans, coded={"d": {"a", "b"}, "e": {"a", "b"}})
    r3 = compute_report(absent, unit="sentence", coders=["a", "b"], variables=[ids[APP]]).variables[0]
    assert r3.alpha != pytest.approx(r1.alpha)


def test_group_variable_at_sentence_unit_and_on_the_continuum(make_data, ids):
    a = [("d", "a", GOV, 0, 4), ("d", "a", NGO, 10, 14), ("d", "a", GOV, 20, 24)]
    b = [("d", "b", GOV, 0, 4), ("d", "b", GOV, 10, 14), ("d", "b", GOV, 20, 24)]
    data = make_data({"d": TEXT}, a + b)
    sent = compute_report(data, unit="sentence", coders=["a", "b"], variables=[ids["Source type"]]).variables[
        0
    ]
    assert sent.kind == "group" and sent.categories == ["(none)", "Government", "NGO"]
    assert sent.percent_agreement == pytest.approx(0.75)
    assert sent.f1_exact == pytest.approx(2 / 3)
    cont = compute_report(
        data, unit="continuum", coders=["a", "b"], variables=[ids["Source type"]]
    ).variables[0]
    assert cont.alpha_name == "uα" and cont.alpha == cont.u_alpha
    assert cont.binary_u_alpha == pytest.approx(1.0)  # both marked exactly the same stretches
    assert cont.k_u_alpha["Government"] is not None and cont.k_coverage["NGO"] == pytest.approx(1.0)
    assert cont.reasons["cohen_kappa"].startswith("Not defined on the continuum")


def test_per_document_figures_find_the_problem_article(make_data, ids):
    good = "Aaaa bbb. Cccc ddd."
    spans = [("g", "a", APP, 0, 4), ("g", "b", APP, 0, 4), ("d", "a", APP, 0, 4), ("d", "b", APP, 10, 14)]
    data = make_data({"g": good, "d": TEXT}, spans)
    rep = compute_report(data, unit="sentence", coders=["a", "b"], variables=[ids[APP]])
    assert rep.variables[0].documents[0].document_id == "d"
    assert rep.variables[0].documents[0].disagreeing_units == 2
    assert rep.documents[0].document_id == "d" and rep.documents[0].title == "Title d"
    cont = compute_report(data, unit="continuum", coders=["a", "b"], variables=[ids[APP]])
    worst = cont.variables[0].documents[0]
    assert worst.document_id == "d" and worst.disagreeing_units == 8  # characters 0-4 and 10-14


def test_a_second_report_sees_edits_made_after_the_first(make_data, ids):
    data = make_data(
        {"d": TEXT}, spans_for("a", [APP, None, APP, None]) + spans_for("b", [APP, None, APP, None])
    )
    kw = dict(unit="sentence", coders=["a", "b"], variables=[ids[APP]])
    assert compute_report(data, **kw).variables[0].alpha == pytest.approx(1.0)
    data.annotations[1].deleted = True
    assert compute_report(data, **kw).variables[0].alpha < 1.0


def test_bootstrap_is_seedable_and_reports_threshold_probabilities(make_data, ids):
    a = spans_for("a", [APP, None, APP, None]) + [("e", "a", APP, 0, 4), ("e", "a", APP, 20, 24)]
    b = spans_for("b", [APP, None, None, None]) + [("e", "b", APP, 0, 4)]
    data = make_data({"d": TEXT, "e": TEXT}, a + b)
    kw = dict(unit="sentence", coders=["a", "b"], variables=[ids[APP]], bootstrap=500)
    one = compute_report(data, seed=7, **kw).variables[0]
    two = compute_report(data, seed=7, **kw).variables[0]
    assert (one.ci_low, one.ci_high, one.p_below) == (two.ci_low, two.ci_high, two.p_below)
    assert one.ci_low <= one.alpha <= one.ci_high
    assert set(one.p_below) == {"0.667", "0.8"} and 0 <= one.p_below["0.667"] <= one.p_below["0.8"] <= 1


def test_progress_reaches_the_end_and_cancel_stops(make_data, ids):
    data = make_data({"d": TEXT}, spans_for("a", [APP, None, APP, None]) + spans_for("b", [APP] * 4))
    seen = []
    compute_report(
        data,
        unit="sentence",
        coders=["a", "b"],
        bootstrap=50,
        seed=1,
        state=TaskState(on_progress=lambda done, total: seen.append((done, total))),
    )
    assert seen[-1][0] == seen[-1][1] and all(
        d1 <= d2 for (d1, _), (d2, _) in zip(seen, seen[1:], strict=False)
    )
    stopped = TaskState()
    stopped.request_interruption()
    with pytest.raises(Cancelled):
        compute_report(data, unit="sentence", coders=["a", "b"], state=stopped)


def test_parameters_record_what_was_computed(make_data, ids):
    data = make_data({"d": TEXT}, spans_for("a", [APP]) + spans_for("b", [APP]))
    rep = compute_report(data, unit="token", coders=["a", "b"], coder_names={"a": "Ann", "b": "Bo"}, seed=3)
    p = rep.parameters
    assert p["unit"] == "token" and p["coders"] == [
        {"id": "a", "name": "Ann", "documents_coded": 1},
        {"id": "b", "name": "Bo", "documents_coded": 1},
    ]
    assert p["codebook"] == "test codebook" and p["codebook_version"] == 3 and p["seed"] == 3
    assert p["software"].startswith("annotator ") and p["date"]
    assert p["documents"] == 1


def test_unknown_unit_and_negative_bootstrap_are_refused(make_data):
    data = make_data({"d": TEXT}, spans_for("a", [APP]))
    with pytest.raises(AgreementError, match="unit of analysis"):
        compute_report(data, unit="page", coders=["a"])
    with pytest.raises(AgreementError, match="negative"):
        compute_report(data, unit="sentence", coders=["a"], bootstrap=-1)


# --- matrix_report (ReCal style) --------------------------------------------------------------


def test_matrix_report_two_coders_has_cohen_and_scott():
    m = [[1, 1], [1, 2], [2, 2], [2, 2], [None, 1], [3, 3]]
    v = matrix_report(m, "nominal").variables[0]
    assert v.units == 6 and v.pairable_units == 5 and v.coders == 2
    assert v.percent_agreement == pytest.approx(0.8)
    assert v.cohen_kappa is not None and v.scott_pi is not None and v.fleiss_kappa is not None
    # for two coders without missing values Scott's pi and Fleiss' kappa coincide
    assert v.scott_pi == pytest.approx(v.fleiss_kappa)


def test_matrix_report_three_coders_leaves_two_coder_measures_undefined():
    v = matrix_report([[1, 1, 2], [2, 2, 2], [1, 1, 1]], "ordinal").variables[0]
    assert v.cohen_kappa is None and "exactly two coders" in v.reasons["cohen_kappa"]
    assert len(v.cohen_pairwise) == 3 and v.alpha is not None


@pytest.mark.parametrize(
    ("matrix", "level", "message"),
    [
        ([["a", "b"], ["b", "b"]], "interval", "numeric"),
        ([["low", "high"], ["high", "high"]], "ordinal", "numeric"),
        ([[1, -2], [3, 3]], "ratio", "zero or more"),
        ([[1, 2]], "cardinal", "Unknown level"),
        ([1, 2, 3], "nominal", "two-dimensional"),
    ],
)
def test_matrix_report_bad_input(matrix, level, message):
    with pytest.raises(AgreementError, match=message):
        matrix_report(matrix, level)


@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_matrix_without_pairable_values_is_undefined(level):
    v = matrix_report([[None, None], [1, None]], level).variables[0]
    assert v.alpha is None and "two or more coders" in v.reasons["alpha"]
    assert v.fleiss_kappa is None and v.cohen_kappa is None


def test_continuum_bootstrap_resamples_documents(make_data, ids):
    texts = {f"d{i}": TEXT for i in range(6)}
    spans = []
    for i in range(6):
        spans += [(f"d{i}", "a", APP, 0, 8), (f"d{i}", "b", APP, 0 if i % 2 else 2, 8)]
        if i % 3 == 0:
            spans.append((f"d{i}", "b", APP, 20, 24))
    data = make_data(texts, spans)
    kw = dict(unit="continuum", coders=["a", "b"], variables=[ids[APP]], bootstrap=300)
    one = compute_report(data, seed=5, **kw).variables[0]
    assert one.ci_low < one.alpha < one.ci_high
    assert one.bootstrap_samples == 300 and "whole documents" in one.reasons["bootstrap_unit"]
    assert compute_report(data, seed=5, **kw).variables[0].ci_low == one.ci_low


def test_continuum_bootstrap_of_one_document_is_that_document(reference):
    import numpy as np

    from annotator.agreement.unitizing import Segments, bootstrap_unitizing, unitizing_alphas

    ref = reference("krippendorff2016_2019_unitizing_family_alex_paul_suzan")
    segs = ref["data"]["segments_primary_pygamma"]
    labels = sorted({v for rows in segs.values() for *_, v in rows})
    rows = np.array(
        [(0, c, s, e, labels.index(v) + 1) for c, name in enumerate(segs) for s, e, v in segs[name]]
    )
    res = unitizing_alphas(
        np.array([60]), np.ones((1, 3), bool), Segments(*rows.T), len(labels), per_document=True
    )
    b = bootstrap_unitizing(res, samples=20, seed=1)
    assert b.low == pytest.approx(ref["expected"]["computed_here_primary"]["u_alpha"], abs=1e-9)
    assert b.high == pytest.approx(b.low, abs=1e-12)


def test_two_coders_of_the_same_name_are_kept_apart(make_data, ids):
    data = make_data(
        {"d": TEXT}, spans_for("a", [APP, None, APP, None]) + spans_for("b", [APP, None, None, None])
    )
    rep = compute_report(
        data, unit="sentence", coders=["a", "b"], coder_names={"a": "Sam", "b": "Sam"}, variables=[ids[APP]]
    )
    assert rep.variables[0].coverage == {"Sam (a)": 0.5, "Sam (b)": 0.25}
