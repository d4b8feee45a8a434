"""The rest of the window: a keyboard-only loop from the list, Alt for exact
spans with the mouse, preferences, dialogs from the menus, dropping a project
file, starting with a new coder, and the colours on a dark palette."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QColor, QDropEvent, QPalette, QTextCursor

from annotator.core.codebook import Code
from annotator.gui.workbench.highlights import assign_lanes, is_dark, tint
from annotator.store.project import Project

pytestmark = pytest.mark.gui


def stored(path):
    with Project.open(path) as p:
        return [(p.codes.codebook()[a.code_id].name, a.start, a.end, a.quote) for a in p.annotations.select()]


def test_keyboard_only_loop_from_the_list(qtbot, window, project_path):
    window.activateWindow()
    qtbot.keyClick(window.article.text, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)  # go to the list
    assert window.focusWidget() is window.documents.table
    table = window.documents.table
    table.setCurrentIndex(window.documents.model.index(0, 0))
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    second = window.documents.model.summary(1).id
    assert window.document_id == second
    qtbot.keyClick(table, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)  # to the text
    text = window.article.text
    assert window.focusWidget() is text
    text.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(
        text, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.ControlModifier
    )
    qtbot.keyClick(text, Qt.Key.Key_C)
    assert stored(project_path) == [("Conflict", 0, 6, "Second")]


def _viewport_point(text, pos: int) -> QPoint:
    cur = QTextCursor(text.document())
    cur.setPosition(text.map.to_utf16(pos))
    return text.cursorRect(cur).center()


def test_mouse_selection_with_alt_is_character_exact(qtbot, window, project_path, article):
    text = window.article.text
    vp = text.viewport()
    a, b = _viewport_point(text, 2), _viewport_point(text, 7)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, a)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, b)
    start, end = text.selection()
    assert (start, end) != (0, 0)
    window.activateWindow()
    qtbot.keyClick(text, Qt.Key.Key_C)
    ((_, s, e, quote),) = stored(project_path)
    assert (s, e) == (start, end) and quote == article[start:end]
    assert s > 0  # not widened to the word "Residents"


def test_mouse_selection_without_alt_snaps(qtbot, window, project_path):
    text = window.article.text
    vp = text.viewport()
    a, b = _viewport_point(text, 2), _viewport_point(text, 7)
    qtbot.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    qtbot.mouseMove(vp, b)
    qtbot.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    assert text.selection() == (0, 9)  # the coder sees the whole word selected before coding it
    window.activateWindow()
    qtbot.keyClick(text, Qt.Key.Key_C)
    assert stored(project_path) == [("Conflict", 0, 9, "Residents")]


def test_preferences_change_the_text_size_and_are_remembered(qtbot, window, monkeypatch):
    from annotator.gui.app import preferences
    from annotator.gui.app.settings import Preferences

    def fake_exec(self):
        self.font_size.setValue(17.5)
        self.snap.setChecked(False)
        return 1

    monkeypatch.setattr(preferences.PreferencesDialog, "exec", fake_exec)
    window.actions.preferences.trigger()
    assert window.article.text.document().defaultFont().pointSizeF() == 17.5
    assert Preferences.load() == Preferences(font_size=17.5, snap=False)


def test_codebook_editor_changes_reach_the_window(qtbot, window, monkeypatch):
    import annotator.gui.codebook.codebook_editor as editor

    def fake_exec(self):
        frames = window.project.codes.codebook().by_path("Frames")
        window.project.codes.add_code(
            Code("Attribution of blame", parent_id=frames.id, shortcut="b", color="#aa4499")
        )
        return 0

    monkeypatch.setattr(editor.CodebookEditorDialog, "exec", fake_exec)
    window.actions.edit_codebook.trigger()
    new = window.codebook.by_shortcut("b")
    assert new is not None and new.name == "Attribution of blame"
    assert new.id in window.codes._items
    assert any(a.text().endswith("Attribution of blame") for a in window.actions.code_actions)


def test_import_dialog_refreshes_the_list(qtbot, window, monkeypatch):
    import annotator.gui.importing.import_dialog as importer
    from annotator.core.models import Batch, Document

    def fake_exec(self):
        batch = window.project.add_batch(Batch("second batch"))
        window.project.documents.add_documents(
            [Document("A fourth article.", title="Fourth", batch_id=batch.id)]
        )
        return 0

    monkeypatch.setattr(importer.ImportDialog, "exec", fake_exec)
    window.actions.import_docs.trigger()
    assert window.documents.model.rowCount() == 4
    assert window.progress_label.text().endswith("of 4 done")


def test_dropping_a_project_file_opens_it(qtbot, window, tmp_path, monkeypatch):
    from annotator.gui.app.windows import WindowController
    from annotator.services.projects import add_coder, init_project

    other = tmp_path / "other.annotator"
    with init_project(other, codebook="news_frames") as p:
        coder = add_coder(p, "Zoe")
    opened = []
    real = WindowController.open

    def start(self, path, **kw):
        win = real(self, path, coder=coder)
        qtbot.addWidget(win)
        opened.append(win)
        return win

    monkeypatch.setattr(WindowController, "open", start)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(drop)
    assert opened and opened[0].project.path == other
    assert window.closed


def test_choosing_a_new_coder_adds_and_remembers_them(qtbot, project_path, monkeypatch):
    from annotator.gui.app import settings, start_dialogs, startup

    def fake_exec(self):
        self.new_name.setText("Nour")
        self._accept()
        return 1

    monkeypatch.setattr(start_dialogs.CoderChooser, "exec", fake_exec)
    with Project.open(project_path) as p:
        coder = startup.choose_coder(p)
        assert coder.name == "Nour" and p.coder_by_name("Nour") is not None
        assert settings.project_value(project_path, "coder") == coder.id
        # next time, no question
        monkeypatch.setattr(start_dialogs.CoderChooser, "exec", lambda self: pytest.fail("asked again"))
        assert startup.choose_coder(p).id == coder.id


def test_a_project_that_cannot_be_opened_is_one_sentence(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from annotator.gui.app.windows import start_window

    bad = tmp_path / "broken.annotator"
    bad.write_bytes(b"this is not a database")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    assert start_window(bad) is None
    assert len(shown) == 1 and "Traceback" not in shown[0] and shown[0].endswith(".")


def test_tints_read_on_dark_and_light():
    light, dark = QPalette(), QPalette()
    light.setColor(QPalette.ColorRole.Base, QColor("#ffffff"))
    dark.setColor(QPalette.ColorRole.Base, QColor("#1b1d21"))
    assert not is_dark(light) and is_dark(dark)
    # translucent, so the text colour of either theme stays readable over them
    assert 0 < tint("#d55e00", False).alpha() < 128 and 0 < tint("#d55e00", True).alpha() < 128


def test_lanes_separate_overlapping_spans_only():
    lanes = assign_lanes([("a", 0, 10), ("b", 5, 15), ("c", 12, 20), ("d", 30, 40)])
    assert lanes["a"] != lanes["b"]
    assert lanes["b"] != lanes["c"]
    assert lanes["d"] == 0 and lanes["a"] == 0


def test_clicking_a_code_in_the_codebook_applies_it_to_the_selection(qtbot, window, project_path):
    window.article.text.select_span(0, 9)
    item = window.codes._items[window.codebook.by_shortcut("e").id]
    rect = window.codes.tree.visualItemRect(item)
    qtbot.mouseClick(window.codes.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert stored(project_path) == [("Economic consequences", 0, 9, "Residents")]
    assert "Financial gains" in window.codes.instructions.toPlainText()  # its coding instructions
    # without a selection a click only shows the instructions
    window.article.text.set_caret(30)
    qtbot.mouseClick(window.codes.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert len(stored(project_path)) == 1


def test_choosing_an_annotation_in_the_table_selects_it_in_the_text(qtbot, window, article):
    i = article.index("The defence ministry")
    window.article.text.select_span(i, i + 20)
    window.apply_code(window.codebook.by_shortcut("r").id)
    window.article.text.select_span(0, 9)
    window.apply_code(window.codebook.by_shortcut("c").id)
    table = window.annotations.table
    row = next(r for r in range(2) if window.annotations.model.rows[r].quote == "The defence ministry")
    table.setCurrentIndex(window.annotations.model.index(row, 1))
    assert window.article.text.selection() == (i, i + 20)
    assert window.selected_id == window.annotations.model.rows[row].id


def test_context_menu_offers_codes_for_a_selection_and_actions_for_spans(qtbot, window):
    from annotator.gui.workbench.context_menu import build_context_menu

    window.article.text.select_span(0, 9)
    menu = build_context_menu(window, 3)
    apply = next(a.menu() for a in menu.actions() if a.menu() and a.text() == "Apply code")
    labels = [a.text().split("\t")[0] for a in apply.actions()]
    assert "Frames / Conflict" in labels and "Source type / Citizen" in labels
    next(a for a in apply.actions() if a.text().startswith("Frames / Conflict")).trigger()
    menu = build_context_menu(window, 3)  # now on an annotation: change, note, delete
    span_menu = next(a.menu() for a in menu.actions() if a.menu() and a.text() == "Frames / Conflict")
    delete = next(a for a in span_menu.actions() if a.text() == "Delete")
    delete.trigger()
    assert window.annotations_state == {}


def test_hovering_shows_every_code_and_note_at_that_place(qtbot, window, monkeypatch):
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QToolTip

    from annotator.gui.workbench.note_dialog import NoteDialog

    text = window.article.text
    text.select_span(0, 20)
    window.apply_code(window.codebook.by_shortcut("c").id)
    text.select_span(10, 40)
    window.apply_code(window.codebook.by_shortcut("m").id)
    monkeypatch.setattr(NoteDialog, "exec", lambda self: self.editor.setPlainText("sarcastic?") or 1)
    window.activateWindow()
    qtbot.keyClick(text, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)  # note on the current span
    point = _viewport_point(text, 15)
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, text.viewport().mapToGlobal(point))
    text.viewportEvent(event)
    tip = QToolTip.text()
    assert "Frames / Conflict" in tip and "Frames / Morality" in tip and "sarcastic?" in tip


def test_imported_markup_is_shown_as_text(qtbot, project_path):
    from annotator.core.models import Document
    from annotator.gui.app.windows import start_window

    hostile = '<img src="/etc/x.png"><b>Bold</b>'
    with Project.open(project_path) as p:
        doc = Document(f"{hostile} body text here.", title=f"{hostile} title")
        p.documents.add_document(doc)
        ana = p.coder_by_name("Ana")
    win = start_window(project_path, coder=ana)
    qtbot.addWidget(win)
    win.open_document(doc.id)
    assert win.article.title.textFormat() == Qt.TextFormat.PlainText
    assert win.article.title.text() == f"{hostile} title"
    win.article.text.select_span(0, len(hostile))
    win.prefs.snap = False
    assert win.apply_code(win.codebook.by_shortcut("c").id)
    tip = win.annotations.model.data(win.annotations.model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img" in tip and "<img" not in tip
    assert "<img" not in win._tooltip(3)
