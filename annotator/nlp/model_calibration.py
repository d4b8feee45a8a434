"""Calibrating a trained span recogniser on the dev documents.

A transition-based recogniser trained on news attributions finds fewer spans
than coders mark (on PolNeAR's dev split, Cue precision 0.85 against recall
0.69): it is more sure of the tokens outside any span. Raising the score of
the actions that open a span of one code trades some precision for recall.
A model on stronger features can err the other way (Source precision 0.78
against recall 0.81 on the same split once training kept the English
pipeline's features), so a code that gains nothing from more spans is tried
with fewer.
How much, per code, is chosen on the dev documents by overlap F1, one code
after the other, and kept only where it helps the mean over the codes. A
span counts as found here when any span of its code overlaps it, rather than
by the one-to-one matching of ``annotator.agreement.spans_match`` that the
evaluation reports: the layers keep nlp from importing agreement, and for
choosing a shift the two move together. The shift lives in the
recogniser's output bias, so it travels with the model's bytes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from annotator.nlp import model_postprocess

STEPS = (0.5, 1.0, 1.5, 2.0)
Span = tuple[int, int, str]


def overlap_f1(
    reference: Sequence[Sequence[Span]], predicted: Sequence[Sequence[Span]], labels: Sequence[str]
) -> dict[str, float]:
    """Per label, F1 where a span counts as found when one of the same label overlaps it."""
    hits_p: dict[str, int] = defaultdict(int)
    hits_r: dict[str, int] = defaultdict(int)
    n_p: dict[str, int] = defaultdict(int)
    n_r: dict[str, int] = defaultdict(int)
    for ref, got in zip(reference, predicted, strict=True):
        for s, e, label in got:
            n_p[label] += 1
            hits_p[label] += any(r_l == label and r_s < e and r_e > s for r_s, r_e, r_l in ref)
        for s, e, label in ref:
            n_r[label] += 1
            hits_r[label] += any(g_l == label and g_s < e and g_e > s for g_s, g_e, g_l in got)
    out = {}
    for label in labels:
        p = hits_p[label] / n_p[label] if n_p[label] else 0.0
        r = hits_r[label] / n_r[label] if n_r[label] else 0.0
        out[label] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def calibrate(
    nlp: Any,
    texts: Sequence[str],
    reference: Sequence[Sequence[Span]],
    roles: Mapping[str, str],
    check: Callable[[], None] = lambda: None,
) -> dict[str, float]:
    """Shift the recogniser's output bias per label towards opening spans, or if that
    does not help away from it, as far as the dev documents' mean overlap F1 rises;
    the shifts chosen (label -> amount, negative for fewer spans)."""
    ner = nlp.get_pipe("ner")
    upper = ner.model.get_ref("upper")
    base = upper.get_param("b").copy()
    opening: dict[str, list[int]] = defaultdict(list)
    for i in range(ner.moves.n_moves):
        action, _, label = ner.moves.get_class_name(i).partition("-")
        if action in ("B", "U") and label:
            opening[label].append(i)
    labels = list(ner.labels)

    def shift(shifts: Mapping[str, float]) -> None:
        bias = base.copy()
        for label, amount in shifts.items():
            bias[opening[label]] += amount
        upper.set_param("b", bias)

    def score(shifts: Mapping[str, float]) -> float:
        check()
        shift(shifts)
        predicted = []
        for doc in nlp.pipe(texts, batch_size=16):
            spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
            predicted.append(model_postprocess.postprocess(doc, spans, roles) if roles else spans)
        figures = overlap_f1(reference, predicted, labels)
        return sum(figures.values()) / len(figures)

    chosen: dict[str, float] = {}
    best = score(chosen)
    for label in labels:
        for sign in (1.0, -1.0):
            for amount in STEPS:
                trial = score({**chosen, label: sign * amount})
                if trial <= best:
                    break  # past the best shift: the figure rises, then falls
                best, chosen[label] = trial, sign * amount
            if label in chosen:
                break  # a code that gains from opening more spans will not gain from opening fewer
    shift(chosen)
    return chosen
