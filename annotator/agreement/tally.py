"""Units grouped by what the coders gave them.

Every coefficient of coding data depends on a unit only through its row of
values, and real reliability data has few distinct rows (most sentences are
untouched by most codes). Grouping identical rows once per variable lets the
coefficients run over a few hundred kinds of units instead of a million tokens.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from annotator.agreement.alpha import value_counts


@dataclass
class Tally:
    codes: np.ndarray  # kinds x coders: the category codes (-1 missing) shared by the units of a kind
    n: np.ndarray  # units of each kind (float, usable as weights)
    of: np.ndarray  # the kind of each unit
    counts: np.ndarray  # kinds x categories: value counts of each kind

    @property
    def units(self) -> int:
        return int(self.n.sum())


def tally(codes: np.ndarray, n_categories: int) -> Tally:
    """Group the rows of a units x coders code matrix (``-1`` = missing)."""
    codes = np.asarray(codes, dtype=np.int64)
    n_units, n_coders = codes.shape
    k = max(n_categories, 1)
    if n_units == 0:
        return Tally(codes, np.zeros(0), np.zeros(0, dtype=np.int64), np.zeros((0, k), dtype=np.int64))
    base = k + 1
    if n_coders and base**n_coders < 2**62:
        key = np.zeros(n_units, dtype=np.int64)
        for c in range(n_coders):
            key += (codes[:, c] + 1) * base**c
        space = base**n_coders
        if space <= 1 << 22:
            # a count per possible row instead of sorting the units: the same kinds in the same order
            counts = np.bincount(key, minlength=space)
            present = np.flatnonzero(counts)
            lookup = np.zeros(space, dtype=np.int64)
            lookup[present] = np.arange(len(present))
            of = lookup[key]
            first = np.empty(len(present), dtype=np.int64)
            first[of] = np.arange(n_units)  # a unit of each kind; all its units share the row
            n = counts[present]
        else:
            _, first, of, n = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
        kinds = codes[first]
    else:
        kinds, of, n = np.unique(codes, axis=0, return_inverse=True, return_counts=True)
    return Tally(kinds, n.astype(float), of.ravel(), value_counts(kinds, k))
