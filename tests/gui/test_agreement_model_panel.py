"""The agreement dashboard's model coder page (issue 16) shows the figures the
command line prints for the same coders: the humans' alpha alone and with the
model, the model against the humans, each with its interval, and the
Alternative Annotator Test."""

from __future__ import annotations

import json
import os
import subprocess
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from annotator.gui.agreement.agreement_dashboard import AgreementDashboard  # noqa: E402
from annotator.gui.agreement.model_panel import (  # noqa: E402
    COL_ADVANTAGE,
    COL_HUMANS,
    COL_MODEL,
    COL_MODEL_ALPHA,
    COL_PASSED,
    COL_VARIABLE,
    COL_WIN_RATE,
    COL_WITH_MODEL,
)
from annotator.store.project import Project  # noqa: E402
from tests.gui.accessibility import unnamed_controls  # noqa: E402
from tests.model_report_project import build  # noqa: E402

RESAMPLES = 300


@pytest.fixture(scope="module")
def path(tmp_path_factory):
    return build(tmp_path_factory.mktemp("panel") / "p.annotator")


@pytest.fixture
def dashboard(qtbot, path):
    project = Project.open(path, readonly=True)
    d = AgreementDashboard(project)
    d.setProperty("computed_once", True)
    qtbot.addWidget(d)
    yield d
    project.close()


def _cli_models(path, coders: str) -> dict:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "agreement",
            str(path),
            "--coders",
            coders,
            "--bootstrap",
            str(RESAMPLES),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return {v["name"]: v["models"][0] for v in json.loads(done.stdout)["variables"]}


def _compute(dashboard, qtbot, model_checked: bool = True) -> None:
    bot = dashboard.project.coder_by_name("bot").id
    dashboard.coder_checks[bot].setChecked(model_checked)
    dashboard.bootstrap_spin.setValue(RESAMPLES)
    dashboard.compute()
    qtbot.waitUntil(lambda: dashboard.worker is None, timeout=120_000)
    assert dashboard.report is not None, dashboard.status.text()


def _interval(alpha: float, low: float, high: float) -> str:
    return f"{alpha:.3f} [{low:.3f}, {high:.3f}]"


def test_the_model_page_shows_the_command_lines_figures(dashboard, qtbot, path):
    _compute(dashboard, qtbot)
    tabs = dashboard.tabs
    assert tabs.isTabVisible(tabs.indexOf(dashboard.model_panel))
    expected = _cli_models(path, "Amira,Ben,Cleo,bot")
    table = dashboard.model_panel.table
    assert table.rowCount() == len(expected) == 1
    m = expected["Claim"]
    cells = {col: table.item(0, col).text() for col in range(table.columnCount())}
    assert cells[COL_MODEL] == "bot" and cells[COL_VARIABLE] == "Claim"
    assert cells[COL_HUMANS] == _interval(m["humans_alpha"], m["humans_low"], m["humans_high"])
    assert cells[COL_WITH_MODEL] == _interval(
        m["with_model_alpha"], m["with_model_low"], m["with_model_high"]
    )
    assert cells[COL_MODEL_ALPHA] == _interval(m["model_alpha"], m["model_low"], m["model_high"])
    aat = m["alt_test"]
    assert cells[COL_WIN_RATE] == f"{aat['winning_rate']:.3f}"
    assert cells[COL_ADVANTAGE] == f"{aat['advantage_probability']:.3f}"
    assert aat["passed"] is True and cells[COL_PASSED] == "yes (passed)"
    # one line per human left out, with the p-value the command line gives
    detail = dashboard.model_panel.detail.text()
    for human in aat["humans"]:
        assert f"{human['coder']}: {human['units']} units" in detail
        p = human["p_value"]
        assert ("p < 0.0001" if p < 0.0001 else f"p = {p:.4f}") in detail
    assert "epsilon 0.15" in dashboard.model_panel.summary.text()


def test_without_a_model_coder_the_page_is_hidden(dashboard, qtbot):
    _compute(dashboard, qtbot, model_checked=False)
    assert not dashboard.tabs.isTabVisible(dashboard.tabs.indexOf(dashboard.model_panel))
    assert dashboard.model_panel.table.rowCount() == 0


def test_on_the_continuum_the_page_says_why_it_is_empty(dashboard, qtbot):
    dashboard.unit_combo.setCurrentIndex(dashboard.unit_combo.findData("continuum"))
    _compute(dashboard, qtbot)
    assert dashboard.tabs.isTabVisible(dashboard.tabs.indexOf(dashboard.model_panel))
    assert dashboard.model_panel.table.rowCount() == 0
    assert "No variable has model figures" in dashboard.model_panel.summary.text()
    assert "not on the continuum" in dashboard.status.text()


def test_every_control_of_the_model_page_has_an_accessible_name(dashboard):
    assert unnamed_controls(dashboard.model_panel) == []


def test_a_pass_at_chance_alpha_is_marked_as_on_the_command_line(qtbot, tmp_path):
    rare = build(
        tmp_path / "rare.annotator",
        marked={"Amira": {0, 1, 2, 3}, "Ben": {0, 1, 4, 5}, "Cleo": {2, 6, 7, 8}, "bot": set()},
    )
    with Project.open(rare, readonly=True) as project:
        d = AgreementDashboard(project)
        d.setProperty("computed_once", True)
        qtbot.addWidget(d)
        _compute(d, qtbot)
        expected = _cli_models(rare, "bot,Amira,Ben,Cleo")["Claim"]["alt_test"]
        assert d.model_panel.table.item(0, COL_PASSED).text() == "yes (passed; alpha at chance)"
        assert expected["caution"] and expected["caution"] in d.model_panel.detail.text()
