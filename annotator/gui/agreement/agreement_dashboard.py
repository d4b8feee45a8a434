"""The agreement dashboard (issue 5, item 5): the agreement table for chosen
coders and unit of analysis, a chart of alpha per variable, sorting, and a
way from a weak variable to the article where coders parted ways.

Every figure comes from ``annotator.services.agreement`` (which calls the
engine in ``annotator.agreement``), run in a worker thread with its own
connection to the project file; the widgets only show the report.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.task import TaskState
from annotator.gui.agreement.agreement_chart import AlphaChart, ChartRow
from annotator.gui.agreement.agreement_export import DashboardExport
from annotator.gui.agreement.agreement_table import AgreementTable, DocumentsTable
from annotator.gui.agreement.diagnostics_view import DiagnosticsView
from annotator.gui.agreement.lift_line import LiftLine
from annotator.gui.agreement.model_panel import ModelPanel
from annotator.gui.app.workers import Worker
from annotator.gui.common.worker_controls import WorkerControls
from annotator.services.agreement import AGREEMENT_DEFAULTS, agreement_report
from annotator.services.project_files import open_project

UNITS = ("document", "paragraph", "sentence", "token", "continuum")


def run_agreement(
    path: str,
    *,
    unit: str,
    coders: list[str],
    batch: str | None,
    bootstrap: int,
    seed: int | None,
    readonly: bool = False,
    state: TaskState,
):
    """The worker's job, on a connection of its own (reading only)."""
    with open_project(path, readonly=readonly) as project:
        return agreement_report(
            project, unit=unit, coders=coders, batch=batch, bootstrap=bootstrap, seed=seed, state=state
        )


