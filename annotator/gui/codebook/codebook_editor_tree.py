"""The code tree of the codebook editor: colour swatches, archived codes
greyed, drag and drop that reports the new structure instead of trusting it.

The tree is only a view of ``Project.codebook()``: after a drop the editor
reads the new parent and position of each code from it, saves them, and
rebuilds the tree from the project, so what is shown is what was stored.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem

from annotator.core.codebook import Codebook
from annotator.gui.common.safe_text import plain_tooltip
from annotator.gui.common.swatch import swatch

ID_ROLE = Qt.ItemDataRole.UserRole
COL_NAME, COL_KEY, COL_SCOPE, COL_USES = range(4)


class CodeTree(QTreeWidget):
    """Emits ``moved(code_id)`` after the user dropped a code somewhere."""

    moved = Signal(str)
    rename_requested = Signal()  # F2: names are edited in the form, not in place
    delete_requested = Signal()  # Del

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setColumnCount(4)
        self.setHeaderLabels([self.tr("Code"), self.tr("Key"), self.tr("Scope"), self.tr("Uses")])
        self.setAccessibleName(self.tr("Codes"))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setIconSize(QSize(14, 14))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)
        for col in (COL_KEY, COL_SCOPE, COL_USES):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)

    # --- building ---------------------------------------------------------------

    def populate(
        self,
        codebook: Codebook,
        usage: dict[str, int],
        *,
        show_archived: bool = True,
        select: str | None = None,
    ) -> None:
        collapsed = {cid for cid, item in self._items().items() if not item.isExpanded()}
        self.blockSignals(True)
        self.clear()
        items: dict[str, QTreeWidgetItem] = {}
        grey = self.palette().color(self.palette().ColorGroup.Disabled, self.palette().ColorRole.Text)
        for _, code in codebook.walk():
            if code.archived and not show_archived:
                continue
            parent = items.get(code.parent_id) if code.parent_id else None
            if code.parent_id and parent is None:
                continue  # under an archived, hidden group
            item = QTreeWidgetItem(parent if parent is not None else self)
            items[code.id] = item
            name = code.name
            if code.exclusive:
                name += "  " + self.tr("(one of)")
            if code.archived:
                name += "  " + self.tr("(archived)")
            item.setText(COL_NAME, name)
            item.setIcon(COL_NAME, swatch(code.color, archived=code.archived))
            item.setText(COL_KEY, code.shortcut)
            # only the exception is spelled out; a column of "span" would be noise
            item.setText(COL_SCOPE, self.tr("document") if code.scope == "document" else "")
            uses = usage.get(code.id, 0)
            item.setText(COL_USES, str(uses) if uses else "")
            item.setTextAlignment(COL_USES, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setData(COL_NAME, ID_ROLE, code.id)
            tip = code.description or self.tr("No coding instructions yet.")
            item.setToolTip(COL_NAME, plain_tooltip(f"{codebook.path(code.id, ' / ')}\n\n{tip}"))
            if code.archived:
                font = item.font(COL_NAME)
                font.setItalic(True)
                for col in range(4):
                    item.setForeground(col, grey)
                    item.setFont(col, font)
        for cid, item in items.items():
            item.setExpanded(cid not in collapsed)
        self.blockSignals(False)
        target = items.get(select) if select else None
        if target is None and items:
            target = self.topLevelItem(0)
        if target is not None:
            self.setCurrentItem(target)
        else:
            self.currentItemChanged.emit(None, None)

    def _items(self) -> dict[str, QTreeWidgetItem]:
        out = {}
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            out[item.data(COL_NAME, ID_ROLE)] = item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return out

    def item_for(self, code_id: str) -> QTreeWidgetItem | None:
        return self._items().get(code_id)

    def current_id(self) -> str | None:
        item = self.currentItem()
        return item.data(COL_NAME, ID_ROLE) if item is not None else None

    def structure(self) -> dict[str, tuple[str | None, int]]:
        """code id -> (parent id, position among its siblings), as shown."""
        out: dict[str, tuple[str | None, int]] = {}

        def visit(item: QTreeWidgetItem, parent_id: str | None, pos: int) -> None:
            cid = item.data(COL_NAME, ID_ROLE)
            out[cid] = (parent_id, pos)
            for i in range(item.childCount()):
                visit(item.child(i), cid, i)

        for i in range(self.topLevelItemCount()):
            visit(self.topLevelItem(i), None, i)
        return out

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_F2:
            self.rename_requested.emit()
        elif event.key() == Qt.Key.Key_Delete:
            self.delete_requested.emit()
        else:
            super().keyPressEvent(event)

    # --- drag and drop ------------------------------------------------------------

    def dropEvent(self, event) -> None:  # noqa: N802 - Qt API
        moving = self.current_id()
        super().dropEvent(event)
        if moving:
            self.moved.emit(moving)
