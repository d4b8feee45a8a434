"""Coder diagnostics and the sample plan in the agreement dashboard, on the
demo project file: every figure shown is the service's, and the plan line
says what `annotator agreement plan` says."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from annotator.core.models import DocumentCode
from annotator.gui.agreement.agreement_dashboard import AgreementDashboard
from annotator.services.adjudication import ensure_adjudicator
from annotator.services.agreement import agreement_report
from annotator.services.demo import build_demo
from annotator.services.diagnostics import coder_diagnostics
from annotator.store.project import Project
from tests.conftest import code_id
from tests.gui.accessibility import unnamed_controls


def cli_plan(path, *args: str) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "agreement",
            "plan",
            str(path),
            "--format",
            "json",
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("diagnostics") / "demo.annotator"
    build_demo(path)
    return path


@pytest.fixture
def demo(demo_file, tmp_path):
    path = tmp_path / "demo.annotator"
    shutil.copy(demo_file, path)
    p = Project.open(path)
    yield p
    p.close()


@pytest.fixture
def with_gold(demo):
    """An adjudicator who copied Amira's dominant frame on every article."""
    judge = ensure_adjudicator(demo)
    amira = demo.find_coder("Amira")
    group = demo.codes.codebook().by_path("Dominant frame")
    values = {c.id for c in demo.codes.codebook().children(group.id)}
    for dc in demo.annotations.document_codes(coder_id=amira.id):
        if dc.code_id in values:
            demo.annotations.set_document_code(DocumentCode(dc.document_id, judge.id, dc.code_id, dc.value))
    return demo


def dashboard_on(qtbot, project, **report_options) -> AgreementDashboard:
    opened: list[str] = []
    d = AgreementDashboard(project, open_document=opened.append)
    d.opened = opened
    d.setProperty("computed_once", True)  # the tests give it the report themselves
    qtbot.addWidget(d)
    d.unit_combo.setCurrentIndex(d.unit_combo.findData("document"))
    d.show_report(agreement_report(project, unit="document", coders=d.coder_ids(), **report_options))
    return d


def diagnosed(qtbot, d: AgreementDashboard):
    d.show()
    d.tabs.setCurrentWidget(d.diagnostics)
    view = d.diagnostics
    qtbot.waitUntil(lambda: view.worker is None and view.result is not None, timeout=60_000)
    return view


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def test_leave_one_out_shows_the_services_alphas_and_marks_the_coder_who_lowers_it(qtbot, demo):
    d = dashboard_on(qtbot, demo)
    view = diagnosed(qtbot, d)
    key = code_id(demo, "Dominant frame")
    d.tabs.setCurrentIndex(0)
    d.table.select_key(key)
    assert view.current_variable() == key  # the view follows the table's selection
    service = coder_diagnostics(demo, unit="document", coders=d.coder_ids()).variable(key)
    shown = {row[0]: row[1:3] for row in cells(view.loo_table)}
    assert shown == {e.coder: [f"{e.alpha_without:.3f}", f"{e.change:+.3f}"] for e in service.leave_one_out}
    lowering = max(service.leave_one_out, key=lambda e: e.change)
    assert lowering.coder == "Chen" and lowering.change > 0
    assert view.lowering_coder() == "Chen"
    row = next(r for r in range(view.loo_table.rowCount()) if view.loo_table.item(r, 0).text() == "Chen")
    assert view.loo_table.item(row, 0).font().bold()
    assert "lowers" in view.loo_table.item(row, 3).text()


def test_the_confusion_matrix_is_the_services_labelled_by_category(qtbot, demo):
    d = dashboard_on(qtbot, demo)
    view = diagnosed(qtbot, d)
    key = code_id(demo, "Dominant frame")
    d.table.select_key(key)
    service = coder_diagnostics(demo, unit="document", coders=d.coder_ids()).variable(key)
    assert view.pair_combo.count() == len(service.pairs) == 3
    for index, pair in enumerate(service.pairs):
        view.pair_combo.setCurrentIndex(index)
        m = view.matrix_table
        k = len(service.categories)
        assert [m.verticalHeaderItem(r).text() for r in range(k)] == service.categories
        assert [m.horizontalHeaderItem(c).text() for c in range(k)] == service.categories
        shown = [[int(m.item(r, c).text()) for c in range(k)] for r in range(k)]
        assert shown == pair.matrix
        # the margins and the corner add up as the service's matrix does
        assert int(m.item(k, k).text()) == pair.units == sum(map(sum, pair.matrix))
        assert [int(m.item(r, k).text()) for r in range(k)] == [sum(row) for row in pair.matrix]
        assert pair.first in view.matrix_caption.text() and pair.second in view.matrix_caption.text()
        assert f"{pair.agreement:.1%}" in view.matrix_caption.text()


