"""The documents a report lists first are found without sorting them all
(issue 19, item 2): the same documents in the same order as a full sort."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.agreement.report import _possible_top


@pytest.mark.parametrize("seed", range(30))
def test_the_listed_documents_are_those_of_a_full_sort(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    keep = np.sort(rng.choice(1000, size=n, replace=False))
    first = -rng.integers(0, int(rng.integers(1, 4)), n).astype(float)  # few values: many ties
    second = rng.integers(0, 5, n) / 4.0
    top = int(rng.integers(1, n + 1))
    want = keep[np.lexsort((second, first))][:top]
    if top < n:
        chosen = _possible_top(keep, first, second, top)
        index = np.searchsorted(keep, chosen)
        got = chosen[np.lexsort((second[index], first[index]))][:top]
    else:
        got = want
    assert got.tolist() == want.tolist()
