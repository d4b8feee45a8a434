"""Krippendorff's unitizing family on a character continuum.

Definitions of Krippendorff, Mathet, Bouvry & Widlöcher (2016) and Krippendorff
(2019, §12.6): each coder partitions each document into valued segments and
gaps; coincidences are lengths of intersections between segments of different
coders. Documents are pooled by laying them end to end: overlaps never cross a
document boundary, and gaps count as unit-length pieces in the expected
coincidences, so concatenation is exactly the pooled computation.

- ``u_alpha``: values and gaps together (nominal);
- ``binary_u_alpha`` (|uα): valued versus gap, adjacent valued segments kept apart;
- ``cu_alpha``: the values of intersecting valued segments, unitizing ignored;
- ``k_u_alpha`` ((k)uα): the same for one value k, with its coverage.

The intersections are computed on the elementary stretches between all segment
boundaries: each stretch is a "unit" with one value per coder and a weight equal
to its length, which reuses the vectorised coincidence code of coding alpha.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.agreement.alpha import coincidences, row_sums, value_counts
from annotator.agreement.bootstrap import BootstrapResult, summarise
from annotator.agreement.errors import AgreementError

NOTHING_MARKED = "No coder marked any segment, so there is no unitizing to compare."
NO_OVERLAP = "No valued segments of different coders overlap, so the coding of overlaps cannot be assessed."
ONE_VALUE = "Only one value occurs where valued segments overlap, so cuα is undefined."


@dataclass
class Segments:
    """Segments as parallel arrays; ``start``/``end`` are offsets in their document,
    ``value`` counts from 1 (0 is the gap)."""

    doc: np.ndarray
    coder: np.ndarray
    start: np.ndarray
    end: np.ndarray
    value: np.ndarray

    @classmethod
    def empty(cls) -> Segments:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z.copy(), z.copy(), z.copy(), z.copy())

    def __len__(self) -> int:
        return len(self.start)

    def take(self, index: np.ndarray) -> Segments:
        return Segments(
            self.doc[index], self.coder[index], self.start[index], self.end[index], self.value[index]
        )


@dataclass
class UnitizingResult:
    u_alpha: float | None
    binary_u_alpha: float | None
    cu_alpha: float | None
    k_u_alpha: dict[int, float | None]
    k_coverage: dict[int, float]
    cu_coverage: float | None  # share of the pairable continuum in overlapping valued segments
    coder_coverage: np.ndarray  # per coder: share of the characters of their documents marked
    pairable_length: float  # l.. : characters times coders, over documents with 2+ coders
    reasons: dict[str, str] = field(default_factory=dict)
    doc_disagreement: np.ndarray = field(default_factory=lambda: np.zeros(0))  # per document, share
    doc_disagreeing_chars: np.ndarray = field(default_factory=lambda: np.zeros(0))  # where values differ
    doc_pairable: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    trimmed: int = 0  # overlapping segments of one coder that had to be cut
    observed: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)), repr=False)
    # per document: flattened coincidences and valued self-pairings, for the bootstrap over documents
    doc_coincidences: np.ndarray | None = field(default=None, repr=False)
    doc_self: np.ndarray | None = field(default=None, repr=False)


def tidy_segments(segs: Segments, *, merge: bool) -> tuple[Segments, int]:
    """One coder's segments must partition the continuum (2016 definition).

    Overlapping segments are merged (``merge``: parts of one binary variable) or
    the later one is cut where the earlier ends (values of an exclusive group,
    whose overlap the store forbids anyway). Adjacent segments stay distinct.
    Returns the tidy segments and how many overlaps were found.
    """
    if len(segs) == 0:
        return segs, 0
    order = np.lexsort((segs.end, segs.start, segs.doc, segs.coder))
    s = segs.take(order)
    # Keys that never collide across (coder, doc) so one running maximum serves all groups.
    span = int(max(s.end.max(), 1)) + 1
    base = (s.coder.astype(np.int64) * (int(s.doc.max()) + 1) + s.doc) * span
    gs, ge = base + s.start, base + s.end
    prev_end = np.concatenate(([np.iinfo(np.int64).min], np.maximum.accumulate(ge)[:-1]))
    overlapping = gs < prev_end
    n_overlaps = int(overlapping.sum())
    if n_overlaps == 0:
        return s, 0
    if merge:
        first = np.flatnonzero(~overlapping)
        t = s.take(first)
        t.end = np.maximum.reduceat(s.end, first)
        return t, n_overlaps
    start = np.where(overlapping, prev_end - base, s.start)
    keep = start < s.end
    t = s.take(keep)
    t.start = start[keep]
    return t, n_overlaps


def unitizing_alphas(
    lengths: np.ndarray,
    coded: np.ndarray,
    segments: Segments,
    n_values: int,
    *,
    merge_overlaps: bool = False,
    per_document: bool = False,
) -> UnitizingResult:
    """The unitizing family for ``n_values`` values over documents of ``lengths``.

    ``coded`` is documents x coders (bool): which coders coded which document; a
    document enters only with two or more coders, and a coder who did not code
    it is missing there (not "all gap"). ``per_document`` keeps each document's
    share of the coincidences, for :func:`bootstrap_unitizing`.
    """
    lengths = np.asarray(lengths, dtype=np.int64)
    coded = np.asarray(coded, dtype=bool)
    n_docs, n_coders = coded.shape
    segs, trimmed = tidy_segments(segments, merge=merge_overlaps)
    if len(segs) and (
        (segs.start < 0).any() or (segs.end > lengths[segs.doc]).any() or (segs.end <= segs.start).any()
    ):
        raise AgreementError("A segment lies outside its document or has no length.")
    segs = segs.take(coded[segs.doc, segs.coder]) if len(segs) else segs

    marked = np.bincount(segs.coder, weights=(segs.end - segs.start), minlength=n_coders).astype(float)
    available = (coded * lengths[:, None]).sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        coder_coverage = np.where(available > 0, marked / np.where(available > 0, available, 1), np.nan)

    m_doc = coded.sum(axis=1)
    pairable_doc = (m_doc >= 2) & (lengths > 0)
    segs = segs.take(pairable_doc[segs.doc]) if len(segs) else segs
    off = np.concatenate(([0], np.cumsum(lengths)))
    gstart = off[segs.doc] + segs.start
    gend = off[segs.doc] + segs.end

    bounds = np.unique(np.concatenate((off, gstart, gend)))
    e_start, e_len = bounds[:-1], np.diff(bounds)
    e_doc = np.searchsorted(off, e_start, side="right") - 1
    keep = pairable_doc[e_doc] & (e_len > 0)
    e_start, e_len, e_doc = e_start[keep], e_len[keep].astype(float), e_doc[keep]

    n_el = len(e_start)
    values = np.full((n_el, n_coders), -1, dtype=np.int32)
    seg_at = np.full((n_el, n_coders), -1, dtype=np.int64)
    for c in range(n_coders):
        present = coded[e_doc, c]
        mine = np.flatnonzero(segs.coder == c)
        mine = mine[np.argsort(gstart[mine], kind="stable")]
        idx = np.searchsorted(gstart[mine], e_start, side="right") - 1
        inside = idx >= 0
        inside[inside] = e_start[inside] < gend[mine[idx[inside]]]
        col = np.where(present, 0, -1)
        hit = inside & present
        col[hit] = segs.value[mine[idx[hit]]]
        values[:, c] = col
        seg_at[hit, c] = mine[idx[hit]]

    k1 = n_values + 1
    counts = value_counts(values, k1)
    o = coincidences(counts, weights=e_len)
    l_c = o.sum(axis=1)
    total = float(l_c.sum())
    reasons: dict[str, str] = {}

    # per document: share of (character, coder) pairs in disagreement, gaps counting as a value
    m_el = row_sums(counts)
    with np.errstate(invalid="ignore", divide="ignore"):
        agree_el = np.where(m_el >= 2, row_sums(counts * (counts - 1.0)) / np.maximum(m_el - 1, 1), 0.0)
    doc_total = np.bincount(e_doc, weights=e_len * np.where(m_el >= 2, m_el, 0), minlength=n_docs)
    doc_agree = np.bincount(e_doc, weights=e_len * agree_el, minlength=n_docs)
    with np.errstate(invalid="ignore", divide="ignore"):
        doc_dis = np.where(doc_total > 0, 1.0 - doc_agree / np.where(doc_total > 0, doc_total, 1), np.nan)
    differs = (m_el >= 2) & (row_sums(counts > 0) > 1)
    doc_chars = np.bincount(e_doc, weights=e_len * differs, minlength=n_docs)

    seg_len = (segs.end - segs.start).astype(float)
    self_c = np.zeros(k1)
    self_c[1:] = np.bincount(segs.value, weights=seg_len**2, minlength=k1)[1:k1]
    self_c[0] = l_c[0]  # gaps are not units: a gap of length l adds l pieces of length 1

    result = UnitizingResult(
        None,
        None,
        None,
        {},
        {},
        None,
        coder_coverage,
        total,
        reasons,
        doc_dis,
        doc_chars,
        pairable_doc,
        trimmed,
        o,
    )
    if per_document:  # filled below when there is anything to compare
        result.doc_coincidences, result.doc_self = np.zeros((n_docs, k1 * k1)), np.zeros((n_docs, k1))
    if total <= 0:
        reasons["u_alpha"] = reasons["binary_u_alpha"] = reasons["cu_alpha"] = (
            "No document was coded by two or more of the chosen coders."
        )
        return result
    if l_c[1:].sum() <= 0:
        reasons["u_alpha"] = reasons["binary_u_alpha"] = reasons["cu_alpha"] = NOTHING_MARKED
        return result

    s_all = float(self_c.sum())
    den = total - s_all / total
    if den <= 1e-9:
        reasons["u_alpha"] = reasons["binary_u_alpha"] = reasons["cu_alpha"] = (
            "The continuum is too short for the segments on it, so the unitizing coefficients are undefined."
        )
        return result
    e = (np.outer(l_c, l_c) - np.diag(self_c)) / den
    d_e = total - np.trace(e)
    if d_e > 1e-9:
        result.u_alpha = 1.0 - (total - np.trace(o)) / d_e
    else:
        reasons["u_alpha"] = "The continuum has no variation (all one value), so uα is undefined."
    e_gap = l_c[0] * (total - l_c[0]) / den
    if e_gap > 1e-9:
        result.binary_u_alpha = 1.0 - (l_c[0] - o[0, 0]) / e_gap
    else:
        reasons["binary_u_alpha"] = "There are no gaps (everything marked), so |uα is undefined."

    _coding_of_overlaps(result, o, l_c, values, seg_at, e_len, e_doc, m_doc, segs, n_values)
    if per_document:
        result.doc_coincidences, result.doc_self = _per_document(
            counts, e_len, e_doc, n_docs, segs, seg_len, k1
        )
    return result


def _per_document(
    counts: np.ndarray,
    e_len: np.ndarray,
    e_doc: np.ndarray,
    n_docs: int,
    segs: Segments,
    seg_len: np.ndarray,
    k1: int,
) -> tuple[np.ndarray, np.ndarray]:
    counts = counts.astype(float)
    m = row_sums(counts)
    w = np.where(m >= 2, 1.0 / np.maximum(m - 1.0, 1.0), 0.0) * e_len
    weighted = counts * w[:, None]
    o = np.zeros((n_docs, k1 * k1))
    if len(e_doc):
        # stretches are in continuum order, so each document's stretches are contiguous
        starts = np.flatnonzero(np.concatenate(([True], e_doc[1:] != e_doc[:-1])))
        docs = e_doc[starts]
        for c in range(k1):
            for k in range(k1):
                col = weighted[:, c] * counts[:, k] - (weighted[:, c] if c == k else 0.0)
                o[docs, c * k1 + k] = np.add.reduceat(col, starts)
    self_valued = np.bincount(segs.doc * k1 + segs.value, weights=seg_len**2, minlength=n_docs * k1)
    return o, self_valued.reshape(n_docs, k1)


def bootstrap_unitizing(
    result: UnitizingResult,
    *,
    samples: int = 1000,
    seed: int | None = None,
    key: str = "",
    confidence: float = 0.95,
    thresholds: Sequence[float] = (0.667, 0.8),
) -> BootstrapResult:
    """Bootstrap interval of uα (for a single code, uα = |uα) resampling whole
    documents: on a continuum the document is the unit that can be drawn again."""
    if result.doc_coincidences is None or result.doc_self is None:
        raise AgreementError("The unitizing result was computed without per-document figures.")
    o_docs, self_docs = result.doc_coincidences, result.doc_self
    keep = o_docs.sum(axis=1) > 0
    o_docs, self_docs = o_docs[keep], self_docs[keep]
    n = len(o_docs)
    if n == 0:
        return summarise(None, samples, seed, confidence, thresholds)
    k1 = self_docs.shape[1]
    rng = np.random.default_rng(None if seed is None else [seed, zlib.crc32(key.encode("utf-8"))])
    stats = np.hstack([o_docs, self_docs])
    alphas = np.empty(samples)
    chunk = max(1, min(samples, 2_000_000 // n))
    for done in range(0, samples, chunk):
        b = min(chunk, samples - done)
        picks = rng.integers(0, n, size=(b, n)) + (np.arange(b) * n)[:, None]
        draws = np.bincount(picks.ravel(), minlength=b * n).reshape(b, n).astype(float)
        sums = draws @ stats
        o = sums[:, : k1 * k1].reshape(b, k1, k1)
        self_c = sums[:, k1 * k1 :].copy()
        l_c = o.sum(axis=2)
        total = l_c.sum(axis=1)
        self_c[:, 0] = l_c[:, 0]
        s_all = self_c.sum(axis=1)
        with np.errstate(invalid="ignore", divide="ignore"):
            den = total - s_all / total
            trace_e = ((l_c**2).sum(axis=1) - s_all) / den
            d_e = total - trace_e
            a = 1.0 - (total - np.trace(o, axis1=1, axis2=2)) / d_e
        a[~np.isfinite(a) | (d_e <= 1e-9) | (den <= 1e-9)] = np.nan
        alphas[done : done + b] = a
    return summarise(alphas, samples, seed, confidence, thresholds)


def _coding_of_overlaps(
    result: UnitizingResult,
    o: np.ndarray,
    l_c: np.ndarray,
    values: np.ndarray,
    seg_at: np.ndarray,
    e_len: np.ndarray,
    e_doc: np.ndarray,
    m_doc: np.ndarray,
    segs: Segments,
    n_values: int,
) -> None:
    """cuα and (k)uα (2016, eqs. 10-13b): only where valued segments overlap."""
    o_v = o[1:, 1:]
    l_v = o_v.sum(axis=1)
    total_v = float(l_v.sum())
    with np.errstate(invalid="ignore", divide="ignore"):
        for k in range(1, n_values + 1):
            result.k_coverage[k] = float(l_v[k - 1] / l_c[k]) if l_c[k] > 0 else 0.0
    result.cu_coverage = total_v / float(l_c.sum())
    if total_v <= 0:
        result.reasons["cu_alpha"] = NO_OVERLAP
        for k in range(1, n_values + 1):
            result.k_u_alpha[k] = None
        return
    # Self-pairing correction: per segment, its overlap with EACH other coder's valued matter, squared.
    n_seg = len(segs)
    sq = np.zeros(n_seg)
    n_coders = values.shape[1]
    for i in range(n_coders):
        valued_i = values[:, i] > 0
        for j in range(n_coders):
            if i == j:
                continue
            mask = valued_i & (values[:, j] >= 0)
            ov = np.bincount(seg_at[mask, i], weights=e_len[mask] * (values[mask, j] > 0), minlength=n_seg)
            sq += ov**2
    per_seg = sq / np.maximum(m_doc[segs.doc] - 1, 1)
    sv = np.bincount(segs.value, weights=per_seg, minlength=n_values + 1)[1 : n_values + 1]
    den = total_v - sv.sum() / total_v
    if den <= 1e-9:
        result.reasons["cu_alpha"] = ONE_VALUE
        for k in range(1, n_values + 1):
            result.k_u_alpha[k] = None
        return
    e_v = (np.outer(l_v, l_v) - np.diag(sv)) / den
    d_e = total_v - np.trace(e_v)
    if (l_v > 0).sum() < 2 or d_e <= 1e-9:
        result.reasons["cu_alpha"] = ONE_VALUE
    else:
        result.cu_alpha = float(1.0 - (total_v - np.trace(o_v)) / d_e)
    e_k = e_v.sum(axis=1)
    for k in range(1, n_values + 1):
        lk, ek, okk, ekk = l_v[k - 1], e_k[k - 1], o_v[k - 1, k - 1], e_v[k - 1, k - 1]
        if lk <= 0 or ek - ekk <= 1e-9:
            result.k_u_alpha[k] = None
            continue
        result.k_u_alpha[k] = float(1.0 - (ek / lk) * (lk - okk) / (ek - ekk))
    if result.u_alpha is not None:
        result.u_alpha = float(result.u_alpha)
    if result.binary_u_alpha is not None:
        result.binary_u_alpha = float(result.binary_u_alpha)


def unitize(
    continuum_length: int,
    segments: Mapping[Any, Sequence[tuple[int, int, Any]]],
    *,
    values: Sequence[Any] | None = None,
) -> tuple[UnitizingResult, list[Any]]:
    """The family for one continuum given as ``{coder: [(start, end, value), ...]}``.

    Returns the result (values numbered from 1 in the order of the returned list).
    """
    labels = (
        list(values) if values is not None else sorted({v for segs in segments.values() for *_, v in segs})
    )
    index = {v: i + 1 for i, v in enumerate(labels)}
    rows = [(ci, s, e, index[v]) for ci, segs in enumerate(segments.values()) for s, e, v in segs]
    arr = np.array(rows, dtype=np.int64).reshape(-1, 4)
    segs = Segments(np.zeros(len(arr), dtype=np.int64), arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])
    coded = np.ones((1, len(segments)), dtype=bool)
    return unitizing_alphas(np.array([continuum_length]), coded, segs, len(labels)), labels
