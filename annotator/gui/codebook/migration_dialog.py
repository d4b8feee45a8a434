"""Migrate older codings…: the recorded merges and splits replayed on the
codings made under an earlier codebook version (`annotator codebook
migrate`). The plan shows how many codings each operation moves and which
split codes need the lead's choice; every change of choice shows the dry
run again; applying runs on a worker with a connection of its own and hands
the editor an edit for its undo stack. Offsets never move; a second run
finds nothing to do."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.core.task import TaskState
from annotator.gui.app.workers import Worker
from annotator.gui.common.worker_controls import WorkerControls
from annotator.services.codebook import CodebookEdit
from annotator.services.codebook_migration import (
    MigrationPlan,
    SplitMapping,
    WaitingSplit,
    operation_lines,
    plan_migration,
    read_mapping,
    waiting_splits,
    with_defaults,
)
from annotator.services.codebook_operations import MigrationResult, apply_migration
from annotator.services.project_files import open_project


def run_migration(
    path: str, to_version: int, mapping: SplitMapping | None, *, state: TaskState
) -> MigrationResult:
    """The worker's job, on a connection of its own."""
    state.set_status("Replaying the codebook changes")
    with open_project(path) as project:
        return apply_migration(project, to_version, mapping, state=state)


class MigrationDialog(QDialog):
    def __init__(
        self,
        project,
        parent: QWidget | None = None,
        *,
        on_applied: Callable[[CodebookEdit], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.on_applied = on_applied
        self.worker: Worker | None = None
        self.file_mapping: SplitMapping | None = None
        self.plan: MigrationPlan | None = None
        self.splits: list[WaitingSplit] = []
        self.choice_combos: dict[str, QComboBox] = {}
        self.setWindowTitle(self.tr("Migrate older codings — {0}").format(project.name))
        self.setAccessibleName(self.tr("Migrate older codings"))
        self._build()
        self.version_changed()
        self.resize(860, 560)

    def _build(self) -> None:
        current = self.project.codes.codebook_version()
        self.version_spin = QSpinBox(self)
        self.version_spin.setAccessibleName(self.tr("Bring codings to version"))
        self.version_spin.setRange(1, current)
        self.version_spin.setValue(current)
        self.version_spin.valueChanged.connect(lambda _: self.version_changed())
        version_label = QLabel(self.tr("Bring older codings to codebook &version"), self)
        version_label.setBuddy(self.version_spin)
        top = QHBoxLayout()
        top.addWidget(version_label)
        top.addWidget(self.version_spin)
        top.addStretch(1)

        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(self.tr("Operations replayed"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Version"),
                self.tr("Operation"),
                self.tr("Codings moved"),
                self.tr("Waiting for a decision"),
            ]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        for col in (0, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

        self.decisions = QGroupBox(self.tr("Split codes: which code their older codings become"), self)
        self.decision_form = QFormLayout(self.decisions)
        self.load_button = QPushButton(self.tr("&Load decisions per coding from a file…"), self)
        self.load_button.setAutoDefault(False)
        self.load_button.setToolTip(
            self.tr("A YAML mapping file, as `annotator codebook migrate --mapping` reads")
        )
        self.load_button.clicked.connect(lambda: self.load_mapping())
        self.file_label = QLabel(self)
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        file_row = QHBoxLayout()
        file_row.addWidget(self.load_button)
        file_row.addWidget(self.file_label, 1)

        self.summary = QLabel(self)
        self.summary.setAccessibleName(self.tr("Dry run"))
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Migration progress"))
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)

        self.buttons = QDialogButtonBox(self)
        self.apply_button = self.buttons.addButton(self.tr("&Apply"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.apply_button.setToolTip(self.tr("Give the older codings their new codes (Ctrl+Enter)"))
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button = self.buttons.addButton(
            self.tr("Cancel migration"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.controls = WorkerControls(self.progress, self.cancel_button)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.decisions)
        layout.addLayout(file_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addWidget(self.buttons)

    # --- the plan -------------------------------------------------------------------

    def version_changed(self) -> None:
        """The splits waiting at this version get a choice each (kept when still asked)."""
        kept = {code: combo.currentData() for code, combo in self.choice_combos.items()}
        try:
            bare = plan_migration(self.project, self.version_spin.value(), self.file_mapping)
        except AnnotatorError as exc:
            self._say(str(exc), error=True)
            return
        self.splits = waiting_splits(self.project, bare)
        while self.decision_form.rowCount():
            self.decision_form.removeRow(0)
        self.choice_combos = {}
        for split in self.splits:
            combo = QComboBox(self.decisions)
            combo.setAccessibleName(self.tr("Code for the older codings of {0}").format(split.path))
            combo.addItem(self.tr("— choose —"), None)
            for code_id, path in split.choices:
                combo.addItem(path, code_id)
            if kept.get(split.code_id):
                combo.setCurrentIndex(max(0, combo.findData(kept[split.code_id])))
            combo.currentIndexChanged.connect(lambda _: self.refresh())
            label = QLabel(
                self.tr("{0} (%n coding(s))", "", split.codings).format(split.path), self.decisions
            )
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setBuddy(combo)
            self.decision_form.addRow(label, combo)
            self.choice_combos[split.code_id] = combo
        self.decisions.setVisible(bool(self.splits))
        self.refresh()

    def choices(self) -> dict[str, str]:
        return {
            code: combo.currentData() for code, combo in self.choice_combos.items() if combo.currentData()
        }

    def mapping(self) -> SplitMapping | None:
        chosen = self.choices()
        if not chosen:
            return self.file_mapping
        return with_defaults(self.file_mapping, chosen, source=self.tr("the window's choices"))

    def refresh(self) -> None:
        """The dry run of the current choice."""
        try:
            self.plan = plan_migration(self.project, self.version_spin.value(), self.mapping())
        except AnnotatorError as exc:
            self.plan = None
            self._say(str(exc), error=True)
            self.apply_button.setEnabled(False)
            return
        plan = self.plan
        lines = operation_lines(self.project, plan)
        self.table.setRowCount(len(lines))
        for r, line in enumerate(lines):
            cells = (
                str(line.version),
                line.description,
                str(line.moved),
                str(line.waiting) if line.waiting else "",
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col != 1:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, col, item)
        text = self.tr("Dry run to version {0}: {1} codings given a new code, {2} kept their code").format(
            plan.to_version, len(plan.remaps), plan.restamped
        )
        if plan.undecided:
            text += self.tr("; {0} need a decision (choose above, or load a file)").format(
                len(plan.undecided)
            )
        text += self.tr("; nothing was changed yet.")
        if plan.overlaps:
            text += " " + self.tr(
                "%n span(s) given a new code overlap a span of the same coder with that code; both are kept.",
                "",
                len(plan.overlaps),
            )
        if not plan.remaps and not plan.restamped and not plan.undecided:
            text = self.tr("Every coding is already at codebook version {0}: nothing to migrate.").format(
                plan.to_version
            )
        self.summary.setText(text)
        self.apply_button.setEnabled(
            self.worker is None and not plan.undecided and bool(plan.remaps or plan.restamped)
        )

    def load_mapping(self, path: str | Path | None = None) -> bool:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(
                self, self.tr("Decisions for split codes"), "", self.tr("Mapping files (*.yaml *.yml)")
            )
            if not path:
                return False
        try:
            self.file_mapping = read_mapping(Path(path), self.project.codes.codebook())
        except AnnotatorError as exc:
            self._say(str(exc), error=True)
            return False
        self.file_label.setText(Path(path).name)
        self._say("")
        self.version_changed()
        return True

    # --- applying ---------------------------------------------------------------------

    def apply(self) -> Worker | None:
        if self.worker is not None or self.plan is None or not self.apply_button.isEnabled():
            return None
        self._running(True)
        self._say(self.tr("Migrating…"))
        self.worker = Worker(run_migration, str(self.project.path), self.version_spin.value(), self.mapping())
        return self.controls.start(
            self.worker,
            finished=self._finished,
            failed=self._failed,
            cancelled=self.tr("The migration was cancelled; nothing was changed."),
            counted=False,
        )

    def cancel(self) -> None:
        self.controls.cancel(self.worker)

    def _running(self, on: bool) -> None:
        self.controls.show_running(on)
        self.version_spin.setEnabled(not on)
        self.decisions.setEnabled(not on)
        self.load_button.setEnabled(not on)
        if on:
            self.apply_button.setEnabled(False)

    def _finished(self, result: MigrationResult) -> None:
        self.worker = None
        self._running(False)
        if result.edit is not None and self.on_applied is not None:
            self.on_applied(result.edit)
        plan = result.plan
        self._say(
            self.tr(
                "Codings brought to codebook version {0}: {1} given a new code, {2} kept their code."
            ).format(plan.to_version, len(plan.remaps), plan.restamped)
        )
        self.version_changed()

    def _failed(self, message: str) -> None:
        self.worker = None
        self._running(False)
        self._say(message, error=True)
        self.refresh()

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e;" if error else "")
        self.message.setText(text)

    def reject(self) -> None:  # noqa: D102 - Qt API
        if self.worker is not None:
            self.worker.state.request_interruption()
        super().reject()
