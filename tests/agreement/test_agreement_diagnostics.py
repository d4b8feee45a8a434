"""Per-coder diagnostics against known answers: confusion matrices add up to the
coincidence matrix alpha uses, leave-one-out alphas are recomputations from
scratch (by an independent implementation), usage rates and drift by hand."""

from __future__ import annotations

import itertools

import krippendorff
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.agreement.alpha import coincidences, encode_matrix, value_counts
from annotator.agreement.confusion import coincidences_from_pairs, pair_confusion, usage_rates
from annotator.agreement.drift import coding_periods, drift
from annotator.agreement.leave_one_out import alphas_without_each, pairwise_alphas

K2011 = "krippendorff2011_computing_alpha_4x12"
HAYES = "hayes_krippendorff2007_news_tone_40x5"


def _codes(ref, *, coders_in_rows):
    return encode_matrix(ref["data"]["matrix"], coders_in_rows=coders_in_rows)


def test_confusion_of_two_coders_by_hand(reference):
    # Krippendorff (2011): coders A and B both coded units 1-9
    codes, cats = _codes(reference(K2011), coders_in_rows=True)
    table = pair_confusion(codes, 0, 1, len(cats))
    expected = np.zeros((5, 5))
    expected[0, 0], expected[0, 1], expected[1, 1], expected[2, 2], expected[3, 3] = 2, 1, 3, 2, 1
    np.testing.assert_array_equal(table, expected)


@pytest.mark.parametrize(("stem", "rows"), [(K2011, True), (HAYES, False)])
def test_weighted_pair_confusions_sum_to_the_coincidence_matrix(reference, stem, rows):
    codes, cats = _codes(reference(stem), coders_in_rows=rows)
    k = len(cats)
    by_pairs = sum(
        pair_confusion(codes, i, j, k, weighted=True)
        for i, j in itertools.permutations(range(codes.shape[1]), 2)
    )
    np.testing.assert_allclose(by_pairs, coincidences(value_counts(codes, k)), atol=1e-12)
    np.testing.assert_allclose(coincidences_from_pairs(codes, k), by_pairs, atol=1e-12)


@given(
    st.integers(1, 6).flatmap(
        lambda coders: st.lists(st.lists(st.integers(-1, 3), min_size=coders, max_size=coders), max_size=30)
    )
)
def test_pairs_sum_to_the_coincidences_on_any_data(rows):
    codes = np.array(rows, dtype=np.int64).reshape(len(rows), -1 if rows else 1)
    np.testing.assert_allclose(
        coincidences_from_pairs(codes, 4), coincidences(value_counts(codes, 4)), atol=1e-9
    )


def test_published_coincidences_from_the_pairs(reference):
    ref = reference(K2011)
    codes, cats = _codes(ref, coders_in_rows=True)
    o = coincidences_from_pairs(codes, len(cats))
    for value, count in ref["expected"]["nominal_coincidences_diagonal"].items():
        i = cats.index(float(value))
        assert o[i, i] == pytest.approx(count)
    assert o[0, 1] == pytest.approx(ref["expected"]["nominal_coincidence_1_2"])


@pytest.mark.parametrize(("stem", "rows", "level"), [(K2011, True, "nominal"), (HAYES, False, "ordinal")])
def test_leave_one_out_equals_an_independent_recomputation(reference, stem, rows, level):
    ref = reference(stem)
    codes, cats = _codes(ref, coders_in_rows=rows)
    data = np.array(ref["data"]["matrix"], dtype=float)
    by_coder = data if rows else data.T  # coders x units for the krippendorff package
    ours = alphas_without_each(codes, cats, level=level)
    assert len(ours) == codes.shape[1]
    for c, result in enumerate(ours):
        theirs = krippendorff.alpha(
            reliability_data=np.delete(by_coder, c, axis=0), level_of_measurement=level
        )
        assert result.alpha == pytest.approx(theirs, abs=1e-9)


def test_pairwise_alphas_are_two_coder_alphas(reference):
    ref = reference(HAYES)
    codes, cats = _codes(ref, coders_in_rows=False)
    data = np.array(ref["data"]["matrix"], dtype=float).T
    for (i, j), result in pairwise_alphas(codes, cats, level="ordinal").items():
        theirs = krippendorff.alpha(reliability_data=data[[i, j]], level_of_measurement="ordinal")
        assert result.alpha == pytest.approx(theirs, abs=1e-9)


def test_usage_rates_by_hand():
    # coder 0 gives 5 values (0, 0, 1, 1, 2); the other coders give 7 on those units (0 x4, 1, 2 x2)
    codes = np.array([[1, 1, -1], [1, 0, 0], [0, 0, -1], [0, -1, 0], [2, 2, 2]])
    own, others, n_own, n_others = usage_rates(codes, 3)
    assert n_own[0] == 5 and n_others[0] == 7
    assert own[0].tolist() == pytest.approx([2 / 5, 2 / 5, 1 / 5])
    assert others[0].tolist() == pytest.approx([4 / 7, 1 / 7, 2 / 7])
    assert own.sum(axis=1) == pytest.approx([1, 1, 1])


def test_periods_by_week_and_by_order():
    when = np.array(
        [
            ["2026-03-02T10:00:00+00:00", "2026-03-20T10:00:00+00:00"],
            ["2026-03-03T09:00:00+00:00", ""],
            ["2026-03-10T09:00:00+00:00", "2026-03-01T08:00:00+00:00"],
        ],
        dtype=object,
    )
    period, labels = coding_periods(when, by="week")
    assert labels == ["2026-W09", "2026-W10", "2026-W11", "2026-W12"]
    assert period.tolist() == [[1, 3], [1, -1], [2, 0]]
    period, labels = coding_periods(when, by="order", block=2)
    assert labels == ["articles 1-2", "articles 3-4"]
    # coder 0 coded documents 0, 1, 2 in that order; coder 1 coded 2 before 0
    assert period.tolist() == [[0, 0], [0, -1], [1, 0]]


def test_drift_against_the_others_and_against_gold():
    # units = documents; coder 0 agrees with coder 1 in period 0, disagrees in period 1
    codes = np.array([[1, 1, 1], [0, 0, 0], [1, 0, 0], [0, 1, 1]])
    period = np.array([[0, 0, 0], [0, 0, 0], [1, 1, 1], [1, 1, 1]])
    unit_doc = np.arange(4)
    points = drift(codes[:, :2], unit_doc, period[:, :2], ["p0", "p1"])
    mine = [(p.coder, p.period, p.pairs, p.agreement) for p in points if p.coder == 0]
    assert mine == [(0, 0, 2, 1.0), (0, 1, 2, 0.0)]
    gold = drift(codes, unit_doc, period, ["p0", "p1"], reference=2)
    assert [(p.coder, p.period, p.pairs, p.agreement) for p in gold] == [
        (0, 0, 2, 1.0),
        (0, 1, 2, 0.0),
        (1, 0, 2, 1.0),
        (1, 1, 2, 1.0),
    ]
