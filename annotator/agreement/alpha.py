"""Krippendorff's alpha for coding data, computed from coincidence matrices.

Reliability data is a units x coders array (``NaN``/``None`` = missing). It is
turned into value counts per unit (units x categories), and the coincidence
matrix is one weighted matrix product of those counts, so no Python loop runs
over units or pairs of values (Krippendorff 2004, ch. 11; Krippendorff 2011).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.agreement.errors import AgreementError
from annotator.core.models import LEVELS as MEASUREMENT_LEVELS

LEVELS = MEASUREMENT_LEVELS

NO_PAIRABLE = "No unit has values from two or more coders, so there is nothing to compare."
NO_VARIATION = "Every pairable value is the same (no variation), so alpha is undefined."


@dataclass
class AlphaResult:
    """Alpha with everything a methods section needs to state about it.

    ``alpha`` is ``None`` when it is undefined; ``reason`` then says why.
    ``percent_agreement`` is the share of agreeing pairs of values within units
    (each unit weighted like alpha weights it), shown beside alpha because a
    near-zero alpha with near-perfect agreement is the prevalence paradox.
    """

    alpha: float | None
    level: str
    observed_disagreement: float | None
    expected_disagreement: float | None
    pairable_values: float
    pairable_units: int
    percent_agreement: float | None
    reason: str | None = None
    categories: tuple[Any, ...] = ()
    coincidences: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)), repr=False)


def encode_matrix(matrix: Any, *, coders_in_rows: bool = False) -> tuple[np.ndarray, tuple[Any, ...]]:
    """Category codes (units x coders, ``-1`` = missing) and the sorted categories.

    Numbers stay numbers (so metric levels can use them); anything else is
    compared as text. ``None``, ``NaN`` and empty strings are missing.
    """
    try:
        arr = np.asarray(matrix, dtype=object if _has_text(matrix) else float)
    except (TypeError, ValueError):
        raise AgreementError(
            "Reliability data must be a table of numbers or labels, one row per unit."
        ) from None
    if arr.ndim != 2:
        raise AgreementError("Reliability data must be a two-dimensional table of units and coders.")
    if coders_in_rows:
        arr = arr.T
    if arr.dtype != object:
        valid = ~np.isnan(arr)
        cats = np.unique(arr[valid])
        codes = np.full(arr.shape, -1, dtype=np.int32)
        codes[valid] = np.searchsorted(cats, arr[valid])
        return codes, tuple(float(c) for c in cats)
    flat = arr.ravel()
    missing = np.array([_is_missing(v) for v in flat], dtype=bool)
    numeric = _as_numbers(flat[~missing])
    if numeric is not None:
        values = np.full(flat.shape, np.nan)
        values[~missing] = numeric
        return encode_matrix(values.reshape(arr.shape))
    labels = np.array([str(v) for v in flat[~missing]], dtype=object)
    cats = np.unique(labels) if labels.size else np.array([], dtype=object)
    codes = np.full(flat.shape, -1, dtype=np.int32)
    codes[~missing] = np.searchsorted(cats, labels)
    return codes.reshape(arr.shape), tuple(cats.tolist())


def row_sums(a: np.ndarray) -> np.ndarray:
    """Sums over the (short) second axis of a tall array, as floats.

    A matrix-vector product is an order of magnitude faster than ``sum(axis=1)``
    when rows hold only a few categories."""
    a = np.asarray(a)
    if a.dtype != float:
        a = a.astype(float)
    return a @ np.ones(a.shape[1])


def value_counts(codes: np.ndarray, n_categories: int) -> np.ndarray:
    """Units x categories: how many coders gave each value to each unit."""
    codes = np.asarray(codes)
    n_units = codes.shape[0]
    rows, cols = np.nonzero(codes >= 0)
    keys = rows.astype(np.int64) * n_categories + codes[rows, cols]
    counts = np.bincount(keys, minlength=n_units * n_categories)
    return counts.reshape(n_units, n_categories)


def coincidences(counts: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """The coincidence matrix o_ck = sum_u w_u (n_uc n_uk - [c=k] n_uc) / (m_u - 1).

    Units with fewer than two values are not pairable and drop out. ``weights``
    (e.g. the lengths of stretches of a continuum) multiply each unit.
    """
    counts = np.asarray(counts, dtype=float)
    m = row_sums(counts)
    pairable = m >= 2
    w = np.zeros_like(m)
    w[pairable] = 1.0 / (m[pairable] - 1.0)
    if weights is not None:
        w = w * np.asarray(weights, dtype=float)
    weighted = counts * w[:, None]
    o = weighted.T @ counts
    o[np.diag_indices_from(o)] -= weighted.sum(axis=0)
    return o


def distance_matrix(level: str, values: np.ndarray | None, marginals: np.ndarray) -> np.ndarray:
    """Squared difference function delta^2(c, k) of Krippendorff (2011)."""
    k = len(marginals)
    if level == "nominal":
        return 1.0 - np.eye(k)
    if level == "ordinal":
        # Depends on the pairable marginals: categories in between count by how often they were used.
        n = np.asarray(marginals, dtype=float)
        cs = np.cumsum(n)
        lo = np.minimum.outer(np.arange(k), np.arange(k))
        hi = np.maximum.outer(np.arange(k), np.arange(k))
        between = cs[hi] - cs[lo] + n[lo]
        return (between - (n[:, None] + n[None, :]) / 2.0) ** 2
    if values is None:
        raise AgreementError(f"The {level} level needs numeric values.")
    v = np.asarray(values, dtype=float)
    diff = v[:, None] - v[None, :]
    if level == "interval":
        return diff**2
    if level == "ratio":
        total = v[:, None] + v[None, :]
        with np.errstate(divide="ignore", invalid="ignore"):
            d = np.where(total == 0, 0.0, (diff / np.where(total == 0, 1.0, total)) ** 2)
        return d
    raise AgreementError(f"Unknown level of measurement {level!r}; use one of {', '.join(LEVELS)}.")


def check_level(level: str, categories: tuple[Any, ...]) -> None:
    if level not in LEVELS:
        raise AgreementError(f"Unknown level of measurement {level!r}; use one of {', '.join(LEVELS)}.")
    if level != "nominal" and not all(isinstance(c, int | float) for c in categories):
        # labels carry no order or distance that could be relied on
        raise AgreementError(f"The {level} level needs numeric values; use the nominal level for labels.")
    if level == "ratio" and any(float(c) < 0 for c in categories):
        raise AgreementError("The ratio level needs values of zero or more.")


def alpha_from_counts(
    counts: np.ndarray,
    *,
    level: str = "nominal",
    categories: tuple[Any, ...] | None = None,
    weights: np.ndarray | None = None,
) -> AlphaResult:
    """Alpha from value counts (units x categories), e.g. the Wikipedia layout."""
    counts = np.asarray(counts)
    k = counts.shape[1]
    cats = tuple(categories) if categories is not None else tuple(range(1, k + 1))
    check_level(level, cats)
    o = coincidences(counts, weights)
    return alpha_from_coincidences(
        o, level=level, categories=cats, pairable_units=int((row_sums(counts) >= 2).sum())
    )


def alpha_from_coincidences(
    o: np.ndarray, *, level: str, categories: tuple[Any, ...], pairable_units: int
) -> AlphaResult:
    n_c = o.sum(axis=1)
    n = float(n_c.sum())
    base: dict[str, Any] = dict(
        level=level, pairable_values=n, pairable_units=pairable_units, categories=categories, coincidences=o
    )
    if n <= 1 or pairable_units == 0:
        return AlphaResult(
            None,
            observed_disagreement=None,
            expected_disagreement=None,
            percent_agreement=None,
            reason=NO_PAIRABLE,
            **base,
        )
    values = np.asarray(categories, dtype=float) if level in ("interval", "ratio") else None
    delta = distance_matrix(level, values, n_c)
    d_o = float((o * delta).sum() / n)
    d_e = float(n_c @ delta @ n_c / (n * (n - 1.0)))
    agreement = float(np.trace(o) / n)
    if d_e <= 1e-12 * max(1.0, float(delta.max(initial=0.0))):
        return AlphaResult(
            None,
            observed_disagreement=d_o,
            expected_disagreement=d_e,
            percent_agreement=agreement,
            reason=NO_VARIATION,
            **base,
        )
    return AlphaResult(
        1.0 - d_o / d_e,
        observed_disagreement=d_o,
        expected_disagreement=d_e,
        percent_agreement=agreement,
        **base,
    )


def krippendorff_alpha(matrix: Any, level: str = "nominal", *, coders_in_rows: bool = False) -> AlphaResult:
    """Krippendorff's alpha of a units x coders table (``coders_in_rows`` for the
    coders x units layout of Krippendorff's papers and of R's ``irr::kripp.alpha``)."""
    codes, cats = encode_matrix(matrix, coders_in_rows=coders_in_rows)
    return alpha_from_codes(codes, cats, level=level)


def alpha_from_matrix(matrix: Any, level: str = "nominal", *, coders_in_rows: bool = False) -> AlphaResult:
    """Alias of :func:`krippendorff_alpha` for a units x coders table from elsewhere."""
    return krippendorff_alpha(matrix, level, coders_in_rows=coders_in_rows)


def alpha_from_codes(
    codes: np.ndarray, categories: tuple[Any, ...], *, level: str = "nominal"
) -> AlphaResult:
    """Alpha of category codes (units x coders, -1 missing) into ``categories``."""
    check_level(level, categories)
    counts = value_counts(codes, max(len(categories), 1))
    return alpha_from_counts(counts, level=level, categories=categories or (0.0,))


def _has_text(matrix: Any) -> bool:
    if isinstance(matrix, np.ndarray):
        return matrix.dtype == object or matrix.dtype.kind in "US"
    try:
        return any(isinstance(v, str) for row in matrix for v in row)
    except TypeError:  # not a table; the caller reports that
        return False


def _is_missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float) and np.isnan(v):
        return True
    return isinstance(v, str) and not v.strip()


def _as_numbers(values: np.ndarray) -> np.ndarray | None:
    try:
        return np.array([float(v) for v in values], dtype=float)
    except (TypeError, ValueError):
        return None
