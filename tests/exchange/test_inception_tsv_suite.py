"""WebAnno TSV 3.3 against INCEpTION's own test suite: each ``reference.tsv``
is what INCEpTION's writer made of the CAS in ``reference.xmi`` beside it
(tests/data/PROVENANCE.md). Our reader must find the XMI's annotations in the
TSV, and our writer, given the XMI's text, tokens, sentences and annotations,
must write the TSV byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml import ElementTree as SafeET

from annotator.exchange.utf16 import Utf16Offsets
from annotator.exchange.webanno_tsv3 import Layer, SpanAnnotation, read_tsv, write_tsv

SUITE = Path(__file__).resolve().parents[1] / "data" / "inception" / "tsv3-suite"
CASES = sorted(p.name for p in SUITE.iterdir() if p.is_dir())
LAYER = Layer("webanno.custom.Span", ("value",))
# cases with zero-width annotations, which we never write (our spans are never empty)
READ_ONLY = {"testStackedSubMultiTokenSpanWithFeatureValue", "testTwoSentencesWithNoSpaceInBetween"}


def _xmi(case: str) -> tuple[str, list, list, list]:
    """Text, tokens, sentences (code points) and (begin16, end16, value) spans
    in the order INCEpTION created them."""
    root = SafeET.parse(SUITE / case / "reference.xmi").getroot()
    text = next(el.get("sofaString") for el in root if el.tag.endswith("}Sofa"))
    units = Utf16Offsets(text)

    def cp(el):
        b, e = units.from_utf16(int(el.get("begin"))), units.from_utf16(int(el.get("end")))
        assert b is not None and e is not None
        return b, e

    tokens = sorted(cp(el) for el in root if el.tag.endswith("}Token"))
    sentences = sorted(cp(el) for el in root if el.tag.endswith("}Sentence"))
    xmi_id = "{http://www.omg.org/XMI}id"
    spans = sorted(
        (int(el.get(xmi_id)), el)
        for el in root
        if el.tag.endswith("}NamedEntity") or el.tag.endswith("}Span")
    )
    return (
        text,
        tokens,
        sentences,
        [(int(el.get("begin")), int(el.get("end")), el.get("value")) for _, el in spans],
    )


def test_the_suite_is_here():
    assert len(CASES) >= 10
    assert "testSentenceWithEmoji" in CASES


@pytest.mark.parametrize("case", CASES)
def test_reader_finds_every_annotation_inception_wrote(case):
    text, _, sentences, spans = _xmi(case)
    doc = read_tsv((SUITE / case / "reference.tsv").read_text(encoding="utf-8"), case)
    units = Utf16Offsets(doc.text)
    got = sorted((units.to_utf16(a.start), units.to_utf16(a.end), a.values[0]) for a in doc.annotations)
    assert got == sorted(spans)
    # the text of every sentence comes back (between sentences a reader has only spaces)
    for b, e in sentences:
        assert doc.text[b:e] == text[b:e]


@pytest.mark.parametrize("case", [c for c in CASES if c not in READ_ONLY])
def test_writer_writes_what_inception_writes(case):
    text, tokens, sentences, spans = _xmi(case)
    units = Utf16Offsets(text)
    annotations = []
    for b16, e16, value in spans:
        b, e = units.from_utf16(b16), units.from_utf16(e16)
        assert b is not None and e is not None
        annotations.append(SpanAnnotation(b, e, [value]))
    written = write_tsv(text, tokens, sentences, LAYER, annotations)
    assert written == (SUITE / case / "reference.tsv").read_text(encoding="utf-8")
