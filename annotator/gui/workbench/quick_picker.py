"""The quick picker (Ctrl+K): type a few letters of a code, Enter applies it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout

from annotator.core.codebook import Codebook
from annotator.gui.common.safe_text import plain_tooltip
from annotator.gui.workbench.codebook_panel import swatch

ID_ROLE = Qt.ItemDataRole.UserRole


class QuickPicker(QDialog):
    def __init__(self, codebook: Codebook, parent=None, *, title: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title or self.tr("Apply a code"))
        self.setAccessibleName(self.windowTitle())
        self.codebook = codebook
        self.chosen: str | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Type to filter codes, Enter to apply"))
        self.search.setAccessibleName(self.tr("Code name"))
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Matching codes"))
        for code in codebook.leaves("span"):
            path = codebook.path(code.id, " / ")
            label = f"{path}    [{code.shortcut}]" if code.shortcut else path
            item = QListWidgetItem(swatch(code.color), label)
            item.setData(ID_ROLE, code.id)
            item.setToolTip(plain_tooltip(code.description))
            self.list.addItem(item)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        self.resize(460, 360)
        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        self.list.itemActivated.connect(self._accept_item)
        self._filter("")

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hay = item.text().casefold()
            hit = all(w in hay for w in words)
            item.setHidden(not hit)
            if hit and first is None:
                first = item
        if first is None:
            self.list.setCurrentRow(-1)
        else:
            self.list.setCurrentItem(first)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        # arrow keys in the search box move through the list, Enter applies
        if obj is self.search and event.type() == event.Type.KeyPress:
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                step = 1 if key == Qt.Key.Key_Down else -1
                row = self.list.currentRow()
                while 0 <= row + step < self.list.count():
                    row += step
                    if not self.list.item(row).isHidden():
                        self.list.setCurrentRow(row)
                        break
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                item = self.list.currentItem()
                if item is not None and not item.isHidden():
                    self._accept_item(item)
                return True
        return super().eventFilter(obj, event)

    def _accept_item(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(ID_ROLE)
        self.accept()
