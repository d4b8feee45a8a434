"""Token helpers of the attribution finder: trimming a phrase, its character span,
and whether a ``Doc`` carries an annotation."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from annotator.nlp.attribution_lexicon import CONJUNCTIONS
from annotator.nlp.attribution_record import Span


def is_punct(t: Token) -> bool:
    return t.is_punct or t.is_space


def trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation, white space and a leading complementizer at the edges."""
    i, j = 0, len(tokens)
    while i < j and (
        is_punct(tokens[i])
        or (i == 0 and tokens[i].lower_ in ("that", "whether"))
        or tokens[i].lower_ in CONJUNCTIONS
    ):
        i += 1
    while j > i and (is_punct(tokens[j - 1]) or tokens[j - 1].lower_ in CONJUNCTIONS):
        j -= 1
    return tokens[i:j]


def has_annotation(doc: Doc, attr: str) -> bool:
    """``Doc.has_annotation`` without its Python loop over every token (it
    showed up as a tenth of the finder's time)."""
    if len(doc) == 0:
        return False
    values = doc.to_array(attr)
    if attr == "SENT_START":  # as spaCy: a parse sets sentence starts too
        return bool((values[1:] != 0).any()) or has_annotation(doc, "DEP")
    return bool(values.any())


def cut_according(tokens: list[Token]) -> list[Token]:
    """A clause ending in ", according to X" gives X's claim, not the speaker's."""
    for k in range(1, len(tokens) - 1):
        if tokens[k].lower_ == "according" and tokens[k + 1].lower_ == "to" and tokens[k - 1].text == ",":
            return trim(tokens[:k])
    return tokens


def char_span(tokens: list[Token]) -> Span | None:
    return (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)) if tokens else None
