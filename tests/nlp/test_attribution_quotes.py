"""Quotation marks found on plain text: the offsets every quote suggestion uses."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.nlp.attribution_quotes import find_quotes


def texts(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


def test_straight_and_curly_quotes_give_the_words_inside_the_marks():
    text = '"We will stay," he said. “The army is ready,” she said.'
    assert texts(text) == ["We will stay,", "The army is ready,"]
    q = find_quotes(text)[0]
    assert (q.open_mark, q.close_mark) == (0, 14)
    assert q.outer == (0, 15)


def test_a_quote_continued_in_the_next_paragraph_is_one_quote():
    text = '"We heard the blasts. Nobody slept.\n\n"By morning the bridge was gone," he said.'
    [q] = find_quotes(text)
    assert text[q.start : q.end] == 'We heard the blasts. Nobody slept.\n\n"By morning the bridge was gone,'
    assert q.paragraphs == 2


def test_three_paragraph_curly_quote():
    text = "“One.\n\n“Two.\n\n“Three,” he said."
    [q] = find_quotes(text)
    assert text[q.start : q.end] == "One.\n\n“Two.\n\n“Three,"
    assert q.paragraphs == 3


def test_an_unclosed_quote_ends_with_its_paragraph_when_the_next_one_is_not_quoted():
    text = '"We will rebuild every house, he promised.\n\nRepairs will take two years.'
    [q] = find_quotes(text)
    assert text[q.start : q.end] == "We will rebuild every house, he promised."
    assert q.close_mark is None


def test_quotes_inside_quotes_do_not_end_the_outer_quote():
    text = "“The minister told us, ‘help is on the way,’ and then nothing happened,” said the mayor."
    assert texts(text) == ["The minister told us, ‘help is on the way,’ and then nothing happened,"]
    text = "\"They shouted 'everybody out' and searched the houses,\" she said."
    assert texts(text) == ["They shouted 'everybody out' and searched the houses,"]


def test_apostrophes_inches_and_stray_closing_marks_are_not_quotes():
    assert find_quotes('The company’s 5" screens sold well; it wasn’t cheap.”') == []
    assert find_quotes("") == []
    assert find_quotes("no quotes at all") == []


def test_offsets_are_code_points_after_astral_characters():
    text = '🎉🎉 "Great news," she said.'
    assert texts(text) == ["Great news,"]
    assert find_quotes(text)[0].start == 4


@given(st.text(alphabet=st.sampled_from(list("ab \"“”‘’\n.,'")), max_size=60))
def test_quotes_are_ordered_disjoint_and_inside_the_text(text):
    prev_end = -1
    for q in find_quotes(text):
        assert 0 <= q.open_mark < q.start < q.end <= len(text)
        assert q.open_mark > prev_end
        assert not text[q.start].isspace() and not text[q.end - 1].isspace()
        prev_end = q.outer[1] - 1
