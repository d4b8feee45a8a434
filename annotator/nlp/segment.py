"""Tokens, sentences and paragraphs of a text as code-point offsets."""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from typing import Any

from annotator.core.models import Segmentation
from annotator.core.task import NULL_STATE, TaskState

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Paragraphs are blocks separated by blank lines; a text without any blank
    line but with line breaks (one paragraph a line) is split on line breaks."""
    splitter = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _LINE_BREAK
    spans: list[tuple[int, int]]
    spans, pos = [], 0
    for m in splitter.finditer(text):
        _append_trimmed(spans, text, pos, m.start())
        pos = m.end()
    _append_trimmed(spans, text, pos, len(text))
    return spans


def _append_trimmed(spans: list, text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


def segment_doc(doc: Any, document_id: str, model: str, text: str | None = None) -> Segmentation:
    """Segmentation of a processed spaCy Doc (whose char offsets are code points).
    Pass the ``text`` the doc was made from when at hand: ``doc.text`` rebuilds it
    token by token."""
    return segmentation_from_columns(
        doc_columns(doc), doc_entities(doc), document_id, model, doc.text if text is None else text
    )


def doc_columns(doc: Any) -> Any:
    """The token columns a segmentation is made from (start, length, is-space,
    sentence start), as one small int32 array: cheap to send between processes,
    where the Doc itself costs more to serialize than to make."""
    import numpy as np
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SENT_START

    if not len(doc):
        return np.zeros((0, 4), dtype=np.int32)
    # whole-document arrays: creating a Token object per token is the slow part
    return doc.to_array([IDX, LENGTH, IS_SPACE, SENT_START]).astype(np.int32)


def doc_entities(doc: Any) -> list[tuple[int, int, str]]:
    return [(e.start_char, e.end_char, e.label_) for e in doc.ents]


def segmentation_from_columns(
    columns: Any, entities: list[tuple[int, int, str]], document_id: str, model: str, text: str
) -> Segmentation:
    """The segmentation of ``text`` from its ``doc_columns`` and entities."""
    import numpy as np

    t_starts, t_ends = array("i"), array("i")
    s_starts, s_ends = array("i"), array("i")
    if len(columns):
        cols = columns.astype(np.int64)
        word = cols[:, 2] == 0
        starts, ends = cols[:, 0], cols[:, 0] + cols[:, 1]
        t_starts.frombytes(starts[word].astype(np.int32).tobytes())
        t_ends.frombytes(ends[word].astype(np.int32).tobytes())
        sent_id = np.cumsum(cols[:, 3] == 1)  # sentence number of each token
        if cols[0, 3] != 1:
            sent_id += 1
        wi = np.flatnonzero(word)
        if len(wi):
            ids = sent_id[wi]
            first = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
            last = np.r_[first[1:] - 1, len(wi) - 1]
            s_starts.frombytes(starts[wi[first]].astype(np.int32).tobytes())
            s_ends.frombytes(ends[wi[last]].astype(np.int32).tobytes())
    paragraphs = paragraph_spans(text)
    return Segmentation(
        document_id=document_id,
        model=model,
        token_starts=t_starts,
        token_ends=t_ends,
        sentence_starts=s_starts,
        sentence_ends=s_ends,
        paragraph_starts=array("i", (p[0] for p in paragraphs)),
        paragraph_ends=array("i", (p[1] for p in paragraphs)),
        entities=entities,
    )


def segment_texts(
    items: Iterable[tuple[str, str]],
    *,
    model: str | None = None,
    batch_size: int = 64,
    processes: int = 1,
    state: TaskState = NULL_STATE,
    total: int | None = None,
) -> Iterator[Segmentation]:
    """Segment ``(document_id, text)`` pairs with ``nlp.pipe``, in order."""
    from annotator.nlp.pipeline import load_pipeline

    nlp, info = load_pipeline(model)
    ids: list[tuple[str, str]] = []

    def texts() -> Iterator[str]:
        for doc_id, text in items:
            ids.append((doc_id, text))
            yield text

    kwargs = {"batch_size": batch_size}
    if processes > 1:
        kwargs["n_process"] = processes
    for n, doc in enumerate(nlp.pipe(texts(), **kwargs)):
        yield segment_doc(doc, ids[n][0], info.label, ids[n][1])
        state.set_progress(n + 1, total)
