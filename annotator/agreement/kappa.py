"""Chance-corrected agreement for nominal codes: Cohen's kappa (Cohen 1960),
Scott's pi (Scott 1955), Fleiss' kappa (Fleiss 1971) and Brennan & Prediger's
(1981) coefficient. All are (p_o - p_e) / (1 - p_e); they differ in p_e.

Pairwise measures take two columns of category codes (``-1`` = missing) and
use the units both coders coded; multi-coder measures take value counts
(units x categories) and use the units with two or more values.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.agreement.alpha import row_sums

NO_COMMON = "The coders have no unit in common, so there is nothing to compare."
NO_CHANCE_ROOM = "Chance agreement is already perfect (no variation), so the coefficient is undefined."


@dataclass(frozen=True)
class KappaResult:
    value: float | None
    observed: float | None  # p_o
    expected: float | None  # p_e
    units: int
    reason: str | None = None
    maximum: float | None = None  # kappa_max given the marginals (Cohen 1960, p. 43)
    maximum_observed: float | None = None  # the largest p_o the marginals allow


def contingency_table(
    a: np.ndarray, b: np.ndarray, n_categories: int, weights: np.ndarray | None = None
) -> np.ndarray:
    """Counts of (coder a's value, coder b's value) over units both coded
    (``weights``: how many units each position stands for)."""
    a = np.asarray(a)
    b = np.asarray(b)
    both = (a >= 0) & (b >= 0)
    keys = a[both].astype(np.int64) * n_categories + b[both]
    w = None if weights is None else np.asarray(weights, dtype=float)[both]
    return np.bincount(keys, weights=w, minlength=n_categories * n_categories).reshape(
        n_categories, n_categories
    )


def _chance_corrected(
    p_o: float, p_e: float, n: int, maximum: float | None = None, p_max: float | None = None
) -> KappaResult:
    if 1.0 - p_e <= 1e-12:
        return KappaResult(None, p_o, p_e, n, NO_CHANCE_ROOM, None, p_max)
    return KappaResult((p_o - p_e) / (1.0 - p_e), p_o, p_e, n, None, maximum, p_max)


def cohen_kappa_table(table: np.ndarray) -> KappaResult:
    """Cohen's kappa from a square table of counts (rows: coder 1, columns: coder 2)."""
    t = np.asarray(table, dtype=float)
    n = float(t.sum())
    if n == 0:
        return KappaResult(None, None, None, 0, NO_COMMON)
    rows, cols = t.sum(axis=1) / n, t.sum(axis=0) / n
    p_o = float(np.trace(t) / n)
    p_e = float(rows @ cols)
    p_max = float(np.minimum(rows, cols).sum())
    k_max = (p_max - p_e) / (1.0 - p_e) if 1.0 - p_e > 1e-12 else None
    return _chance_corrected(p_o, p_e, int(n), k_max, p_max)


def cohen_kappa(
    a: np.ndarray, b: np.ndarray, n_categories: int, weights: np.ndarray | None = None
) -> KappaResult:
    """Cohen's kappa of two coders' category codes."""
    return cohen_kappa_table(contingency_table(a, b, n_categories, weights))


def scott_pi(
    a: np.ndarray, b: np.ndarray, n_categories: int, weights: np.ndarray | None = None
) -> KappaResult:
    """Scott's pi: chance from the two coders' pooled distribution of values."""
    t = contingency_table(a, b, n_categories, weights).astype(float)
    n = float(t.sum())
    if n == 0:
        return KappaResult(None, None, None, 0, NO_COMMON)
    pooled = (t.sum(axis=0) + t.sum(axis=1)) / (2.0 * n)
    return _chance_corrected(float(np.trace(t) / n), float(pooled @ pooled), int(n))


def _parts(counts: np.ndarray, weights: np.ndarray | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pairable unit (or kind of unit): P_i and its weight; and the category shares p_j."""
    c = np.asarray(counts, dtype=float)
    m = row_sums(c)
    keep = m >= 2
    w = np.ones(len(m)) if weights is None else np.asarray(weights, dtype=float)
    c, m, w = c[keep], m[keep], w[keep]
    if len(m) == 0:
        return np.zeros(0), np.zeros(0), np.zeros(c.shape[1])
    p_i = (row_sums(c * c) - m) / (m * (m - 1.0))
    return p_i, w, (w @ c) / (w @ m)


def fleiss_components(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Fleiss' P_i (per pairable unit, the share of agreeing coder pairs) and p_j
    (each category's share of all values of pairable units)."""
    p_i, _, p_j = _parts(counts, None)
    return p_i, p_j


def mean_pairwise_agreement(
    counts: np.ndarray, weights: np.ndarray | None = None
) -> tuple[float | None, int]:
    """Fleiss' P-bar: per unit the share of agreeing coder pairs, averaged over units."""
    p_i, w, _ = _parts(counts, weights)
    if len(p_i) == 0:
        return None, 0
    return float(w @ p_i / w.sum()), int(round(w.sum()))


def fleiss_kappa(counts: np.ndarray, weights: np.ndarray | None = None) -> KappaResult:
    """Fleiss' kappa of value counts (units x categories; ``weights``: units per row).

    With a varying number of coders per unit, P_i uses each unit's own m_i and
    the category shares pool all values of pairable units (the usual
    generalisation; with a constant number of coders it is Fleiss 1971).
    """
    p_i, w, p_j = _parts(counts, weights)
    if len(p_i) == 0:
        return KappaResult(None, None, None, 0, NO_COMMON)
    return _chance_corrected(float(w @ p_i / w.sum()), float(p_j @ p_j), int(round(w.sum())))


def brennan_prediger(
    counts: np.ndarray, n_categories: int | None = None, weights: np.ndarray | None = None
) -> KappaResult:
    """Brennan & Prediger's (1981) kappa: chance is 1/q for q possible categories
    (all categories of the variable, used or not)."""
    q = n_categories if n_categories is not None else np.asarray(counts).shape[1]
    p_bar, n_units = mean_pairwise_agreement(counts, weights)
    if p_bar is None:
        return KappaResult(None, None, None, 0, NO_COMMON)
    if q < 2:
        return KappaResult(
            None,
            None,
            None,
            n_units,
            "A variable with fewer than two possible values has no chance agreement to correct.",
        )
    return _chance_corrected(p_bar, 1.0 / q, n_units)


def pairwise_cohen(codes: np.ndarray, n_categories: int) -> dict[tuple[int, int], KappaResult]:
    """Cohen's kappa for every pair of coder columns (i < j)."""
    out: dict[tuple[int, int], KappaResult] = {}
    n = codes.shape[1]
    for i in range(n):
        for j in range(i + 1, n):
            out[(i, j)] = cohen_kappa(codes[:, i], codes[:, j], n_categories)
    return out
