"""Fixtures of the agreement tests: the reference data sets and small codebooks."""

from __future__ import annotations

import json

import pytest

from tests.data_paths import REFERENCES


@pytest.fixture
def reference():
    """Load one reference JSON of tests/data/references/agreement by file stem."""

    def load(stem: str) -> dict:
        return json.loads((REFERENCES / f"{stem}.json").read_text(encoding="utf-8"))

    return load


@pytest.fixture
def codebook():
    """Two framing codes, an exclusive span group of source types, an exclusive
    document group and a valued document code (tone)."""
    from annotator.core.codebook import codebook_from_dict

    return codebook_from_dict(
        {
            "name": "test codebook",
            "version": 3,
            "codes": [
                {"name": "Frames", "children": ["Appeasement", "Tragically flawed"]},
                {"name": "Source type", "exclusive": True, "children": ["Government", "NGO"]},
                {
                    "name": "Dominant frame",
                    "scope": "document",
                    "exclusive": True,
                    "children": ["Conflict", "Economy"],
                },
                {"name": "Tone", "scope": "document"},
            ],
        }
    )


@pytest.fixture
def ids(codebook):
    """Code ids by codebook path."""
    return {codebook.path(c.id): c.id for c in codebook.codes}


@pytest.fixture
def make_data(codebook, ids):
    """Build CodingData from texts and spans given as (doc, coder, code path, start, end)."""
    from array import array

    from annotator.agreement.reliability_data import CodingData
    from annotator.core.models import Annotation, DocumentCode, Segmentation

    def sentences(text: str) -> tuple[list[int], list[int]]:
        starts, ends, pos = [], [], 0
        for part in text.split(". "):
            starts.append(pos)
            ends.append(min(len(text), pos + len(part) + 1))
            pos += len(part) + 2
        return starts, ends

    def build(texts, spans=(), doc_codes=(), coded=None):
        segs = {}
        for d, text in texts.items():
            s, e = sentences(text)
            tok_s, tok_e, pos = [], [], 0
            for word in text.split(" "):
                tok_s.append(pos)
                tok_e.append(pos + len(word))
                pos += len(word) + 1
            segs[d] = Segmentation(
                d,
                "test",
                array("i", tok_s),
                array("i", tok_e),
                array("i", s),
                array("i", e),
                array("i", [0]),
                array("i", [len(text)]),
            )
        anns = [Annotation(d, c, ids[p], s, e) for d, c, p, s, e in spans]
        dcs = [DocumentCode(d, c, ids[p], v) for d, c, p, v in doc_codes]
        if coded is None:
            coders = {c for _, c, *_ in spans} | {c for _, c, *_ in doc_codes}
            coded = {d: set(coders) for d in texts}
        return CodingData(
            {d: len(t) for d, t in texts.items()},
            codebook,
            coded,
            anns,
            dcs,
            segs,
            {d: f"Title {d}" for d in texts},
        )

    return build
