"""Bootstrap distribution of Krippendorff's alpha by resampling units.

Units (with two or more values) are drawn with replacement; a resample's
coincidence matrix is then the sum of the drawn units' own coincidences, so each
batch of resamples is one matrix product of resampling counts with per-unit
contributions, shared by all variables measured on the same units. The result
gives a percentile interval and the probability that alpha falls below a
threshold such as 0.667 or 0.8 (cf. Hayes & Krippendorff 2007, who resample
pairs of values; resampling units keeps the values of a unit together).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.agreement.alpha import check_level, distance_matrix, row_sums
from annotator.agreement.errors import CANCELLED, AgreementError
from annotator.core.task import NULL_STATE, TaskState

THRESHOLDS = (0.667, 0.8)


@dataclass(frozen=True)
class BootstrapResult:
    samples: int
    seed: int | None
    confidence: float
    low: float | None
    high: float | None
    p_below: dict[float, float] = field(default_factory=dict)
    undefined: int = 0  # resamples in which alpha was undefined (left out)
    reason: str | None = None


def bootstrap_alphas(
    counts: Sequence[np.ndarray],
    levels: Sequence[str],
    categories: Sequence[tuple],
    *,
    samples: int = 1000,
    seed: int | None = None,
    keys: Sequence[str] | None = None,
    weights: Sequence[np.ndarray | None] | None = None,
    confidence: float = 0.95,
    thresholds: Sequence[float] = THRESHOLDS,
    state: TaskState = NULL_STATE,
) -> list[BootstrapResult]:
    """One bootstrap per variable given as value counts (units x categories).

    With a ``seed``, each variable's resamples come from a generator seeded by
    ``(seed, key)`` (``keys`` default to the position), so a variable's interval
    does not change when other variables are added to the report.
    ``weights`` (per variable, optional): how many units each row of counts
    stands for, when identical units were grouped beforehand. ``state``
    counts resamples over all variables.
    """
    if samples < 1:
        raise AgreementError("The number of bootstrap resamples must be at least 1.")
    if not 0 < confidence < 1:
        raise AgreementError("The confidence level must be between 0 and 1, e.g. 0.95.")
    keys = list(keys) if keys is not None else [str(i) for i in range(len(counts))]
    weights = list(weights) if weights is not None else [None] * len(counts)
    out = []
    total = samples * len(counts)
    for j, (c, level, cats, key, mult) in enumerate(
        zip(counts, levels, categories, keys, weights, strict=True)
    ):
        check_level(level, cats)
        rng = np.random.default_rng(None if seed is None else [seed, zlib.crc32(key.encode("utf-8"))])
        alphas = _resample(
            np.asarray(c, dtype=float), mult, level, cats, samples, rng, state.part(j * samples, total)
        )
        out.append(summarise(alphas, samples, seed, confidence, thresholds))
    return out


def _resample(
    c: np.ndarray,
    mult: np.ndarray | None,
    level: str,
    cats: tuple,
    samples: int,
    rng: np.random.Generator,
    state: TaskState,
) -> np.ndarray | None:
    m = row_sums(c)
    mult = np.ones(len(m), dtype=np.int64) if mult is None else np.rint(np.asarray(mult)).astype(np.int64)
    keep = (m >= 2) & (mult > 0)
    c, mult = c[keep], mult[keep]
    u, k = int(mult.sum()), c.shape[1]
    if u == 0:
        return None
    # Units with the same value counts are interchangeable: a resample only needs how many of each
    # kind it drew, which is multinomial. Codings have few kinds (most units untouched by a code).
    kinds_c, kind_of, _ = _kinds(c)
    kind_n = np.bincount(kind_of, weights=mult, minlength=len(kinds_c))
    kind_of = np.repeat(kind_of, mult)
    n_kinds = len(kinds_c)
    w = 1.0 / (kinds_c.sum(axis=1) - 1.0)
    values = np.asarray(cats, dtype=float) if level in ("interval", "ratio") else None
    if level == "ordinal":
        # the ordinal distance depends on the resample's marginals: keep whole coincidences
        per_kind = (w[:, None, None] * (kinds_c[:, :, None] * kinds_c[:, None, :])).reshape(n_kinds, k * k)
        per_kind[:, np.arange(k) * (k + 1)] -= w[:, None] * kinds_c
    else:
        delta = distance_matrix(level, values, np.ones(k))
        per_kind = (w * np.einsum("uc,ck,uk->u", kinds_c, delta, kinds_c))[:, None]
    width = per_kind.shape[1]
    kinds = np.hstack([per_kind, kinds_c])
    few = n_kinds * 4 < u
    chunk = max(1, min(samples, 4_000_000 // (n_kinds if few else u)))
    alphas = np.full(samples, np.nan)
    done = 0
    while done < samples:
        state.check(CANCELLED)
        b = min(chunk, samples - done)
        if few:
            weights = rng.multinomial(u, kind_n / u, size=b).astype(float)
        else:
            draws = kind_of[rng.integers(0, u, size=(b, u))] + (np.arange(b) * n_kinds)[:, None]
            weights = np.bincount(draws.ravel(), minlength=b * n_kinds).reshape(b, n_kinds).astype(float)
        sums = weights @ kinds
        alphas[done : done + b] = _alpha_of_sums(sums[:, :width], sums[:, width:], level, k, values)
        done += b
        state.set_progress(done, samples)
    return alphas


def _kinds(c: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct rows of value counts, the kind of each unit, and how many units each kind has."""
    ci = c.astype(np.int64)
    base = int(ci.max()) + 1
    if base ** c.shape[1] < 2**62:
        key = ci @ (base ** np.arange(c.shape[1], dtype=np.int64))
        _, first, kind_of, kind_n = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
        return c[first], kind_of.ravel(), kind_n
    kinds, kind_of, kind_n = np.unique(ci, axis=0, return_inverse=True, return_counts=True)
    return kinds.astype(float), kind_of.ravel(), kind_n


