"""File > Import annotations…: codings from another tool (brat, REFI-QDA,
spaCy, Prodigy, doccano, Label Studio, INCEpTION) or from this tool's CSV or
JSONL, through the same service as `annotator import-annotations`. It runs on
a worker with a connection of its own, in one transaction: cancelled or
failed, the project is unchanged."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.task import TaskState
from annotator.gui.app.workers import Worker
from annotator.gui.common.worker_controls import WorkerControls
from annotator.services.exchange import AnnotationImportReport, exchange_formats, import_annotations
from annotator.services.project_files import open_project

TASK_FORMATS = ("prodigy", "doccano", "labelstudio")


def run_import_annotations(
    path: str,
    source: str,
    fmt: str | None,
    *,
    coder: str | None,
    coder_from_filename: str | None,
    state: TaskState,
) -> AnnotationImportReport:
    """The worker's job, on a connection of its own."""
    with open_project(path) as project:
        return import_annotations(
            project, Path(source), fmt, coder=coder, coder_from_filename=coder_from_filename, state=state
        )


def describe(r: AnnotationImportReport) -> str:
    """The report in the words `annotator import-annotations` prints."""
    lines = [
        f"{r.annotations_added} annotations imported ({r.annotations_unchanged} already there, "
        f"{r.annotations_merged} joined an overlapping span of the same code, "
        f"{len(r.annotations_refused)} refused), {r.document_codes} article-level codes; "
        f"new: {r.documents_added} documents, {r.codes_added} codes, {r.coders_added} coders."
    ]
    lines += [f"Refused: {reason}" for reason in r.annotations_refused]
    lines += [f"Warning: {w}" for w in r.warnings]
    return "\n".join(lines)


class ImportAnnotationsDialog(QDialog):
    def __init__(self, project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.worker: Worker | None = None
        self.imported = False  # the window reloads what it shows when something arrived
        self.setWindowTitle(self.tr("Import annotations — {0}").format(project.name))
        self.setAccessibleName(self.tr("Import annotations"))
        self._build()
        self.resize(680, 460)

    def _build(self) -> None:
        self.path_edit = QLineEdit(self)
        self.path_edit.setAccessibleName(self.tr("File or folder to import"))
        self.path_edit.textChanged.connect(lambda _: self._ready())
        self.file_button = QPushButton(self.tr("&File…"), self)
        self.file_button.setAutoDefault(False)
        self.file_button.clicked.connect(lambda: self.choose(folder=False))
        self.folder_button = QPushButton(self.tr("F&older…"), self)
        self.folder_button.setAutoDefault(False)
        self.folder_button.clicked.connect(lambda: self.choose(folder=True))
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.file_button)
        row.addWidget(self.folder_button)

        self.format_combo = QComboBox(self)
        self.format_combo.setAccessibleName(self.tr("Format"))
        self.format_combo.addItem(self.tr("From the file's name"), None)
        for f in exchange_formats():
            if f.can_import:
                self.format_combo.addItem(f.label, f.name)
        self.format_combo.currentIndexChanged.connect(lambda _: self._format_changed())
        self.coder_edit = QLineEdit(self)
        self.coder_edit.setAccessibleName(self.tr("Coder of tasks that name none"))
        self.coder_edit.setPlaceholderText(self.tr("Prodigy, doccano, Label Studio: a coder's name"))
        self.pattern_edit = QLineEdit(self)
        self.pattern_edit.setAccessibleName(self.tr("brat file names"))
        self.pattern_edit.setPlaceholderText(self.tr("brat: e.g. {document}_{coder}.ann"))

        self.report = QPlainTextEdit(self)
        self.report.setAccessibleName(self.tr("Import report"))
        self.report.setReadOnly(True)
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Import progress"))
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(
            self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.import_button.setAccessibleName(self.tr("Import"))
        self.import_button.clicked.connect(self.start)
        self.import_button.setEnabled(False)  # until there is something to import
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel import"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.controls = WorkerControls(self.progress, self.cancel_button)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close).clicked.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        from_label = QLabel(self.tr("&From"), self)
        from_label.setBuddy(self.path_edit)  # a row of three widgets gets no buddy of its own
        form.addRow(from_label, row)
        form.addRow(self.tr("F&ormat"), self.format_combo)
        form.addRow(self.tr("&Coder"), self.coder_edit)
        form.addRow(self.tr("&brat names"), self.pattern_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)
        self._format_changed()

    def _format_changed(self) -> None:
        fmt = self.format_combo.currentData()
        self.coder_edit.setEnabled(fmt is None or fmt in TASK_FORMATS)
        self.pattern_edit.setEnabled(fmt in (None, "brat"))

    def choose(self, *, folder: bool) -> None:
        start_at = self.path_edit.text().strip() or str(Path(self.project.path).parent)
        if folder:
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Import annotations from the folder"), start_at
            )
        else:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("Import annotations from"), start_at)
        if path:
            self.path_edit.setText(path)

    def start(self) -> Worker | None:
        if self.worker is not None:
            return None
        text = self.path_edit.text().strip()
        if not text or not Path(text).expanduser().exists():
            self._say(self.tr("Choose an existing file or folder to import."), error=True)
            return None
        self._running(True)
        self._say(self.tr("Importing…"))
        self.worker = Worker(
            run_import_annotations,
            str(self.project.path),
            str(Path(text).expanduser()),
            self.format_combo.currentData(),
            coder=self.coder_edit.text().strip() or None if self.coder_edit.isEnabled() else None,
            coder_from_filename=self.pattern_edit.text().strip() or None
            if self.pattern_edit.isEnabled()
            else None,
        )
        return self.controls.start(
            self.worker,
            finished=self._finished,
            failed=self._failed,
            cancelled=self.tr("The import was cancelled; the project is unchanged."),
        )

    def cancel(self) -> None:
        self.controls.cancel(self.worker)

    def _running(self, on: bool) -> None:
        self.controls.show_running(on)
        self._ready()

    def _ready(self) -> None:
        self.import_button.setEnabled(self.worker is None and bool(self.path_edit.text().strip()))

    def _finished(self, r: AnnotationImportReport) -> None:
        self.worker = None
        self._running(False)
        self.imported = True
        self.report.setPlainText(describe(r))
        self._say(self.tr("Done; the report is above."))

    def _failed(self, message: str) -> None:
        self.worker = None
        self._running(False)
        self._say(message, error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "")
        self.message.setText(text)

    def reject(self) -> None:  # noqa: D102 - Qt API
        if self.worker is not None:
            self.worker.state.request_interruption()
        super().reject()
