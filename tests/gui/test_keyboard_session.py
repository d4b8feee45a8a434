"""Coding from the keyboard alone, on a real project file: a passage takes
several codes in a row, code keys work from the annotations list, the note
dialog finishes with Ctrl+Enter and moves with Tab, and a whole session
(select, three codes, a note, undo, done-and-next) needs no mouse."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit

from annotator.store.project import Project

pytestmark = pytest.mark.gui

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def stored(path, coder="Ana"):
    with Project.open(path) as p:
        cid = p.coder_by_name(coder).id
        cb = p.codes.codebook()
        return sorted(
            (cb[a.code_id].name, a.start, a.end, a.note) for a in p.annotations.select(coder_id=cid)
        )


def status(path, title, coder="Ana"):
    with Project.open(path) as p:
        cid = p.coder_by_name(coder).id
        doc = next(d for d in p.documents.list_documents() if d.title == title)
        return p.workflow.status(doc.id, cid)


def key(qtbot, widget, k, modifier=Qt.KeyboardModifier.NoModifier):
    # offscreen has no window manager: give the window back its activation after a dialog
    widget.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is widget.window(), timeout=3000)
    qtbot.keyClick(widget, k, modifier)


def test_the_selection_stays_so_a_passage_takes_three_codes_and_esc_clears_it(qtbot, window, project_path):
    text = window.article.text
    text.select_span(0, 9)  # "Residents"
    for k in (Qt.Key.Key_C, Qt.Key.Key_E, Qt.Key.Key_H):
        key(qtbot, text, k)
    assert stored(project_path) == [
        ("Conflict", 0, 9, ""),
        ("Economic consequences", 0, 9, ""),
        ("Human interest", 0, 9, ""),
    ]
    assert text.selection() == (0, 9)
    key(qtbot, text, Qt.Key.Key_Escape)
    assert not text.textCursor().hasSelection()
    key(qtbot, text, Qt.Key.Key_M)  # nothing selected: nothing applied
    assert len(stored(project_path)) == 3


def test_a_code_key_in_the_annotations_list_applies_to_the_selected_annotation(qtbot, window, project_path):
    text = window.article.text
    text.select_span(13, 19)  # "Aleppo"
    key(qtbot, text, Qt.Key.Key_C)
    text.set_caret(0)  # the selection is gone; the list still has the annotation
    key(qtbot, text, Qt.Key.Key_4, CTRL)  # Go to annotations
    table = window.annotations.table
    assert table.hasFocus()
    key(qtbot, table, Qt.Key.Key_Down)
    key(qtbot, table, Qt.Key.Key_M)
    assert stored(project_path) == [("Conflict", 13, 19, ""), ("Morality", 13, 19, "")]


def _in_note_dialog(qtbot, typing: list, done: list) -> None:
    """Type into the modal note dialog once it is up, from the keyboard only."""

    def act():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, act)
            return
        editor = dialog.findChild(QPlainTextEdit)
        # offscreen has no window manager to activate the new window
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is editor, timeout=3000)
        for item in typing:
            if isinstance(item, str):
                qtbot.keyClicks(QApplication.focusWidget(), item)
            else:
                qtbot.keyClick(QApplication.focusWidget(), *item)
        done.append((editor.toPlainText(), QApplication.focusWidget() is editor))
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, CTRL)

    QTimer.singleShot(0, act)


def test_the_note_dialog_moves_with_tab_finishes_with_ctrl_enter_and_stores_no_trailing_blanks(
    qtbot, window, project_path
):
    text = window.article.text
    text.select_span(0, 9)
    key(qtbot, text, Qt.Key.Key_C)
    done: list = []
    _in_note_dialog(qtbot, ["irony?", (Qt.Key.Key_Return,), (Qt.Key.Key_Tab,)], done)
    key(qtbot, text, Qt.Key.Key_E, CTRL)
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    typed, focus_still_in_editor = done[0]
    assert typed == "irony?\n"  # Tab moved on instead of inserting a tab
    assert not focus_still_in_editor
    assert stored(project_path) == [("Conflict", 0, 9, "irony?")]


def test_a_coding_session_from_the_keyboard_alone(qtbot, window, project_path):
    text = window.article.text
    text.setFocus()
    key(qtbot, text, Qt.Key.Key_Home, CTRL)
    for _ in range(3):  # "Residents of Aleppo"
        key(qtbot, text, Qt.Key.Key_Right, CTRL | SHIFT)
    for k in (Qt.Key.Key_C, Qt.Key.Key_E, Qt.Key.Key_H):
        key(qtbot, text, k)
    span = stored(project_path)[0][1:3]
    assert span == (0, 19)
    done: list = []
    _in_note_dialog(qtbot, ["the market, not militants"], done)
    key(qtbot, text, Qt.Key.Key_E, CTRL)  # a note on the annotation just made
    qtbot.waitUntil(lambda: bool(done), timeout=5000)
    assert ("Human interest", 0, 19, "the market, not militants") in stored(project_path)
    key(qtbot, text, Qt.Key.Key_Z, CTRL)  # undo the note
    key(qtbot, text, Qt.Key.Key_Z, CTRL)  # and the third code
    assert stored(project_path) == [("Conflict", 0, 19, ""), ("Economic consequences", 0, 19, "")]
    first = window.document_id
    key(qtbot, text, Qt.Key.Key_Return, CTRL)  # done and next
    assert window.document_id != first
    assert status(project_path, "Strikes hit Aleppo market") == "done"
