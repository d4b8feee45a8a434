"""The coding workbench: document list | article | codebook, annotations and
article-level form. This module wires the panels together and turns user
actions into the session's commands, run through the undo stack; the state
of the coding session (the open document, the coder's spans, the selection,
the last code) lives in ``annotator.services.session``, the panels in their
own modules."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, Coder
from annotator.gui.app import settings as gui_settings
from annotator.gui.common import dialog_keys, screen_fit
from annotator.gui.workbench import commands
from annotator.gui.workbench.annotations_panel import AnnotationsPanel
from annotator.gui.workbench.article_text import tooltip_html
from annotator.gui.workbench.article_view import ArticleView
from annotator.gui.workbench.codebook_panel import CodebookPanel
from annotator.gui.workbench.document_form import DocumentCodesForm
from annotator.gui.workbench.document_list import DocumentListPanel
from annotator.gui.workbench.note_dialog import NoteDialog, clean_note
from annotator.gui.workbench.requests import WindowRequests
from annotator.gui.workbench.suggestions_layer import SuggestionsLayer
from annotator.gui.workbench.window_actions import WindowActions
from annotator.gui.workbench.window_menus import WindowMenusMixin
from annotator.services import coding
from annotator.services.project_files import Project
from annotator.services.session import (
    ApplyCode,
    Change,
    ChangeCode,
    ClearDocumentCode,
    CodingSession,
    Command,
    DeleteSpan,
    MarkDone,
    MoveSpan,
    SetDocumentCode,
    SetNote,
)


class MainWindow(WindowMenusMixin, QMainWindow):
    def __init__(self, project: Project, coder: Coder, parent=None) -> None:
        super().__init__(parent)
        dialog_keys.install()
        screen_fit.install()
        self.project, self.coder = project, coder
        self.prefs = gui_settings.Preferences.load()
        self.settings = gui_settings.settings()  # kept: Qt writes it back in the background
        self.codebook = project.codes.codebook()
        self.filter = coding.coder_filter(project, coder.id)
        self.session = CodingSession(project, coder.id)
        self.closed = False
        self.undo_stack = QUndoStack(self)
        self.notifier = commands.Notifier(self)
        self.requests = WindowRequests(self)
        self.setAcceptDrops(True)
        self.setAccessibleName(self.tr("Annotator"))
        self._build()
        self.actions = WindowActions(self)
        self.actions.set_codes(self.codebook)
        self.suggestions = SuggestionsLayer(self)
        self._connect()
        self._update_title()
        self.update_progress()
        # what it would like; the screen-fit filter shrinks it to the screen, or
        # gives it the size it had there last time (the splitter keeps per project)
        self.resize(1440, 900)
        self._restore_layout()
        QTimer.singleShot(0, self.restore_last_document)

    # --- the session's state, as the panels and tests read it -------------------------

    @property
    def document_id(self) -> str | None:
        return self.session.document_id

    @property
    def annotations_state(self) -> dict[str, Annotation]:
        """This coder's spans in the open document (blind coding: only theirs)."""
        return self.session.annotations

    @property
    def selected_id(self) -> str | None:
        return self.session.selected_id

    @property
    def last_code(self) -> str | None:
        return self.session.last_code

    # --- building -------------------------------------------------------------------

    def _build(self) -> None:
        self.documents = DocumentListPanel(self.project, self.filter)
        self.article = ArticleView()
        self.article.set_point_size(self.prefs.font_size)
        self.codes = CodebookPanel()
        self.codes.set_codebook(self.codebook)
        self.annotations = AnnotationsPanel()
        self.form = DocumentCodesForm()
        self.form.set_codebook(self.codebook)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.annotations, self.tr("Annotations"))
        self.tabs.addTab(self.form, self.tr("Article"))
        self.tabs.setAccessibleName(self.tr("Annotations and article-level codes"))
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(self.codes)
        right.addWidget(self.tabs)
        # the codebook is read all day, the annotations list glanced at: it gets two thirds
        right.setSizes([560, 280])
        right.setStretchFactor(0, 2)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.documents)
        self.splitter.addWidget(self.article)
        self.splitter.addWidget(right)
        # a wider window widens the document list too (titles), the article most
        for pane, stretch in enumerate((1, 2, 1)):
            self.splitter.setStretchFactor(pane, stretch)
        self.splitter.setSizes([430, 620, 390])
        self.splitter.setChildrenCollapsible(False)
        central = QWidget()
        lay = QVBoxLayout(central)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.splitter)
        self.setCentralWidget(central)
        self.progress_label = QLabel()
        self.progress_label.setAccessibleName(self.tr("Progress"))
        self.coder_label = QLabel()
        # why this window cannot save (another window has the project, a read-only file), always in view
        self.readonly_label = QLabel(self.project.notice if self.project.readonly else "")
        self.readonly_label.setAccessibleName(self.tr("Read-only notice"))
        self.readonly_label.setWordWrap(True)
        self.readonly_label.setVisible(bool(self.project.readonly))
        if self.project.readonly and not self.project.notice:
            self.readonly_label.setText(
                self.tr("{0} is open read-only: changes cannot be saved.").format(self.project.path.name)
            )
        self.statusBar().addPermanentWidget(self.readonly_label, 1)
        self.coder_label.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.statusBar().addPermanentWidget(self.coder_label)
        self.statusBar().addPermanentWidget(self.progress_label)
        self.article.text.set_tooltip_provider(self._tooltip)

    def _connect(self) -> None:
        self.documents.document_activated.connect(self.open_document)
        self.codes.code_chosen.connect(self._code_clicked)
        self.annotations.annotation_chosen.connect(self.select_annotation)
        self.annotations.model.note_edited.connect(self._note_edited)
        self.form.code_set.connect(self._document_code_set)
        self.form.code_cleared.connect(self._document_code_cleared)
        self.article.text.caret_moved.connect(self._caret_moved)
        self.article.text.selection_finished.connect(self._mouse_selection_finished)
        self.article.text.customContextMenuRequested.connect(self._context_menu)
        self.notifier.annotations_changed.connect(self._annotations_changed)
        self.notifier.document_codes_changed.connect(self._document_codes_changed)
        self.notifier.status_changed.connect(self._status_changed)
        self.notifier.failed.connect(self.show_error)
        self.notifier.show_document.connect(self._show_document_for_undo)

    def _restore_layout(self) -> None:
        state = gui_settings.project_value(self.project.path, "splitter", store=self.settings)
        if state:
            self.splitter.restoreState(state)

    def _update_title(self) -> None:
        title = self.tr("{0} — Annotator").format(self.project.name)
        if self.project.readonly:
            title = self.tr("{0} (read-only)").format(title)
        self.setWindowTitle(title)
        self.coder_label.setText(self.tr("Coding as {0}").format(self.coder.name))

    # --- documents ----------------------------------------------------------------------

    def open_document(self, document_id: str, *, scroll: int | None = None) -> None:
        if document_id == self.document_id and scroll is None:
            return
        self._remember_position()
        try:
            opened = self.session.open_document(document_id, suggestions=self.suggestions.shown)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        self.article.show_document(opened.document)
        self._refresh_spans()
        self.suggestions.document_opened(opened.suggestions)
        self.form.set_state(opened.document_codes)
        self.documents.select(document_id)
        if opened.status == coding.IN_PROGRESS:
            self.documents.model.refresh_rows()
            self.update_progress()
        if scroll:
            QTimer.singleShot(0, lambda: self.article.text.verticalScrollBar().setValue(scroll))
        gui_settings.set_project_value(
            self.project.path, f"{self.coder.id}/last_document", document_id, store=self.settings
        )

    def _show_document_for_undo(self, document_id: str) -> None:
        if document_id != self.document_id and self.project.documents.has_document(document_id):
            self.open_document(document_id)

    def restore_last_document(self) -> None:
        if self.closed:
            return
        last = gui_settings.project_value(
            self.project.path, f"{self.coder.id}/last_document", store=self.settings
        )
        if last and self.project.documents.has_document(last):
            scroll = gui_settings.project_value(
                self.project.path, f"{self.coder.id}/scroll", 0, store=self.settings
            )
            try:
                scroll = int(scroll)
            except (TypeError, ValueError):
                scroll = 0
            self.open_document(last, scroll=scroll)

    def _remember_position(self) -> None:
        if self.document_id:
            gui_settings.set_project_value(
                self.project.path,
                f"{self.coder.id}/scroll",
                self.article.text.verticalScrollBar().value(),
                store=self.settings,
            )

    def step_document(self, step: int) -> None:
        target = self.documents.neighbour(self.document_id, step)
        if target:
            self.open_document(target)

    def done_and_next(self) -> None:
        if not self.document_id:
            return
        try:
            commands.run(self.undo_stack, self.notifier, MarkDone(self.session), self.tr("Mark done"))
            nxt = self.session.next_not_done(
                self.documents.current_filter(),
                sort=self.documents.model.sort_key,
                descending=self.documents.model.descending,
            )
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return
        if nxt:
            self.open_document(nxt)
            self.focus_text()
        else:
            self.statusBar().showMessage(self.tr("Every document in this list is done."), 8000)

    def update_progress(self) -> None:
        done, total = coding.progress(self.project, self.filter)
        self.progress_label.setText(self.tr("{0} of {1} done").format(done, total))

    def _status_changed(self, _document_id: str) -> None:
        self.documents.model.refresh_rows()
        self.update_progress()

    # --- annotations in view ----------------------------------------------------------------

    def _colour(self, code_id: str) -> str:
        code = self.codebook.get(code_id)
        return code.color if code is not None else "#888888"

    def _refresh_spans(self) -> None:
        anns = self.annotations_state
        self.article.text.set_spans([(a.id, a.start, a.end, self._colour(a.code_id)) for a in anns.values()])
        self.article.text.set_selected_annotation(self.selected_id)
        self.annotations.set_annotations(list(anns.values()), self.codebook)
        self._refresh_counts()

    def _refresh_counts(self) -> None:
        self.codes.set_counts(self.session.code_counts())

    def _annotations_changed(self, document_id: str, ids: list) -> None:
        if document_id != self.document_id:
            return
        # only the spans this action touched are redrawn, in the states the session took from the write
        changed = {ann_id: self.session.annotations.get(ann_id) for ann_id in ids}
        self.article.text.update_spans(
            {i: (a.start, a.end, self._colour(a.code_id)) if a else None for i, a in changed.items()}
        )
        self.article.text.set_selected_annotation(self.selected_id)
        self.annotations.update_annotations(changed)
        self._refresh_counts()

    def _tooltip(self, pos: int) -> str:
        # top stripe first: the legend reads in the order the stripes are drawn
        here = sorted(self.session.annotations_at(pos), key=lambda a: self.article.text.lane(a.id))
        cb = self.codebook
        return tooltip_html(
            [
                (
                    cb[a.code_id].color if a.code_id in cb else "#888888",
                    cb.path(a.code_id, " / ") if a.code_id in cb else a.code_id,
                    a.note,
                )
                for a in here
            ]
        )

    def _mouse_selection_finished(self, alt_held: bool) -> None:
        """Show the snapped span at once, so what is selected is what a code
        will cover (Alt keeps the characters as dragged)."""
        if not self.document_id or alt_held or not self.prefs.snap:
            return
        start, end = self.article.text.selection()
        snapped = self._tokens().snap(start, end)
        if snapped != (start, end) and snapped[0] < snapped[1]:
            self.article.text.select_span(*snapped, ensure_visible=False)

    def _caret_moved(self, pos: int) -> None:
        if self.article.text.textCursor().hasSelection():
            return
        here = self.session.annotations_at(pos)
        innermost = here[0].id if here else None
        self.select_annotation(innermost, scroll=False)

    def select_annotation(self, annotation_id: str | None, *, scroll: bool = True) -> None:
        self.session.select(annotation_id)
        self.article.text.set_selected_annotation(self.selected_id)
        self.annotations.select(self.selected_id)
        if scroll and self.selected_id:
            a = self.annotations_state[self.selected_id]
            self.article.text.select_span(a.start, a.end)

    def current_annotation(self) -> Annotation | None:
        return self.session.selected()

    # --- coding actions ----------------------------------------------------------------------

    def _tokens(self) -> coding.Tokens:
        return self.session.tokens()

    def run_command(self, command: Command, text: str) -> Change | None:
        """Do a session command through the undo stack; a refusal is shown
        and returns None."""
        try:
            return commands.run(self.undo_stack, self.notifier, command, text)
        except AnnotatorError as exc:
            self.show_error(str(exc))
            return None

    def _code_target(self) -> tuple[int, int, bool] | None:
        """(start, end, snap) a code key applies to: the annotation chosen in
        the annotations list while that list has the focus, else the text's
        selection; None when there is neither."""
        chosen = self.current_annotation()
        if chosen is not None and self.annotations.table.hasFocus():
            return chosen.start, chosen.end, False
        start, end = self.article.text.selection()
        if start == end:
            return None
        return start, end, self.prefs.snap and not self.article.text.take_mouse_alt()

    def apply_code(self, code_id: str) -> bool:
        if not self.document_id:
            return False
        target = self._code_target()
        if target is None:
            self.statusBar().showMessage(self.tr("Select some text first, then apply a code."), 6000)
            return False
        start, end, snap = target
        name = self.codebook[code_id].name if code_id in self.codebook else code_id
        change = self.run_command(
            ApplyCode(self.session, code_id, start, end, snap=snap), self.tr("Apply {0}").format(name)
        )
        if change is None:
            return False
        saved = change.annotation
        if saved is not None:
            # the passage stays selected (as saved, snapped) for the next code; Esc clears it
            if not self.annotations.table.hasFocus():
                self.article.text.select_span(saved.start, saved.end, ensure_visible=False)
            self.select_annotation(saved.id, scroll=False)
        self.statusBar().showMessage(self.tr("Applied {0}.").format(name), 3000)
        return True

    def clear_selection(self) -> None:
        text = self.article.text
        if text.textCursor().hasSelection():
            text.set_caret(text.selection()[1])

    def _code_clicked(self, code_id: str) -> None:
        if self.document_id and self.article.text.textCursor().hasSelection():
            self.apply_code(code_id)
            self.focus_text()

    def repeat_last_code(self) -> None:
        if self.last_code:
            self.apply_code(self.last_code)
        else:
            self.statusBar().showMessage(self.tr("No code applied yet in this session."), 5000)

    def _pick_code(self, title: str) -> str | None:
        from annotator.gui.workbench.quick_picker import QuickPicker

        picker = QuickPicker(self.codebook, self, title=title)
        return picker.chosen if picker.exec() else None

    def quick_apply(self) -> None:
        if not self.article.text.textCursor().hasSelection():
            self.statusBar().showMessage(self.tr("Select some text first, then apply a code."), 6000)
            return
        self.article.text.take_mouse_alt()
        code_id = self._pick_code(self.tr("Apply a code"))
        if code_id:
            self.apply_code(code_id)

    def change_code(self, code_id: str | None = None) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.statusBar().showMessage(self.tr("Put the cursor in an annotation first."), 6000)
            return
        code_id = code_id or self._pick_code(self.tr("Change the code to"))
        if code_id and code_id != ann.code_id:
            self.run_command(ChangeCode(self.session, ann.id, code_id), self.tr("Change code"))

    def edit_note(self) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.statusBar().showMessage(self.tr("Put the cursor in an annotation first."), 6000)
            return
        dialog = NoteDialog(ann.quote, ann.note, self)
        if dialog.exec() and dialog.note() != ann.note:
            self._note_edited(ann.id, dialog.note())

    def _note_edited(self, annotation_id: str, note: str) -> None:
        # the one way in for notes from the window (the dialog and the table)
        note = clean_note(note)
        current = self.session.annotations.get(annotation_id)
        if current is not None and note != current.note:
            self.run_command(SetNote(self.session, annotation_id, note), self.tr("Edit note"))

    def delete_annotation(self) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.statusBar().showMessage(self.tr("Put the cursor in an annotation first."), 6000)
            return
        self.run_command(DeleteSpan(self.session, ann.id), self.tr("Delete annotation"))

    def nudge(self, edge: str, direction: int) -> None:
        ann = self.current_annotation()
        if ann is None:
            self.statusBar().showMessage(self.tr("Put the cursor in an annotation first."), 6000)
            return
        start, end = self.session.nudged(ann.id, edge, direction)
        if (start, end) != (ann.start, ann.end):
            if (
                self.run_command(MoveSpan(self.session, ann.id, start, end), self.tr("Move annotation"))
                is not None
            ):
                self.select_annotation(ann.id if ann.id in self.annotations_state else None, scroll=False)

    def _context_menu(self, point) -> None:
        from annotator.gui.workbench.context_menu import build_context_menu

        menu = build_context_menu(self, self.article.text.position_at(point))
        menu.exec(self.article.text.viewport().mapToGlobal(point))

    # --- article-level codes -------------------------------------------------------------------

    def _document_code_set(self, code_id: str, note: str) -> None:
        self._run_document_command(code_id, "1", note, self.tr("Set article code"))

    def _document_code_cleared(self, code_id: str) -> None:
        self._run_document_command(code_id, None, "", self.tr("Clear article code"))

    def _run_document_command(self, code_id: str, value: str | None, note: str, label: str) -> None:
        if not self.document_id:
            return
        cmd = (
            ClearDocumentCode(self.session, code_id)
            if value is None
            else SetDocumentCode(self.session, code_id, value=value, note=note)
        )
        if self.run_command(cmd, label) is None:
            self._document_codes_changed(self.document_id)  # the form shows what is saved

    def _document_codes_changed(self, document_id: str) -> None:
        if document_id == self.document_id:
            self.form.set_state(self.session.document_codes)

    # --- focus -------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.documents.search.setFocus()
        self.documents.search.selectAll()

    def focus_list(self) -> None:
        self.documents.table.setFocus()

    def focus_text(self) -> None:
        self.article.text.setFocus()

    def focus_codebook(self) -> None:
        self.codes.tree.setFocus()

    def focus_annotations(self) -> None:
        self.tabs.setCurrentWidget(self.annotations)
        self.annotations.table.setFocus()

    def focus_form(self) -> None:
        self.tabs.setCurrentWidget(self.form)
        self.form.setFocus()
        self.form.focusNextChild()

    # --- messages ------------------------------------------------------------------------------

    def show_error(self, message: str) -> None:
        """A refused action is reported in the status bar, in one sentence,
        without interrupting the keyboard flow."""
        self.statusBar().showMessage("⚠ " + message, 12000)

    def show_error_dialog(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Annotator"), message)

    @property
    def project_path(self) -> Path:
        return self.project.path
