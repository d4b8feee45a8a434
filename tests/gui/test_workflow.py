"""Offsets with astral and combining characters, done-and-next, the document
list's filters and search, the article-level form, and coming back to work."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from annotator.core.models import Document
from annotator.gui.app.windows import start_window
from annotator.store.project import Project

pytestmark = pytest.mark.gui

MIXED = (
    "Flag 🇸🇾 raised 😀 in 北京市 today; cafe\u0301 owners said «non» ✊🏽 loudly.\n\nSecond 𝔘𝔫𝔦 paragraph."
)


def _open(qtbot, path):
    with Project.open(path) as p:
        ana = p.coder_by_name("Ana")
    win = start_window(path, coder=ana)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_stored_offsets_equal_the_python_slice_of_the_selection(qtbot, project_path):
    with Project.open(project_path) as p:
        doc = Document(MIXED, title="Unicode")
        p.documents.add_document(doc)
    win = _open(qtbot, project_path)
    win.prefs.snap = False
    win.open_document(doc.id)
    text = win.article.text
    # the Qt document holds exactly the stored text, in UTF-16
    assert text.toPlainText() == MIXED
    cases = ["😀 in 北京", "cafe\u0301", "✊🏽 loudly", "𝔘𝔫𝔦", "北京市 today"]
    for want in cases:
        start = MIXED.index(want)
        # select with Qt's own positions, as a mouse would: count UTF-16 units
        s16 = len(MIXED[:start].encode("utf-16-le")) // 2
        e16 = s16 + len(want.encode("utf-16-le")) // 2
        cur = text.textCursor()
        cur.setPosition(s16)
        cur.setPosition(e16, QTextCursor.MoveMode.KeepAnchor)
        text.setTextCursor(cur)
        assert cur.selectedText() == want
        assert win.apply_code(win.codebook.by_shortcut("c").id)
    with Project.open(project_path) as p:
        spans = {(a.start, a.end, a.quote) for a in p.annotations.select(doc.id)}
    for want in cases:
        start = MIXED.index(want)
        hits = [s for s in spans if s[2] == MIXED[s[0] : s[1]] and want in s[2]]
        assert hits, want
    with Project.open(project_path) as p:
        for a in p.annotations.select(doc.id):
            assert a.quote == MIXED[a.start : a.end]


def test_snapping_keeps_astral_words_whole(qtbot, project_path):
    with Project.open(project_path) as p:
        doc = Document(MIXED, title="Unicode")
        p.documents.add_document(doc)
    win = _open(qtbot, project_path)
    win.open_document(doc.id)
    i = MIXED.index("北京市")
    win.article.text.select_span(i + 1, i + 2)  # one character inside the word
    assert win.apply_code(win.codebook.by_shortcut("c").id)
    with Project.open(project_path) as p:
        (a,) = p.annotations.select(doc.id)
    assert a.quote == "北京市"


def test_done_and_next(qtbot, window, project_path):
    first = window.document_id
    assert window.progress_label.text() == "0 of 3 done"
    window.activateWindow()
    qtbot.keyClick(window.article.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    with Project.open(project_path) as p:
        ana = p.coder_by_name("Ana").id
        assert p.workflow.status(first, ana) == "done"
        second = window.document_id
        assert second != first
        assert p.workflow.status(second, ana) == "in_progress"
    assert window.progress_label.text() == "1 of 3 done"
    assert window.documents.current_id() == second
    window.undo_stack.undo()  # marking done is undoable too
    assert window.progress_label.text() == "0 of 3 done"


def test_next_and_previous(qtbot, window):
    ids = [window.documents.model.summary(i).id for i in range(3)]
    assert window.document_id == ids[0]
    window.activateWindow()
    qtbot.keyClick(window.article.text, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert window.document_id == ids[1]
    qtbot.keyClick(window.article.text, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert window.document_id == ids[0]


def test_filters_and_search(qtbot, window):
    panel = window.documents
    model = panel.model
    assert model.rowCount() == 3
    qtbot.keyClicks(panel.search, "Genev")  # prefix search through the full-text index
    panel.apply_filters()
    assert model.rowCount() == 1
    assert model.summary(0).title == "Talks in Geneva"
    panel.search.clear()
    panel.apply_filters()
    panel.status.setCurrentIndex(panel.status.findData("in_progress"))
    assert [model.summary(i).id for i in range(model.rowCount())] == [window.document_id]
    panel.status.setCurrentIndex(panel.status.findData("to_do"))
    assert model.rowCount() == 2
    panel.status.setCurrentIndex(0)
    panel.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [model.summary(i).title for i in range(3)]
    assert titles == sorted(titles)


def test_assigned_documents_only(qtbot, project_path):
    with Project.open(project_path) as p:
        ana = p.coder_by_name("Ana").id
        target = p.documents.list_documents()[2].id
        p.workflow.assign([target], ana)
    win = _open(qtbot, project_path)
    assert win.documents.model.rowCount() == 1
    assert win.documents.model.summary(0).id == target
    assert win.progress_label.text() == "0 of 1 done"


def test_article_level_form_saves_as_you_change_it(qtbot, window, project_path):
    form = window.form
    ((group_id, combo),) = form._choices.items()
    combo.setCurrentIndex(combo.findText("Morality"))
    note = form._notes[group_id]
    note.setText("close call with conflict")
    note.editingFinished.emit()
    with Project.open(project_path) as p:
        cb = p.codes.codebook()
        codes = [(cb[d.code_id].name, d.note) for d in p.annotations.document_codes(window.document_id)]
    assert codes == [("Morality", "close call with conflict")]
    combo.setCurrentIndex(combo.findText("Conflict"))  # the other value of the group replaces it
    with Project.open(project_path) as p:
        assert [
            p.codes.codebook()[d.code_id].name for d in p.annotations.document_codes(window.document_id)
        ] == ["Conflict"]
    window.undo_stack.undo()
    assert combo.currentText() == "Morality"
    with Project.open(project_path) as p:
        assert [
            p.codes.codebook()[d.code_id].name for d in p.annotations.document_codes(window.document_id)
        ] == ["Morality"]


def test_last_document_and_scroll_come_back(qtbot, project_path):
    with Project.open(project_path) as p:
        long_doc = Document("\n\n".join(f"Paragraph {i} " + "words " * 60 for i in range(80)), title="Long")
        p.documents.add_document(long_doc)
    win = _open(qtbot, project_path)
    win.open_document(long_doc.id)
    bar = win.article.text.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    assert kept > 0
    win.close()
    again = _open(qtbot, project_path)
    qtbot.waitUntil(lambda: again.document_id == long_doc.id)
    qtbot.waitUntil(lambda: again.article.text.verticalScrollBar().value() == kept)


def test_blind_coding_shows_only_own_annotations(qtbot, project_path):
    from annotator.core.models import Annotation
    from annotator.services.projects import add_coder

    with Project.open(project_path) as p:
        bo = add_coder(p, "Bo")
        doc = p.documents.list_documents()[0].id
        p.annotations.add_annotation(Annotation(doc, bo.id, p.codes.codebook().by_shortcut("c").id, 0, 9))
    win = _open(qtbot, project_path)
    win.open_document(doc)
    assert win.annotations_state == {}
    assert win.annotations.model.rowCount() == 0


def test_shortcut_sheet_lists_every_menu_shortcut(qtbot, window):
    rows = {what: keys for _, section in window.shortcut_sections() for what, keys in section}
    assert "Ctrl+K" in rows["Apply code"]  # shown without the menu's ellipsis
    assert "Ctrl+Z" in rows["Undo"]
    assert rows["Mark done and go to next"].startswith("Ctrl+Return")
    assert rows["Frames / Conflict"] == "C"  # each code with its key


def test_smoke_start_shows_window_and_quits(project_path, tmp_path):
    # in its own process: running and quitting the event loop here would
    # leave this test process's QApplication closing for the tests after it
    import os
    import subprocess
    import sys

    with Project.open(project_path) as p:
        ana = p.coder_by_name("Ana").id
    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        f"QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path / 's')!r})\n"
        "from annotator.gui.app import settings\n"
        f"settings.set_project_value({str(project_path)!r}, 'coder', {ana!r})\n"
        "from annotator.gui.app.application import main\n"
        f"rc = main([{str(project_path)!r}, '--smoke'])\n"
        "sys.exit(rc if 'spacy' not in sys.modules else 3)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]  # 3 would mean spaCy was imported


def test_starting_the_workbench_does_not_import_spacy():
    import subprocess
    import sys

    code = (
        "import sys; import annotator.gui.app.application, annotator.gui.workbench.main_window, annotator.gui.app.windows; "
        "sys.exit(1 if 'spacy' in sys.modules else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True).returncode == 0


def test_the_list_reads_the_store_a_page_at_a_time(qtbot, project_path):
    from annotator.gui.workbench.document_list import MAX_PAGES, PAGE

    with Project.open(project_path) as p:
        p.documents.add_documents(
            [Document(f"Article number {i}.", title=f"Item {i:04d}") for i in range(1200)]
        )
    win = _open(qtbot, project_path)
    model = win.documents.model
    assert model.rowCount() == 1203
    assert len(model._pages) <= 2  # only what the table has shown so far
    far = model.summary(1150)
    assert far.title == "Item 1147"
    model._pages.clear()
    assert model.row_of(far.id) == 1150
    for row in range(0, 1203, PAGE):
        model.summary(row)
    assert len(model._pages) <= MAX_PAGES
    win.open_document(far.id)
    assert win.documents.current_id() == far.id
    win.step_document(1)
    assert win.document_id == model.summary(1151).id


def test_undo_brings_back_the_document_it_changes(qtbot, window, project_path):
    first = window.document_id
    window.article.text.select_span(0, 9)
    window.apply_code(window.codebook.by_shortcut("c").id)
    window.step_document(1)
    assert window.document_id != first
    window.undo_stack.undo()
    assert window.document_id == first
    assert window.annotations_state == {}


def test_an_empty_project_opens(qtbot, tmp_path):
    from annotator.services.projects import add_coder, init_project

    path = tmp_path / "empty.annotator"
    with init_project(path) as p:
        add_coder(p, "Ana")
    win = _open(qtbot, path)
    assert win.documents.model.rowCount() == 0
    assert win.progress_label.text() == "0 of 0 done"
    assert not win.apply_code("nothing")  # no document: nothing happens, nothing breaks
    win.done_and_next()
    win.step_document(1)
