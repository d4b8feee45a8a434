"""File > New project…: an assistant that makes a project ready to work on,
with a codebook, the team, and (when asked) the first import, instead of an
empty file.

One dialog with a list of steps rather than a QWizard: every step can be
reached at once, and "Create project" (Ctrl+Enter) works from any step with
what the later ones propose, the way the other dialogs finish.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError, CodebookError, ProjectError
from annotator.gui.project_setup.setup_pages import CodebookPage, CodersPage, FilePage, ImportPage
from annotator.services import projects


@dataclass(frozen=True)
class NewProject:
    """What the assistant made, for the window controller to open."""

    path: Path
    coder_name: str | None  # who works in the window; None: ask
    import_articles: bool


class NewProjectDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, folder: str | Path | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New project"))
        self.created: NewProject | None = None
        self.file_page = FilePage(Path(folder) if folder else Path.home(), self)
        self.codebook_page = CodebookPage(self)
        self.coders_page = CodersPage(self)
        self.import_page = ImportPage(self)
        self.steps = QListWidget(self)
        self.steps.setAccessibleName(self.tr("Steps"))
        self.pages = QStackedWidget(self)
        for title, page in (
            (self.tr("1. Project file"), self.file_page),
            (self.tr("2. Codebook"), self.codebook_page),
            (self.tr("3. Coders"), self.coders_page),
            (self.tr("4. First articles"), self.import_page),
        ):
            self.steps.addItem(title)
            self.pages.addWidget(page)
        self.steps.setFixedWidth(self.steps.sizeHintForColumn(0) + 24)
        self.steps.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.message = QLabel(self)
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setStyleSheet("color: #b3261e;")  # as the codebook editor says a refusal
        self.message.setVisible(False)
        # Back and Next beside the box, in reading order; the box holds what finishes
        self.back_button = QPushButton(self.tr("< &Back"), self)
        self.next_button = QPushButton(self.tr("&Next >"), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.create_button = buttons.addButton(
            self.tr("&Create project"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        for b in [*buttons.buttons(), self.back_button, self.next_button]:
            if isinstance(b, QPushButton):  # Enter in a name field must not create the project
                b.setAutoDefault(False)
        self.back_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.create_button.clicked.connect(self.create_project)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.back_button)
        bottom.addWidget(self.next_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)
        body = QHBoxLayout()
        body.addWidget(self.steps)
        body.addWidget(self.pages, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.file_page.changed.connect(self._update_buttons)
        self.pages.currentChanged.connect(lambda _i: self._update_buttons())
        self.steps.setCurrentRow(0)
        self.resize(900, 560)
        self.file_page.name_edit.setFocus()
        self.file_page.name_edit.selectAll()

    def step(self, by: int) -> None:
        row = min(max(self.steps.currentRow() + by, 0), self.steps.count() - 1)
        self.steps.setCurrentRow(row)

    def _update_buttons(self) -> None:
        row = self.pages.currentIndex()
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < self.pages.count() - 1)
        self.create_button.setEnabled(self.file_page.problem() is None)

    def _show_problem(self, text: str, page: QWidget) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        self.steps.setCurrentRow(self.pages.indexOf(page))

    def create_project(self) -> bool:
        """Make the project file; on a problem, say it on the step it concerns
        and leave nothing behind."""
        for page in (self.file_page, self.codebook_page):
            problem = page.problem()
            if problem:
                self._show_problem(problem, page)
                return False
        path = self.file_page.path()
        assert path is not None
        coders = self.coders_page.coders()
        try:
            project = projects.init_project(
                path,
                name=self.file_page.name_edit.text().strip(),
                codebook=self.codebook_page.source(),
                coders=[name for name, _ in coders],
                roles=dict(coders),
            )
        except AnnotatorError as exc:
            self._show_problem(str(exc), self._page_of(exc))
            return False
        except OSError as exc:
            self._show_problem(
                self.tr("{0} could not be created: {1}.").format(path.name, exc.strerror or exc),
                self.file_page,
            )
            return False
        project.close()
        self.created = NewProject(
            path=path,
            coder_name=self.coders_page.window_coder(),
            import_articles=self.import_page.import_first.isChecked(),
        )
        self.accept()
        return True

    def _page_of(self, exc: AnnotatorError) -> QWidget:
        if isinstance(exc, CodebookError):
            return self.codebook_page
        # the coders page refuses a repeated name itself; what is left is a bad name
        return self.file_page if isinstance(exc, ProjectError) else self.coders_page
