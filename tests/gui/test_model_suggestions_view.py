"""Suggestions from the better of the model and the rules in the workbench
(issue 16, item 6): the Suggestions menu pre-codes the open document per code
from whichever scored higher, and each suggestion says where it came from and
why. The small project of tests/model/test_model_rules_baseline, the real blank
spaCy pipeline, the window offscreen."""

from __future__ import annotations

import pytest

from annotator.store.project import Project
from tests.model.test_model_rules_baseline import PIPELINE, _fake_model, build

pytestmark = pytest.mark.gui


def _open_as_ben(qtbot, path):
    from annotator.gui.app.windows import start_window

    with Project.open(path) as p:
        ben = p.coder_by_name("Ben")
        doc_id = next(
            d
            for d in p.documents.document_ids()
            if p.workflow.status(d, ben.id) != "done"
            and all(role in p.documents.document_text(d) for role in ("Minister", "Professor"))
        )
    win = start_window(path, coder=ben)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    win.open_document(doc_id)
    return win, doc_id


def _judged(qtbot, path):
    """A window on a project whose rules were evaluated and whose model "bot" passed
    only Government official, which the rules won."""
    from annotator.services.model_baseline import evaluate_rules

    build(path, n=9)
    _fake_model(path, {"Government official": 0.9, "Expert": 0.1})
    with Project.open(path) as p:
        evaluate_rules(p, pipeline=PIPELINE)
    return _open_as_ben(qtbot, path)


def test_the_window_suggests_each_code_from_the_better_source_and_says_why(qtbot, tmp_path):
    path = tmp_path / "w.annotator"
    win, doc_id = _judged(qtbot, path)
    layer = win.suggestions
    assert layer.best in layer.menu.actions()
    worker = layer.suggest_best()
    with qtbot.waitSignal(worker.signals.finished, timeout=60000):
        pass
    qtbot.waitUntil(lambda: layer.worker is None)
    message = " ".join(win.statusBar().currentMessage().split())
    assert "Government official from rules" in message and "bot" in message, message
    items = layer.visible_items()
    assert items and {s.detail["suggested_by"] for s in items} == {"rules"}
    with Project.open(path, readonly=True) as p:  # only the open document was pre-coded
        others = [d for d in p.documents.document_ids() if d != doc_id]
        assert not any(p.workflow.suggestions(d) for d in others)
        codebook = p.codes.codebook()
    by_code = {codebook.path(s.label): s for s in items}
    official = layer.describe_plain(by_code["Source types/Government official"])
    assert "from rules" in official and "1.000" in official, official
    assert "did not pass" in layer.describe_html(by_code["Source types/Expert"])


def test_find_sources_takes_the_better_source_once_a_model_was_judged(qtbot, tmp_path):
    win, _doc_id = _judged(qtbot, tmp_path / "f.annotator")
    layer = win.suggestions
    layer.find.trigger()  # Code > Suggestions > Find sources in this document
    qtbot.waitUntil(lambda: layer.worker is None, timeout=60000)
    message = " ".join(win.statusBar().currentMessage().split())
    # the per-code choice was made and said: here the rules beat model "bot" on every code
    assert "Government official from rules" in message and "bot" in message, message
    items = layer.visible_items()
    assert items and {s.detail["suggested_by"] for s in items} == {"rules"}


def test_find_sources_runs_the_rules_alone_before_any_model_was_judged(qtbot, tmp_path):
    path = build(tmp_path / "r.annotator", n=9)
    win, _doc_id = _open_as_ben(qtbot, path)
    layer = win.suggestions
    layer.find.trigger()
    qtbot.waitUntil(lambda: layer.worker is None, timeout=60000)
    items = layer.visible_items()
    assert items and all(s.kind != "model" for s in items)
