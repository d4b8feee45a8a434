"""Suggestions in the workbench (issue 8): dotted underlines when switched on,
stepping to a suggestion, accepting it as an annotation (origin: suggestion)
and rejecting it, both undoable, and finding sources from the menu."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from PySide6.QtCore import Qt

from annotator.store.project import Project

pytestmark = pytest.mark.gui

TEXT = (
    'Defense Minister Sergei Shoigu said the strikes hit 11 targets. "Not a single civilian was hurt," '
    "he told reporters."
)


def make_project(path, *, with_suggestions: bool = True):
    from annotator.core.models import Document
    from annotator.services.projects import add_coder, init_project, load_codebook
    from annotator.services.suggestions import suggest

    project = init_project(path)
    project.codes.import_codebook(load_codebook("source_types"))
    add_coder(project, "Ana")
    project.documents.add_documents(
        [
            Document(TEXT, title="Shoigu on the strikes"),
            Document("A second article without any quote.", title="Second"),
        ]
    )
    if with_suggestions:
        suggest(project, model="blank:en")
    project.close()
    return path


def open_window(qtbot, path):
    from annotator.gui.app.windows import start_window

    with Project.open(path) as p:
        ana = p.coder_by_name("Ana")
        doc_id = next(d.id for d in p.documents.iter_documents(p.documents.document_ids()) if d.text == TEXT)
    win = start_window(path, coder=ana)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()  # shortcuts need the active window
    qtbot.waitUntil(win.isActiveWindow, timeout=5000)
    win.open_document(doc_id)
    win.article.text.setFocus()
    return win, doc_id


def open_suggestions(path, doc_id):
    with Project.open(path) as p:
        return p.workflow.suggestions(doc_id, status="open")


def press(qtbot, win, key, modifiers):
    win.activateWindow()
    qtbot.keyClick(win.article.text, key, modifiers)


CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def shown(qtbot, tmp_path):
    path = make_project(tmp_path / "s.annotator")
    win, doc_id = open_window(qtbot, path)
    press(qtbot, win, Qt.Key.Key_S, CTRL_SHIFT)  # Show suggestions
    return win, doc_id, path


def test_toggle_shows_the_open_suggestions_and_is_remembered(qtbot, shown):
    win, doc_id, path = shown
    layer = win.suggestions
    assert layer.toggle.isChecked()
    expected = open_suggestions(path, doc_id)
    assert {s.kind for s in expected} == {"speaker", "cue", "content"}
    assert [(s.id, s.start, s.end) for s in layer.visible_items()] == [
        (s.id, s.start, s.end) for s in expected
    ]
    from annotator.gui.app.settings import Preferences

    assert Preferences.load().show_suggestions is True
    # the speaker is drawn in its proposed code's colour, cue and content in grey
    speaker = next(s for s in expected if s.kind == "speaker" and s.start == 0)
    assert layer.colour(speaker) == win.codebook[speaker.label].color
    cue = next(s for s in expected if s.kind == "cue")
    assert layer.colour(cue) == "#8c8c8c"
    tip = win.article.text.tooltip_provider()(3)
    assert "speaker" in tip and "Government official" in tip and "Sergei Shoigu" in tip
    win.grab()  # paints the dotted underlines without error
    press(qtbot, win, Qt.Key.Key_S, CTRL_SHIFT)
    assert layer.visible_items() == [] and Preferences.load().show_suggestions is False


def test_next_and_accept_creates_an_annotation_and_undo_reverses_it(qtbot, shown):
    win, doc_id, path = shown
    press(qtbot, win, Qt.Key.Key_BracketRight, CTRL)
    first = open_suggestions(path, doc_id)[0]
    assert (first.kind, first.start, first.end) == ("speaker", 0, len("Defense Minister Sergei Shoigu"))
    assert win.article.text.selection() == (first.start, first.end)
    press(qtbot, win, Qt.Key.Key_Return, CTRL_SHIFT)
    with Project.open(path) as p:
        anns = p.annotations.select(doc_id)
        assert [(a.code_id, a.start, a.end, a.origin) for a in anns] == [
            (first.label, first.start, first.end, "suggestion")
        ]
        assert p.workflow.suggestion(first.id).status == "accepted"
    assert first.id not in {s.id for s in win.suggestions.visible_items()}
    assert [a.origin for a in win.annotations_state.values()] == ["suggestion"]

    press(qtbot, win, Qt.Key.Key_Z, CTRL)  # undo
    with Project.open(path) as p:
        assert p.annotations.select(doc_id) == []
        assert p.workflow.suggestion(first.id).status == "open"
    assert win.annotations_state == {}
    assert first.id in {s.id for s in win.suggestions.visible_items()}

    press(qtbot, win, Qt.Key.Key_Z, CTRL_SHIFT)  # redo
    with Project.open(path) as p:
        assert [(a.start, a.end, a.origin) for a in p.annotations.select(doc_id)] == [
            (first.start, first.end, "suggestion")
        ]
        assert p.workflow.suggestion(first.id).status == "accepted"


def test_reject_hides_the_suggestion_and_undo_brings_it_back(qtbot, shown):
    win, doc_id, path = shown
    before = open_suggestions(path, doc_id)
    press(qtbot, win, Qt.Key.Key_BracketRight, CTRL)
    press(qtbot, win, Qt.Key.Key_BracketRight, CTRL)
    second = before[1]
    assert win.article.text.selection() == (second.start, second.end)
    press(qtbot, win, Qt.Key.Key_Backspace, CTRL_SHIFT)
    assert second.id not in {s.id for s in win.suggestions.visible_items()}
    with Project.open(path) as p:
        assert p.workflow.suggestion(second.id).status == "rejected"
        assert p.annotations.select(doc_id) == []
    press(qtbot, win, Qt.Key.Key_Z, CTRL)
    assert second.id in {s.id for s in win.suggestions.visible_items()}
    with Project.open(path) as p:
        assert p.workflow.suggestion(second.id).status == "open"


def test_previous_wraps_to_the_last_suggestion(qtbot, shown):
    win, doc_id, path = shown
    last = open_suggestions(path, doc_id)[-1]
    win.article.text.set_caret(0)
    press(qtbot, win, Qt.Key.Key_BracketLeft, CTRL)
    assert win.suggestions.current_id == last.id


def test_accepting_a_suggestion_without_a_code_asks_for_one(qtbot, shown, monkeypatch):
    win, doc_id, path = shown
    cue = next(s for s in open_suggestions(path, doc_id) if s.kind == "cue")
    assert not cue.label
    win.suggestions.select(next(s for s in win.suggestions.visible_items() if s.id == cue.id))
    asked = []
    code = win.codebook.by_shortcut("9").id  # Anonymous or unnamed

    def pick(title):
        asked.append(title)
        return code

    monkeypatch.setattr(win, "_pick_code", pick)
    assert win.suggestions.accept_selected()
    assert asked
    with Project.open(path) as p:
        assert [(a.code_id, a.start, a.end, a.origin) for a in p.annotations.select(doc_id)] == [
            (code, cue.start, cue.end, "suggestion")
        ]
    # cancelling the picker accepts nothing
    content = next(s for s in win.suggestions.visible_items() if s.kind == "content")
    win.suggestions.select(content)
    monkeypatch.setattr(win, "_pick_code", lambda title: None)
    assert not win.suggestions.accept_selected()
    assert content.id in {s.id for s in win.suggestions.visible_items()}


def test_keys_do_nothing_while_suggestions_are_hidden(qtbot, tmp_path):
    path = make_project(tmp_path / "h.annotator")
    win, doc_id = open_window(qtbot, path)
    assert not win.suggestions.toggle.isChecked()
    press(qtbot, win, Qt.Key.Key_BracketRight, CTRL)
    press(qtbot, win, Qt.Key.Key_Return, CTRL_SHIFT)
    with Project.open(path) as p:
        assert p.annotations.select(doc_id) == []
    assert win.suggestions.visible_items() == []


def test_find_sources_runs_in_a_worker_and_shows_the_result(qtbot, tmp_path):
    path = make_project(tmp_path / "f.annotator", with_suggestions=False)
    win, doc_id = open_window(qtbot, path)
    layer = win.suggestions
    layer.model = "blank:en"
    assert layer.visible_items() == []
    worker = layer.find_sources()
    assert not layer.find.isEnabled()
    with qtbot.waitSignal(worker.signals.finished, timeout=60000):
        pass
    qtbot.waitUntil(lambda: layer.worker is None)
    assert layer.toggle.isChecked() and layer.find.isEnabled()
    assert [s.id for s in layer.visible_items()] == [s.id for s in open_suggestions(path, doc_id)]
    assert len(layer.visible_items()) == 6
    with Project.open(path) as p:  # only the current document was run
        other = next(d for d in p.documents.document_ids() if d != doc_id)
        assert p.workflow.suggestions(other) == [] and p.workflow.suggestions_model(other) is None


def test_the_menu_lists_the_suggestion_actions_with_their_keys(shown):
    win, _doc_id, _path = shown
    layer = win.suggestions
    assert layer.toggle in win.actions.code_menu.actions()
    assert layer.menu.menuAction() in win.actions.code_menu.actions()
    keys = {a.text(): a.shortcut().toString() for a in layer.menu.actions()}
    assert keys["&Next suggestion"] == "Ctrl+]" and keys["&Accept suggestion"] == "Ctrl+Shift+Return"
    assert keys["&Reject suggestion"] == "Ctrl+Shift+Backspace"
    assert any(title == "Suggestions" for title, _ in win.actions.sections)


def test_spacy_is_not_imported_when_the_window_starts(tmp_path):
    path = make_project(tmp_path / "n.annotator", with_suggestions=False)
    code = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        import annotator.gui
        from PySide6.QtCore import QSettings
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path / "qs")!r})
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from annotator.gui.app.windows import start_window
        from annotator.store.project import Project
        with Project.open({str(path)!r}) as p:
            ana = p.coder_by_name("Ana")
        win = start_window({str(path)!r}, coder=ana)
        win.suggestions.toggle.setChecked(True)
        app.processEvents()
        print("spacy" in sys.modules)
        win.close()
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_context_menu_accepts_or_rejects_the_suggestion_under_the_pointer(shown):
    from annotator.gui.workbench.context_menu import build_context_menu

    win, doc_id, path = shown
    menu = build_context_menu(win, 3)  # in the speaker "Defense Minister Sergei Shoigu"
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None and a.text() == "Suggested speaker")
    accept = next(a for a in sub.actions() if a.text() == "Accept")
    accept.trigger()
    with Project.open(path) as p:
        assert [(a.start, a.origin) for a in p.annotations.select(doc_id)] == [(0, "suggestion")]
    cue = next(s for s in win.suggestions.visible_items() if s.kind == "cue")
    menu = build_context_menu(win, cue.start)
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None and a.text() == "Suggested cue")
    next(a for a in sub.actions() if a.text() == "Reject").trigger()
    with Project.open(path) as p:
        assert p.workflow.suggestion(cue.id).status == "rejected"


def test_a_new_window_remembers_that_suggestions_are_shown(qtbot, tmp_path):
    from annotator.gui.app.settings import Preferences

    Preferences(show_suggestions=True).save()
    path = make_project(tmp_path / "r.annotator")
    win, doc_id = open_window(qtbot, path)
    assert win.suggestions.toggle.isChecked()
    assert len(win.suggestions.visible_items()) == len(open_suggestions(path, doc_id)) == 6


def test_the_preferences_dialog_keeps_the_suggestions_setting(qtbot):
    from annotator.gui.app.preferences import PreferencesDialog
    from annotator.gui.app.settings import Preferences

    dialog = PreferencesDialog(Preferences(show_suggestions=True))
    qtbot.addWidget(dialog)
    assert dialog.preferences().show_suggestions is True
