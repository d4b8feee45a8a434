"""Thresholds fixed before the evaluation, then suggestions only for the codes
that passed (issue 16, item 5), on the small learnable project of
test_model_coder. Commands run as subprocesses on the real project file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.models import Suggestion
from annotator.services.suggestions import accept_suggestion
from annotator.store.project import Project
from tests.model.test_model_coder import build, cli, train_bot

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    # a model of its own: these tests evaluate it, which fixes its thresholds for good
    return train_bot(tmp_path_factory.mktemp("threshold") / "p.annotator")


def _copy(trained: Path, tmp_path: Path) -> Path:
    path = tmp_path / "copy.annotator"
    path.write_bytes(trained.read_bytes())
    return path


def _provenance(path: Path) -> dict:
    return json.loads(cli("model", "list", str(path), "--json").stdout)[0]["provenance"]


def test_a_threshold_is_recorded_with_its_time_and_refused_after_the_evaluation(trained, tmp_path):
    path = _copy(trained, tmp_path)
    cli("model", "threshold", str(path), "--name", "bot", "--min-lower", "0.667")
    cli("model", "threshold", str(path), "--name", "bot", "--min-lower", "0.5", "--codes", "Economy")
    thresholds = _provenance(path)["thresholds"]
    assert {t["code"]: t["min_lower"] for t in thresholds.values()} == {"Claim": 0.667, "Economy": 0.5}
    assert all(t["set_at"] for t in thresholds.values())
    cli("model", "evaluate", str(path), "--name", "bot", "--folds", "2")
    before = _provenance(path)
    done = cli("model", "threshold", str(path), "--name", "bot", "--min-lower", "0.1", check=False)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "before" in lines[0] and "evaluated" in lines[0], done.stderr
    assert _provenance(path) == before  # nothing changed
    by_code = {c["code"]: c for c in before["evaluation"]["codes"]}
    claim = by_code["Claim"]
    assert claim["alpha_low"] is not None and claim["alpha_low"] <= claim["alpha"] <= claim["alpha_high"]
    assert claim["threshold"] == 0.667 and claim["passed"] == (claim["alpha_low"] >= 0.667)


def test_suggestions_only_for_codes_that_passed(trained, tmp_path):
    path = _copy(trained, tmp_path)
    cli("model", "threshold", str(path), "--name", "bot", "--min-lower", "0.3", "--codes", "Claim")
    cli("model", "threshold", str(path), "--name", "bot", "--min-lower", "0.99", "--codes", "Economy")
    cli("model", "evaluate", str(path), "--name", "bot", "--folds", "2")
    out = cli("model", "suggest", str(path), "--name", "bot", "--coder", "Ben")
    assert "Economy" in out.stdout and "not suggested" in out.stdout
    with Project.open(path, readonly=True) as p:
        ben = p.coder_by_name("Ben").id
        claim = p.codes.codebook().by_path("Claim").id
        ids = p.documents.document_ids()
        remaining = [d for d in ids if p.workflow.status(d, ben) != "done"]
        done = [d for d in ids if p.workflow.status(d, ben) == "done"]
        tag = p.models.latest("bot").tag
        offered = {d: p.workflow.suggestions(d) for d in ids}
    assert remaining and done
    assert all(offered[d] for d in remaining) and not any(offered[d] for d in done)
    first = offered[remaining[0]][0]
    assert first.kind == "model" and first.label == claim and first.detail["model_tag"] == tag
    # an accepted model suggestion keeps origin model and the model's id@version
    with Project.open(path) as p:
        accept_suggestion(p, first.id, ben)
        mine = [a for a in p.annotations.annotations_for([first.document_id], [ben]) if not a.deleted]
    assert [(a.origin, a.model) for a in mine] == [("model", tag)]


def test_a_code_that_failed_is_named_and_not_suggested(tmp_path):
    path = build(tmp_path / "failed.annotator", n=6)
    with Project.open(path) as p:
        claim = p.codes.codebook().by_path("Claim").id
        p.models.add(
            "bot",
            "spacy-model-coder",
            b"never loaded: no code passed",
            {
                "span_codes": {claim: "Claim"},
                "thresholds": {
                    claim: {"code": "Claim", "min_lower": 0.8, "set_at": "2026-01-01T00:00:00+00:00"}
                },
                "evaluation": {
                    "codes": [{"code_id": claim, "code": "Claim", "alpha": 0.85, "alpha_low": 0.71}]
                },
            },
        )
    out = cli("model", "suggest", str(path), "--name", "bot", "--coder", "Ben")
    assert "nothing was suggested" in out.stdout
    assert "Claim (lower bound 0.710 below 0.8)" in " ".join(out.stdout.split())
    with Project.open(path, readonly=True) as p:
        assert not any(p.workflow.suggestions(d) for d in p.documents.document_ids())


def test_suggest_needs_a_threshold_and_an_evaluation_first(trained, tmp_path):
    path = _copy(trained, tmp_path)
    done = cli("model", "suggest", str(path), "--name", "bot", "--coder", "Ben", check=False)
    assert done.returncode == 1 and "threshold" in done.stderr
    cli("model", "threshold", str(path), "--name", "bot", "--min-lower", "0.5")
    done = cli("model", "suggest", str(path), "--name", "bot", "--coder", "Ben", check=False)
    assert done.returncode == 1 and "evaluate" in done.stderr
    done = cli("model", "suggest", str(path), "--name", "bot", "--coder", "bot", check=False)
    assert done.returncode == 1


def test_a_plain_suggestion_still_keeps_origin_suggestion(tmp_path):
    path = build(tmp_path / "plain.annotator", n=3)
    with Project.open(path) as p:
        doc = p.documents.document_ids()[0]
        claim = p.codes.codebook().by_path("Claim").id
        ben = p.coder_by_name("Ben").id
        p.workflow.replace_suggestions(doc, "rules", [Suggestion(doc, 0, 2, "content", claim)])
        s = p.workflow.suggestions(doc)[0]
        accept_suggestion(p, s.id, ben)
        (a,) = [a for a in p.annotations.annotations_for([doc], [ben]) if a.start == 0 and a.end == 2]
    assert (a.origin, a.model) == ("suggestion", "")
