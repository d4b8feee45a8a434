"""Importing a batch of articles (issue 4, item 10): choose files or folders,
check a preview and the column mapping, import in a worker thread with
progress and cancel, then read the batch report.

The dialog only gathers options; reading, cleaning, de-duplication and storing
are ``annotator.services.importing``. The worker opens its own connection to
the project file, so the main window can keep reading while articles arrive.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.task import TaskState
from annotator.gui.app.workers import Worker, start
from annotator.gui.common.safe_text import plain_tooltip
from annotator.gui.importing.import_dialog_report import ImportReportView
from annotator.services.import_setup import article_fields, format_choices, pipeline_choices
from annotator.services.importing import ImportOptions, ImportReport, import_batch, preview_import
from annotator.services.project_files import open_project

PREVIEW_LIMIT = 5
TABLE_SUFFIXES = (".csv", ".tsv", ".tab", ".json", ".jsonl", ".ndjson")


def human_size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} bytes"


def run_import(path: str, paths: list[str], options: ImportOptions, *, state: TaskState):
    """The worker's job: a connection of its own for the whole import."""
    with open_project(path) as project:
        return import_batch(project, [Path(p) for p in paths], options, state=state)


class ImportDialog(QDialog):
    imported = Signal(str)  # the new batch's id, once articles were saved

    def __init__(self, project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.paths: list[str] = []
        self.preview = None
        self.report = None
        self.worker: Worker | None = None
        self._mapping_user: dict[str, str] = {}  # fields the user mapped by hand
        self.setWindowTitle(self.tr("Import articles — {0}").format(project.name))
        self.setAccessibleName(self.tr("Import articles"))
        self.setAcceptDrops(True)
        self.resize(960, 680)
        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(250)
        self._preview_timer.timeout.connect(self.refresh_preview)
        self._build()
        self._update_buttons()

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self.pages = QStackedWidget(self)
        self.pages.addWidget(self._setup_page())
        self.pages.addWidget(self._progress_page())
        self.report_view = ImportReportView(self)
        self.pages.addWidget(self.report_view)

        self.buttons = QDialogButtonBox(self)
        self.import_button = self.buttons.addButton(self.tr("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setAccessibleName(self.tr("Start the import"))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self._cancel_clicked)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setAccessibleName(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.close_button.setVisible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addWidget(self.buttons)

    def _setup_page(self) -> QWidget:
        page = QWidget(self)
        # files
        self.file_list = QListWidget(page)
        self.file_list.setAccessibleName(self.tr("Files and folders to import"))
        self.file_list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.file_list.setMaximumHeight(96)
        add_files = QPushButton(self.tr("Add files…"), page)
        add_files.setAccessibleName(self.tr("Add files"))
        add_files.clicked.connect(self._choose_files)
        add_folder = QPushButton(self.tr("Add folder…"), page)
        add_folder.setAccessibleName(self.tr("Add a folder"))
        add_folder.clicked.connect(self._choose_folder)
        self.remove_button = QPushButton(self.tr("Remove"), page)
        self.remove_button.setAccessibleName(self.tr("Remove the selected files"))
        self.remove_button.clicked.connect(self._remove_selected)
        file_buttons = QVBoxLayout()
        for b in (add_files, add_folder, self.remove_button):
            file_buttons.addWidget(b)
        file_buttons.addStretch(1)
        files = QHBoxLayout()
        files.addWidget(self.file_list, 1)
        files.addLayout(file_buttons)
        hint = QLabel(
            self.tr(
                "Text, HTML, Word, PDF, CSV, JSON, Nexis or Factiva exports, zip archives; or drop them here."
            ),
            page,
        )
        hint.setStyleSheet("color: palette(placeholder-text);")
        hint.setWordWrap(True)

        # options
        self.name_edit = QLineEdit(page)
        self.name_edit.setAccessibleName(self.tr("Batch name"))
        self.format_combo = QComboBox(page)
        self.format_combo.setAccessibleName(self.tr("Format"))
        self.format_combo.addItem(self.tr("Detect automatically"), None)
        for choice in format_choices():
            self.format_combo.addItem(f"{choice.name}: {choice.description}", choice.name)
        self.format_combo.currentIndexChanged.connect(lambda _: self._schedule_preview(reset_mapping=True))
        self.clean_check = QCheckBox(
            self.tr("Remove boilerplate (bylines, share buttons, cookie notices)"), page
        )
        self.clean_check.setAccessibleName(self.tr("Clean the text"))
        self.clean_check.setChecked(True)
        self.clean_check.toggled.connect(lambda _: self._schedule_preview())
        self.model_combo = QComboBox(page)
        self.model_combo.setAccessibleName(self.tr("Language pipeline"))
        self.model_combo.setEditable(True)
        self.model_combo.setToolTip(self.tr("The spaCy pipeline that finds sentences and tokens"))
        for name in pipeline_choices(self.project):
            self.model_combo.addItem(name)
        form = QFormLayout()
        form.addRow(self.tr("Batch &name"), self.name_edit)
        form.addRow(self.tr("&Format"), self.format_combo)
        form.addRow(self.tr("&Pipeline"), self.model_combo)
        form.addRow("", self.clean_check)

        # column mapping, for tables
        self.mapping_box = QGroupBox(self.tr("Columns"), page)
        self.mapping_box.setAccessibleName(self.tr("Column mapping"))
        grid = QGridLayout(self.mapping_box)
        labels = {
            "text": self.tr("Text"),
            "title": self.tr("Title"),
            "published": self.tr("Date"),
            "outlet": self.tr("Outlet"),
            "author": self.tr("Author"),
            "url": self.tr("URL"),
            "id": self.tr("Id"),
        }
        self.mapping_combos: dict[str, QComboBox] = {}
        for i, field in enumerate(article_fields()):
            combo = QComboBox(self.mapping_box)
            combo.setAccessibleName(self.tr("Column for {0}").format(labels[field]))
            combo.activated.connect(lambda _=0, f=field: self._mapping_chosen(f))
            self.mapping_combos[field] = combo
            label = QLabel(labels[field], self.mapping_box)
            label.setBuddy(combo)
            grid.addWidget(label, i // 4, (i % 4) * 2)
            grid.addWidget(combo, i // 4, (i % 4) * 2 + 1)
        self.mapping_box.setVisible(False)

        # preview
        self.preview_table = QTableWidget(0, 4, page)
        self.preview_table.setAccessibleName(self.tr("Preview of the first articles"))
        self.preview_table.setHorizontalHeaderLabels(
            [self.tr("Title"), self.tr("Outlet"), self.tr("Date"), self.tr("Beginning of the text")]
        )
        self.preview_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview_table.setWordWrap(True)
        self.preview_table.setAlternatingRowColors(True)
        self.preview_table.verticalHeader().setVisible(False)
        header = self.preview_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.preview_table.setColumnWidth(0, 260)
        self.preview_table.setColumnWidth(1, 110)
        self.preview_table.setColumnWidth(2, 90)
        self.preview_label = QLabel(page)
        self.preview_label.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.preview_label.setAccessibleName(self.tr("Preview message"))
        self.preview_label.setWordWrap(True)
        self.failures_list = QListWidget(page)
        self.failures_list.setAccessibleName(self.tr("Files that cannot be read"))
        self.failures_list.setMaximumHeight(80)
        self.failures_list.setVisible(False)

        preview = QWidget(page)
        pv = QVBoxLayout(preview)
        pv.setContentsMargins(0, 0, 0, 0)
        heading = QLabel(self.tr("Preview"), preview)
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        pv.addWidget(heading)
        pv.addWidget(self.preview_table, 1)
        pv.addWidget(self.preview_label)
        pv.addWidget(self.failures_list)

        top = QWidget(page)
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        tv.addLayout(files)
        tv.addWidget(hint)
        tv.addLayout(form)
        tv.addWidget(self.mapping_box)
        splitter = QSplitter(Qt.Orientation.Vertical, page)
        splitter.addWidget(top)
        splitter.addWidget(preview)
        splitter.setChildrenCollapsible(False)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        return page

    def _progress_page(self) -> QWidget:
        page = QWidget(self)
        self.progress_label = QLabel(self.tr("Starting…"), page)
        self.progress_label.setAccessibleName(self.tr("Import progress"))
        self.progress_bar = QProgressBar(page)
        self.progress_bar.setAccessibleName(self.tr("Import progress bar"))
        self.progress_bar.setRange(0, 0)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress_bar)
        layout.addStretch(2)
        return page

    # --- choosing files ---------------------------------------------------------------------

    def add_paths(self, paths: list[str | Path]) -> None:
        for p in paths:
            p = str(p)
            if p not in self.paths:
                self.paths.append(p)
                self.file_list.addItem(p)
        if not self.name_edit.text() and self.paths:
            self.name_edit.setPlaceholderText(self._default_name())
        self._schedule_preview(reset_mapping=True)
        self._update_buttons()

    def _default_name(self) -> str:
        first = Path(self.paths[0]).name
        return (
            first if len(self.paths) == 1 else self.tr("{0} and {1} more").format(first, len(self.paths) - 1)
        )

    def _choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose articles to import"))
        if files:
            self.add_paths(files)

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder of articles"))
        if folder:
            self.add_paths([folder])

    def _remove_selected(self) -> None:
        for item in self.file_list.selectedItems():
            self.paths.remove(item.text())
            self.file_list.takeItem(self.file_list.row(item))
        self._schedule_preview(reset_mapping=True)
        self._update_buttons()

    def dragEnterEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.mimeData().hasUrls() and self.pages.currentIndex() == 0:
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        self.add_paths([u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()])
        event.acceptProposedAction()

    # --- options and preview ------------------------------------------------------------------

    def options(self) -> ImportOptions:
        model = self.model_combo.currentText().strip() or None
        return ImportOptions(
            name=self.name_edit.text().strip() or None,
            format=self.format_combo.currentData(),
            columns=dict(self._mapping_user) or None,
            clean=self.clean_check.isChecked(),
            model=model,
        )

    def _mapping_chosen(self, field: str) -> None:
        column = self.mapping_combos[field].currentData()
        if column:
            self._mapping_user[field] = column
        else:
            self._mapping_user.pop(field, None)
        self._schedule_preview()

    def set_mapping(self, field: str, column: str | None) -> None:
        combo = self.mapping_combos[field]
        combo.setCurrentIndex(max(0, combo.findData(column)))
        self._mapping_chosen(field)

    def _schedule_preview(self, *, reset_mapping: bool = False) -> None:
        if reset_mapping:
            self._mapping_user.clear()
        self._preview_timer.start()

    def refresh_preview(self) -> None:
        """Read the first articles as they would be imported (nothing is saved)."""
        self._preview_timer.stop()
        self.preview = None
        self.preview_label.setStyleSheet("")
        self.preview_table.setRowCount(0)
        self.failures_list.clear()
        if not self.paths:
            self.preview_label.setText(self.tr("Add files or folders to see the first articles."))
            self.mapping_box.setVisible(False)
            self.failures_list.setVisible(False)
            self._update_buttons()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.preview = preview_import([Path(p) for p in self.paths], self.options(), limit=PREVIEW_LIMIT)
        except AnnotatorError as exc:
            self.preview_label.setText(str(exc))
            self._update_buttons()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._show_mapping(self.preview.columns, self.preview.mapping)
        for doc in self.preview.documents:
            row = self.preview_table.rowCount()
            self.preview_table.insertRow(row)
            words = " ".join(doc.text.split())
            beginning = words if len(words) <= 220 else words[:219].rsplit(" ", 1)[0] + " …"
            for col, value in enumerate(
                (doc.title or self.tr("(untitled)"), doc.outlet, doc.published, beginning)
            ):
                item = QTableWidgetItem(value)
                item.setToolTip(plain_tooltip(doc.text[:1200] if col == 3 else value))
                self.preview_table.setItem(row, col, item)
        self.preview_table.resizeRowsToContents()
        for path, reason in self.preview.failures:
            self.failures_list.addItem(f"{Path(path).name}: {reason}")
        self.failures_list.setVisible(bool(self.preview.failures))
        if self.preview.documents:
            self.preview_label.setText(
                self.tr("The first %n article(s) as they will be imported.", "", len(self.preview.documents))
            )
        else:
            self.preview_label.setText(
                self.tr("No article could be read from these files; see the reasons below.")
            )
        self._update_buttons()

    def _show_mapping(self, columns: list[str], mapping: dict[str, str]) -> None:
        self.mapping_box.setVisible(bool(columns))
        for field, combo in self.mapping_combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(self.tr("(none)"), None)
            for column in columns:
                combo.addItem(column, column)
            chosen = self._mapping_user.get(field, mapping.get(field))
            combo.setCurrentIndex(max(0, combo.findData(chosen)))
            combo.blockSignals(False)

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        ready = bool(self.paths) and (self.preview is None or bool(self.preview.documents))
        self.import_button.setVisible(page == 0)
        self.import_button.setEnabled(ready)
        self.remove_button.setEnabled(bool(self.paths))
        self.cancel_button.setVisible(page in (0, 1))
        self.close_button.setVisible(page == 2)
        self.buttons.updateGeometry()  # the box keeps its old height after its buttons change otherwise
        self.layout().activate()

    # --- running --------------------------------------------------------------------------------

    def start_import(self) -> Worker | None:
        if not self.paths or self.worker is not None:
            return None
        if getattr(self.project, "readonly", False):
            # the worker opens its own connection, which must not write behind a read-only project's back
            self.preview_label.setText(
                self.tr("{0} is open read-only, so no articles can be imported into it.").format(
                    self.project.path.name
                )
            )
            self.preview_label.setStyleSheet("color: #b3261e;")
            return None
        self.report = None
        self.pages.setCurrentIndex(1)
        self.progress_label.setText(self.tr("Reading and segmenting articles…"))
        self.progress_bar.setRange(0, 0)
        self._update_buttons()
        self.cancel_button.setEnabled(True)
        self.worker = Worker(run_import, str(self.project.path), list(self.paths), self.options())
        self.worker.signals.progress.connect(self._progress)
        self.worker.signals.finished.connect(self._finished)
        self.worker.signals.failed.connect(self._failed)
        self.worker.signals.cancelled.connect(self._cancelled)
        return start(self.worker)

    def _progress(self, done: int, total: int) -> None:
        """The service counts bytes of input read (a batch can be gigabytes,
        beyond a progress bar's int range): shown as a share of the whole."""
        if total > 0:
            self.progress_bar.setRange(0, 1000)
            self.progress_bar.setValue(min(1000, done * 1000 // total))
            self.progress_label.setText(
                self.tr("Reading and segmenting articles: {0:.0%} of {1} read…").format(
                    min(1.0, done / total), human_size(total)
                )
            )
        else:
            self.progress_bar.setRange(0, 0)

    def _cancel_clicked(self) -> None:
        if self.worker is not None:
            self.worker.state.request_interruption()
            self.cancel_button.setEnabled(False)
            self.progress_label.setText(self.tr("Stopping after the current articles; those saved are kept…"))
        else:
            self.reject()

    def _cancelled(self, report: ImportReport | None) -> None:
        if report is None:  # stopped before it began
            self._failed(self.tr("The import was cancelled."))
        else:
            self._finished(report, cancelled=True)

    def _finished(self, report, cancelled: bool = False) -> None:
        self.worker = None
        self.report = report
        ids = {d.get("resembles") for d in report.near_duplicates}
        titles = {}
        for doc_id in ids:
            try:
                titles[doc_id] = self.project.documents.document(doc_id).title
            except AnnotatorError:
                pass
        self.report_view.show_report(report, titles, cancelled=cancelled)
        self.pages.setCurrentIndex(2)
        self._update_buttons()
        if report.imported:
            self.imported.emit(report.batch.id)

    def _failed(self, message: str) -> None:
        self.worker = None
        self.pages.setCurrentIndex(0)
        self.preview_label.setText(message)
        self.preview_label.setStyleSheet("color: #b3261e;")
        self._update_buttons()

    def reject(self) -> None:  # noqa: D102 - Qt API
        if self.worker is not None:  # closing while importing: stop it cleanly first
            self._cancel_clicked()
            return
        super().reject()
