"""The tables of a round's scores: per coder and variable alpha, span F1,
agreement, units and pass or not; the confusion matrix of the chosen row
(gold's values as rows, the coder's as columns); and the history of earlier
scorings. They show what ``annotator.services.training_overview`` computed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from annotator.services import training_overview as tov
from annotator.services.training_overview import CoderScore, VariableScore


def number(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f} %"


def cell(text: str, *, align_right: bool = False, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    if tip:
        item.setToolTip(tip)
    return item


def read_only_table(columns: list[str], parent: QWidget | None = None) -> QTableWidget:
    table = QTableWidget(0, len(columns), parent)
    table.setHorizontalHeaderLabels(columns)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().setVisible(False)
    table.setTabKeyNavigation(False)  # Tab moves on to the next control
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ScoresTable(QTableWidget):
    """One row per coder and variable of the latest scoring."""

    variable_chosen = Signal(object, object)  # CoderScore, VariableScore (or None, None)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 7, parent)
        self.setHorizontalHeaderLabels(
            [
                self.tr("Coder"),
                self.tr("Variable"),
                self.tr("Alpha"),
                self.tr("Span F1"),
                self.tr("Agreement"),
                self.tr("Units"),
                self.tr("Pass"),
            ]
        )
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.verticalHeader().setVisible(False)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        self.rows: list[tuple[CoderScore, VariableScore]] = []
        self.currentCellChanged.connect(lambda row, *_: self._chosen(row))

    def show_scores(self, scores: list[CoderScore]) -> None:
        self.rows = [(s, v) for s in scores for v in s.variables]
        self.setRowCount(len(self.rows))
        for r, (s, v) in enumerate(self.rows):
            verdict = self.tr("yes") if v.passed else self.tr("no")
            cells = [
                cell(s.coder),
                cell(v.name, tip=v.reason or ""),
                cell(number(v.alpha), align_right=True, tip=v.reason or ""),
                cell(number(v.f1), align_right=True),
                cell(percent(v.agreement), align_right=True),
                cell(str(v.units), align_right=True),
                cell(verdict),
            ]
            for c, item in enumerate(cells):
                self.setItem(r, c, item)
        if self.rows:
            self.setCurrentCell(0, 0)
        else:
            self.variable_chosen.emit(None, None)

    def _chosen(self, row: int) -> None:
        if 0 <= row < len(self.rows):
            self.variable_chosen.emit(*self.rows[row])
        else:
            self.variable_chosen.emit(None, None)


class ConfusionTable(QTableWidget):
    """Rows: gold's values; columns: the coder's; the diagonal is agreement."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def show_variable(self, score: CoderScore | None, v: VariableScore | None) -> None:
        self.clear()
        if score is None or v is None:
            self.setRowCount(0)
            self.setColumnCount(0)
            return
        cells = tov.gold_by_coder(v)
        self.setRowCount(len(v.categories))
        self.setColumnCount(len(v.categories))
        # numbered columns keep a matrix of many long values readable; the rows name them
        self.setVerticalHeaderLabels([f"{i}  {c}" for i, c in enumerate(v.categories, 1)])
        self.setHorizontalHeaderLabels([str(i) for i in range(1, len(v.categories) + 1)])
        for i, c in enumerate(v.categories):
            head = self.horizontalHeaderItem(i)
            if head is not None:
                head.setToolTip(self.tr("{0} coded {1}").format(score.coder, c))
        for i, row in enumerate(cells):
            for j, n in enumerate(row):
                item = cell(str(n), align_right=True)
                if i == j:
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                self.setItem(i, j, item)


def fill_history(table: QTableWidget, scorings: list[tov.Scoring]) -> None:
    """One row per scoring, newest first: when, who, passed or not, and each
    variable's alpha."""
    table.setRowCount(len(scorings))
    for r, s in enumerate(scorings):
        alphas = ", ".join(f"{v.variable} {number(v.alpha)}" for v in s.variables)
        verdict = table.tr("passed") if s.passed else table.tr("not passed")
        for c, text in enumerate((s.scored_at[:19].replace("T", " "), s.coder, verdict, alphas)):
            table.setItem(r, c, cell(text, tip=alphas if c == 3 else ""))
