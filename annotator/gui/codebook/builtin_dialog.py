"""Choosing a built-in codebook from the codebook editor, with a preview of
its codes, and what adding it will do to the codebook the project has."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from annotator.gui.common.codebook_preview import BuiltinCodebookPicker
from annotator.services import projects


class BuiltinCodebookDialog(QDialog):
    def __init__(self, codes_in_project: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start from a built-in codebook"))
        self.picker = BuiltinCodebookPicker(projects.builtin_codebook_titles(), projects.load_codebook, self)
        what = QLabel(self)
        what.setWordWrap(True)
        what.setTextFormat(Qt.TextFormat.PlainText)
        if codes_in_project:
            what.setText(
                self.tr(
                    "Its codes are added beside the %n code(s) the project has; none of those, and none of "
                    "their annotations, is removed or changed.",
                    "",
                    codes_in_project,
                )
            )
        else:
            what.setText(
                self.tr("The codebook is empty: it starts with these codes, which you can then edit.")
            )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.use_button = buttons.addButton(
            self.tr("&Use this codebook"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker, 1)
        layout.addWidget(what)
        layout.addWidget(buttons)
        self.resize(820, 520)

    def chosen(self) -> str | None:
        return self.picker.chosen()
