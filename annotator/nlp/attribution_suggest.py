"""Attributions as core ``Suggestion`` objects: one per speaker, cue and content.

The three suggestions of one attribution share ``detail["attribution"]`` and
each carries the spans of the other two, so accepting a speaker can also show
what was said. A speaker named at one place for several quotes is suggested
once, with every linked content listed.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from annotator.core.codebook import Codebook
from annotator.core.ids import document_id, new_id
from annotator.core.models import Suggestion
from annotator.core.task import NULL_STATE, TaskState
from annotator.nlp.attribution import Attribution, attributions_in, has_annotation
from annotator.nlp.source_types import (
    SourceTypeMapping,
    code_for_kind,
    code_for_source_type,
    default_mapping,
)

KINDS = ("speaker", "cue", "content")


def pipeline_label(nlp: Language) -> str:
    """'en_core_web_sm@3.8.0', or 'blank:en@<spaCy version>' for a pipeline
    without trained components (the form of ``PipelineInfo.label``)."""
    meta = nlp.meta
    name = str(meta.get("name") or "")
    trained = any(
        p not in ("sentencizer", "annotator_sentencizer", "annotator_paragraph_breaks")
        for p in nlp.pipe_names
    )
    if not trained or not name or name == "pipeline":
        import spacy

        return f"blank:{nlp.lang}@{spacy.__version__}"
    if not name.startswith(f"{nlp.lang}_"):
        name = f"{nlp.lang}_{name}"
    return f"{name}@{meta.get('version', '?')}"


class _Sentences:
    """The sentence around a character offset, without Token.sent (which walks
    the whole doc on every call)."""

    def __init__(self, doc: Doc, text: str):
        has = has_annotation(doc, "DEP") or has_annotation(doc, "SENT_START")
        self.spans = [(s.start_char, s.end_char) for s in doc.sents] if has else [(0, len(text))]
        self.starts = [s for s, _ in self.spans]
        self.text = text

    def at(self, char: int) -> str:
        k = max(bisect_right(self.starts, char) - 1, 0)
        s, e = self.spans[k]
        return self.text[s:e]


def _surname(text: str) -> str:
    words = text.split()
    return words[-1].casefold() if words else ""


def suggest_for_doc(
    doc: Doc,
    *,
    codebook: Codebook | None = None,
    mapping: SourceTypeMapping | None = None,
    document: str | None = None,
    model: str = "",
) -> list[Suggestion]:
    """Speaker, cue and content suggestions for one parsed document.

    ``document`` is the document id (by default derived from the text);
    ``model`` names the pipeline that made the doc (see :func:`pipeline_label`).
    A speaker's ``label`` is the codebook code of its proposed source type;
    without one, and for cues and contents, the code named after the part of
    the attribution ("Source", "Cue", "Content"), else "".
    """
    mapping = mapping or default_mapping()
    text = doc.text
    doc_id = document or document_id(text)
    atts = attributions_in(doc, text)
    if not atts:
        return []
    out: list[Suggestion] = []
    person_contexts = _person_contexts(doc)
    sentences = _Sentences(doc, text)
    typed_names: dict[str, str] = {}  # surname -> source type, for later bare mentions
    speakers: dict[tuple[int, int], Suggestion] = {}
    code_cache: dict[str, str | None] = {}
    part_codes = {k: (code_for_kind(codebook, k) or "") if codebook is not None else "" for k in KINDS}

    def code_of(type_name: str | None) -> str:
        if codebook is None or not type_name:
            return ""
        if type_name not in code_cache:
            code_cache[type_name] = code_for_source_type(codebook, type_name, mapping)
        return code_cache[type_name] or ""

    for att in atts:
        link = new_id()
        spans: dict[str, list[int] | None] = {
            "speaker": list(att.speaker) if att.speaker else None,
            "cue": list(att.cue) if att.cue else None,
            "content": list(att.content),
        }
        type_name = _source_type(att, sentences, mapping, typed_names, person_contexts)
        common: dict[str, Any] = {
            "attribution": link,
            "attribution_kind": att.kind,
            **{k: v for k, v in spans.items()},
        }
        if att.speaker is not None:
            existing = speakers.get(att.speaker)
            if existing is not None:
                existing.detail["contents"].append(list(att.content))
                existing.detail.setdefault("linked_attributions", []).append(link)
            else:
                s = Suggestion(
                    doc_id,
                    att.speaker[0],
                    att.speaker[1],
                    "speaker",
                    code_of(type_name) or part_codes["speaker"],
                    {
                        **common,
                        "text": text[att.speaker[0] : att.speaker[1]],
                        "speaker_text": att.speaker_text,
                        "resolved_from_pronoun": att.resolved_from_pronoun,
                        "antecedent": list(att.antecedent) if att.antecedent else None,
                        "source_type": type_name,
                        "contents": [list(att.content)],
                    },
                    model=model,
                )
                speakers[att.speaker] = s
                out.append(s)
        if att.cue is not None:
            out.append(
                Suggestion(
                    doc_id,
                    att.cue[0],
                    att.cue[1],
                    "cue",
                    part_codes["cue"],
                    {**common, "text": text[att.cue[0] : att.cue[1]], "source_type": type_name},
                    model=model,
                )
            )
        out.append(
            Suggestion(
                doc_id,
                att.content[0],
                att.content[1],
                "content",
                part_codes["content"],
                {
                    **common,
                    "text": text[att.content[0] : att.content[1]],
                    "speaker_text": att.speaker_text,
                    "source_type": type_name,
                },
                model=model,
            )
        )
    return out


def _person_contexts(doc: Doc) -> dict[str, list[str]]:
    """Surname -> the phrases a person is introduced with anywhere in the text
    ("Defence Minister Anton Berg", "Anton Berg, an economist at ..."), so a
    later bare "Berg said" can still be typed."""
    out: dict[str, list[str]] = {}
    if not has_annotation(doc, "DEP") or not has_annotation(doc, "ENT_IOB"):
        return out
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        root = ent.root
        start = min(ent.start, root.left_edge.i)
        end = ent.end
        for c in root.children:
            if c.dep_ == "appos" and c.i > root.i:
                end = max(end, c.right_edge.i + 1)
        if end - start > 25:
            continue
        out.setdefault(_surname(ent.text), []).append(doc[start:end].text)
    return out


def _source_type(
    att: Attribution,
    sentences: _Sentences,
    mapping: SourceTypeMapping,
    typed: dict[str, str],
    person_contexts: dict[str, list[str]],
) -> str | None:
    if att.speaker is None:
        return None
    if att.resolved_from_pronoun or not att.speaker_context:
        where = att.antecedent or att.speaker
    else:
        where = att.speaker
    sentence = sentences.at(where[0])
    type_name = mapping.propose(
        att.speaker_text, context=att.speaker_context, sentence=sentence, entity_label=att.speaker_label
    )
    key = _surname(att.speaker_text)
    if type_name is None and att.speaker_label == "PERSON":
        type_name = typed.get(key)
        for context in person_contexts.get(key, []) if type_name is None else []:
            type_name = mapping.propose(context, entity_label="PERSON")
            if type_name is not None:
                break
    elif type_name is not None and att.speaker_label == "PERSON" and key:
        typed.setdefault(key, type_name)
    return type_name


def suggest_for_texts(
    texts: Sequence[str] | Iterable[str],
    nlp: Language,
    *,
    codebook: Codebook | None = None,
    mapping: SourceTypeMapping | None = None,
    document_ids: Sequence[str] | None = None,
    batch_size: int = 32,
    model: str | None = None,
    state: TaskState = NULL_STATE,
) -> list[list[Suggestion]]:
    """Suggestions for many texts, parsed in batches with ``nlp.pipe``.

    ``model`` is the label stored with the suggestions (by default
    :func:`pipeline_label`). Returns one list per text, in order; interrupted,
    it raises Cancelled with the lists of the texts done so far as ``partial``.
    """
    texts = list(texts)
    if document_ids is not None and len(document_ids) != len(texts):
        raise ValueError("document_ids must have one id per text.")
    mapping = mapping or default_mapping()
    model = model or pipeline_label(nlp)
    total = len(texts)
    out: list[list[Suggestion]] = []
    for i, doc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        state.check("Finding sources was cancelled.", partial=out)
        doc_id = document_ids[i] if document_ids is not None else None
        out.append(suggest_for_doc(doc, codebook=codebook, mapping=mapping, document=doc_id, model=model))
        state.set_progress(i + 1, total)
    return out
