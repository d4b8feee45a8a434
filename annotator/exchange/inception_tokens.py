"""Tokens and sentences for INCEpTION, which shows (and WebAnno TSV writes) a
text sentence by sentence and token by token.

The tokens come from a blank spaCy pipeline of the document's language (no
model needed); a line break is always a sentence break. Sentences tile the
text: each runs from its first token to the next sentence's first token, so
the whitespace between sentences belongs to a sentence and a reader that
rebuilds the text from the sentences (as WebAnno TSV readers do) gets it back
character for character.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from annotator.core.models import Document, Segmentation


@dataclass
class Segments:
    tokens: list[tuple[int, int]]
    sentences: list[tuple[int, int]]


def segmenter(stored: Mapping[str, Segmentation] | None = None) -> Callable[[Document], Segments]:
    """A function from a document to its segments: the project's stored
    tokens and sentences when ``stored`` has them, else those of a blank
    pipeline of the document's language (loaded once per language)."""
    pipelines: dict[str, Any] = {}
    stored = stored or {}

    def nlp_for(lang: str) -> Any:
        import spacy

        if lang not in pipelines:
            try:
                nlp = spacy.blank(lang or "xx")
            except (ImportError, KeyError, ValueError):
                nlp = spacy.blank("xx")
            nlp.add_pipe("sentencizer")
            pipelines[lang] = nlp
        return pipelines[lang]

    def segment(doc: Document) -> Segments:
        text = doc.text
        if not text:
            return Segments([], [])
        seg = stored.get(doc.id)
        if seg is not None and len(seg.token_starts) and len(seg.sentence_starts):
            return _tiled(
                list(zip(seg.token_starts, seg.token_ends, strict=False)),
                sorted({*seg.sentence_starts, *seg.paragraph_starts}),
                len(text),
            )
        tokens: list[tuple[int, int]] = []
        starts: list[int] = []
        new_line = True
        for tok in nlp_for(doc.language)(text):
            if tok.is_space:
                new_line = new_line or "\n" in tok.text
                continue
            begin = tok.idx
            end = begin + len(tok.text)
            if new_line or tok.is_sent_start or not starts:
                starts.append(begin)
            new_line = "\n" in tok.whitespace_
            tokens.append((begin, end))
        return _tiled(tokens, starts, len(text))

    return segment


def _tiled(tokens: list[tuple[int, int]], starts: list[int], length: int) -> Segments:
    starts = [s for s in starts if 0 <= s < length]
    if not starts:  # nothing but white space
        return Segments(tokens, [(0, length)])
    starts[0] = 0  # leading white space joins the first sentence
    return Segments(tokens, list(zip(starts, [*starts[1:], length], strict=True)))
