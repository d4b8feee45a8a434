"""The document list: a table model that reads the store one page at a time,
so a project of 100,000 articles opens at once and never loads a text, and
the panel around it with batch and status filters and full-text search."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.core.models import DocumentSummary
from annotator.gui.common.safe_text import plain_tooltip
from annotator.services.coding import ListFilter
from annotator.services.document_listing import DocumentListing
from annotator.services.project_files import Project

PAGE = 200
MAX_PAGES = 50  # at most 10,000 summaries in memory, whatever the project size
COLUMNS = ("title", "outlet", "published", "batch", "status")
ID_ROLE = Qt.ItemDataRole.UserRole


class DocumentTableModel(QAbstractTableModel):
    def __init__(self, project: Project, flt: ListFilter, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self.filter = flt
        self.sort_key, self.descending = "added", False
        self._pages: OrderedDict[int, list[DocumentSummary]] = OrderedDict()
        self._listing = DocumentListing(project, flt)
        self._count = len(self._listing)
        self._headers = (
            self.tr("Title"),
            self.tr("Outlet"),
            self.tr("Date"),
            self.tr("Batch"),
            self.tr("Status"),
        )
        self._status_text = {
            None: self.tr("to do"),
            "assigned": self.tr("to do"),
            "in_progress": self.tr("in progress"),
            "done": self.tr("done"),
        }

    # --- Qt model API ---------------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802 - Qt API
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802 - Qt API
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.summary(index.row())
        if row is None:
            return None
        col = COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == "title":
                return row.title or self.tr("(untitled)")
            if col == "outlet":
                return row.outlet
            if col == "published":
                return row.published
            if col == "batch":
                return row.batch_name
            return self._status_text.get(row.status, row.status)
        if role == Qt.ItemDataRole.ForegroundRole and row.status == "done":
            # finished work recedes, so what is left stands out
            from PySide6.QtGui import QGuiApplication, QPalette

            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.ToolTipRole and col == "title":
            return plain_tooltip(row.title)
        if role == ID_ROLE:
            return row.id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{row.title}, {self._status_text.get(row.status, row.status)}"
        return None

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        # column -1 (no sort indicator) is the order of import
        self.sort_key = COLUMNS[column] if 0 <= column < len(COLUMNS) else "added"
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    # --- paging -----------------------------------------------------------------------

    def summary(self, row: int) -> DocumentSummary | None:
        if not 0 <= row < self._count:
            return None
        page_no = row // PAGE
        page = self._pages.get(page_no)
        if page is None:
            page = self._listing.page(page_no * PAGE, (page_no + 1) * PAGE)
            self._pages[page_no] = page
            while len(self._pages) > MAX_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page_no)
        i = row - page_no * PAGE
        return page[i] if i < len(page) else None

    def detach(self) -> None:
        """The project is closing: show nothing and never read it again."""
        self.beginResetModel()
        self._pages.clear()
        self._count = 0
        self.endResetModel()
        self.project = None

    def set_filter(self, flt: ListFilter) -> None:
        self.filter = flt
        self.reload()

    def reload(self) -> None:
        if self.project is None:
            return
        self.beginResetModel()
        self._pages.clear()
        self._listing = DocumentListing(
            self.project, self.filter, sort=self.sort_key, descending=self.descending
        )
        self._count = len(self._listing)
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Statuses changed: read the pages again without resetting the view."""
        if self.project is None:
            return
        self._pages.clear()
        listing = self._listing.reread()
        if not listing.same_order(self._listing):
            self.reload()
            return
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1))

    def row_of(self, document_id: str) -> int | None:
        """The row of a document in the list, or None when the filter hides it."""
        return self._listing.index_of(document_id)


