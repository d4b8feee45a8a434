"""Drift: does a coder's agreement with the others (or with gold) change as
they code? Each (document, coder) cell gets a period, the calendar week or the
block of articles in the order that coder coded them, and each coder's
agreement is counted per period."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import numpy as np

from annotator.agreement.errors import AgreementError

PERIODS = ("week", "order")


@dataclass(frozen=True)
class DriftPoint:
    coder: int  # column of the coder
    period: int  # index into the period labels
    units: int  # units this coder coded in the period that someone to compare with also coded
    pairs: int  # pairs of values (this coder's, another's) compared
    agreement: float | None  # share of those pairs that agree


def coding_periods(when: np.ndarray, *, by: str = "week", block: int = 10) -> tuple[np.ndarray, list[str]]:
    """Documents x coders period indices (-1: not coded or no time) and their labels.

    ``when`` holds ISO 8601 times (documents x coders; "" or None when the coder
    did not code the document). ``week``: the ISO week of that time, labelled
    like 2026-W10; ``order``: blocks of ``block`` articles in the order each
    coder coded them (ties by document order), labelled "articles 1-10"."""
    if by not in PERIODS:
        raise AgreementError(f"Unknown period {by!r}; use one of {', '.join(PERIODS)}.")
    if block < 1:
        raise AgreementError("A block of articles must hold at least one article.")
    when = np.asarray(when, dtype=object)
    stamps = np.vectorize(_parse, otypes=[object])(when) if when.size else when
    period = np.full(when.shape, -1, dtype=np.int64)
    if by == "week":
        weeks = {(d, c): _week(t) for (d, c), t in np.ndenumerate(stamps) if t is not None}
        labels = sorted(set(weeks.values()))
        index = {w: i for i, w in enumerate(labels)}
        for cell, w in weeks.items():
            period[cell] = index[w]
        return period, labels
    longest = 0
    for c in range(when.shape[1]):
        timed = [(t, d) for d, t in enumerate(stamps[:, c]) if t is not None]
        for rank, (_, d) in enumerate(sorted(timed, key=lambda x: (x[0], x[1]))):
            period[d, c] = rank // block
        longest = max(longest, len(timed))
    n_blocks = -(-longest // block)
    return period, [f"articles {b * block + 1}-{(b + 1) * block}" for b in range(n_blocks)]


def drift(
    codes: np.ndarray,
    unit_doc: np.ndarray,
    period: np.ndarray,
    labels: Sequence[str],
    *,
    reference: int | None = None,
) -> list[DriftPoint]:
    """Each coder's pairwise agreement per period, with every other coder or,
    given ``reference`` (the gold column), with it alone. A unit falls in the
    period in which this coder coded its document."""
    codes = np.asarray(codes)
    unit_doc = np.asarray(unit_doc)
    n_coders = codes.shape[1]
    present = codes >= 0
    out = []
    for c in range(n_coders):
        if c == reference:
            continue
        partners = [reference] if reference is not None else [o for o in range(n_coders) if o != c]
        mine = present[:, c]
        pairs = present[:, partners].sum(axis=1) * mine
        agree = (codes[:, partners] == codes[:, [c]]).sum(axis=1) * mine
        unit_period = period[unit_doc, c]
        for p in range(len(labels)):
            here = (unit_period == p) & (pairs > 0)
            n_pairs = int(pairs[here].sum())
            if not n_pairs:
                continue
            share = float(agree[here].sum()) / n_pairs
            out.append(DriftPoint(c, p, int(here.sum()), n_pairs, share))
    return out


def _parse(value: object) -> datetime | None:
    if not value:
        return None
    try:
        t = datetime.fromisoformat(str(value))
    except ValueError:
        return None  # a time this tool did not write counts as unknown, not as an error
    # times without a zone are taken as UTC, so that they can be ordered with the others
    return t if t.tzinfo is not None else t.replace(tzinfo=UTC)


def _week(t: datetime) -> str:
    year, week, _ = t.isocalendar()
    return f"{year}-W{week:02d}"
