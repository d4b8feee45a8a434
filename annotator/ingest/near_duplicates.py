"""Near-duplicate articles (the same wire story republished with small edits):
MinHash signatures over word 5-grams, with LSH banding so that a batch of tens
of thousands is compared without looking at every pair.

Similarity is the Jaccard index of the two articles' sets of word 5-grams,
estimated from the signatures (128 hash functions: standard error about 0.03
near 0.9). Pure: no I/O, numpy only.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np

from annotator.core.task import NULL_STATE, TaskState

_WORD = re.compile(r"\w+")
_MAX64 = np.uint64(0xFFFFFFFFFFFFFFFF)
_SHIFT = np.uint64(32)
_CHUNK = 4096  # shingles hashed at a time, so a huge text or group does not need a huge matrix


_WORD_CACHE = 1_000_000


class _WordHashes(dict):
    """crc32 of each word, computed once: news vocabulary repeats a lot."""

    def __missing__(self, word: str) -> int:
        h = zlib.crc32(word.encode("utf-8"))
        self[word] = h
        return h


@dataclass(frozen=True)
class NearDuplicate:
    document_id: str
    resembles: str  # the id of the earlier (or existing) document it resembles
    similarity: float


class NearDuplicateIndex:
    """Documents added so far, looked up by resemblance.

    ``check(id, text)`` is the usual call in import order: it returns the best
    earlier match at or above ``threshold`` (or None) and adds the document.
    """

    def __init__(
        self,
        *,
        threshold: float = 0.9,
        num_perm: int = 128,
        bands: int = 16,
        shingle_size: int = 5,
        seed: int = 20151007,
    ):
        if num_perm % bands:
            raise ValueError("num_perm must be a multiple of bands.")
        self.threshold = threshold
        self.num_perm = num_perm
        self.bands = bands
        self.rows = num_perm // bands
        self.shingle_size = shingle_size
        rng = np.random.default_rng(seed)
        # multiply-shift hashing: odd 64-bit multipliers, high 32 bits of a*x + b
        self._a = (rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) << np.uint64(1)) | np.uint64(1)
        self._b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
        self._mix = (rng.integers(1, 2**63, size=shingle_size, dtype=np.uint64) << np.uint64(1)) | np.uint64(
            1
        )
        self._buckets: list[dict[bytes, list[int]]] = [{} for _ in range(bands)]
        self._ids: list[str] = []
        self._index_of: dict[str, int] = {}
        self._sigs = np.empty((1024, num_perm), dtype=np.uint32)
        self._word_hashes = _WordHashes()

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._index_of

    def _shingle_hashes(self, text: str) -> np.ndarray:
        words = _WORD.findall(text.casefold())
        if not words:
            return np.empty(0, dtype=np.uint64)
        if len(self._word_hashes) > _WORD_CACHE:
            self._word_hashes.clear()
        h = np.fromiter(map(self._word_hashes.__getitem__, words), dtype=np.uint64, count=len(words))
        k = min(self.shingle_size, len(h))
        n = len(h) - k + 1
        acc = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            acc += h[j : j + n] * self._mix[j]  # wraps modulo 2**64, as intended
        return acc >> _SHIFT

    def shingles(self, text: str) -> np.ndarray:
        """32-bit hashes of the text's distinct word n-grams (case and punctuation ignored)."""
        return np.unique(self._shingle_hashes(text))

    def signature(self, text: str) -> np.ndarray:
        """The MinHash signature (``num_perm`` uint32) of a text; all-ones for a text
        without words, which resembles nothing."""
        return self.signatures([text])[0]

    def signatures(self, texts: Sequence[str]) -> np.ndarray:
        """The signatures of ``texts``, one row each, as ``signature`` gives them
        one by one: hashed together, since for an article of a few hundred words
        numpy's cost per call outweighs its arithmetic."""
        out = np.full((len(texts), self.num_perm), 0xFFFFFFFF, dtype=np.uint32)
        if len(self._word_hashes) > _WORD_CACHE:
            self._word_hashes.clear()
        words = [_WORD.findall(text.casefold()) for text in texts]
        counts = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        # Under shingle_size words a text has one shorter shingle: rare, hashed alone.
        for i in map(int, np.flatnonzero((counts > 0) & (counts < self.shingle_size))):
            out[i] = self._min_hashes(self._shingle_hashes(texts[i]), np.array([0]))[0]
        full = np.flatnonzero(counts >= self.shingle_size)
        if len(full):
            sh, bounds = self._full_shingles([words[i] for i in full], counts[full])
            out[full] = self._min_hashes(sh, bounds[:-1])
        return out

    def _full_shingles(self, words: list[list[str]], counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The shingle hashes of texts of at least ``shingle_size`` words, one
        after the other, and where each text's run starts (and the last ends)."""
        k = self.shingle_size
        h = np.fromiter(
            map(self._word_hashes.__getitem__, chain.from_iterable(words)),
            dtype=np.uint64,
            count=int(counts.sum()),
        )
        n = len(h) - k + 1
        acc = np.zeros(n, dtype=np.uint64)
        for j in range(k):
            acc += h[j : j + n] * self._mix[j]  # wraps modulo 2**64, as intended
        # keep the windows that lie inside one text, not across two
        windows = counts - k + 1
        bounds = np.zeros(len(counts) + 1, dtype=np.int64)
        np.cumsum(windows, out=bounds[1:])
        first_word = np.cumsum(counts) - counts
        at = np.arange(bounds[-1]) + np.repeat(first_word - bounds[:-1], windows)
        return acc[at] >> _SHIFT, bounds

    def _min_hashes(self, sh: np.ndarray, starts: np.ndarray) -> np.ndarray:
        """For runs of shingle hashes beginning at ``starts`` (ascending, none
        empty), each run's ``num_perm`` minima of a*x + b, high 32 bits."""
        # one row per hash function: reduceat then runs along contiguous memory
        low = np.full((self.num_perm, len(starts)), _MAX64, dtype=np.uint64)
        ends = np.r_[starts[1:], len(sh)]
        for start in range(0, len(sh), _CHUNK):
            stop = min(start + _CHUNK, len(sh))
            hashed = np.multiply(self._a[:, None], sh[start:stop])  # wraps modulo 2**64, as intended
            hashed += self._b[:, None]
            # the runs this block holds a part of, and where each part begins in it
            first = int(np.searchsorted(ends, start, side="right"))
            last = int(np.searchsorted(starts, stop, side="left"))
            begins = np.maximum(starts[first:last], start) - start
            part = low[:, first:last]
            np.minimum(part, np.minimum.reduceat(hashed, begins, axis=1), out=part)
        # the high 32 bits never decrease as a*x + b grows, so the minimum of
        # the whole values gives the minimum of their high halves in one shift
        return (low.T >> _SHIFT).astype(np.uint32)

    def _band_keys(self, sig: np.ndarray) -> list[bytes]:
        return [sig[b * self.rows : (b + 1) * self.rows].tobytes() for b in range(self.bands)]

    def add(self, doc_id: str, text: str | None = None, *, signature: np.ndarray | None = None) -> None:
        if doc_id in self._index_of:
            return
        sig = self.signature(text or "") if signature is None else signature
        i = len(self._ids)
        if i == len(self._sigs):
            self._sigs = np.concatenate([self._sigs, np.empty_like(self._sigs)])
        self._sigs[i] = sig
        self._ids.append(doc_id)
        self._index_of[doc_id] = i
        if _is_empty(sig):
            return
        for bucket, key in zip(self._buckets, self._band_keys(sig), strict=True):
            bucket.setdefault(key, []).append(i)

    def query(
        self, text: str | None = None, *, signature: np.ndarray | None = None, exclude: str | None = None
    ) -> tuple[str, float] | None:
        """The most similar indexed document at or above the threshold, with its
        estimated similarity; the earliest added wins a tie."""
        sig = self.signature(text or "") if signature is None else signature
        if _is_empty(sig):
            return None
        candidates: set[int] = set()
        for bucket, key in zip(self._buckets, self._band_keys(sig), strict=True):
            hit = bucket.get(key)
            if hit:
                candidates.update(hit)
        skip = self._index_of.get(exclude) if exclude is not None else None
        candidates.discard(skip)
        if not candidates:
            return None
        order = np.fromiter(sorted(candidates), dtype=np.int64, count=len(candidates))
        sims = (self._sigs[order] == sig).mean(axis=1)
        best = int(np.argmax(sims))
        if sims[best] < self.threshold:
            return None
        return self._ids[int(order[best])], float(sims[best])

    def check(self, doc_id: str, text: str) -> NearDuplicate | None:
        """Compare a document with those before it, then add it."""
        if doc_id in self._index_of:
            return None  # the very same text: an exact duplicate, not a near one
        sig = self.signature(text)
        found = self.query(signature=sig)
        self.add(doc_id, signature=sig)
        if found is None:
            return None
        return NearDuplicate(doc_id, found[0], round(found[1], 3))


def _is_empty(sig: np.ndarray) -> bool:
    return bool(sig[0] == 0xFFFFFFFF and (sig == 0xFFFFFFFF).all())


def find_near_duplicates(
    documents: Iterable[tuple[str, str]],
    existing: Iterable[tuple[str, str]] = (),
    *,
    threshold: float = 0.9,
    state: TaskState = NULL_STATE,
) -> list[NearDuplicate]:
    """For ``documents`` as ``(id, text)`` in import order, those that resemble an
    earlier one of the batch or one of ``existing``, with the id they resemble.
    Interrupted, it raises Cancelled with those found so far as ``partial``."""
    index = NearDuplicateIndex(threshold=threshold)
    for doc_id, text in existing:
        index.add(doc_id, text)
    docs = documents if isinstance(documents, list) else list(documents)
    found: list[NearDuplicate] = []
    for n, (doc_id, text) in enumerate(docs, start=1):
        state.check("Looking for near-duplicates was cancelled.", partial=found)
        hit = index.check(doc_id, text)
        if hit is not None:
            found.append(hit)
        state.set_progress(n, len(docs))
    return found
