"""`annotator codebook diff/merge/split/migrate` on a real project file, in a
real process: known answers per format, and one-sentence errors."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.codebook_versions_project import build


@pytest.fixture
def project(tmp_path) -> Path:
    path = tmp_path / "versions.annotator"
    build(path)
    return path


def annotator(*args: object, ok: bool = True) -> subprocess.CompletedProcess:
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)],
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "COLUMNS": "160"},
    )
    if ok:
        assert out.returncode == 0, out.stderr
    return out


def test_diff_as_json(project):
    data = json.loads(
        annotator("codebook", "diff", project, "--from", 3, "--to", 5, "--format", "json").stdout
    )
    assert data["from"] == 3 and data["to"] == 5
    assert [(c["version"], c["kind"], c["code_id"]) for c in data["changes"]] == [
        (4, "merged", "eli"),
        (5, "split", "con"),
    ]
    assert data["changes"][0]["detail"]["from"] == ["off", "ngo"]
    assert data["changes"][1]["code_path"] == "Other frames/Conflict frame"


def test_diff_as_markdown_and_table(project):
    md = annotator("codebook", "diff", project, "--from", 1, "--to", 2, "--format", "markdown").stdout
    assert md.splitlines()[2:5] == [
        "| Version | Date | Change | Code |",
        "|---:|---|---|---|",
        md.splitlines()[4],
    ]
    assert md.splitlines()[4].startswith("| 2 | ") and "Renamed “Conflict” to “Conflict frame”." in md
    table = annotator("codebook", "diff", project).stdout
    assert "Codebook version 1 to 7" in table and "Split “Conflict frame”" in table


def test_diff_of_a_version_that_does_not_exist_is_one_sentence(project):
    out = annotator("codebook", "diff", project, "--to", 12, ok=False)
    assert out.returncode == 1
    assert "The last codebook version 12 does not exist; this project has versions 1 to 7." in out.stderr
    assert "Traceback" not in out.stderr


def test_merge_and_split_from_the_command_line(project):
    out = annotator(
        "codebook",
        "merge",
        project,
        "--code",
        "Source type/Elite",
        "--code",
        "Source type/Rebel",
        "--into",
        "Actors",
    )
    assert "the codebook is now version 8" in out.stdout
    out = annotator(
        "codebook", "split", project, "Source type/Actors", "--into", "State", "--into", "Non-state"
    )
    assert "Split Actors into State, Non-state; the codebook is now version 9." in out.stdout
    data = json.loads(annotator("codebook", "diff", project, "--from", 7, "--format", "json").stdout)
    assert [c["description"] for c in data["changes"]] == [
        "Merged “Elite”, “Rebel” into “Actors”.",
        "Split “Actors” into “State”, “Non-state”.",
    ]
    bad = annotator("codebook", "split", project, "Source type/State", "--into", "Only", ok=False)
    assert bad.returncode == 1 and "A code splits into at least two other codes." in bad.stderr


MAPPING = """splits:
  Other frames/Conflict frame:
    default: Military
    codings:
      bo-con: Other frames/Political
"""


def test_migrate_lists_decisions_then_replays_with_the_leads_mapping(project, tmp_path):
    conn = sqlite3.connect(str(project))
    with conn:
        conn.execute(
            "UPDATE annotations SET start = 8 WHERE id = 'bo-ngo'"
        )  # overlaps bo-off, both become Elite
    conn.close()
    dry = annotator("codebook", "migrate", project, "--dry-run")
    assert "1 span given a new code overlaps a span of the same coder with that code" in dry.stdout
    assert "Codings that need a decision" in dry.stdout and "bo-con" in dry.stdout
    assert (
        "Dry run to version 7: 5 codings given a new code, 0 kept their code; 2 need a decision" in dry.stdout
    )
    refused = annotator("codebook", "migrate", project, ok=False)
    assert refused.returncode == 1
    assert "2 codings need a decision for a split code, so nothing was changed" in refused.stderr
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(MAPPING, encoding="utf-8")
    done = annotator("codebook", "migrate", project, "--mapping", mapping)
    assert (
        "Codings brought to codebook version 7: 7 codings given a new code, 0 kept their code." in done.stdout
    )
    again = annotator("codebook", "migrate", project, "--mapping", mapping)
    assert "0 codings given a new code, 0 kept their code." in again.stdout


def test_migrate_with_a_bad_mapping_is_one_sentence(project, tmp_path):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text("splits:\n  Other frames/Conflict frame: {default: Elite}\n", encoding="utf-8")
    out = annotator("codebook", "migrate", project, "--mapping", mapping, ok=False)
    assert out.returncode == 1 and "is not one of the codes" in out.stderr and "Traceback" not in out.stderr
    out = annotator("codebook", "migrate", project, "--mapping", tmp_path / "missing.yaml", ok=False)
    assert out.returncode == 1 and "there is no such file" in out.stderr
