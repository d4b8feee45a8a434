"""The annotations panel: this document's spans (code, quote, note), sortable,
with notes editable in place; choosing a row selects the span in the text."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from annotator.core.codebook import Codebook
from annotator.core.models import Annotation
from annotator.gui.common.safe_text import plain_tooltip
from annotator.gui.workbench.codebook_panel import swatch

ID_ROLE = Qt.ItemDataRole.UserRole
COL_CODE, COL_QUOTE, COL_NOTE = range(3)


class AnnotationTableModel(QAbstractTableModel):
    """Emits ``note_edited(annotation_id, note)``; the window saves it as an
    undoable command and then updates this model."""

    note_edited = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[Annotation] = []
        self.codebook = Codebook()
        self._icons: dict[str, object] = {}
        self._headers = (self.tr("Code"), self.tr("Quote"), self.tr("Note"))
        self._sort = (COL_QUOTE, False)

    def set_annotations(self, annotations: list[Annotation], codebook: Codebook) -> None:
        self.beginResetModel()
        self.codebook = codebook
        self.rows = list(annotations)
        self._sort_rows()
        self._icons = {}
        self.endResetModel()

    def update_annotations(self, changed: dict[str, Annotation | None]) -> None:
        """Remove, change or add a few rows without resetting the table."""
        for i in range(len(self.rows) - 1, -1, -1):
            a = self.rows[i]
            if a.id in changed:
                new = changed[a.id]
                if new is not None and self._key()(new) == self._key()(a):
                    self.rows[i] = new
                    self.dataChanged.emit(self.index(i, 0), self.index(i, 2))
                    changed = {k: v for k, v in changed.items() if k != a.id}
                else:
                    self.beginRemoveRows(QModelIndex(), i, i)
                    del self.rows[i]
                    self.endRemoveRows()
        key = self._key()
        descending = self._sort[1]
        for a in changed.values():
            if a is None:
                continue
            k = key(a)
            i = 0
            while i < len(self.rows) and ((key(self.rows[i]) > k) if descending else (key(self.rows[i]) < k)):
                i += 1
            self.beginInsertRows(QModelIndex(), i, i)
            self.rows.insert(i, a)
            self.endInsertRows()

    # Sorting here rather than in a QSortFilterProxyModel: a proxy asks data()
    # tens of thousands of times per reset, which made applying a code slow.
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._sort_rows()
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        self.rows.sort(key=self._key(), reverse=self._sort[1])

    def _key(self):
        column = self._sort[0]
        cb = self.codebook
        if column == COL_CODE:

            def key(a):
                return (cb.path(a.code_id).casefold() if a.code_id in cb else a.code_id, a.start)
        elif column == COL_NOTE:

            def key(a):
                return (a.note.casefold(), a.start)
        else:

            def key(a):
                return (a.start, a.end)

        return key

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        if index.column() == COL_NOTE:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        a = self.rows[index.row()]
        col = index.column()
        code = self.codebook.get(a.code_id)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if col == COL_CODE:
                return code.name if code else a.code_id
            if col == COL_QUOTE:
                quote = " ".join(a.quote.split())
                return quote if len(quote) <= 120 else quote[:117] + "…"
            return a.note
        if role == Qt.ItemDataRole.DecorationRole and col == COL_CODE and code is not None:
            icon = self._icons.get(code.color)
            if icon is None:
                icon = self._icons[code.color] = swatch(code.color)
            return icon
        if role == Qt.ItemDataRole.ToolTipRole:
            path = self.codebook.path(a.code_id, " / ") if code else a.code_id
            return plain_tooltip(f"{path}\n\n{a.quote}" + (f"\n\n{a.note}" if a.note else ""))
        if role == ID_ROLE:
            return a.id
        return None

    def setData(self, index: QModelIndex, value, role=Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802 - Qt API
        if role != Qt.ItemDataRole.EditRole or index.column() != COL_NOTE:
            return False
        a = self.rows[index.row()]
        if str(value) != a.note:
            self.note_edited.emit(a.id, str(value))
        return True

    def row_of(self, annotation_id: str) -> int | None:
        for i, a in enumerate(self.rows):
            if a.id == annotation_id:
                return i
        return None


class AnnotationsPanel(QWidget):
    annotation_chosen = Signal(str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.model = AnnotationTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Annotations in this document"))
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_QUOTE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_QUOTE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_NOTE, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.resizeSection(COL_CODE, 132)
        header.resizeSection(COL_NOTE, 80)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 8, 8)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

    def set_annotations(self, annotations: list[Annotation], codebook: Codebook) -> None:
        keep = self.current_id()
        self.table.selectionModel().blockSignals(True)
        self.model.set_annotations(annotations, codebook)
        if keep:
            self.select(keep, emit=False)
        self.table.selectionModel().blockSignals(False)

    def update_annotations(self, changed: dict[str, Annotation | None]) -> None:
        self.table.selectionModel().blockSignals(True)
        self.model.update_annotations(changed)
        self.table.selectionModel().blockSignals(False)

    def current_id(self) -> str | None:
        idx = self.table.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def select(self, annotation_id: str | None, *, emit: bool = False) -> None:
        if annotation_id == self.current_id() and not emit:
            return
        row = self.model.row_of(annotation_id) if annotation_id else None
        sm = self.table.selectionModel()
        if not emit:
            sm.blockSignals(True)
        if row is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        else:
            idx = self.model.index(row, COL_CODE)
            self.table.setCurrentIndex(idx)
            self.table.scrollTo(idx)
        if not emit:
            sm.blockSignals(False)
            self.table.viewport().update()

    def edit_note(self, annotation_id: str) -> None:
        row = self.model.row_of(annotation_id)
        if row is not None:
            idx = self.model.index(row, COL_NOTE)
            self.table.setCurrentIndex(idx)
            self.table.setFocus()
            self.table.edit(idx)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.annotation_chosen.emit(current.data(ID_ROLE))
