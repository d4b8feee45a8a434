"""`annotator agreement diagnose` and `annotator agreement plan` on a real project
file: the figures in each format, and one-sentence errors."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.services.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli-diagnose") / "demo.annotator"
    build_demo(path)
    return path


def run(*args: object, ok: bool = True):
    result = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False, env={"COLUMNS": "120"})
    if ok:
        assert result.exit_code == 0, result.output
    return result


def test_diagnose_json_in_a_real_process(demo):
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "agreement", "diagnose", str(demo), "--codes", "Source type",
         "--format", "json", "--drift-by", "order", "--block", "5"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    data = json.loads(out.stdout)
    (v,) = data["variables"]
    assert v["name"] == "Source type"
    assert {(p["first"], p["second"]) for p in v["pairs"]} == {
        ("Amira", "Ben"),
        ("Amira", "Chen"),
        ("Ben", "Chen"),
    }
    assert {e["coder"] for e in v["leave_one_out"]} == {"Amira", "Ben", "Chen"}
    assert {d["period"] for d in v["drift"]} == {"articles 1-5", "articles 6-10"}
    assert data["parameters"]["drift_by"] == "order"


def test_diagnose_table_names_the_coder_who_lowers_alpha(demo):
    out = run("agreement", "diagnose", demo, "--codes", "Source type", "--top", "3").output
    assert "Alpha without each coder" in out and "Where they part ways" in out
    assert "Articles with the most disagreement" in out and "Drift" in out


def test_diagnose_csv_to_a_file(demo, tmp_path):
    target = tmp_path / "diag.csv"
    run("agreement", "diagnose", demo, "--codes", "Dominant frame", "--format", "csv", "-o", target)
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    sections = {r["section"] for r in rows}
    assert {"pair", "pair confusion", "leave one out", "usage", "drift", "article"} <= sections
    again = run("agreement", "diagnose", demo, "--format", "csv", "-o", target, ok=False)
    assert again.exit_code == 1 and "--force" in again.output


def test_plan_before_coding_reproduces_the_published_cell():
    out = run("agreement", "plan", "--alpha-min", "0.8", "--categories", "4").output
    assert "At least 139 units" in out
    data = json.loads(run("agreement", "plan", "--alpha-min", "0.667", "--smallest-share", "0.25",
                          "--format", "json").output)  # fmt: skip
    assert data["units"] == 81


def test_plan_of_a_project_says_how_many_more_articles(demo):
    out = run("agreement", "plan", demo, "--bootstrap", "200", "--seed", "1").output
    assert "more articles to lift the lower bound for" in out
    assert "square root" in out  # the method and its assumption are stated


def test_plan_of_a_project_is_reproducible_without_naming_a_seed(demo):
    # the dashboard's seed, so the window's line and the command agree by default
    plain = run("agreement", "plan", demo, "--bootstrap", "200", "--format", "json").output
    again = run("agreement", "plan", demo, "--bootstrap", "200", "--format", "json").output
    seeded = run("agreement", "plan", demo, "--bootstrap", "200", "--seed", "1", "--format", "json").output
    assert plain == again == seeded


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("agreement", "plan"), "--smallest-share"),
        (("agreement", "plan", "--smallest-share", "0.2", "--categories", "4"), "not both"),
        (
            ("agreement", "diagnose", "{demo}", "--unit", "sentence", "--coders", "Amira"),
            "at least two coders",
        ),
    ],
)
def test_errors_are_one_sentence(demo, args, message):
    result = run(*(str(a).replace("{demo}", str(demo)) for a in args), ok=False)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert message in result.output and result.output.strip().count("\n") == 0


def test_csv_never_hands_a_spreadsheet_a_formula(tmp_path):
    path = tmp_path / "hostile.annotator"
    build_demo(path)
    run("coders", "rename", path, "Ben", "=HYPERLINK(1)")
    out = run("agreement", "diagnose", path, "--codes", "Dominant frame", "--format", "csv").output
    coders = {r["coder"] for r in csv.DictReader(io.StringIO(out))}
    assert "'=HYPERLINK(1)" in coders and "=HYPERLINK(1)" not in coders


def test_names_reach_the_terminal_as_plain_text(tmp_path):
    path = tmp_path / "names.annotator"
    build_demo(path)
    run("coders", "rename", path, "Ben", "[bold red]Eve")
    run("coders", "rename", path, "Chen", "Mal\x1b[2Jory")
    out = run("agreement", "diagnose", path, "--codes", "Source type").output
    assert "[bold red]Eve" in out and "\x1b" not in out
    plan = run("agreement", "plan", path, "--bootstrap", "50", "--seed", "1").output
    assert "\x1b" not in plan
