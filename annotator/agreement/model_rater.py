"""A model coder among human coders: three alphas, each with a bootstrap
interval, and the alternative annotator test, for one variable.

- the humans alone (the study's reliability without the model);
- the humans with the model (alpha over all chosen coders, as in the report);
- the model against the humans: the mean of the alphas of each human paired
  with the model. We average pairs rather than compare the model with the
  humans' majority because the question a reviewer asks is whether the model
  is as reliable as one more coder of the team, and a majority is a pseudo-coder
  more reliable than any single human (with two humans, or a tie, it is not
  even defined); the mean pairwise alpha is on the same footing as the humans'
  own agreement, and the alternative annotator test (Calderon, Reichart & Dror
  2025) likewise compares the model with one human at a time.

All three come from one resample of the units per bootstrap draw, so their
intervals describe the same sampling variation. Units with identical values are
grouped (most units carry no code), and a resample draws how many of each
group it takes, which is multinomial.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.agreement.alpha import value_counts
from annotator.agreement.alt_test import EPSILON, alt_test
from annotator.agreement.bootstrap import alpha_of_weighted_sums, unit_contributions

CHUNK = 4_000_000  # resample weights held at once (rows x kinds of unit)


@dataclass
class ModelFigures:
    model: str  # the model coder's name
    humans: list[str]
    humans_alpha: float | None
    with_model_alpha: float | None
    model_alpha: float | None  # mean over humans of alpha(human, model)
    pairwise: dict[str, float | None] = field(default_factory=dict)
    humans_low: float | None = None
    humans_high: float | None = None
    with_model_low: float | None = None
    with_model_high: float | None = None
    model_low: float | None = None
    model_high: float | None = None
    alt_test: dict[str, Any] = field(default_factory=dict)


def model_figures(
    codes: np.ndarray,
    categories: tuple,
    level: str,
    *,
    model: int,
    humans: Sequence[int],
    names: Sequence[str],
    bootstrap: int = 0,
    seed: int | None = None,
    key: str = "",
    confidence: float = 0.95,
    epsilon: float = EPSILON,
) -> ModelFigures:
    """The figures for the model in column ``model`` of ``codes`` (units x
    coders, -1 missing) against the ``humans`` columns; ``names`` name every column."""
    codes = np.asarray(codes)
    categories = tuple(categories) or (0.0,)
    k = len(categories)
    # group the units with the columns in the order of the coders' names: the
    # groups' order decides which units a seeded resample draws, and the same
    # coders typed in another order must give the same intervals
    by_name = sorted(range(codes.shape[1]), key=lambda c: (names[c], c))
    grouped, n = np.unique(codes[:, by_name], axis=0, return_counts=True)
    kinds = np.empty_like(grouped)
    kinds[:, by_name] = grouped
    columns: list[list[int]] = [list(humans), [*humans, model], *([h, model] for h in humans)]
    parts = [unit_contributions(value_counts(kinds[:, cols], k), level, categories) for cols in columns]
    point = np.vstack(
        [_alphas(n[None, :].astype(float), rows, level, k, values) for rows, values in parts]
    ).T[0]
    # the mean over humans taken in the order of their names: a sum of floats in
    # another order can differ in the last digit
    by_human_name = sorted(range(len(humans)), key=lambda i: (names[humans[i]], humans[i]))
    pairs = point[2:]
    defined = pairs[by_human_name][~np.isnan(pairs[by_human_name])]
    out = ModelFigures(
        model=names[model],
        humans=[names[h] for h in humans],
        humans_alpha=_num(point[0]),
        with_model_alpha=_num(point[1]),
        model_alpha=float(defined.mean()) if len(defined) else None,
        pairwise={names[h]: _num(a) for h, a in zip(humans, pairs, strict=True)},
    )
    if bootstrap and len(n):
        rng = np.random.default_rng(None if seed is None else [seed, zlib.crc32(f"model:{key}".encode())])
        draws = _resampled(n, parts, level, k, bootstrap, rng)
        tail = (1.0 - confidence) / 2.0
        for name, series in (
            ("humans", draws[:, 0]),
            ("with_model", draws[:, 1]),
            ("model", _nanmean(draws[:, 2:][:, by_human_name])),
        ):
            ok = series[~np.isnan(series)]
            if len(ok):
                low, high = np.quantile(ok, [tail, 1.0 - tail])
                setattr(out, f"{name}_low", float(low))
                setattr(out, f"{name}_high", float(high))
    values = None if level == "nominal" else _ordered_values(categories, level)
    result = (
        alt_test(codes, model, list(humans), values=values, epsilon=epsilon) if len(humans) >= 2 else None
    )
    out.alt_test = _alt_test_dict(result, names, epsilon)
    out.alt_test["caution"] = chance_caution(out)
    return out


def chance_caution(m: ModelFigures) -> str:
    """Why a passed test may not mean the model codes: the test scores how often
    the model gives the other humans' value, so on a rare or near-constant code a
    model that always gives the most frequent value wins it while its alpha,
    which corrects for chance, stays at zero. Empty when that is not the case."""
    if not m.alt_test.get("passed"):
        return ""
    alpha, low = m.model_alpha, m.model_low
    if alpha is not None and alpha > 0 and (low is None or low > 0):
        return ""
    shown = "undefined" if alpha is None else f"{alpha:.3f}"
    if alpha is not None and low is not None:
        shown += f", its interval reaching {low:.3f}"
    return (
        f"The model passed the alternative annotator test, but its alpha against the humans ({shown}) "
        "is not above chance: giving the most frequent value wins the test without coding the variable."
    )


def _resampled(
    n: np.ndarray,
    parts: list[tuple[np.ndarray, np.ndarray | None]],
    level: str,
    k: int,
    samples: int,
    rng: np.random.Generator,
) -> np.ndarray:
    total = int(n.sum())
    p = n / total
    chunk = max(1, min(samples, CHUNK // len(n)))
    out = np.empty((samples, len(parts)))
    done = 0
    while done < samples:
        b = min(chunk, samples - done)
        weights = rng.multinomial(total, p, size=b).astype(float)
        for j, (rows, values) in enumerate(parts):
            out[done : done + b, j] = _alphas(weights, rows, level, k, values)
        done += b
    return out


def _alphas(
    weights: np.ndarray, rows: np.ndarray, level: str, k: int, values: np.ndarray | None
) -> np.ndarray:
    return alpha_of_weighted_sums(weights @ rows, level, k, values)


def _nanmean(a: np.ndarray) -> np.ndarray:
    ok = ~np.isnan(a)
    counts = ok.sum(axis=1)
    sums = np.where(ok, a, 0.0).sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)


def _num(x: float) -> float | None:
    return None if np.isnan(x) else float(x)


def _ordered_values(categories: tuple, level: str) -> list[float]:
    if level in ("interval", "ratio"):
        return [float(c) for c in categories]
    return [float(i) for i in range(len(categories))]  # ordinal: ranks


def _alt_test_dict(result: Any, names: Sequence[str], epsilon: float) -> dict[str, Any]:
    if result is None:
        return {
            "epsilon": epsilon,
            "winning_rate": None,
            "advantage_probability": None,
            "passed": None,
            "humans": [],
            "note": "The alternative annotator test needs at least two human coders.",
        }
    note = " ".join(f"{names[j]}: {why}" for j, why in result.skipped.items())
    return {
        "epsilon": result.epsilon,
        "fdr": result.fdr,
        "winning_rate": result.winning_rate,
        "advantage_probability": result.advantage_probability,
        "passed": result.passed,
        "humans": [
            {
                "coder": names[c.coder],
                "units": c.units,
                "model_wins": c.model_wins,
                "human_wins": c.human_wins,
                "p_value": c.p_value,
                "model_better": c.rejected,
            }
            for c in result.comparisons
        ],
        "note": note,
    }
