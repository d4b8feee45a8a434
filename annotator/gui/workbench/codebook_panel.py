"""The codebook panel: the code tree with colour swatches, shortcut keys and
counts in this document, a filter box, and the coding instructions of the
selected code underneath."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.codebook import Codebook
from annotator.gui.common.safe_text import plain_tooltip

ID_ROLE = Qt.ItemDataRole.UserRole
COL_NAME, COL_KEY, COL_COUNT = range(3)


@lru_cache(maxsize=256)
def swatch(colour: str, size: int = 12) -> QIcon:
    pix = QPixmap(size * 2, size * 2)  # drawn at 2x so it stays crisp on high-DPI screens
    pix.setDevicePixelRatio(2.0)
    pix.fill(Qt.GlobalColor.transparent)
    p = QPainter(pix)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(colour))
    p.setPen(QColor(0, 0, 0, 50))
    p.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    p.end()
    return QIcon(pix)


class CodebookPanel(QWidget):
    """Emits ``code_chosen(code_id)`` when a code is clicked or Enter is
    pressed on it."""

    code_chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.codebook = Codebook()
        self._items: dict[str, QTreeWidgetItem] = {}
        self.filter = QLineEdit()
        self.filter.setPlaceholderText(self.tr("Filter codes…"))
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(self.tr("Filter codes"))
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(self.tr("Codebook"))
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Code"), self.tr("Key"), self.tr("Here")])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setUniformRowHeights(True)
        self.tree.setIconSize(QSize(12, 12))
        self.tree.setRootIsDecorated(True)
        self.tree.setIndentation(14)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_KEY, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_COUNT, QHeaderView.ResizeMode.ResizeToContents)
        self.instructions = QTextBrowser()
        self.instructions.setAccessibleName(self.tr("Coding instructions"))
        self.instructions.setOpenLinks(False)
        self.instructions.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.instructions.setPlaceholderText(self.tr("Select a code to read its coding instructions."))
        title = QLabel(self.tr("Codebook"))
        title.setObjectName("panelTitle")
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.tree)
        split.addWidget(self.instructions)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(title)
        layout.addWidget(self.filter)
        layout.addWidget(split, 1)
        self.filter.textChanged.connect(self._apply_filter)
        self.tree.currentItemChanged.connect(self._show_instructions)
        # a click applies the code when text is selected (the window decides);
        # without a selection it only shows the instructions
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)

    def set_codebook(self, codebook: Codebook) -> None:
        self.codebook = codebook
        self.tree.clear()
        self._items = {}
        for _, code in codebook.walk():
            if code.archived or code.scope != "span":
                continue
            parent = self._items.get(code.parent_id) if code.parent_id else None
            if code.parent_id and parent is None:
                continue
            item = QTreeWidgetItem(parent if parent is not None else self.tree)
            item.setText(COL_NAME, code.name)
            item.setIcon(COL_NAME, swatch(code.color))
            item.setText(COL_KEY, code.shortcut)
            item.setTextAlignment(COL_KEY, Qt.AlignmentFlag.AlignCenter)
            item.setTextAlignment(COL_COUNT, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(COL_NAME, ID_ROLE, code.id)
            item.setToolTip(COL_NAME, plain_tooltip(codebook.path(code.id, " / ")))
            if codebook.children(code.id):
                font = item.font(COL_NAME)
                font.setBold(True)
                item.setFont(COL_NAME, font)
            self._items[code.id] = item
        self.tree.expandAll()
        self._apply_filter(self.filter.text())

    def set_counts(self, counts: dict[str, int]) -> None:
        for code_id, item in self._items.items():
            n = counts.get(code_id, 0)
            item.setText(COL_COUNT, str(n) if n else "")

    def current_code(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(COL_NAME, ID_ROLE) if item else None

    def _apply_filter(self, text: str) -> None:
        needle = text.strip().casefold()
        for code_id, item in self._items.items():
            code = self.codebook.get(code_id)
            hit = (
                not needle
                or needle in self.codebook.path(code_id).casefold()
                or (code is not None and needle in code.description.casefold())
            )
            item.setHidden(not hit)
        if needle:  # keep the groups of matching codes visible
            for item in self._items.values():
                if not item.isHidden():
                    parent = item.parent()
                    while parent is not None:
                        parent.setHidden(False)
                        parent = parent.parent()

    def _show_instructions(self, item: QTreeWidgetItem | None, _previous=None) -> None:
        if item is None:
            self.instructions.clear()
            return
        code = self.codebook.get(item.data(COL_NAME, ID_ROLE))
        if code is None:
            return
        import html

        body = (
            html.escape(code.description)
            if code.description
            else ("<i>" + html.escape(self.tr("No coding instructions for this code yet.")) + "</i>")
        )
        key = (" &nbsp;<code>" + html.escape(code.shortcut) + "</code>") if code.shortcut else ""
        self.instructions.setHtml(
            f"<p style='margin:0'><b>{html.escape(self.codebook.path(code.id, ' / '))}</b>{key}</p>"
            f"<p style='margin-top:6px; line-height:140%'>{body}</p>"
        )

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        import time

        code_id = item.data(COL_NAME, ID_ROLE)
        # styles with single-click activation report one click as both signals
        now = time.monotonic()
        if (code_id, now - getattr(self, "_last_time", -1.0) < 0.4) == (
            getattr(self, "_last_id", None),
            True,
        ):
            return
        self._last_id, self._last_time = code_id, now
        if code_id and not self.codebook.children(code_id):
            self.code_chosen.emit(code_id)
