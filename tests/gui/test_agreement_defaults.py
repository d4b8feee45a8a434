"""One set of agreement defaults: the dashboard opens with the figures
`annotator agreement` prints without options, and a level set in the codebook
editor changes the command line's alpha for that variable."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

from annotator.gui.agreement.agreement_dashboard import AgreementDashboard
from annotator.services.agreement import AGREEMENT_DEFAULTS
from tests.services.test_measurement_levels import expected, tone_project


def cli_report(path, *args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "agreement", str(path), "--format", "json", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.fixture
def tone(tmp_path):
    p = tone_project(tmp_path / "tone.annotator")
    yield p
    p.close()


def test_window_and_command_line_give_the_same_figures_by_default(qtbot, tone):
    d = AgreementDashboard(tone)
    qtbot.addWidget(d)
    assert d.unit_combo.currentData() == AGREEMENT_DEFAULTS.unit
    assert d.bootstrap_spin.value() == AGREEMENT_DEFAULTS.bootstrap
    assert d.seed_spin.value() == AGREEMENT_DEFAULTS.seed
    assert AGREEMENT_DEFAULTS.bootstrap > 0  # a paper needs the interval
    assert d.compute() is not None
    # the worker may finish before a signal could be waited for: wait for its effect
    qtbot.waitUntil(lambda: d.worker is None and d.report is not None, timeout=60_000)
    window = {v.name: v for v in d.report.variables}
    cli = cli_report(tone.path)
    for key in ("unit", "bootstrap", "seed"):
        assert cli["parameters"][key] == d.report.parameters[key] == getattr(AGREEMENT_DEFAULTS, key)
    for v in cli["variables"]:
        assert math.isclose(v["alpha"], window[v["name"]].alpha, abs_tol=1e-12)
        assert math.isclose(v["ci_low"], window[v["name"]].ci_low, abs_tol=1e-12)


def test_the_help_names_the_defaults():
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "agreement", "report", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**__import__("os").environ, "COLUMNS": "200"},
    ).stdout
    assert f"default: {AGREEMENT_DEFAULTS.unit}" in out
    assert f"default: {AGREEMENT_DEFAULTS.bootstrap}" in out
    assert f"default: {AGREEMENT_DEFAULTS.seed}" in out


def test_a_level_set_in_the_editor_changes_the_command_lines_alpha(qtbot, tone):
    from annotator.gui.codebook.codebook_editor import CodebookEditorDialog

    before = {v["name"]: v for v in cli_report(tone.path, "--bootstrap", "0")["variables"]}["Tone"]
    assert before["level"] == "nominal"
    editor = CodebookEditorDialog(tone)
    qtbot.addWidget(editor)
    editor.reload(tone.codes.codebook().by_path("Tone").id)
    form = editor.form
    assert form.level_combo.isEnabled()
    form.level_combo.setCurrentIndex(form.level_combo.findData("ordinal"))
    after = {v["name"]: v for v in cli_report(tone.path, "--bootstrap", "0")["variables"]}["Tone"]
    assert after["level"] == "ordinal"
    assert math.isclose(after["alpha"], expected("ordinal"), abs_tol=1e-9)
    assert not math.isclose(after["alpha"], before["alpha"])


def test_the_dashboard_computes_and_names_the_codebook_level(qtbot, tone):
    from dataclasses import replace

    tone.codes.update_code(replace(tone.codes.codebook().by_path("Tone"), level="ordinal"))
    d = AgreementDashboard(tone)
    qtbot.addWidget(d)
    assert d.compute() is not None
    qtbot.waitUntil(lambda: d.worker is None and d.report is not None, timeout=60_000)
    d.table.select_key(d.report.variables[0].id)
    assert math.isclose(d.selected_variable().alpha, expected("ordinal"), abs_tol=1e-12)
    assert "Level of measurement: ordinal" in d.detail.text()
