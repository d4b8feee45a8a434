"""Calibration on the dev documents (annotator.nlp.model_calibration): the shift
towards opening spans is kept only where the dev documents' overlap F1 rises,
and it travels with the stored model. Real spaCy training on the small
"said" project of test_model_coder, seeded."""

from __future__ import annotations

import random

import pytest

from annotator.nlp.model_calibration import calibrate, overlap_f1
from annotator.nlp.model_coder import ModelCoder, TrainingDoc, TrainingPlan, _pack, train_model
from tests.model.test_model_coder import _article

pytestmark = pytest.mark.slow


def test_overlap_f1_counts_a_span_found_when_one_of_its_label_overlaps_it():
    reference = [[(0, 10, "A"), (20, 30, "A"), (40, 45, "B")]]
    predicted = [[(5, 12, "A"), (40, 45, "A"), (41, 44, "B")]]
    figures = overlap_f1(reference, predicted, ["A", "B"])
    # A: precision 1/2 (40-45 overlaps only a B), recall 1/2 (20-30 not found); B: both 1
    assert figures["A"] == 0.5
    assert figures["B"] == 1.0


def _docs(n: int, seed: int) -> list[TrainingDoc]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        text, spans = _article(rng)
        out.append(TrainingDoc(text, [(s, e, "CLAIM") for s, e in spans]))
    return out


def test_a_shift_is_kept_only_where_the_dev_documents_gain_and_it_travels_with_the_model():
    train, dev = _docs(12, 1), _docs(10, 2)
    # three short epochs: a recogniser that still misses a span, so that opening more pays
    plan = TrainingPlan(["CLAIM"], epochs=3, seed=0, source_features=False, calibrate=False)
    model = ModelCoder.from_bytes(train_model(train, plan).data)
    texts, reference = [d.text for d in dev], [list(d.spans) for d in dev]

    def dev_f1() -> float:
        got = [c.spans for c in model.code(texts)]
        return overlap_f1(reference, got, ["CLAIM"])["CLAIM"]

    before = dev_f1()
    uncalibrated = [c.spans for c in model.code(texts)]
    shifts = calibrate(model.nlp, texts, reference, {})
    after = dev_f1()
    assert shifts and after > before, (before, after, shifts)

    calibrated = [c.spans for c in model.code(texts)]
    assert calibrated != uncalibrated
    stored = ModelCoder.from_bytes(_pack(model.nlp, {}))  # as a trained model is stored
    assert [c.spans for c in stored.code(texts)] == calibrated


def test_a_recogniser_that_opens_too_many_spans_is_shifted_towards_fewer():
    train, dev = _docs(12, 1), _docs(10, 2)
    plan = TrainingPlan(["CLAIM"], epochs=6, seed=0, source_features=False, calibrate=False)
    model = ModelCoder.from_bytes(train_model(train, plan).data)
    texts, reference = [d.text for d in dev], [list(d.spans) for d in dev]
    ner = model.nlp.get_pipe("ner")
    upper = ner.model.get_ref("upper")
    opening = [i for i in range(ner.moves.n_moves) if ner.moves.get_class_name(i)[:2] in ("B-", "U-")]
    eager = upper.get_param("b").copy()
    eager[opening] += 2.0  # a recogniser that opens more spans than its coders marked
    upper.set_param("b", eager)
    before = overlap_f1(reference, [c.spans for c in model.code(texts)], ["CLAIM"])["CLAIM"]
    shifts = calibrate(model.nlp, texts, reference, {})
    after = overlap_f1(reference, [c.spans for c in model.code(texts)], ["CLAIM"])["CLAIM"]
    assert shifts["CLAIM"] < 0 and after > before, (before, after, shifts)