class DocumentListPanel(QWidget):
    """Emits ``document_activated(id)`` when the coder opens a document."""

    document_activated = Signal(str)

    def __init__(self, project: Project, flt: ListFilter, parent=None) -> None:
        super().__init__(parent)
        self.project = project
        self._base = flt
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search titles and texts…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search documents"))
        self.batch = QComboBox()
        self.batch.setAccessibleName(self.tr("Batch filter"))
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Status filter"))
        for label, value in (
            (self.tr("All statuses"), None),
            (self.tr("To do"), "to_do"),
            (self.tr("In progress"), "in_progress"),
            (self.tr("Done"), "done"),
        ):
            self.status.addItem(label, value)
        self.model = DocumentTableModel(project, flt, self)
        self.table = QTableView()
        self.table.setAccessibleName(self.tr("Documents"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(COLUMNS)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fit_columns()
        # a click or Enter opens; arrowing through the list does not, since
        # opening a document marks it in progress
        self.table.activated.connect(self._activated)
        self.table.clicked.connect(self._activated)

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.batch, 1)
        filters.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 4, 8)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        self.reload_batches()

        # typing pauses before a search runs, so FTS is not queried per keystroke
        self._search_timer = QTimer(self, singleShot=True, interval=250)
        self._search_timer.timeout.connect(self.apply_filters)
        self.search.textChanged.connect(self._search_timer.start)
        self.search.returnPressed.connect(self.apply_filters)
        self.batch.currentIndexChanged.connect(self.apply_filters)
        self.status.currentIndexChanged.connect(self.apply_filters)

    def fit_columns(self) -> None:
        """The short columns as wide as what they show (Qt samples the first
        rows, so this stays cheap on a long list), the outlet at most about
        10 characters; the title takes the rest."""
        chars = self.fontMetrics().averageCharWidth()
        header = self.table.horizontalHeader()
        # the rows of the first page only: sizing must not read the whole project
        header.setResizeContentsPrecision(PAGE // 4)
        for col, cap in ((1, 10), (2, 11), (3, 12), (4, 12)):
            self.table.resizeColumnToContents(col)
            header.resizeSection(col, min(header.sectionSize(col), chars * cap + 16))

    def reload_batches(self) -> None:
        batches = self.project.batches()
        # with one batch or none, the column and the filter say nothing
        self.table.setColumnHidden(COLUMNS.index("batch"), len(batches) <= 1)
        self.batch.setVisible(len(batches) > 1)
        current = self.batch.currentData()
        self.batch.blockSignals(True)
        self.batch.clear()
        self.batch.addItem(self.tr("All batches"), None)
        for b in batches:
            self.batch.addItem(b.name, b.id)
        i = self.batch.findData(current)
        self.batch.setCurrentIndex(max(i, 0))
        self.batch.blockSignals(False)

    def stop(self) -> None:
        self._search_timer.stop()
        self._search_timer.timeout.disconnect()
        self.model.detach()

    def current_filter(self) -> ListFilter:
        return ListFilter(
            self._base.coder_id,
            self._base.assigned_only,
            self.batch.currentData(),
            self.status.currentData(),
            self.search.text().strip() or None,
        )

    def apply_filters(self) -> None:
        self._search_timer.stop()
        current = self.current_id()
        self.model.set_filter(self.current_filter())
        self.fit_columns()
        if current:
            self.select(current, scroll=True)

    def current_id(self) -> str | None:
        idx = self.table.currentIndex()
        return idx.data(ID_ROLE) if idx.isValid() else None

    def select(self, document_id: str, *, scroll: bool = True) -> bool:
        row = self.model.row_of(document_id)
        if row is None:
            return False
        idx = self.model.index(row, 0)
        self.table.blockSignals(True)
        self.table.setCurrentIndex(idx)
        self.table.blockSignals(False)
        if scroll:
            self.table.scrollTo(idx, QAbstractItemView.ScrollHint.EnsureVisible)
        return True

    def neighbour(self, document_id: str | None, step: int) -> str | None:
        row = self.model.row_of(document_id) if document_id else None
        target = (row + step) if row is not None else 0
        s = self.model.summary(target)
        return s.id if s else None

    def _activated(self, index: QModelIndex) -> None:
        doc = index.data(ID_ROLE)
        if doc:
            self.document_activated.emit(doc)
