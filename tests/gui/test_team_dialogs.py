"""The lead's dialogs on real project files: coders, assignment, coder
packages and merging them back. What they stored is read back through a
fresh SQLite connection."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from annotator.core.models import Annotation, Document
from annotator.gui.team.assign_dialog import AssignDialog
from annotator.gui.team.coders_dialog import CodersDialog
from annotator.gui.team.merge_dialog import MergeDialog
from annotator.gui.team.packages_dialog import PackagesDialog
from annotator.services.project_files import open_project
from annotator.services.projects import init_project
from annotator.store.project import Project
from tests.gui.accessibility import unnamed_controls

pytestmark = pytest.mark.gui


@pytest.fixture
def study(tmp_path):
    """Ten articles without outlets, the frames codebook, two coders."""
    path = tmp_path / "study.annotator"
    with init_project(path, codebook="news_frames", coders=["Ana", "Ben"]) as p:
        p.documents.add_documents(
            [Document(f"Article {i}: the ministers met in Vienna to talk.", title=f"A{i}") for i in range(10)]
        )
    return path


@pytest.fixture
def project(study):
    p = open_project(study)
    yield p
    p.close()


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _rows(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


# --- coders ---------------------------------------------------------------------------------


def test_coders_are_added_renamed_recoloured_and_given_a_role(qtbot, project, study):
    dialog = _shown(qtbot, CodersDialog(project))
    assert dialog.table.rowCount() == 2
    assert dialog.add_coder("Gil", "adjudicator") is not None
    assert dialog.current().name == "Gil"
    dialog.table.setCurrentCell(0, 0)
    assert dialog.current().name == "Ana"
    assert dialog.rename("Anna")
    assert dialog.set_colour("#123456")
    assert dialog.set_role("adjudicator")
    stored = {
        name: (colour, role) for name, colour, role in _rows(study, "SELECT name, color, role FROM coders")
    }
    assert stored["Anna"] == ("#123456", "adjudicator")
    assert stored["Gil"][1] == "adjudicator" and "Ana" not in stored


def test_a_bad_coder_change_is_one_sentence_and_changes_nothing(qtbot, project, study):
    dialog = _shown(qtbot, CodersDialog(project))
    before = _rows(study, "SELECT id, name, color, role FROM coders ORDER BY id")
    dialog.table.setCurrentCell(0, 0)
    assert not dialog.rename("Ben")
    assert dialog.message.text() == "There is already a coder named 'Ben'."
    assert dialog.name_edit.text() == "Ana"  # the form shows what is stored
    assert not dialog.set_colour("red")
    assert dialog.add_coder("   ") is None
    assert dialog.message.text() == "A coder needs a name."
    assert _rows(study, "SELECT id, name, color, role FROM coders ORDER BY id") == before


def test_renaming_a_coder_keeps_their_annotations(qtbot, project, study):
    ana = project.coder_by_name("Ana")
    doc = project.documents.list_documents()[0]
    code = project.codes.codebook().leaves("span")[0]
    project.annotations.add_annotation(Annotation(doc.id, ana.id, code.id, 0, 7))
    dialog = _shown(qtbot, CodersDialog(project))
    dialog.table.setCurrentCell(0, 0)
    assert dialog.table.item(0, 3).text() == "1"
    assert dialog.rename("Ana Lima")
    assert _rows(study, "SELECT c.name FROM annotations a JOIN coders c ON c.id = a.coder_id") == [
        ("Ana Lima",)
    ]


# --- assignment -----------------------------------------------------------------------------


def test_all_to_all_assigns_every_document_to_every_coder(qtbot, project, study):
    dialog = _shown(qtbot, AssignDialog(project))
    dialog.everything.setChecked(True)
    assert dialog.assign()
    assert _rows(study, "SELECT coder_id, count(*) FROM assignments GROUP BY coder_id")[0][1] == 10
    assert len(_rows(study, "SELECT DISTINCT coder_id FROM assignments")) == 2


def test_the_reliability_sample_is_previewed_then_stored_as_drawn(qtbot, project, study):
    dialog = _shown(qtbot, AssignDialog(project))
    dialog.sample.setChecked(True)
    dialog.unit.setCurrentIndex(dialog.unit.findData("documents"))
    dialog.sample_size.setValue(4)
    dialog.seed.setValue(2015)
    assert "Reliability sample: 4 document(s)" in dialog.preview.text()
    assert "Ana: 7 document(s) (3 for them alone)" in dialog.preview.text()
    drawn = list(dialog.draft.plan.reliability_sample)
    assert dialog.assign()
    stored = _rows(study, "SELECT value FROM meta WHERE key = 'reliability_sample'")[0][0]
    assert sorted(stored.split(",")) == drawn
    per_coder = dict(
        _rows(
            study,
            "SELECT c.name, count(*) FROM assignments a JOIN coders c ON c.id = a.coder_id GROUP BY c.name",
        )
    )
    assert per_coder == {"Ana": 7, "Ben": 7}


def test_stratifying_by_an_empty_field_warns_before_anything_is_stored(qtbot, project, study):
    dialog = _shown(qtbot, AssignDialog(project))
    dialog.stratify.setCurrentIndex(dialog.stratify.findData("outlet"))
    assert dialog.warning.isVisibleTo(dialog)
    assert dialog.warning.text() == "No document has an outlet, so the sample was drawn without strata."
    assert _rows(study, "SELECT count(*) FROM assignments") == [(0,)]
    dialog.stratify.setCurrentIndex(0)
    assert not dialog.warning.isVisibleTo(dialog)


def test_a_sample_larger_than_the_project_cannot_be_assigned(qtbot, project, study):
    dialog = _shown(qtbot, AssignDialog(project))
    dialog.unit.setCurrentIndex(dialog.unit.findData("documents"))
    dialog.sample_size.setValue(11)
    assert not dialog.assign_button.isEnabled()
    assert dialog.preview.text() == "The sample of 11 documents is larger than the project (10 documents)."
    assert not dialog.assign()
    assert _rows(study, "SELECT count(*) FROM assignments") == [(0,)]


def test_no_coder_chosen_means_nothing_to_assign(qtbot, project):
    dialog = _shown(qtbot, AssignDialog(project))
    for row in range(dialog.coders.count()):
        dialog.coders.item(row).setCheckState(dialog.coders.item(row).checkState().Unchecked)
    assert not dialog.assign_button.isEnabled()
    assert "no coders" in dialog.preview.text()


def _queues(path) -> dict[str, list[str]]:
    rows = _rows(
        path,
        "SELECT c.name, a.document_id FROM assignments a JOIN coders c ON c.id = a.coder_id "
        "ORDER BY c.name, a.queue_position",
    )
    out: dict[str, list[str]] = {}
    for name, doc in rows:
        out.setdefault(name, []).append(doc)
    return out


def test_hidden_checks_from_the_dialog_are_the_draw_the_cli_makes(qtbot, project, study, tmp_path):
    twin = tmp_path / "twin.annotator"
    shutil.copyfile(study, twin)
    dialog = _shown(qtbot, AssignDialog(project))
    dialog.hidden.setChecked(True)
    dialog.unit.setCurrentIndex(dialog.unit.findData("percent"))
    dialog.sample_size.setValue(30)
    dialog.seed.setValue(11)
    assert dialog.preview.text().startswith("Hidden checks: 3 document(s), coded by Ana, Ben;")
    assert dialog.assign()
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "assign",
            str(twin),
            "--hidden-checks",
            "30%",
            "--seed",
            "11",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert cli.returncode == 0, cli.stderr
    assert _queues(study) == _queues(twin)
    assert _rows(study, "SELECT method, seed, sample_size, percent FROM assignment_draws") == [
        ("hidden_checks", 11, 3, 30.0)
    ]
    assert sorted(_rows(study, "SELECT document_id FROM hidden_checks")) == sorted(
        _rows(twin, "SELECT document_id FROM hidden_checks")
    )
    assert "hidden checks" in dialog.summary()


# --- packages and merge ---------------------------------------------------------------------


def _code_in_package(path, text="ministers"):
    """The coder's day in their own copy: one span."""
    with Project.open(path) as pkg:
        coder = pkg.coders()[0]
        doc = pkg.documents.document(pkg.documents.list_documents()[0].id)
        code = pkg.codes.codebook().leaves("span")[0]
        start = doc.text.index(text)
        pkg.annotations.add_annotation(Annotation(doc.id, coder.id, code.id, start, start + len(text)))


