"""The Alternative Annotator Test (Calderon, Reichart & Dror, ACL 2025, "The
Alternative Annotator Test for LLM-as-a-Judge: How to Statistically Justify
Replacing Human Annotators with LLMs", pp. 16051-16081): can the model replace
one of the human coders?

Leave one human j out at a time. On each unit that j, the model and at least
one other human coded, score how well j and the model represent the other
humans (nominal: the share of the others giving the same value; ordered
levels: minus the root mean squared distance of the values). The model wins
the unit when its score is at least j's, j wins when j's score is at least the
model's (a tie is a win for both). With d = (j wins) - (model wins), a
one-sided one-sample t-test asks whether mean(d) < epsilon, the cost-benefit
margin granted to the model (0.2 for expert coders, 0.15 for trained students
or workers, 0.1 for crowd workers, as the paper recommends). The p-values of
all humans are corrected with Benjamini-Yekutieli (false discovery rate q);
the winning rate is the share of humans whose null hypothesis is rejected, and
the model passes when it is at least 0.5. The advantage probability is the
mean over humans of the share of units the model wins.

The t-test takes units as independent; units inside one article (sentences,
tokens) are not, so there the p-values are too small: the document unit fits.

This follows the authors' reference implementation (github.com/nitaytech/AltTest)
step for step, with the t distribution computed here (no scipy dependency).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from annotator.agreement.errors import AgreementError

EPSILON = 0.15  # trained student coders, the usual case in content analysis
FDR = 0.05
MIN_UNITS = 30  # below this the paper's t-test assumption (normal mean) does not hold
PASS_RATE = 0.5


@dataclass(frozen=True)
class HumanComparison:
    coder: int  # column of the held-out human
    units: int
    model_wins: float  # share of units where the model's score >= the human's
    human_wins: float
    mean_difference: float  # mean of d = human wins - model wins
    p_value: float
    rejected: bool  # the model is a better alternative than this human (after BY)


@dataclass(frozen=True)
class AltTestResult:
    epsilon: float
    fdr: float
    comparisons: list[HumanComparison]
    skipped: dict[int, str] = field(default_factory=dict)  # human column -> why not tested
    winning_rate: float | None = None
    advantage_probability: float | None = None

    @property
    def passed(self) -> bool | None:
        return None if self.winning_rate is None else self.winning_rate >= PASS_RATE


def alt_test(
    codes: np.ndarray,
    model: int,
    humans: Sequence[int],
    *,
    values: Sequence[float] | None = None,
    epsilon: float = EPSILON,
    fdr: float = FDR,
    min_units: int = MIN_UNITS,
) -> AltTestResult:
    """The test on ``codes`` (units x coders, category index, -1 missing).

    ``model`` is the model's column, ``humans`` the human columns. With
    ``values`` (the number of each category, for ordered levels) the score is
    minus the RMSE of values; without, the share of equal values."""
    codes = np.asarray(codes)
    if len(humans) < 2:
        raise AgreementError("The alternative annotator test needs at least two human coders.")
    if not 0 <= epsilon < 1:
        raise AgreementError("The test's epsilon must be at least 0 and below 1, e.g. 0.15.")
    if not 0 < fdr < 1:
        raise AgreementError("The false discovery rate must be between 0 and 1, e.g. 0.05.")
    numbers = None if values is None else np.asarray(values, dtype=float)
    found: list[tuple[int, int, float, float, np.ndarray]] = []
    skipped: dict[int, str] = {}
    for j in humans:
        others = [h for h in humans if h != j]
        rows = (codes[:, model] >= 0) & (codes[:, j] >= 0) & (codes[:, others] >= 0).any(axis=1)
        n = int(rows.sum())
        if n < min_units:
            skipped[j] = (
                f"Only {n} units coded by this coder, the model and another coder (the test needs {min_units})."
            )
            continue
        sub = codes[rows]
        model_score = _scores(sub[:, model], sub[:, others], numbers)
        human_score = _scores(sub[:, j], sub[:, others], numbers)
        model_wins = (model_score >= human_score).astype(float)
        human_wins = (human_score >= model_score).astype(float)
        d = human_wins - model_wins
        found.append((j, n, float(model_wins.mean()), float(human_wins.mean()), d))
    if not found:
        return AltTestResult(epsilon, fdr, [], skipped)
    p_values = [t_test_less(d, epsilon) for *_, d in found]
    rejected = benjamini_yekutieli(p_values, fdr)
    comparisons = [
        HumanComparison(j, n, mw, hw, float(d.mean()), p, r)
        for (j, n, mw, hw, d), p, r in zip(found, p_values, rejected, strict=True)
    ]
    return AltTestResult(
        epsilon,
        fdr,
        comparisons,
        skipped,
        winning_rate=sum(rejected) / len(comparisons),
        advantage_probability=float(np.mean([c.model_wins for c in comparisons])),
    )


def _scores(rater: np.ndarray, others: np.ndarray, numbers: np.ndarray | None) -> np.ndarray:
    """How well ``rater``'s value on each unit represents the ``others``' values (missing: -1)."""
    given = others >= 0
    if numbers is None:
        same = (others == rater[:, None]) & given
        return same.sum(axis=1) / given.sum(axis=1)
    diff = np.where(given, numbers[np.maximum(others, 0)] - numbers[rater][:, None], 0.0)
    return -np.sqrt((diff**2).sum(axis=1) / given.sum(axis=1))


def t_test_less(sample: np.ndarray, mu: float) -> float:
    """p-value of the one-sided one-sample t-test with H1: mean < ``mu``.

    With no spread at all the sample mean is the answer: p is 0 when it lies
    below ``mu`` and 1 otherwise (scipy gives no number there)."""
    x = np.asarray(sample, dtype=float)
    n = len(x)
    if n < 2:
        raise AgreementError("A t-test needs at least two units.")
    mean, sd = float(x.mean()), float(x.std(ddof=1))
    if sd == 0.0:
        return 0.0 if mean < mu else 1.0
    return student_t_cdf((mean - mu) / (sd / math.sqrt(n)), n - 1)


def student_t_cdf(t: float, df: float) -> float:
    """P(T <= t) for Student's t with ``df`` degrees of freedom, through the
    regularized incomplete beta function: P(|T| > |t|) = I_x(df/2, 1/2), x = df/(df+t^2)."""
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    tail = 0.5 * regularized_beta(df / (df + t * t), df / 2.0, 0.5)
    return 1.0 - tail if t > 0 else tail


def regularized_beta(x: float, a: float, b: float) -> float:
    """I_x(a, b) by Lentz's continued fraction (Press et al., Numerical Recipes, §6.4),
    on the side of the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where it converges fast."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_fraction(x, a, b) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(1.0 - x, b, a) / b


def _beta_fraction(x: float, a: float, b: float) -> float:
    tiny, eps = 1e-300, 1e-15
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            h *= d * c
        if abs(d * c - 1.0) < eps:
            break
    return h


def benjamini_yekutieli(p_values: Sequence[float], q: float) -> list[bool]:
    """Which hypotheses are rejected at false discovery rate ``q`` under any
    dependence (Benjamini & Yekutieli 2001): the largest rank k with
    p_(k) <= k / (m * H_m) * q, and every smaller p with it."""
    p = np.asarray(p_values, dtype=float)
    m = len(p)
    if m == 0:
        return []
    order = np.argsort(p, kind="stable")
    harmonic = float(np.sum(1.0 / np.arange(1, m + 1)))
    limits = np.arange(1, m + 1) / m * q / harmonic
    below = np.flatnonzero(p[order] <= limits)
    rejected = np.zeros(m, dtype=bool)
    if len(below):
        rejected[order[: below[-1] + 1]] = True
    return rejected.tolist()
