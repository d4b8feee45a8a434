"""The workbench's project-level commands: open, create and drop projects,
switch coder, the dialogs other rooms provide (import, codebook editor, compare,
agreement, help), preferences, the shortcut sheet, and saving the place on
close. What lies outside the workbench is asked of the application through
``self.requests`` (see ``requests.py``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from annotator.core.errors import AnnotatorError
from annotator.core.models import Coder
from annotator.gui.app import settings as gui_settings
from annotator.gui.common.shortcuts import shortcuts_from_actions as shortcut_rows

PROJECT_SUFFIX = ".annotator"


class WindowMenusMixin:
    # --- projects -----------------------------------------------------------------------

    def _switch_to(self, path: str, *, create: bool = False) -> None:
        if Path(path).resolve() == Path(self.project.path).resolve():
            return
        self.requests.switch_project.emit(path, create)

    def new_project(self) -> None:
        self.requests.new_project.emit()

    def open_project(self) -> None:
        from annotator.gui.app.start_dialogs import ask_open_project

        path = ask_open_project(self)
        if path:
            self._switch_to(path)

    def fill_recent_menu(self) -> None:
        menu = self.actions.recent_menu
        menu.clear()
        for p in gui_settings.recent_projects():
            act = menu.addAction(f"{Path(p).stem}  —  {p}")
            act.triggered.connect(lambda _c=False, path=p: self._switch_to(path))
        if menu.isEmpty():
            menu.addAction(self.tr("No recent projects")).setEnabled(False)

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if _dropped_project(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        path = _dropped_project(event)
        if path is not None:
            event.acceptProposedAction()
            self._switch_to(path)

    def switch_coder(self) -> None:
        self.requests.switch_coder.emit()

    def use_coder(self, coder: Coder) -> None:
        """Code as ``coder`` from now on (the controller asked who)."""
        if coder.id == self.coder.id:
            return
        from annotator.services import coding
        from annotator.services.session import CodingSession

        self._remember_position()
        self.coder = coder
        self.undo_stack.clear()  # the commands belong to the other coder's work
        self.session = CodingSession(self.project, coder.id)
        self.filter = coding.coder_filter(self.project, coder.id)
        self.documents._base = self.filter
        self.documents.apply_filters()
        self.article.show_document(None)
        self._update_title()
        self.update_progress()
        self.restore_last_document()

    # --- dialogs from other rooms ------------------------------------------------------------
    # The controller shows them (modal); each request returns once the dialog is closed.

    def import_articles(self) -> None:
        self.requests.import_articles.emit()
        self.documents.reload_batches()
        self.documents.apply_filters()
        self.update_progress()

    def import_annotations(self) -> None:
        self.requests.import_annotations.emit()
        # codes, coders and codings may have arrived
        self.reload_codebook()
        self.documents.reload_batches()
        self.documents.apply_filters()
        self.update_progress()
        if self.document_id:
            self.open_document(self.document_id, scroll=self.article.text.verticalScrollBar().value())

    def export_data(self) -> None:
        self.requests.export_data.emit()

    def write_appendix(self) -> None:
        self.requests.write_appendix.emit()

    def edit_codebook(self) -> None:
        self.requests.edit_codebook.emit()
        self.reload_codebook()
        if self.document_id:  # a migration in the editor may have given its codings new codes
            self.open_document(self.document_id, scroll=self.article.text.verticalScrollBar().value())

    def show_agreement(self) -> None:
        self.requests.show_agreement.emit()

    # the lead's desk: each changes who codes what, so the list and progress are read again
    def edit_coders(self) -> None:
        self.requests.edit_coders.emit()
        self.coder = next((c for c in self.project.coders() if c.id == self.coder.id), self.coder)
        self._update_title()

    def assign_documents(self) -> None:
        self.requests.assign_documents.emit()
        self.documents.apply_filters()
        self.update_progress()

    def make_packages(self) -> None:
        self.requests.make_packages.emit()

    def merge_packages(self) -> None:
        self.requests.merge_packages.emit()
        self.documents.apply_filters()
        self.update_progress()
        if self.document_id:  # the merge may have brought this coder's work on the open document
            self.open_document(self.document_id, scroll=self.article.text.verticalScrollBar().value())

    def training_rounds(self) -> None:
        # a new round assigns gold articles, perhaps to this coder
        self.requests.training_rounds.emit()
        self.documents.apply_filters()
        self.update_progress()

    def show_compare(self) -> None:
        self.requests.show_compare.emit()
        if self.document_id:  # adjudication may have changed this coder's view of the document
            self.open_document(self.document_id, scroll=self.article.text.verticalScrollBar().value())

    def reload_codebook(self) -> None:
        try:
            self.codebook = self.project.codes.codebook()
        except AnnotatorError as exc:
            self.show_error_dialog(str(exc))
            return
        self.codes.set_codebook(self.codebook)
        self.form.set_codebook(self.codebook)
        self.actions.set_codes(self.codebook)
        if self.document_id:
            self._refresh_spans()
            self.session.reload_document_codes()  # the codebook edit may have removed some
            self._document_codes_changed(self.document_id)

    # --- preferences and help -------------------------------------------------------------------

    def show_preferences(self) -> None:
        from annotator.gui.app.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec():
            self.prefs = dialog.preferences()
            self.prefs.save()
            self.article.set_point_size(self.prefs.font_size)

    def shortcut_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        sections = [(title, shortcut_rows(actions)) for title, actions in self.actions.sections]
        sections.append(
            (
                self.tr("Codes (while the article text has the focus)"),
                shortcut_rows(self.actions.code_actions),
            )
        )
        sections.append(
            (
                self.tr("In the article text"),
                [
                    (
                        self.tr("Select text"),
                        self.tr("Shift+arrows, Shift+Ctrl+arrows (by word), or the mouse"),
                    ),
                    (
                        self.tr("Exact characters instead of whole words"),
                        self.tr("hold Alt while selecting with the mouse"),
                    ),
                    (self.tr("Move the cursor"), self.tr("arrows, Ctrl+arrows, Home, End, PgUp, PgDown")),
                    (self.tr("Select the annotation under the cursor"), self.tr("move the cursor into it")),
                ],
            )
        )
        return [(t, [(what, keys) for what, keys in rows]) for t, rows in sections]

    def show_shortcuts(self) -> None:
        self.requests.show_shortcuts.emit()

    def show_guide(self) -> None:
        self.requests.show_guide.emit()

    def show_about(self) -> None:
        import annotator

        QMessageBox.about(
            self,
            self.tr("About Annotator"),
            self.tr(
                "Annotator {0}\n\nCode news articles for framing and sourcing, compare coders and report "
                "reliability."
            ).format(annotator.__version__),
        )

    # --- closing -----------------------------------------------------------------------------

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt API
        if self.closed:
            return super().closeEvent(event)
        self.closed = True
        # nothing may read the project once it is closed: a pending search,
        # a late repaint of the list (the window object can outlive this)
        self.documents.stop()
        self._remember_position()
        gui_settings.set_project_value(
            self.project.path, "splitter", self.splitter.saveState(), store=self.settings
        )
        self.settings.sync()
        try:
            self.project.close()
        except AnnotatorError:
            pass
        self.requests.closed.emit()
        super().closeEvent(event)


def _dropped_project(event) -> str | None:
    mime = event.mimeData()
    if not mime.hasUrls():
        return None
    for url in mime.urls():
        if url.isLocalFile() and url.toLocalFile().endswith(PROJECT_SUFFIX):
            return url.toLocalFile()
    return None
