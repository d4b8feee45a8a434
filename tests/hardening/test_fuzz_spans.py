"""Property tests for the offset contract (issue 10, item 4): span checks,
token snapping, code point <-> UTF-16 conversion with emoji, CJK and combining
characters, and the store's merging of overlapping spans."""

from __future__ import annotations

import itertools
import re
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.core.codebook import Code
from annotator.core.errors import InvalidSpan
from annotator.core.models import Annotation, Coder, Document
from annotator.core.spans import Utf16Map, check_span, snap_to_tokens
from annotator.store.annotations_repo import ExclusiveOverlap
from annotator.store.project import Project

SPANS = settings(max_examples=200, deadline=None)
STORE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Letters of several scripts, astral emoji (with skin tones and flags), combining
# marks, zero-width joiners and white space.
ALPHABET = st.sampled_from(
    list("aZé東京習近平ß ")
    + [
        "e\u0301",
        "😀",
        "👍🏽",
        "🇺🇳",
        "👩\u200d🔬",
        "\U0001d400",
        "\u0301",
        "\n",
        "\n\n",
        "\t",
        "\u00a0",
        "\u2028",
    ]
)
TEXTS = st.lists(ALPHABET, max_size=60).map("".join)


@SPANS
@given(start=st.integers(-5, 80), end=st.integers(-5, 80), length=st.integers(0, 70))
def test_check_span_accepts_exactly_the_valid_spans(start, end, length):
    valid = 0 <= start < end <= length
    try:
        check_span(start, end, length)
        assert valid
    except InvalidSpan as exc:
        assert not valid
        assert str(exc).endswith(")") or str(exc).endswith(".")


@pytest.mark.parametrize("bad", [1.0, "3", None, 2.5])
def test_check_span_refuses_non_integers(bad):
    with pytest.raises(InvalidSpan):
        check_span(bad, 5, 10)
    with pytest.raises(InvalidSpan):
        check_span(0, bad, 10)


def _tokens(text: str) -> tuple[list[int], list[int]]:
    found = [(m.start(), m.end()) for m in re.finditer(r"\S+", text)]
    return [a for a, _ in found], [b for _, b in found]


@SPANS
@given(text=TEXTS, data=st.data())
def test_snap_to_tokens_widens_to_whole_tokens(text, data):
    if len(text) < 1:
        return
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    starts, ends = _tokens(text)
    s, e = snap_to_tokens(start, end, starts, ends)
    touched = [i for i in range(len(starts)) if ends[i] > start and starts[i] < end]
    if not touched:
        assert (s, e) == (start, end)  # wholly in white space: left as selected
        return
    assert (s, e) == (starts[touched[0]], ends[touched[-1]])
    assert 0 <= s < e <= len(text)
    assert s in starts and e in ends
    # every non-space character selected stays selected; snapping twice changes nothing
    assert all(s <= i < e for i in range(start, end) if not text[i].isspace())
    assert snap_to_tokens(s, e, starts, ends) == (s, e)


