"""Who says what: direct quotes and reported speech in a parsed news text.

``find_attributions(doc)`` works on any spaCy ``Doc``. With a dependency parse
(a trained pipeline) speakers are verb subjects and indirect speech is a speech
verb's clausal complement; on a blank pipeline with a sentencizer the same
quotes and cue words are found and speakers come from simple word patterns
around the cue. Offsets are code points into ``doc.text`` (spaCy's character
offsets are code points), ``[start, end)``.

The finder itself is ``attribution_finder``; pronoun speakers are resolved in
``attribution_pronouns``.
"""

from __future__ import annotations

from spacy.tokens import Doc

from annotator.nlp.attribution_finder import AttributionFinder
from annotator.nlp.attribution_pronouns import resolve_pronouns
from annotator.nlp.attribution_record import Attribution, Span
from annotator.nlp.attribution_tokens import has_annotation

__all__ = ["Attribution", "Span", "attributions_in", "find_attributions", "has_annotation"]


def find_attributions(doc: Doc) -> list[Attribution]:
    """Direct quotes and reported speech in ``doc``, in text order."""
    return attributions_in(doc, doc.text)


def attributions_in(doc: Doc, text: str) -> list[Attribution]:
    """:func:`find_attributions` for a caller that already holds ``doc.text``
    (building it walks every token)."""
    if len(doc) == 0:
        return []
    finder = AttributionFinder(doc, text)
    atts = finder.direct() + finder.indirect()
    atts.sort(key=lambda a: a.content[0])
    return resolve_pronouns(finder, atts)
