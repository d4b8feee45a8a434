"""Imported texts, titles and codebooks are untrusted (DESIGN.md section 7):
Qt renders anything that looks like HTML in labels and tool tips as rich
text, so data shown there is escaped into a paragraph of its own."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tool tip that shows ``text`` literally, line breaks kept."""
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text) + "</p>"
