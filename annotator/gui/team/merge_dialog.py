"""Project > Merge packages…: bring the coders' packages back. "Preview"
rehearses the merge (``annotator merge --dry-run``: everything is checked and
counted, nothing is stored); "Merge" stores it. Either way the table gives
the counts per package and the report below says what a lead should read:
warnings, codebook differences, skipped documents, refusals with reasons.

A package that is refused (not signed, another project's, damaged) is a
line of its own; the other packages are still merged."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services import packages, team_packages
from annotator.services.project_files import Project

COLUMNS = 8  # package, coder, added, updated, deleted, unchanged, article codes, statuses


@dataclass
class PackageOutcome:
    path: Path
    report: packages.MergeReport | None = None
    refused: str = ""  # why the whole package was refused


class MergeDialog(QDialog):
    def __init__(self, project: Project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.setWindowTitle(self.tr("Merge coder packages"))
        self.outcomes: list[PackageOutcome] = []
        self.merged = False
        self.files = QListWidget(self)
        self.files.setAccessibleName(self.tr("Packages to merge"))
        add = QPushButton(self.tr("&Add packages…"), self)
        remove = QPushButton(self.tr("&Remove"), self)
        for b in (add, remove):
            b.setAutoDefault(False)
        add.clicked.connect(self._browse)
        remove.clicked.connect(self._remove)
        file_buttons = QVBoxLayout()
        file_buttons.addWidget(add)
        file_buttons.addWidget(remove)
        file_buttons.addStretch(1)
        file_row = QHBoxLayout()
        file_row.addWidget(self.files, 1)
        file_row.addLayout(file_buttons)
        self.codebook = QComboBox(self)
        self.codebook.setAccessibleName(self.tr("When a package's codebook differs"))
        labels = {
            "refuse": self.tr("Refuse the package and change nothing"),
            "add-missing": self.tr("Add the codes the project lacks"),
            "ignore": self.tr("Merge only what the project's codebook knows"),
        }
        for choice in packages.CODEBOOK_CHOICES:
            self.codebook.addItem(labels[choice], choice)
        self.unsigned = QCheckBox(
            self.tr("Accept packages made before packages were signed (only if you trust the files)"), self
        )
        self.table = QTableWidget(0, COLUMNS, self)
        self.table.setAccessibleName(self.tr("Merge counts per package"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("Package"),
                self.tr("Coder"),
                self.tr("Added"),
                self.tr("Updated"),
                self.tr("Deleted"),
                self.tr("Unchanged"),
                self.tr("Article codes"),
                self.tr("Statuses"),
            ]
        )
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.headline = QLabel(self)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName(self.tr("Merge result"))
        self.report = QPlainTextEdit(self)
        self.report.setReadOnly(True)
        self.report.setAccessibleName(self.tr("Merge report"))
        self.report.setPlaceholderText(self.tr("Warnings, codebook differences and refusals appear here."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.preview_button = buttons.addButton(
            self.tr("&Preview (dry run)"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.merge_button = buttons.addButton(self.tr("&Merge"), QDialogButtonBox.ButtonRole.AcceptRole)
        for b in buttons.buttons():
            if isinstance(b, QPushButton):
                b.setAutoDefault(False)
        self.preview_button.clicked.connect(lambda: self.run(dry_run=True))
        self.merge_button.clicked.connect(lambda: self.run(dry_run=False))
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        files_label = QLabel(self.tr("Pac&kages"), self)
        files_label.setBuddy(self.files)  # a row of widgets has no buddy of its own
        form.addRow(files_label, file_row)
        form.addRow(self.tr("&Codebook differs"), self.codebook)
        form.addRow(self.unsigned)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.headline)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.report, 1)
        layout.addWidget(buttons)
        self.files.setMaximumHeight(110)
        self.resize(860, 600)
        self._update_buttons()

    # --- packages ------------------------------------------------------------------------

    def add_packages(self, paths: Sequence[str | Path]) -> None:
        known = set(self.package_paths())
        for p in paths:
            path = Path(p)
            if path not in known:
                self.files.addItem(str(path))
                known.add(path)
        self._update_buttons()

    def package_paths(self) -> list[Path]:
        return [Path(self.files.item(r).text()) for r in range(self.files.count())]

    def _browse(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Coder packages"),
            str(Path(self.project.path).parent),
            self.tr("Annotator projects (*.annotator);;All files (*)"),
        )
        self.add_packages(paths)

    def _remove(self) -> None:
        for item in self.files.selectedItems():
            self.files.takeItem(self.files.row(item))
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.files.count() > 0
        self.preview_button.setEnabled(ready)
        self.merge_button.setEnabled(ready)

    # --- merging -------------------------------------------------------------------------

    def run(self, *, dry_run: bool) -> list[PackageOutcome]:
        """Merge (or rehearse merging) every listed package and show the report."""
        self.outcomes = []
        for path in self.package_paths():
            outcome = PackageOutcome(path)
            try:
                outcome.report = packages.merge_package(
                    self.project,
                    path,
                    dry_run=dry_run,
                    codebook=self.codebook.currentData(),
                    accept_unsigned=self.unsigned.isChecked(),
                )
            except AnnotatorError as exc:
                outcome.refused = str(exc)
            except OSError as exc:
                outcome.refused = self.tr("{0} could not be read: {1}.").format(
                    path.name, exc.strerror or exc
                )
            self.outcomes.append(outcome)
        self._show(dry_run)
        if not dry_run:
            self.merged = True
            # done: Ctrl+Enter now closes the dialog, and the report stays to be read
            self.merge_button.setVisible(False)
            self.preview_button.setVisible(False)
        return self.outcomes

    def _show(self, dry_run: bool) -> None:
        self.table.setRowCount(0)
        lines: list[str] = []
        changes = refused = 0
        for outcome in self.outcomes:
            r = self.table.rowCount()
            self.table.insertRow(r)
            report = outcome.report
            if report is None:
                cells = [outcome.path.name, self.tr("refused")] + [""] * (COLUMNS - 2)
                lines.append(outcome.refused)
                refused += 1
            else:
                cells = [
                    outcome.path.name,
                    report.coder,
                    *(
                        str(n)
                        for n in (
                            report.added,
                            report.updated,
                            report.deleted,
                            report.unchanged,
                            report.document_codes_changed,
                            report.statuses_changed,
                        )
                    ),
                ]
                changes += report.changes
                for line in team_packages.merge_report_lines(report):
                    lines.append((self.tr("Warning: ") if line.kind == "warning" else "") + line.text)
            for col, text in enumerate(cells):
                self.table.setItem(r, col, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        done = len(self.outcomes) - refused
        if dry_run:
            headline = self.tr(
                "Dry run, nothing was changed: merging would bring %n change(s) from {0} package(s).",
                "",
                changes,
            ).format(done)
        else:
            headline = self.tr("Merged %n change(s) from {0} package(s).", "", changes).format(done)
        if refused:
            headline += " " + self.tr("%n package(s) refused; see the report below.", "", refused)
        self.headline.setText(headline)
        if not lines:
            lines = [self.tr("Nothing else to report: no warnings, codebook differences or refusals.")]
        self.report.setPlainText("\n".join(lines))

    def summary(self) -> str:
        return self.headline.text() if self.merged else ""
