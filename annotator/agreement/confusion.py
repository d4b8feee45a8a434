"""Who confuses which categories with which: confusion matrices per pair of
coders and how often each coder uses each category.

A pair's confusion matrix counts the units both coders coded by the value each
gave. Weighted by 1/(m_u - 1), as alpha weights a unit with m_u values, the
matrices of all ordered pairs of coders add up to the coincidence matrix
(Krippendorff 2011, section C), so each pair's share of the disagreement alpha
counts can be read off its own matrix.
"""

from __future__ import annotations

import numpy as np

from annotator.agreement.alpha import row_sums


def pair_confusion(
    codes: np.ndarray, i: int, j: int, n_categories: int, *, weighted: bool = False
) -> np.ndarray:
    """Categories x categories: units where coder ``i`` gave the row value and
    coder ``j`` the column value (``codes``: units x coders, -1 missing).
    ``weighted``: each unit counts 1/(m_u - 1), its weight in alpha."""
    codes = np.asarray(codes)
    a, b = codes[:, i], codes[:, j]
    both = (a >= 0) & (b >= 0)
    if weighted:
        m = row_sums(codes >= 0)
        w = 1.0 / np.maximum(m[both] - 1.0, 1.0)
    else:
        w = np.ones(int(both.sum()))
    flat = np.bincount(a[both] * n_categories + b[both], weights=w, minlength=n_categories * n_categories)
    return flat.reshape(n_categories, n_categories)


def coincidences_from_pairs(codes: np.ndarray, n_categories: int) -> np.ndarray:
    """The coincidence matrix as the sum of the weighted confusion matrices of
    all ordered pairs of coders."""
    n_coders = np.asarray(codes).shape[1]
    total = np.zeros((n_categories, n_categories))
    for i in range(n_coders):
        for j in range(n_coders):
            if i != j:
                total += pair_confusion(codes, i, j, n_categories, weighted=True)
    return total


def usage_rates(
    codes: np.ndarray, n_categories: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per coder: the share of their values in each category (coders x
    categories), the same share among the other coders' values on the units that
    coder coded, and the numbers of values both shares are taken of. Comparing
    on the same units keeps a coder who saw other articles from looking odd."""
    codes = np.asarray(codes)
    n_coders = codes.shape[1]
    own = np.zeros((n_coders, n_categories))
    others = np.zeros((n_coders, n_categories))
    n_own = np.zeros(n_coders, dtype=np.int64)
    n_others = np.zeros(n_coders, dtype=np.int64)
    present = codes >= 0
    for c in range(n_coders):
        mine = present[:, c]
        own_counts = np.bincount(codes[mine, c], minlength=n_categories)
        rest = np.delete(codes[mine], c, axis=1)
        other_counts = np.bincount(rest[rest >= 0], minlength=n_categories)
        n_own[c], n_others[c] = int(own_counts.sum()), int(other_counts.sum())
        if n_own[c]:
            own[c] = own_counts / n_own[c]
        if n_others[c]:
            others[c] = other_counts / n_others[c]
    return own, others, n_own, n_others