class AgreementDashboard(DashboardExport, QDialog):
    def __init__(
        self, project, parent: QWidget | None = None, open_document: Callable[[str], None] | None = None
    ) -> None:
        super().__init__(parent)
        self.project = project
        self.open_document = open_document
        self.report = None
        self.worker: Worker | None = None
        self.setWindowTitle(self.tr("Agreement — {0}").format(project.name))
        self.setAccessibleName(self.tr("Agreement dashboard"))
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.resize(1200, 760)
        self._build()

    # --- layout -----------------------------------------------------------------------

    def _build(self) -> None:
        self.unit_combo = QComboBox(self)
        self.unit_combo.setAccessibleName(self.tr("Unit of analysis"))
        labels = {
            "document": self.tr("Document"),
            "paragraph": self.tr("Paragraph"),
            "sentence": self.tr("Sentence"),
            "token": self.tr("Token"),
            "continuum": self.tr("Continuum (characters)"),
        }
        for unit in UNITS:
            self.unit_combo.addItem(labels[unit], unit)
        defaults = AGREEMENT_DEFAULTS  # the same as `annotator agreement`'s, so both give one set of figures
        self.unit_combo.setCurrentIndex(UNITS.index(defaults.unit))
        self.unit_combo.setToolTip(
            self.tr(
                "What counts as one unit of analysis; on the continuum, characters and "
                "Krippendorff's unitizing alphas (default: {0}, as on the command line)"
            ).format(labels[defaults.unit].lower())
        )
        self.batch_combo = QComboBox(self)
        self.batch_combo.setAccessibleName(self.tr("Batch"))
        self.batch_combo.addItem(self.tr("All batches"), None)
        self.batch_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.batch_combo.setMinimumContentsLength(14)
        for batch in self.project.batches():
            self.batch_combo.addItem(batch.name, batch.id)
        self.bootstrap_spin = QSpinBox(self)
        self.bootstrap_spin.setAccessibleName(self.tr("Bootstrap resamples"))
        self.bootstrap_spin.setRange(0, 20000)
        self.bootstrap_spin.setSingleStep(500)
        self.bootstrap_spin.setValue(defaults.bootstrap)
        self.bootstrap_spin.setSpecialValueText(self.tr("no interval"))
        self.bootstrap_spin.setToolTip(
            self.tr(
                "Resamples for alpha's confidence interval (0: none; default: {0}, as on the command line)"
            ).format(defaults.bootstrap)
        )
        self.seed_spin = QSpinBox(self)
        self.seed_spin.setAccessibleName(self.tr("Random seed"))
        self.seed_spin.setRange(0, 2**31 - 1)
        self.seed_spin.setValue(defaults.seed)
        self.seed_spin.setToolTip(
            self.tr(
                "The same seed gives the same interval, so a paper's figures can be reproduced "
                "(default: {0}, as on the command line)"
            ).format(defaults.seed)
        )
        self.coder_checks: dict[str, QCheckBox] = {}
        coders_row = QHBoxLayout()
        coders_row.addWidget(QLabel(self.tr("Coders:"), self))
        for coder in self.project.coders():
            check = QCheckBox(coder.name, self)
            check.setAccessibleName(self.tr("Include {0}").format(coder.name))
            check.setChecked(coder.role == "coder")
            self.coder_checks[coder.id] = check
            coders_row.addWidget(check)
        coders_row.addStretch(1)

        self.compute_button = QPushButton(self.tr("Compute"), self)
        self.compute_button.setAccessibleName(self.tr("Compute agreement"))
        self.compute_button.setToolTip(self.tr("Compute the figures for these settings (F5)"))
        self.compute_button.setDefault(True)
        self.compute_button.clicked.connect(self.compute)
        QShortcut(QKeySequence(Qt.Key.Key_F5), self, activated=self.compute)
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the computation"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setVisible(False)
        self.progress = QProgressBar(self)
        self.progress.setAccessibleName(self.tr("Computation progress"))
        self.progress.setVisible(False)
        self.progress.setMaximumWidth(140)
        self.controls = WorkerControls(self.progress, self.cancel_button)

        settings = QHBoxLayout()
        for text, widget in (
            (self.tr("&Unit"), self.unit_combo),
            (self.tr("&Batch"), self.batch_combo),
            (self.tr("&Resamples"), self.bootstrap_spin),
            (self.tr("S&eed"), self.seed_spin),
        ):
            label = QLabel(text, self)
            label.setBuddy(widget)
            settings.addWidget(label)
            settings.addWidget(widget)
            settings.addSpacing(8)
        settings.addStretch(1)
        settings.addWidget(self.compute_button)

        self.table = AgreementTable(self)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.activated.connect(lambda _index: self.open_worst_document())
        self.table.horizontalHeader().sortIndicatorChanged.connect(lambda *_: self._update_chart())
        self.chart = AlphaChart(self)
        self.chart.row_clicked.connect(self.table.select_key)
        chart_scroll = QScrollArea(self)
        chart_scroll.setWidgetResizable(True)
        chart_scroll.setWidget(self.chart)
        chart_scroll.setAccessibleName(self.tr("Chart"))
        self.open_button = QPushButton(self.tr("Open the article with most disagreement"), self)
        self.open_button.setAccessibleName(self.tr("Open the article with most disagreement"))
        self.open_button.setEnabled(False)
        self.open_button.clicked.connect(self.open_worst_document)
        self.detail = QLabel(self)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.detail.setAccessibleName(self.tr("Selected variable"))
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_box = QWidget(self)
        detail_row = QHBoxLayout(self.detail_box)
        detail_row.setContentsMargins(0, 0, 0, 0)
        detail_row.addWidget(self.detail, 1)
        detail_row.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignTop)

        self.status = QLabel(self)
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # shows names from the data
        self.status.setAccessibleName(self.tr("Report parameters and notes"))
        self.status.setWordWrap(True)
        self.status.setStyleSheet("color: palette(placeholder-text);")
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(chart_scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 360])
        splitter.setChildrenCollapsible(False)
        self.documents_table = DocumentsTable(self)
        self.documents_table.activated.connect(
            lambda _index: self._open(self.documents_table.current_document())
        )
        self.tabs = QTabWidget(self)
        self.tabs.setAccessibleName(self.tr("Figures"))
        self.tabs.addTab(splitter, self.tr("&Variables"))
        self.tabs.addTab(self.documents_table, self.tr("&Articles"))
        self.diagnostics = DiagnosticsView(
            self.project, self.current_settings, self, open_document=self._open
        )
        self.tabs.addTab(self.diagnostics, self.tr("&Diagnostics"))
        for changed in (self.unit_combo.currentIndexChanged, self.batch_combo.currentIndexChanged):
            changed.connect(self.diagnostics.settings_changed)
        for check in self.coder_checks.values():
            check.toggled.connect(self.diagnostics.settings_changed)
        self.lift_line = LiftLine(self)
        self.tabs.currentChanged.connect(lambda index: self.lift_line.setVisible(index == 0))
        self.plan_button = QPushButton(self.tr("&Plan the sample…"), self)
        self.plan_button.setToolTip(self.tr("How many units a reliability sample needs, before coding"))
        self.plan_button.clicked.connect(self.plan_sample)
        self.model_panel = ModelPanel(self)
        self.tabs.setTabVisible(self.tabs.addTab(self.model_panel, self.tr("&Model coder")), False)
        # the selected variable's details belong to the Variables tab only
        self.tabs.currentChanged.connect(lambda index: self.detail_box.setVisible(index == 0))

        layout = QVBoxLayout(self)
        layout.addLayout(settings)
        layout.addLayout(coders_row)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.detail_box)
        layout.addWidget(self.lift_line)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addWidget(self.plan_button)
        bottom.addWidget(self._build_export())
        bottom.addWidget(self.copy_button)
        layout.addLayout(bottom)

    # --- computing ----------------------------------------------------------------------

    def current_settings(self) -> dict:
        return {
            "unit": self.unit_combo.currentData(),
            "coders": self.coder_ids(),
            "batch": self.batch_combo.currentData(),
        }

    def coder_ids(self) -> list[str]:
        return [cid for cid, check in self.coder_checks.items() if check.isChecked()]

    def compute(self) -> Worker | None:
        if self.worker is not None:
            return None
        coders = self.coder_ids()
        if len(coders) < 2:
            self._message(self.tr("Choose at least two coders to compare."), error=True)
            return None
        self._running(True)
        self._message(self.tr("Computing…"))
        settings = self.current_settings()
        self.worker = Worker(
            run_agreement,
            str(self.project.path),
            unit=settings["unit"],
            coders=coders,
            batch=settings["batch"],
            bootstrap=self.bootstrap_spin.value(),
            seed=self.seed_spin.value(),
            readonly=bool(getattr(self.project, "readonly", False)),
        )
        return self.controls.start(
            self.worker,
            finished=lambda report: self._finished(report, settings),
            failed=self._failed,
            cancelled=self.tr("The computation was cancelled."),
        )

    def cancel(self) -> None:
        self.controls.cancel(self.worker)

    def _running(self, on: bool) -> None:
        self.controls.show_running(on)
        self.compute_button.setEnabled(not on)

    def _finished(self, report, settings: dict | None = None) -> None:
        self.worker = None
        self._running(False)
        self.show_report(report, settings)

    def _failed(self, message: str) -> None:
        self.worker = None
        self._running(False)
        self._message(message, error=True)

    def _message(self, text: str, *, error: bool = False) -> None:
        self.status.setStyleSheet("color: #b3261e;" if error else "color: palette(placeholder-text);")
        self.status.setText(text)

    # --- showing ------------------------------------------------------------------------

    def show_report(self, report, settings: dict | None = None) -> None:
        """Show an ``annotator.agreement.report.AgreementReport`` computed with
        ``settings`` (unit, coders, batch; default: the controls')."""
        self.report = report
        self.computed_with = settings or self.current_settings()
        self._export_ready(True)
        self.table.show_report(report)
        self.documents_table.show_documents(report.documents)
        self.model_panel.show_report(report)
        self.tabs.setTabVisible(self.tabs.indexOf(self.model_panel), self.model_panel.has_models(report))
        self._update_chart()
        params = report.parameters
        names = ", ".join(c.get("name", c.get("id", "?")) for c in params.get("coders", []))
        parts = [
            self.tr("Unit: {0}").format(params.get("unit", "?")),
            self.tr("coders: {0}").format(names),
            self.tr("documents: {0} ({1} coded by two or more)").format(
                params.get("documents", "?"), params.get("documents_coded_by_two_or_more", "?")
            ),
            self.tr("codebook version {0}").format(params.get("codebook_version", "?")),
        ]
        if params.get("bootstrap"):
            parts.append(self.tr("{0} resamples, seed {1}").format(params["bootstrap"], params.get("seed")))
        text = " · ".join(parts)
        if report.notes:
            text += "\n" + "\n".join(report.notes)
        if not report.variables:
            text += "\n" + self.tr(
                "No variable could be compared: nothing was coded by two or more of these coders."
            )
        self._message(text)
        if self.table.rowCount():
            self.table.selectRow(0)

    def _update_chart(self) -> None:
        if self.report is None:
            return
        by_id = {v.id: v for v in self.report.variables}
        rows = [
            ChartRow(v.id, v.name.replace("/", " › "), v.alpha, v.ci_low, v.ci_high)
            for v in (by_id[k] for k in self.table.keys_in_order() if k in by_id)
        ]
        name = self.report.variables[0].alpha_name if self.report.variables else "α"
        self.chart.set_rows(rows, name)
        self.chart.set_selected(self.table.current_key())

    def selected_variable(self):
        key = self.table.current_key()
        if self.report is None or key is None:
            return None
        return next((v for v in self.report.variables if v.id == key), None)

    def _selection_changed(self) -> None:
        v = self.selected_variable()
        self.chart.set_selected(v.id if v else None)
        self.lift_line.show_variable(self.report, v.id if v else None)
        self.diagnostics.select_variable(v.id if v else None)
        worst = v.documents[0] if v is not None and v.documents else None
        has_worst = worst is not None and (worst.disagreement or 0) > 0
        self.open_button.setEnabled(has_worst and self.open_document is not None)
        if v is None:
            self.detail.clear()
            return
        coverage = ", ".join(f"{name} {share:.0%}" for name, share in v.coverage.items() if share is not None)
        lines = [v.name.replace("/", " › "), self.tr("Level of measurement: {0}").format(v.level)]
        if coverage:
            lines.append(self.tr("Share of units each coder marked: {0}").format(coverage))
        two = len(self.report.parameters.get("coders", [])) == 2
        hidden = set() if two else {"cohen_kappa", "scott_pi"}  # not shown in the table for 3+ coders
        lines.extend(dict.fromkeys(text for key, text in v.reasons.items() if key not in hidden))
        if has_worst:
            lines.append(self.tr("Most disagreement in “{0}”.").format(worst.title or worst.document_id))
        self.detail.setText("\n".join(lines))

    def worst_document(self) -> str | None:
        v = self.selected_variable()
        if v is None or not v.documents or (v.documents[0].disagreement or 0) <= 0:
            return None
        return v.documents[0].document_id

    def open_worst_document(self) -> bool:
        """Show the article where coders disagreed most on the selected variable."""
        return self._open(self.worst_document())

    def _open(self, document_id: str | None) -> bool:
        if document_id is None or self.open_document is None:
            return False
        self.open_document(document_id)
        return True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().showEvent(event)
        if self.report is None and self.worker is None and not self.property("computed_once"):
            self.setProperty("computed_once", True)
            self.compute()

    def plan_sample(self) -> None:
        from annotator.gui.agreement.sample_plan_dialog import SamplePlanDialog

        SamplePlanDialog(self, alpha_min=self.lift_line.threshold()).exec()

    def reject(self) -> None:  # noqa: D102 - Qt API
        self.diagnostics.cancel()
        if self.worker is not None:
            self.worker.state.request_interruption()
        super().reject()
