"""The coding loop as a coder does it, on a real project file: select, press a
key, see it saved; undo and redo; snapping; overlaps; refused overlaps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.store.project import Project

pytestmark = pytest.mark.gui


def stored(path, coder="Ana"):
    with Project.open(path) as p:
        cid = p.coder_by_name(coder).id
        cb = p.codes.codebook()
        return [
            (cb[a.code_id].name, a.start, a.end, a.quote, a.note) for a in p.annotations.select(coder_id=cid)
        ]


def select_chars(win, start: int, end: int) -> None:
    win.article.text.select_span(start, end)


def press(qtbot, win, key, modifier=Qt.KeyboardModifier.NoModifier):
    win.activateWindow()
    qtbot.keyClick(win.article.text, key, modifier)


def test_select_and_press_shortcut_stores_snapped_span(qtbot, window, project_path, article):
    i = article.index("Aleppo")
    select_chars(window, i + 2, i + 10)  # "eppo sai": part of two words
    press(qtbot, window, Qt.Key.Key_C)
    assert stored(project_path) == [("Conflict", i, i + len("Aleppo said"), "Aleppo said", "")]
    assert "Applied Conflict" in window.statusBar().currentMessage()
    assert window.codes._items[window.codebook.by_shortcut("c").id].text(2) == "1"


def test_keyboard_selection_with_shift_arrows(qtbot, window, project_path):
    text = window.article.text
    cur = text.textCursor()
    cur.setPosition(0)
    text.setTextCursor(cur)
    for _ in range(3):
        qtbot.keyClick(text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    press(qtbot, window, Qt.Key.Key_H)  # "Res" snaps to "Residents"
    assert stored(project_path) == [("Human interest", 0, 9, "Residents", "")]


def test_exact_spans_when_snapping_is_off(qtbot, window, project_path, article):
    window.prefs.snap = False
    select_chars(window, 2, 7)
    press(qtbot, window, Qt.Key.Key_M)
    assert stored(project_path) == [("Morality", 2, 7, article[2:7], "")]


def test_undo_and_redo(qtbot, window, project_path):
    select_chars(window, 0, 9)
    press(qtbot, window, Qt.Key.Key_C)
    assert len(stored(project_path)) == 1
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(project_path) == []
    assert window.annotations_state == {}
    press(
        qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert stored(project_path) == [("Conflict", 0, 9, "Residents", "")]
    assert len(window.annotations_state) == 1


def test_overlapping_spans_of_two_codes_are_kept_and_both_shown(qtbot, window, project_path):
    select_chars(window, 0, 20)
    press(qtbot, window, Qt.Key.Key_C)
    select_chars(window, 10, 40)
    press(qtbot, window, Qt.Key.Key_E)
    rows = stored(project_path)
    assert {r[0] for r in rows} == {"Conflict", "Economic consequences"}
    lanes = window.article.text.lanes()
    assert sorted(lanes.values()) == [0, 1]  # stacked underlines, not drawn over each other
    tip = window._tooltip(15)
    assert "Conflict" in tip and "Economic consequences" in tip


def test_same_code_overlap_merges_and_undo_splits_again(qtbot, window, project_path):
    select_chars(window, 0, 9)
    press(qtbot, window, Qt.Key.Key_C)
    select_chars(window, 13, 20)
    press(qtbot, window, Qt.Key.Key_C)
    select_chars(window, 5, 15)
    press(qtbot, window, Qt.Key.Key_C)
    assert [(r[1], r[2]) for r in stored(project_path)] == [(0, 19)]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert sorted((r[1], r[2]) for r in stored(project_path)) == [(0, 9), (13, 19)]
    assert len(window.annotations_state) == 2


def test_exclusive_overlap_is_refused_in_one_sentence(qtbot, window, project_path):
    select_chars(window, 0, 20)
    press(qtbot, window, Qt.Key.Key_1)
    select_chars(window, 10, 30)
    press(qtbot, window, Qt.Key.Key_2)
    assert [r[0] for r in stored(project_path)] == ["Government official"]
    message = window.statusBar().currentMessage()
    assert "exclusive" in message and "Traceback" not in message
    assert window.undo_stack.count() == 1  # the refused action is not on the stack


def test_delete_note_change_and_nudge(qtbot, window, project_path):
    select_chars(window, 0, 9)
    press(qtbot, window, Qt.Key.Key_C)
    ann_id = next(iter(window.annotations_state))
    window.article.text.set_caret(3)  # into the span: it becomes the current annotation
    assert window.selected_id == ann_id
    press(
        qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert stored(project_path)[0][1:3] == (0, 12)  # "Residents of"
    window.change_code(window.codebook.by_shortcut("m").id)
    assert stored(project_path)[0][0] == "Morality"
    # notes are edited in place in the annotations table
    model = window.annotations.model
    model.setData(model.index(0, 2), "irony?")
    assert stored(project_path)[0][4] == "irony?"
    window.article.text.set_caret(3)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert stored(project_path) == []
    for _ in range(4):
        window.undo_stack.undo()
    assert stored(project_path) == [("Conflict", 0, 9, "Residents", "")]


def test_repeat_last_code(qtbot, window, project_path):
    select_chars(window, 0, 9)
    press(qtbot, window, Qt.Key.Key_R)
    select_chars(window, 13, 19)
    press(qtbot, window, Qt.Key.Key_Period)
    assert [r[0] for r in stored(project_path)] == ["Responsibility", "Responsibility"]


def test_quick_picker_applies_the_typed_code(qtbot, window, project_path, monkeypatch):
    from annotator.gui.workbench import quick_picker

    def fake_exec(self):
        self.show()
        qtbot.keyClicks(self.search, "NGO")
        qtbot.keyClick(self.search, Qt.Key.Key_Return)
        return self.result()

    monkeypatch.setattr(quick_picker.QuickPicker, "exec", fake_exec)
    select_chars(window, 0, 9)
    window.actions.quick_pick.trigger()
    assert stored(project_path) == [("NGO or monitor", 0, 9, "Residents", "")]


def test_code_letters_do_not_fire_while_typing_in_the_search_box(qtbot, window, project_path):
    select_chars(window, 0, 9)
    window.activateWindow()
    window.documents.search.setFocus()
    qtbot.keyClicks(window.documents.search, "c")
    assert stored(project_path) == []
    assert window.documents.search.text() == "c"


def test_caret_browsing_moves_by_keyboard(qtbot, window):
    text = window.article.text
    text.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(text, Qt.Key.Key_Right, Qt.KeyboardModifier.ControlModifier)
    assert text.caret() > 0
