"""The dashboard's way out: the report as an HTML page, a workbook or CSV, the
selected variable's reliability matrix for R, SPSS or ReCal, and the table
copied as tab-separated text for a spreadsheet or a paper. The files are the
ones `annotator agreement --format` and `agreement export-matrix` write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMenu, QPushButton, QWidget

from annotator.core.errors import AnnotatorError
from annotator.services.agreement import export_reliability_matrix, write_agreement_report


def _kinds(w: QWidget) -> list[tuple[str, str, str, str]]:
    """(kind, menu text, suffix, file-dialog filter)"""
    return [
        ("html", w.tr("&HTML report with charts…"), ".html", w.tr("HTML report (*.html)")),
        ("xlsx", w.tr("&Excel workbook…"), ".xlsx", w.tr("Excel workbook (*.xlsx)")),
        ("csv", w.tr("&CSV table…"), ".csv", w.tr("CSV table (*.csv)")),
        (
            "matrix",
            w.tr("Reliability &matrix of the selected variable (R, SPSS, ReCal)…"),
            ".csv",
            w.tr("Units x coders CSV (*.csv)"),
        ),
    ]


class DashboardExport:
    """Mixed into the dashboard: needs ``report``, ``project``, ``table``,
    ``selected_variable()``, ``computed_with`` and ``_message``."""

    report: Any
    project: Any
    table: Any
    computed_with: dict[str, Any]

    def _build_export(self) -> QWidget:
        w: Any = self
        self.export_button = QPushButton(w.tr("E&xport"), w)
        self.export_button.setAccessibleName(w.tr("Export the figures"))
        self.export_button.setToolTip(w.tr("Write the report or the reliability matrix to a file"))
        self.export_button.setAutoDefault(False)
        self.export_menu = QMenu(self.export_button)
        for kind, text, _suffix, _filter in _kinds(w):
            action = self.export_menu.addAction(text)
            action.setData(kind)
            action.triggered.connect(lambda _c=False, k=kind: self.export(k))
        self.export_button.setMenu(self.export_menu)
        self.copy_button = QPushButton(w.tr("C&opy table"), w)
        self.copy_button.setAccessibleName(w.tr("Copy the table"))
        self.copy_button.setToolTip(
            w.tr("Copy the table as tab-separated text, for a spreadsheet or a paper (Ctrl+Shift+C)")
        )
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_table)
        copy = QAction(w)
        copy.setShortcut(QKeySequence("Ctrl+Shift+C"))
        copy.triggered.connect(self.copy_table)
        w.addAction(copy)
        self._export_ready(False)
        return self.export_button

    def _export_ready(self, ready: bool) -> None:
        self.export_button.setEnabled(ready)
        self.copy_button.setEnabled(ready)

    def export(self, kind: str) -> Path | None:
        """Ask where, then write ``kind`` there."""
        w: Any = self
        _kind, _text, suffix, filter_ = next(k for k in _kinds(w) if k[0] == kind)
        stem = "agreement"
        if kind == "matrix":
            v = w.selected_variable()
            stem = f"matrix-{(v.name if v else 'variable').replace('/', '-')}"
        start = str(Path(self.project.path).with_name(stem + suffix))
        path, _ = QFileDialog.getSaveFileName(w, w.tr("Export"), start, filter_)
        if not path:
            return None
        if not path.lower().endswith(suffix):
            path += suffix
        return self.export_to(kind, Path(path))

    def export_to(self, kind: str, path: Path) -> Path | None:
        """Write ``kind`` to ``path``; None (and one sentence in the status line) when that failed."""
        w: Any = self
        try:
            if self.report is None:
                raise AnnotatorError(w.tr("Compute the figures first."))
            if kind == "matrix":
                written = self._write_matrix(Path(path))
            else:
                written = write_agreement_report(self.report, Path(path), kind)
        except AnnotatorError as exc:
            w._message(str(exc), error=True)
            return None
        w._message(w.tr("Wrote {0}").format(str(written)))
        return written

    def _write_matrix(self, path: Path) -> Path:
        w: Any = self
        v = w.selected_variable()
        if v is None:
            raise AnnotatorError(w.tr("Select the variable whose matrix to export."))
        settings = self.computed_with
        if settings["unit"] == "continuum":
            raise AnnotatorError(
                w.tr("The continuum has no units for a matrix; compute at another unit first.")
            )
        if not path.parent.is_dir():
            raise AnnotatorError(
                w.tr("The folder of {0} does not exist; choose another place.").format(path.name)
            )
        export_reliability_matrix(
            self.project,
            path,
            unit=settings["unit"],
            coders=settings["coders"],
            code=v.id,
            batch=settings["batch"],
        )
        return path

    def copy_table(self) -> str:
        """The table as shown (its columns and sorted rows) as tab-separated text on the clipboard."""
        table = self.table
        cols = [c for c in range(table.columnCount()) if not table.isColumnHidden(c)]

        def cell(text: str) -> str:
            return " ".join(text.split())  # a tab or line break would split the cell

        lines = ["\t".join(cell(table.horizontalHeaderItem(c).text()) for c in cols)]
        for r in range(table.rowCount()):
            lines.append("\t".join(cell(table.item(r, c).text() if table.item(r, c) else "") for c in cols))
        text = "\n".join(lines) + "\n"
        QApplication.clipboard().setText(text)
        w: Any = self
        w._message(
            w.tr("Copied {0} rows; paste them into a spreadsheet or a document.").format(table.rowCount())
        )
        return text
