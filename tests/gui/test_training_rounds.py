"""Project > Training rounds… on a real project file (issue 18): the New
round form offers only articles with gold and says why the others cannot be
chosen, creating a round stores what ``annotator training create`` stores,
"Score now" runs on the worker and shows the CLI's figures (alpha, F1,
pass) with the confusion matrix gold-by-coder, the history keeps every
scoring, and a round someone did not pass leads to a new round for them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from annotator.core.models import Document, DocumentCode
from annotator.gui.reliability.new_round_dialog import NewRoundDialog
from annotator.gui.reliability.training_rounds_dialog import TrainingRoundsDialog
from annotator.services import training
from annotator.services import training_overview as tov
from annotator.services.adjudication import ensure_adjudicator
from annotator.services.coding import mark_done
from annotator.services.project_files import open_project
from annotator.services.projects import init_project
from tests.gui.accessibility import unnamed_controls

pytestmark = pytest.mark.gui


@pytest.fixture
def study(tmp_path):
    """Twelve articles; the adjudicator's dominant frame (gold) on the first
    eight: a a b a b b a b."""
    path = tmp_path / "study.annotator"
    with init_project(path, codebook="news_frames", coders=["Ana", "Ben"]) as p:
        docs = p.documents.add_documents(
            [Document(f"Article {i}: ministers met in Vienna.", title=f"A{i:02d}") for i in range(12)]
        )
        judge = ensure_adjudicator(p)
        a, b = _values(p)[:2]
        for d, v in zip(docs[:8], [a, a, b, a, b, b, a, b], strict=True):
            p.annotations.set_document_code(DocumentCode(d, judge.id, v, "1"))
    return path


@pytest.fixture
def project(study):
    p = open_project(study)
    yield p
    p.close()


def _values(p) -> list[str]:
    cb = p.codes.codebook()
    return [c.id for c in cb.children(cb.by_path("Dominant frame").id)]


def _docs(p) -> list[str]:
    return [d.id for d in p.documents.list_documents()]


def _code(path, coder: str, docs: list[str], picks: list[int]) -> None:
    """The coder's work, from another connection, as their window would store it."""
    with open_project(path) as p:
        who = p.find_coder(coder)
        values = _values(p)
        for d, i in zip(docs, picks, strict=True):
            p.annotations.set_document_code(DocumentCode(d, who.id, values[i], "1"))
            mark_done(p, d, who.id)


def _rows(path, sql):
    with sqlite3.connect(path) as conn:
        return conn.execute(sql).fetchall()


def _shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _tick(box, ids) -> None:
    for r in range(box.count()):
        item = box.item(r)
        if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            item.setCheckState(
                Qt.CheckState.Checked
                if item.data(Qt.ItemDataRole.UserRole) in ids
                else Qt.CheckState.Unchecked
            )


def test_only_articles_with_gold_can_be_chosen_and_the_others_say_why(qtbot, project):
    dialog = _shown(qtbot, NewRoundDialog(project))
    docs = _docs(project)
    items = [dialog.articles.item(r) for r in range(dialog.articles.count())]
    choosable = [
        i.data(Qt.ItemDataRole.UserRole) for i in items if i.flags() & Qt.ItemFlag.ItemIsUserCheckable
    ]
    assert choosable == [a.id for a in tov.gold_articles(project).eligible()] == docs[:8]
    refused = [i for i in items if not i.flags() & Qt.ItemFlag.ItemIsEnabled]
    assert len(refused) == 4
    assert all(i.text().endswith("cannot be gold: no gold coding by Gold standard") for i in refused)
    assert dialog.articles_note.text() == (
        "8 article(s) have a gold coding by Gold standard and can be chosen; the others cannot."
    )
    assert not dialog.create_button.isEnabled()  # no article ticked yet
    assert dialog.gold.currentText() == "Gold standard" and dialog.chosen_coders() == ["Ana", "Ben"]


def test_creating_a_round_stores_what_the_cli_stores(qtbot, project, study, tmp_path):
    twin = tmp_path / "twin.annotator"
    with open_project(study) as p:
        p.copy_to(twin)
    docs = _docs(project)
    dialog = _shown(qtbot, NewRoundDialog(project))
    assert dialog.name.text() == "R1"
    _tick(dialog.articles, set(docs[:4]))
    dialog.threshold.setValue(0.8)
    dialog.hidden.setChecked(True)
    dialog.seed.setValue(9)
    assert dialog.create_round()
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "training",
            "create",
            str(twin),
            "--name",
            "R1",
            "--documents",
            ",".join(docs[:4]),
            "--threshold",
            "0.8",
            "--hidden",
            "--seed",
            "9",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert cli.returncode == 0, cli.stderr
    query = "SELECT name, threshold, unit, variables, hidden FROM training_rounds"
    assert _rows(study, query) == _rows(twin, query) == [("R1", 0.8, "document", "[]", 1)]
    queues = (
        "SELECT c.name, a.document_id, a.queue_position FROM assignments a JOIN coders c ON c.id = a.coder_id "
        "ORDER BY c.name, a.queue_position"
    )
    assert _rows(study, queues) == _rows(twin, queues) and len(_rows(study, queues)) == 8


