"""The stored segments are byte for byte those of the original way of making
them: spaCy's own Sentencizer, a paragraph break found token by token, and
offsets read from Token objects. The references below are that original code,
kept here so that a faster implementation is always checked against it."""

from __future__ import annotations

import csv
import random
import sqlite3
from array import array

import pytest
import spacy
from spacy.language import Language

from annotator.nlp.pipeline import load_pipeline
from annotator.nlp.segment import paragraph_spans
from annotator.services.demo import demo_articles
from annotator.services.importing import ImportOptions, import_batch
from tests.data_paths import WIKINEWS

REFERENCE_BREAKS = "reference_paragraph_breaks"


@Language.component(REFERENCE_BREAKS)
def _reference_breaks(doc):
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
            nxt = next((t for t in doc[i + 1 :] if not t.is_space), None)
            if nxt is not None and nxt.i > 0:
                nxt.is_sent_start = True
    return doc


@pytest.fixture(scope="module")
def reference_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(REFERENCE_BREAKS)
    return nlp


def _pairs(spans: list[tuple[int, int]]) -> bytes:
    return array("i", [x for span in spans for x in span]).tobytes()


def reference_blobs(nlp, text: str) -> tuple[bytes, bytes, bytes]:
    """(tokens, sentences, paragraphs) as stored: interleaved int32 start/end pairs."""
    doc = nlp(text)
    tokens = [(t.idx, t.idx + len(t)) for t in doc if not t.is_space]
    sentences = []
    for sent in doc.sents:
        words = [t for t in sent if not t.is_space]
        if words:
            sentences.append((words[0].idx, words[-1].idx + len(words[-1])))
    return _pairs(tokens), _pairs(sentences), _pairs(paragraph_spans(text))


def random_texts(n: int, seed: int) -> list[str]:
    """Texts that stress the sentence rule: runs of sentence-final characters,
    quotes and brackets after them, leading punctuation, ellipses, CJK and
    Devanagari stops, emoji, tabs, blank lines and lines without words."""
    rng = random.Random(seed)
    pieces = [
        "word", "Putin", "said", "U.S.", "e.g.", "3.5", "'s", "n't", "Syria", "—", "-",
        ".", "!", "?", "...", "?!", "。", "।", "！", "‼", '"', "“", "”", "'", "(", ")", "[", "]",
        ",", ";", ":", "🙂", "東京", "é", "\n", "\n\n", " \n \n", "\t", "  ", "\u00a0",
    ]  # fmt: skip
    out = []
    for _ in range(n):
        parts = [rng.choice(pieces) for _ in range(rng.randrange(0, 60))]
        glue = [rng.choice(["", " ", " ", " ", "\n"]) for _ in parts]
        out.append("".join(p + g for p, g in zip(parts, glue, strict=True)))
    return out


def test_sentence_starts_match_spacys_sentencizer_on_random_texts(reference_nlp):
    from spacy.attrs import SENT_START

    nlp, _ = load_pipeline("blank:en")
    texts = random_texts(3000, seed=19)
    for text, ours, ref in zip(
        texts, nlp.pipe(texts, batch_size=64), reference_nlp.pipe(texts, batch_size=64), strict=True
    ):
        assert [t.text for t in ours] == [t.text for t in ref], text
        assert ours.to_array([SENT_START]).tolist() == ref.to_array([SENT_START]).tolist(), repr(text)


def _stored(path) -> dict[str, tuple[str, bytes, bytes, bytes]]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT d.id, d.text, s.tokens, s.sentences, s.paragraphs "
            "FROM documents d JOIN segments s ON s.document_id = d.id"
        ).fetchall()
    conn.close()
    return {r[0]: (r[1], r[2], r[3], r[4]) for r in rows}


def _seeded_corpus(folder) -> list:
    """The demo's articles, edited copies of the Wikinews articles and random
    texts, as files a user would import."""
    folder.mkdir()
    for article in demo_articles():
        (folder / article.file).write_text(article.text, encoding="utf-8")
    rng = random.Random(7)
    with open(WIKINEWS, newline="", encoding="utf-8") as fh:
        base = list(csv.DictReader(fh))
    with open(folder / "wire.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, fieldnames=list(base[0]))
        w.writeheader()
        for i in range(400):
            row = dict(base[i % len(base)])
            words = row["text"].split(" ")
            for _ in range(3):
                j = rng.randrange(len(words))
                words[j] += rng.choice([f"-{i}", ".", "?!", "\n\n", "..."])
            row["text"], row["title"] = " ".join(words), f"{row['title']} ({i})"
            w.writerow(row)
    for i, text in enumerate(random_texts(200, seed=5)):
        (folder / f"random{i:03d}.txt").write_text("Story. " + text, encoding="utf-8")
    return [folder]


def test_stored_segments_are_byte_identical_to_the_reference(project, tmp_path, reference_nlp):
    report = import_batch(project, _seeded_corpus(tmp_path / "batch"), ImportOptions(model="blank:en"))
    assert report.imported > 500 and len(report.failed) < 10, report.failed[:3]
    path = project.path
    project.close()
    stored = _stored(path)
    assert len(stored) == report.imported
    demo_texts = 0
    for doc_id, (text, tokens, sentences, paragraphs) in stored.items():
        ref = reference_blobs(reference_nlp, text)
        assert (tokens, sentences, paragraphs) == ref, (doc_id, text[:80])
        demo_texts += "Syria" in text
    assert demo_texts > 100
