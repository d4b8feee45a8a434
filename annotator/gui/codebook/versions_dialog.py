"""Codebook versions…: the recorded changes between two versions, the same
lines as `annotator codebook diff`, and a copy of them as the Markdown table
`codebook diff --format markdown` prints, for a methods appendix."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.errors import AnnotatorError
from annotator.services.codebook_versions import CodebookChange, codebook_diff, diff_markdown


class CodebookVersionsDialog(QDialog):
    def __init__(self, project, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.project = project
        self.changes: list[CodebookChange] = []
        current = project.codes.codebook_version()
        self.setWindowTitle(self.tr("Codebook versions — {0}").format(project.name))
        self.setAccessibleName(self.tr("Codebook versions"))

        self.from_spin = QSpinBox(self)
        self.from_spin.setAccessibleName(self.tr("From version"))
        self.to_spin = QSpinBox(self)
        self.to_spin.setAccessibleName(self.tr("To version"))
        for spin, value in ((self.from_spin, 1), (self.to_spin, current)):
            spin.setRange(1, current)
            spin.setValue(value)
            spin.valueChanged.connect(lambda _: self.refresh())
        from_label, to_label = QLabel(self.tr("&From version"), self), QLabel(self.tr("&to version"), self)
        from_label.setBuddy(self.from_spin)
        to_label.setBuddy(self.to_spin)
        row = QHBoxLayout()
        for w in (from_label, self.from_spin, to_label, self.to_spin):
            row.addWidget(w)
        row.addStretch(1)
        self.current_label = QLabel(self.tr("The codebook is now version {0}.").format(current), self)
        row.addWidget(self.current_label)

        self.table = QTableWidget(0, 4, self)
        self.table.setAccessibleName(self.tr("Codebook changes"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("Version"), self.tr("Date"), self.tr("Change"), self.tr("Code")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(3, 200)

        self.message = QLabel(self)
        self.message.setAccessibleName(self.tr("Message"))
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton(
            self.tr("&Copy as Markdown"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.copy_button.setToolTip(
            self.tr("The table, as `annotator codebook diff --format markdown` prints it")
        )
        self.copy_button.clicked.connect(self.copy_markdown)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(820, 460)
        self.refresh()

    def refresh(self) -> None:
        first, last = self.from_spin.value(), self.to_spin.value()
        try:
            self.changes = codebook_diff(self.project, first, last)
        except AnnotatorError as exc:
            self.changes = []
            self.message.setText(str(exc))
        else:
            self.message.setText(
                self.tr("No change between these versions.")
                if not self.changes
                else self.tr("%n change(s).", "", len(self.changes))
            )
        self.copy_button.setEnabled(first <= last)
        self.table.setRowCount(len(self.changes))
        for r, c in enumerate(self.changes):
            for col, text in enumerate((str(c.version), c.at[:10], c.description, c.code_path)):
                item = QTableWidgetItem(text)
                if col >= 2:
                    item.setToolTip(text)  # a long description is cut at the column's edge
                if col == 0:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(r, col, item)

    def markdown(self) -> str:
        return diff_markdown(self.changes, self.from_spin.value(), self.to_spin.value())

    def copy_markdown(self) -> str:
        text = self.markdown()
        QApplication.clipboard().setText(text)
        self.message.setText(self.tr("Copied the table as Markdown."))
        return text
