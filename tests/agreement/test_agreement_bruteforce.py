"""The vectorised builders against slow, obvious re-implementations on random data."""

from __future__ import annotations

from array import array

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.agreement.reliability_data import CodingData, unit_data
from annotator.agreement.unitizing import Segments, unitizing_alphas
from annotator.core.codebook import codebook_from_dict
from annotator.core.models import Annotation, Segmentation

CB = codebook_from_dict(
    {
        "name": "b",
        "codes": [
            {"name": "Src", "exclusive": True, "children": ["P", "Q", "R"]},
            {"name": "F"},
        ],
    }
)
GROUP = CB.by_path("Src")
VALUES = [c.id for c in CB.children(GROUP.id)]
FRAME = CB.by_path("F").id
CODERS = ["a", "b", "c"]


@st.composite
def documents(draw):
    """Documents with units, each coder's non-overlapping group spans, and who coded what."""
    docs = {}
    for d in range(draw(st.integers(1, 3))):
        length = draw(st.integers(2, 40))
        cuts = sorted(draw(st.sets(st.integers(1, length - 1), max_size=5)))
        bounds = [0, *cuts, length]
        units = list(zip(bounds, bounds[1:], strict=False))
        spans = {}
        for coder in CODERS:
            points = sorted(draw(st.sets(st.integers(0, length), max_size=6)))
            spans[coder] = [
                (s, e, draw(st.integers(0, 2))) for s, e in zip(points[::2], points[1::2], strict=False)
            ]
        coded = draw(st.sets(st.sampled_from(CODERS)))
        docs[f"d{d}"] = (length, units, spans, coded)
    return docs


def coding_data(docs) -> CodingData:
    segs, anns = {}, []
    for doc, (_, units, spans, _) in docs.items():
        starts, ends = array("i", [s for s, _ in units]), array("i", [e for _, e in units])
        segs[doc] = Segmentation(doc, "t", starts, ends, starts, ends, starts, ends)
        for coder, rows in spans.items():
            anns += [Annotation(doc, coder, VALUES[v], s, e) for s, e, v in rows]
    return CodingData(
        {d: v[0] for d, v in docs.items()}, CB, {d: v[3] for d, v in docs.items()}, anns, segmentations=segs
    )


@settings(max_examples=120, deadline=None)
@given(documents())
def test_group_matrix_matches_a_plain_loop(docs):
    got = unit_data(coding_data(docs), unit="sentence", coders=CODERS, variables=[GROUP.id]).values[0]
    expected = []
    for _, (_, units, spans, coded) in docs.items():
        for us, ue in units:
            row = []
            for coder in CODERS:
                if coder not in coded:
                    row.append(-1)
                    continue
                cover = [0, 0, 0]
                for s, e, v in spans[coder]:
                    cover[v] += max(0, min(e, ue) - max(s, us))
                # most characters wins; ties go to the value listed first
                row.append(0 if max(cover) == 0 else cover.index(max(cover)) + 1)
            expected.append(row)
    assert got.tolist() == expected


def plain_u_alpha(docs) -> float | None:
    """uα character by character: coincidences of every ordered pair of coders at every position."""
    k1 = 4
    o = np.zeros((k1, k1))
    self_valued = np.zeros(k1)
    for length, _, spans, coded in docs.values():
        coders = [c for c in CODERS if c in coded]
        m = len(coders)
        if m < 2:
            continue
        at = {c: [0] * length for c in coders}
        for c in coders:
            for s, e, v in spans[c]:
                for x in range(s, e):
                    at[c][x] = v + 1
                self_valued[v + 1] += (e - s) ** 2
        for x in range(length):
            for i in coders:
                for j in coders:
                    if i != j:
                        o[at[i][x], at[j][x]] += 1 / (m - 1)
    total = o.sum()
    if total == 0 or o[1:, :].sum() == 0:
        return None
    l_c = o.sum(axis=1)
    self_c = self_valued.copy()
    self_c[0] = l_c[0]
    den = total - self_c.sum() / total
    e = (np.outer(l_c, l_c) - np.diag(self_c)) / den
    d_e = total - np.trace(e)
    return None if den <= 1e-9 or d_e <= 1e-9 else 1 - (total - np.trace(o)) / d_e


@settings(max_examples=120, deadline=None)
@given(documents())
def test_u_alpha_matches_a_character_by_character_count(docs):
    rows = [
        (di, CODERS.index(c), s, e, v + 1)
        for di, (_, _, spans, coded) in enumerate(docs.values())
        for c, r in spans.items()
        if c in coded
        for s, e, v in r
    ]
    arr = np.array(rows, dtype=np.int64).reshape(-1, 5)
    coded = np.array([[c in v[3] for c in CODERS] for v in docs.values()])
    lengths = np.array([v[0] for v in docs.values()])
    res = unitizing_alphas(lengths, coded, Segments(*arr.T), 3)
    expected = plain_u_alpha(docs)
    assert (res.u_alpha is None) == (expected is None)
    if expected is not None:
        assert res.u_alpha == pytest.approx(expected, abs=1e-9)