def summarise(
    alphas: np.ndarray | None, samples: int, seed: int | None, confidence: float, thresholds: Sequence[float]
) -> BootstrapResult:
    if alphas is None:
        reason = "No unit has values from two or more coders, so there is nothing to resample."
        return BootstrapResult(samples, seed, confidence, None, None, {}, samples, reason)
    ok = alphas[~np.isnan(alphas)]
    undefined = int(samples - len(ok))
    if len(ok) == 0:
        return BootstrapResult(
            samples,
            seed,
            confidence,
            None,
            None,
            {},
            undefined,
            "Alpha was undefined in every resample (no variation).",
        )
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(ok, [tail, 1.0 - tail])
    p = {float(t): float((ok < t).mean()) for t in thresholds}
    return BootstrapResult(samples, seed, confidence, float(low), float(high), p, undefined)


def _alpha_of_sums(
    contrib: np.ndarray, n_c: np.ndarray, level: str, k: int, values: np.ndarray | None
) -> np.ndarray:
    n = n_c.sum(axis=1)
    if level == "ordinal":
        cs = np.cumsum(n_c, axis=1)
        idx = np.arange(k)
        lo, hi = np.minimum.outer(idx, idx), np.maximum.outer(idx, idx)
        between = cs[:, hi] - cs[:, lo] + n_c[:, lo]
        delta = (between - (n_c[:, :, None] + n_c[:, None, :]) / 2.0) ** 2
        observed = (contrib.reshape(-1, k, k) * delta).sum(axis=(1, 2))
        expected = np.einsum("bc,bck,bk->b", n_c, delta, n_c)
    else:
        delta = distance_matrix(level, values, np.ones(k))
        observed = contrib[:, 0]
        expected = np.einsum("bc,ck,bk->b", n_c, delta, n_c)
    with np.errstate(invalid="ignore", divide="ignore"):
        alpha = 1.0 - (n - 1.0) * observed / expected
    alpha[(expected <= 1e-12) | (n <= 1)] = np.nan
    return alpha


def bootstrap_alpha(
    counts: np.ndarray,
    level: str = "nominal",
    categories: tuple | None = None,
    **options: Any,
) -> BootstrapResult:
    """The bootstrap of a single variable given as value counts (units x categories)."""
    cats = categories if categories is not None else tuple(range(1, np.asarray(counts).shape[1] + 1))
    return bootstrap_alphas([np.asarray(counts)], [level], [cats], **options)[0]


def unit_contributions(counts: np.ndarray, level: str, cats: tuple) -> tuple[np.ndarray, np.ndarray | None]:
    """Per unit, what it adds to alpha's sums (its share of the observed
    disagreement, then its value counts); units with fewer than two values add
    nothing. Summing rows with resampling weights and passing the sums to
    :func:`alpha_of_weighted_sums` gives alpha of that resample, so several
    coefficients can share one resample of the units."""
    check_level(level, cats)
    c = np.asarray(counts, dtype=float)
    m = row_sums(c)
    pairable = m >= 2
    c = np.where(pairable[:, None], c, 0.0)
    w = np.zeros(len(m))
    w[pairable] = 1.0 / (m[pairable] - 1.0)
    k = c.shape[1]
    values = np.asarray(cats, dtype=float) if level in ("interval", "ratio") else None
    if level == "ordinal":
        per = (w[:, None, None] * (c[:, :, None] * c[:, None, :])).reshape(len(c), k * k)
        per[:, np.arange(k) * (k + 1)] -= w[:, None] * c
    else:
        per = (w * np.einsum("uc,ck,uk->u", c, distance_matrix(level, values, np.ones(k)), c))[:, None]
    return np.hstack([per, c]), values


def alpha_of_weighted_sums(sums: np.ndarray, level: str, k: int, values: np.ndarray | None) -> np.ndarray:
    """Alpha of each row of ``weights @ unit_contributions(...)[0]`` (NaN where undefined)."""
    width = k * k if level == "ordinal" else 1
    return _alpha_of_sums(sums[:, :width], sums[:, width:], level, k, values)
