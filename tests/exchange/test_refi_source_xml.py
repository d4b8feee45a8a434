"""The REFI-QDA sources written as text are what lxml writes: every character
escaped (or dropped) in attribute values and in text as lxml does it."""

from __future__ import annotations

from lxml import etree

from annotator.exchange.refi_codebook import xml_text
from annotator.exchange.refi_source_xml import attribute, text

EVERY = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
PIECE = 4096


def _pieces() -> list[str]:
    return [EVERY[i : i + PIECE] for i in range(0, len(EVERY), PIECE)]


def test_an_attribute_value_is_escaped_as_lxml_escapes_it_for_every_character():
    for piece in _pieces():
        written = etree.tostring(etree.Element("A", {"n": xml_text(piece)}), encoding="UTF-8")
        assert written == f'<A n="{attribute(piece)}"/>'.encode(), piece[:1]


def test_a_text_is_escaped_as_lxml_escapes_it_for_every_character():
    for piece in _pieces():
        el = etree.Element("T")
        el.text = xml_text(piece)
        assert etree.tostring(el, encoding="UTF-8") == f"<T>{text(piece)}</T>".encode(), piece[:1]


def test_text_that_is_all_characters_xml_cannot_hold_leaves_an_empty_element_with_an_end_tag():
    # a note of control characters only: lxml writes <Description></Description>, as the writer does
    el = etree.Element("Description")
    el.text = xml_text("\x01\x1f")
    assert (
        etree.tostring(el, encoding="UTF-8")
        == f"<Description>{text(chr(1) + chr(31))}</Description>".encode()
    )
