"""Codebook versions in the window (issue 18, item 4): merge and split in the
editor sit on its undo stack; the versions dialog shows and copies what
`annotator codebook diff` prints; the migration dialog shows the plan, takes
the lead's split decisions and applies on a worker, once, offsets untouched.
Every effect is read back from the file with a connection of its own."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from annotator.gui.codebook.codebook_editor import CodebookEditorDialog  # noqa: E402
from annotator.gui.codebook.migration_dialog import MigrationDialog  # noqa: E402
from annotator.gui.codebook.operation_dialogs import MergeCodesDialog, SplitCodeDialog  # noqa: E402
from annotator.gui.codebook.versions_dialog import CodebookVersionsDialog  # noqa: E402
from annotator.services.codebook_migration import operation_lines  # noqa: E402
from annotator.services.codebook_versions import codebook_diff  # noqa: E402
from annotator.store.project import Project  # noqa: E402
from tests.codebook_versions_project import build  # noqa: E402

pytestmark = pytest.mark.gui


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "versions.annotator"
    build(path)
    p = Project.open(path)
    yield p
    p.close()


@pytest.fixture
def editor(qtbot, project):
    dialog = CodebookEditorDialog(project)
    qtbot.addWidget(dialog)
    return dialog


def _read(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _codes(path: Path) -> list[tuple]:
    return _read(path, "SELECT * FROM codes ORDER BY id")


def _codings(path: Path) -> list[tuple]:
    return _read(
        path,
        'SELECT id, code_id, start, "end", quote, deleted, codebook_version FROM annotations ORDER BY id',
    ) + _read(path, "SELECT * FROM document_codes ORDER BY coder_id, code_id")


def _offsets(path: Path) -> list[tuple]:
    return _read(path, 'SELECT id, document_id, start, "end", quote FROM annotations ORDER BY id')


def test_merge_in_the_editor_is_undone_with_ctrl_z(editor, project):
    codes = _codes(project.path)
    assert editor.versions.merge_codes(["mil", "pol"], "Armed")
    armed = {r[2]: r for r in _codes(project.path)}.get("Armed")
    assert armed is not None and editor.tree.item_for(armed[0]) is not None
    assert "version 8" in editor.version_label.text()
    assert editor.undo()
    assert _codes(project.path) == codes
    assert "version 9" in editor.version_label.text()  # the undoing is on record too


def test_split_in_the_editor_is_undone(editor, project):
    codes = _codes(project.path)
    editor.tree.setCurrentItem(editor.tree.item_for("eli"))
    assert editor.versions.split_code(["Government", "Civil society"])
    names = {r[2] for r in _codes(project.path)}
    assert {"Government", "Civil society"} <= names
    assert editor.undo()
    assert _codes(project.path) == codes


def test_a_refused_merge_is_one_sentence_and_changes_nothing(editor, project):
    codes = _codes(project.path)
    assert not editor.versions.merge_codes(["mil", "neg"], "Mixed")
    assert editor.message.text().count(".") == 1 and "cannot be merged" in editor.message.text()
    assert _codes(project.path) == codes


def test_migration_dialog_shows_the_plan_takes_the_decision_and_applies_once(qtbot, editor, project):
    path = project.path
    codes, codings, offsets = _codes(path), _codings(path), _offsets(path)
    assert editor.versions.merge_codes(["mil", "pol"], "Armed")  # version 8
    dialog = editor.versions.migration_dialog()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, MigrationDialog)
    # the figures shown are the service's
    lines = operation_lines(project, dialog.plan)
    shown = [[dialog.table.item(r, c).text() for c in range(4)] for r in range(dialog.table.rowCount())]
    assert shown == [[str(x.version), x.description, str(x.moved), str(x.waiting or "")] for x in lines]
    assert [(x.version, x.moved, x.waiting) for x in lines] == [(4, 3, 0), (5, 0, 2), (7, 2, 0), (8, 1, 0)]
    assert not dialog.apply_button.isEnabled()  # the split of Conflict frame waits for a decision
    combo = dialog.choice_combos["con"]
    assert [combo.itemText(i) for i in range(combo.count())][1:] == [
        "Other frames/Military",
        "Other frames/Political",
    ]
    combo.setCurrentIndex(combo.findData("pol"))
    assert dialog.apply_button.isEnabled()
    assert "8 codings given a new code" in dialog.summary.text()
    assert _codings(path) == codings  # the dry run changed nothing
    assert dialog.apply() is not None
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=10000)
    assert "brought to codebook version 8" in dialog.message.text()
    spans = dict(_read(path, "SELECT id, code_id FROM annotations"))
    armed = dict(_read(path, "SELECT name, id FROM codes"))["Armed"]
    # Conflict frame split into Political (the lead's choice), which the merge of version 8 made Armed
    assert spans["ana-con"] == spans["bo-con"] == spans["ana-mil"] == armed
    assert spans["ana-off"] == spans["bo-off"] == spans["bo-ngo"] == "eli"
    assert _offsets(path) == offsets
    # a second run has nothing to do
    assert not dialog.apply_button.isEnabled()
    assert "nothing to migrate" in dialog.summary.text()
    after = _codings(path)
    assert dialog.apply() is None and _codings(path) == after
    # the editor undoes the migration, then the merge
    assert editor.service.undo_label().startswith("Bring")
    assert editor.undo()
    assert _codings(path) == codings
    assert editor.undo()
    assert _codes(path) == codes


def test_versions_dialog_copies_what_the_command_line_prints(qtbot, project):
    dialog = CodebookVersionsDialog(project)
    qtbot.addWidget(dialog)
    changes = codebook_diff(project, 1, 7)
    assert dialog.table.rowCount() == len(changes) == 6
    assert [dialog.table.item(r, 2).text() for r in range(6)] == [c.description for c in changes]
    printed = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "codebook",
            "diff",
            str(project.path),
            "--format",
            "markdown",
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
    ).stdout
    assert dialog.copy_markdown() == printed
    assert QApplication.clipboard().text() == printed
    dialog.from_spin.setValue(4)
    dialog.to_spin.setValue(5)
    assert [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())] == ["5"]


def test_merge_and_split_dialogs_hand_back_the_choice(qtbot, project):
    codebook = project.codes.codebook()
    merge = MergeCodesDialog(codebook, ["mil"])
    qtbot.addWidget(merge)
    assert merge.chosen() == ["mil"] and not merge.ok_button.isEnabled()
    merge.into_edit.setText("Armed")
    assert merge.ok_button.isEnabled() and merge.into() == "Armed"
    split = SplitCodeDialog(codebook, "eli")
    qtbot.addWidget(split)
    split.into_edit.setPlainText("Government\n")
    assert not split.ok_button.isEnabled()
    split.into_edit.setPlainText("Government\nCivil society\n")
    assert split.ok_button.isEnabled() and split.into() == ["Government", "Civil society"]


def test_the_workbench_shows_the_migrated_codes_once_the_editor_closes(qtbot, tmp_path):
    from PySide6.QtCore import QTimer

    from annotator.gui.app.windows import start_window
    from annotator.services.codebook_migration import parse_mapping
    from annotator.services.codebook_operations import apply_migration

    path = tmp_path / "versions.annotator"
    build(path)
    with Project.open(path) as p:
        ana = p.coder("ana")
    window = start_window(path, coder=ana)
    qtbot.addWidget(window)
    window.open_document("d1")
    assert window.annotations_state["ana-con"].code_id == "con"

    def migrate_and_close() -> None:
        editor = QApplication.activeModalWidget()
        assert isinstance(editor, CodebookEditorDialog)
        mapping = parse_mapping("splits: {con: {default: pol}}", editor.codebook, source="test")
        editor.versions.migrated(apply_migration(editor.project, 7, mapping).edit)
        editor.reject()

    QTimer.singleShot(300, migrate_and_close)
    window.actions.edit_codebook.trigger()
    assert window.annotations_state["ana-con"].code_id == "pol"
    assert window.annotations_state["ana-off"].code_id == "eli"
