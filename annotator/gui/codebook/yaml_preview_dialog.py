"""Looking at a codebook file before it is imported: its codes with their
colours and keys, and what importing will do to the project's codebook, so a
lead does not import the wrong file blind."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from annotator.core.errors import AnnotatorError
from annotator.gui.common.codebook_preview import CodebookTree
from annotator.services import projects


class CodebookFileDialog(QDialog):
    def __init__(self, path: Path, codes_in_project: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import a codebook: {0}").format(path.name))
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.tree = CodebookTree(self)
        what = QLabel(self)
        what.setTextFormat(Qt.TextFormat.PlainText)
        what.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.import_button = buttons.addButton(self.tr("&Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        try:
            codebook = projects.load_codebook(path)
        except AnnotatorError as exc:
            # the reason the file cannot be imported, instead of an import that fails later
            self.summary.setText(str(exc))
            self.import_button.setEnabled(False)
        else:
            self.tree.show_codebook(codebook)
            keys = sum(1 for c in codebook if c.shortcut)
            self.summary.setText(
                self.tr("{0}: {1} codes, {2} with a key.").format(
                    codebook.name or path.name, len(codebook), keys
                )
            )
            what.setText(
                self.tr(
                    "Codes the project already has (the same id) are updated; the others are added. "
                    "No code of the project, and none of its annotations, is removed."
                )
                if codes_in_project
                else self.tr("The codebook is empty: it starts with these codes, which you can then edit.")
            )
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tree, 1)
        layout.addWidget(what)
        layout.addWidget(buttons)
        self.resize(720, 520)
