"""The dashboard's Diagnostics page (issue 18, item 2): for the variable
selected and the dashboard's coders, unit and batch, which coder lowers
alpha, where two coders (or a coder and gold) part ways, how each coder
uses the categories, how agreement moves over time, and the articles with
most disagreement.

Every figure comes from ``annotator.services.diagnostics.coder_diagnostics``
(the function behind `annotator agreement diagnose`), run on the worker with
a connection of its own; the page only lays the figures out.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.task import TaskState
from annotator.gui.agreement.agreement_table import DocumentsTable
from annotator.gui.agreement.diagnostics_cells import cell, num, pct, plain_label, plain_table
from annotator.gui.agreement.drift_chart import DriftChart
from annotator.gui.app.workers import Worker
from annotator.gui.common.worker_controls import WorkerControls
from annotator.services.diagnostics import coder_diagnostics
from annotator.services.project_files import open_project

LOWERS = "#fde7e4"  # the row of the coder whose absence raises alpha most
AGREE = "#e3f1e4"
DIFFER = "#fde7e4"
MARKED_DIFFERENCE = 10.0  # percentage points of category use worth a look


def run_diagnostics(path: str, *, readonly: bool, state: TaskState, **options: Any):
    """The worker's job, on a connection of its own (reading only)."""
    with open_project(path, readonly=readonly) as project:
        state.check()
        result = coder_diagnostics(project, **options)
    state.check()  # cancelled meanwhile: show nothing rather than figures nobody waited for
    return result


