"""Normalising a text from another tool moves its offsets with it."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from annotator.exchange.textmap import OffsetMap


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


_alphabet = st.sampled_from(list("ab \n\r\u0301\u0308e\u00e9\uac00\u1161\u11a8👍🏽\u200d\ufe0f"))


@given(st.text(_alphabet, max_size=40), st.data())
def test_map_agrees_with_normalising_the_whole_text(raw, data):
    m = OffsetMap(raw)
    assert m.text == unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    if raw:
        s = data.draw(st.integers(0, len(raw)))
        e = data.draw(st.integers(s, len(raw)))
        ns, ne = m.span(s, e)
        assert 0 <= ns <= ne <= len(m.text)
        # plain text keeps its exact span
        if raw.isascii() and "\r" not in raw:
            assert (ns, ne) == (s, e)
