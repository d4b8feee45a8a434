"""File > Export… and File > Import annotations… on a real project file:
every export format written from the window is read back by our importer,
the data-loss notice comes before anything is written, and what was written
is listed after."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from annotator.core.models import Annotation, Coder, DocumentCode
from annotator.gui.exchange.export_dialog import ExportDialog
from annotator.gui.exchange.import_annotations_dialog import ImportAnnotationsDialog
from annotator.services.exchange import exchange_formats, import_annotations
from annotator.store.project import Project

EXPORTS = [f for f in exchange_formats() if f.can_export]


@pytest.fixture
def coded_path(project_path):
    """Ana and Ben code the first article alike: a span, a second span, an article-level value."""
    with Project.open(project_path) as p:
        ben = p.add_coder(Coder("Ben"))
        ana = p.coder_by_name("Ana")
        cb = p.codes.codebook()
        span_code = cb.leaves("span")[0]
        doc_code = cb.leaves("document")[0]
        doc = p.documents.document_ids()[0]
        for coder in (ana, ben):
            p.annotations.add_annotation(Annotation(doc, coder.id, span_code.id, 0, 9))
            p.annotations.add_annotation(Annotation(doc, coder.id, span_code.id, 20, 30))
            p.annotations.set_document_code(DocumentCode(doc, coder.id, doc_code.id))
    return project_path


@pytest.fixture
def project(coded_path):
    p = Project.open(coded_path)
    yield p
    p.close()


def _target(tmp_path, fmt) -> object:
    if fmt.folder and not fmt.suffixes:
        return tmp_path / f"out-{fmt.name}"
    suffix = ".zip" if ".zip" in fmt.suffixes else fmt.suffixes[0]
    return tmp_path / f"out-{fmt.name}{suffix}"


def _export(qtbot, dialog: ExportDialog) -> list:
    worker = dialog.start()
    if worker is None:  # the notice first: what this format cannot carry
        assert dialog.notice.isVisibleTo(dialog) and dialog.notice.text()
        worker = dialog.start()
    assert worker is not None, dialog.message.text()
    # the worker may be done before a signal could be waited for: wait for its effect
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=120_000)
    assert "Wrote" in dialog.message.text(), dialog.message.text()
    return [Path(dialog.written_list.item(i).text()) for i in range(dialog.written_list.count())]


@pytest.mark.parametrize("fmt", EXPORTS, ids=[f.name for f in EXPORTS])
def test_every_format_exports_from_the_window_and_reads_back(qtbot, project, tmp_path, fmt):
    d = ExportDialog(project)
    qtbot.addWidget(d)
    d.format_combo.setCurrentIndex(d.format_combo.findData(fmt.name))
    target = _target(tmp_path, fmt)
    d.target_edit.setText(str(target))
    written = _export(qtbot, d)
    assert written and target.exists()
    assert d.written_list.count() == len(written)
    assert "Wrote" in d.message.text()
    if not fmt.can_import:
        book = openpyxl.load_workbook(target)
        assert len(book.sheetnames) >= 2
        return
    with Project.create(tmp_path / "back.annotator") as back:
        # the articles first, as a lead's project has them: CSV and the task formats carry no texts
        back.documents.add_documents(list(project.documents.iter_documents(project.documents.document_ids())))
        report = import_annotations(back, target, fmt.name, segment=False)
        if fmt.name == "qdc":
            assert report.codes_added > 0
        else:
            assert report.annotations_added + report.annotations_merged > 0


def test_the_loss_notice_comes_before_anything_is_written(qtbot, project, tmp_path):
    d = ExportDialog(project)
    qtbot.addWidget(d)
    d.format_combo.setCurrentIndex(d.format_combo.findData("brat"))
    target = tmp_path / "brat-out"
    d.target_edit.setText(str(target))
    assert d.start() is None  # stops at the notice
    assert "outlet" in d.notice.text() and not target.exists()
    d.format_combo.setCurrentIndex(d.format_combo.findData("jsonl"))  # another choice: asked again
    assert not d.notice.isVisibleTo(d)


def test_the_format_decides_which_options_show(qtbot, project):
    d = ExportDialog(project)
    qtbot.addWidget(d)
    d.format_combo.setCurrentIndex(d.format_combo.findData("spacy"))
    assert d.spacy_box.isVisibleTo(d) and not d.refi_box.isVisibleTo(d)
    sources = [d.source_combo.itemData(i) for i in range(d.source_combo.count())]
    assert sources[:2] == ["majority", "gold"] and "coder:Ana" in sources
    d.format_combo.setCurrentIndex(d.format_combo.findData("qdpx"))
    assert d.refi_box.isVisibleTo(d) and not d.spacy_box.isVisibleTo(d)


def test_spacy_options_reach_the_export(qtbot, project, tmp_path):
    d = ExportDialog(project)
    qtbot.addWidget(d)
    d.format_combo.setCurrentIndex(d.format_combo.findData("spacy"))
    d.source_combo.setCurrentIndex(d.source_combo.findData("coder:Ana"))
    d.config_check.setChecked(True)
    d.target_edit.setText(str(tmp_path / "train.spacy"))
    written = _export(qtbot, d)
    assert (tmp_path / "train.spacy").is_file() and (tmp_path / "train.cfg").is_file()
    assert {p.name for p in written} >= {"train.spacy", "train.cfg"}


def test_only_the_chosen_coders_are_exported(qtbot, project, tmp_path):
    d = ExportDialog(project)
    qtbot.addWidget(d)
    d.format_combo.setCurrentIndex(d.format_combo.findData("jsonl"))
    d.set_coders(["Ben"])
    d.target_edit.setText(str(tmp_path / "ben.jsonl"))
    _export(qtbot, d)
    text = (tmp_path / "ben.jsonl").read_text(encoding="utf-8")
    assert '"Ben"' in text and '"Ana"' not in text


def test_a_bad_target_is_one_sentence_and_writes_nothing(qtbot, project, tmp_path):
    d = ExportDialog(project)
    qtbot.addWidget(d)
    d.format_combo.setCurrentIndex(d.format_combo.findData("jsonl"))
    d.target_edit.setText("")
    assert d.start() is None
    assert d.message.text() and "\n" not in d.message.text()
    d.target_edit.setText(str(project.path))  # the open project itself
    assert (d.start() or d.start()) is not None
    qtbot.waitUntil(lambda: d.worker is None, timeout=60_000)
    assert "open in Annotator" in d.message.text()
    assert "\n" not in d.message.text() and d.message.text()
    assert Project.open(project.path, readonly=True).close() is None  # still a project


def test_import_annotations_from_the_window(qtbot, project, tmp_path):
    d = ExportDialog(project)
    qtbot.addWidget(d)
    d.format_combo.setCurrentIndex(d.format_combo.findData("jsonl"))
    d.target_edit.setText(str(tmp_path / "all.jsonl"))
    _export(qtbot, d)
    with Project.create(tmp_path / "other.annotator") as other:
        dialog = ImportAnnotationsDialog(other)
        qtbot.addWidget(dialog)
        dialog.path_edit.setText(str(tmp_path / "all.jsonl"))
        assert dialog.start() is not None
        qtbot.waitUntil(lambda: dialog.worker is None, timeout=120_000)
        assert "4 annotations imported" in dialog.report.toPlainText()
        assert len(other.annotations.select()) == 4


def test_the_file_menu_opens_export_and_import(qtbot, window):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    seen: list[str] = []

    def close_it() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(type(dialog).__name__)
        dialog.reject()

    for action in (window.actions.export_data, window.actions.import_annotations):
        QTimer.singleShot(300, close_it)
        action.trigger()
    assert seen == ["ExportDialog", "ImportAnnotationsDialog"]


def test_ctrl_enter_exports_once_a_target_is_given(qtbot, project, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    d = ExportDialog(project)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    d.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is d, timeout=3000)
    assert not d.export_button.isEnabled()
    d.format_combo.setCurrentIndex(d.format_combo.findData("jsonl"))
    d.target_edit.setText(str(tmp_path / "keys.jsonl"))
    d.target_edit.setFocus()
    qtbot.keyClick(d.target_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: (tmp_path / "keys.jsonl").is_file() and d.worker is None, timeout=60_000)
    assert d.isVisible() and d.written_list.count() == 1  # stays open, listing what it wrote


@pytest.mark.parametrize("fmt", ["jsonl", "brat", "qdpx"])
def test_a_cancelled_export_writes_nothing(project, tmp_path, fmt):
    from annotator.core.errors import Cancelled
    from annotator.core.task import TaskState
    from annotator.gui.exchange.export_dialog import run_export

    state = TaskState()
    state.request_interruption()  # what the Cancel button does, here before the first step
    target = tmp_path / f"cancelled.{fmt}"
    with pytest.raises(Cancelled):
        run_export(str(project.path), fmt, str(target), coders=None, batch=None, options={}, state=state)
    assert not target.exists()