def test_a_refused_round_is_one_sentence_and_stores_nothing(qtbot, project, study):
    training.create_round(project, name="R1", documents=_docs(project)[:2], threshold=0.5)
    dialog = _shown(qtbot, NewRoundDialog(project))
    dialog.name.setText("R1")
    _tick(dialog.articles, set(_docs(project)[2:4]))
    assert not dialog.create_round()
    assert (
        dialog.message.text()
        == "There is already a training round named 'R1'; give the new round another name."
    )
    assert _rows(study, "SELECT count(*) FROM training_rounds") == [(1,)]


def test_standing_score_now_and_the_confusion_matrix_are_the_services(qtbot, project, study):
    docs = _docs(project)
    training.create_round(
        project,
        name="R1",
        documents=docs[:4],
        threshold=0.6,
        coders=["Ana", "Ben"],
        variables=["Dominant frame"],
    )
    dialog = _shown(qtbot, TrainingRoundsDialog(project))
    standing = [[dialog.coders_table.item(r, c).text() for c in range(3)] for r in range(2)]
    assert standing == [["Ana", "not started", "0"], ["Ben", "not started", "0"]]
    _code(study, "Ana", docs[:4], [0, 0, 1, 0])  # as gold: a a b a
    _code(study, "Ben", docs[:2], [1, 0])
    dialog.refresh()
    standing = [[dialog.coders_table.item(r, c).text() for c in range(3)] for r in range(2)]
    assert standing == [["Ana", "coding 4 of 4", "0"], ["Ben", "coding 2 of 4", "0"]]
    assert dialog.rounds_table.item(0, 4).text() == "first in queue"

    worker = dialog.score()
    assert worker is not None and dialog.cancel_button.isVisible()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert dialog.status.text() == "Round R1 scored. Passed: Ana. Not passed: Ben."
    standing = [[dialog.coders_table.item(r, c).text() for c in range(3)] for r in range(2)]
    assert standing == [["Ana", "passed", "1"], ["Ben", "not passed", "1"]]
    assert dialog.history.rowCount() == len(tov.history(project, "R1")) == 2
    # the CLI's figures for the same round
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    cli = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "training",
            "scores",
            str(study),
            "--round",
            "R1",
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
        env=env,
    )
    assert cli.returncode == 0, cli.stderr
    expected = {(c["coder"], v["name"]): v for c in json.loads(cli.stdout)["coders"] for v in c["variables"]}
    shown = {
        (dialog.scores.item(r, 0).text(), dialog.scores.item(r, 1).text()): r
        for r in range(dialog.scores.rowCount())
    }
    assert set(shown) == set(expected) == {("Ana", "Dominant frame"), ("Ben", "Dominant frame")}
    for key, r in shown.items():
        v = expected[key]
        assert dialog.scores.item(r, 2).text() == ("–" if v["alpha"] is None else f"{v['alpha']:.3f}")
        assert dialog.scores.item(r, 6).text() == ("yes" if v["passed"] else "no")
    # the confusion matrix of Ben's row: gold in rows, Ben in columns
    dialog.scores.setCurrentCell(shown[("Ben", "Dominant frame")], 0)
    v = expected[("Ben", "Dominant frame")]
    m = dialog.confusion
    cells = [[int(m.item(i, j).text()) for j in range(m.columnCount())] for i in range(m.rowCount())]
    assert cells == [list(col) for col in zip(*v["matrix"], strict=True)]
    assert m.verticalHeaderItem(0).text() == f"1  {v['categories'][0]}"
    assert m.horizontalHeaderItem(0).text() == "1"
    assert m.horizontalHeaderItem(0).toolTip() == f"Ben coded {v['categories'][0]}"
    assert dialog.confusion_label.text().startswith("Dominant frame, Ben: gold's values in rows")
    ia, ib = v["categories"].index("Conflict"), v["categories"].index("Human interest")
    assert cells[ia][ib] == 1 and cells[ia][ia] == 1  # gold a a; Ben b a
    dialog.refresh()
    assert dialog.history.rowCount() == 4  # the CLI's scoring joined the history


def test_score_now_names_who_has_not_started_and_a_round_nobody_coded_is_one_sentence(qtbot, project, study):
    docs = _docs(project)
    training.create_round(project, name="R1", documents=docs[:4], threshold=0.6, coders=["Ana", "Ben"])
    dialog = _shown(qtbot, TrainingRoundsDialog(project))
    dialog.score()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert dialog.status.text() == "No coder has coded an article of training round R1 yet."
    assert _rows(study, "SELECT count(*) FROM training_results") == [(0,)]
    _code(study, "Ana", docs[:4], [0, 0, 1, 0])
    dialog.score()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert dialog.status.text().endswith("Not started yet: Ben.")
    assert {
        r[0] for r in _rows(study, "SELECT c.name FROM training_results t JOIN coders c ON c.id = t.coder_id")
    } == {"Ana"}


