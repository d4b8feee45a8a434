"""Custom spaCy components, registered on first use."""

from __future__ import annotations

_registered = False


def register() -> None:
    global _registered
    if _registered:
        return
    from spacy.language import Language

    @Language.component("annotator_paragraph_breaks")
    def paragraph_breaks(doc):
        # A whitespace token holding a line break ends a paragraph (or a line of
        # a list); the next token starts a new sentence.
        for i, token in enumerate(doc[:-1]):
            if token.is_space and "\n" in token.text:
                doc[i + 1].is_sent_start = True
            elif "\n" in token.whitespace_ and i + 1 < len(doc):
                doc[i + 1].is_sent_start = True
        return doc

    _registered = True
