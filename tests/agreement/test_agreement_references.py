"""Known answers: every value of tests/data/references/agreement/ within its tolerance."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.agreement.alpha import (
    LEVELS,
    alpha_from_counts,
    encode_matrix,
    krippendorff_alpha,
    value_counts,
)
from annotator.agreement.kappa import cohen_kappa_table, fleiss_components, fleiss_kappa
from annotator.agreement.spans_match import span_scores, spans_from_tuples
from annotator.agreement.unitizing import unitize

K2011 = "krippendorff2011_computing_alpha_4x12"
WIKI_ALPHA = "wikipedia_krippendorff_3x15_fast_krippendorff"
FLEISS = "wikipedia_fleiss_kappa_10x14"
COHEN = "cohen1960"
UNITIZING = "krippendorff2016_2019_unitizing_family_alex_paul_suzan"
SEMEVAL = "semeval2013_task9_span_matching_nervaluate"


# --- Krippendorff (2011) 4 coders x 12 units ----------------------------------------------


@pytest.mark.parametrize("level", LEVELS)
def test_krippendorff_2011_alpha_all_levels(reference, level):
    ref = reference(K2011)
    result = krippendorff_alpha(ref["data"]["matrix"], level, coders_in_rows=True)
    assert result.alpha == pytest.approx(
        ref["expected"][f"alpha_{level}"], abs=ref["tolerance"]["published_3dp"]
    )
    full = ref["expected"]["full_precision_krippendorff_pkg_0_9_0"][level]
    assert result.alpha == pytest.approx(full, abs=ref["tolerance"]["full_precision"])


def test_krippendorff_2011_disagreements_and_coincidences(reference):
    ref = reference(K2011)
    exp, tol = ref["expected"], ref["tolerance"]["published_3dp"]
    nominal = krippendorff_alpha(ref["data"]["matrix"], "nominal", coders_in_rows=True)
    interval = krippendorff_alpha(ref["data"]["matrix"], "interval", coders_in_rows=True)
    assert nominal.observed_disagreement == pytest.approx(exp["nominal_observed_disagreement"], abs=tol)
    assert nominal.expected_disagreement == pytest.approx(exp["nominal_expected_disagreement"], abs=tol)
    assert interval.observed_disagreement == pytest.approx(exp["interval_observed_disagreement"], abs=tol)
    assert interval.expected_disagreement == pytest.approx(exp["interval_expected_disagreement"], abs=tol)
    # unit 12 has one value only: not pairable, so n = 40, not 41
    assert nominal.pairable_values == exp["pairable_values_n"]
    assert nominal.pairable_units == exp["units_with_2plus_values"]
    o = nominal.coincidences
    for value, count in exp["nominal_coincidences_diagonal"].items():
        assert o[
            nominal.categories.index(float(value)), nominal.categories.index(float(value))
        ] == pytest.approx(count)
    assert o[0, 1] == pytest.approx(exp["nominal_coincidence_1_2"])
    assert nominal.percent_agreement == pytest.approx(exp["percent_agreement_pairable_weighted"])


def test_string_labels_give_the_same_nominal_alpha(reference):
    ref = reference(K2011)
    names = ref["data"]["nominal_label_mapping"]
    labelled = [[None if v is None else names[str(v)] for v in row] for row in ref["data"]["matrix"]]
    result = krippendorff_alpha(labelled, "nominal", coders_in_rows=True)
    assert result.alpha == pytest.approx(
        ref["expected"]["full_precision_krippendorff_pkg_0_9_0"]["nominal"], abs=1e-9
    )


@pytest.mark.parametrize("level", ["nominal", "ordinal"])
def test_an_unused_category_changes_nothing(reference, level):
    ref = reference(K2011)
    codes, cats = encode_matrix(ref["data"]["matrix"], coders_in_rows=True)
    counts = value_counts(codes, len(cats))
    padded = np.hstack([counts, np.zeros((counts.shape[0], 1), dtype=counts.dtype)])
    plain = alpha_from_counts(counts, level=level, categories=cats)
    with_empty = alpha_from_counts(padded, level=level, categories=(*cats, 6.0))
    assert with_empty.alpha == pytest.approx(plain.alpha, abs=1e-12)


# --- Wikipedia / fast-krippendorff 3 x 15 ------------------------------------------------


def test_wikipedia_alpha_nominal_interval_and_value_counts(reference):
    ref = reference(WIKI_ALPHA)
    tol = ref["tolerance"]["abs"]
    m = ref["data"]["matrix"]
    assert krippendorff_alpha(m, "nominal", coders_in_rows=True).alpha == pytest.approx(
        ref["expected"]["alpha_nominal"], abs=tol
    )
    assert krippendorff_alpha(m, "interval", coders_in_rows=True).alpha == pytest.approx(
        ref["expected"]["alpha_interval"], abs=tol
    )
    counts = np.array(ref["data"]["value_counts_equivalent"]["counts"])
    assert alpha_from_counts(counts).alpha == pytest.approx(
        ref["expected"]["alpha_nominal_from_value_counts"], abs=tol
    )


# --- Fleiss' kappa ----------------------------------------------------------------------------


def test_wikipedia_fleiss_kappa_and_its_parts(reference):
    ref = reference(FLEISS)
    tol = ref["tolerance"]["abs"]
    counts = np.array(ref["data"]["counts"])
    result = fleiss_kappa(counts)
    assert result.value == pytest.approx(ref["expected"]["fleiss_kappa"], abs=0.005)  # published to 2 dp
    assert result.value == pytest.approx(0.209931, abs=tol)
    assert result.observed == pytest.approx(ref["expected"]["P_bar"], abs=tol)
    assert result.expected == pytest.approx(ref["expected"]["P_e"], abs=tol)
    p_i, p_j = fleiss_components(counts)
    assert p_i == pytest.approx(ref["expected"]["P_i"], abs=tol)
    # The reference's p_j for categories 4 and 5 (0.171, 0.207) contradict its own counts (21 and 32 of
    # 140 values) and its own P_e (their squares sum to 0.2104, not 0.2128): check those against the counts.
    assert p_j[:3] == pytest.approx(ref["expected"]["p_j"][:3], abs=tol)
    assert p_j == pytest.approx(counts.sum(axis=0) / counts.sum())
    assert float(p_j @ p_j) == pytest.approx(ref["expected"]["P_e"], abs=tol)


# --- Cohen (1960) -----------------------------------------------------------------------------


def _table(rows):
    t = np.zeros((3, 3))
    for count, a, b in rows:
        t[a - 1, b - 1] += count
    return t


def test_cohen_1960_example_1(reference):
    ref = reference(COHEN)
    exp, tol = ref["expected"]["ex1"], ref["tolerance"]
    r = cohen_kappa_table(_table(ref["data"]["ex1_p37"]))
    assert r.observed == pytest.approx(exp["p_o"], abs=tol["p"])
    assert r.expected == pytest.approx(exp["p_c"], abs=tol["p"])
    assert r.maximum_observed == pytest.approx(exp["max_p_o"], abs=tol["p"])
    # Cohen prints kappa_max to two decimals (.85); the exact value is 0.8462
    assert round(r.maximum, 2) == pytest.approx(exp["kappa_max"])


def test_cohen_1960_example_2(reference):
    ref = reference(COHEN)
    exp, tol = ref["expected"]["ex2"], ref["tolerance"]
    r = cohen_kappa_table(_table(ref["data"]["ex2_p45"]))
    assert r.observed == pytest.approx(exp["p_o"], abs=tol["p"])
    assert r.expected == pytest.approx(exp["p_c"], abs=tol["p"])
    assert r.value == pytest.approx(exp["kappa"], abs=tol["kappa"])
    assert r.maximum == pytest.approx(exp["kappa_max"], abs=tol["kappa"])


# --- unitizing family ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("segments_key", "computed_key"),
    [
        ("segments_primary_pygamma", "computed_here_primary"),
        ("segments_alternative_quallmer_1based_inclusive_converted_to_halfopen", "computed_here_alternative"),
    ],
)
def test_unitizing_family_computed_values(reference, segments_key, computed_key):
    ref = reference(UNITIZING)
    tol = ref["tolerance"]
    exp = ref["expected"][computed_key]
    length = ref["data"]["continuum"]["length"]
    result, labels = unitize(length, ref["data"][segments_key])
    assert result.u_alpha == pytest.approx(exp["u_alpha"], abs=tol["u_alpha"])
    assert result.binary_u_alpha == pytest.approx(exp["binary_u_alpha"], abs=tol["binary_u_alpha"])
    assert result.cu_alpha == pytest.approx(exp["cu_alpha"], abs=tol["cu_alpha"])
    assert result.cu_coverage == pytest.approx(exp["fraction_of_continuum_in_valued_overlaps"], abs=1e-9)
    for value, alpha in exp["k_u_alpha"].items():
        assert result.k_u_alpha[labels.index(value) + 1] == pytest.approx(alpha, abs=tol["k_u_alpha"])
    for value, coverage in exp["k_coverage"].items():
        assert result.k_coverage[labels.index(value) + 1] == pytest.approx(coverage, abs=1e-9)


def test_unitizing_family_published_values(reference):
    ref = reference(UNITIZING)
    tol = ref["tolerance"]
    exp = ref["expected"]
    result, labels = unitize(ref["data"]["continuum"]["length"], ref["data"]["segments_primary_pygamma"])
    assert result.u_alpha == pytest.approx(exp["u_alpha"], abs=tol["u_alpha"])
    assert result.binary_u_alpha == pytest.approx(exp["binary_u_alpha"], abs=tol["binary_u_alpha"])
    assert result.cu_alpha == pytest.approx(exp["cu_alpha"], abs=tol["cu_alpha"])
    for value, alpha in exp["k_u_alpha"].items():
        k = labels.index(value) + 1
        if isinstance(alpha, str):  # value 7: never overlaps another coder's valued segment
            assert result.k_u_alpha[k] is None
            assert result.k_coverage[k] == 0.0
        else:
            assert result.k_u_alpha[k] == pytest.approx(alpha, abs=tol["k_u_alpha"])
    assert result.k_coverage[labels.index("5") + 1] == pytest.approx(exp["coverage_value_5"], abs=1e-9)


def test_adjacent_segments_of_one_value_stay_distinct(reference):
    """Merging Alex's 6@32-36 and 6@36-44 (etc.) would change |uα to 0.423."""
    ref = reference(UNITIZING)
    segs = ref["data"]["segments_primary_pygamma"]
    merged = {}
    for coder, rows in segs.items():
        out = []
        for s, e, v in rows:
            if out and out[-1][1] == s:
                out[-1] = (out[-1][0], e, v)  # merge into one valued stretch (|uα ignores values)
            else:
                out.append((s, e, v))
        merged[coder] = out
    plain, _ = unitize(60, segs)
    joined, _ = unitize(60, merged)
    exp = ref["expected"]["computed_here_primary"]
    assert plain.binary_u_alpha == pytest.approx(exp["binary_u_alpha"], abs=1e-9)
    assert joined.binary_u_alpha == pytest.approx(
        exp["binary_u_alpha_if_adjacent_valued_segments_merged"], abs=1e-9
    )