def test_packages_are_written_for_the_chosen_coders(qtbot, project, study, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    dialog = _shown(qtbot, PackagesDialog(project))
    dialog.folder.setText(str(out))
    dialog.coders.item(1).setCheckState(dialog.coders.item(1).checkState().Unchecked)
    assert f"Ana → {out / 'study-Ana.annotator'}" in dialog.plan.text()
    assert dialog.write()
    assert [p.name for p in out.iterdir()] == ["study-Ana.annotator"]
    assert _rows(out / "study-Ana.annotator", "SELECT name FROM coders") == [("Ana",)]
    assert "Wrote 1 package" in dialog.summary()


def test_a_package_in_the_way_is_kept_unless_replacing_is_allowed(qtbot, project, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "study-Ben.annotator").write_bytes(b"last week's package")
    dialog = _shown(qtbot, PackagesDialog(project))
    dialog.folder.setText(str(out))
    assert "(already there)" in dialog.plan.text()
    assert not dialog.write()
    assert dialog.isVisible() and "already exists" in dialog.plan.text()
    assert (out / "study-Ben.annotator").read_bytes() == b"last week's package"
    assert not (out / "study-Ana.annotator").exists()
    dialog.replace.setChecked(True)
    assert dialog.write()
    assert _rows(out / "study-Ben.annotator", "SELECT name FROM coders") == [("Ben",)]


def test_the_dry_run_previews_the_merge_and_changes_nothing(qtbot, project, study, tmp_path):
    packages = _shown(qtbot, PackagesDialog(project))
    packages.folder.setText(str(tmp_path))
    assert packages.write()
    for name in ("Ana", "Ben"):
        _code_in_package(tmp_path / f"study-{name}.annotator")
    dialog = _shown(qtbot, MergeDialog(project))
    dialog.add_packages([tmp_path / "study-Ana.annotator", tmp_path / "study-Ben.annotator"])
    dialog.run(dry_run=True)
    assert dialog.headline.text().startswith("Dry run, nothing was changed: merging would bring 2 change(s)")
    assert [dialog.table.item(r, 2).text() for r in range(2)] == ["1", "1"]  # added
    assert _rows(study, "SELECT count(*) FROM annotations") == [(0,)]
    assert dialog.merge_button.isVisible()
    dialog.run(dry_run=False)
    assert dialog.headline.text().startswith("Merged 2 change(s) from 2 package(s)")
    assert _rows(study, "SELECT count(*) FROM annotations") == [(2,)]
    assert not dialog.merge_button.isVisibleTo(dialog)  # Ctrl+Enter now closes the dialog


def test_a_refused_package_is_reported_and_the_others_still_merge(qtbot, project, study, tmp_path):
    packages = _shown(qtbot, PackagesDialog(project))
    packages.folder.setText(str(tmp_path))
    assert packages.write()
    _code_in_package(tmp_path / "study-Ana.annotator")
    stranger = tmp_path / "stranger.annotator"
    init_project(stranger, codebook="news_frames", coders=["Ana"]).close()
    dialog = _shown(qtbot, MergeDialog(project))
    dialog.add_packages([stranger, tmp_path / "study-Ana.annotator"])
    dialog.run(dry_run=False)
    assert dialog.table.item(0, 1).text() == "refused"
    assert "stranger.annotator is not a coder package" in dialog.report.toPlainText()
    assert "1 package(s) refused" in dialog.headline.text()
    assert _rows(study, "SELECT count(*) FROM annotations") == [(1,)]


def test_a_package_with_another_codebook_is_explained(qtbot, project, study, tmp_path):
    packages = _shown(qtbot, PackagesDialog(project))
    packages.folder.setText(str(tmp_path))
    assert packages.write()
    pkg_path = tmp_path / "study-Ana.annotator"
    with Project.open(pkg_path) as pkg:
        from annotator.core.codebook import Code

        pkg.codes.add_code(Code("Humour", color="#112233"))
    dialog = _shown(qtbot, MergeDialog(project))
    dialog.add_packages([pkg_path])
    dialog.run(dry_run=True)
    assert "different codebook" in dialog.report.toPlainText()
    dialog.codebook.setCurrentIndex(dialog.codebook.findData("add-missing"))
    dialog.run(dry_run=True)
    assert "study-Ana.annotator: codebook code only in the package: Humour" in dialog.report.toPlainText()
    assert _rows(study, "SELECT count(*) FROM codes WHERE name = 'Humour'") == [(0,)]


@pytest.mark.parametrize("make", [CodersDialog, AssignDialog, PackagesDialog, MergeDialog])
def test_every_control_has_an_accessible_name(qtbot, project, make):
    assert unnamed_controls(_shown(qtbot, make(project))) == []


def test_renaming_the_coder_of_the_window_shows_in_the_window(qtbot, window, monkeypatch):
    def rename_ana(dialog):
        dialog.table.setCurrentCell(0, 0)
        assert dialog.rename("Ana Lima")
        return 0

    monkeypatch.setattr(CodersDialog, "exec", rename_ana)
    window.actions.edit_coders.trigger()
    assert window.coder.name == "Ana Lima"
    assert window.coder_label.text() == "Coding as Ana Lima"
