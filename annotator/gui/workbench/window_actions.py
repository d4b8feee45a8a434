"""Every command of the workbench as a QAction in a menu, with its shortcut
shown, so the whole coding loop works from the keyboard and the cheat sheet
(F1) can list them all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from annotator.core.codebook import Codebook
from annotator.gui.workbench.codebook_panel import swatch


class WindowActions:
    """Creates the menus of ``window`` and connects them to its methods.

    Keys that mean something only while reading (code letters, '.', Delete,
    Alt+arrows) are bound to the article text (and the annotations table), so
    typing in a search box or a note never applies a code.
    """

    def __init__(self, window: QMainWindow) -> None:
        self.w = window
        tr = window.tr
        bar = window.menuBar()
        self.sections: list[tuple[str, list[QAction]]] = []

        m = bar.addMenu(tr("&File"))
        self.new_project = self._add(m, tr("&New project…"), "Ctrl+N", window.new_project)
        self.open_project = self._add(m, tr("&Open project…"), "Ctrl+O", window.open_project)
        self.recent_menu = m.addMenu(tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(window.fill_recent_menu)
        m.addSeparator()
        self.import_docs = self._add(m, tr("&Import articles…"), "Ctrl+I", window.import_articles)
        self.import_annotations = self._add(
            m, tr("Import &annotations…"), "Ctrl+Shift+I", window.import_annotations
        )
        self.export_data = self._add(m, tr("&Export…"), "Ctrl+Shift+E", window.export_data)
        self.write_appendix = self._add(m, tr("&Write methods appendix…"), None, window.write_appendix)
        self.switch_coder = self._add(m, tr("Switch &coder…"), None, window.switch_coder)
        m.addSeparator()
        # explicit keys: the standard ones are empty on some platforms
        self.preferences = self._add(m, tr("&Preferences…"), "Ctrl+,", window.show_preferences)
        m.addSeparator()
        self.quit = self._add(m, tr("&Quit"), "Ctrl+Q", window.close)
        self.sections.append((tr("File"), m.actions()))

        m = bar.addMenu(tr("&Edit"))
        self.undo = window.undo_stack.createUndoAction(window, tr("&Undo"))
        self.undo.setShortcut(QKeySequence("Ctrl+Z"))
        self.redo = window.undo_stack.createRedoAction(window, tr("&Redo"))
        self.redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        m.addAction(self.undo)
        m.addAction(self.redo)
        m.addSeparator()
        self.find = self._add(m, tr("&Search documents"), "Ctrl+F", window.focus_search)
        self.sections.append((tr("Edit"), m.actions()))

        m = bar.addMenu(tr("&Code"))
        self.code_menu = m
        self.quick_pick = self._add(m, tr("&Apply code…"), "Ctrl+K", window.quick_apply)
        self.repeat = self._add(
            m, tr("&Repeat last code"), ["Ctrl+R", "."], window.repeat_last_code, text_only=True
        )
        self.change_code = self._add(m, tr("C&hange code of annotation…"), "Ctrl+Shift+K", window.change_code)
        self.edit_note = self._add(m, tr("Write &note on annotation"), "Ctrl+E", window.edit_note)
        self.clear_selection = self._add(
            m, tr("C&lear the selection"), "Esc", window.clear_selection, text_only=True
        )
        self.delete = self._add(
            m,
            tr("&Delete annotation"),
            ["Del", "Backspace"],
            window.delete_annotation,
            text_only=True,
            table=True,
        )
        m.addSeparator()
        self.start_earlier = self._add(
            m,
            tr("Annotation starts a word &earlier"),
            "Alt+Left",
            lambda: window.nudge("start", -1),
            text_only=True,
        )
        self.start_later = self._add(
            m,
            tr("Annotation starts a word &later"),
            "Alt+Right",
            lambda: window.nudge("start", 1),
            text_only=True,
        )
        self.end_earlier = self._add(
            m,
            tr("Annotation ends a word earlier"),
            "Alt+Shift+Left",
            lambda: window.nudge("end", -1),
            text_only=True,
        )
        self.end_later = self._add(
            m,
            tr("Annotation ends a word later"),
            "Alt+Shift+Right",
            lambda: window.nudge("end", 1),
            text_only=True,
        )
        m.addSeparator()
        self.codes_submenu = m.addMenu(tr("C&odes"))
        self.code_actions: list[QAction] = []
        self.sections.append((tr("Code"), m.actions()))

        m = bar.addMenu(tr("&Document"))
        self.done_next = self._add(
            m, tr("Mark &done and go to next"), ["Ctrl+Return", "Ctrl+Enter"], window.done_and_next
        )
        self.next_doc = self._add(m, tr("&Next document"), "Ctrl+PgDown", lambda: window.step_document(1))
        self.prev_doc = self._add(m, tr("&Previous document"), "Ctrl+PgUp", lambda: window.step_document(-1))
        m.addSeparator()
        self.focus_list = self._add(m, tr("Go to document &list"), "Ctrl+1", window.focus_list)
        self.focus_text = self._add(m, tr("Go to article &text"), "Ctrl+2", window.focus_text)
        self.focus_codes = self._add(m, tr("Go to &codebook"), "Ctrl+3", window.focus_codebook)
        self.focus_anns = self._add(m, tr("Go to &annotations"), "Ctrl+4", window.focus_annotations)
        self.focus_form = self._add(m, tr("Go to article-level &form"), "Ctrl+5", window.focus_form)
        self.sections.append((tr("Document"), m.actions()))

        m = bar.addMenu(tr("&Project"))
        self.edit_codebook = self._add(m, tr("&Edit codebook…"), "Ctrl+Shift+B", window.edit_codebook)
        self.edit_coders = self._add(m, tr("C&oders…"), None, window.edit_coders)
        self.assign = self._add(m, tr("A&ssign documents…"), None, window.assign_documents)
        self.packages = self._add(m, tr("Coder &packages…"), None, window.make_packages)
        self.merge = self._add(m, tr("&Merge packages…"), None, window.merge_packages)
        self.training = self._add(m, tr("&Training rounds…"), None, window.training_rounds)
        m.addSeparator()
        self.agreement = self._add(m, tr("&Agreement between coders…"), "Ctrl+Shift+A", window.show_agreement)
        self.compare = self._add(
            m, tr("&Compare and adjudicate this document…"), "Ctrl+Shift+J", window.show_compare
        )
        self.sections.append((tr("Project"), m.actions()))

        m = bar.addMenu(tr("&Help"))
        self.shortcuts = self._add(m, tr("&Keyboard shortcuts"), "F1", window.show_shortcuts)
        self.guide = self._add(m, tr("User &guide"), None, window.show_guide)
        self.about = self._add(m, tr("&About Annotator"), None, window.show_about)
        self.sections.append((tr("Help"), m.actions()))

    def _add(
        self, menu: QMenu, text: str, keys, slot, *, text_only: bool = False, table: bool = False
    ) -> QAction:
        action = QAction(text, self.w)
        if keys is not None:
            keys = keys if isinstance(keys, list) else [keys]
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        if text_only:
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            self.w.article.text.addAction(action)
            if table:
                self.w.annotations.table.addAction(action)
        else:
            self.w.addAction(action)
        return action

    def set_codes(self, codebook: Codebook) -> None:
        """One action per span code, bound to its shortcut key in the text."""
        text, table = self.w.article.text, self.w.annotations.table
        for action in self.code_actions:
            text.removeAction(action)
            table.removeAction(action)
            action.deleteLater()
        self.codes_submenu.clear()
        self.code_actions = []
        for code in codebook.leaves("span"):
            action = QAction(swatch(code.color), codebook.path(code.id, " / ").replace("&", "&&"), self.w)
            if code.shortcut:
                action.setShortcut(QKeySequence(code.shortcut))
                action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
                text.addAction(action)
                # in the annotations list, the key codes the chosen annotation's span
                table.addAction(action)
            action.triggered.connect(lambda _c=False, cid=code.id: self.w.apply_code(cid))
            self.codes_submenu.addAction(action)
            self.code_actions.append(action)
