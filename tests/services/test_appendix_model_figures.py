"""The methods appendix states the model coder's figures: its cross-validated
alpha with the interval and the threshold fixed before it, and, when the model
is among the compared coders, its alpha against the humans and the
alternative annotator test."""

from __future__ import annotations

import json

from annotator.reporting.appendix_markdown import appendix_markdown
from annotator.services.appendix import gather
from annotator.store.project import Project
from tests.model_report_project import build


def _store_model(path) -> None:
    with Project.open(path) as p:
        claim = p.codes.codebook().by_path("Claim").id
        p.models.add(
            "bot",
            "spacy",
            b"model bytes",
            {
                "span_codes": {claim: "Claim"},
                "seed": 3,
                "thresholds": {
                    claim: {"code": "Claim", "min_lower": 0.667, "set_at": "2026-01-01T10:00:00+00:00"}
                },
                "evaluation": {
                    "folds": 5,
                    "documents": 40,
                    "evaluated_at": "2026-01-02T10:00:00+00:00",
                    "codes": [
                        {
                            "code_id": claim,
                            "code": "Claim",
                            "alpha": 0.85,
                            "alpha_low": 0.7,
                            "alpha_high": 0.95,
                            "alpha_kind": "unitizing alpha (continuum)",
                            "overlap": {"f1": 0.9},
                            "threshold": 0.667,
                            "passed": True,
                        }
                    ],
                    "learning_curve": [
                        {
                            "share": share,
                            "documents": docs,
                            "codes": [
                                {"code_id": claim, "code": "Claim", "scope": "span", "f1": f1, "alpha": alpha}
                            ],
                        }
                        for share, docs, f1, alpha in ((0.25, 8.0, 0.5, 0.41), (1.0, 32.0, 0.9, 0.85))
                    ],
                },
            },
        )


def test_the_appendix_gives_the_models_evaluation_and_replacement_test(tmp_path):
    path = build(tmp_path / "p.annotator")
    _store_model(path)
    with Project.open(path, readonly=True) as p:
        facts = gather(p, coders=["bot", "Amira", "Ben", "Cleo"], bootstrap=200)
        text = " ".join(appendix_markdown(facts).replace("\\", "").split())
    assert "Claim: alpha 0.850 [0.700, 0.950]" in text
    assert (
        "threshold 0.667 (set 2026-01-01T10:00:00+00:00, before the evaluation of 2026-01-02T10:00:00+00:00): passed"
        in text
    )
    assert "alternative annotator test (Calderon, Reichart & Dror 2025" in text
    assert (
        "Learning curve of model bot version 1 (F1 / alpha on the held-out folds by training articles "
        "per fold): Claim: 8 articles 0.500 / 0.410, 32 articles 0.900 / 0.850." in text
    )
    assert "the model coder bot reached a mean pairwise alpha of" in text


def test_without_the_model_among_the_coders_only_its_evaluation_is_stated(tmp_path):
    path = build(tmp_path / "p.annotator")
    _store_model(path)
    with Project.open(path, readonly=True) as p:
        facts = gather(p, bootstrap=0)  # every human coder, not the model
        text = " ".join(appendix_markdown(facts).replace("\\", "").split())
    assert "Claim: alpha 0.850 [0.700, 0.950]" in text
    assert "alternative annotator test" not in text


def test_the_appendix_says_when_a_models_codings_pass_through_the_attribution_rules(tmp_path):
    path = build(tmp_path / "p.annotator")
    _store_model(path)
    with Project.open(path) as p:
        p.models.add("rules-bot", "spacy", b"model bytes", {"postprocess": "attribution-rules-1"})
        facts = gather(p, bootstrap=0)
        text = " ".join(appendix_markdown(facts).replace("\\", "").split())
    assert "The span codings of rules-bot version 1 pass through Annotator's attribution rules" in text
    assert "(attribution-rules-1)" in text
    assert "The span codings of bot version" not in text  # a model without the rules


def test_the_appendix_states_the_rules_evaluation_and_how_suggestions_are_chosen(tmp_path):
    from annotator.services.model_baseline import META_KEY

    path = build(tmp_path / "p.annotator")
    with Project.open(path) as p:
        claim = p.codes.codebook().by_path("Claim").id
        record = {
            "documents": 40,
            "training_source": "majority",
            "evaluated_at": "2026-01-03T10:00:00+00:00",
            "pipeline": "en_core_web_sm 3.8.0",
            "codes": [
                {"code_id": claim, "code": "Claim", "alpha": 0.5, "alpha_low": 0.4, "alpha_high": 0.6,
                 "overlap": {"f1": 0.66}},
            ],
        }  # fmt: skip
        p.set_meta(META_KEY, json.dumps(record))
    with Project.open(path, readonly=True) as p:
        text = " ".join(appendix_markdown(gather(p, bootstrap=200)).replace("\\", "").split())
    assert (
        "The built-in rule-based attribution finder (on en_core_web_sm 3.8.0) was run once over 40 coded "
        "articles and compared with their majority codings on 2026-01-03 (alpha with its 95% bootstrap "
        "interval): Claim: alpha 0.500 [0.400, 0.600], overlap F1 0.660." in text
    )
    _store_model(path)
    with Project.open(path, readonly=True) as p:
        text = " ".join(appendix_markdown(gather(p, bootstrap=200)).replace("\\", "").split())
    assert "Claim: alpha 0.500 [0.400, 0.600]" in text and "Claim: alpha 0.850 [0.700, 0.950]" in text
    assert "from whichever of the rules and a model that passed its threshold" in text
