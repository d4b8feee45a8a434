"""Properties that must hold for any reliability data (hypothesis)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from annotator.agreement.alpha import LEVELS, krippendorff_alpha
from annotator.agreement.bootstrap import bootstrap_alpha
from annotator.agreement.kappa import cohen_kappa, scott_pi
from annotator.agreement.spans_match import SpanTable, span_scores
from annotator.agreement.unitizing import unitize


@st.composite
def reliability_matrices(draw, min_coders=2, max_coders=5):
    n_units = draw(st.integers(2, 25))
    n_coders = draw(st.integers(min_coders, max_coders))
    cells = st.one_of(st.none(), st.integers(1, 4))
    rows = draw(
        st.lists(st.lists(cells, min_size=n_coders, max_size=n_coders), min_size=n_units, max_size=n_units)
    )
    return np.array([[np.nan if v is None else float(v) for v in row] for row in rows])


def same(a, b):
    return (a is None and b is None) or (a is not None and b is not None and abs(a - b) < 1e-9)


@settings(max_examples=150, deadline=None)
@given(reliability_matrices(), st.sampled_from(LEVELS), st.randoms(use_true_random=False))
def test_alpha_does_not_depend_on_the_order_of_coders_or_units(m, level, rnd):
    base = krippendorff_alpha(m, level).alpha
    coders = list(range(m.shape[1]))
    units = list(range(m.shape[0]))
    rnd.shuffle(coders)
    rnd.shuffle(units)
    assert same(krippendorff_alpha(m[:, coders], level).alpha, base)
    assert same(krippendorff_alpha(m[units], level).alpha, base)


@settings(max_examples=150, deadline=None)
@given(reliability_matrices(min_coders=2, max_coders=2))
def test_pairwise_measures_are_symmetric(m):
    codes = np.where(np.isnan(m), -1, m - 1).astype(int)
    for f in (cohen_kappa, scott_pi):
        ab, ba = f(codes[:, 0], codes[:, 1], 4), f(codes[:, 1], codes[:, 0], 4)
        assert same(ab.value, ba.value)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=30), st.integers(2, 6))
def test_identical_codings_with_variation_give_alpha_one(values, n_coders):
    assume(len(set(values)) > 1)
    m = np.array([[v] * n_coders for v in values], dtype=float)
    for level in LEVELS:
        assert krippendorff_alpha(m, level).alpha == pytest.approx(1.0)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.integers(1, 5), min_size=2, max_size=30), st.integers(2, 6))
def test_no_variation_is_undefined_never_a_number(values, n_coders):
    m = np.full((len(values), n_coders), 3.0)
    r = krippendorff_alpha(m, "nominal")
    assert r.alpha is None and r.reason


@settings(max_examples=60, deadline=None)
@given(reliability_matrices(), st.sampled_from(LEVELS))
def test_alpha_matches_the_krippendorff_package(m, level):
    krippendorff = pytest.importorskip("krippendorff")
    ours = krippendorff_alpha(m, level)
    if ours.alpha is None:
        return
    theirs = krippendorff.alpha(reliability_data=m.T, level_of_measurement=level)
    assert ours.alpha == pytest.approx(theirs, abs=1e-9)


@st.composite
def disjoint_spans(draw):
    """One coder's spans of a few codes on a few documents, never overlapping within a code."""
    rows = []
    for doc in range(draw(st.integers(1, 3))):
        for code in range(draw(st.integers(1, 3))):
            cuts = sorted(draw(st.sets(st.integers(0, 60), max_size=10)))
            for s, e in zip(cuts[::2], cuts[1::2], strict=False):
                rows.append((doc, s, e, code))
    arr = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return SpanTable(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])


@settings(max_examples=150, deadline=None)
@given(disjoint_spans(), disjoint_spans(), st.sampled_from(["exact", "overlap"]))
def test_span_f1_is_symmetric_and_matches_at_most_once(a, b, mode):
    ab, ba = span_scores(a, b, mode=mode), span_scores(b, a, mode=mode)
    assert same(ab.f1, ba.f1)
    assert same(ab.precision, ba.recall)
    assert ab.correct + ab.partial <= min(len(a), len(b))


@settings(max_examples=60, deadline=None)
@given(disjoint_spans())
def test_a_coder_against_themself_has_f1_one(a):
    assume(len(a) > 0)
    assert span_scores(a, a, mode="exact").f1 == pytest.approx(1.0)


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 50), st.integers(1, 10), st.sampled_from("xyz")), max_size=6),
    st.integers(2, 4),
    st.randoms(use_true_random=False),
)
def test_unitizing_is_invariant_to_coder_order_and_one_for_identical_coders(segs, n_coders, rnd):
    # one coder's non-overlapping segments, copied to every coder with one coder changed
    out, end = [], 0
    for start, length, value in sorted(segs):
        start = max(start, end)
        out.append((start, start + length, value))
        end = start + length
    assume(out)
    length = end + 5
    same_for_all = {f"c{i}": out for i in range(n_coders)}
    r, _ = unitize(length, same_for_all)
    assert r.binary_u_alpha == pytest.approx(1.0)
    changed = dict(same_for_all, c0=out[:-1])
    names = list(changed)
    rnd.shuffle(names)
    r1, _ = unitize(length, changed, values=list("xyz"))
    r2, _ = unitize(length, {n: changed[n] for n in names}, values=list("xyz"))
    for key in ("u_alpha", "binary_u_alpha", "cu_alpha"):
        assert same(getattr(r1, key), getattr(r2, key))


@settings(max_examples=30, deadline=None)
@given(reliability_matrices(), st.integers(0, 2**31))
def test_bootstrap_same_seed_same_interval(m, seed):
    codes = np.where(np.isnan(m), -1, m - 1).astype(int)
    from annotator.agreement.alpha import value_counts

    counts = value_counts(codes, 4)
    one = bootstrap_alpha(counts, "nominal", (1, 2, 3, 4), samples=50, seed=seed)
    two = bootstrap_alpha(counts, "nominal", (1, 2, 3, 4), samples=50, seed=seed)
    assert one == two
