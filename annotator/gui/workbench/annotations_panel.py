"""The annotations panel: this document's spans (code, quote, note), sortable,
with notes editable in place; choosing a row selects the span in the text."""

from __future__ import annotations

from bisect import bisect_left
from operator import itemgetter

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
    undoable command and then updates this model.

    The annotations are kept in ascending order of the sort key with the keys
    beside them, a descending sort only reading them from the other end: a
    changed span finds its row by bisection, so coding in an article with
    thousands of spans costs what it costs in a short one."""

    note_edited = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[Annotation] = []  # ascending by _keys
        self._keys: list[tuple] = []
        self._by_id: dict[str, Annotation] = {}
        self.codebook = Codebook()
        self._icons: dict[str, object] = {}
        self._headers = (self.tr("Code"), self.tr("Quote"), self.tr("Note"))
        self._sort = (COL_QUOTE, False)

    @property
    def rows(self) -> list[Annotation]:
        """The annotations in the order shown."""
        return self._rows[::-1] if self._sort[1] else list(self._rows)

    def annotation_at(self, row: int) -> Annotation:
        return self._rows[self._stored(row)]

    def _stored(self, row: int) -> int:
        # a view row as a position in _rows, and back (the same arithmetic)
        return len(self._rows) - 1 - row if self._sort[1] else row

    def set_annotations(self, annotations: list[Annotation], codebook: Codebook) -> None:
        self.beginResetModel()
        self.codebook = codebook
        self._by_id = {a.id: a for a in annotations}
        self._sort_rows()
        self._icons = {}
        self.endResetModel()

    def update_annotations(self, changed: dict[str, Annotation | None]) -> None:
        """Remove, change or add a few rows without resetting the table."""
        key = self._key()
        for ann_id, new in changed.items():
            old = self._by_id.pop(ann_id, None)
            if old is not None:
                i = self._find(old)
                if new is not None and key(new) == self._keys[i]:
                    self._rows[i] = self._by_id[ann_id] = new
                    row = self._stored(i)
                    self.dataChanged.emit(self.index(row, 0), self.index(row, 2))
                    continue
                row = self._stored(i)
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[i], self._keys[i]
                self.endRemoveRows()
            if new is not None:
                k = key(new)
                i = bisect_left(self._keys, k)
                row = len(self._rows) - i if self._sort[1] else i
                self.beginInsertRows(QModelIndex(), row, row)
                self._rows.insert(i, new)
                self._keys.insert(i, k)
                self._by_id[ann_id] = new
                self.endInsertRows()

    # Sorting here rather than in a QSortFilterProxyModel: a proxy asks data()
    # tens of thousands of times per reset, which made applying a code slow.
    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._sort_rows()
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        key = self._key()
        keyed = sorted(((key(a), a) for a in self._by_id.values()), key=itemgetter(0))
        self._keys = [k for k, _a in keyed]
        self._rows = [a for _k, a in keyed]

    def _key(self):
        # the id last: every key is unique, so a row is found by its key alone
        column = self._sort[0]
        cb = self.codebook
        if column == COL_CODE:

            def key(a):
                return (cb.path(a.code_id).casefold() if a.code_id in cb else a.code_id, a.start, a.id)
        elif column == COL_NOTE:

            def key(a):
                return (a.note.casefold(), a.start, a.id)
        else:

            def key(a):
                return (a.start, a.end, a.id)

        return key

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(self._rows)

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
        a = self._rows[self._stored(index.row())]
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
        a = self._rows[self._stored(index.row())]
        if str(value) != a.note:
            self.note_edited.emit(a.id, str(value))
        return True

    def row_of(self, annotation_id: str) -> int | None:
        a = self._by_id.get(annotation_id)
        return None if a is None else self._stored(self._find(a))

    def _find(self, a: Annotation) -> int:
        i = bisect_left(self._keys, self._key()(a))
        if i < len(self._rows) and self._rows[i].id == a.id:
            return i
        # the codebook changed under the keys (a code renamed) and no reset came yet
        return next(j for j, b in enumerate(self._rows) if b.id == a.id)


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
