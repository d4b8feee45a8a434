"""The services behind the lead's dialogs: a new project with coders and
roles, a team's packages at once, the merge report in words, and one
assignment draft for the window and the command line."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from annotator.core.errors import AnnotatorError, CodebookError, ProjectError
from annotator.core.models import Document
from annotator.services import assignment, team_packages
from annotator.services.packages import MergeReport
from annotator.services.projects import add_coder, builtin_codebook_titles, init_project
from annotator.store.project import Project


@pytest.fixture
def team(tmp_path):
    path = tmp_path / "study.annotator"
    with init_project(path, codebook="news_frames", coders=["Ana", "Ben"]) as p:
        p.documents.add_documents(
            [Document(f"Article {i} about the talks.", title=f"A{i}") for i in range(10)]
        )
    return path


def test_a_new_project_gets_its_coders_with_their_roles(tmp_path):
    path = tmp_path / "new.annotator"
    init_project(path, codebook="source_types", coders=["Ana", "Gil"], roles={"Gil": "adjudicator"}).close()
    with sqlite3.connect(path) as conn:
        roles = dict(conn.execute("SELECT name, role FROM coders"))
        codes = conn.execute("SELECT count(*) FROM codes").fetchone()[0]
    assert roles == {"Ana": "coder", "Gil": "adjudicator"}
    assert codes > 5


def test_a_bad_codebook_leaves_no_file_and_an_existing_file_is_never_replaced(tmp_path):
    path = tmp_path / "new.annotator"
    with pytest.raises(CodebookError):
        init_project(path, codebook="no_such_codebook")
    assert not path.exists()
    path.write_bytes(b"not yours to replace")
    with pytest.raises(ProjectError):
        init_project(path, codebook="news_frames")
    assert path.read_bytes() == b"not yours to replace"


def test_the_builtin_codebooks_are_listed_by_their_titles():
    titles = builtin_codebook_titles()
    assert titles["news_frames"].startswith("Generic news frames")
    assert set(titles) == {"news_frames", "policy_frames", "source_types", "syria_2015"}


def test_packages_for_a_team_are_named_by_coder_and_never_replace_a_file_unasked(team, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "study-Ben.annotator").write_bytes(b"an older package")
    with Project.open(team) as p:
        with pytest.raises(AnnotatorError, match="already exists"):
            team_packages.make_packages(p, ["Ana", "Ben"], out)
        assert not (out / "study-Ana.annotator").exists()  # checked before the first was written
        written = team_packages.make_packages(p, ["Ana", "Ben"], out, force=True)
    assert [(w.coder, w.path.name, w.documents) for w in written] == [
        ("Ana", "study-Ana.annotator", 10),
        ("Ben", "study-Ben.annotator", 10),
    ]
    with sqlite3.connect(out / "study-Ben.annotator") as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM coders")] == ["Ben"]


def test_two_coders_whose_names_give_one_file_name_are_refused(team, tmp_path):
    with Project.open(team) as p:
        add_coder(p, "Ana/B")
        add_coder(p, "Ana:B")
        with pytest.raises(AnnotatorError, match="would both be called"):
            team_packages.make_packages(p, ["Ana/B", "Ana:B"], tmp_path)
    assert list(tmp_path.glob("study-*")) == []


def test_the_merge_report_in_words():
    report = MergeReport(
        package="/x/study-Ana.annotator",
        warnings=["study-Ana.annotator came with a journal."],
        unknown_documents=["d1", "d2"],
        refused=[f"reason {i}" for i in range(3)],
    )
    lines = team_packages.merge_report_lines(report, most_refusals=2)
    assert [line.kind for line in lines] == ["warning", "skipped", "refused", "refused", "refused", "refused"]
    assert lines[1].text == "study-Ana.annotator: 2 documents are not in the project and were skipped."
    assert lines[-1].text == "study-Ana.annotator: ... and 1 more refused."


def test_the_draft_is_the_sample_the_command_line_draws(team, tmp_path):
    copy = tmp_path / "copy.annotator"
    copy.write_bytes(team.read_bytes())
    with Project.open(team) as p:
        ids = [c.id for c in p.coders()]
        draft = assignment.draft_assignment(p, ids, percent=30, seed=7, stratify="outlet")
    assert len(draft.plan.reliability_sample) == 3
    assert draft.warning == "No document has an outlet, so the sample was drawn without strata."
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "assign",
            str(copy),
            "--reliability-sample",
            "30%",
            "--seed",
            "7",
            "--stratify",
            "outlet",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(copy) as conn:
        sample = conn.execute("SELECT value FROM meta WHERE key = 'reliability_sample'").fetchone()[0]
    assert sorted(sample.split(",")) == draft.plan.reliability_sample


def test_a_draft_without_coders_is_refused(team):
    with Project.open(team) as p:
        with pytest.raises(AnnotatorError, match="no coders"):
            assignment.draft_assignment(p, [], everything=True)
