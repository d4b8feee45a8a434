"""The note on an annotation: a multi-line box that Ctrl+Enter saves
(``annotator.gui.common.dialog_keys``) and Tab leaves."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget


def clean_note(text: str) -> str:
    """The note as stored: no blank lines or tabs left at its end (they are
    invisible in the table and in exports, and were saved by accident)."""
    return text.rstrip()


class NoteDialog(QDialog):
    def __init__(self, quote: str, note: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Note"))
        # the quote is imported text: plain, so it can never be read as markup
        label = QLabel(self.tr("Note on “{0}”").format(" ".join(quote.split())[:60]))
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setWordWrap(True)
        self.editor = QPlainTextEdit(note, self)
        self.editor.setTabChangesFocus(True)
        self.editor.setAccessibleName(self.tr("Note"))
        label.setBuddy(self.editor)
        hint = QLabel(self.tr("Ctrl+Enter saves, Esc cancels."))
        hint.setTextFormat(Qt.TextFormat.PlainText)
        hint.setEnabled(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.editor, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.resize(460, 240)
        self.editor.setFocus()
        self.editor.moveCursor(QTextCursor.MoveOperation.End)

    def note(self) -> str:
        return clean_note(self.editor.toPlainText())
