"""A lead runs a study from an empty folder without the command line: the
new-project assistant (codebook, coders, first import), Project > Coders…,
Project > Assign…, Project > Coder packages…, the coders' work in their
packages, Project > Merge packages… with its dry run, the compare view's
"accept all agreed spans" for the gold standard, and the agreement
dashboard's exported report. Each dialog is
the real one, driven through its controls where the lead would click; what
the project holds is read back with a fresh SQLite connection."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.core.models import Annotation
from annotator.gui.agreement.agreement_dashboard import AgreementDashboard
from annotator.gui.app.windows import WindowController
from annotator.gui.compare.compare_view import CompareView
from annotator.gui.importing.import_dialog import ImportDialog
from annotator.gui.project_setup.new_project_dialog import NewProjectDialog
from annotator.gui.team.assign_dialog import AssignDialog
from annotator.gui.team.coders_dialog import CodersDialog
from annotator.gui.team.merge_dialog import MergeDialog
from annotator.gui.team.packages_dialog import PackagesDialog
from annotator.store.project import Project

pytestmark = pytest.mark.gui

ARTICLES = {
    f"{i:02d}.txt": f"Talks in Vienna, day {i}\n\nThe ministers met in Vienna on day {i} to discuss a ceasefire. "
    "An analyst said Washington must take the lead."
    for i in range(1, 9)
}


def _rows(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def _code_in_package(path):
    """A coder's day in their own package: one span in each of their documents."""
    with Project.open(path) as pkg:
        coder = pkg.coders()[0]
        code = pkg.codes.codebook().by_path("Frames/Conflict")
        for summary in pkg.documents.list_documents():
            doc = pkg.documents.document(summary.id)
            start = doc.text.index("ministers")
            pkg.annotations.add_annotation(Annotation(doc.id, coder.id, code.id, start, start + 9))


