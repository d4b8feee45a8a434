"""Pairwise span matching: precision, recall and F1 between two coders.

Matching is one-to-one (each span is matched at most once). ``exact`` needs the
same boundaries; ``overlap`` needs at least one shared character, and among
overlapping spans the pairing is the greedy maximum matching of interval
graphs (spans taken in order of end, each paired with the unmatched partner
that ends first), with exact pairs taken first. With ``partial_credit`` 0.5
and labels ignored this is the "partial" scheme of SemEval-2013 Task 9
(Segura-Bedmar et al. 2013); with labels required and full credit, its "type"
scheme; exact with labels, its "strict" scheme.

F1 is symmetric in the two coders: precision of one is recall of the other.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass

import numpy as np

from annotator.agreement.errors import AgreementError

MODES = ("exact", "overlap")


@dataclass
class SpanTable:
    """Spans as parallel integer arrays (documents and labels as numbers)."""

    doc: np.ndarray
    start: np.ndarray
    end: np.ndarray
    label: np.ndarray

    def __len__(self) -> int:
        return len(self.start)

    def take(self, index: np.ndarray) -> SpanTable:
        return SpanTable(self.doc[index], self.start[index], self.end[index], self.label[index])


@dataclass(frozen=True)
class SpanScores:
    reference: int  # spans of the first coder ("gold" in NER terms: POS)
    other: int  # spans of the second coder (ACT)
    correct: int  # matched with identical boundaries
    partial: int  # matched by overlap only
    credit: float  # correct + partial_credit * partial (the true-positive count)
    precision: float | None
    recall: float | None
    f1: float | None


@dataclass
class Matching:
    a: np.ndarray  # indices into the first table
    b: np.ndarray  # indices into the second table
    exact: np.ndarray  # bool: identical boundaries


def spans_from_tuples(
    a: Sequence[tuple[Hashable, int, int, Hashable]], b: Sequence[tuple[Hashable, int, int, Hashable]]
) -> tuple[SpanTable, SpanTable]:
    """Encode two lists of ``(document, start, end, label)`` with shared numbering."""
    docs = {d: i for i, d in enumerate(dict.fromkeys(x[0] for x in [*a, *b]))}
    labels = {lab: i for i, lab in enumerate(dict.fromkeys(x[3] for x in [*a, *b]))}

    def table(rows: Sequence[tuple[Hashable, int, int, Hashable]]) -> SpanTable:
        arr = np.array([(docs[d], s, e, labels[lab]) for d, s, e, lab in rows], dtype=np.int64).reshape(-1, 4)
        if len(arr) and (arr[:, 2] <= arr[:, 1]).any():
            raise AgreementError("Every span must end after it starts.")
        return SpanTable(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3])

    return table(a), table(b)


@dataclass
class _NumberLine:
    """Both tables on one number line: group g (document, and label when
    labels must agree) occupies [g * width, (g + 1) * width); ``order`` sorts
    the second table by start. Made once for both kinds of matching."""

    a_s: np.ndarray
    a_e: np.ndarray
    b_s: np.ndarray
    b_e: np.ndarray
    order: np.ndarray
    b_sorted: np.ndarray


def _number_line(a: SpanTable, b: SpanTable, same_label: bool) -> _NumberLine:
    labels = int(max(a.label.max(), b.label.max())) + 1
    ga = a.doc * labels + (a.label if same_label else 0)
    gb = b.doc * labels + (b.label if same_label else 0)
    width = int(max(a.end.max(), b.end.max())) + 1
    b_s = gb * width + b.start
    order = np.argsort(b_s, kind="stable")
    return _NumberLine(ga * width + a.start, ga * width + a.end, b_s, gb * width + b.end, order, b_s[order])


def match_spans(a: SpanTable, b: SpanTable, *, mode: str = "overlap", same_label: bool = True) -> Matching:
    """One-to-one matching of spans of two coders within each document."""
    if mode not in MODES:
        raise AgreementError(f"Unknown matching {mode!r}; use exact or overlap.")
    if len(a) == 0 or len(b) == 0:
        return Matching(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, bool))
    return _match(_number_line(a, b, same_label), a, b, mode, same_label)


def _match(line: _NumberLine, a: SpanTable, b: SpanTable, mode: str, same_label: bool) -> Matching:
    a_s, a_e, b_s, b_e, ob, bs_sorted = line.a_s, line.a_e, line.b_s, line.b_e, line.order, line.b_sorted
    if mode == "exact":
        lo = np.searchsorted(bs_sorted, a_s, side="left")
        hi = np.searchsorted(bs_sorted, a_s, side="right")
    else:
        max_len = int((b.end - b.start).max())
        lo = np.searchsorted(bs_sorted, a_s - max_len, side="left")
        hi = np.searchsorted(bs_sorted, a_e, side="left")
    n = np.maximum(hi - lo, 0)
    ai = np.repeat(np.arange(len(a)), n)
    offs = np.arange(int(n.sum())) - np.repeat(np.cumsum(n) - n, n)
    bi = ob[np.repeat(lo, n) + offs]
    if mode == "exact":
        ok = b_e[bi] == a_e[ai]
    else:
        ok = (b_s[bi] < a_e[ai]) & (a_s[ai] < b_e[bi])
    ai, bi = ai[ok], bi[ok]
    exact = (a_s[ai] == b_s[bi]) & (a_e[ai] == b_e[bi])
    if not same_label and mode == "overlap":
        # prefer a partner of the same label among equals
        same = a.label[ai] == b.label[bi]
    else:
        same = np.ones(len(ai), dtype=bool)
    order = np.lexsort((a_e[ai], ~same, bi, b_e[bi], ~exact))
    sa, sb = ai[order], bi[order]
    # A candidate whose two spans have no other candidate is taken whatever the order;
    # only spans with rivals go through the greedy pass, in the same order as all would.
    taken = (np.bincount(sa, minlength=len(a))[sa] == 1) & (np.bincount(sb, minlength=len(b))[sb] == 1)
    rivals = np.flatnonzero(~taken)
    used_a, used_b = bytearray(len(a)), bytearray(len(b))
    for k, x, y in zip(rivals.tolist(), sa[rivals].tolist(), sb[rivals].tolist(), strict=True):
        if not used_a[x] and not used_b[y]:
            used_a[x] = used_b[y] = 1
            taken[k] = True
    idx = order[taken]
    return Matching(ai[idx], bi[idx], exact[idx])


def scores_from_counts(
    reference: int, other: int, correct: int, partial: int, partial_credit: float
) -> SpanScores:
    credit = correct + partial_credit * partial
    p = credit / other if other else None
    r = credit / reference if reference else None
    f = 2.0 * credit / (reference + other) if reference + other else None
    return SpanScores(reference, other, correct, partial, credit, p, r, f)


def span_scores(
    a: SpanTable,
    b: SpanTable,
    *,
    mode: str = "overlap",
    same_label: bool = True,
    partial_credit: float = 1.0,
) -> SpanScores:
    """Precision, recall and F1 of ``b`` against ``a``; undefined parts are ``None``."""
    m = match_spans(a, b, mode=mode, same_label=same_label)
    correct = int(m.exact.sum())
    return scores_from_counts(len(a), len(b), correct, len(m.a) - correct, partial_credit)


def scores_by_label(
    a: SpanTable, b: SpanTable, n_labels: int, *, mode: str = "overlap", partial_credit: float = 1.0
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per label: spans of a, spans of b, matched credit (labels must agree)."""
    return scores_by_label_modes(a, b, n_labels, modes=(mode,), partial_credit=partial_credit)[mode]


def scores_by_label_modes(
    a: SpanTable,
    b: SpanTable,
    n_labels: int,
    *,
    modes: tuple[str, ...] = MODES,
    partial_credit: float = 1.0,
) -> dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """``scores_by_label`` for each of ``modes``, the spans put on their number line once."""
    for mode in modes:
        if mode not in MODES:
            raise AgreementError(f"Unknown matching {mode!r}; use exact or overlap.")
    count_a = np.bincount(a.label, minlength=n_labels)
    count_b = np.bincount(b.label, minlength=n_labels)
    if len(a) == 0 or len(b) == 0:
        return {mode: (count_a, count_b, np.zeros(n_labels)) for mode in modes}
    line = _number_line(a, b, True)
    out = {}
    for mode in modes:
        m = _match(line, a, b, mode, True)
        credit = np.where(m.exact, 1.0, partial_credit)
        out[mode] = (count_a, count_b, np.bincount(a.label[m.a], weights=credit, minlength=n_labels))
    return out
