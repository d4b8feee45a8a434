"""Custom spaCy components, registered on first use."""

from __future__ import annotations

from typing import Any

SENTENCIZER = "annotator_sentencizer"
_registered = False


def sentence_start_guesses(is_punct: Any, ends_sentence: Any) -> Any:
    """spaCy's Sentencizer rule over whole arrays: a sentence starts at the first
    token, and at every token that is neither punctuation nor a sentence-final
    character when such a character came after the previous token of that kind.
    Returns a bool array with one value per token."""
    import numpy as np

    n = len(is_punct)
    guesses = np.zeros(n, dtype=bool)
    if not n:
        return guesses
    guesses[0] = True
    word = np.flatnonzero(~is_punct & ~ends_sentence)
    if len(word):
        seen = np.cumsum(ends_sentence, dtype=np.int64)  # sentence-final characters up to each token
        before = np.where(word > 0, seen[word - 1], 0)  # ... up to just before each word
        since = before - np.r_[0, seen[word[:-1]]]  # ... since the previous word
        guesses[word[since > 0]] = True
    return guesses


def register() -> None:
    global _registered
    if _registered:
        return
    import numpy as np
    from spacy.attrs import IS_PUNCT, IS_SPACE, ORTH, SENT_START
    from spacy.language import Language
    from spacy.pipeline import Sentencizer
    from spacy.strings import get_string_id

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

    # spaCy's Sentencizer with its default characters and without overwriting,
    # computed from whole-document arrays: the original makes a Token object
    # per token, which cost more than tokenizing in a blank pipeline.
    # ORTH values are string hashes, the same in every vocabulary
    ends = np.array(sorted(get_string_id(c) for c in Sentencizer.default_punct_chars), dtype=np.uint64)

    @Language.component(SENTENCIZER)
    def sentencizer(doc):
        if not len(doc):
            return doc
        cols = doc.to_array([ORTH, IS_PUNCT, SENT_START])
        orth = cols[:, 0]
        # membership by binary search: np.isin sorts the whole document each time
        at = np.minimum(np.searchsorted(ends, orth), len(ends) - 1)
        guesses = sentence_start_guesses(cols[:, 1] != 0, ends[at] == orth)
        sent = cols[:, 2].astype(np.int64)
        sent = np.where(sent == 0, np.where(guesses, 1, -1), sent)
        doc.from_array([SENT_START], sent.astype(np.uint64).reshape(-1, 1))
        return doc

    _registered = True
