"""Issue 18's "done means" on the demo project, through the window: the lead
takes the spans all three coders agreed on as gold (Compare), creates a
training round and scores it (Project > Training rounds…), reads the
leave-one-out alphas on the dashboard's Diagnostics tab, plans the sample
(the dashboard's lift line and Plan the sample…), merges two framing codes
in the codebook editor and migrates the older codings, and writes the
methods appendix (File > Write methods appendix…). Every dialog is the one
the window opens; every step is checked against the file, read back with a
connection of its own, and against what the command line prints for the
same file."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annotator.gui.agreement.agreement_dashboard import AgreementDashboard
from annotator.gui.agreement.sample_plan_dialog import SamplePlanDialog
from annotator.gui.app.windows import WindowController
from annotator.gui.codebook.codebook_editor import CodebookEditorDialog
from annotator.gui.codebook.migration_dialog import MigrationDialog
from annotator.gui.codebook.operation_dialogs import MergeCodesDialog
from annotator.gui.compare.compare_view import CompareView
from annotator.gui.exchange.appendix_dialog import AppendixDialog
from annotator.gui.reliability.new_round_dialog import NewRoundDialog
from annotator.gui.reliability.training_rounds_dialog import TrainingRoundsDialog
from annotator.services.demo import build_demo
from annotator.store.project import Project

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
MERGED = ("Frames/Civilian harm", "Frames/Humanitarian crisis")
INTO = "Harm to civilians"
BOOTSTRAP, SEED = 300, 7
STAMP = re.compile(r"\d{4}-\d\d-\d\d(?:T\d\d:\d\d:\d\d(?:\.\d+)?(?:\+00:00|Z))?")


def cli(*args: object) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def rows(path: Path, sql: str, *params: object) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


def cells(table) -> list[list[str]]:
    return [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]


def ctrl_enter(qtbot, widget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)


def tick(box, wanted) -> None:
    for r in range(box.count()):
        item = box.item(r)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            on = item.data(Qt.ItemDataRole.UserRole) in wanted
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def choosable(box) -> list[str]:
    items = [box.item(r) for r in range(box.count())]
    return [i.data(Qt.ItemDataRole.UserRole) for i in items if i.flags() & Qt.ItemFlag.ItemIsUserCheckable]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("reliability-path") / "demo.annotator"
    build_demo(path)
    return path


def test_the_reliability_workflow_on_the_demo_through_the_window(qtbot, demo_file, tmp_path, monkeypatch):
    path = demo_file
    with Project.open(path, readonly=True) as p:
        amira = p.find_coder("Amira")
    window = WindowController().open(path, coder=amira)
    qtbot.addWidget(window)
    window.show()

    # 1. Compare: the spans all three coders agreed on become the gold standard
    def take_agreed(view):
        view.panel.agreed_everywhere.trigger()
        return 0

    monkeypatch.setattr(CompareView, "exec", take_agreed)
    window.actions.compare.trigger()
    gold = rows(
        path,
        "SELECT count(*), count(DISTINCT a.document_id) FROM annotations a JOIN coders c ON c.id = a.coder_id "
        "WHERE c.role = 'adjudicator' AND a.origin = 'adjudicated' AND a.deleted = 0",
    )
    assert gold[0][0] > 0 and gold[0][1] >= 2

    # 2. Project > Training rounds…: a new round on two gold articles, scored on the worker
    seen: dict[str, object] = {}

    def new_round(form: NewRoundDialog) -> int:
        articles = choosable(form.articles)
        seen["articles"] = articles[:2]
        tick(form.articles, set(articles[:2]))
        form.threshold.setValue(0.667)
        assert form.gold.currentText() == "Gold standard"
        assert form.chosen_coders() == ["Amira", "Ben", "Chen"]
        form.show()
        ctrl_enter(qtbot, form)  # the default action: Create
        return form.result()

    def rounds(dialog: TrainingRoundsDialog) -> int:
        monkeypatch.setattr(NewRoundDialog, "exec", new_round)
        dialog.show()
        dialog.new_button.click()
        assert dialog.current_round() is not None and dialog.current_round().name == "R1"
        assert dialog.score() is not None
        qtbot.waitUntil(lambda: dialog.worker is None, timeout=120_000)
        assert dialog.status.text().startswith("Round R1 scored.")
        seen["scores"] = cells(dialog.scores)
        return 0

    monkeypatch.setattr(TrainingRoundsDialog, "exec", rounds)
    window.actions.training.trigger()
    assert rows(path, "SELECT name, threshold, unit FROM training_rounds") == [("R1", 0.667, "document")]
    assert sorted(r[0] for r in rows(path, "SELECT document_id FROM training_documents")) == sorted(
        seen["articles"]
    )
    stored = rows(
        path,
        "SELECT c.name, t.variable, t.alpha, t.units, t.passed FROM training_results t "
        "JOIN coders c ON c.id = t.coder_id",
    )
    scores = json.loads(cli("training", "scores", path, "--round", "R1", "--format", "json"))
    expected = {(c["coder"], v["name"]): v for c in scores["coders"] for v in c["variables"]}
    ids = {(c["coder"], v["id"]): v for c in scores["coders"] for v in c["variables"]}
    # what Score now stored is what the command line computes for the same round
    assert len(stored) == len(expected)
    for coder, variable, alpha, units, passed in stored:
        v = expected.get((coder, variable)) or ids[(coder, variable)]
        assert (alpha, units, bool(passed)) == (v["alpha"], v["units"], v["passed"]), (coder, variable)
    shown = {(r[0], r[1]): r for r in seen["scores"]}
    assert set(shown) == set(expected) and len(shown) > 3
    for key, r in shown.items():
        v = expected[key]
        assert r[2] == ("–" if v["alpha"] is None else f"{v['alpha']:.3f}"), key
        assert r[3] == ("–" if v["f1"] is None else f"{v['f1']:.3f}"), key
        assert r[5] == str(v["units"]) and r[6] == ("yes" if v["passed"] else "no"), key

    # 3. The dashboard: Diagnostics, the lift line and Plan the sample…
    dashboard: dict[str, object] = {}

    def diagnose_and_plan(d: AgreementDashboard) -> int:
        d.setProperty("computed_once", True)
        d.unit_combo.setCurrentIndex(d.unit_combo.findData("document"))
        d.bootstrap_spin.setValue(BOOTSTRAP)
        d.seed_spin.setValue(SEED)
        d.show()
        d.compute()
        qtbot.waitUntil(lambda: d.worker is None and d.report is not None, timeout=120_000)
        d.tabs.setCurrentWidget(d.diagnostics)
        view = d.diagnostics
        qtbot.waitUntil(lambda: view.worker is None and view.result is not None, timeout=120_000)
        dashboard["coders"] = list(view.result.parameters["coders"])
        loo, lift = {}, {}
        for key in d.table.keys_in_order():
            d.tabs.setCurrentIndex(0)
            d.table.select_key(key)
            lift[key] = (d.lift_line.plan.more_articles, d.lift_line.text())
            d.tabs.setCurrentWidget(view)
            loo[key] = {row[0]: row[1] for row in cells(view.loo_table)}
        dashboard["loo"], dashboard["lift"] = loo, lift

        def plan(dialog: SamplePlanDialog) -> int:
            dialog.show()
            dialog.alpha_spin.setValue(0.8)
            dialog.categories_radio.setChecked(True)
            dialog.categories_spin.setValue(4)
            dashboard["units"] = dialog.units
            dashboard["units_text"] = dialog.result_label.text()
            return 0

        monkeypatch.setattr(SamplePlanDialog, "exec", plan)
        d.plan_button.click()
        return 0

    monkeypatch.setattr(AgreementDashboard, "exec", diagnose_and_plan)
    window.actions.agreement.trigger()
    assert dashboard["coders"] == ["Amira", "Ben", "Chen"]
    diagnosed = json.loads(
        cli(
            "agreement",
            "diagnose",
            path,
            "--unit",
            "document",
            "--coders",
            "Amira,Ben,Chen",
            "--format",
            "json",
        )
    )
    by_id = {v["id"]: v for v in diagnosed["variables"]}
    assert set(dashboard["loo"]) <= set(by_id)
    compared = 0
    for key, shown_loo in dashboard["loo"].items():
        cli_loo = {
            e["coder"]: "–" if e["alpha_without"] is None else f"{e['alpha_without']:.3f}"
            for e in by_id[key]["leave_one_out"]
        }
        assert {c: shown_loo[c] for c in cli_loo if c in shown_loo} == cli_loo, by_id[key]["name"]
        compared += bool(cli_loo)
    assert compared > 0
    planned = json.loads(
        cli(
            "agreement",
            "plan",
            path,
            "--unit",
            "document",
            "--bootstrap",
            BOOTSTRAP,
            "--seed",
            SEED,
            "--format",
            "json",
        )
    )
    plan_by_id = {v["id"]: v for v in planned["variables"]}
    assert {k: v[0] for k, v in dashboard["lift"].items()} == {
        k: plan_by_id[k]["more_articles"] for k in dashboard["lift"]
    }
    lifted = [text for more, text in dashboard["lift"].values() if more]
    assert lifted and all("above 0.667" in text for text in lifted)
    units = json.loads(
        cli("agreement", "plan", "--alpha-min", "0.8", "--categories", "4", "--format", "json")
    )
    assert dashboard["units"] == units["units"] and str(units["units"]) in dashboard["units_text"]

    # 4. The codebook editor: merge two framing codes, then migrate the older codings
    with Project.open(path, readonly=True) as p:
        codebook = p.codes.codebook()
        sources = [codebook.by_path(c).id for c in MERGED]
        version = codebook.version
    spans = 'SELECT id, document_id, coder_id, start, "end", quote FROM annotations ORDER BY id'
    offsets_before = rows(path, spans)
    on_sources = {r[0] for r in rows(path, "SELECT id FROM annotations WHERE code_id IN (?, ?)", *sources)}
    assert on_sources

    def merge_dialog(dialog: MergeCodesDialog) -> int:
        assert dialog.chosen() == sources[:1]  # the code selected in the tree
        tick(dialog.codes, set(sources))
        dialog.into_edit.setText(INTO)
        dialog.show()
        ctrl_enter(qtbot, dialog)
        return dialog.result()

    def migrate_dialog(dialog: MigrationDialog) -> int:
        dialog.show()
        assert dialog.apply_button.isEnabled()
        assert dialog.apply() is not None
        qtbot.waitUntil(lambda: dialog.worker is None, timeout=60_000)
        assert f"brought to codebook version {version + 1}" in dialog.message.text()
        return 0

    def edit(editor: CodebookEditorDialog) -> int:
        monkeypatch.setattr(MergeCodesDialog, "exec", merge_dialog)
        monkeypatch.setattr(MigrationDialog, "exec", migrate_dialog)
        editor.show()
        editor.tree.setCurrentItem(editor.tree.item_for(sources[0]))
        editor.versions.merge_button.click()
        assert f"version {version + 1}" in editor.version_label.text()
        editor.versions.migrate_button.click()
        return 0

    monkeypatch.setattr(CodebookEditorDialog, "exec", edit)
    window.actions.edit_codebook.trigger()
    (into_id,) = rows(path, "SELECT id FROM codes WHERE name = ? AND archived = 0", INTO)[0]
    assert rows(path, "SELECT archived FROM codes WHERE id IN (?, ?)", *sources) == [(1,), (1,)]
    moved = dict(rows(path, "SELECT id, code_id FROM annotations"))
    assert {moved[i] for i in on_sources} == {into_id}
    assert rows(path, "SELECT count(*) FROM annotations WHERE code_id IN (?, ?)", *sources) == [(0,)]
    assert rows(path, spans) == offsets_before  # the migration changes codes, never offsets
    merges = [
        c
        for c in json.loads(cli("codebook", "diff", path, "--format", "json"))["changes"]
        if c["kind"] == "merged"
    ]
    assert len(merges) == 1 and INTO in merges[0]["description"]
    assert all(name.split("/")[1] in merges[0]["description"] for name in MERGED)
    again = " ".join(cli("codebook", "migrate", path, "--dry-run").split())
    assert "0 codings given a new code" in again  # the window's migration left nothing to replay

    # 5. File > Write methods appendix…: the file the command writes
    target = tmp_path / "appendix.md"

    def write(dialog: AppendixDialog) -> int:
        dialog.show()
        dialog.format_combo.setCurrentIndex(dialog.format_combo.findData(".md"))
        dialog.target_edit.setText(str(target))
        dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("document"))
        dialog.bootstrap_spin.setValue(BOOTSTRAP)
        dialog.seed_spin.setValue(SEED)
        assert dialog.start() is not None, dialog.message.text()
        qtbot.waitUntil(lambda: dialog.worker is None, timeout=120_000)
        return 0

    monkeypatch.setattr(AppendixDialog, "exec", write)
    window.actions.write_appendix.trigger()
    written = target.read_text(encoding="utf-8")
    cli("appendix", path, "-o", tmp_path / "cli.md", "--bootstrap", BOOTSTRAP, "--seed", SEED)
    assert STAMP.sub("STAMP", written) == STAMP.sub(
        "STAMP", (tmp_path / "cli.md").read_text(encoding="utf-8")
    )
    assert re.search(r"^\| R1 \|", written, re.M), "the training round"
    assert f"version {version + 1}, with" in written and f"into “{INTO}”" in written
    assert "Merged “Civilian harm”, “Humanitarian crisis”" in written
    report = json.loads(
        cli(
            "agreement",
            "report",
            path,
            "--unit",
            "document",
            "--bootstrap",
            BOOTSTRAP,
            "--seed",
            SEED,
            "--format",
            "json",
        )
    )
    frame = next(v for v in report["variables"] if v["name"] == "Dominant frame")
    assert re.search(
        rf"^\| Dominant frame \| nominal \| \d+ \| [\d.]+% \| {frame['alpha']:.3f} \|", written, re.M
    )
    window.close()