def test_category_use_and_drift_are_the_services(qtbot, demo):
    d = dashboard_on(qtbot, demo)
    view = diagnosed(qtbot, d)
    key = code_id(demo, "Dominant frame")
    d.table.select_key(key)
    service = coder_diagnostics(demo, unit="document", coders=d.coder_ids()).variable(key)
    used = [u for u in service.usage if u.rate or u.others_rate]
    assert [(r[0], r[1], r[2], r[3]) for r in cells(view.usage_table)] == [
        (u.coder, u.category, f"{u.rate:.1%}", f"{u.others_rate:.1%}") for u in used
    ]
    assert [(r[0], r[1], r[4]) for r in cells(view.drift_table)] == [
        (x.coder, x.period, "–" if x.agreement is None else f"{x.agreement:.1%}") for x in service.drift
    ]
    assert view.drift_chart.series  # the chart draws what the table lists
    assert sum(len(points) for points in view.drift_chart.series.values()) == len(service.drift)
    # by the order of coding, in blocks of three articles: computed again on the worker
    view.drift_combo.setCurrentIndex(view.drift_combo.findData("order"))
    view.block_spin.setValue(3)
    view.compute()
    qtbot.waitUntil(lambda: view.worker is None, timeout=60_000)
    ordered = coder_diagnostics(demo, unit="document", coders=d.coder_ids(), by="order", block=3)
    periods = [r[1] for r in cells(view.drift_table)]
    assert periods == [x.period for x in ordered.variable(key).drift]


def test_enter_on_an_article_with_most_disagreement_opens_it(qtbot, demo):
    d = dashboard_on(qtbot, demo)
    view = diagnosed(qtbot, d)
    key = code_id(demo, "Dominant frame")
    d.table.select_key(key)
    d.tabs.setCurrentWidget(view)
    service = coder_diagnostics(demo, unit="document", coders=d.coder_ids()).variable(key)
    view.sections.setCurrentWidget(view.documents_table)
    table = view.documents_table
    assert table.rowCount() == len(service.documents) > 0
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert d.opened == [table.current_document()]
    assert d.opened[0] in {doc.document_id for doc in service.documents}


def test_fewer_coders_recompute_when_the_tab_is_shown_again(qtbot, demo):
    d = dashboard_on(qtbot, demo)
    view = diagnosed(qtbot, d)
    assert view.loo_table.rowCount() > 0
    d.tabs.setCurrentIndex(0)
    d.coder_checks[demo.find_coder("Chen").id].setChecked(False)
    d.tabs.setCurrentWidget(view)
    qtbot.waitUntil(lambda: view.worker is None and view.result is not None, timeout=60_000)
    assert view.result.parameters["coders"] == ["Amira", "Ben"]
    assert view.loo_table.rowCount() == 0
    assert "three or more coders" in view.loo_note.text()


def test_gold_pairs_compare_each_coder_with_the_adjudicator(qtbot, with_gold):
    d = dashboard_on(qtbot, with_gold)
    view = diagnosed(qtbot, d)
    key = code_id(with_gold, "Dominant frame")
    d.table.select_key(key)
    service = coder_diagnostics(with_gold, unit="document", coders=d.coder_ids()).variable(key)
    labels = [view.pair_combo.itemText(i) for i in range(view.pair_combo.count())]
    assert len(labels) == len(service.pairs) + len(service.gold) == 6
    amira = next(i for i, text in enumerate(labels) if "Amira" in text and "Gold standard" in text)
    view.pair_combo.setCurrentIndex(amira)
    k = len(service.categories)
    m = view.matrix_table
    assert sum(int(m.item(i, i).text()) for i in range(k)) == int(m.item(k, k).text()) == 10
    assert "Gold standard" in view.drift_caption.text()


