"""Attributions that the layout of a text marks rather than its words: the
speaker of a transcript line ("WALLACE: Let's start ...") and the signature
of a quotation ('... our greatest shame." ― Sonya Herridge').

A model that codes attributions from the words around them misses these,
since the speaker is no subject of a speech verb: on PolNeAR's dev split it
coded a whole debate transcript line as Content and left every signed
quotation without Source and Cue. Coders mark the capitals as Source and the
colon or dash as Cue, and the rest of a transcript line as Content.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

Span = tuple[int, int, str]

# at a line's start, perhaps after an opening quote: one to four words in capitals, a colon
_TRANSCRIPT = re.compile(r"^[ \t\"“]?([A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*){0,3}):[ \t]+(?=\S)", re.M)
# capitals before a colon that head a note, not a turn of speech
_NOT_SPEAKERS = frozenset(
    "CLARIFICATION CORRECTION UPDATE UPDATED NOTE EDITOR'S EDITOR’S PHOTO PHOTOS VIDEO WATCH READ "
    "RELATED SOURCE SOURCES Q A AP UPI ADVERTISEMENT ALSO SEE MORE BREAKING EXCLUSIVE".split()
)
# a closing quote, a dash, then a name to the line's end
_SIGNATURE = re.compile(
    r"[”\"]\s*([―—])[ \t\u00a0]*([A-Z][\w.'’\-]*(?:[ \t][A-Z][\w.'’\-]*){0,3})[ \t\u00a0.]*$", re.M
)


def _line_end(text: str, start: int) -> int:
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def layout_attributions(
    text: str, spans: Sequence[Span], source: str, cue: str, content: str | None
) -> list[Span]:
    """``spans`` in their order, then the transcript lines and signed quotations
    of ``text``: a transcript line's coding replaces whatever spans lay on it,
    a signature is added only where no span lies."""
    out = list(spans)
    for m in _TRANSCRIPT.finditer(text):
        name = m.group(1)
        if name.split()[0].rstrip(".") in _NOT_SPEAKERS:
            continue
        end = _line_end(text, m.end())
        out = [s for s in out if not (s[0] < end and m.start(1) < s[1])]
        out += [(m.start(1), m.end(1), source), (m.end(1), m.end(1) + 1, cue)]
        if content is not None:
            out.append((m.end(), end, content))
    for m in _SIGNATURE.finditer(text):
        if any(s[0] < m.end(2) and m.start(1) < s[1] for s in out):
            continue
        out += [(m.start(1), m.end(1), cue), (m.start(2), m.end(2), source)]
    return out
