"""The command line tells a user what happened: documents found by part of
their title, a failed command exits non-zero, zero results come with a reason,
shares print as percentages, tables never cut a name, a reason is said once."""

from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

from annotator.cli.main import cli
from annotator.services.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.annotator"
    build_demo(path)
    return path


@pytest.fixture
def project(demo, tmp_path):
    copy = tmp_path / "study.annotator"
    copy.write_bytes(demo.read_bytes())
    return copy


def run(*args: object, columns: int = 80):
    runner = CliRunner()
    return runner.invoke(cli, [str(a) for a in args], env={"COLUMNS": str(columns)}, catch_exceptions=False)


def test_a_document_is_found_by_a_unique_part_of_its_title(project):
    by_prefix = run("compare", project, "Residents Describe Deadly Strike", "--coders", "Amira,Ben")
    assert by_prefix.exit_code == 0, by_prefix.output
    assert "Residents Describe Deadly Strike on Market in Homs Province" in by_prefix.output
    by_part = run("compare", project, "deadly strike on market", "--coders", "Amira,Ben")
    assert by_part.exit_code == 0 and "Homs Province" in by_part.output


def test_several_matching_titles_are_named_not_guessed(project):
    res = run("compare", project, "syria", "--coders", "Amira,Ben")
    assert res.exit_code == 1
    assert "'syria' matches 5 documents" in res.output
    assert "Vienna Talks on Syria" in res.output and "Traceback" not in res.output
    assert run("compare", project, "no such title").output.startswith("Error: No document matches")


def test_an_import_that_imports_nothing_exits_non_zero(project, tmp_path):
    table = tmp_path / "articles.csv"
    table.write_text("body,headline\nSome text about the strikes.,A title\n", encoding="utf-8")
    res = run("import", project, table, "--columns", "text=nosuch,title=headline")
    assert res.exit_code == 1
    assert "no column 'nosuch'" in res.output
    assert "Nothing was imported: 1 article could not be read" in res.output


def test_accepting_agreed_spans_leaves_out_a_coder_who_coded_nothing(project):
    assert run("coders", "add", project, "Dana").exit_code == 0
    res = run("adjudicate", project, "--accept-agreed")
    assert res.exit_code == 0, res.output
    assert "Dana coded no span here and was left out" in res.output
    assert "63 agreed spans accepted" in res.output
    again = run("adjudicate", project, "--accept-agreed")
    assert (
        "0 agreed spans accepted" in again.output and "No span not yet in the gold standard" in again.output
    )
    named = run("adjudicate", project, "--accept-agreed", "--coders", "Amira,Dana")
    assert named.exit_code == 1 and "leave them out of --coders" in named.output


def test_agreement_prints_percentages_whole_names_and_each_reason_once(project):
    with sqlite3.connect(project) as db:
        db.execute(
            "UPDATE codes SET name = 'A very long code name that no eighty column table can hold on one line' "
            "WHERE name = 'Quagmire'"
        )
    res = run("agreement", "report", project, columns=80)
    assert res.exit_code == 0, res.output
    assert "93.3%" in res.output and "0.933" not in res.output
    assert "…" not in res.output
    assert "on one line" in res.output  # folded onto further lines, never cut
    assert res.output.count("Defined for exactly two coders") == 1


def test_stratifying_by_an_empty_field_says_so(project):
    with sqlite3.connect(project) as db:
        db.execute("UPDATE documents SET outlet = ''")
    res = run("assign", project, "--reliability-sample", "4", "--seed", "1", "--stratify", "outlet")
    assert res.exit_code == 0, res.output
    assert "No document has an outlet, so the sample was drawn without strata." in res.output


def test_an_annotation_import_that_brings_nothing_exits_non_zero(project, tmp_path):
    empty = tmp_path / "nothing.jsonl"
    empty.write_text("", encoding="utf-8")
    res = run("import-annotations", project, empty, "--format", "jsonl")
    assert res.exit_code == 1
    assert "Nothing was imported from nothing.jsonl: the file holds none." in res.output


def test_an_export_says_what_its_format_cannot_carry(project, tmp_path):
    res = run("export", project, "--format", "qdpx", "-o", tmp_path / "out.qdpx", "--keep-code-names")
    assert res.exit_code == 0, res.output
    assert "Not carried by qdpx: 18 codes share a name with a code in another group" in res.output
    unique = run("export", project, "--format", "qdpx", "-o", tmp_path / "unique.qdpx")
    assert "share a name" not in unique.output


def test_at_a_terminal_several_matching_titles_offer_a_choice(project):
    import os
    import pty
    import select
    import subprocess
    import sys
    import time

    main, child = pty.openpty()
    env = dict(os.environ, COLUMNS="100", TERM="xterm")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "compare",
            str(project),
            "syria",
            "--coders",
            "Amira,Ben",
        ],
        stdin=child,
        stdout=child,
        stderr=child,
        env=env,
    )
    os.close(child)
    out = b""
    deadline = time.monotonic() + 60
    answered = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(main, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        if not answered and b"which one" in out:
            os.write(main, b"5\n")  # the fifth: Vienna Talks on Syria
            answered = True
        if proc.poll() is not None and not ready:
            break
    proc.wait(timeout=30)
    os.close(main)
    import re

    text = re.sub(r"\x1b\[[0-9;]*m", "", out.decode("utf-8", "replace"))
    assert answered, text
    assert "5 documents match 'syria'" in text
    assert "Vienna Talks on Syria End With Agreement to Keep Talking  (Amira, Ben)" in text
    assert proc.returncode == 0
