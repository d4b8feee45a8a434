"""The rule-based finder of direct quotes and reported speech in one parsed text.

With a dependency parse (a trained pipeline) speakers are verb subjects and
indirect speech is a speech verb's clausal complement; on a blank pipeline
with a sentencizer the same quotes and cue words are found and speakers come
from simple word patterns around the cue.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Literal

from spacy.tokens import Doc, Token

from annotator.nlp.attribution_lexicon import (
    CONJUNCTIONS,
    DETERMINERS,
    FORM_TO_LEMMA,
    NP_CONTENT_VERBS,
    PREPOSITIONS,
    QUOTE_FRAME_FORMS,
    RULE_CUE_FORMS,
    SPEECH_VERBS,
    STATEMENT_NOUNS,
    STOP_AFTER_SPEAKER,
    VERB_MARKERS,
)
from annotator.nlp.attribution_quotes import QuoteSpan, find_quotes
from annotator.nlp.attribution_record import Attribution, Span
from annotator.nlp.attribution_tokens import char_span, cut_according, has_annotation, is_punct, trim

_PARAGRAPH_BREAK = re.compile(r"\n\s*")
_SPEAKER_DROP_DEPS = frozenset({"relcl", "advcl", "punct", "parataxis"})
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_QUOTE_AS_CLAUSE = frozenset({"ccomp", "parataxis", "dobj", "oprd", "xcomp"})


class AttributionFinder:
    """Quotes, cues and speakers in one text; ``direct()`` and ``indirect()`` give
    the attributions (pronoun speakers still unresolved)."""

    def __init__(self, doc: Doc, text: str):
        self.doc = doc
        self.text = text
        self.parsed = has_annotation(doc, "DEP")
        self.tagged = has_annotation(doc, "TAG") or has_annotation(doc, "POS")
        self.has_ents = has_annotation(doc, "ENT_IOB")
        self.starts = [t.idx for t in doc]
        self.sent_start: list[int] = []  # token index of each sentence start
        # Span objects kept once: Token.sent walks the whole doc on every call
        self.sents = list(doc.sents) if self.parsed or has_annotation(doc, "SENT_START") else []
        if self.sents:
            self.sent_start.extend(s.start for s in self.sents)
        else:
            # no sentence boundaries at all (a bare tokenizer): paragraphs stand in for sentences
            self.sent_start.extend([0] + [t.i + 1 for t in doc[:-1] if "\n" in t.text])
        self.sent_start.append(len(doc))
        self.para_starts = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(self.text)]
        self.quotes = find_quotes(self.text)
        # index of the quote whose marks enclose each token, else -1
        self.tok_quote = [-1] * len(doc)
        self.quote_tokens: list[tuple[int, int, int, int]] = []  # outer a,b and inner ca,cb
        for qi, q in enumerate(self.quotes):
            a, b = self._tok_range(*q.outer)
            ca, cb = self._tok_range(q.start, q.end)
            self.quote_tokens.append((a, b, ca, cb))
            for k in range(a, b):
                self.tok_quote[k] = qi
        self.used_cues: set[int] = set()
        self._last_rule: tuple[int, list[Token]] = (-1, [])

    # positions
    def _tok_range(self, start: int, end: int) -> tuple[int, int]:
        a = max(bisect_right(self.starts, start) - 1, 0)
        if a < len(self.doc) and self.doc[a].idx + len(self.doc[a]) <= start:
            a += 1
        b = bisect_right(self.starts, end - 1)
        return a, max(b, a)

    def _sent_of(self, i: int) -> tuple[int, int]:
        k = bisect_right(self.sent_start, i) - 1
        return self.sent_start[k], self.sent_start[k + 1]

    def _root(self, sent_start: int) -> Token:
        return self.sents[bisect_right(self.sent_start, sent_start) - 1].root

    def para_of(self, char: int) -> int:
        return bisect_right(self.para_starts, char) - 1

    def _same_para(self, i: int, j: int) -> bool:
        return self.para_of(self.doc[i].idx) == self.para_of(self.doc[j].idx)

    # cues
    def _lemma(self, t: Token) -> str:
        # the project loads pipelines without their lemmatizer: spelling first
        return FORM_TO_LEMMA.get(t.lower_) or t.lemma_.lower()

    def _is_cue_verb(self, t: Token, *, strict: bool) -> bool:
        if self.tok_quote[t.i] != -1:
            return False
        if self.parsed:
            return t.pos_ == "VERB" and self._lemma(t) in SPEECH_VERBS
        if not strict:
            return t.lower_ in FORM_TO_LEMMA
        if t.i > 0 and self.doc[t.i - 1].lower_ in ("the", "a", "an", "this", "that"):
            return False  # "the said property"
        if t.lower_ in RULE_CUE_FORMS:
            return True
        nxt = self.doc[t.i + 1] if t.i + 1 < len(self.doc) else None
        return t.lower_ in FORM_TO_LEMMA and nxt is not None and nxt.lower_ == "that"

    # speakers
    def _subject(self, verb: Token) -> Token | None:
        if verb.dep_ == "pcomp" and verb.head.lower_ == "as" and verb.head.head.lower_.startswith("quot"):
            # "the agency quoted the president as saying ...": the one quoted speaks
            obj = next((c for c in verb.head.head.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        for _ in range(3):
            for c in verb.children:
                if c.dep_ in _SUBJECT_DEPS:
                    if c.lower_ in ("who", "which", "that") and verb.dep_ == "relcl":
                        return verb.head  # "Abbott, who said ...": the noun the clause is about
                    return c
            if verb.dep_ in ("conj", "advcl", "xcomp", "ccomp") and verb.head is not verb:
                verb = verb.head  # "..., adding that" takes the subject of the main verb
            else:
                return None
        return None

    def phrase(self, head: Token) -> tuple[list[Token], list[Token]]:
        """The speaker phrase (without appositions and relative clauses) and the
        whole subtree (for the source type)."""
        keep: list[Token] = []
        stack = [head]
        while stack:
            t = stack.pop()
            keep.append(t)
            stack.extend(
                c
                for c in t.children
                if c.dep_ not in _SPEAKER_DROP_DEPS and not (c.dep_ == "appos" and self._comma_between(t, c))
            )
        lo = min(t.i for t in keep)
        hi = max(t.i for t in keep)
        # what a comma sets off from the head is description, not the name
        for k in range(head.i + 1, hi + 1):
            if self.doc[k].text in (",", ";", "(", "—"):
                hi = k - 1
                break
        for k in range(head.i - 1, lo - 1, -1):
            if self.doc[k].text in (",", ";", ")", "—"):
                lo = k + 1
                break
        core = trim(list(self.doc[lo : hi + 1]))
        sub = list(head.subtree)
        return core, trim(sub)

    def _comma_between(self, head: Token, child: Token) -> bool:
        lo, hi = (head.i, child.left_edge.i) if child.i > head.i else (child.right_edge.i, head.i)
        return any(self.doc[k].text in (",", "(", "—", "–") for k in range(lo + 1, hi))

    def _rule_speaker_before(self, lo: int, cue: int) -> list[Token]:
        """Words right before the cue, back to a comma, a quote or the sentence
        start; over a relative clause or an apposition set off by commas
        ("Ali Hassan, a resident, said") to the name before it."""
        seg = self._segment_before(lo, cue)
        if seg or cue - 1 < lo or self.doc[cue - 1].text != ",":
            return seg if len(seg) <= 8 else []
        inner = self._segment_before(lo, cue - 1)
        k = cue - 2 - len(inner)
        if not inner or k < lo or self.doc[k].text != ",":
            return []
        outer = self._segment_before(lo, k)
        if inner[0].lower_ in ("who", "which", "whose") or (len(inner) <= 6 and 0 < len(outer) <= 6):
            return outer if len(outer) <= 8 else []
        return []

    def _segment_before(self, lo: int, end: int) -> list[Token]:
        """Words before ``end`` back to punctuation, a quote or a conjunction;
        a relative clause at its end is cut off ("officials who asked ...")."""
        toks: list[Token] = []
        k = end - 1
        while k >= lo and len(toks) < 12:
            t = self.doc[k]
            if self.tok_quote[k] != -1 or t.lower_ in CONJUNCTIONS:
                break
            if is_punct(t) and not (t.text == "-" and not t.whitespace_ and not self.doc[k - 1].whitespace_):
                break
            toks.append(t)
            k -= 1
        toks.reverse()
        cut = next((m for m, t in enumerate(toks) if m and t.lower_ in ("who", "which", "whose")), None)
        return toks[:cut] if cut is not None else toks

    def _rule_speaker_after(self, cue: int, hi: int) -> list[Token]:
        """Words right after the cue ("said the minister"), up to a stop word."""
        toks: list[Token] = []
        k = cue + 1
        while k < hi and len(toks) < 10:
            t = self.doc[k]
            if t.is_space or (t.is_punct and t.text not in ("-", "'")) or self.tok_quote[k] != -1:
                break
            if toks and t.lower_ in STOP_AFTER_SPEAKER:
                break
            toks.append(t)
            k += 1
        if toks and toks[0].lower_ in STOP_AFTER_SPEAKER or any(t.lower_ in VERB_MARKERS for t in toks):
            return []
        return toks

    def _speaker_for(self, cue: Token, lo: int, hi: int) -> tuple[list[Token], list[Token]]:
        if self.parsed:
            subj = self._subject(cue)
            if subj is not None and self.tok_quote[subj.i] == -1:
                return self.phrase(subj)
        before = self._rule_speaker_before(lo, cue.i)
        if before and not self.parsed:
            return before, before
        after = self._rule_speaker_after(cue.i, hi)
        if after:
            return after, after
        return before, before

    def _label(self, tokens: list[Token]) -> str:
        if not self.has_ents:
            return ""
        # the head noun's entity, not that of a place after it ("Ross Spano of Florida")
        labels = []
        for t in tokens:
            if t.lower_ in PREPOSITIONS or t.lower_ in ("at", "from", "in"):
                break
            if t.ent_type_:
                labels.append(t.ent_type_)
        return labels[-1] if labels else ""

    def _make(
        self,
        kind: Literal["direct", "indirect"],
        content: Span | None,
        cue: Span | None,
        speaker: tuple[list[Token], list[Token]] | None,
    ) -> Attribution:
        assert content is not None  # every caller has already returned on an empty content
        if not speaker or not speaker[0]:
            return Attribution(kind, content, cue, None)
        core, wide = speaker
        span = char_span(core)
        assert span is not None
        wide_span = char_span(wide) or span
        return Attribution(
            kind,
            content,
            cue,
            span,
            speaker_text=self.text[span[0] : span[1]],
            speaker_context=self.text[min(span[0], wide_span[0]) : max(span[1], wide_span[1])],
            speaker_label=self._label(core),
        )

    # --- direct quotes ---------------------------------------------------------

    def _quote_cue(self, qi: int) -> Token | None:
        a, b, ca, cb = self.quote_tokens[qi]
        if self.parsed:
            for t in self.doc[ca:cb]:
                h = t.head
                if a <= h.i < b or h is t or self.tok_quote[h.i] != -1:
                    continue
                if h.lower_ == "according":
                    return h
                if h.pos_ == "VERB" and (self._lemma(h) in SPEECH_VERBS or h.lower_ in QUOTE_FRAME_FORMS):
                    return h
                # '"...," he recalled': any verb right beside a quoted clause
                if (
                    h.pos_ == "VERB"
                    and t.dep_ in _QUOTE_AS_CLAUSE
                    and self._subject(h) is not None
                    and (0 <= h.i - b <= 3 or 0 <= a - h.i <= 3)
                    and self._looks_like_statement(ca, cb)
                ):
                    return h
        # Nearest cue word after the quote ('"...," he said') within its sentence.
        lo_s, hi_s = self._sent_of(b - 1) if b > a else (a, a)
        hi = min(max(hi_s, b), len(self.doc))
        for k in range(b, min(b + 8, len(self.doc))):
            t = self.doc[k]
            if self.tok_quote[k] != -1 or t.text in (".", "!", "?", ";") or "\n" in t.text:
                break
            if self._is_cue_verb(t, strict=False):
                return t
            if k >= hi and k > b + 1:
                break
        # ... or before it ('The minister said: "..."').
        lo = self._sent_of(a)[0]
        for k in range(a - 1, max(lo, a - 10) - 1, -1):
            t = self.doc[k]
            if self.tok_quote[k] != -1 or "\n" in t.text or t.text in (".", "!", "?", ";"):
                break
            if t.lower_ == "to" and k > 0 and self.doc[k - 1].lower_ == "according":
                return self.doc[k - 1]
            if self._is_cue_verb(t, strict=False):
                return t
        return None

    def _according(self, t: Token) -> tuple[Span, tuple[list[Token], list[Token]]]:
        to = self.doc[t.i + 1]
        cue = (t.idx, to.idx + len(to.text))
        if self.parsed:
            for c in to.children:
                if c.dep_ == "pobj":
                    core, wide = self.phrase(c)
                    comma = next((k for k, x in enumerate(core) if x.text in (",", ";", "(")), None)
                    if comma is not None:
                        core = trim(core[:comma])
                        wide = core
                    return cue, (core, wide)
        toks = self._rule_speaker_after(to.i, len(self.doc))
        return cue, (toks, toks)

    def direct(self) -> list[Attribution]:
        out: list[Attribution] = []
        last: Attribution | None = None
        for qi, q in enumerate(self.quotes):
            a, b, ca, cb = self.quote_tokens[qi]
            if cb <= ca:
                continue
            cue_tok = self._quote_cue(qi)
            content = (q.start, q.end)
            if cue_tok is not None:
                self.used_cues.add(cue_tok.i)
                if cue_tok.lower_ == "according":
                    cue, speaker = self._according(cue_tok)
                else:
                    cue = (cue_tok.idx, cue_tok.idx + len(cue_tok.text))
                    lo = self._sent_of(min(a, cue_tok.i))[0]
                    hi = self._sent_of(max(b - 1, cue_tok.i))[1]
                    speaker = self._speaker_for(cue_tok, lo, hi)
                att = self._make("direct", content, cue, speaker)
            elif last is not None and last.speaker is not None and self._continues(last, q):
                att = Attribution(
                    "direct",
                    content,
                    None,
                    last.speaker,
                    last.speaker_text,
                    last.resolved_from_pronoun,
                    last.antecedent,
                    last.speaker_context,
                    last.speaker_label,
                )
            elif self._looks_like_statement(ca, cb):
                att = self._make("direct", content, None, self._scene_speaker(a))
            else:
                continue  # a title or a scare quote
            out.append(att)
            last = att
        return out

    def _scene_speaker(self, a: int) -> tuple[list[Token], list[Token]] | None:
        """'Farid Osman watched the tanks. "I have never seen this."': a quote
        right after a sentence about a named person is that person's."""
        if not (self.parsed and self.has_ents) or a == 0:
            return None
        lo, hi = self._sent_of(a - 1)
        if hi > a or not self._same_para(lo, a) or any(self.tok_quote[k] != -1 for k in range(lo, hi)):
            return None
        root = self._root(lo)
        subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.ent_type_ != "PERSON":
            return None
        return self.phrase(subj)

    def _continues(self, last: Attribution, q: QuoteSpan) -> bool:
        """A quote without a cue continues the previous speaker's words when it
        follows in the same paragraph or opens the next one."""
        p_last = self.para_of(last.content[1])
        p_here = self.para_of(q.open_mark)
        return p_here - p_last <= 1

    def _looks_like_statement(self, ca: int, cb: int) -> bool:
        words = [t for t in self.doc[ca:cb] if not is_punct(t)]
        if len(words) < 4:
            return False
        if self.tagged and self.parsed:
            return any(t.pos_ in ("VERB", "AUX") for t in words)
        return len(words) >= 6

    # --- reported speech -------------------------------------------------------

    def _content_of(self, verb: Token) -> list[Token]:
        return cut_according(self._content_tokens(verb))

    def _content_tokens(self, verb: Token) -> list[Token]:
        comps = [c for c in verb.children if c.dep_ == "ccomp"]
        if comps:
            toks = list(comps[0].subtree)
            if len(comps) > 1:
                toks = list(
                    self.doc[min(c.left_edge.i for c in comps) : max(c.right_edge.i for c in comps) + 1]
                )
            return trim(toks)
        if self._lemma(verb) in NP_CONTENT_VERBS:
            parts = [
                c
                for c in verb.children
                if c.i > verb.i
                and c.dep_ in ("dobj", "xcomp", "prep", "attr", "oprd")
                and not (
                    c.dep_ == "prep" and c.lower_ in ("on", "in", "at", "during", "after", "before", "by")
                )
            ]
            if parts:
                lo = min(c.left_edge.i for c in parts)
                hi = max(c.right_edge.i for c in parts)
                return trim(list(self.doc[lo : hi + 1]))
        return []

    def indirect(self) -> list[Attribution]:
        out: list[Attribution] = []
        doc = self.doc
        n = len(doc)
        i = 0
        while i < n:
            t = doc[i]
            if self.tok_quote[i] != -1 or i in self.used_cues:
                i += 1
                continue
            low = t.lower_
            att: Attribution | None = None
            if low == "according" and i + 1 < n and doc[i + 1].lower_ == "to":
                att = self._indirect_according(t)
            elif low == "in" and self.parsed:
                att = self._indirect_statement(t)
            elif low in FORM_TO_LEMMA and self._is_cue_verb(t, strict=True):
                att = self._indirect_parsed(t) if self.parsed else self._indirect_rules(t)
            if att is not None:
                out.append(att)
            i += 1
        return out

    def _inside_quote(self, toks: list[Token]) -> bool:
        inside = sum(1 for t in toks if self.tok_quote[t.i] != -1)
        return inside * 2 > len(toks)

    def _indirect_parsed(self, verb: Token) -> Attribution | None:
        content = self._content_of(verb)
        if len(content) < 2 or self._inside_quote(content):
            return None
        subj = self._subject(verb)
        if subj is None or self.tok_quote[subj.i] != -1:
            return None
        if subj.lower_ in ("it", "there") and any(c.dep_ == "expl" for c in verb.children):
            return None
        speaker = self.phrase(subj)
        if content[0].i <= verb.i <= content[-1].i:
            # the parse ran the clause over its own cue: keep the side it starts on
            first = min([verb.i, *(t.i for t in speaker[0])])
            content = (
                trim([t for t in content if t.i < first])
                if content[0].i < verb.i
                else trim([t for t in content if t.i > verb.i])
            )
            if len(content) < 2:
                return None
        return self._make("indirect", char_span(content), (verb.idx, verb.idx + len(verb.text)), speaker)

    def _indirect_rules(self, verb: Token) -> Attribution | None:
        lo, hi = self._sent_of(verb.i)
        doc = self.doc
        end = hi
        while end > lo and is_punct(doc[end - 1]):
            end -= 1
        cue = (verb.idx, verb.idx + len(verb.text))
        # "CONTENT, the minister said." / "CONTENT, said the minister."
        comma = next((k for k in range(verb.i - 1, max(lo, verb.i - 8) - 1, -1) if doc[k].text == ","), None)
        if comma is not None and comma - lo >= 3 and self._lemma(verb) not in NP_CONTENT_VERBS:
            speaker = self._segment_before(comma + 1, verb.i)
            rest = list(doc[verb.i + 1 : end])
            if not speaker:
                speaker = self._rule_speaker_after(verb.i, end)
                rest = rest[len(speaker) :]
                if any(t.lower_ in VERB_MARKERS for t in speaker):
                    speaker = []
            if (
                speaker
                and (not rest or rest[0].lower_ in STOP_AFTER_SPEAKER or rest[0].text == ",")
                and len(rest) <= 6
            ):
                content = trim(list(doc[lo:comma]))
                if content and not self._inside_quote(content):
                    return self._make("indirect", char_span(content), cue, (speaker, speaker))
        # "the minister said (that) CONTENT."
        speaker = self._rule_speaker_before(lo, verb.i)
        if (
            not speaker
            and verb.i > lo
            and doc[verb.i - 1].lower_ in ("and", "but")
            and self._last_rule[0] == lo
        ):
            speaker = self._last_rule[1]  # "X said ... and added that ...": the same speaker
        k = verb.i + 1
        if verb.lower_ in ("told", "tells", "warned", "assured"):
            that = next((m for m in range(k, min(k + 6, end)) if doc[m].lower_ == "that"), None)
            if that is not None:
                k = that + 1
            else:  # skip the hearer: "told the newspaper", "told Reuters", "told reporters"
                if k < end and doc[k].lower_ in DETERMINERS:
                    k += 2
                elif k < end and not doc[k].text[:1].isupper() and doc[k].lower_ not in PREPOSITIONS:
                    k += 1
                while k < end and doc[k].text[:1].isupper() and doc[k].lower_ not in DETERMINERS:
                    k += 1
        # the clause ends before ", but ..." or "and said ..."
        stop = next(
            (
                m
                for m in range(k + 1, end - 1)
                if (doc[m].text == "," and doc[m + 1].lower_ == "but")
                or (doc[m].lower_ == "and" and self._is_cue_verb(doc[m + 1], strict=False))
            ),
            end,
        )
        content = cut_according(trim(list(doc[k:stop])))
        if not speaker or len(content) < 3 or self._inside_quote(content):
            return None
        self._last_rule = (lo, speaker)
        return self._make("indirect", char_span(content), cue, (speaker, speaker))

    def _indirect_according(self, t: Token) -> Attribution | None:
        lo, hi = self._sent_of(t.i)
        if any(self.tok_quote[k] != -1 and not is_punct(self.doc[k]) for k in range(lo, hi)):
            return None  # the quote in this sentence carries the attribution
        cue, speaker = self._according(t)
        if not speaker[0]:
            return None
        phrase_end = max(tok.i for tok in speaker[1]) + 1 if speaker[1] else t.i + 2
        before = trim(list(self.doc[lo : t.i]))
        after = trim(list(self.doc[phrase_end:hi]))
        if before and after:
            content = trim(list(self.doc[lo:hi]))
        else:
            content = before or after
        if len(content) < 2:
            return None
        self.used_cues.add(t.i)
        return self._make("indirect", char_span(content), cue, speaker)

    def _indirect_statement(self, t: Token) -> Attribution | None:
        """'In a statement, the ministry condemned ...' when no speech verb carries it."""
        doc = self.doc
        k = t.i + 1
        if k >= len(doc) or doc[k].lower_ not in DETERMINERS:
            return None
        noun = next(
            (
                m
                for m in range(k + 1, min(k + 4, len(doc)))
                if doc[m].lower_ in STATEMENT_NOUNS and doc[m].text.islower()
            ),
            None,
        )  # not "The Post"
        if noun is None:
            return None
        lo, hi = self._sent_of(t.i)
        root = self._root(lo) if lo < len(doc) else None
        if root is None or root.pos_ not in ("VERB", "AUX") or self._lemma(root) in SPEECH_VERBS:
            return None
        if any(self.tok_quote[m] != -1 for m in range(lo, hi)):
            return None
        subj = self._subject(root)
        if subj is None:
            return None
        phrase_end = doc[noun].i + 1
        content = trim([x for x in doc[root.i : hi] if not (t.i <= x.i < phrase_end)])
        if len(content) < 2:
            return None
        return self._make(
            "indirect", char_span(content), (t.idx, doc[noun].idx + len(doc[noun].text)), self.phrase(subj)
        )