def test_from_an_empty_folder_to_an_adjudicated_project_and_its_report(qtbot, tmp_path, monkeypatch):
    lab = tmp_path / "lab"
    lab.mkdir()
    sources = tmp_path / "articles"
    sources.mkdir()
    for name, text in ARTICLES.items():
        (sources / name).write_text(text, encoding="utf-8")
    sent = tmp_path / "to-send"
    sent.mkdir()

    # 1. the assistant: file, built-in codebook, the coders, a first import
    assistant = NewProjectDialog(folder=lab)
    qtbot.addWidget(assistant)
    assistant.file_page.name_edit.setText("vienna")
    assert assistant.codebook_page.picker.choose("news_frames")
    assistant.coders_page.add_coder("Lead", "adjudicator")
    assistant.coders_page.add_coder("Ana")
    assistant.coders_page.me.setCurrentIndex(assistant.coders_page.me.findData("Lead"))
    assert assistant.import_page.import_first.isChecked()
    assistant.create_button.click()
    assert assistant.created is not None
    project_path = lab / "vienna.annotator"

    def import_the_folder(dialog):
        dialog.model_combo.setCurrentText("blank:en")  # no trained pipeline needed in tests
        dialog.add_paths([sources])
        dialog.name_edit.setText("Vienna talks")
        dialog.refresh_preview()
        with qtbot.waitSignal(dialog.imported, timeout=120_000):
            dialog.import_button.click()
        return 1

    monkeypatch.setattr(ImportDialog, "exec", import_the_folder)
    window = WindowController().open_new(assistant.created)
    qtbot.addWidget(window)
    assert window.coder.name == "Lead"
    assert _rows(project_path, "SELECT count(*) FROM documents") == [(8,)]

    # 2. Project > Coders…: a second coder
    def add_ben(dialog):
        dialog.new_name.setText("Ben")
        dialog.new_name.returnPressed.emit()
        return 0

    monkeypatch.setattr(CodersDialog, "exec", add_ben)
    window.actions.edit_coders.trigger()
    assert sorted(_rows(project_path, "SELECT name, role FROM coders")) == [
        ("Ana", "coder"),
        ("Ben", "coder"),
        ("Lead", "adjudicator"),
    ]

    # 3. Project > Assign…: a reliability sample of 25 %, seeded, the rest divided
    def assign(dialog):
        dialog.sample.setChecked(True)
        dialog.unit.setCurrentIndex(dialog.unit.findData("percent"))
        dialog.sample_size.setValue(25)
        dialog.seed.setValue(42)
        assert "Reliability sample: 2 document(s), coded by Ana, Ben." in dialog.preview.text()
        dialog.assign_button.click()
        return dialog.result()

    monkeypatch.setattr(AssignDialog, "exec", assign)
    window.actions.assign.trigger()
    assigned = dict(
        _rows(
            project_path,
            "SELECT c.name, count(*) FROM assignments a JOIN coders c ON c.id = a.coder_id GROUP BY c.name",
        )
    )
    assert assigned == {"Ana": 5, "Ben": 5}  # 2 in the sample + 3 of the other 6 each
    assert "reliability sample has 2 documents" in window.statusBar().currentMessage()

    # 4. Project > Coder packages…: one file per coder, to send
    def write_packages(dialog):
        dialog.folder.setText(str(sent))
        dialog.write_button.click()
        return dialog.result()

    monkeypatch.setattr(PackagesDialog, "exec", write_packages)
    window.actions.packages.trigger()
    assert sorted(p.name for p in sent.iterdir()) == ["vienna-Ana.annotator", "vienna-Ben.annotator"]

    # the coders code at home
    for name in ("Ana", "Ben"):
        _code_in_package(sent / f"vienna-{name}.annotator")

    # 5. Project > Merge packages…: preview first, then merge
    previews = []

    def merge(dialog):
        dialog.add_packages(sorted(sent.iterdir()))
        dialog.preview_button.click()
        previews.append(dialog.headline.text())
        assert _rows(project_path, "SELECT count(*) FROM annotations") == [(0,)]
        dialog.merge_button.click()
        return 0

    monkeypatch.setattr(MergeDialog, "exec", merge)
    window.actions.merge.trigger()
    assert previews == ["Dry run, nothing was changed: merging would bring 10 change(s) from 2 package(s)."]
    per_coder = dict(
        _rows(
            project_path,
            "SELECT c.name, count(*) FROM annotations a JOIN coders c ON c.id = a.coder_id GROUP BY c.name",
        )
    )
    assert per_coder == {"Ana": 5, "Ben": 5}
    assert _rows(project_path, "SELECT count(*) FROM merges") == [(2,)]
    assert window.statusBar().currentMessage().startswith("Merged 10 change(s) from 2 package(s)")

    # 6. Compare and adjudicate: the spans both coders marked alike become gold
    def adjudicate(view):
        view.panel.agreed_everywhere.trigger()
        return 0

    monkeypatch.setattr(CompareView, "exec", adjudicate)
    window.actions.compare.trigger()
    gold = _rows(
        project_path,
        "SELECT count(*) FROM annotations a JOIN coders c ON c.id = a.coder_id "
        "WHERE c.role = 'adjudicator' AND a.origin = 'adjudicated'",
    )
    assert gold == [(2,)]  # the two articles of the reliability sample

    # 7. The agreement dashboard writes the report for the paper
    report = tmp_path / "agreement.html"

    def export_report(dashboard):
        dashboard.setProperty("computed_once", True)
        dashboard.compute()
        qtbot.waitUntil(lambda: dashboard.worker is None and dashboard.report is not None, timeout=60_000)
        dashboard.export_to("html", report)
        return 0

    monkeypatch.setattr(AgreementDashboard, "exec", export_report)
    window.actions.agreement.trigger()
    text = report.read_text(encoding="utf-8")
    assert "Conflict" in text and "Ana" in text and "Ben" in text
    window.close()
