"""Custom spaCy components, registered on first use."""

from __future__ import annotations

_registered = False


def register() -> None:
    global _registered
    if _registered:
        return
    import numpy as np
    from spacy.attrs import IS_SPACE, SENT_START
    from spacy.language import Language

    @Language.component("annotator_paragraph_breaks")
    def paragraph_breaks(doc):
        # A line break ends a paragraph (or a line of a list): the first token
        # after it starts a new sentence. Line breaks are always whitespace
        # tokens of their own (a token's trailing whitespace holds at most one
        # space), so only those are looked at; doc.text would rebuild the string.
        if len(doc) < 2:
            return doc
        cols = doc.to_array([IS_SPACE, SENT_START])
        space = cols[:, 0]
        candidates = np.flatnonzero(space)
        if not len(candidates):
            return doc
        breaks = np.array([i for i in candidates if "\n" in doc[int(i)].text], dtype=np.int64)
        if not len(breaks):
            return doc
        words = np.flatnonzero(space == 0)
        nxt = np.searchsorted(words, breaks + 1, side="left")
        targets = np.unique(words[nxt[nxt < len(words)]])
        targets = targets[targets > 0]
        if len(targets):
            sent = cols[:, 1].copy()
            sent[targets] = 1
            # one array write: setting Token.is_sent_start one by one rescans the doc each time
            doc.from_array([SENT_START], sent.reshape(-1, 1))
        return doc

    _registered = True
