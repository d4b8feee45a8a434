"""The MinHash signatures, and so the near-duplicates flagged, are exactly
those of the original computation, kept here as the reference so that a
faster one is always checked against it."""

from __future__ import annotations

import random
import zlib

import numpy as np
import pytest

from annotator.core.ids import document_id
from annotator.ingest import NearDuplicateIndex, find_near_duplicates, read_sources
from annotator.ingest.near_duplicates import _WORD
from tests.data_paths import WIKINEWS

_SHIFT = np.uint64(32)


def reference_signature(index: NearDuplicateIndex, text: str) -> np.ndarray:
    """The signature as first written: one crc32 per word, shingles mixed with
    multiply-shift, the high 32 bits of a*x + b, then the minimum."""
    words = _WORD.findall(text.casefold())
    if not words:
        return np.full(index.num_perm, 0xFFFFFFFF, dtype=np.uint32)
    h = np.array([zlib.crc32(w.encode("utf-8")) for w in words], dtype=np.uint64)
    k = min(index.shingle_size, len(h))
    n = len(h) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        acc += h[j : j + n] * index._mix[j]
    sh = acc >> _SHIFT
    sig = np.full(index.num_perm, 0xFFFFFFFF, dtype=np.uint64)
    for start in range(0, len(sh), 4096):
        block = sh[start : start + 4096]
        hashed = (np.outer(index._a, block) + index._b[:, None]) >> _SHIFT
        np.minimum(sig, hashed.min(axis=1), out=sig)
    return (sig & np.uint64(0xFFFFFFFF)).astype(np.uint32)


def _edited(text: str, rng: random.Random, n_words: int) -> str:
    words = text.split(" ")
    for _ in range(n_words):
        j = rng.randrange(len(words))
        words[j] = words[j] + rng.choice(["x", "-2", " und", ""])
    return " ".join(words)


@pytest.fixture(scope="module")
def seeded_corpus() -> list[tuple[str, str]]:
    """Wikinews articles, republished copies of them with a few or many words
    changed, a very long article (several hashing chunks), and short, empty,
    wordless and non-Latin texts."""
    rng = random.Random(19)
    base = [d.text for d in read_sources([WIKINEWS])]
    texts = list(base)
    for _ in range(300):
        texts.append(_edited(rng.choice(base), rng, rng.choice([1, 2, 5, 20, 80])))
    texts.append(" ".join(base[:12]))  # over 4,096 shingles
    texts += [
        "",
        "...",
        "one",
        "two words",
        "a b c d e",
        "Ünïcödé ÉTÉ été",
        "東京 は 晴れ",
        "😀 🙂",
        "a_b c_d",
    ]
    rng.shuffle(texts)
    seen: set[str] = set()
    out = []
    for t in texts:
        if t not in seen:
            seen.add(t)
            out.append((document_id(t) if t else f"empty{len(out)}", t))
    return out


def test_signatures_equal_the_reference(seeded_corpus):
    index = NearDuplicateIndex()
    for _, text in seeded_corpus:
        assert np.array_equal(index.signature(text), reference_signature(index, text)), text[:60]


def test_the_same_pairs_are_flagged_as_with_the_reference(seeded_corpus):
    found = find_near_duplicates(seeded_corpus, threshold=0.8)
    reference = NearDuplicateIndex(threshold=0.8)
    expected = []
    for doc_id, text in seeded_corpus:
        sig = reference_signature(reference, text)
        if doc_id in reference:
            continue
        hit = reference.query(signature=sig)
        reference.add(doc_id, signature=sig)
        if hit is not None:
            expected.append((doc_id, hit[0], round(hit[1], 3)))
    assert len(expected) > 100
    assert [(f.document_id, f.resembles, f.similarity) for f in found] == expected
