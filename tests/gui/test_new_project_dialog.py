"""File > New project…: the assistant makes a project with a codebook picked
from a preview or a file, the team, and the first import, on real files."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from annotator.gui.project_setup.new_project_dialog import NewProjectDialog
from tests.gui.accessibility import unnamed_controls

pytestmark = pytest.mark.gui


@pytest.fixture
def assistant(qtbot, tmp_path):
    dialog = NewProjectDialog(folder=tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _stored(path):
    with sqlite3.connect(path) as conn:
        coders = dict(conn.execute("SELECT name, role FROM coders"))
        codes = {
            name: (colour, key)
            for name, colour, key in conn.execute("SELECT name, color, shortcut FROM codes")
        }
        name = conn.execute("SELECT value FROM meta WHERE key = 'codebook_name'").fetchone()
    return coders, codes, name[0] if name else None


def test_the_builtin_codebooks_are_previewed_with_colours_and_keys(assistant):
    picker = assistant.codebook_page.picker
    assert picker.choose("source_types")
    tree = picker.tree
    top = tree.topLevelItem(0)
    assert top.text(0) == "Source type"
    leaves = [top.child(i) for i in range(top.childCount())]
    assert any(item.text(1) for item in leaves), "no key is shown"
    assert all(not item.icon(0).isNull() for item in leaves), "a code without its colour"
    assert "News source types" in picker.summary.text()


def test_the_assistant_creates_the_project_with_codebook_coders_and_roles(assistant, tmp_path):
    assistant.file_page.name_edit.setText("syria")
    assistant.codebook_page.picker.choose("syria_2015")
    page = assistant.coders_page
    assert page.add_coder("Amira") and page.add_coder("Ben")
    page.add_coder("Gil", "adjudicator")
    assert not page.add_coder("amira")  # the same coder twice
    assert "already a coder" in page.message.text()
    page.me.setCurrentIndex(page.me.findData("Ben"))
    assert assistant.create_project()
    created = assistant.created
    assert created.path == tmp_path / "syria.annotator"
    assert created.coder_name == "Ben" and created.import_articles
    coders, codes, name = _stored(created.path)
    assert coders == {"Amira": "coder", "Ben": "coder", "Gil": "adjudicator"}
    assert name == "Russian strikes in Syria 2015" and len(codes) > 20


def test_a_codebook_file_is_previewed_and_used(assistant, tmp_path):
    yaml_file = tmp_path / "mine.yaml"
    yaml_file.write_text(
        "name: My frames\ncodes:\n  - name: Frames\n    children:\n      - name: Conflict\n        shortcut: c\n",
        encoding="utf-8",
    )
    page = assistant.codebook_page
    page.use_file.setChecked(True)
    page.file_edit.setText(str(yaml_file))
    page.file_edit.editingFinished.emit()
    assert page.file_tree.topLevelItem(0).child(0).text(0) == "Conflict"
    assert page.file_tree.topLevelItem(0).child(0).text(1) == "c"
    assert assistant.create_project()
    _, codes, name = _stored(assistant.created.path)
    assert name == "My frames" and set(codes) == {"Frames", "Conflict"}


def test_a_bad_codebook_file_is_explained_and_leaves_no_file(assistant, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("codes: [1, 2", encoding="utf-8")
    assistant.codebook_page.use_file.setChecked(True)
    assistant.codebook_page.file_edit.setText(str(bad))
    assert not assistant.create_project()
    assert assistant.isVisible() and assistant.created is None
    assert assistant.pages.currentWidget() is assistant.codebook_page  # where the problem is
    assert assistant.message.text().endswith(".")
    assert not (tmp_path / "study.annotator").exists()


def test_an_existing_file_is_never_replaced(assistant, tmp_path):
    existing = tmp_path / "mine.annotator"
    existing.write_bytes(b"someone's project")
    assistant.file_page.name_edit.setText("mine")
    assert not assistant.create_button.isEnabled()
    assert "already exists" in assistant.file_page.where.text()
    assert not assistant.create_project()
    assert existing.read_bytes() == b"someone's project"


def test_an_empty_codebook_and_no_coders_is_a_project_too(assistant, tmp_path):
    assistant.codebook_page.use_empty.setChecked(True)
    assistant.import_page.import_first.setChecked(False)
    assert assistant.create_project()
    coders, codes, _ = _stored(assistant.created.path)
    assert coders == {} and codes == {}
    assert assistant.created.coder_name is None and not assistant.created.import_articles


def test_every_control_has_an_accessible_name(assistant):
    for row in range(assistant.steps.count()):
        assistant.steps.setCurrentRow(row)
    assistant.codebook_page.use_file.setChecked(True)
    assert unnamed_controls(assistant) == []


def test_file_new_project_opens_the_assistant_then_the_project_and_its_import(
    qtbot, window, tmp_path, monkeypatch
):
    """From the window: the assistant (not a bare save dialog), then a window
    on the new project as the coder named there, with the import dialog."""
    from annotator.gui.app import windows
    from annotator.gui.importing.import_dialog import ImportDialog

    def fill_in(dialog):
        dialog.file_page.folder_edit.setText(str(tmp_path))
        dialog.file_page.name_edit.setText("fresh")
        dialog.coders_page.add_coder("Lea")
        return int(dialog.create_project())

    imports = []
    monkeypatch.setattr(NewProjectDialog, "exec", fill_in)
    monkeypatch.setattr(ImportDialog, "exec", lambda self: imports.append(self.project.path) or 0)
    opened = []
    real_open = windows.WindowController.open

    def spy(self, *args, **kwargs):
        new = real_open(self, *args, **kwargs)
        opened.append(new)
        return new

    monkeypatch.setattr(windows.WindowController, "open", spy)
    window.actions.new_project.trigger()
    new = opened[-1]
    qtbot.addWidget(new)
    assert new.project.path == tmp_path / "fresh.annotator"
    assert new.coder.name == "Lea"
    assert imports == [tmp_path / "fresh.annotator"]
    assert window.closed
    new.close()


def test_ctrl_enter_creates_the_project_from_any_step(qtbot, assistant, tmp_path):
    from PySide6.QtWidgets import QApplication

    assistant.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is assistant, timeout=3000)
    assistant.steps.setCurrentRow(2)
    qtbot.keyClick(assistant.coders_page.name_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not assistant.isVisible()
    assert (tmp_path / "study.annotator").exists()


def test_the_start_chooser_hands_new_project_to_the_assistant(qtbot):
    from annotator.gui.app.start_dialogs import ProjectChooser

    chooser = ProjectChooser()
    qtbot.addWidget(chooser)
    button = next(b for b in chooser.findChildren(QPushButton) if b.text() == "New project…")
    button.click()
    assert chooser.wants_new and chooser.result() == chooser.DialogCode.Accepted
    assert chooser.path is None


FIRST_START = """
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from annotator.gui.app import application, start_dialogs, windows
from annotator.gui.project_setup import new_project_dialog

folder = Path(sys.argv[1])


def fill_in(dialog):
    dialog.file_page.folder_edit.setText(str(folder))
    dialog.file_page.name_edit.setText("first")
    dialog.coders_page.add_coder("Ana")
    dialog.import_page.import_first.setChecked(False)
    return int(dialog.create_project())


start_dialogs.ProjectChooser.exec = lambda self: (self._new(), 1)[1]
new_project_dialog.NewProjectDialog.exec = fill_in
real_open_new = windows.WindowController.open_new


def open_new(self, created, **kw):
    window = real_open_new(self, created, **kw)
    print("window for", window.coder.name)
    return window


windows.WindowController.open_new = open_new
QApplication.exec = lambda *args: 0
sys.exit(application.run(None))
"""


def test_the_first_start_goes_from_new_project_to_a_window(tmp_path):
    """No recent project: the chooser's New project… opens the assistant, and
    the application opens a window on what it made."""
    import os
    import subprocess
    import sys

    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_CONFIG_HOME": str(home)}
    done = subprocess.run(
        [sys.executable, "-c", FIRST_START, str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "window for Ana" in done.stdout
    assert _stored(tmp_path / "first.annotator")[0] == {"Ana": "coder"}