def test_a_unit_diagnostics_cannot_use_is_reported_in_one_sentence(qtbot, demo):
    d = dashboard_on(qtbot, demo)
    d.unit_combo.setCurrentIndex(d.unit_combo.findData("continuum"))
    d.show()
    d.tabs.setCurrentWidget(d.diagnostics)
    view = d.diagnostics
    qtbot.waitUntil(lambda: view.worker is None and bool(view.status.text()), timeout=60_000)
    assert view.result is None
    assert "document, paragraph, sentence or token" in view.status.text()


def test_the_plan_line_says_what_the_command_line_says(qtbot, demo):
    d = AgreementDashboard(demo)
    d.setProperty("computed_once", True)
    qtbot.addWidget(d)
    d.unit_combo.setCurrentIndex(d.unit_combo.findData("document"))
    d.bootstrap_spin.setValue(300)
    d.seed_spin.setValue(7)
    d.compute()
    qtbot.waitUntil(lambda: d.worker is None and d.report is not None, timeout=60_000)
    cli = cli_plan(demo.path, "--unit", "document", "--bootstrap", "300", "--seed", "7")
    by_id = {v["id"]: v for v in cli["variables"]}
    assert set(by_id) == {v.id for v in d.report.variables}
    lifted = 0
    for key in d.table.keys_in_order():
        d.table.select_key(key)
        shown = d.lift_line.plan
        assert shown is not None and shown.id == key
        assert shown.more_articles == by_id[key]["more_articles"], by_id[key]["name"]
        text = d.lift_line.text()
        if shown.more_articles:
            lifted += 1
            assert f"Code {shown.more_articles} more articles" in text and "above 0.667" in text
        elif shown.more_articles == 0:
            assert "already above 0.667" in text
        else:
            assert text == by_id[key]["reason"]
    assert lifted > 0
    # a stricter threshold: the same figures as --alpha-min 0.8
    d.lift_line.threshold_combo.setCurrentIndex(d.lift_line.threshold_combo.findData(0.8))
    strict = {
        v["id"]: v
        for v in cli_plan(
            demo.path, "--unit", "document", "--bootstrap", "300", "--seed", "7", "--alpha-min", "0.8"
        )["variables"]
    }
    for key in d.table.keys_in_order():
        d.table.select_key(key)
        assert d.lift_line.plan.more_articles == strict[key]["more_articles"]


def test_the_plan_button_opens_the_planner(qtbot, demo, monkeypatch):
    d = dashboard_on(qtbot, demo)
    shown = []
    monkeypatch.setattr("PySide6.QtWidgets.QDialog.exec", lambda self: shown.append(self) or 0)
    d.plan_button.click()
    assert shown and shown[0].windowTitle().startswith("Plan the")


def test_every_new_control_has_an_accessible_name(qtbot, demo):
    d = dashboard_on(qtbot, demo)
    diagnosed(qtbot, d)
    assert unnamed_controls(d) == []


def test_changing_the_dashboards_coders_on_the_page_diagnoses_again(qtbot, demo):
    d = dashboard_on(qtbot, demo)
    view = diagnosed(qtbot, d)
    assert view.result.parameters["coders"] == ["Amira", "Ben", "Chen"]
    d.coder_checks[demo.find_coder("Ben").id].setChecked(False)  # the page stays in front
    qtbot.waitUntil(
        lambda: (
            view.worker is None
            and view.result is not None
            and view.result.parameters["coders"] == ["Amira", "Chen"]
        ),
        timeout=60_000,
    )


def test_stop_cancels_the_diagnostics(qtbot, demo):
    d = dashboard_on(qtbot, demo)
    view = d.diagnostics
    view.computed_with = view.wanted()  # no computation when the page appears
    d.show()
    d.tabs.setCurrentWidget(view)
    worker = view.compute(force=True)
    assert worker is not None and view.cancel_button.isVisible()
    view.cancel_button.click()
    assert worker.state.is_interruption_requested()
    qtbot.waitUntil(lambda: view.worker is None, timeout=60_000)
    assert view.result is None
    assert "stopped" in view.status.text()
    assert view.recompute_button.isEnabled()