class DiagnosticsView(QWidget):
    def __init__(
        self,
        project,
        settings: Callable[[], dict],
        parent: QWidget | None = None,
        open_document: Callable[[str | None], bool] | None = None,
    ) -> None:
        """``settings``: the dashboard's unit, coders (ids) and batch, asked for
        at each computation so the page always diagnoses what the table shows."""
        super().__init__(parent)
        self.project = project
        self.settings = settings
        self.open_document = open_document
        self.result = None
        self.worker: Worker | None = None
        self.computed_with: dict | None = None
        self._running_with: dict | None = None
        self._wanted_key: str | None = None
        self.setAccessibleName(self.tr("Coder diagnostics"))
        self._build()

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self.variable_combo = QComboBox(self)
        self.variable_combo.setAccessibleName(self.tr("Variable to diagnose"))
        self.variable_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.variable_combo.setMinimumContentsLength(22)
        self.variable_combo.currentIndexChanged.connect(lambda _i: self._show_variable())
        self.gold_combo = QComboBox(self)
        self.gold_combo.setAccessibleName(self.tr("Gold standard"))
        self.gold_combo.setToolTip(
            self.tr(
                "The coder each coder is compared with (default: the project's adjudicator, if one has coded)"
            )
        )
        self.gold_combo.addItem(self.tr("The adjudicator, if one has coded"), None)
        for coder in self.project.coders():
            self.gold_combo.addItem(coder.name, coder.id)
        self.drift_combo = QComboBox(self)
        self.drift_combo.setAccessibleName(self.tr("Drift by"))
        self.drift_combo.addItem(self.tr("week of coding"), "week")
        self.drift_combo.addItem(self.tr("order of coding"), "order")
        self.block_spin = QSpinBox(self)
        self.block_spin.setAccessibleName(self.tr("Articles per block"))
        self.block_spin.setRange(1, 10_000)
        self.block_spin.setValue(10)
        self.block_spin.setToolTip(self.tr("Articles per block when drift follows the order of coding"))
        self.block_spin.setEnabled(False)
        self.drift_combo.currentIndexChanged.connect(
            lambda _i: self.block_spin.setEnabled(self.drift_combo.currentData() == "order")
        )
        self.recompute_button = QPushButton(self.tr("Recompu&te"), self)
        self.recompute_button.setAccessibleName(self.tr("Compute the diagnostics again"))
        self.recompute_button.clicked.connect(lambda: self.compute(force=True))
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Diagnostics progress"))
        self.progress.setRange(0, 0)
        self.progress.setMaximumWidth(100)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton(self.tr("Stop"), self)
        self.cancel_button.setAccessibleName(self.tr("Stop the diagnostics"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.controls = WorkerControls(self.progress, self.cancel_button)
        # a change of these options computes again once the user pauses
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(400)
        self._debounce.timeout.connect(lambda: self.compute() if self.isVisible() else None)
        self.gold_combo.currentIndexChanged.connect(lambda _i: self._debounce.start())
        self.drift_combo.currentIndexChanged.connect(lambda _i: self._debounce.start())
        self.block_spin.valueChanged.connect(lambda _v: self._debounce.start())

        row = QHBoxLayout()
        for text, widget in (
            (self.tr("Variab&le"), self.variable_combo),
            (self.tr("&Gold"), self.gold_combo),
            (self.tr("Dri&ft by"), self.drift_combo),
            (self.tr("Bloc&k"), self.block_spin),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            row.addWidget(label)
            row.addWidget(widget, 2 if widget is self.variable_combo else 0)
            row.addSpacing(6)
        row.addStretch(1)
        row.addWidget(self.progress)
        row.addWidget(self.cancel_button)
        row.addWidget(self.recompute_button)

        self.status = plain_label(self)
        self.status.setAccessibleName(self.tr("Diagnostics status"))
        self.status.setStyleSheet("color: palette(placeholder-text);")

        self.sections = QTabWidget(self)
        self.sections.setAccessibleName(self.tr("Diagnostics"))
        self.sections.setDocumentMode(True)
        self.sections.addTab(self._build_leave_one_out(), self.tr("Leave o&ne out"))
        self.sections.addTab(self._build_confusion(), self.tr("Confusion &matrix"))
        self.usage_table = plain_table(
            [
                self.tr("Coder"),
                self.tr("Category"),
                self.tr("Coder's use"),
                self.tr("Others' use"),
                self.tr("Difference"),
            ],
            self,
            self.tr("Use of each category per coder"),
            {4: self.tr("Percentage points: the coder's use minus the others' on the same units")},
        )
        self.usage_table.horizontalHeader().setStretchLastSection(False)
        self.sections.addTab(self.usage_table, self.tr("Category u&se"))
        self.sections.addTab(self._build_drift(), self.tr("Dr&ift"))
        self.documents_table = DocumentsTable(self)
        self.documents_table.setAccessibleName(self.tr("Articles with most disagreement on this variable"))
        self.documents_table.activated.connect(
            lambda _index: self._open(self.documents_table.current_document())
        )
        self.sections.addTab(self.documents_table, self.tr("Articles &with most disagreement"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 6, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.sections, 1)

    def _build_leave_one_out(self) -> QWidget:
        page = QWidget(self)
        self.loo_note = plain_label(page)
        self.loo_note.setAccessibleName(self.tr("About leaving one coder out"))
        self.loo_table = plain_table(
            [self.tr("Left out"), self.tr("α of the others"), self.tr("Change"), ""],
            page,
            self.tr("Alpha with each coder left out"),
            {2: self.tr("α without this coder minus α of all: above 0, this coder lowers alpha")},
        )
        layout = QVBoxLayout(page)
        layout.addWidget(self.loo_note)
        layout.addWidget(self.loo_table, 1)
        return page

    def _build_confusion(self) -> QWidget:
        page = QWidget(self)
        self.pair_combo = QComboBox(page)
        self.pair_combo.setAccessibleName(self.tr("Pair of coders"))
        self.pair_combo.currentIndexChanged.connect(lambda _i: self._show_matrix())
        label = QLabel(self.tr("Pair of &coders"), page)
        label.setBuddy(self.pair_combo)
        self.matrix_caption = plain_label(page)
        self.matrix_caption.setAccessibleName(self.tr("About the confusion matrix"))
        self.matrix_table = QTableWidget(0, 0, page)
        self.matrix_table.setAccessibleName(self.tr("Confusion matrix"))
        self.matrix_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.matrix_table.setWordWrap(False)
        # narrow columns with elided names (full name in the tooltip): ten categories fit a laptop
        header = self.matrix_table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultSectionSize(max(72, self.fontMetrics().horizontalAdvance("0") * 11))
        header.setTextElideMode(Qt.TextElideMode.ElideRight)
        top = QHBoxLayout()
        top.addWidget(label)
        top.addWidget(self.pair_combo, 1)
        top.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.matrix_caption)
        layout.addWidget(self.matrix_table, 1)
        return page

    def _build_drift(self) -> QWidget:
        page = QWidget(self)
        self.drift_caption = plain_label(page)
        self.drift_caption.setAccessibleName(self.tr("About the drift"))
        self.drift_chart = DriftChart(page)
        self.drift_table = plain_table(
            [self.tr("Coder"), self.tr("Period"), self.tr("Units"), self.tr("Pairs"), self.tr("Agreement")],
            page,
            self.tr("Agreement per coder and period"),
        )
        body = QHBoxLayout()
        body.addWidget(self.drift_chart, 3)
        body.addWidget(self.drift_table, 2)
        layout = QVBoxLayout(page)
        layout.addWidget(self.drift_caption)
        layout.addLayout(body, 1)
        return page

    # --- computing ----------------------------------------------------------------------

    def wanted(self) -> dict:
        settings = self.settings()
        return {
            "unit": settings["unit"],
            "coders": list(settings["coders"]),
            "batch": settings["batch"],
            "gold": self.gold_combo.currentData(),
            "by": self.drift_combo.currentData(),
            "block": self.block_spin.value(),
        }

    def settings_changed(self, *_args: object) -> None:
        """The dashboard's unit, batch or coders changed: diagnose again once
        the user pauses, if the page is in front (otherwise when it comes back)."""
        self._debounce.start()

    def compute(self, *, force: bool = False) -> Worker | None:
        """Diagnose on the worker with the dashboard's settings and this page's;
        nothing when those figures are shown or on their way (unless ``force``)."""
        options = self.wanted()
        if self.worker is not None:
            return None
        if not force and options == self.computed_with:
            return None
        if len(options["coders"]) < 2:
            self._message(self.tr("Choose at least two coders to compare."), error=True)
            return None
        self._running(True)
        self._message(self.tr("Diagnosing…"))
        self._running_with = options
        self.worker = Worker(
            run_diagnostics,
            str(self.project.path),
            readonly=bool(getattr(self.project, "readonly", False)),
            top=10,
            **options,
        )
        return self.controls.start(
            self.worker,
            finished=lambda result: self._finished(result, options),
            failed=self._failed,
            cancelled=self.tr("The diagnostics were stopped."),
            counted=False,
        )

    def cancel(self) -> None:
        self.controls.cancel(self.worker)

    def _running(self, on: bool) -> None:
        self.controls.show_running(on)
        self.recompute_button.setEnabled(not on)

    def _finished(self, result, options: dict) -> None:
        self.worker = None
        self._running(False)
        self.computed_with = options
        self.show_diagnostics(result)
        self._catch_up()

    def _failed(self, message: str) -> None:
        self.worker = None
        self._running(False)
        self.computed_with = self._running_with  # the same settings would fail the same way
        self.result = None
        self._clear()
        self._message(message, error=True)

    def _catch_up(self) -> None:
        # options changed while the worker ran: their figures are still wanted
        if self.isVisible() and self.wanted() != self.computed_with:
            self.compute()

    def _message(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b3261e;" if error else "color: palette(placeholder-text);")
        self.status.setText(text)

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        self.compute()

    # --- showing ------------------------------------------------------------------------

    def show_diagnostics(self, result) -> None:
        self.result = result
        keep = self._wanted_key or self.current_variable()
        self.variable_combo.blockSignals(True)
        self.variable_combo.clear()
        for v in result.variables:
            self.variable_combo.addItem(v.name.replace("/", " › "), v.id)
        index = self.variable_combo.findData(keep) if keep else -1
        self.variable_combo.setCurrentIndex(max(index, 0) if self.variable_combo.count() else -1)
        self.variable_combo.blockSignals(False)
        params = result.parameters
        gold = params.get("gold")
        text = self.tr("Coders {0} at the {1} unit, {2} articles").format(
            ", ".join(params.get("coders", [])), params.get("unit", "?"), params.get("documents", "?")
        )
        text += "; " + (
            self.tr("gold: {0}").format(gold)
            if gold
            else self.tr("no gold standard (no adjudicator codings)")
        )
        if result.notes:
            text += "\n" + "\n".join(result.notes)
        if not result.variables:
            text += "\n" + self.tr("No variable could be compared.")
        self._message(text)
        self._show_variable()

    def select_variable(self, key: str | None) -> None:
        """Follow the dashboard's selection (kept for when the figures arrive)."""
        self._wanted_key = key
        index = self.variable_combo.findData(key) if key else -1
        if index >= 0:
            self.variable_combo.setCurrentIndex(index)

    def current_variable(self) -> str | None:
        return self.variable_combo.currentData()

    def _variable(self):
        key = self.current_variable()
        if self.result is None or key is None:
            return None
        return next((v for v in self.result.variables if v.id == key), None)

    def _clear(self) -> None:
        for table in (self.loo_table, self.usage_table, self.drift_table, self.documents_table):
            table.setRowCount(0)
        self.matrix_table.setRowCount(0)
        self.matrix_table.setColumnCount(0)
        self.pair_combo.clear()
        for label in (self.loo_note, self.matrix_caption, self.drift_caption):
            label.clear()
        self.drift_chart.set_data([], {})

    def _show_variable(self) -> None:
        v = self._variable()
        if v is None:
            self._clear()
            return
        self._show_leave_one_out(v)
        pair = self.pair_combo.currentIndex()
        self.pair_combo.blockSignals(True)
        self.pair_combo.clear()
        for p in v.pairs:
            self.pair_combo.addItem(f"{p.first} – {p.second}")
        for p in v.gold:
            self.pair_combo.addItem(self.tr("{0} – {1} (gold)").format(p.first, p.second))
        self.pair_combo.setCurrentIndex(min(max(pair, 0), self.pair_combo.count() - 1))
        self.pair_combo.blockSignals(False)
        self._show_matrix()
        self._show_usage(v)
        self._show_drift(v)
        self.documents_table.show_documents(v.documents)

    def lowering_coder(self) -> str | None:
        """The coder whose absence raises alpha most (None when nobody's does)."""
        v = self._variable()
        raising = [e for e in (v.leave_one_out if v else []) if e.change is not None and e.change > 0]
        return max(raising, key=lambda e: e.change).coder if raising else None

    def _show_leave_one_out(self, v) -> None:
        table = self.loo_table
        table.setRowCount(0)
        if not v.leave_one_out:
            self.loo_note.setText(v.reasons.get("leave_one_out", ""))
            return
        self.loo_note.setText(
            self.tr(
                "α of all {0} coders: {1} on {2} pairable units. Leaving out the marked coder raises α most, "
                "so that coder lowers it."
            ).format(len(v.leave_one_out), num(v.alpha), v.pairable_units)
        )
        worst = self.lowering_coder()
        for e in sorted(v.leave_one_out, key=lambda e: -(e.change if e.change is not None else -9)):
            row = table.rowCount()
            table.insertRow(row)
            items = [
                cell(e.coder, right=False),
                cell(num(e.alpha_without)),
                cell("–" if e.change is None else f"{e.change:+.3f}"),
                cell(self.tr("lowers α most") if e.coder == worst else (e.reason or ""), right=False),
            ]
            for col, item in enumerate(items):
                if e.coder == worst:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(QColor(LOWERS))
                table.setItem(row, col, item)

    def _pairs(self) -> list:
        v = self._variable()
        return [*v.pairs, *v.gold] if v is not None else []

    def _show_matrix(self) -> None:
        v, pairs, index = self._variable(), self._pairs(), self.pair_combo.currentIndex()
        table = self.matrix_table
        if v is None or not 0 <= index < len(pairs):
            table.setRowCount(0)
            table.setColumnCount(0)
            self.matrix_caption.clear()
            return
        p = pairs[index]
        k = len(v.categories)
        total = self.tr("Total")
        table.setRowCount(k + 1)
        table.setColumnCount(k + 1)
        table.setVerticalHeaderLabels([*v.categories, total])
        table.setHorizontalHeaderLabels([*v.categories, total])
        for col, name in enumerate(v.categories):
            item = table.horizontalHeaderItem(col)
            if item is not None:
                item.setToolTip(self.tr("{0} (by {1})").format(name, p.second))
        for row, name in enumerate(v.categories):
            item = table.verticalHeaderItem(row)
            if item is not None:
                item.setToolTip(self.tr("{0} (by {1})").format(name, p.first))
        for r in range(k + 1):
            for c in range(k + 1):
                if r < k and c < k:
                    n = p.matrix[r][c]
                elif r < k:
                    n = sum(p.matrix[r])
                elif c < k:
                    n = sum(row[c] for row in p.matrix)
                else:
                    n = p.units
                item = cell(str(n))
                if r < k and c < k and n:
                    item.setBackground(QColor(AGREE if r == c else DIFFER))
                if r == k or c == k:
                    font = QFont(item.font())
                    font.setBold(True)
                    item.setFont(font)
                table.setItem(r, c, item)
        caption = self.tr(
            "Rows: {0}'s values; columns: {1}'s. {2} units both coded, {3} agreement, α = {4}."
        ).format(p.first, p.second, p.units, pct(p.agreement), num(p.alpha))
        if p.reason:
            caption += " " + p.reason
        self.matrix_caption.setText(caption)

    def _show_usage(self, v) -> None:
        table = self.usage_table
        table.setRowCount(0)
        for u in v.usage:
            if not u.rate and not u.others_rate:
                continue  # a category nobody used on these units says nothing about this coder
            diff = None if u.rate is None or u.others_rate is None else (u.rate - u.others_rate) * 100
            row = table.rowCount()
            table.insertRow(row)
            cells = [
                cell(u.coder, right=False),
                cell(u.category, right=False),
                cell(pct(u.rate)),
                cell(pct(u.others_rate)),
                cell("–" if diff is None else f"{diff:+.1f}"),
            ]
            for col, item in enumerate(cells):
                if diff is not None and abs(diff) >= MARKED_DIFFERENCE:
                    item.setBackground(QColor(DIFFER))
                table.setItem(row, col, item)

    def _show_drift(self, v) -> None:
        table = self.drift_table
        table.setRowCount(0)
        periods: list[str] = list(self.result.parameters.get("drift_periods", [])) if self.result else []
        series: dict[str, list[tuple[int, float]]] = {}
        for d in v.drift:
            row = table.rowCount()
            table.insertRow(row)
            for col, item in enumerate(
                (
                    cell(d.coder, right=False),
                    cell(d.period, right=False),
                    cell(str(d.units)),
                    cell(str(d.pairs)),
                    cell(pct(d.agreement)),
                )
            ):
                table.setItem(row, col, item)
            if d.agreement is not None and d.period in periods:
                series.setdefault(d.coder, []).append((periods.index(d.period), d.agreement))
        self.drift_chart.set_data(periods, series)
        if not v.drift:
            self.drift_caption.setText(self.tr("No coding times to follow agreement over."))
            return
        by = (self.computed_with or {}).get("by", "week")
        per = (
            self.tr("per week of coding")
            if by == "week"
            else self.tr("per block of {0} articles in the order each coder coded them").format(
                (self.computed_with or {}).get("block", 10)
            )
        )
        self.drift_caption.setText(
            self.tr("Share of agreeing pairs of values of each coder with {0}, {1}.").format(
                v.drift[0].against, per
            )
        )

    def _open(self, document_id: str | None) -> bool:
        if document_id is None or self.open_document is None:
            return False
        return bool(self.open_document(document_id))
