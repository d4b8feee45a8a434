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


def test_signatures_of_a_group_equal_the_reference_one_by_one(seeded_corpus):
    # the import hashes a group of articles at a time; every article's
    # signature must be the one it would have alone, whatever its neighbours
    index = NearDuplicateIndex()
    texts = [text for _, text in seeded_corpus]
    for size in (1, 3, 64, len(texts)):
        for start in range(0, len(texts), size):
            group = texts[start : start + size]
            sigs = index.signatures(group)
            assert sigs.shape == (len(group), index.num_perm) and sigs.dtype == np.uint32
            for text, sig in zip(group, sigs, strict=True):
                assert np.array_equal(sig, reference_signature(index, text)), (size, text[:60])
    assert index.signatures([]).shape == (0, index.num_perm)


def test_an_import_flags_the_same_pairs_as_the_reference(seeded_corpus, tmp_path):
    import csv

    from annotator.services.importing import ImportOptions, import_batch
    from annotator.store.project import Project

    # the texts as the import stores them (cleaned), in the order it reads them
    texts = [text for _, text in seeded_corpus if text.strip() and any(c.isalnum() for c in text)]
    path = tmp_path / "seeded.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["title", "text"])
        writer.writerows([f"article {i}", t] for i, t in enumerate(texts))
    with Project.create(tmp_path / "p.annotator") as project:
        report = import_batch(project, [path], ImportOptions(model="blank:en", near_duplicate_threshold=0.8))
        # in import order, as the import compared them
        stored = [(i, project.documents.document_text(i)) for i in project.documents.document_ids()]
    reference = NearDuplicateIndex(threshold=0.8)
    expected = []
    for doc_id, text in stored:
        sig = reference_signature(reference, text)
        hit = reference.query(signature=sig)
        reference.add(doc_id, signature=sig)
        if hit is not None:
            expected.append((doc_id, hit[0], round(hit[1], 3)))
    assert len(expected) > 100
    found = [(n["document_id"], n["resembles"], n["similarity"]) for n in report.near_duplicates]
    assert found == expected
