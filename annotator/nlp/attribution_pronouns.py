"""Pronoun speakers ("he said") resolved to the nearest earlier mention of the
matching kind, when no other candidate competes for it."""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Token

from annotator.nlp.attribution_finder import AttributionFinder
from annotator.nlp.attribution_lexicon import (
    DETERMINERS,
    FEMALE_WORDS,
    FIRST_PERSON,
    GROUP_PRONOUNS,
    MALE_WORDS,
    PERSON_PRONOUNS,
    PERSON_WORDS,
)
from annotator.nlp.attribution_record import Attribution
from annotator.nlp.attribution_tokens import char_span


def _kind(tokens: list[Token], label: str) -> tuple[str, str]:
    """('person' | 'group' | 'org' | 'other', gender 'm' | 'f' | '')."""
    words = [t.lower_ for t in tokens]
    gender = next(("f" for w in words if w in FEMALE_WORDS), "") or next(
        ("m" for w in words if w in MALE_WORDS), ""
    )
    head = tokens[-1] if tokens else None
    plural = head is not None and (
        head.tag_ in ("NNS", "NNPS")
        or (not head.tag_ and head.lower_.endswith("s") and not head.text[:1].isupper())
    )
    if label == "PERSON" or (any(w in PERSON_WORDS for w in words) and not plural):
        return "person", gender
    if plural:
        return "group", gender
    if label in ("ORG", "GPE", "NORP") or (head is not None and head.text[:1].isupper()):
        return "org", gender
    return "other", gender


def _named(text: str) -> bool:
    words = text.split()
    return any(w[:1].isupper() and (k > 0 or w.casefold() not in DETERMINERS) for k, w in enumerate(words))


def _same_entity(a: str, b: str) -> bool:
    """'Sergei Shoigu' and 'Defense Minister Shoigu' are one person."""
    wa, wb = a.casefold().split(), b.casefold().split()
    return bool(wa and wb and wa[-1] == wb[-1])


def resolve_pronouns(finder: AttributionFinder, atts: list[Attribution]) -> list[Attribution]:
    """Replace a pronoun speaker's text by the nearest earlier mention of the
    matching kind when no other candidate of that kind competes for it."""
    doc = finder.doc
    # mentions: (start, end, text, kind, gender, context, label)
    mentions: list[tuple[int, int, str, str, str, str, str]] = []
    for a in atts:
        if a.speaker is None or a.resolved_from_pronoun:
            continue
        toks = list(doc.char_span(*a.speaker, alignment_mode="expand") or [])
        if len(toks) == 1 and toks[0].lower_ in PERSON_PRONOUNS.keys() | GROUP_PRONOUNS | FIRST_PERSON:
            continue
        kind, gender = _kind(toks, a.speaker_label)
        mentions.append(
            (a.speaker[0], a.speaker[1], a.speaker_text, kind, gender, a.speaker_context, a.speaker_label)
        )
    if finder.has_ents:
        for e in doc.ents:
            if e.label_ in ("PERSON", "ORG") and finder.tok_quote[e.start] == -1:
                kind = "person" if e.label_ == "PERSON" else "org"
                context = e.text
                if finder.parsed:  # the title is outside the entity: "Senator [Laura Whitfield]"
                    core, _ = finder.phrase(e.root)
                    if core and core[0].idx <= e.start_char:
                        context = finder.text[core[0].idx : max(e.end_char, core[-1].idx + len(core[-1]))]
                mentions.append((e.start_char, e.end_char, e.text, kind, "", context, e.label_))
    if finder.parsed:
        # named subjects the entity recogniser missed ("Sergeant Mark Ellis described ...")
        for k in range(len(finder.sent_start) - 1):
            root = finder.sents[k].root
            for c in root.children:
                if (
                    c.dep_ == "nsubj"
                    and c.pos_ == "PROPN"
                    and not c.ent_type_
                    and finder.tok_quote[c.i] == -1
                ):
                    core, wide = finder.phrase(c)
                    kind, gender = _kind(core, "")
                    if core and kind == "person":
                        span = char_span(core)
                        assert span is not None
                        mentions.append(
                            (
                                span[0],
                                span[1],
                                finder.text[span[0] : span[1]],
                                kind,
                                gender,
                                finder.text[span[0] : span[1]],
                                "",
                            )
                        )
    mentions.sort(key=lambda m: m[0])
    starts = [m[0] for m in mentions]

    out: list[Attribution] = []
    for a in atts:
        if a.speaker is None or a.speaker_text.lower() not in PERSON_PRONOUNS.keys() | GROUP_PRONOUNS:
            out.append(a)
            continue
        pron = a.speaker_text.lower()
        want = ("person",) if pron in PERSON_PRONOUNS else (("org",) if pron == "it" else ("group", "org"))
        gender = PERSON_PRONOUNS.get(pron, "")
        para = finder.para_of(a.speaker[0])
        compete_from = finder.para_starts[max(para - 1, 0)]
        reach_from = finder.para_starts[max(para - 2, 0)]
        chosen = None
        for m in reversed(mentions[: bisect_right(starts, a.speaker[0] - 1)]):
            if m[1] > a.speaker[0] or m[3] not in want or (gender and m[4] and m[4] != gender):
                continue
            if m[3] != "group" and not _named(m[2]):
                continue
            if chosen is None:
                if m[0] < reach_from:
                    break
                chosen = m
                continue
            if m[0] < compete_from:
                break
            if not _same_entity(m[2], chosen[2]):
                chosen = None  # two candidates: not safe to choose
                break
        if chosen is None:
            out.append(a)
            continue
        out.append(
            Attribution(
                a.kind,
                a.content,
                a.cue,
                a.speaker,
                chosen[2],
                True,
                (chosen[0], chosen[1]),
                chosen[5],
                chosen[6],
            )
        )
    return out