def _utf16_offsets(text: str) -> list[int]:
    return [len(text[:i].encode("utf-16-le")) // 2 for i in range(len(text) + 1)]


@SPANS
@given(text=TEXTS)
def test_utf16_map_round_trips(text):
    m = Utf16Map(text)
    offsets = _utf16_offsets(text)
    assert m.length == len(text) and m.length16 == offsets[-1]
    for i, o in enumerate(offsets):
        assert m.to_utf16(i) == o
        assert m.from_utf16(o) == i
    # a position inside a surrogate pair rounds down to the character's start
    inside = set(range(offsets[-1] + 1)) - set(offsets)
    for o in inside:
        i = max(k for k, v in enumerate(offsets) if v < o)
        assert ord(text[i]) > 0xFFFF
        assert m.from_utf16(o) == i


def test_utf16_map_known_values():
    text = "a😀b👍🏽c e\u0301 東"
    m = Utf16Map(text)
    assert [m.to_utf16(i) for i in range(len(text) + 1)] == _utf16_offsets(text)
    assert m.from_utf16(2) == 1  # between the halves of 😀
    assert text[m.from_utf16(m.to_utf16(3)) : m.from_utf16(m.to_utf16(5))] == "👍🏽"


# --- the store: merging and exclusive groups ---------------------------------------------


class _Store:
    """One project for the whole module; each example codes a fresh document."""

    def __init__(self) -> None:
        self.dir = tempfile.TemporaryDirectory(prefix="spans_fuzz_")
        self.project = Project.create(Path(self.dir.name) / "spans.annotator")
        p = self.project
        frames = p.codes.add_code(Code("Frames"))
        self.free = [p.codes.add_code(Code(n, parent_id=frames.id)).id for n in ("Conflict", "Appeasement")]
        group = p.codes.add_code(Code("Source type", exclusive=True))
        self.exclusive = [p.codes.add_code(Code(n, parent_id=group.id)).id for n in ("Official", "NGO")]
        self.coders = [p.add_coder(Coder(n)).id for n in ("alice", "bob")]
        self.counter = itertools.count()

    def document(self, text: str) -> Document:
        doc = Document(text=f"{next(self.counter)}: {text}")
        self.project.documents.add_documents([doc])
        return doc


@pytest.fixture(scope="module")
def store():
    s = _Store()
    yield s
    s.project.close()
    s.dir.cleanup()


OPS = st.lists(
    st.tuples(
        st.sampled_from(("add", "add", "add", "update", "delete")),
        st.integers(0, 1),
        st.integers(0, 3),
        st.integers(0, 10_000),
        st.integers(1, 30),
    ),
    min_size=1,
    max_size=14,
)


def _covered(anns: list[Annotation]) -> dict[tuple[str, str], set[int]]:
    out: dict[tuple[str, str], set[int]] = {}
    for a in anns:
        out.setdefault((a.coder_id, a.code_id), set()).update(range(a.start, a.end))
    return out


@STORE
@given(text=TEXTS.filter(lambda t: len(t) >= 5), ops=OPS, pick=st.randoms(use_true_random=False))
def test_any_sequence_of_edits_keeps_spans_apart(store, text, ops, pick):
    p = store.project
    doc = store.document(text)
    length = len(doc.text)
    codes = store.free + store.exclusive
    model: dict[tuple[str, str], set[int]] = {}
    for op, coder_i, code_i, where, width in ops:
        coder, code = store.coders[coder_i], codes[code_i]
        start = where % length
        end = min(length, start + width)
        live = p.annotations.select(doc.id)
        if op == "add":
            try:
                w = p.annotations.add_annotation(Annotation(doc.id, coder, code, start, end))
            except ExclusiveOverlap:
                assert code in store.exclusive
                continue
            model.setdefault((coder, code), set()).update(range(start, end))
            assert w.annotation.start <= start and w.annotation.end >= end
        elif live:
            target = pick.choice(live)
            key = (target.coder_id, target.code_id)
            if op == "delete":
                p.annotations.delete_annotation(target.id)
                model[key] -= set(range(target.start, target.end))
            else:
                new = replace(target, start=start, end=end, code_id=code)
                try:
                    p.annotations.update_annotation(new)
                except ExclusiveOverlap:
                    assert code in store.exclusive
                    continue
                model[key] -= set(range(target.start, target.end))
                model.setdefault((target.coder_id, code), set()).update(range(start, end))
        live = p.annotations.select(doc.id)
        # one coder's spans of one code never overlap
        for a, b in itertools.combinations(live, 2):
            if a.coder_id == b.coder_id and a.start < b.end and b.start < a.end:
                assert a.code_id != b.code_id, (a, b)
                assert not (a.code_id in store.exclusive and b.code_id in store.exclusive), (a, b)
        # merging loses no character and invents none
        got = _covered(live)
        want = {k: v for k, v in model.items() if v}
        assert got == want
        for a in live:
            assert a.quote == doc.text[a.start : a.end]
