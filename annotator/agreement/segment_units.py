"""The units of a segment unit of analysis (paragraph, sentence or token) of
every document, as three flat arrays, checked against the texts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from annotator.agreement.errors import AgreementError
from annotator.core.models import Segmentation


def segment_units(
    segmentations: Mapping[str, Segmentation], docs: tuple[str, ...], lengths: np.ndarray, unit: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    starts, ends = [], []
    for d in docs:
        seg = segmentations.get(d)
        if seg is None:
            raise AgreementError(
                f"Document {d} has no stored segmentation; segment the documents before comparing by {unit}."
            )
        starts.append(_int_view(getattr(seg, f"{unit}_starts")))
        ends.append(_int_view(getattr(seg, f"{unit}_ends")))
    if not docs:
        z = np.zeros(0, dtype=np.int64)
        return z, z.copy(), z.copy()
    sizes = np.fromiter(map(len, starts), dtype=np.int64, count=len(docs))
    if (sizes != np.fromiter(map(len, ends), dtype=np.int64, count=len(docs))).any():
        return _segment_units_one_by_one(segmentations, docs, lengths, unit)
    doc = np.repeat(np.arange(len(docs)), sizes)
    s = np.concatenate(starts).astype(np.int64)
    e = np.concatenate(ends).astype(np.int64)
    bad = (e <= s) | (e > lengths[doc])
    if bad.any():
        d = docs[int(doc[np.argmax(bad)])]
        raise AgreementError(f"The {unit} boundaries of document {d} do not fit its text; segment it again.")
    # stable: equal starts keep their stored order, as a per-document stable argsort would
    order = np.lexsort((s, doc))
    return doc, s[order], e[order]


def _int_view(values: Sequence[int]) -> np.ndarray:
    """Stored boundaries (an ``array("i")``) as numpy, without a copy when possible."""
    if getattr(values, "typecode", None) == "i":  # array("i") of the store
        return np.frombuffer(values, dtype=np.intc) if len(values) else np.zeros(0, dtype=np.intc)  # type: ignore[call-overload]
    return np.asarray(values, dtype=np.int64)


def _segment_units_one_by_one(
    segmentations: Mapping[str, Segmentation], docs: tuple[str, ...], lengths: np.ndarray, unit: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The same, a document at a time: names the first document whose boundaries are wrong."""
    doc_parts, start_parts, end_parts = [], [], []
    for i, d in enumerate(docs):
        seg = segmentations[d]
        s = np.asarray(getattr(seg, f"{unit}_starts"), dtype=np.int64)
        e = np.asarray(getattr(seg, f"{unit}_ends"), dtype=np.int64)
        if len(s) != len(e) or ((e <= s).any() if len(s) else False) or (len(e) and e.max() > lengths[i]):
            raise AgreementError(
                f"The {unit} boundaries of document {d} do not fit its text; segment it again."
            )
        order = np.argsort(s, kind="stable")
        doc_parts.append(np.full(len(s), i, dtype=np.int64))
        start_parts.append(s[order])
        end_parts.append(e[order])
    return np.concatenate(doc_parts), np.concatenate(start_parts), np.concatenate(end_parts)
