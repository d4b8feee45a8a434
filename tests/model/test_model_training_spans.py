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


def test_a_stored_model_may_only_name_the_components_and_functions_training_uses():
    import io
    import zipfile

    import pytest

    from annotator.core.errors import ModelError
    from annotator.nlp.model_coder import ModelCoder

    trained = train_model(
        [TrainingDoc("Anna said the plan failed.", [(10, 25, "CLAIM")])],
        TrainingPlan(["CLAIM"], epochs=1, source_features=False),
    )
    with zipfile.ZipFile(io.BytesIO(trained.data)) as z:
        config, weights = z.read("config.cfg").decode(), z.read("model.bin")
    assert ModelCoder.from_bytes(trained.data).span_labels == ("CLAIM",)
    for old, new in (
        ('factory = "ner"', 'factory = "entity_ruler"'),  # a component training never makes
        ('@architectures = "spacy.TransitionBasedParser.v2"', '@architectures = "custom.Anything.v1"'),
    ):
        assert old in config
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr("config.cfg", config.replace(old, new))
            z.writestr("model.bin", weights)
        with pytest.raises(ModelError, match="not one this version trains"):
            ModelCoder.from_bytes(buf.getvalue())


def test_the_plan_sets_the_width_of_the_span_recognisers_hidden_layer():
    import io
    import zipfile

    from thinc.api import Config

    docs = [TrainingDoc("Anna said the plan failed.", [(10, 25, "CLAIM")])]

    def width(plan: TrainingPlan) -> int:
        trained = train_model(docs, plan)
        with zipfile.ZipFile(io.BytesIO(trained.data)) as z:
            config = Config().from_str(z.read("config.cfg").decode())
        return int(config["components"]["ner"]["model"]["hidden_width"])

    assert width(TrainingPlan(["CLAIM"], epochs=1, source_features=False)) == 128
    assert width(TrainingPlan(["CLAIM"], epochs=1, source_features=False, hidden_width=32)) == 32
