"""File > Export…: the project's codings in any exchange format the command
line's `annotator export` writes, with the same options. What the chosen
format cannot carry is shown before anything is written (the user exports
anyway or changes the choice); the files written are listed after. The export
runs on a worker with a connection of its own, with progress and cancel."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.task import TaskState
from annotator.gui.app.workers import Worker
from annotator.gui.common.worker_controls import WorkerControls
from annotator.services.exchange import (
    TRAINING_SOURCES,
    FormatInfo,
    exchange_formats,
    export_losses,
    export_project,
)
from annotator.services.project_files import open_project


def run_export(
    path: str,
    fmt: str,
    out: str,
    *,
    coders: list[str] | None,
    batch: str | None,
    options: dict[str, Any],
    readonly: bool = False,
    state: TaskState,
) -> list[Path]:
    """The worker's job, on a connection of its own (reading only)."""
    with open_project(path, readonly=readonly) as project:
        return export_project(project, fmt, Path(out), coders=coders, batch=batch, state=state, **options)


class ExportDialog(QDialog):
    def __init__(self, project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.worker: Worker | None = None
        self.formats = {f.name: f for f in exchange_formats() if f.can_export}
        self._confirmed: tuple | None = None  # the choice whose loss notice the user has seen
        self.setWindowTitle(self.tr("Export — {0}").format(project.name))
        self.setAccessibleName(self.tr("Export"))
        self._build()
        self._format_changed()
        self.resize(720, 520)

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self.format_combo = QComboBox(self)
        self.format_combo.setAccessibleName(self.tr("Format"))
        for f in self.formats.values():
            self.format_combo.addItem(f.label, f.name)
        self.format_combo.currentIndexChanged.connect(lambda _: self._format_changed())
        self.description = QLabel(self)
        self.description.setTextFormat(Qt.TextFormat.PlainText)
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: palette(placeholder-text);")

        self.target_edit = QLineEdit(self)
        self.target_edit.setAccessibleName(self.tr("Export to"))
        self.target_edit.textChanged.connect(lambda _: self._choice_changed())
        self.browse_button = QPushButton(self.tr("&Choose…"), self)
        self.browse_button.setAccessibleName(self.tr("Choose where to export"))
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.choose_target)
        target_row = QHBoxLayout()
        target_row.addWidget(self.target_edit, 1)
        target_row.addWidget(self.browse_button)

        self.coder_list = QListWidget(self)
        self.coder_list.setAccessibleName(self.tr("Coders to export"))
        for coder in self.project.coders():
            item = QListWidgetItem(coder.name, self.coder_list)
            item.setData(Qt.ItemDataRole.UserRole, coder.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        self.coder_list.setMaximumHeight(110)
        self.coder_list.itemChanged.connect(lambda _: self._choice_changed())

        self.batch_combo = QComboBox(self)
        self.batch_combo.setAccessibleName(self.tr("Batch"))
        self.batch_combo.addItem(self.tr("All batches"), None)
        for batch in self.project.batches():
            self.batch_combo.addItem(batch.name, batch.id)
        self.batch_combo.currentIndexChanged.connect(lambda _: self._choice_changed())

        self.spacy_box = QGroupBox(self.tr("spaCy training data"), self)
        self.source_combo = QComboBox(self.spacy_box)
        self.source_combo.setAccessibleName(self.tr("Whose codings to train on"))
        self.source_combo.addItem(self.tr("Majority of the coders"), TRAINING_SOURCES[0])
        self.source_combo.addItem(self.tr("Gold standard (the adjudicator's)"), TRAINING_SOURCES[1])
        for coder in self.project.coders():
            self.source_combo.addItem(self.tr("Coder: {0}").format(coder.name), f"coder:{coder.name}")
        self.config_check = QCheckBox(self.tr("Also write a 'spacy train' config beside it (.cfg)"), self)
        self.config_check.setAccessibleName(self.tr("Write a training config"))
        self.dev_spin = QDoubleSpinBox(self.spacy_box)
        self.dev_spin.setAccessibleName(self.tr("Share held out for evaluation"))
        self.dev_spin.setRange(0.0, 0.9)
        self.dev_spin.setSingleStep(0.1)
        self.dev_spin.setDecimals(2)
        self.dev_spin.setSpecialValueText(self.tr("none"))
        self.dev_spin.setToolTip(
            self.tr("This share of the documents (seeded) goes to a second file, NAME-dev.spacy")
        )
        spacy_form = QFormLayout(self.spacy_box)
        spacy_form.addRow(self.tr("&Source"), self.source_combo)
        spacy_form.addRow(self.tr("&Held out"), self.dev_spin)
        spacy_form.addRow("", self.config_check)

        self.refi_box = QGroupBox(self.tr("REFI-QDA"), self)
        self.keep_names_check = QCheckBox(self.tr("&Keep code names as they are"), self.refi_box)
        self.keep_names_check.setAccessibleName(self.tr("Keep code names"))
        self.keep_names_check.setToolTip(
            self.tr(
                "By default a code name that repeats in another group is written 'Group: Name', since "
                "QualCoder keeps one code per name; importing strips the group again."
            )
        )
        self.keep_names_check.toggled.connect(lambda _: self._choice_changed())
        QVBoxLayout(self.refi_box).addWidget(self.keep_names_check)

        self.notice = QLabel(self)
        self.notice.setAccessibleName(self.tr("What this format cannot carry"))
        self.notice.setTextFormat(Qt.TextFormat.PlainText)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a5300;")
        self.notice.setVisible(False)
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.written_list = QListWidget(self)
        self.written_list.setAccessibleName(self.tr("Files written"))
        self.written_list.setVisible(False)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Export progress"))
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton(
            self.tr("&Export"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.export_button.setAccessibleName(self.tr("Export"))
        self.export_button.setToolTip(self.tr("Write the export (Ctrl+Enter)"))
        self.export_button.clicked.connect(self.start)
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel export"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.controls = WorkerControls(self.progress, self.cancel_button)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Format"), self.format_combo)
        form.addRow("", self.description)
        to_label = QLabel(self.tr("&To"), self)
        to_label.setBuddy(self.target_edit)  # a row of two widgets gets no buddy of its own
        form.addRow(to_label, target_row)
        form.addRow(self.tr("C&oders"), self.coder_list)
        form.addRow(self.tr("&Batch"), self.batch_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.spacy_box)
        layout.addWidget(self.refi_box)
        layout.addWidget(self.notice)
        layout.addWidget(self.written_list, 1)
        layout.addStretch(0)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    # --- the choice -----------------------------------------------------------------------

    def current_format(self) -> FormatInfo:
        return self.formats[self.format_combo.currentData()]

    def _format_changed(self) -> None:
        f = self.current_format()
        self.description.setText(f.description)
        self.spacy_box.setVisible(f.name == "spacy")
        self.refi_box.setVisible(f.name in ("qdpx", "qdc"))
        text = self.target_edit.text().strip()
        if text:  # keep the place, change the ending to the format's
            self.target_edit.setText(str(self._suggested(Path(text).parent / Path(text).stem, f)))
        self._choice_changed()

    def _suggested(self, stem: Path, f: FormatInfo) -> Path:
        if not f.suffixes:
            return stem
        suffix = ".zip" if ".zip" in f.suffixes else f.suffixes[0]
        return stem.with_name(stem.name + suffix)

    def _choice_changed(self) -> None:
        """Any change of what would be written shows the loss notice again."""
        self._confirmed = None
        self.notice.setVisible(False)
        self.export_button.setText(self.tr("&Export"))
        # like Import articles: the finishing button waits for the form to be complete
        self.export_button.setEnabled(self.worker is None and bool(self.target_edit.text().strip()))

    def set_coders(self, names: list[str]) -> None:
        for i in range(self.coder_list.count()):
            item = self.coder_list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked)

    def chosen_coders(self) -> list[str]:
        items = [self.coder_list.item(i) for i in range(self.coder_list.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def options(self) -> dict[str, Any]:
        f = self.current_format()
        if f.name == "spacy":
            out: dict[str, Any] = {"source": self.source_combo.currentData()}
            if self.dev_spin.value() > 0:
                out["dev_share"] = self.dev_spin.value()
            if self.config_check.isChecked():
                out["config"] = self.target().with_suffix(".cfg")
            return out
        if f.name in ("qdpx", "qdc"):
            return {"unique_code_names": not self.keep_names_check.isChecked()}
        return {}

    def target(self) -> Path:
        return Path(self.target_edit.text().strip()).expanduser()

    def choose_target(self) -> None:
        f = self.current_format()
        start_at = self.target_edit.text().strip() or str(
            self._suggested(Path(self.project.path).with_name(Path(self.project.path).stem + "-export"), f)
        )
        if not f.suffixes:
            path = QFileDialog.getExistingDirectory(
                self, self.tr("Export to the folder"), str(Path(start_at).parent)
            )
        else:
            patterns = " ".join(f"*{s}" for s in f.suffixes)
            path, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export to"), start_at, f"{f.label} ({patterns})"
            )
        if path:
            self.target_edit.setText(path)

    # --- exporting ------------------------------------------------------------------------

    def start(self) -> Worker | None:
        """Export; the first press shows what the format cannot carry, if anything,
        and the next press writes. None when nothing was started."""
        if self.worker is not None:
            return None
        f = self.current_format()
        text = self.target_edit.text().strip()
        if not text:
            self._say(self.tr("Choose where to export to."), error=True)
            return None
        coders = self.chosen_coders()
        if not coders:
            self._say(self.tr("Choose at least one coder to export."), error=True)
            return None
        batch = self.batch_combo.currentData()
        options = self.options()
        target = self.target()
        choice = (f.name, str(target), tuple(coders), batch, tuple(sorted(options.items(), key=str)))
        if self._confirmed != choice:
            try:
                losses = export_losses(
                    self.project,
                    f.name,
                    coders=coders,
                    batch=batch,
                    unique_code_names=options.get("unique_code_names", True),
                )
            except AnnotatorError as exc:
                self._say(str(exc), error=True)
                return None
            replaced = target.is_dir() and any(target.iterdir())
            if losses or replaced:
                lines = (
                    [self.tr("Not carried by {0}:").format(f.label), *(f"• {s}" for s in losses)]
                    if losses
                    else []
                )
                if replaced:
                    lines.append(
                        self.tr("Files of the same name in {0} will be replaced.").format(target.name)
                    )
                lines.append(self.tr("Press Export again to write it anyway, or change the choice."))
                self.notice.setText("\n".join(lines))
                self.notice.setVisible(True)
                self.export_button.setText(self.tr("&Export anyway"))
                self._confirmed = choice
                self._say("")
                return None
        self._confirmed = None
        self.notice.setVisible(False)
        self.export_button.setText(self.tr("&Export"))
        self._running(True)
        self._say(self.tr("Exporting…"))
        self.worker = Worker(
            run_export,
            str(self.project.path),
            f.name,
            str(target),
            coders=coders,
            batch=batch,
            options=options,
            readonly=bool(getattr(self.project, "readonly", False)),
        )
        return self.controls.start(
            self.worker,
            finished=self._finished,
            failed=self._failed,
            cancelled=self.tr("The export was cancelled."),
        )

    def cancel(self) -> None:
        self.controls.cancel(self.worker)

    def _running(self, on: bool) -> None:
        self.controls.show_running(on)
        self.export_button.setEnabled(not on and bool(self.target_edit.text().strip()))

    def _finished(self, written: list[Path]) -> None:
        self.worker = None
        self._running(False)
        self.written_list.clear()
        for path in written:
            self.written_list.addItem(str(path))
        self.written_list.setVisible(True)
        self._say(self.tr("Wrote %n file(s).", "", len(written)))

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
