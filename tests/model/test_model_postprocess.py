"""The attribution rules over a model's spans (model_postprocess): on real
blank-spaCy tokens, inside ``ModelCoder.code``, and carried by a trained model."""

from __future__ import annotations

import io
import json
import random
import zipfile

import pytest
import spacy

from annotator.core.errors import ModelError
from annotator.core.models import Code
from annotator.nlp import model_postprocess
from annotator.nlp.model_coder import ModelCoder, TrainingDoc, TrainingPlan, train_model
from annotator.nlp.model_postprocess import postprocess, roles_from_names
from annotator.services.model_coder import TrainingSet, plan_for

ROLES = {"S": "source", "C": "cue", "T": "content"}
NLP = spacy.blank("en")


def at(text: str, phrase: str, label: str, occurrence: int = 0) -> tuple[int, int, str]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase), label


def added(
    text: str, spans: list[tuple[int, int, str]], roles: dict[str, str] = ROLES
) -> set[tuple[str, str]]:
    out = postprocess(NLP(text), spans, roles)
    assert [x[2] for x in out[: len(spans)]] == [x[2] for x in spans]  # the model's own come first
    return {(text[s:e], label) for s, e, label in out[len(spans) :]}


def with_stored_rules(data: bytes, stored: dict) -> bytes:
    """A stored model's bytes with another postprocess.json, as an older or foreign version wrote it."""
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(buf, "w") as dst:
        for name in src.namelist():
            if name != "postprocess.json":
                dst.writestr(name, src.read(name))
        dst.writestr("postprocess.json", json.dumps(stored))
    return buf.getvalue()


def test_a_pronoun_before_a_cue_is_its_source():
    text = "The plan failed. Later she said it was a mistake."
    assert ("she", "S") in added(text, [at(text, "said", "C"), at(text, "it was a mistake", "T")])


def test_a_named_speaker_before_a_cue_keeps_its_name_and_drops_the_leading_phrase():
    text = "In an interview with the Times, Mr. Ham has also said the army is tired."
    got = added(text, [at(text, "said", "C"), at(text, "the army is tired", "T")])
    assert got == {("Mr. Ham", "S")}


def test_a_cue_after_a_quotation_or_with_its_source_gets_no_new_source():
    text = "\u201cWe will win,\u201d said Anna. Ben told reporters the vote was close."
    spans = [at(text, "said", "C"), at(text, "Ben", "S"), at(text, "told reporters", "C")]
    assert ("Ben", "S") not in added(text, spans)
    assert not any(label == "S" for _, label in added(text, spans))


def test_words_after_the_cue_of_a_sentence_without_content_are_its_content():
    text = "The mayor said that the budget would pass next week. Nothing else happened."
    got = added(text, [at(text, "The mayor", "S"), at(text, "said", "C")])
    assert got == {("the budget would pass next week", "T")}


def test_an_appositive_source_takes_its_closing_comma():
    text = "The state's campaign chairman, Phil Lovas, said he cannot comment."
    spans = [at(text, "The state's campaign chairman, Phil Lovas", "S"), at(text, "said", "C")]
    out = postprocess(NLP(text), spans, ROLES)
    assert (text[out[0][0] : out[0][1]], out[0][2]) == ("The state's campaign chairman, Phil Lovas,", "S")
    text = "Mr. Lovas, said to be ill, stayed home."  # no comma inside: the Source stays as it is
    assert postprocess(NLP(text), [at(text, "Mr. Lovas", "S")], ROLES) == [at(text, "Mr. Lovas", "S")]


def test_codes_with_other_names_get_no_rules():
    assert roles_from_names({"a": "Topic", "b": "Actor"}) == {}
    assert roles_from_names({"a": "Source", "b": "Content"}) == {}  # no cue: no rule can run
    assert roles_from_names({"a": "source", "b": "CUE", "c": "Content", "d": "Topic"}) == {
        "a": "source",
        "b": "cue",
        "c": "content",
    }
    text = "Later she said it was a mistake."
    assert added(text, [at(text, "said", "C")], roles={}) == set()


def test_model_coding_runs_the_rules_for_a_model_with_attribution_roles():
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "C", "pattern": "said"}])
    text = "Later she said it was a mistake."
    with_rules = next(ModelCoder(nlp, ROLES).code([text]))
    without = next(ModelCoder(nlp).code([text]))
    assert {(text[s:e], label) for s, e, label in without.spans} == {("said", "C")}
    assert {(text[s:e], label) for s, e, label in with_rules.spans} == {
        ("said", "C"),
        ("she", "S"),
        ("it was a mistake", "T"),  # and then the sentence's content
    }


DOCS = [
    TrainingDoc(
        "Later she said it was a mistake.",
        [(6, 9, "S"), (10, 14, "C"), (15, 31, "T")],
    )
]


def test_a_trained_model_carries_its_roles_and_the_rules_version():
    plan = TrainingPlan(["S", "C", "T"], epochs=1, source_features=False, span_roles=ROLES)
    trained = train_model(DOCS, plan)
    assert trained.postprocess == model_postprocess.VERSION
    assert ModelCoder.from_bytes(trained.data).span_roles == ROLES
    plain = train_model(DOCS, TrainingPlan(["S", "C", "T"], epochs=1, source_features=False))
    assert plain.postprocess is None
    assert ModelCoder.from_bytes(plain.data).span_roles == {}


def test_stored_roles_for_labels_the_model_lacks_are_refused_in_one_sentence():
    plan = TrainingPlan(["S", "C", "T"], epochs=1, source_features=False, span_roles=ROLES)
    data = train_model(DOCS, plan).data
    odd = with_stored_rules(data, {"version": model_postprocess.VERSION, "roles": {"X": "source"}})
    with pytest.raises(ModelError) as err:
        ModelCoder.from_bytes(odd)
    assert str(err.value).count(". ") == 0 and "train it again" in str(err.value)


