"""Normalising a text from another tool moves its offsets with it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from annotator.exchange.textmap import OffsetMap
from annotator.ingest.cleaning import normalise_text


def test_windows_line_endings_and_bom():
    m = OffsetMap("\ufeffab\r\ncd\re")
    assert m.text == "ab\ncd\ne"
    assert m.span(5, 7) == (3, 5) and m.text[3:5] == "cd"


def test_decomposed_accents_are_composed():
    raw = "Cafe\u0301 noir"
    m = OffsetMap(raw)
    assert m.text == "Café noir"
    assert m.text[slice(*m.span(0, 5))] == "Café"
    assert m.text[slice(*m.span(0, 4))] == "Café"  # cutting an accent off takes the whole letter
    assert m.text[slice(*m.span(6, 10))] == "noir"


def test_emoji_with_modifier_and_zwj_are_untouched():
    raw = "a 👩🏽‍💻 b"
    m = OffsetMap(raw)
    assert m.text == raw and m.span(2, len(raw) - 2) == (2, len(raw) - 2)


def test_other_line_breaks_and_control_characters_take_the_stored_form():
    # a page break from a PDF extraction, a Unicode line separator, a stray bell
    raw = "Page one.\x0cPage two\u2028ends\x07 here."
    m = OffsetMap(raw)
    assert m.text == normalise_text(raw) == "Page one.\nPage two\nends here."
    assert m.text[slice(*m.span(raw.index("two"), raw.index(" here")))] == "two\nends"
    assert m.text[slice(*m.span(raw.index("\x07"), len(raw)))] == " here."


_alphabet = st.sampled_from(
    list("ab \n\r\u0301\u0308e\u00e9\uac00\u1161\u11a8👍🏽\u200d\ufe0f\x0c\x0b\x85\u2028\u2029\x07\x00\t")
)


@given(st.text(_alphabet, max_size=40), st.data())
def test_map_agrees_with_normalising_the_whole_text(raw, data):
    m = OffsetMap(raw)
    # the very text an article read from a file is stored as, so that the same
    # article from an exchange file is the same document
    assert m.text == normalise_text(raw)
    if raw:
        s = data.draw(st.integers(0, len(raw)))
        e = data.draw(st.integers(s, len(raw)))
        ns, ne = m.span(s, e)
        assert 0 <= ns <= ne <= len(m.text)
        # a text that needs nothing keeps its exact span
        if raw == m.text:
            assert (ns, ne) == (s, e)
