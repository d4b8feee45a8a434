"""Any coded sample the store can hold gives a report, never an uncaught exception."""

from __future__ import annotations

import json
from array import array

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.agreement.reliability_data import UNITS, CodingData
from annotator.agreement.report import compute_report
from annotator.core.codebook import codebook_from_dict
from annotator.core.models import Annotation, DocumentCode, Segmentation
from annotator.reporting.agreement_files import to_json
from annotator.reporting.agreement_table import to_rows

CODEBOOK = codebook_from_dict(
    {
        "name": "fuzz",
        "codes": [
            {"name": "Frame A"},
            {"name": "Frame B"},
            {"name": "Source", "exclusive": True, "children": ["Gov", "NGO", "Expert"]},
            {"name": "Dominant", "scope": "document", "exclusive": True, "children": ["X", "Y"]},
            {"name": "Tone", "scope": "document"},
        ],
    }
)
SPAN_CODES = [c.id for c in CODEBOOK.leaves("span")]
DOC_CODES = [c.id for c in CODEBOOK.leaves("document")]
CODERS = ["a", "b", "c"]


@st.composite
def samples(draw):
    n_docs = draw(st.integers(1, 4))
    lengths, segs, anns, dcs, coded = {}, {}, [], [], {}
    for d in range(n_docs):
        doc = f"d{d}"
        length = draw(st.integers(0, 80))
        lengths[doc] = length
        cuts = sorted(draw(st.sets(st.integers(1, max(1, length - 1)), max_size=6))) if length > 1 else []
        bounds = [0, *[c for c in cuts if c < length], length] if length else []
        units = [(s, e) for s, e in zip(bounds, bounds[1:], strict=False) if e > s]
        seg = array("i", [s for s, _ in units]), array("i", [e for _, e in units])
        segs[doc] = Segmentation(doc, "fuzz", *seg, *seg, *seg)
        coded[doc] = set(draw(st.sets(st.sampled_from(CODERS))))
        for coder in CODERS:
            if length:
                for _ in range(draw(st.integers(0, 4))):
                    s = draw(st.integers(0, length - 1))
                    e = draw(st.integers(s + 1, length))
                    anns.append(
                        Annotation(
                            doc, coder, draw(st.sampled_from(SPAN_CODES)), s, e, deleted=draw(st.booleans())
                        )
                    )
            for code in draw(st.sets(st.sampled_from(DOC_CODES))):
                dcs.append(DocumentCode(doc, coder, code, draw(st.sampled_from(["1", "2", "-1", "", "x"]))))
    return CodingData(lengths, CODEBOOK, coded, anns, dcs, segs)


@settings(max_examples=60, deadline=None)
@given(
    samples(),
    st.sampled_from(UNITS),
    st.lists(st.sampled_from(CODERS), min_size=1, max_size=3, unique=True),
    st.sampled_from([0, 20]),
)
def test_any_sample_gives_a_report(data, unit, coders, bootstrap):
    rep = compute_report(data, unit=unit, coders=coders, bootstrap=bootstrap, seed=1)
    for v in rep.variables:
        for value in (v.alpha, v.cohen_kappa, v.fleiss_kappa, v.scott_pi, v.brennan_prediger):
            assert value is None or value <= 1.0 + 1e-9  # no lower bound: small samples can go below -1
        if v.alpha is None:
            assert v.reasons.get("alpha")
        for f1 in (v.f1_exact, v.f1_overlap):
            assert f1 is None or 0.0 <= f1 <= 1.0
        assert v.percent_agreement is None or 0.0 <= v.percent_agreement <= 1.0 + 1e-9
    json.loads(to_json(rep))
    assert len(to_rows(rep)) == len(rep.variables)
