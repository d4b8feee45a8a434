"""Merge codes… and Split code…: the lead's choice of codes, handed back to
the codebook editor, which makes the change through the codebook service
(the same operation as `annotator codebook merge` and `split`)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.codebook import Codebook


def _hint(text: str, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label


def _buttons(dialog: QDialog, text: str) -> tuple[QDialogButtonBox, QPushButton]:
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, dialog)
    ok = box.addButton(text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setToolTip(dialog.tr("{0} (Ctrl+Enter)").format(text.replace("&", "")))
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box, ok


class MergeCodesDialog(QDialog):
    """Which codes merge, and the code they become (existing or new)."""

    def __init__(
        self, codebook: Codebook, selected: list[str], into: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge codes"))
        self.setAccessibleName(self.tr("Merge codes"))
        first = codebook.get(selected[0]) if selected else None
        self.codes = QListWidget(self)
        self.codes.setAccessibleName(self.tr("Codes to merge"))
        for code in codebook.leaves(first.scope if first else None):
            if code.archived:
                continue
            item = QListWidgetItem(codebook.path(code.id, " / "), self.codes)
            item.setData(Qt.ItemDataRole.UserRole, code.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if code.id in selected else Qt.CheckState.Unchecked)
        self.codes.itemChanged.connect(lambda _: self._update())
        self.into_edit = QLineEdit(into, self)
        self.into_edit.setAccessibleName(self.tr("Merge into"))
        self.into_edit.setPlaceholderText(self.tr("A new name, or an existing code's path"))
        self.into_edit.setCompleter(
            QCompleter([codebook.path(c.id) for c in codebook if not c.archived], self)
        )
        self.into_edit.textChanged.connect(lambda _: self._update())
        box, self.ok_button = _buttons(self, self.tr("&Merge"))
        form = QFormLayout()
        form.addRow(self.tr("&Codes"), self.codes)
        form.addRow(self.tr("&Into"), self.into_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            _hint(
                self.tr(
                    "The merged codes are archived and the merge is recorded: "
                    "Migrate older codings… gives their codings the new code. Undo (Ctrl+Z) takes it back."
                ),
                self,
            )
        )
        layout.addWidget(box)
        self.resize(560, 440)
        self._update()

    def chosen(self) -> list[str]:
        items = [self.codes.item(i) for i in range(self.codes.count())]
        return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked]

    def into(self) -> str:
        return self.into_edit.text().strip()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.chosen()) and bool(self.into()))


class SplitCodeDialog(QDialog):
    """The codes one code splits into, one a line (existing or new)."""

    def __init__(
        self, codebook: Codebook, code_id: str, into: list[str] | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Split code"))
        self.setAccessibleName(self.tr("Split code"))
        self.code_id = code_id
        self.into_edit = QPlainTextEdit("\n".join(into or []), self)
        self.into_edit.setAccessibleName(self.tr("Codes it splits into"))
        self.into_edit.setPlaceholderText(self.tr("Military\nPolitical"))
        self.into_edit.textChanged.connect(self._update)
        box, self.ok_button = _buttons(self, self.tr("&Split"))
        shown = QLabel(codebook.path(code_id, " / "), self)
        shown.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        form.addRow(self.tr("Code"), shown)
        form.addRow(self.tr("&Into"), self.into_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            _hint(
                self.tr(
                    "One code a line, at least two: a new name (it goes beside the split code) or an "
                    "existing code's path. The split code is archived; which code each older coding "
                    "becomes is decided in Migrate older codings…"
                ),
                self,
            )
        )
        layout.addWidget(box)
        self.resize(560, 360)
        self._update()

    def into(self) -> list[str]:
        return [line.strip() for line in self.into_edit.toPlainText().splitlines() if line.strip()]

    def _update(self) -> None:
        self.ok_button.setEnabled(len(self.into()) >= 2)
