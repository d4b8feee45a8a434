"""Custom spaCy components, registered on first use."""

from __future__ import annotations

_registered = False


def register() -> None:
    global _registered
    if _registered:
        return
    import numpy as np
    from spacy.attrs import IDX
    from spacy.language import Language

    @Language.component("annotator_paragraph_breaks")
    def paragraph_breaks(doc):
        # A line break ends a paragraph (or a line of a list): the first token
        # after it starts a new sentence. Work from the line breaks in the text
        # (few) rather than from every token (many).
        if len(doc) < 2:
            return doc
        text = doc.text
        starts = doc.to_array(IDX)
        pos = text.find("\n")
        while pos != -1:
            i = int(np.searchsorted(starts, pos, side="right"))  # first token starting after the break
            while i < len(doc) and doc[i].is_space:
                i += 1
            if 0 < i < len(doc):
                doc[i].is_sent_start = True
                nxt = doc[i].idx
            else:
                break
            pos = text.find("\n", nxt)
        return doc

    _registered = True