# --- span matching (SemEval 2013 task 9 / nervaluate) ------------------------------------------

SCHEMES = {
    "strict": dict(mode="exact", same_label=True),
    "exact": dict(mode="exact", same_label=False),
    "type": dict(mode="overlap", same_label=True),
    "partial": dict(mode="overlap", same_label=False, partial_credit=0.5),
}


def _char_spans(ref):
    enc = ref["data"]["scenario_table"]["char_span_encoding"]
    gold = [("doc", s, e, t) for t, s, e in enc["gold"]]
    pred = [("doc", s, e, t) for t, s, e in enc["pred"]]
    return gold, pred


@pytest.mark.parametrize("scheme", SCHEMES)
def test_semeval_six_scenario_rows(reference, scheme):
    ref = reference(SEMEVAL)
    gold, pred = _char_spans(ref)
    a, b = spans_from_tuples(gold, pred)
    s = span_scores(a, b, **SCHEMES[scheme])
    exp = ref["expected"]["totals_from_the_six_rows"][scheme]
    tol = ref["tolerance"]["abs"]
    assert (s.precision, s.recall, s.f1) == pytest.approx((exp["P"], exp["R"], exp["F1"]), abs=tol)
    # nervaluate's "type" scheme counts every overlapping match of the right type as correct
    assert (s.correct + s.partial if scheme == "type" else s.correct) == exp["COR"]
    if scheme == "partial":
        assert s.partial == exp["PAR"]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_semeval_published_summary_is_six_rows_plus_one_exact_match(reference, scheme):
    ref = reference(SEMEVAL)
    gold, pred = _char_spans(ref)
    gold.append(("doc", 80, 85, "DRUG"))
    pred.append(("doc", 80, 85, "DRUG"))
    a, b = spans_from_tuples(gold, pred)
    s = span_scores(a, b, **SCHEMES[scheme])
    exp = ref["expected"]["published_summary_table"][scheme]
    # the published table rounds 2/3 down to 0.66
    assert s.f1 == pytest.approx(exp["F1"], abs=0.01)
    assert (s.correct + s.partial if scheme == "type" else s.correct) == exp["COR"]


def _bio_spans(sentences):
    spans = []
    for si, tags in enumerate(sentences):
        current = None
        for i, tag in enumerate([*tags, "O"]):
            if current and (tag == "O" or tag.startswith("B-") or tag[2:] != current[2]):
                spans.append((si, current[0], i, current[2]))
                current = None
            if tag.startswith("B-") or (tag.startswith("I-") and current is None):
                current = (i, None, tag[2:])
    return spans


@pytest.mark.parametrize(
    ("scheme", "key"),
    [("strict", "strict"), ("exact", "exact"), ("type", "ent_type"), ("partial", "partial")],
)
def test_semeval_usage_example(reference, scheme, key):
    ref = reference(SEMEVAL)
    ex = ref["data"]["usage_example_bio"]
    a, b = spans_from_tuples(_bio_spans(ex["true"]), _bio_spans(ex["pred"]))
    s = span_scores(a, b, **SCHEMES[scheme])
    exp = ref["expected"]["usage_example_bio"][key]
    tol = ref["tolerance"]["abs"]
    assert (s.precision, s.recall, s.f1) == pytest.approx((exp["P"], exp["R"], exp["F1"]), abs=tol)
    assert (s.correct + s.partial if scheme == "type" else s.correct) == exp["COR"]
