"""The agreement dashboard shows the engine's report for real coded data:
the table, sorting, the chart, and the way to the worst article."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402

from annotator.core.models import Annotation  # noqa: E402
from annotator.gui.agreement.agreement_dashboard import AgreementDashboard  # noqa: E402
from annotator.gui.agreement.agreement_table import COL_ALPHA, COL_NAME  # noqa: E402
from annotator.services.agreement import agreement_report  # noqa: E402
from tests.conftest import code_id  # noqa: E402
from tests.gui.accessibility import unnamed_controls


@pytest.fixture
def coded(coded_project):
    """alice and bob agree on Conflict everywhere and disagree on Official in the second article."""
    p = coded_project
    alice, bob = p.find_coder("alice").id, p.find_coder("bob").id
    first, second = p.documents.document_ids()
    for coder in (alice, bob):
        for doc in (first, second):
            p.annotations.add_annotation(Annotation(doc, coder, code_id(p, "Frames/Conflict"), 0, 3))
        p.annotations.add_annotation(Annotation(first, coder, code_id(p, "Source type/Official"), 4, 12))
    p.annotations.add_annotation(Annotation(second, alice, code_id(p, "Source type/Official"), 10, 16))
    return p, alice, bob, first, second


def report_for(p, coders, unit="document"):
    return agreement_report(p, unit=unit, coders=coders)


@pytest.fixture
def dashboard(qtbot, coded):
    p, *_ = coded
    opened: list[str] = []
    d = AgreementDashboard(p, open_document=opened.append)
    d.opened = opened
    d.setProperty("computed_once", True)  # these tests give it the report themselves
    qtbot.addWidget(d)
    return d


def test_table_lists_every_variable_weakest_first(dashboard, coded):
    p, alice, bob, *_ = coded
    report = report_for(p, [alice, bob])
    dashboard.show_report(report)
    table = dashboard.table
    assert table.rowCount() == len(report.variables) > 0
    alphas = [v.alpha for v in report.variables]
    shown = [table.item(r, COL_ALPHA).text() for r in range(table.rowCount())]
    defined = sorted(a for a in alphas if a is not None)
    # undefined first, then ascending: the variables that need attention at the top
    assert shown[len(shown) - len(defined) :] == [f"{a:.3f}" for a in defined]
    assert table.horizontalHeaderItem(6).text() == "Cohen's κ"  # two coders
    assert "alice, bob" in dashboard.status.text()


def test_sorting_by_alpha_reorders_the_chart(dashboard, coded):
    p, alice, bob, *_ = coded
    dashboard.show_report(report_for(p, [alice, bob]))
    table = dashboard.table
    table.sortItems(COL_ALPHA, Qt.SortOrder.DescendingOrder)
    keys = table.keys_in_order()
    assert [r.key for r in dashboard.chart.rows] == keys
    by_id = {v.id: v for v in dashboard.report.variables}
    alphas = [by_id[k].alpha for k in keys if by_id[k].alpha is not None]
    assert alphas == sorted(alphas, reverse=True)
    table.sortItems(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert [r.key for r in dashboard.chart.rows] == table.keys_in_order()


def test_choosing_a_row_opens_the_document_with_most_disagreement(dashboard, coded, qtbot):
    p, alice, bob, first, second = coded
    dashboard.show_report(report_for(p, [alice, bob]))
    official = code_id(p, "Source type/Official")
    dashboard.table.select_key(official)
    assert dashboard.open_button.isEnabled()
    dashboard.show()
    dashboard.table.setFocus()
    qtbot.keyClick(dashboard.table, Qt.Key.Key_Return)
    assert dashboard.opened == [second]
    assert dashboard.worker is None  # Enter opened the article; it did not recompute
    assert "Unicode" in dashboard.detail.text()  # the title of that article
    # a variable everyone agreed on has no article to open
    dashboard.table.select_key(code_id(p, "Frames/Conflict"))
    assert not dashboard.open_button.isEnabled()
    assert not dashboard.open_worst_document()
    assert dashboard.opened == [second]


def test_chart_click_selects_the_row(dashboard, coded, qtbot):
    p, alice, bob, *_ = coded
    dashboard.show_report(report_for(p, [alice, bob]))
    dashboard.show()
    chart = dashboard.chart
    target = chart.rows[-1]
    y = int(30 + 24 * (len(chart.rows) - 1) + 12)
    qtbot.mouseClick(chart, Qt.MouseButton.LeftButton, pos=QPoint(40, y))
    assert dashboard.table.current_key() == target.key
    assert chart.selected == target.key


def test_fewer_than_two_coders_is_refused(dashboard, coded):
    _, alice, bob, *_ = coded
    dashboard.coder_checks[bob].setChecked(False)
    assert dashboard.compute() is None
    assert "at least two coders" in dashboard.status.text()


def test_compute_in_a_worker_with_the_agreement_service(dashboard, coded, qtbot):
    dashboard.unit_combo.setCurrentIndex(dashboard.unit_combo.findData("document"))
    dashboard.bootstrap_spin.setValue(200)
    worker = dashboard.compute()
    assert worker is not None and not dashboard.compute_button.isEnabled()
    qtbot.waitUntil(lambda: dashboard.worker is None, timeout=60_000)
    assert dashboard.report is not None, dashboard.status.text()
    assert dashboard.table.rowCount() == len(dashboard.report.variables)
    assert dashboard.report.parameters["bootstrap"] == 200
    official = dashboard.report.variable(code_id(dashboard.project, "Source type/Official"))
    assert official.ci_low is not None and official.ci_low <= official.alpha <= official.ci_high


def test_missing_segments_are_reported_in_one_sentence(dashboard, qtbot):
    dashboard.unit_combo.setCurrentIndex(dashboard.unit_combo.findData("sentence"))
    dashboard.compute()
    qtbot.waitUntil(lambda: dashboard.worker is None, timeout=60_000)
    assert dashboard.report is None
    assert "segmentation" in dashboard.status.text()
    assert dashboard.compute_button.isEnabled()


def test_cancel_stops_the_computation(dashboard, qtbot):
    dashboard.unit_combo.setCurrentIndex(dashboard.unit_combo.findData("document"))
    dashboard.bootstrap_spin.setValue(20000)
    worker = dashboard.compute()
    dashboard.cancel_button.click()
    assert worker.state.is_interruption_requested()
    qtbot.waitUntil(lambda: dashboard.worker is None, timeout=60_000)
    assert dashboard.report is None
    assert "cancelled" in dashboard.status.text()


def test_articles_tab_lists_documents_least_agreement_first(dashboard, coded, qtbot):
    p, alice, bob, first, second = coded
    report = report_for(p, [alice, bob])
    dashboard.show_report(report)
    table = dashboard.documents_table
    assert table.rowCount() == len(report.documents) == 2
    assert table.item(0, 0).data(Qt.ItemDataRole.UserRole) == second  # alice and bob differ there
    dashboard.show()
    dashboard.tabs.setCurrentIndex(1)
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dashboard.opened == [second]
    assert dashboard.worker is None


def test_every_control_has_an_accessible_name(dashboard):
    assert unnamed_controls(dashboard) == []


def test_a_project_without_coding_reports_it_in_one_sentence(qtbot, project):
    from annotator.core.models import Coder

    project.add_coder(Coder("alice"))
    project.add_coder(Coder("bob"))
    d = AgreementDashboard(project)
    qtbot.addWidget(d)
    d.unit_combo.setCurrentIndex(d.unit_combo.findData("document"))
    d.compute()
    qtbot.waitUntil(lambda: d.worker is None, timeout=30_000)
    assert d.report is None
    assert "No document has been coded by two or more" in d.status.text()
    assert d.table.rowCount() == 0
