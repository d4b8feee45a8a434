"""`annotator training ...` and `annotator assign --hidden-checks` on a real
demo project, in a real process for the round trip."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.services.demo import build_demo
from annotator.store.project import Project


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    path = tmp_path_factory.mktemp("training-cli") / "demo.annotator"
    build_demo(path)
    return path


@pytest.fixture
def demo(built, tmp_path):
    path = tmp_path / "demo.annotator"
    with Project.open(built) as src:
        src.copy_to(path)
    return path


def run(*args: object, ok: bool = True):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env={"COLUMNS": "120"})
    if ok:
        assert result.exit_code == 0, result.output
    return result


def annotator(*args: object) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)], capture_output=True, text=True
    )


def test_a_round_from_gold_to_scores_and_status(demo):
    run("adjudicate", demo, "--accept-agreed")
    with Project.open(demo, readonly=True) as p:
        docs = [d.id for d in p.documents.list_documents()][:3]
    created = annotator(
        "training", "create", demo, "--name", "R1", "--documents", ",".join(docs), "--threshold", "0.5",
        "--variables", "Source type", "--coders", "Chen",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert "3 gold articles assigned to Chen" in created.stdout
    scores = annotator("training", "scores", demo, "--round", "R1", "--format", "json")
    assert scores.returncode == 0, scores.stderr
    (chen,) = json.loads(scores.stdout)["coders"]
    (v,) = chen["variables"]
    assert v["name"] == "Source type" and v["units"] > 0
    assert chen["passed"] == (v["alpha"] is not None and v["alpha"] >= 0.5)
    assert sum(map(sum, v["matrix"])) == v["units"]
    status = run("training", "status", demo).output
    assert "R1" in status and "Chen" in status and ("passed" in status or "not yet" in status)
    assert "R1" in run("training", "list", demo).output
    table = run("training", "scores", demo, "--round", "R1", "--coder", "Chen").output
    assert "confusion with gold" in table
    with Project.open(demo, readonly=True) as p:
        assert len(p.training.results()) == 2  # both scorings kept


def test_errors_are_one_sentence_and_change_nothing(demo):
    with Project.open(demo, readonly=True) as p:
        doc = p.documents.list_documents()[0].id
    proc = annotator("training", "create", demo, "--name", "R1", "--documents", doc)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "gold" in proc.stderr and proc.stderr.strip().count("\n") == 0, proc.stderr
    proc = annotator("training", "scores", demo, "--round", "R7")
    assert proc.returncode == 1 and "R7" in proc.stderr and "Traceback" not in proc.stderr
    with Project.open(demo, readonly=True) as p:
        assert p.training.rounds() == []


def test_assign_hidden_checks(demo):
    out = run("assign", demo, "--hidden-checks", "30%", "--seed", "4").output
    assert "Hidden checks: 3 documents" in out
    with Project.open(demo, readonly=True) as p:
        (draw,) = p.training.draws()
        assert (draw.method, draw.seed, draw.sample_size) == ("hidden_checks", 4, 3)
        assert len(p.training.hidden_checks()) == 3
    both = run("assign", demo, "--all", "--hidden-checks", "10%", ok=False)
    assert both.exit_code == 1 and "one of" in both.output
