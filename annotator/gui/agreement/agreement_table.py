"""The agreement table: one row per variable of an ``AgreementReport``, every
figure as the engine computed it, sortable by any column (numerically)."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from annotator.gui.agreement.agreement_chart import band_colour
from annotator.gui.common.safe_text import plain_tooltip

KEY_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
COL_NAME, COL_UNITS, COL_PERCENT, COL_ALPHA, COL_CI, COL_P, COL_KAPPA, COL_F1, COL_DOC = range(9)


class _Item(QTableWidgetItem):
    """Sorts by the number behind the text; undefined values sort first, as
    they need attention as much as a low alpha does."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        a, b = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if isinstance(a, str) or isinstance(b, str):
            return str(a).casefold() < str(b).casefold()
        return (-math.inf if a is None else a) < (-math.inf if b is None else b)


def fmt(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value:.1%}"


def _read_only_rows(table: QTableWidget) -> None:
    """A sortable, read-only table selected by whole rows, one line a row."""
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setSortingEnabled(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)


class AgreementTable(QTableWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(0, 9, parent)
        self.setAccessibleName(self.tr("Agreement per variable"))
        _read_only_rows(self)
        header = self.horizontalHeader()
        # sized to contents once per report, then free: ResizeToContents would
        # make the whole dialog as wide as the widest figure
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._set_headers(3)

    def _set_headers(self, coders: int, alpha_name: str = "α") -> None:
        kappa = self.tr("Cohen's κ") if coders == 2 else self.tr("Fleiss' κ")
        labels = [
            self.tr("Variable"),
            self.tr("Units"),
            self.tr("Agreement"),
            alpha_name,
            self.tr("95% interval"),
            self.tr("P({0} < 0.667)").format(alpha_name),
            kappa,
            self.tr("F1 (overlap)"),
            self.tr("Most disagreement in"),
        ]
        tips = [
            self.tr("Code or exclusive group"),
            self.tr("Units coded by two or more coders"),
            self.tr("Pairwise percent agreement: always read it beside alpha (prevalence paradox)"),
            self.tr("Krippendorff's alpha"),
            self.tr("Bootstrap percentile interval"),
            self.tr("Share of bootstrap resamples with alpha below 0.667"),
            self.tr("Chance-corrected agreement"),
            self.tr("Span F1 between coders, spans matched by overlap, mean over pairs"),
            self.tr("The document where coders disagreed most on this variable; open it with Enter"),
        ]
        for col, (label, tip) in enumerate(zip(labels, tips, strict=True)):
            item = QTableWidgetItem(label)
            item.setToolTip(tip)
            self.setHorizontalHeaderItem(col, item)

    def _item(self, text: str, key: object, tip: str = "", align_right: bool = True) -> _Item:
        item = _Item(text)
        item.setData(SORT_ROLE, key)
        if tip:
            item.setToolTip(plain_tooltip(tip))
        if align_right:
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return item

    def show_report(self, report) -> None:
        coders = len(report.parameters.get("coders", []))
        variables = report.variables
        alpha_name = variables[0].alpha_name if variables else "α"
        self._set_headers(coders, alpha_name)
        sort_col = self.horizontalHeader().sortIndicatorSection()
        order = self.horizontalHeader().sortIndicatorOrder()
        self.setSortingEnabled(False)
        self.setRowCount(0)
        for v in variables:
            row = self.rowCount()
            self.insertRow(row)
            name = self._item(v.name.replace("/", " › "), v.name, v.name, align_right=False)
            name.setData(KEY_ROLE, v.id)
            if v.kind.endswith("group"):
                font = name.font()
                font.setBold(True)
                name.setFont(font)
            self.setItem(row, COL_NAME, name)
            self.setItem(row, COL_UNITS, self._item(str(v.pairable_units), v.pairable_units))
            self.setItem(row, COL_PERCENT, self._item(pct(v.percent_agreement), v.percent_agreement))
            reasons = "\n".join(v.reasons.values())
            alpha = self._item(fmt(v.alpha), v.alpha, reasons or self.tr("Krippendorff's alpha"))
            alpha.setForeground(QColor(band_colour(v.alpha)))
            font = alpha.font()
            font.setBold(True)
            alpha.setFont(font)
            self.setItem(row, COL_ALPHA, alpha)
            ci = (
                f"[{fmt(v.ci_low)}, {fmt(v.ci_high)}]"
                if v.ci_low is not None and v.ci_high is not None
                else "–"
            )
            self.setItem(row, COL_CI, self._item(ci, v.ci_low, v.reasons.get("bootstrap", "")))
            p_low = v.p_below.get("0.667") if v.p_below else None
            self.setItem(row, COL_P, self._item(pct(p_low), p_low))
            kappa = v.cohen_kappa if coders == 2 else v.fleiss_kappa
            kappa_reason = v.reasons.get("cohen_kappa" if coders == 2 else "fleiss_kappa", "")
            self.setItem(row, COL_KAPPA, self._item(fmt(kappa), kappa, kappa_reason))
            self.setItem(row, COL_F1, self._item(fmt(v.f1_overlap), v.f1_overlap, v.reasons.get("f1", "")))
            worst = v.documents[0] if v.documents else None
            if worst is not None and (worst.disagreement or 0) > 0:
                doc_text = self.tr("{0} ({1} disagreeing)").format(
                    worst.title or worst.document_id, pct(worst.disagreement)
                )
                doc_item = self._item(doc_text, worst.disagreement, doc_text, align_right=False)
            else:
                doc_item = self._item(self.tr("no disagreement"), 0.0, align_right=False)
            self.setItem(row, COL_DOC, doc_item)
        self.setSortingEnabled(True)
        if sort_col < 0 or sort_col >= self.columnCount() or self.property("sorted_once") is None:
            sort_col, order = COL_ALPHA, Qt.SortOrder.AscendingOrder  # weakest variables first
            self.setProperty("sorted_once", True)
        self.sortItems(sort_col, order)
        self.horizontalHeader().setSortIndicator(sort_col, order)
        self.resizeColumnsToContents()
        self.setColumnWidth(COL_NAME, min(320, max(180, self.sizeHintForColumn(COL_NAME))))

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        # Enter "activates" the row and stops there: QAbstractItemView would
        # pass it on, and the dialog would press its default button as well
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def keys_in_order(self) -> list[str]:
        return [item.data(KEY_ROLE) for item in self._name_items()]

    def select_key(self, key: str) -> None:
        for r in range(self.rowCount()):
            item = self.item(r, COL_NAME)
            if item is not None and item.data(KEY_ROLE) == key:
                self.selectRow(r)
                self.scrollToItem(item)
                return

    def _name_items(self) -> list[QTableWidgetItem]:
        # every row has its name cell: the table fills all cells of a row at once
        items = [self.item(r, COL_NAME) for r in range(self.rowCount())]
        return [item for item in items if item is not None]

    def current_key(self) -> str | None:
        row = self.currentRow()
        item = self.item(row, COL_NAME) if row >= 0 else None
        return item.data(KEY_ROLE) if item is not None else None


class DocumentsTable(QTableWidget):
    """Per-article figures over all variables, to find the problem articles;
    Enter or a double click opens the article."""

    def __init__(self, parent=None) -> None:
        super().__init__(0, 4, parent)
        self.setAccessibleName(self.tr("Agreement per article"))
        _read_only_rows(self)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        labels = [
            (self.tr("Article"), ""),
            (self.tr("Units"), self.tr("Units of this article, over all variables")),
            (self.tr("Disagreeing"), self.tr("Units on which the coders gave more than one value")),
            (self.tr("Agreement"), self.tr("Pairwise percent agreement in this article")),
        ]
        for col, (label, tip) in enumerate(labels):
            item = QTableWidgetItem(label)
            item.setToolTip(tip)
            self.setHorizontalHeaderItem(col, item)

    def show_documents(self, documents) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(0)
        for d in documents:
            row = self.rowCount()
            self.insertRow(row)
            title = _Item(d.title or d.document_id)
            title.setData(SORT_ROLE, (d.title or d.document_id))
            title.setData(KEY_ROLE, d.document_id)
            self.setItem(row, 0, title)
            for col, (text, key) in enumerate(
                (
                    (str(d.pairable_units), d.pairable_units),
                    (str(d.disagreeing_units), d.disagreeing_units),
                    (pct(d.agreement), d.agreement),
                ),
                start=1,
            ):
                item = _Item(text)
                item.setData(SORT_ROLE, key)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, col, item)
        self.setSortingEnabled(True)
        self.sortItems(3, Qt.SortOrder.AscendingOrder)  # least agreement first

    def current_document(self) -> str | None:
        row = self.currentRow()
        item = self.item(row, 0) if row >= 0 else None
        return item.data(KEY_ROLE) if item is not None else None

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt API
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated.emit(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)
