"""Hidden reliability checks and hidden training articles, seen from the
coder's chair (issue 18): the workbench lists the coder's queue in the order
the assignment drew it (the order ``annotator assignments --coder`` prints),
and nothing in the document list, its tool tips, the status bar, the
article's header or the window title tells a check from an ordinary article."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt

from annotator.core.models import Document, DocumentCode
from annotator.services import assignment, training
from annotator.services.adjudication import ensure_adjudicator
from annotator.services.project_files import open_project
from annotator.services.projects import init_project

pytestmark = pytest.mark.gui

ROLES = (
    Qt.ItemDataRole.DisplayRole,
    Qt.ItemDataRole.ToolTipRole,
    Qt.ItemDataRole.AccessibleTextRole,
    Qt.ItemDataRole.ForegroundRole,
    Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.FontRole,
    Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.StatusTipRole,
    Qt.ItemDataRole.WhatsThisRole,
)


@pytest.fixture
def queued(tmp_path):
    """Twenty articles alike but for their titles; Ana and Ben get hidden
    checks (20 %, seed 5), and Ana a hidden training round of four gold
    articles (seed 3) on top."""
    path = tmp_path / "study.annotator"
    with init_project(path, codebook="news_frames", coders=["Ana", "Ben"]) as p:
        p.documents.add_documents(
            [
                Document(f"Article {i}: ministers met in Vienna.", title=f"A{i:02d}", outlet="VOA")
                for i in range(20)
            ]
        )
        coders = [c.id for c in p.coders() if c.role == "coder"]
        draft = assignment.draft_assignment(p, coders, percent=20, seed=5, hidden=True)
        assignment.apply_plan(p, draft.plan)
        checks = set(draft.plan.reliability_sample)
        # the gold articles arrive later, in the same batch, and are slipped in among the rest
        gold = p.documents.add_documents(
            [
                Document(f"Article {i}: ministers met in Vienna.", title=f"A{i:02d}", outlet="VOA")
                for i in range(20, 24)
            ]
        )
        judge = ensure_adjudicator(p)
        cb = p.codes.codebook()
        frame = cb.children(cb.by_path("Dominant frame").id)[0].id
        for d in gold:
            p.annotations.set_document_code(DocumentCode(d, judge.id, frame, "1"))
        training.create_round(
            p, name="R1", documents=gold, threshold=0.667, coders=["Ana"], hidden=True, seed=3
        )
        ana = p.coder_by_name("Ana")
        queue = p.training.queue(ana.id)
    return path, ana, queue, checks | set(gold)


def _window(qtbot, path, coder):
    from annotator.gui.app.windows import start_window

    win = start_window(path, coder=coder)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def _listed(win) -> list[str]:
    model = win.documents.model
    return [model.summary(r).id for r in range(model.rowCount())]


def test_the_coder_sees_the_queue_in_the_order_the_cli_prints(qtbot, queued):
    path, ana, queue, hidden = queued
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "assignments", str(path), "--coder", "Ana"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert out.returncode == 0, out.stderr
    printed = re.findall(r"^│ ([0-9a-f]{12}) ", out.stdout, re.M)
    assert printed == [d[:12] for d in queue]
    win = _window(qtbot, path, ana)
    assert _listed(win) == queue
    # the checks are among the other articles: neither first nor in one block
    places = [i for i, d in enumerate(queue) if d in hidden]
    assert places != list(range(len(places))) and places != list(range(places[0], places[0] + len(places)))
    # Mark done and go to next walks the same queue
    win.open_document(queue[0])
    walked = [win.document_id]
    for _ in range(len(queue) - 1):
        win.done_and_next()
        walked.append(win.document_id)
    assert walked == queue


def _blank(text, doc_title: str) -> str:
    return re.sub(re.escape(doc_title), "<title>", str(text)) if text is not None else ""


def test_nothing_the_coder_sees_marks_a_check_or_a_training_article(qtbot, queued):
    path, ana, queue, hidden = queued
    win = _window(qtbot, path, ana)
    model = win.documents.model
    with open_project(path, readonly=True) as p:
        titles = {d: p.documents.document(d).title for d in queue}

    def row_look(row: int) -> tuple:
        doc = model.summary(row).id
        return tuple(
            _blank(model.index(row, col).data(role), titles[doc])
            for col in range(model.columnCount())
            for role in ROLES
        )

    def open_look(doc: str) -> tuple:
        win.open_document(doc)
        row = model.row_of(doc)
        return (
            row_look(row),
            _blank(win.windowTitle(), titles[doc]),
            _blank(win.statusBar().currentMessage(), titles[doc]),
            win.progress_label.text(),
            win.coder_label.text(),
            _blank(win.article.title.text(), titles[doc]),
            win.article.meta.text(),
            _blank(win.article.title.toolTip(), titles[doc]),
            win.article.text.toolTip(),
            win.form.isEnabled(),
        )

    # before any is opened: every row looks alike
    looks = {model.summary(r).id: row_look(r) for r in range(model.rowCount())}
    assert {looks[d] for d in hidden & set(looks)} <= {looks[d] for d in set(looks) - hidden}
    assert len(set(looks.values())) == 1
    # opened one after the other (each becomes "in progress"): alike again
    ordinary = next(d for d in queue if d not in hidden)
    check = next(d for d in queue if d in hidden)
    first = open_look(ordinary)
    second = open_look(check)
    assert first[1:] == second[1:]
    assert first[0] == second[0]
