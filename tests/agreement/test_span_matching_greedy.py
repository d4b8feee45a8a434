"""Span matching takes candidates without rivals at once and runs the greedy
pass only over the rest (issue 19, item 2): the pairs must be exactly those of
the plain greedy pass over every candidate, in the same order."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.agreement import spans_match
from annotator.agreement.spans_match import SpanTable, match_spans


def _plain_greedy(a: SpanTable, b: SpanTable, mode: str, same_label: bool) -> spans_match.Matching:
    """match_spans with the greedy pass over all candidates, as it was written first."""
    original = spans_match.np.bincount

    def no_candidate_is_alone(x, minlength=0, **kw):
        return original(x, minlength=minlength, **kw) + 1  # every span seems to have a rival

    spans_match.np.bincount = no_candidate_is_alone
    try:
        return match_spans(a, b, mode=mode, same_label=same_label)
    finally:
        spans_match.np.bincount = original


def _table(rng: np.random.Generator, n: int) -> SpanTable:
    doc = rng.integers(0, 4, n)
    start = rng.integers(0, 200, n)
    end = start + rng.integers(1, 25, n)
    return SpanTable(doc, start, end, rng.integers(0, 3, n))


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(("mode", "same_label"), [("overlap", True), ("overlap", False), ("exact", True)])
def test_the_pairs_are_those_of_the_plain_greedy_pass(seed, mode, same_label):
    rng = np.random.default_rng(seed)
    a, b = _table(rng, int(rng.integers(1, 120))), _table(rng, int(rng.integers(1, 120)))
    b = SpanTable(
        np.concatenate([b.doc, a.doc[:10]]),
        np.concatenate([b.start, a.start[:10]]),  # some exact partners
        np.concatenate([b.end, a.end[:10]]),
        np.concatenate([b.label, a.label[:10]]),
    )
    fast = match_spans(a, b, mode=mode, same_label=same_label)
    plain = _plain_greedy(a, b, mode, same_label)
    assert fast.a.tolist() == plain.a.tolist()
    assert fast.b.tolist() == plain.b.tolist()
    assert fast.exact.tolist() == plain.exact.tolist()


@pytest.mark.parametrize("seed", range(8))
def test_both_matchings_from_one_number_line_score_as_each_alone(seed):
    # span F1 puts two coders' spans on their number line once for exact and overlap
    from annotator.agreement.spans_match import scores_by_label_modes

    rng = np.random.default_rng(seed)
    a, b = _table(rng, int(rng.integers(0, 150))), _table(rng, int(rng.integers(1, 150)))
    both = scores_by_label_modes(a, b, 3, modes=("exact", "overlap"), partial_credit=0.5)
    for mode in ("exact", "overlap"):
        m = match_spans(a, b, mode=mode)
        credit = np.bincount(a.label[m.a], weights=np.where(m.exact, 1.0, 0.5), minlength=3)
        want = (np.bincount(a.label, minlength=3), np.bincount(b.label, minlength=3), credit)
        for got, expected in zip(both[mode], want, strict=True):
            assert got.tolist() == expected.tolist()
