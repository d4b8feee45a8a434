"""The dashboard writes the report (HTML, XLSX, CSV) and the reliability
matrix, and copies its table for a spreadsheet or a paper."""

from __future__ import annotations

import csv
import math

import krippendorff
import numpy as np
import openpyxl
import pytest
from PySide6.QtWidgets import QApplication

from annotator.gui.agreement.agreement_dashboard import AgreementDashboard
from annotator.reporting import read_matrix_csv
from tests.services.test_measurement_levels import tone_project


@pytest.fixture
def dashboard(qtbot, tmp_path):
    p = tone_project(tmp_path / "tone.annotator")
    d = AgreementDashboard(p)
    d.setProperty("computed_once", True)
    qtbot.addWidget(d)
    d.bootstrap_spin.setValue(200)
    assert d.compute() is not None
    # the worker may finish before a signal could be waited for: wait for its effect
    qtbot.waitUntil(lambda: d.worker is None and d.report is not None, timeout=60_000)
    yield d
    p.close()


def test_the_export_menu_offers_every_kind(dashboard):
    kinds = [a.data() for a in dashboard.export_menu.actions() if a.data()]
    assert kinds == ["html", "xlsx", "csv", "matrix"]
    assert dashboard.export_button.isEnabled() and dashboard.copy_button.isEnabled()


def test_html_xlsx_and_csv_reports_are_written(dashboard, tmp_path):
    html = dashboard.export_to("html", tmp_path / "report.html")
    text = html.read_text(encoding="utf-8")
    assert "Tone" in text and "200" in text  # the variable and the settings in the header
    book = openpyxl.load_workbook(dashboard.export_to("xlsx", tmp_path / "report.xlsx"))
    assert any("Tone" in str(c.value) for ws in book.worksheets for row in ws.iter_rows() for c in row)
    with dashboard.export_to("csv", tmp_path / "report.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert [r["Variable"] for r in rows] == ["Tone"]
    assert "Wrote" in dashboard.status.text()


def test_the_matrix_of_the_selected_variable_gives_the_same_alpha_in_r(dashboard, tmp_path):
    path = dashboard.export_to("matrix", tmp_path / "tone.csv")
    m = read_matrix_csv(path)
    values = np.array([[np.nan if v is None else float(v) for v in row] for row in m.values]).T
    theirs = krippendorff.alpha(reliability_data=values, level_of_measurement="nominal")
    assert math.isclose(dashboard.selected_variable().alpha, theirs, abs_tol=1e-9)


def test_a_failed_export_is_one_sentence_and_writes_nothing(dashboard, tmp_path):
    target = tmp_path / "missing-folder" / "report.html"
    assert dashboard.export_to("html", target) is None
    message = dashboard.status.text()
    assert message and "\n" not in message and "Traceback" not in message
    assert not target.exists()


def test_copy_puts_the_table_on_the_clipboard_as_tab_separated_text(dashboard):
    dashboard.copy_table()
    lines = QApplication.clipboard().text().splitlines()
    table = dashboard.table
    assert len(lines) == table.rowCount() + 1
    header = lines[0].split("\t")
    assert header[0] == table.horizontalHeaderItem(0).text()
    assert len(header) == table.columnCount()
    assert lines[1].split("\t")[0] == table.item(0, 0).text()
