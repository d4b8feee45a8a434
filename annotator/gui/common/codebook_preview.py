"""Choosing a shipped codebook by what is in it: the list of built-in
codebooks beside a tree of the chosen one's codes with their colours and
keys. The new-project assistant and the codebook editor both show it."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.codebook import Codebook
from annotator.core.errors import AnnotatorError
from annotator.gui.common.safe_text import plain_tooltip
from annotator.gui.common.swatch import swatch

NAME_ROLE = Qt.ItemDataRole.UserRole


class CodebookTree(QTreeWidget):
    """A read-only tree of a codebook: name with its colour, key, scope."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(3)
        self.setHeaderLabels([self.tr("Code"), self.tr("Key"), self.tr("Scope")])
        self.setAccessibleName(self.tr("Codes of the codebook"))
        self.setUniformRowHeights(True)
        self.setAlternatingRowColors(True)
        self.setIconSize(QSize(14, 14))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

    def show_codebook(self, codebook: Codebook | None) -> None:
        self.clear()
        if codebook is None:
            return
        items: dict[str, QTreeWidgetItem] = {}
        for _, code in codebook.walk():
            parent = items.get(code.parent_id or "")
            item = QTreeWidgetItem([code.name, code.shortcut or "", code.scope])
            if parent is None:
                self.addTopLevelItem(item)
            else:
                parent.addChild(item)
            item.setIcon(0, swatch(code.color))
            if code.description:
                item.setToolTip(0, plain_tooltip(code.description))
            items[code.id] = item
        self.expandAll()


class BuiltinCodebookPicker(QWidget):
    """The shipped codebooks, one chosen (``chosen()`` is its name), previewed."""

    chosen_changed = Signal(str)

    def __init__(self, titles: dict[str, str], load, parent: QWidget | None = None) -> None:
        """``titles``: name -> title; ``load(name)`` -> Codebook (a service)."""
        super().__init__(parent)
        self._load = load
        self.list = QListWidget(self)
        self.list.setAccessibleName(self.tr("Built-in codebooks"))
        self.list.setWordWrap(True)  # titles name their source and run long
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for name, title in titles.items():
            item = QListWidgetItem(title)
            item.setData(NAME_ROLE, name)
            item.setToolTip(plain_tooltip(title))
            self.list.addItem(item)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("About the chosen codebook"))
        self.tree = CodebookTree(self)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.tree, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 2)
        layout.addLayout(right, 3)
        self.list.currentItemChanged.connect(lambda *_: self._preview())
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return item.data(NAME_ROLE) if item is not None else None

    def choose(self, name: str) -> bool:
        for row in range(self.list.count()):
            if self.list.item(row).data(NAME_ROLE) == name:
                self.list.setCurrentRow(row)
                return True
        return False

    def _preview(self) -> None:
        name = self.chosen()
        if name is None:
            self.tree.show_codebook(None)
            self.summary.clear()
            return
        try:
            codebook = self._load(name)
        except AnnotatorError as exc:
            self.tree.show_codebook(None)
            self.summary.setText(str(exc))
            return
        self.tree.show_codebook(codebook)
        keys = sum(1 for c in codebook if c.shortcut)
        self.summary.setText(
            self.tr("{0}: {1} codes, {2} with a key.").format(codebook.name or name, len(codebook), keys)
        )
        self.chosen_changed.emit(name)
