"""Attribution rules run over a model coder's spans: what the model misses
most is the speaker of a cue it found, and the content of a sentence where it
found speaker and cue.

Codes are the project's own, so the rules run only for a model whose span
codes include codes named Source and Cue (Content too for the content rule),
case-insensitively, as in PolNeAR; the model records which codes play which
role and ``VERSION``, and its provenance names that version.

Chosen on PolNeAR's dev split only (a full model's dev codings): overlap F1
Source 0.745 -> 0.776, Content 0.763 -> 0.787, Cue unchanged; exact F1 Source
0.701 -> 0.698, Content 0.572 -> 0.570. Rules for Cue (a speech verb between
a Source and its Content or right after a Source, "according to", a speech
verb nested in a Content or in a sentence without spans) left Cue's overlap
F1 at best 0.001 higher or lowered it, and were left out.

Version 2 adds the layout's attributions (``attribution_layout``) and a
short Content right before a Cue that a Content follows becomes its Source:
on the dev split overlap F1 Source 0.777 -> 0.784, Cue 0.778 -> 0.783,
Content 0.804 (codings of a model trained before its features kept the English
pipeline's weights; with them the relabelling is within 0.001 either way). A stored model keeps the version it
was trained with, so its codings do not change under it.

The rules read tokens only (no tagger or parser), so coding stays as fast.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import Any

from annotator.nlp.attribution_layout import layout_attributions

VERSION = "attribution-rules-2"
VERSIONS = ("attribution-rules-1", VERSION)  # what a stored model may name
ROLES = ("source", "cue", "content")

Span = tuple[int, int, str]

# a sentence ends at . ! ? (closing quotes and brackets go with it) before
# white space, or at a line break; "Mr. Trump" and "Sept. 11" do not end one
_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|St|Jr|Sr|Jan|Feb|Mar|Apr|Aug|Sept|Sep|Oct|Nov|Dec"
    r"|No|vs|Inc|Co|Corp|Ltd)|\b[A-Z])\.$"
)
_QUOTES = frozenset("\"“”‘’'")
# words between a speaker and the cue's verb ("Trump has also said")
_BEFORE_CUE = frozenset(
    "also later then has have had was were is will would did does do not never previously earlier "
    "often again recently repeatedly publicly first".split()
)
# words that open the clause the speaker stands in ("... when the mayor said")
_CLAUSE_OPENERS = frozenset(
    "and but when that as because so while if since after though although where before or then also "
    "even yet until how why what whether".split()
)
# a leading "In an interview with X, Ham said" or "Meanwhile, ..." is no part of the speaker
_LEADING_PREPOSITIONS = frozenset(
    "in on at after during for with from by under before speaking asked like unlike despite earlier "
    "later last this".split()
)
_LEADING_ADVERBS = frozenset(
    "however meanwhile conversely still instead indeed now later separately similarly also and but yet "
    "so then thus moreover furthermore likewise nonetheless nevertheless rather regardless previously "
    "today yesterday overall finally ultimately first second third again recently earlier".split()
)
# a speaker starts with a capital (a name) or one of these
_SPEAKER_OPENERS = frozenset(
    "the a an some many most several one two three four few both all each every his her their its our "
    "my your this these those other another more he she i they it we you who which that no none neither "
    "either any much such".split()
)
_MAX_SPEAKER_TOKENS = 20
_CONTENT_TOKENS = (3, 60)
# an appositive speaker ends with its closing comma or dash, as coders mark it
_APPOSITIVE_END = re.compile(r"\s*(?:,|--)")


def roles_from_names(names: Mapping[str, str]) -> dict[str, str]:
    """Label -> role for the labels whose code name is Source, Cue or Content;
    empty unless there is exactly one Source and one Cue code (Content is
    optional), since without both no rule can run."""
    found: dict[str, list[str]] = {r: [] for r in ROLES}
    for label, name in names.items():
        role = name.strip().casefold()
        if role in found:
            found[role].append(label)
    if len(found["source"]) != 1 or len(found["cue"]) != 1 or len(found["content"]) > 1:
        return {}
    return {labels[0]: role for role, labels in found.items() if labels}


def sentences(text: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if "\n" not in m.group() and _ABBREVIATION.search(text[max(0, m.start() - 6) : m.start() + 1]):
            continue
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


class _Tokens:
    """The non-space tokens of a spaCy doc, found by character range."""

    def __init__(self, doc: Any) -> None:
        self.tokens = [t for t in doc if not t.is_space]
        self.starts = [t.idx for t in self.tokens]

    def between(self, start: int, end: int) -> list[Any]:
        out = []
        for t in self.tokens[bisect_left(self.starts, start) :]:
            if t.idx + len(t.text) > end:
                break
            out.append(t)
        return out


def _free(spans: Sequence[Span], start: int, end: int) -> bool:
    return not any(s < end and start < e for s, e, _ in spans)


def _extent(tokens: Sequence[Any]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _speaker_before(words: list[Any]) -> list[Any]:
    """The speaker phrase among the words between a clause's start and its cue."""
    while words and words[-1].lower_ in _BEFORE_CUE:
        words = words[:-1]
    if not words or any(t.text in _QUOTES for t in words):
        return []  # after a quotation the speaker follows the cue, if anywhere
    opener = max((i + 1 for i, t in enumerate(words) if t.lower_ in _CLAUSE_OPENERS), default=0)
    body = words[opener:]
    while body and body[0].is_punct:
        body = body[1:]
    while body and body[-1].is_punct:
        body = body[:-1]
    if not body:
        return []
    commas = [i for i, t in enumerate(body) if t.text == ","]
    if commas and (
        body[0].lower_ in _LEADING_PREPOSITIONS or (commas[0] == 1 and body[0].lower_ in _LEADING_ADVERBS)
    ):
        body = body[commas[0] + 1 :]
    elif len(body) > 1 and body[0].lower_ in _LEADING_ADVERBS:
        body = body[1:]  # "Later she said"
    if not body or not (body[0].text[:1].isupper() or body[0].lower_ in _SPEAKER_OPENERS):
        return []
    return body if len(body) <= _MAX_SPEAKER_TOKENS else []


