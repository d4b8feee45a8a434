"""The annotations panel: this document's spans (code, quote, note), sortable,
with notes editable in place; choosing a row selects the span in the text."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QVBoxLayout, QWidget

from annotator.core.codebook import Codebook
from annotator.core.models import Annotation
from annotator.gui.codebook_panel import swatch

ID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
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

    def set_annotations(self, annotations: list[Annotation], codebook: Codebook) -> None:
        self.beginResetModel()
        self.rows = sorted(annotations, key=lambda a: (a.start, a.end))
        self.codebook = codebook
        self._icons = {}
        self.endResetModel()

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
        if role == SORT_ROLE:
            if col == COL_CODE:
                return (self.codebook.path(a.code_id) if code else a.code_id).casefold()
            if col == COL_QUOTE:
                return a.start
            return a.note.casefold()
        if role == Qt.ItemDataRole.DecorationRole and col == COL_CODE and code is not None:
            icon = self._icons.get(code.color)
            if icon is None:
                icon = self._icons[code.color] = swatch(code.color)
            return icon
        if role == Qt.ItemDataRole.ToolTipRole:
            path = self.codebook.path(a.code_id, " / ") if code else a.code_id
            return f"{path}\n\n{a.quote}" + (f"\n\n{a.note}" if a.note else "")
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
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Annotations in this document"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_QUOTE, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
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
        header.resizeSection(COL_CODE, 120)
        header.resizeSection(COL_NOTE, 90)
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

    def current_id(self) -> str | None:
        idx = self.table.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def select(self, annotation_id: str | None, *, emit: bool = False) -> None:
        row = self.model.row_of(annotation_id) if annotation_id else None
        sm = self.table.selectionModel()
        if not emit:
            sm.blockSignals(True)
        if row is None:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        else:
            idx = self.proxy.mapFromSource(self.model.index(row, COL_CODE))
            self.table.setCurrentIndex(idx)
            self.table.scrollTo(idx)
        if not emit:
            sm.blockSignals(False)
            self.table.viewport().update()

    def edit_note(self, annotation_id: str) -> None:
        row = self.model.row_of(annotation_id)
        if row is not None:
            idx = self.proxy.mapFromSource(self.model.index(row, COL_NOTE))
            self.table.setCurrentIndex(idx)
            self.table.setFocus()
            self.table.edit(idx)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.annotation_chosen.emit(current.data(ID_ROLE))
