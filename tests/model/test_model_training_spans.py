"""Spans as coders mark them (PolNeAR's, a brat import's) reach the span learner
in a shape it accepts."""

from __future__ import annotations

from annotator.nlp.model_coder import TrainingDoc, TrainingPlan, train_model


def test_a_span_that_begins_or_ends_in_white_space_trains():
    text = "Anna  said the plan failed and left. Ben \xa0say taxes rise."
    docs = [
        TrainingDoc(
            text,
            [
                (0, text.index("said"), "SOURCE"),  # "Anna  ": a white-space token at its end
                (text.index("the plan"), text.index("and left"), "CLAIM"),
                (text.index("\xa0say"), text.index(" taxes"), "CUE"),  # begins with a no-break space token
                (text.index("taxes"), len(text) - 1, "CLAIM"),
            ],
        ),
        TrainingDoc("  \n\n  ", [(0, 6, "CLAIM")]),  # nothing but white space: left out
    ]
    trained = train_model(docs, TrainingPlan(["SOURCE", "CUE", "CLAIM"], epochs=2, source_features=False))
    assert trained.data and trained.epochs_run == 2
