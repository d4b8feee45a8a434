"""The window controller: owns the open workbench windows, opens, creates and
switches projects, switches coders, and answers a window's requests for the
dialogs of the other rooms (new project, import, codebook editor, the lead's
team dialogs, training rounds, compare, agreement, help). The workbench never imports those
rooms; they meet here."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from annotator.core.models import Coder
from annotator.gui.app import settings as gui_settings
from annotator.gui.app.startup import choose_coder, open_project_file
from annotator.gui.workbench.main_window import MainWindow

if TYPE_CHECKING:  # the assistant loads the codebook services: only when a project is made
    from annotator.gui.project_setup.new_project_dialog import NewProject


class WindowController(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._windows: list[MainWindow] = []  # open windows, kept alive while shown

    @property
    def windows(self) -> list[MainWindow]:
        return list(self._windows)

    def open(
        self,
        path: str | Path,
        *,
        create: bool = False,
        parent: QWidget | None = None,
        coder: Coder | None = None,
        coder_name: str | None = None,
    ) -> MainWindow | None:
        """A workbench on ``path``; None when the user cancelled or the file
        could not be opened (the user has been told why). ``coder_name``: who
        works in it, when known by name (and then remembered)."""
        project = open_project_file(path, create=create, parent=parent)
        if project is None:
            return None
        if coder is None and coder_name:
            coder = project.coder_by_name(coder_name)
            if coder is not None:
                gui_settings.set_project_value(project.path, "coder", coder.id)
        coder = coder or choose_coder(project, parent)
        if coder is None:
            project.close()
            return None
        gui_settings.add_recent_project(path)
        window = MainWindow(project, coder)
        self._adopt(window)
        return window

    def close_all(self) -> None:
        for window in list(self._windows):
            window.close()

    def _adopt(self, window: MainWindow) -> None:
        self._windows.append(window)
        # these connections hold the controller, so a window keeps its controller alive
        asks = window.requests
        asks.switch_project.connect(partial(self.switch_project, window))
        asks.switch_coder.connect(partial(self.switch_coder, window))
        asks.new_project.connect(partial(self.new_project, window))
        asks.edit_coders.connect(partial(self.edit_coders, window))
        asks.assign_documents.connect(partial(self.assign_documents, window))
        asks.make_packages.connect(partial(self.make_packages, window))
        asks.merge_packages.connect(partial(self.merge_packages, window))
        asks.training_rounds.connect(partial(self.training_rounds, window))
        asks.import_articles.connect(partial(self.import_articles, window))
        asks.import_annotations.connect(partial(self.import_annotations, window))
        asks.export_data.connect(partial(self.export_data, window))
        asks.write_appendix.connect(partial(self.write_appendix, window))
        asks.edit_codebook.connect(partial(self.edit_codebook, window))
        asks.show_agreement.connect(partial(self.show_agreement, window))
        asks.show_compare.connect(partial(self.show_compare, window))
        asks.show_shortcuts.connect(partial(self.show_shortcuts, window))
        asks.show_guide.connect(partial(self.show_guide, window))
        asks.closed.connect(partial(self._forget, window))

    def _forget(self, window: MainWindow) -> None:
        if window in self._windows:
            self._windows.remove(window)

    # --- projects and coders --------------------------------------------------------------

    def switch_project(self, window: MainWindow, path: str, create: bool = False) -> None:
        """Replace ``window`` by one on ``path``; ``window`` stays when that fails."""
        new = self.open(path, create=create, parent=window)
        if new is not None:
            new.show()
            window.close()
            window.deleteLater()

    def new_project(self, window: MainWindow) -> None:
        from annotator.gui.project_setup.new_project_dialog import NewProjectDialog

        dialog = NewProjectDialog(window, folder=Path(window.project.path).parent)
        if dialog.exec() and dialog.created is not None:
            new = self.open_new(dialog.created, parent=window)
            if new is not None:
                window.close()
                window.deleteLater()

    def open_new(self, created: NewProject, *, parent: QWidget | None = None) -> MainWindow | None:
        """The window on a project the assistant made, shown, with the import
        dialog open on it when the lead asked for a first import."""
        new = self.open(created.path, parent=parent, coder_name=created.coder_name)
        if new is None:
            return None
        new.show()
        if created.import_articles:
            new.import_articles()
        return new

    def switch_coder(self, window: MainWindow) -> None:
        coder = choose_coder(window.project, window, ask=True)
        if coder is not None:
            window.use_coder(coder)

    # --- the other rooms' dialogs ---------------------------------------------------------
    # Imported on first use, so that opening the window does not load every dialog.

    def import_articles(self, window: MainWindow) -> None:
        from annotator.gui.importing.import_dialog import ImportDialog

        ImportDialog(window.project, window).exec()

    def import_annotations(self, window: MainWindow) -> None:
        from annotator.gui.exchange.import_annotations_dialog import ImportAnnotationsDialog

        ImportAnnotationsDialog(window.project, window).exec()

    def export_data(self, window: MainWindow) -> None:
        from annotator.gui.exchange.export_dialog import ExportDialog

        ExportDialog(window.project, window).exec()

    def write_appendix(self, window: MainWindow) -> None:
        from annotator.gui.exchange.appendix_dialog import AppendixDialog

        AppendixDialog(window.project, window).exec()

    def edit_codebook(self, window: MainWindow) -> None:
        from annotator.gui.codebook.codebook_editor import CodebookEditorDialog

        CodebookEditorDialog(window.project, window).exec()

    # --- the lead's desk ---------------------------------------------------------------------

    def edit_coders(self, window: MainWindow) -> None:
        from annotator.gui.team.coders_dialog import CodersDialog

        CodersDialog(window.project, window).exec()

    def assign_documents(self, window: MainWindow) -> None:
        from annotator.gui.team.assign_dialog import AssignDialog

        dialog = AssignDialog(window.project, window)
        if dialog.exec():
            window.statusBar().showMessage(dialog.summary(), 8000)

    def make_packages(self, window: MainWindow) -> None:
        from annotator.gui.team.packages_dialog import PackagesDialog

        dialog = PackagesDialog(window.project, window)
        if dialog.exec():
            window.statusBar().showMessage(dialog.summary(), 8000)

    def merge_packages(self, window: MainWindow) -> None:
        from annotator.gui.team.merge_dialog import MergeDialog

        dialog = MergeDialog(window.project, window)
        dialog.exec()
        if dialog.merged:
            window.statusBar().showMessage(dialog.summary(), 8000)

    def training_rounds(self, window: MainWindow) -> None:
        from annotator.gui.reliability.training_rounds_dialog import TrainingRoundsDialog

        TrainingRoundsDialog(window.project, window).exec()

    def show_agreement(self, window: MainWindow) -> None:
        from annotator.gui.agreement.agreement_dashboard import AgreementDashboard

        AgreementDashboard(window.project, window, open_document=window.open_document).exec()

    def show_compare(self, window: MainWindow) -> None:
        from annotator.gui.compare.compare_view import CompareView

        CompareView(window.project, window, document_id=window.document_id).exec()

    def show_shortcuts(self, window: MainWindow) -> None:
        from annotator.gui.help.help_browser import open_shortcut_sheet

        # non-modal, so it can stay open beside the text; F1 again hides it
        open_shortcut_sheet(window.shortcut_sections(), window)

    def show_guide(self, window: MainWindow) -> None:
        from annotator.gui.help.help_browser import open_help

        open_help(window)


def start_window(
    path: str | Path, *, create: bool = False, parent: QWidget | None = None, coder: Coder | None = None
) -> MainWindow | None:
    """A window on ``path`` with a controller of its own, for scripts and tests
    that need one window; the application shares one controller between its
    windows."""
    return WindowController().open(path, create=create, parent=parent, coder=coder)
