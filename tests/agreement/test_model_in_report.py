"""A coder of role `model` in the agreement report (issue 16): the humans'
alpha without and with the model, the model against the humans, each with an
interval, and the alternative annotator test; in the table, CSV and HTML."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from annotator.agreement.alpha import alpha_from_codes
from annotator.store.project import Project
from tests.model_report_project import BOT_WRONG, CLEO_WRONG, N, build, truth


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "240"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("mr") / "p.annotator")


def _matrix(wrong: dict[str, set[int]]) -> np.ndarray:
    return np.array([[int(truth(i) != (i in wrong.get(c, set()))) for c in wrong] for i in range(N)])


def test_the_report_gives_the_model_figures_with_intervals(project):
    out = cli(
        "agreement", str(project), "--coders", "bot,Amira,Ben,Cleo", "--bootstrap", "200", "--format", "json"
    )
    claim = next(v for v in json.loads(out.stdout)["variables"] if v["name"] == "Claim")
    (m,) = claim["models"]
    assert m["model"] == "bot"
    humans = _matrix({"Amira": set(), "Ben": set(), "Cleo": CLEO_WRONG})
    everyone = _matrix({"Amira": set(), "Ben": set(), "Cleo": CLEO_WRONG, "bot": BOT_WRONG})
    assert m["humans_alpha"] == pytest.approx(alpha_from_codes(humans, (0, 1)).alpha)
    assert m["with_model_alpha"] == pytest.approx(alpha_from_codes(everyone, (0, 1)).alpha)
    assert m["with_model_alpha"] == pytest.approx(claim["alpha"])
    pairs = [alpha_from_codes(everyone[:, [h, 3]], (0, 1)).alpha for h in range(3)]
    assert m["model_alpha"] == pytest.approx(np.mean(pairs))
    assert m["pairwise"]["Cleo"] == pytest.approx(pairs[2])
    for key in ("humans", "with_model", "model"):
        assert m[f"{key}_low"] <= m[f"{key}_alpha"] <= m[f"{key}_high"]
    # bot errs once, Cleo six times: the model represents the humans better than Cleo does
    aat = m["alt_test"]
    assert aat["winning_rate"] >= 0.5 and aat["passed"] is True
    assert aat["epsilon"] == 0.15
    assert [h["coder"] for h in aat["humans"]] == ["Amira", "Ben", "Cleo"]


def test_the_same_seed_gives_the_same_model_intervals(project):
    runs = [
        json.loads(
            cli("agreement", str(project), "--coders", "bot,Amira,Ben,Cleo", "--format", "json").stdout
        )
        for _ in range(2)
    ]
    first, second = (r["variables"][0]["models"][0] for r in runs)
    assert first["model_low"] == second["model_low"] and first["humans_high"] == second["humans_high"]


def test_the_table_csv_and_html_show_the_model(project, tmp_path):
    table = cli("agreement", str(project), "--coders", "bot,Amira,Ben,Cleo", "--bootstrap", "100").stdout
    assert "bot" in table and "humans only" in table and "replace" in table
    text = cli(
        "agreement", str(project), "--coders", "bot,Amira,Ben,Cleo", "--bootstrap", "100", "--format", "csv"
    ).stdout
    row = next(r for r in csv.DictReader(io.StringIO(text)) if r["Variable"] == "Claim")
    assert float(row["bot: alpha humans only"]) < float(row["bot: alpha model vs humans"])
    assert row["bot: alternative annotator test"] == "passed"
    html = tmp_path / "r.html"
    cli(
        "agreement",
        str(project),
        "--coders",
        "bot,Amira,Ben,Cleo",
        "--bootstrap",
        "100",
        "-o",
        str(html),
        "--format",
        "html",
    )
    page = html.read_text(encoding="utf-8")
    assert "alternative annotator test" in page.lower() and "Calderon" in page


def test_a_report_without_a_model_has_no_model_columns(project):
    text = cli(
        "agreement", str(project), "--coders", "Amira,Ben,Cleo", "--bootstrap", "0", "--format", "csv"
    ).stdout
    assert "alpha humans only" not in text
    data = json.loads(cli("agreement", str(project), "--coders", "Amira,Cleo", "--format", "json").stdout)
    assert "models" not in data["variables"][0] and "model_coders" not in data["parameters"]


def test_documents_the_model_was_trained_on_are_named_in_a_note(project, tmp_path):
    path = tmp_path / "trained.annotator"
    path.write_bytes(project.read_bytes())
    with Project.open(path) as p:
        ids = p.documents.document_ids()[:10]
        p.models.add("bot", "spacy", b"bytes", {"document_ids": ids})
    data = json.loads(
        cli("agreement", str(path), "--coders", "bot,Amira,Ben,Cleo", "--format", "json").stdout
    )
    (note,) = [n for n in data["notes"] if "training data" in n]
    assert note.startswith("10 of the 40 compared documents were in the training data of model bot")
    plain = json.loads(
        cli("agreement", str(project), "--coders", "bot,Amira,Ben,Cleo", "--format", "json").stdout
    )
    assert not [n for n in plain["notes"] if "training data" in n]


def test_the_model_intervals_do_not_depend_on_the_order_of_the_coders(project):
    """The dashboard lists coders in the project's order, the command line in
    the order typed: both must give one set of figures."""
    figures = [
        json.loads(
            cli(
                "agreement", str(project), "--coders", coders, "--bootstrap", "200", "--format", "json"
            ).stdout
        )["variables"][0]["models"][0]
        for coders in ("bot,Amira,Ben,Cleo", "Amira,Ben,Cleo,bot", "Cleo,bot,Ben,Amira")
    ]
    for key in ("humans", "with_model", "model"):
        assert len({(f[f"{key}_low"], f[f"{key}_high"]) for f in figures}) == 1, key


# a rare code the humans mark now and then, not on the same articles, and the model never
RARE = {"Amira": {0, 1, 2, 3}, "Ben": {0, 1, 4, 5}, "Cleo": {2, 6, 7, 8}, "bot": set()}


def test_a_model_that_passes_the_replacement_test_at_chance_alpha_is_flagged(project, tmp_path):
    rare = build(tmp_path / "rare.annotator", marked=RARE)
    args = ("agreement", str(rare), "--coders", "bot,Amira,Ben,Cleo", "--bootstrap", "200")
    (m,) = json.loads(cli(*args, "--format", "json").stdout)["variables"][0]["models"]
    # never giving the code wins the test: it agrees with whichever humans left it out
    assert m["alt_test"]["passed"] is True
    assert m["model_alpha"] <= 0.0
    assert "chance" in m["alt_test"]["caution"]
    table = cli(*args).stdout
    assert "alpha at chance" in table and "most frequent value" in table
    rows = list(csv.DictReader(io.StringIO(cli(*args, "--format", "csv").stdout)))
    assert rows[0]["bot: alternative annotator test"] == "passed (alpha at chance)"
    good = json.loads(
        cli("agreement", str(project), "--coders", "bot,Amira,Ben,Cleo", "--format", "json").stdout
    )
    assert good["variables"][0]["models"][0]["alt_test"]["caution"] == ""
