"""A model trained with the installed English pipeline's features starts from
its learnt weights, as the provenance's ``pipeline`` says, not from new ones."""

from __future__ import annotations

import numpy as np
import pytest

from annotator.nlp.model_coder import FEATURE_PIPELINE, ModelCoder, TrainingDoc, TrainingPlan, train_model


def _weights(nlp) -> list[np.ndarray]:  # type: ignore[no-untyped-def]
    model = nlp.get_pipe("tok2vec").model
    return [np.asarray(n.get_param(p)) for n in model.walk() for p in n.param_names]


@pytest.mark.model
def test_training_keeps_the_installed_pipelines_features_as_its_start():
    spacy = pytest.importorskip("spacy")
    pytest.importorskip(FEATURE_PIPELINE)
    docs = [
        TrainingDoc(f"Anna Berg said the vote {i} was fair.", [(0, 9, "S"), (10, 14, "C")]) for i in range(8)
    ]
    trained = train_model(docs, TrainingPlan(["S", "C"], epochs=1, seed=3))
    assert trained.pipeline.startswith(FEATURE_PIPELINE)
    learnt = _weights(ModelCoder.from_bytes(trained.data).nlp)
    installed = _weights(spacy.load(FEATURE_PIPELINE, exclude=["tagger", "parser", "lemmatizer", "ner"]))
    assert len(learnt) == len(installed)
    # a few updates move the weights a little; weights drawn anew share nothing with the installed ones
    for mine, theirs in zip(learnt, installed, strict=True):
        if theirs.size > 1 and theirs.std() > 0:
            assert np.corrcoef(mine.ravel(), theirs.ravel())[0, 1] > 0.9
