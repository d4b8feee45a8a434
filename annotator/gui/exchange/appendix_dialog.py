"""File > Write methods appendix…: the appendix `annotator appendix` writes
(HTML, Markdown or Word), with the same options, computed on a worker with a
connection of its own, with progress and cancel; then Open and Show in
folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from annotator.core.task import TaskState
from annotator.gui.app.workers import Worker
from annotator.gui.common.worker_controls import WorkerControls
from annotator.services.appendix import UNITS, write_appendix
from annotator.services.project_files import open_project

# (label, suffix) of each format, in the order offered
APPENDIX_FORMATS = (("HTML", ".html"), ("Markdown", ".md"), ("Word (DOCX)", ".docx"))


def run_appendix(
    path: str, target: str, options: dict[str, Any], *, readonly: bool, state: TaskState
) -> Path:
    """The worker's job, on a connection of its own (reading only)."""
    with open_project(path, readonly=readonly) as project:
        write_appendix(project, Path(target), state=state, **options)
    return Path(target)


def _names(text: str) -> list[str] | None:
    names = [n.strip() for n in text.split(",") if n.strip()]
    return names or None


class AppendixDialog(QDialog):
    def __init__(self, project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.worker: Worker | None = None
        self.written: Path | None = None
        self._confirmed: str | None = None  # the target the user agreed to replace
        self.open_url: Callable[[QUrl], Any] = QDesktopServices.openUrl  # replaced in tests
        self.setWindowTitle(self.tr("Methods appendix — {0}").format(project.name))
        self.setAccessibleName(self.tr("Write methods appendix"))
        self._build()
        self._changed()
        self.resize(640, 540)

    def _build(self) -> None:
        self.format_combo = QComboBox(self)
        self.format_combo.setAccessibleName(self.tr("Format"))
        for label, suffix in APPENDIX_FORMATS:
            self.format_combo.addItem(label, suffix)
        self.format_combo.currentIndexChanged.connect(lambda _: self._format_changed())

        self.target_edit = QLineEdit(self)
        self.target_edit.setAccessibleName(self.tr("Write to"))
        self.target_edit.textChanged.connect(lambda _: self._changed())
        self.browse_button = QPushButton(self.tr("C&hoose…"), self)
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(lambda: self.choose_target())
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.browse_button)

        self.unit_combo = QComboBox(self)
        self.unit_combo.setAccessibleName(self.tr("Unit of analysis"))
        for unit in UNITS:
            self.unit_combo.addItem(unit, unit)
        self.coder_list = QListWidget(self)
        self.coder_list.setAccessibleName(self.tr("Coders compared"))
        self.coder_list.setMaximumHeight(110)
        self.default_coders = []
        for coder in self.project.coders():
            item = QListWidgetItem(coder.name, self.coder_list)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            # as the command without --coders: every coder with the role coder
            checked = coder.role == "coder"
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if checked:
                self.default_coders.append(coder.name)
        self.codes_edit = QLineEdit(self)
        self.codes_edit.setAccessibleName(self.tr("Variables reported"))
        self.codes_edit.setPlaceholderText(self.tr("Every variable; or names separated by commas"))
        self.bootstrap_spin = QSpinBox(self)
        self.bootstrap_spin.setAccessibleName(self.tr("Bootstrap resamples"))
        self.bootstrap_spin.setRange(0, 1_000_000)
        self.bootstrap_spin.setValue(1000)
        self.seed_spin = QSpinBox(self)
        self.seed_spin.setAccessibleName(self.tr("Seed"))
        self.seed_spin.setRange(-(2**31), 2**31 - 1)
        self.seed_spin.setValue(1)
        self.seed_spin.setToolTip(self.tr("Seed of the bootstrap, so the figures can be reproduced"))
        self.threshold_spin = QDoubleSpinBox(self)
        self.threshold_spin.setAccessibleName(self.tr("Alpha threshold"))
        self.threshold_spin.setDecimals(3)
        self.threshold_spin.setRange(0.0, 1.0)
        self.threshold_spin.setSingleStep(0.05)
        self.threshold_spin.setValue(0.667)
        self.threshold_spin.setToolTip(self.tr("The appendix gives P(α < threshold) for each variable"))

        for spin in (self.bootstrap_spin, self.seed_spin, self.threshold_spin):
            spin.setMaximumWidth(160)  # a figure, not a line of text

        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Appendix progress"))
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.write_button = self.buttons.addButton(self.tr("&Write"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setToolTip(self.tr("Compute and write the appendix (Ctrl+Enter)"))
        self.write_button.clicked.connect(self.start)
        self.cancel_button = self.buttons.addButton(self.tr("Cancel"), QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.controls = WorkerControls(self.progress, self.cancel_button)
        self.open_button = self.buttons.addButton(self.tr("&Open"), QDialogButtonBox.ButtonRole.ActionRole)
        self.open_button.clicked.connect(self.open_written)
        self.folder_button = self.buttons.addButton(
            self.tr("Show in fo&lder"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.folder_button.clicked.connect(self.show_folder)
        for b in (self.open_button, self.folder_button):
            b.setAutoDefault(False)
            b.setVisible(False)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Format"), self.format_combo)
        to_label = QLabel(self.tr("&To"), self)
        to_label.setBuddy(self.target_edit)
        form.addRow(to_label, target_row)
        form.addRow(self.tr("&Unit"), self.unit_combo)
        form.addRow(self.tr("&Coders"), self.coder_list)
        form.addRow(self.tr("&Variables"), self.codes_edit)
        form.addRow(self.tr("&Bootstrap resamples"), self.bootstrap_spin)
        form.addRow(self.tr("&Seed"), self.seed_spin)
        form.addRow(self.tr("&Alpha threshold"), self.threshold_spin)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    # --- the choice ---------------------------------------------------------------------

    def suffix(self) -> str:
        return str(self.format_combo.currentData())

    def target(self) -> Path:
        return Path(self.target_edit.text().strip()).expanduser()

    def _format_changed(self) -> None:
        text = self.target_edit.text().strip()
        if text:  # keep the place and name, change the ending
            self.target_edit.setText(str(Path(text).with_suffix(self.suffix())))
        self._changed()

    def _changed(self) -> None:
        self._confirmed = None
        self.write_button.setText(self.tr("&Write"))
        self.write_button.setEnabled(self.worker is None and bool(self.target_edit.text().strip()))

    def choose_target(self) -> None:
        start_at = self.target_edit.text().strip() or str(
            Path(self.project.path).with_name(Path(self.project.path).stem + "-appendix" + self.suffix())
        )
        label = self.format_combo.currentText()
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Write the appendix to"), start_at, f"{label} (*{self.suffix()})"
        )
        if path:
            self.target_edit.setText(path)

    def chosen_coders(self) -> list[str] | None:
        """The coders ticked; None (the command's default) when they are its default."""
        items = [self.coder_list.item(i) for i in range(self.coder_list.count())]
        names = [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]
        return None if names == self.default_coders else names

    def options(self) -> dict[str, Any]:
        """The keyword arguments of write_appendix, as the command passes them."""
        return {
            "unit": self.unit_combo.currentData(),
            "coders": self.chosen_coders(),
            "codes": _names(self.codes_edit.text()),
            "bootstrap": self.bootstrap_spin.value(),
            "seed": self.seed_spin.value(),
            "threshold": self.threshold_spin.value(),
        }

    # --- writing -------------------------------------------------------------------------

    def start(self) -> Worker | None:
        """Write; when the file exists, the first press says so and the next replaces it."""
        if self.worker is not None or not self.target_edit.text().strip():
            return None
        target = self.target()
        if target.suffix.lower() != self.suffix():
            target = target.with_name(target.name + self.suffix())
            self.target_edit.setText(str(target))
        if self.chosen_coders() == []:
            self._say(self.tr("Tick at least one coder to compare."), error=True)
            return None
        if target.exists() and self._confirmed != str(target):
            self._confirmed = str(target)
            self.write_button.setText(self.tr("&Replace"))
            self._say(self.tr("{0} exists; press Replace to write over it.").format(target.name), error=True)
            return None
        self._confirmed = None
        self.write_button.setText(self.tr("&Write"))
        self._running(True)
        self._say(self.tr("Computing the appendix…"))
        self.worker = Worker(
            run_appendix,
            str(self.project.path),
            str(target),
            self.options(),
            readonly=bool(getattr(self.project, "readonly", False)),
        )
        return self.controls.start(
            self.worker,
            finished=self._finished,
            failed=self._failed,
            cancelled=self.tr("The appendix was not written."),
        )

    def cancel(self) -> None:
        self.controls.cancel(self.worker)

    def _running(self, on: bool) -> None:
        self.controls.show_running(on)
        self.write_button.setEnabled(not on and bool(self.target_edit.text().strip()))

    def _finished(self, written: Path) -> None:
        self.worker = None
        self.written = written
        self._running(False)
        self.open_button.setVisible(True)
        self.folder_button.setVisible(True)
        self._say(self.tr("Wrote {0}.").format(written))

    def _failed(self, message: str) -> None:
        self.worker = None
        self._running(False)
        self._say(message, error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "")
        self.message.setText(text)

    def open_written(self) -> None:
        if self.written is not None:
            self.open_url(QUrl.fromLocalFile(str(self.written)))

    def show_folder(self) -> None:
        if self.written is not None:
            self.open_url(QUrl.fromLocalFile(str(self.written.parent)))

    def reject(self) -> None:  # noqa: D102 - Qt API
        if self.worker is not None:
            self.worker.state.request_interruption()
        super().reject()