def test_a_new_round_for_those_who_did_not_pass_takes_new_gold_articles(qtbot, project, study, monkeypatch):
    docs = _docs(project)
    training.create_round(
        project,
        name="R1",
        documents=docs[:4],
        threshold=0.9,
        coders=["Ana", "Ben"],
        variables=["Dominant frame"],
    )
    _code(study, "Ana", docs[:4], [0, 0, 1, 0])
    _code(study, "Ben", docs[:4], [1, 0, 1, 1])
    dialog = _shown(qtbot, TrainingRoundsDialog(project))
    dialog.score()
    qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
    assert [dialog.coders_table.item(r, 1).text() for r in range(2)] == ["passed", "not passed"]
    seen = {}

    def create(form):
        seen.update(
            name=form.name.text(),
            coders=form.chosen_coders(),
            articles=form.chosen_articles(),
            threshold=form.threshold.value(),
        )
        form.create_button.click()

    monkeypatch.setattr(NewRoundDialog, "exec", create)
    assert dialog.follow_button.isEnabled()
    dialog.follow_button.click()
    assert seen == {"name": "R2", "coders": ["Ben"], "articles": docs[4:8], "threshold": 0.9}
    assert _rows(study, "SELECT name, threshold FROM training_rounds ORDER BY created_at, rowid") == [
        ("R1", 0.9),
        ("R2", 0.9),
    ]
    assert dialog.current_round().name == "R2"
    assert [dialog.coders_table.item(r, 1).text() for r in range(dialog.coders_table.rowCount())] == [
        "not started"
    ]
    assert sorted(
        _rows(
            study,
            "SELECT d.document_id FROM training_documents d JOIN training_rounds r ON r.id = d.round_id "
            "WHERE r.name = 'R2'",
        )
    ) == sorted((d,) for d in docs[4:8])


def test_the_menu_opens_the_dialog_and_the_list_shows_the_new_assignments(qtbot, study, monkeypatch):
    from annotator.gui.app.windows import start_window

    with open_project(study) as p:
        ana = p.coder_by_name("Ana")
    win = start_window(study, coder=ana)
    qtbot.addWidget(win)
    win.show()
    assert win.actions.training.text() == "&Training rounds…"
    project_menu = win.actions.merge.associatedObjects()[0]
    texts = [a.text() for a in project_menu.actions()]
    assert texts.index("&Training rounds…") == texts.index("&Merge packages…") + 1

    opened = []

    def new_round(dialog):
        opened.append(dialog.project is win.project)
        monkeypatch.setattr(
            NewRoundDialog,
            "exec",
            lambda f: (_tick(f.articles, set(_docs(win.project)[:3])), f.create_round()),
        )
        dialog.new_button.click()

    monkeypatch.setattr(TrainingRoundsDialog, "exec", new_round)
    win.actions.training.trigger()
    assert opened == [True]
    assert _rows(study, "SELECT name FROM training_rounds") == [("R1",)]


def test_every_control_has_an_accessible_name(qtbot, project):
    for dialog in (TrainingRoundsDialog(project), NewRoundDialog(project)):
        _shown(qtbot, dialog)
        assert unnamed_controls(dialog) == []


def test_without_an_adjudicator_the_form_says_so_and_a_gold_coder_can_be_named(qtbot, tmp_path):
    path = tmp_path / "plain.annotator"
    with init_project(path, codebook="news_frames", coders=["Ana", "Ben", "Imported gold"]) as p:
        docs = p.documents.add_documents([Document(f"Article {i}.", title=f"A{i}") for i in range(3)])
        gold = p.find_coder("Imported gold")
        p.annotations.set_document_code(DocumentCode(docs[0], gold.id, _values(p)[0], "1"))
    with open_project(path) as p:
        dialog = _shown(qtbot, NewRoundDialog(p))
        assert dialog.gold.currentText() == "(no adjudicator yet)"
        assert dialog.articles.count() == 0
        assert dialog.articles_note.text().startswith("The project has no gold standard yet")
        dialog.gold.setCurrentIndex(dialog.gold.findData("Imported gold"))
        assert dialog.chosen_coders() == ["Ana", "Ben"]  # gold is not among those trained
        _tick(dialog.articles, {docs[0]})
        assert dialog.create_round()
        (r,) = p.training.rounds()
        assert r.gold_coder_id == gold.id and r.documents == [docs[0]]


def test_a_read_only_window_scores_without_storing_and_creates_no_round(qtbot, study):
    docs = []
    with open_project(study) as p:
        docs = _docs(p)
        training.create_round(p, name="R1", documents=docs[:4], threshold=0.6, coders=["Ana"])
    _code(study, "Ana", docs[:4], [0, 0, 1, 0])
    with open_project(study, readonly=True) as p:
        dialog = _shown(qtbot, TrainingRoundsDialog(p))
        assert not dialog.new_button.isEnabled() and not dialog.follow_button.isEnabled()
        dialog.score()
        qtbot.waitUntil(lambda: dialog.worker is None, timeout=20000)
        assert dialog.status.text() == "Round R1 scored. Passed: Ana."
        assert dialog.scores.rowCount() >= 1
    assert _rows(study, "SELECT count(*) FROM training_results") == [(0,)]
