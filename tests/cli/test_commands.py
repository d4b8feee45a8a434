"""The command line on real project files: results, and one-sentence errors."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from tests.data_paths import SEED


@pytest.fixture
def run():
    runner = CliRunner()

    def invoke(*args: str, ok: bool = True):
        result = runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return invoke


def test_version(run):
    assert run("--version").output.startswith("annotator ")


def test_init_codebook_coders_and_info(run, tmp_path):
    p = tmp_path / "study.annotator"
    run("init", p, "--codebook", "syria_2015", "--coder", "Amira")
    run("coders", "add", p, "Ben", "--role", "adjudicator")
    run("coders", "rename", p, "Ben", "Benedikt")
    out = run("coders", "list", p).output
    assert "Amira" in out and "Benedikt" in out and "adjudicator" in out
    shown = run("codebook", "show", p).output
    assert "Appeasement" in shown and "Source type" in shown
    exported = tmp_path / "cb.yaml"
    run("codebook", "export", p, "-o", exported)
    assert "Appeasement" in exported.read_text(encoding="utf-8")
    assert "Amira" in run("info", p).output


def test_errors_are_one_sentence_without_traceback(run, tmp_path):
    missing = run("info", tmp_path / "nope.annotator", ok=False)
    assert missing.exit_code == 1
    assert missing.output.strip() == f"Error: There is no project file at {tmp_path / 'nope.annotator'}."
    p = tmp_path / "p.annotator"
    run("init", p, "--coder", "Amira")
    dup = run("coders", "add", p, "amira", ok=False)
    assert dup.exit_code == 1 and "Traceback" not in dup.output and "already a coder" in dup.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("codes:\n  - name: A\n    shortcut: a\n  - name: B\n    shortcut: a\n")
    res = run("codebook", "import", p, bad, ok=False)
    assert res.exit_code == 1 and "shortcut 'a'" in res.output


def test_import_seed_article_twice_adds_nothing(run, tmp_path):
    p = tmp_path / "p.annotator"
    run("init", p)
    first = run("import", p, SEED, "--model", "blank:en", "--json").output
    assert '"imported": 1' in first
    second = run("import", p, SEED, "--model", "blank:en").output
    assert "Nothing new" in second
    con = sqlite3.connect(p)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 1
    assert con.execute("SELECT count(*) FROM batches").fetchone()[0] == 1


def test_the_installed_script_runs_without_a_traceback(tmp_path):
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "info", str(tmp_path / "x.annotator")],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 1
    assert "Traceback" not in out.stderr and out.stderr.startswith("Error: ")
