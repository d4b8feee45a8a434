"""The preferences dialog: reading font size and selection snapping. Light
or dark follows the system palette (Qt 6 does this by itself)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLabel

from annotator.gui.app.settings import Preferences


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent=None) -> None:
        super().__init__(parent)
        self._prefs = prefs  # what this dialog does not show is kept as it was
        self.setWindowTitle(self.tr("Preferences"))
        self.font_size = QDoubleSpinBox()
        self.font_size.setRange(8, 32)
        self.font_size.setSingleStep(0.5)
        self.font_size.setDecimals(1)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(prefs.font_size)
        self.font_size.setAccessibleName(self.tr("Text size"))
        self.snap = QCheckBox(self.tr("Snap selections to whole words (hold Alt for exact characters)"))
        self.snap.setChecked(prefs.snap)
        self.snap.setAccessibleName(self.tr("Snap selections to whole words"))
        theme = QLabel(self.tr("Light or dark follows your system's appearance setting."))
        theme.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Article text size"), self.font_size)
        form.addRow(self.snap)
        form.addRow(theme)
        form.addRow(buttons)

    def preferences(self) -> Preferences:
        return replace(self._prefs, font_size=self.font_size.value(), snap=self.snap.isChecked())
