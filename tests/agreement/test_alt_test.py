"""The Alternative Annotator Test (Calderon, Reichart & Dror 2025) on hand-worked cases."""

from __future__ import annotations

import math

import numpy as np
import pytest

from annotator.agreement.alt_test import (
    alt_test,
    benjamini_yekutieli,
    regularized_beta,
    student_t_cdf,
    t_test_less,
)
from annotator.agreement.errors import AgreementError


@pytest.mark.parametrize("t", [-3.0, -0.4, 0.0, 0.7, 2.5])
def test_t_cdf_matches_the_closed_forms_for_one_and_two_degrees_of_freedom(t):
    assert student_t_cdf(t, 1) == pytest.approx(0.5 + math.atan(t) / math.pi, abs=1e-12)
    assert student_t_cdf(t, 2) == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), abs=1e-12)


@pytest.mark.parametrize(
    ("t", "df", "p"), [(2.228139, 10, 0.975), (2.045230, 29, 0.975), (1.699127, 29, 0.95)]
)
def test_t_cdf_matches_the_printed_quantiles(t, df, p):
    assert student_t_cdf(t, df) == pytest.approx(p, abs=1e-6)
    assert student_t_cdf(-t, df) == pytest.approx(1 - p, abs=1e-6)


def test_regularized_beta_of_one_one_is_x():
    for x in (0.0, 0.1, 0.5, 0.93, 1.0):
        assert regularized_beta(x, 1.0, 1.0) == pytest.approx(x, abs=1e-12)


def test_one_sided_t_test_by_hand():
    # mean 0.5, sd 1 (ddof 1), n 3, mu 0.5 + 1/sqrt(3): t = -1 on 2 df
    sample = np.array([0.5 - 1.0, 0.5, 0.5 + 1.0])
    p = t_test_less(sample, 0.5 + 1 / math.sqrt(3))
    assert p == pytest.approx(0.5 - 1 / (2 * math.sqrt(3)), abs=1e-12)
    assert t_test_less(np.zeros(5), 0.15) == 0.0  # no spread, mean below mu
    assert t_test_less(np.ones(5), 0.15) == 1.0


def test_benjamini_yekutieli_is_a_step_up_procedure():
    # m = 3, H_3 = 11/6, limits 0.05 * k / 3 * 6/11 = 0.00909, 0.01818, 0.02727
    assert benjamini_yekutieli([0.001, 0.02, 0.04], 0.05) == [True, False, False]
    assert benjamini_yekutieli([0.02, 0.001, 0.026], 0.05) == [True, True, True]
    assert benjamini_yekutieli([0.5, 0.2], 0.05) == [False, False]
    assert benjamini_yekutieli([], 0.05) == []


def _three_humans_and_a_model(n: int = 40, c_wrong: int = 20) -> np.ndarray:
    rng = np.random.default_rng(3)
    truth = rng.integers(0, 3, size=n)
    c = truth.copy()
    c[:c_wrong] = (truth[:c_wrong] + 1) % 3
    return np.column_stack([truth, truth, c, truth])  # A, B, C, model


def test_a_model_that_matches_the_consensus_replaces_every_human():
    r = alt_test(_three_humans_and_a_model(), model=3, humans=[0, 1, 2])
    # held out A or B: the model ties A/B on every unit (d = 0, no spread, p = 0);
    # held out C: the model wins 20 units outright, ties 20 (mean d = -0.5)
    assert [c.rejected for c in r.comparisons] == [True, True, True]
    assert r.winning_rate == 1.0 and r.passed
    assert r.advantage_probability == 1.0
    assert r.comparisons[2].mean_difference == -0.5


def test_a_model_that_copies_the_worst_human_fails():
    codes = _three_humans_and_a_model()
    codes[:, 3] = codes[:, 2]  # the model says what C says
    r = alt_test(codes, model=3, humans=[0, 1, 2])
    # held out A: others B, C; A and the model each agree with one of them where C
    # errs -> ties. Held out C: the model equals C -> ties everywhere, p = 0.
    # held out B likewise ties. Every d is 0: the epsilon margin makes ties a win.
    assert r.winning_rate == 1.0
    # without the margin a tie is no evidence, so nobody is beaten
    strict = alt_test(codes, model=3, humans=[0, 1, 2], epsilon=0.0)
    assert strict.winning_rate == 0.0 and not strict.passed


def test_a_model_that_is_always_wrong_fails():
    codes = _three_humans_and_a_model(c_wrong=0)
    codes[:, 3] = (codes[:, 0] + 1) % 3
    r = alt_test(codes, model=3, humans=[0, 1, 2])
    assert r.winning_rate == 0.0 and r.passed is False
    assert r.advantage_probability == 0.0
    assert all(c.p_value == 1.0 for c in r.comparisons)


def test_ordered_values_score_by_distance():
    codes = np.array([[0, 0, 2, 1]] * 30 + [[1, 1, 1, 1]] * 5)
    # held out C (value 2 where A, B say 0): the model (1) is closer than C
    r = alt_test(codes, model=3, humans=[0, 1, 2], values=[1.0, 2.0, 3.0])
    c = r.comparisons[2]
    assert c.model_wins == 1.0 and c.human_wins == pytest.approx(5 / 35)


def test_humans_with_too_few_units_are_skipped_with_a_reason():
    codes = _three_humans_and_a_model()
    codes[5:, 2] = -1
    r = alt_test(codes, model=3, humans=[0, 1, 2])
    assert [c.coder for c in r.comparisons] == [0, 1]
    assert "Only 5 units" in r.skipped[2]
    empty = alt_test(codes[:10], model=3, humans=[0, 1, 2])
    assert empty.winning_rate is None and empty.passed is None


def test_bad_parameters_are_one_sentence():
    codes = _three_humans_and_a_model()
    with pytest.raises(AgreementError, match="two human"):
        alt_test(codes, model=3, humans=[0])
    with pytest.raises(AgreementError, match="epsilon"):
        alt_test(codes, model=3, humans=[0, 1], epsilon=1.5)
