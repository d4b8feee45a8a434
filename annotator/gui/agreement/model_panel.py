"""The model coder's page of the agreement dashboard (issue 16): per variable,
the humans' alpha alone and with the model, the model's alpha against the
humans, each with its interval, and the Alternative Annotator Test.

Every figure is read from the report's ``VariableReport.models`` (computed by
``annotator.agreement.model_rater`` through the agreement service), the same
object `annotator agreement --coders MODEL,...` prints; nothing is computed here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QSplitter, QTableWidget, QVBoxLayout, QWidget

from annotator.gui.agreement.agreement_chart import band_colour
from annotator.gui.agreement.agreement_table import KEY_ROLE, SORT_ROLE, _Item, _read_only_rows, fmt, pct
from annotator.gui.common.safe_text import plain_tooltip

(
    COL_MODEL,
    COL_VARIABLE,
    COL_HUMANS,
    COL_WITH_MODEL,
    COL_MODEL_ALPHA,
    COL_WIN_RATE,
    COL_ADVANTAGE,
    COL_PASSED,
) = range(8)


def alpha_with_interval(alpha: float | None, low: float | None, high: float | None) -> str:
    """Alpha and its bootstrap interval as one cell ("0.812 [0.701, 0.903]")."""
    if low is None or high is None:
        return fmt(alpha)
    return f"{fmt(alpha)} [{fmt(low)}, {fmt(high)}]"


def p_value_text(p: float) -> str:
    """A p-value as a paper prints it; four zeros would read as "impossible"."""
    return "p < 0.0001" if p < 0.0001 else f"p = {p:.4f}"


class ModelPanel(QWidget):
    """Shows the model figures of an ``AgreementReport``; empty without a model coder."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Model coder"))
        self.table = QTableWidget(0, 8, self)
        self.table.setAccessibleName(self.tr("Model coder per variable"))
        _read_only_rows(self.table)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        columns = [
            (self.tr("Model"), self.tr("The model coder")),
            (self.tr("Variable"), self.tr("Code or exclusive group")),
            (
                self.tr("Humans only"),
                self.tr("Krippendorff's alpha of the human coders without the model, with its 95% interval"),
            ),
            (
                self.tr("With model"),
                self.tr("Alpha of the humans and the model together, with its 95% interval"),
            ),
            (
                self.tr("Model vs humans"),
                self.tr("Mean of the alphas of the model paired with each human, with its 95% interval"),
            ),
            (
                self.tr("Winning rate"),
                self.tr(
                    "Alternative annotator test: share of humans the model could replace "
                    "(after the false discovery rate correction)"
                ),
            ),
            (
                self.tr("Advantage prob."),
                self.tr(
                    "Mean share of units on which the model represents the other humans at least as well"
                ),
            ),
            (
                self.tr("Replace a human?"),
                self.tr("Passed when the winning rate is at least 0.5"),
            ),
        ]
        for col, (label, tip) in enumerate(columns):
            item = _Item(label)
            item.setToolTip(tip)
            self.table.setHorizontalHeaderItem(col, item)
        self.table.itemSelectionChanged.connect(self._selection_changed)

        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName(self.tr("About the model figures"))
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAccessibleName(self.tr("Alternative annotator test per human"))

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)
        self._rows: list[tuple[str, object]] = []  # (variable name, ModelFigures) per row key

    def has_models(self, report) -> bool:
        return bool(report is not None and report.parameters.get("model_coders"))

    def show_report(self, report) -> None:
        self.table.setSortingEnabled(False)
        self.table.setRowCount(0)
        self._rows = []
        self.detail.clear()
        if not self.has_models(report):
            self.summary.setText(self.tr("Choose a model coder among the coders to see its figures here."))
            return
        params = report.parameters
        for v in report.variables:
            for m in v.models:
                self._add_row(v.name, m)
        self.table.setSortingEnabled(True)
        if not self._rows:  # e.g. on the continuum, where the report's notes say why
            self.summary.setText(
                self.tr("No variable has model figures for these settings; see the notes below.")
            )
            return
        self.table.sortItems(COL_VARIABLE, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(
            COL_VARIABLE, min(260, max(140, self.table.sizeHintForColumn(COL_VARIABLE)))
        )
        interval = (
            self.tr("95% intervals from {0} bootstrap resamples (seed {1})").format(
                params.get("bootstrap"), params.get("seed")
            )
            if params.get("bootstrap")
            else self.tr("no interval (resamples: 0)")
        )
        self.summary.setText(
            self.tr(
                "Model coder {0}: Krippendorff's alpha, {1}; alternative annotator test "
                "(Calderon, Reichart & Dror 2025) with epsilon {2}: the model may replace a human "
                "when its winning rate is at least 0.5."
            ).format(", ".join(params.get("model_coders", [])), interval, params.get("alt_test_epsilon"))
        )
        if self.table.rowCount():
            self.table.selectRow(0)

    def _add_row(self, variable: str, m) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        key = len(self._rows)
        self._rows.append((variable, m))
        aat = m.alt_test
        passed = aat.get("passed")
        verdict = {
            True: self.tr("yes (passed)"),
            False: self.tr("no (failed)"),
            None: self.tr("not run"),
        }[passed]
        if aat.get("caution"):
            verdict = self.tr("yes (passed; alpha at chance)")
        cells = [
            (m.model, m.model, False),
            (variable.replace("/", " › "), variable, False),
            (alpha_with_interval(m.humans_alpha, m.humans_low, m.humans_high), m.humans_alpha, True),
            (
                alpha_with_interval(m.with_model_alpha, m.with_model_low, m.with_model_high),
                m.with_model_alpha,
                True,
            ),
            (alpha_with_interval(m.model_alpha, m.model_low, m.model_high), m.model_alpha, True),
            (fmt(aat.get("winning_rate")), aat.get("winning_rate"), True),
            (fmt(aat.get("advantage_probability")), aat.get("advantage_probability"), True),
            (verdict, {True: 1, False: 0, None: -1}[passed], False),
        ]
        for col, (text, sort_key, right) in enumerate(cells):
            item = _Item(text)
            item.setData(SORT_ROLE, sort_key)
            item.setData(KEY_ROLE, key)
            if right:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if col == COL_MODEL_ALPHA:
                item.setForeground(QColor(band_colour(m.model_alpha)))
            if col == COL_PASSED and (aat.get("caution") or aat.get("note")):
                item.setToolTip(plain_tooltip("\n".join(filter(None, (aat.get("caution"), aat.get("note"))))))
            self.table.setItem(row, col, item)

    def selected(self):
        """The (variable name, ``ModelFigures``) of the selected row, or None."""
        row = self.table.currentRow()
        item = self.table.item(row, COL_MODEL) if row >= 0 else None
        return None if item is None else self._rows[item.data(KEY_ROLE)]

    def _selection_changed(self) -> None:
        found = self.selected()
        if found is None:
            self.detail.clear()
            return
        variable, m = found
        aat = m.alt_test
        lines = [self.tr("{0}, model {1}: alpha of each human with the model").format(variable, m.model)]
        lines.append(
            "   ".join(f"{name} {fmt(alpha)}" for name, alpha in m.pairwise.items()) or self.tr("none")
        )
        if aat.get("humans"):
            lines.append(self.tr("Alternative annotator test, one human left out at a time:"))
            for h in aat["humans"]:
                better = (
                    self.tr("the model is a better alternative")
                    if h["model_better"]
                    else self.tr("not shown")
                )
                lines.append(
                    self.tr("{0}: {1} units, model wins {2}, human wins {3}, {4}: {5}").format(
                        h["coder"],
                        h["units"],
                        pct(h["model_wins"]),
                        pct(h["human_wins"]),
                        p_value_text(h["p_value"]),
                        better,
                    )
                )
        lines.extend(filter(None, (aat.get("caution"), aat.get("note"))))
        self.detail.setText("\n".join(lines))
