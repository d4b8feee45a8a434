"""The document unit holds little beyond the annotations' own columns (issue
19, item 2): a million annotations must fit in a few hundred megabytes, so
the reliability data may not keep copies of every column per step. Peaks are
measured with tracemalloc, in bytes per annotation, on seeded columns."""

from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from annotator.agreement import CodingData, compute_report, unit_data
from annotator.agreement.annotation_columns import AnnotationColumns
from annotator.core.codebook import Code, Codebook

N_DOCS, N = 4000, 60_000
CODERS = ("ana", "ben", "chen")


@pytest.fixture(scope="module")
def data() -> CodingData:
    rng = np.random.default_rng(19)
    codes = [Code("Frames", id="frames")] + [Code(f"F{i}", id=f"f{i}", parent_id="frames") for i in range(6)]
    codes += [Code("Source", id="source", exclusive=True)]
    codes += [Code(f"S{i}", id=f"s{i}", parent_id="source") for i in range(4)]
    docs = tuple(f"d{i}" for i in range(N_DOCS))
    start = rng.integers(0, 2000, N).astype(np.int32)
    columns = AnnotationColumns(
        docs,
        CODERS,
        tuple(c.id for c in codes),
        np.sort(rng.integers(0, N_DOCS, N)).astype(np.int32),
        rng.integers(0, 3, N).astype(np.int32),
        rng.choice([1, 2, 3, 4, 5, 6, 8, 9, 10, 11], N).astype(np.int32),
        start,
        start + rng.integers(1, 300, N).astype(np.int32),
    )
    return CodingData(
        lengths=dict.fromkeys(docs, 2400),
        codebook=Codebook(codes),
        coded=dict.fromkeys(docs, CODERS),
        annotations=columns,
    )


def _peak(run) -> float:
    """Bytes per annotation at the peak of ``run()``."""
    tracemalloc.start()
    try:
        run()
        return tracemalloc.get_traced_memory()[1] / N
    finally:
        tracemalloc.stop()


def test_the_document_unit_pairs_no_span_with_a_unit(data):
    # at the document unit each span lies in its article's only unit: no search
    # for the units it touches, no pair arrays beside the spans' own columns
    frames = [f"f{i}" for i in range(6)]
    peak = _peak(lambda: unit_data(data, unit="document", coders=CODERS, variables=frames))
    # the spans' five 64-bit columns are 40 bytes an annotation
    assert peak <= 110, f"{peak:.0f} bytes per annotation"


def test_the_report_keeps_no_per_document_arrays_per_variable(data):
    # each variable's per-document sums go into the overall ones at once;
    # a report of many variables over many articles keeps one set, not one each
    peak = _peak(lambda: compute_report(data, unit="document", coders=CODERS))
    assert peak <= 135, f"{peak:.0f} bytes per annotation"
