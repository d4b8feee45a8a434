"""The "Plan the sample" dialog: the minimum number of units as the fields
change, the same figure `annotator agreement plan` prints."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from annotator.gui.agreement.sample_plan_dialog import SamplePlanDialog
from annotator.services.diagnostics import required_units
from tests.gui.accessibility import unnamed_controls


def cli_units(*args: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "agreement", "plan", "--format", "json", *args],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


@pytest.fixture
def dialog(qtbot):
    d = SamplePlanDialog()
    qtbot.addWidget(d)
    d.show()
    return d


def test_the_figure_follows_the_fields_and_equals_the_command_line(dialog):
    dialog.alpha_spin.setValue(0.8)
    dialog.significance_spin.setValue(0.05)
    dialog.share_radio.setChecked(True)
    dialog.share_spin.setValue(0.25)
    assert dialog.units == 139  # Krippendorff's worked example
    assert "139" in dialog.result_label.text()
    cli = cli_units("--alpha-min", "0.8", "--significance", "0.05", "--smallest-share", "0.25")
    assert cli["units"] == dialog.units
    # the published layout for this share: every cell the command line lists
    shown = {
        (dialog.table.verticalHeaderItem(r).text(), dialog.table.horizontalHeaderItem(c).text()): int(
            dialog.table.item(r, c).text()
        )
        for r in range(dialog.table.rowCount())
        for c in range(dialog.table.columnCount())
    }
    assert len(shown) == len(cli["table"]) == 12
    for row in cli["table"]:
        assert shown[(f"{row['alpha_min']:g}", f"p = {row['significance']:g}")] == row["units"]
    dialog.alpha_spin.setValue(0.667)  # live: no button to press
    assert dialog.units == 81


def test_equally_frequent_categories(dialog):
    dialog.categories_radio.setChecked(True)
    dialog.categories_spin.setValue(4)
    assert dialog.smallest_share == 0.25
    assert dialog.units == required_units(dialog.alpha_spin.value(), dialog.significance_spin.value(), 0.25)
    cli = cli_units("--alpha-min", f"{dialog.alpha_spin.value():g}", "--categories", "4")
    assert cli["units"] == dialog.units


def test_an_expected_distribution_gives_its_smallest_share(dialog):
    dialog.distribution_radio.setChecked(True)
    dialog.distribution_edit.setText("40, 30, 20, 10")
    assert dialog.smallest_share == pytest.approx(0.1)
    cli = cli_units("--alpha-min", "0.667", "--smallest-share", "0.1")
    assert dialog.units == cli["units"] == required_units(0.667, 0.05, 0.1)


def test_a_bad_distribution_is_one_sentence_and_no_figure(dialog):
    dialog.distribution_radio.setChecked(True)
    dialog.distribution_edit.setText("40, many")
    assert dialog.units is None
    message = dialog.result_label.text()
    assert message.endswith(".") and message.count(". ") == 0
    assert dialog.table.rowCount() == 0 or not dialog.table.isEnabled()
    dialog.distribution_edit.setText("50, 50")
    assert dialog.units == required_units(0.667, 0.05, 0.5)


def test_keyboard_only(dialog, qtbot):
    assert unnamed_controls(dialog) == []
    for widget in (dialog.alpha_spin, dialog.significance_spin):
        label = next(lbl for lbl in dialog.labels if lbl.buddy() is widget)
        assert "&" in label.text()
    for radio in (dialog.share_radio, dialog.categories_radio, dialog.distribution_radio):
        assert "&" in radio.text()
    # choosing a way to give the distribution puts the cursor in its field
    dialog.distribution_radio.setChecked(True)
    assert dialog.distribution_edit.hasFocus() or dialog.focusWidget() is dialog.distribution_edit
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