def test_training_plans_give_roles_to_codes_named_source_cue_and_content():
    codes = [Code("Source"), Code("cue"), Code("CONTENT"), Code("Topic")]
    tset = TrainingSet([], [], codes, [], [], "")
    plan = plan_for(tset, seed=0, epochs=1)
    assert plan.span_roles == {codes[0].id: "source", codes[1].id: "cue", codes[2].id: "content"}
    other = plan_for(TrainingSet([], [], [Code("Actor"), Code("Topic")], [], [], ""), seed=0, epochs=1)
    assert other.span_roles == {}


@pytest.mark.slow
def test_a_model_trained_on_source_cue_and_content_codes_records_the_rules_and_carries_their_roles(tmp_path):
    """Through the command line on a real project file: the codes' names choose the rules."""
    from annotator.core.models import Annotation, Coder, Document
    from annotator.store.project import Project
    from tests.model.test_model_coder import cli

    rng = random.Random(11)
    path = tmp_path / "p.annotator"
    with Project.create(path) as p:
        codes = {n: p.codes.add_code(Code(n)) for n in ("Source", "Cue", "Content")}
        amira = p.add_coder(Coder("Amira"))
        for i in range(12):
            who, claim = (
                rng.choice(["Anna Berg", "Ben Okafor"]),
                rng.choice(["taxes rise", "the vote was fair"]),
            )
            text = f"{who} said {claim}."
            doc = Document(text=text, title=f"Article {i}")
            p.documents.add_documents([doc])
            for (s, e), name in zip(
                [(0, len(who)), (len(who) + 1, len(who) + 5), (len(who) + 6, len(text) - 1)],
                ("Source", "Cue", "Content"),
                strict=True,
            ):
                p.annotations.add_annotation(Annotation(doc.id, amira.id, codes[name].id, s, e))
    cli("model", "train", str(path), "--name", "bot", "--from", "coder:Amira", "--seed", "1", "--epochs", "2")
    (listed,) = [
        m for m in json.loads(cli("model", "list", str(path), "--json").stdout) if m["kind"] != "rules"
    ]
    assert listed["provenance"]["postprocess"] == model_postprocess.VERSION
    with Project.open(path, readonly=True) as p:
        stored = p.models.latest("bot")
        coder = ModelCoder.from_bytes(p.models.data(stored.id))
    assert coder.span_roles == {
        codes["Source"].id: "source",
        codes["Cue"].id: "cue",
        codes["Content"].id: "content",
    }


def test_a_transcript_line_is_coded_by_its_speaker_colon_and_turn():
    text = 'Partial transcript:\n\n"WALLACE: Let us start with the debate.\n\nCLARIFICATION: The story was changed.'
    model = [(text.index('"WALLACE'), text.index("debate.") + 7, "T")]  # the whole line taken for Content
    out = postprocess(NLP(text), model, ROLES)
    assert {(text[s:e], label) for s, e, label in out} == {
        ("WALLACE", "S"),
        (":", "C"),
        ("Let us start with the debate.", "T"),
    }  # and a note's heading is no speaker


def test_a_signed_quotation_gets_its_dash_as_cue_and_its_signature_as_source():
    text = "\u201cHe represents our greatest shame.\u201d \u2015 Sonya Herridge\n\u201cNext quote.\u201d"
    got = added(text, [at(text, "He represents our greatest shame.", "T")])
    assert got == {("\u2015", "C"), ("Sonya Herridge", "S")}


_SUBJECT = "Donald Trump is once again questioning the integrity of the vote."
# as the model codes it: the subject taken for Content
SUBJECT_AS_CONTENT = (
    _SUBJECT,
    [
        at(_SUBJECT, "Donald Trump", "T"),
        at(_SUBJECT, "is once again questioning", "C"),
        at(_SUBJECT, "the integrity of the vote", "T"),
    ],
)


def test_a_short_subject_taken_for_content_before_a_cue_becomes_its_source():
    text, spans = SUBJECT_AS_CONTENT
    out = postprocess(NLP(text), spans, ROLES)
    assert (text[out[0][0] : out[0][1]], out[0][2]) == ("Donald Trump", "S")
    quoted = "\u201cWe will win\u201d said Anna the next day."
    kept = [at(quoted, "\u201cWe will win\u201d", "T"), at(quoted, "said", "C"), at(quoted, "Anna", "T")]
    assert postprocess(NLP(quoted), kept, ROLES)[0][2] == "T"  # a quotation stays Content


def test_a_model_keeps_the_rules_it_was_trained_with():
    text, spans = SUBJECT_AS_CONTENT
    assert postprocess(NLP(text), spans, ROLES, "attribution-rules-1")[0][2] == "T"
    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "T", "pattern": "Donald Trump"}, {"label": "C", "pattern": "is once again questioning"}]
        + [{"label": "T", "pattern": "the integrity of the vote"}]
    )
    plan = TrainingPlan(["S", "C", "T"], epochs=1, source_features=False, span_roles=ROLES)
    data = train_model(DOCS, plan).data
    stored = ModelCoder.from_bytes(
        with_stored_rules(data, {"version": "attribution-rules-1", "roles": ROLES})
    )
    assert stored.rules_version == "attribution-rules-1"
    assert ModelCoder.from_bytes(data).rules_version == model_postprocess.VERSION
    old = next(ModelCoder(nlp, ROLES, stored.rules_version).code([text]))
    new = next(ModelCoder(nlp, ROLES).code([text]))
    assert {(text[s:e], label) for s, e, label in old.spans} >= {("Donald Trump", "T")}
    assert {(text[s:e], label) for s, e, label in new.spans} >= {("Donald Trump", "S")}
