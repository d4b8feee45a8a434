"""The codebook editor changes the real project file, and only as the user asked."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from annotator.core.models import Annotation  # noqa: E402
from annotator.exchange.codebook_yaml import read_codebook  # noqa: E402
from annotator.gui.codebook.codebook_editor import CodebookEditorDialog  # noqa: E402
from annotator.store.project import Project  # noqa: E402
from tests.conftest import code_id  # noqa: E402
from tests.gui.accessibility import unnamed_controls


@pytest.fixture
def editor(qtbot, coded_project):
    dialog = CodebookEditorDialog(coded_project)
    qtbot.addWidget(dialog)
    dialog.confirm = lambda text: True
    return dialog


def reopened(project) -> Project:
    """The codebook as a fresh connection reads it from disk."""
    return Project.open(project.path)


def select(editor, path):
    editor.tree.setCurrentItem(editor.tree.item_for(code_id(editor.project, path)))
    assert editor.current().name == path.split("/")[-1]


def test_tree_shows_every_code_in_codebook_order(editor):
    structure = editor.tree.structure()
    codebook = editor.project.codes.codebook()
    assert set(structure) == {c.id for c in codebook}
    frames = code_id(editor.project, "Frames")
    kids = sorted((pos, cid) for cid, (parent, pos) in structure.items() if parent == frames)
    assert [codebook[cid].name for _, cid in kids] == ["Appeasement", "Conflict"]


def test_rename_is_saved_in_the_file(editor, qtbot):
    select(editor, "Frames/Conflict")
    editor.name_edit.setFocus()
    editor.name_edit.selectAll()
    qtbot.keyClicks(editor.name_edit, "Conflict / war")
    editor.name_edit.editingFinished.emit()
    with reopened(editor.project) as p:
        assert p.codes.codebook().by_path("Frames/Conflict / war") is not None
        assert p.codes.codebook().by_path("Frames/Conflict") is None


def test_duplicate_name_is_refused_and_nothing_changes(editor):
    select(editor, "Frames/Conflict")
    assert not editor.rename("Appeasement")
    assert "Appeasement" in editor.message.text()
    with reopened(editor.project) as p:
        assert p.codes.codebook().by_path("Frames/Conflict") is not None
    assert editor.name_edit.text() == "Conflict"


def test_recolour(editor):
    select(editor, "Frames/Appeasement")
    assert editor.set_color("#123456")
    with reopened(editor.project) as p:
        assert p.codes.codebook().by_path("Frames/Appeasement").color == "#123456"


def test_shortcut_conflict_is_refused_naming_the_other_code(editor, qtbot):
    select(editor, "Frames/Conflict")
    editor.shortcut_edit.setFocus()
    editor.shortcut_edit.selectAll()
    qtbot.keyClicks(editor.shortcut_edit, "o")
    editor.shortcut_edit.editingFinished.emit()
    assert "Source type / Official" in editor.message.text()
    assert editor.message.isVisible() or not editor.isVisible()
    with reopened(editor.project) as p:
        assert p.codes.codebook().by_path("Frames/Conflict").shortcut == "c"
        assert p.codes.codebook().by_path("Source type/Official").shortcut == "o"
    assert editor.shortcut_edit.text() == "c"


def test_free_shortcut_is_saved_and_case_matters_for_single_keys(editor):
    select(editor, "Frames/Conflict")
    assert editor.set_shortcut("O")  # "o" belongs to Official, "O" is another key
    with reopened(editor.project) as p:
        assert p.codes.codebook().by_path("Frames/Conflict").shortcut == "O"


def test_description_is_saved_when_the_selection_moves(editor, qtbot):
    select(editor, "Frames/Appeasement")
    editor.description_edit.setFocus()
    qtbot.keyClicks(editor.description_edit, "Concessions to an aggressor.")
    select(editor, "Frames/Conflict")
    with reopened(editor.project) as p:
        assert p.codes.codebook().by_path("Frames/Appeasement").description == "Concessions to an aggressor."


def test_description_is_saved_on_close(editor, qtbot):
    select(editor, "Frames/Conflict")
    qtbot.keyClicks(editor.description_edit, "Two sides in conflict.")
    editor.reject()
    with reopened(editor.project) as p:
        assert p.codes.codebook().by_path("Frames/Conflict").description == "Two sides in conflict."


def test_scope_and_exclusive_group(editor):
    select(editor, "Frames")
    assert editor.set_exclusive(True)
    assert editor.set_scope("document")
    with reopened(editor.project) as p:
        frames = p.codes.codebook().by_path("Frames")
        assert frames.exclusive and frames.scope == "document"
    assert editor.exclusive_check.isChecked()


def test_add_code_after_selected_and_sub_code(editor):
    select(editor, "Frames/Appeasement")
    new = editor.add_code(name="Humanitarian")
    child = editor.add_code(child=True, name="Refugees")
    with reopened(editor.project) as p:
        cb = p.codes.codebook()
        assert [c.name for c in cb.children(code_id(p, "Frames"))] == [
            "Appeasement",
            "Humanitarian",
            "Conflict",
        ]
        assert cb.by_path("Frames/Humanitarian/Refugees").id == child.id
        assert cb[new.id].color not in {c.color for c in cb if c.id != new.id}


def test_move_up_and_down(editor):
    select(editor, "Frames/Conflict")
    assert not editor.down_button.isEnabled()
    editor.up_button.click()
    with reopened(editor.project) as p:
        assert [c.name for c in p.codes.codebook().children(code_id(p, "Frames"))] == [
            "Conflict",
            "Appeasement",
        ]
    assert editor.current().name == "Conflict"
    assert editor.move_by(1)
    with reopened(editor.project) as p:
        assert [c.name for c in p.codes.codebook().children(code_id(p, "Frames"))] == [
            "Appeasement",
            "Conflict",
        ]


def test_move_under_another_parent_keeps_annotations(editor):
    project = editor.project
    alice = project.find_coder("alice")
    doc = project.documents.document_ids()[0]
    conflict = code_id(project, "Frames/Conflict")
    project.annotations.add_annotation(Annotation(doc, alice.id, conflict, 4, 12))
    editor.reload()
    assert editor.move_under(conflict, code_id(project, "Source type"), 0)
    with reopened(project) as p:
        assert p.codes.codebook().path(conflict) == "Source type/Conflict"
        assert [c.name for c in p.codes.codebook().children(code_id(p, "Source type"))][0] == "Conflict"
        assert len(p.annotations.select(code_id=conflict)) == 1
    assert not editor.move_under(code_id(project, "Source type"), conflict)  # inside itself
    assert "inside itself" in editor.message.text()


def test_drag_and_drop_moves_the_code(editor):
    tree = editor.tree
    appeasement = tree.item_for(code_id(editor.project, "Frames/Appeasement"))
    target = tree.item_for(code_id(editor.project, "Source type"))
    # what InternalMove does on a drop onto the group, followed by the drop signal
    tree.setCurrentItem(appeasement)
    appeasement.parent().removeChild(appeasement)
    target.addChild(appeasement)
    tree.moved.emit(appeasement.data(0, 256))
    with reopened(editor.project) as p:
        assert p.codes.codebook().by_path("Source type/Appeasement") is not None


def test_archive_keeps_annotations_and_restore(editor):
    project = editor.project
    alice = project.find_coder("alice")
    doc = project.documents.document_ids()[0]
    official = code_id(project, "Source type/Official")
    project.annotations.add_annotation(Annotation(doc, alice.id, official, 4, 12))
    editor.reload(official)
    assert not editor.delete_button.isEnabled()
    editor.archive_button.click()
    with reopened(project) as p:
        assert p.codes.code(official).archived
        assert len(p.annotations.select(code_id=official)) == 1
    assert "(archived)" in editor.tree.item_for(official).text(0)
    assert editor.archive_button.text() == "Restore"
    editor.show_archived.setChecked(False)
    assert editor.tree.item_for(official) is None
    editor.show_archived.setChecked(True)
    editor.tree.setCurrentItem(editor.tree.item_for(official))
    editor.archive_button.click()
    with reopened(project) as p:
        assert not p.codes.code(official).archived


def test_delete_only_unused_codes(editor):
    project = editor.project
    alice = project.find_coder("alice")
    doc = project.documents.document_ids()[0]
    used = code_id(project, "Frames/Conflict")
    project.annotations.add_annotation(Annotation(doc, alice.id, used, 0, 3))
    editor.reload(used)
    assert not editor.delete_current()  # the store refuses it even if the button were pressed
    assert "archive" in editor.message.text().lower()
    unused = code_id(project, "Frames/Appeasement")
    editor.reload(unused)
    assert editor.delete_button.isEnabled()
    assert editor.delete_current()
    with reopened(project) as p:
        assert unused not in p.codes.codebook()
        assert used in p.codes.codebook()


def test_export_then_import_yaml(editor, tmp_path):
    out = editor.export_yaml(tmp_path / "codebook.yaml")
    exported = read_codebook(out)
    assert {c.id for c in exported} == {c.id for c in editor.project.codes.codebook()}
    other = Project.create(tmp_path / "other.annotator")
    try:
        dialog = CodebookEditorDialog(other)
        counts = dialog.import_yaml(out)
        assert counts["added"] == len(exported)
        assert other.codes.codebook().by_path("Source type/Official").shortcut == "o"
        assert dialog.tree.topLevelItemCount() == 3
        dialog.close()
    finally:
        other.close()


def test_a_chosen_yaml_file_is_previewed_before_it_changes_the_codebook(editor, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from annotator.gui.codebook.yaml_preview_dialog import CodebookFileDialog

    other = tmp_path / "other.yaml"
    other.write_text(
        "name: Other study\ncodes:\n  - name: Humour\n    shortcut: u\n    color: '#cc79a7'\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    seen = []

    def look_then(answer):
        def exec_(dialog):
            seen.append(
                (dialog.summary.text(), dialog.tree.topLevelItem(0).text(0), dialog.import_button.isEnabled())
            )
            return answer

        return exec_

    before = len(editor.project.codes.codebook())
    monkeypatch.setattr(CodebookFileDialog, "exec", look_then(0))
    assert editor.import_yaml() is None  # looked, cancelled: nothing changes
    assert len(reopened(editor.project).codes.codebook()) == before
    assert seen == [("Other study: 1 codes, 1 with a key.", "Humour", True)]
    monkeypatch.setattr(CodebookFileDialog, "exec", look_then(1))
    assert editor.import_yaml()["added"] == 1
    assert len(reopened(editor.project).codes.codebook()) == before + 1


def test_a_broken_yaml_file_says_why_in_its_preview(qtbot, tmp_path):
    from annotator.gui.codebook.yaml_preview_dialog import CodebookFileDialog

    bad = tmp_path / "bad.yaml"
    bad.write_text("codes:\n  - name: A\n    shortcut: x\n  - name: B\n    shortcut: x\n", encoding="utf-8")
    dialog = CodebookFileDialog(bad, 3)
    qtbot.addWidget(dialog)
    assert not dialog.import_button.isEnabled()
    assert "'x'" in dialog.summary.text()


def test_invalid_yaml_is_refused_with_one_sentence(editor, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("codes:\n  - name: A\n    shortcut: x\n  - name: B\n    shortcut: x\n", encoding="utf-8")
    before = len(editor.project.codes.codebook())
    assert editor.import_yaml(bad) is None
    assert "bad.yaml was not imported" in editor.message.text()
    assert "'x'" in editor.message.text()
    assert len(reopened(editor.project).codes.codebook()) == before


def test_article_level_use_counts_as_use(editor):
    from annotator.core.models import DocumentCode

    project = editor.project
    peace = code_id(project, "Dominant frame/Peace frame")
    project.annotations.set_document_code(
        DocumentCode(project.documents.document_ids()[0], project.find_coder("bob").id, peace)
    )
    editor.reload(peace)
    assert not editor.delete_button.isEnabled()
    assert "Used 1 time" in editor.usage_label.text()
    assert editor.tree.item_for(peace).text(3) == "1"


def test_keyboard_delete_and_rename(editor, qtbot):
    from PySide6.QtCore import Qt

    editor.show()
    qtbot.waitExposed(editor)
    select(editor, "Frames/Appeasement")
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_F2)
    assert editor.focusWidget() is editor.name_edit
    qtbot.keyClicks(editor.name_edit, "Appeasing")
    qtbot.keyClick(editor.name_edit, Qt.Key.Key_Return)
    assert editor.project.codes.codebook().by_path("Frames/Appeasing") is not None
    select(editor, "Frames/Appeasing")
    editor.tree.setFocus()
    qtbot.keyClick(editor.tree, Qt.Key.Key_Delete)
    assert editor.project.codes.codebook().by_path("Frames/Appeasing") is None


def test_every_control_has_an_accessible_name(editor):
    assert unnamed_controls(editor) == []


def test_archiving_a_group_archives_its_values_and_restoring_brings_them_back(editor):
    project = editor.project
    frames = code_id(project, "Frames")
    editor.reload(frames)
    assert editor.toggle_archived()
    with reopened(project) as p:
        assert all(c.archived for c in p.codes.codebook().children(frames))
    editor.show_archived.setChecked(False)
    assert editor.tree.item_for(code_id(project, "Frames/Conflict")) is None
    editor.show_archived.setChecked(True)
    editor.reload(frames)
    assert editor.toggle_archived()
    with reopened(project) as p:
        assert not p.codes.code(frames).archived
        assert not any(c.archived for c in p.codes.codebook().children(frames))


def test_restoring_a_group_keeps_a_value_archived_on_its_own(editor):
    project = editor.project
    frames = code_id(project, "Frames")
    appeasement, conflict = code_id(project, "Frames/Appeasement"), code_id(project, "Frames/Conflict")
    editor.reload(frames)
    editor.toggle_archived()  # the group with both values
    editor.reload(appeasement)
    editor.toggle_archived()  # Appeasement back on its own: the values are no longer all archived
    editor.reload(frames)
    editor.toggle_archived()  # restoring the group now leaves Conflict as the lead left it
    with reopened(project) as p:
        assert not p.codes.code(frames).archived
        assert not p.codes.code(appeasement).archived
        assert p.codes.code(conflict).archived


def test_ctrl_z_undoes_a_rename_and_ctrl_shift_z_redoes_it(editor, qtbot):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    def on_disk(path: str) -> bool:
        with reopened(editor.project) as p:
            return p.codes.codebook().by_path(path) is not None

    editor.show()
    qtbot.waitExposed(editor)
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)  # shortcuts need the active window
    select(editor, "Frames/Conflict")
    assert not editor.undo_button.isEnabled()
    assert editor.rename("Conflict / war")
    assert editor.undo_button.isEnabled()
    editor.tree.setFocus()
    # a button's shortcut clicks it after its short press animation
    qtbot.keyClick(editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: on_disk("Frames/Conflict"), timeout=2000)
    qtbot.keyClick(
        editor.tree, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: on_disk("Frames/Conflict / war"), timeout=2000)


def test_an_empty_codebook_starts_from_a_builtin_one(qtbot, tmp_path):
    with Project.create(tmp_path / "empty.annotator") as p:
        pass
    with Project.open(tmp_path / "empty.annotator") as p:
        dialog = CodebookEditorDialog(p)
        qtbot.addWidget(dialog)
        counts = dialog.start_from_builtin("source_types")
        assert counts["added"] == len(dialog.codebook) > 5
        assert "Imported source_types" in dialog.message.text()
    with Project.open(tmp_path / "empty.annotator") as p:
        assert p.codes.codebook().by_path("Source type") is not None


def test_a_builtin_codebook_is_added_beside_the_codes_in_use(editor):
    """Adding, not replacing: the project's codes and their annotations stay."""
    p = editor.project
    doc = p.documents.list_documents()[0]
    alice = p.coder_by_name("alice")
    p.annotations.add_annotation(Annotation(doc.id, alice.id, code_id(p, "Frames/Appeasement"), 0, 12))
    before = {c.id: c for c in p.codes.codebook()}
    used = p.codes.code_usage()
    counts = editor.start_from_builtin("policy_frames")
    assert counts["added"] > 10
    with reopened(editor.project) as p:
        after = {c.id: c for c in p.codes.codebook()}
        assert all(after[cid] == code for cid, code in before.items())
        assert p.codes.code_usage() == used
        assert p.codes.codebook().by_path("Frame dimensions/Economic") is not None


def test_a_builtin_codebook_whose_keys_clash_is_refused_whole(editor):
    before = sorted(c.id for c in editor.project.codes.codebook())
    assert editor.start_from_builtin("syria_2015") is None
    assert "was not imported" in editor.message.text()
    with reopened(editor.project) as p:
        assert sorted(c.id for c in p.codes.codebook()) == before


def test_the_builtin_button_offers_the_list_with_its_preview(editor, monkeypatch):
    from annotator.gui.codebook.builtin_dialog import BuiltinCodebookDialog

    seen = []

    def choose(dialog):
        seen.append(dialog.picker.list.count())
        dialog.picker.choose("policy_frames")
        return 1

    monkeypatch.setattr(BuiltinCodebookDialog, "exec", choose)
    editor.builtin_button.click()
    assert seen == [4]
    assert editor.codebook.by_path("Frame dimensions/Economic") is not None