def postprocess(
    doc: Any, spans: Sequence[Span], roles: Mapping[str, str], version: str = VERSION
) -> list[Span]:
    """``spans`` in their order, then the spans the rules add; from version 2 a
    transcript line's coding replaces the spans on it, and a Content taken for
    a speaker becomes a Source in its place.

    0. (version 2) Transcript lines and signed quotations are coded by their
       layout; a short Content right before a Cue that a Content follows is
       the Cue's Source ("[Donald Trump] is once again questioning [...]").
    1. In a sentence with a Cue and no Source, the phrase right before its
       first Cue (back to the clause's start or the span before) is the Source.
    2. In a sentence with a Source and a Cue and no Content, the words after
       its last Cue up to the sentence's end (or the next span) are the Content.
    3. A Source with a comma in it ("Phil Lovas, the chairman") takes the
       comma or dash that closes it.
    """
    label = {role: lab for lab, role in roles.items()}
    source, cue, content = label.get("source"), label.get("cue"), label.get("content")
    out = list(spans)
    if source is None or cue is None:
        return out
    text = doc.text  # spaCy joins the tokens anew on every read
    tokens = _Tokens(doc)
    later = version != "attribution-rules-1"
    if later:
        out = layout_attributions(text, out, source, cue, content)
    for start, end in sentences(text):
        inside = sorted(s for s in out if s[0] >= start and s[1] <= end)
        if later and content is not None:
            inside = _speakers_taken_for_content(text, tokens, out, inside, start, source, cue, content)
        cues = [s for s in inside if s[2] == cue]
        if not cues or any(s[2] == source for s in inside):
            continue
        left = max([start] + [e for _, e, _ in inside if e <= cues[0][0]])
        speaker = _speaker_before(tokens.between(left, cues[0][0]))
        if speaker:
            s, e = _extent(speaker)
            if _free(out, s, e):
                out.append((s, e, source))
    if content is not None:
        _add_contents(text, tokens, out, source, cue, content)
    return [_close_appositive(text, s, out) if s[2] == source else s for s in out]


_MAX_RELABELLED_TOKENS = 8


def _speakers_taken_for_content(
    text: str,
    tokens: _Tokens,
    out: list[Span],
    inside: list[Span],
    start: int,
    source: str,
    cue: str,
    content: str,
) -> list[Span]:
    """``inside`` with each short, speaker-like Content that opens its clause right
    before a Cue followed by a Content relabelled as Source, in ``out`` too.

    The model takes a subject for Content when it stands where a quotation
    might; coders mark a quotation before its Cue with its quote marks, which
    keep it out of this rule."""
    relabelled = list(inside)
    for i, (a, b, c) in enumerate(zip(inside, inside[1:], inside[2:], strict=False)):
        if (a[2], b[2], c[2]) != (content, cue, content) or text[a[1] : b[0]].strip():
            continue
        if text[b[1] : c[0]].strip() not in ("", ",", "that"):
            continue
        words = tokens.between(a[0], a[1])
        if not words or len(words) > _MAX_RELABELLED_TOKENS:
            continue
        if any(t.text in _QUOTES or (t.is_punct and t.text != ".") for t in words):
            continue
        if not (words[0].text[:1].isupper() or words[0].lower_ in _SPEAKER_OPENERS):
            continue
        before = tokens.between(start, a[0])
        if before and before[-1].lower_ not in _CLAUSE_OPENERS and before[-1].text != ",":
            continue
        speaker = (a[0], a[1], source)
        out[out.index(a)] = relabelled[i] = speaker
    return relabelled


def _add_contents(text: str, tokens: _Tokens, out: list[Span], source: str, cue: str, content: str) -> None:
    for start, end in sentences(text):
        inside = sorted(s for s in out if s[0] >= start and s[1] <= end)
        cues = [s for s in inside if s[2] == cue]
        if not cues or not any(s[2] == source for s in inside) or any(s[2] == content for s in inside):
            continue
        right = min([end] + [s for s, _, _ in inside if s >= cues[-1][1]])
        words = tokens.between(cues[-1][1], right)
        while words and (words[0].is_punct or words[0].lower_ == "that"):
            words = words[1:]
        while words and words[-1].is_punct:
            words = words[:-1]
        if _CONTENT_TOKENS[0] <= len(words) <= _CONTENT_TOKENS[1]:
            s, e = _extent(words)
            if _free(out, s, e):
                out.append((s, e, content))


def _close_appositive(text: str, span: Span, spans: Sequence[Span]) -> Span:
    s, e, label = span
    m = _APPOSITIVE_END.match(text, e)
    if m is None or "," not in text[s:e] or not _free(spans, e, m.end()):
        return span
    return s, m.end(), label
