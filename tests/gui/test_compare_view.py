"""The compare view on a real project: lanes, stepping through disagreements
with n / p, and adjudication that writes gold spans to the file."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint, Qt  # noqa: E402

from annotator.core.models import Annotation  # noqa: E402
from annotator.gui.compare.compare_view import CompareView  # noqa: E402
from annotator.store.project import Project  # noqa: E402
from tests.conftest import code_id  # noqa: E402
from tests.gui.accessibility import unnamed_controls

TEXT = "The minister said the strikes hit 11 targets.\n\nRebels denied it."


@pytest.fixture
def coded(coded_project):
    p = coded_project
    doc = next(d for d in p.documents.document_ids() if p.documents.document_text(d) == TEXT)
    alice, bob = p.find_coder("alice").id, p.find_coder("bob").id

    def add(coder, path, start, end):
        return p.annotations.add_annotation(Annotation(doc, coder, code_id(p, path), start, end)).annotation

    spans = {
        "official_a": add(alice, "Source type/Official", 0, 12),
        "military_b": add(bob, "Source type/Military", 4, 12),
        "conflict_a": add(alice, "Frames/Conflict", 22, 45),
        "conflict_b": add(bob, "Frames/Conflict", 22, 45),
        "appeasement_a": add(alice, "Frames/Appeasement", 47, 53),
    }
    return p, doc, alice, bob, spans


@pytest.fixture
def view(qtbot, coded):
    p, doc, *_ = coded
    v = CompareView(p, document_id=doc)
    qtbot.addWidget(v)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_lanes_show_each_coders_spans_in_code_colours(view, coded):
    p, doc, alice, bob, spans = coded
    names = [lane.name for lane in view.lanes.lanes]
    assert names == ["alice", "bob"]
    alice_lane = view.lanes.lanes[0]
    assert {s.annotation_id for s in alice_lane.spans} == {spans[k].id for k in spans if k.endswith("_a")}
    conflict = next(s for s in alice_lane.spans if s.annotation_id == spans["conflict_a"].id)
    assert conflict.colour == p.codes.codebook().by_path("Frames/Conflict").color
    assert view.lanes.grab().width() > 0


def test_disagreements_listed_and_stepped_with_n_and_p(view, qtbot):
    assert [d.kind for d in view.items] == ["code", "only_some"]
    assert view.list.count() == 2
    assert view.current_disagreement().kind == "code"
    view.list.setFocus()
    qtbot.keyClick(view.list, Qt.Key.Key_N)
    assert view.current_disagreement().kind == "only_some"
    assert view.lanes.current == 1
    qtbot.keyClick(view.list, Qt.Key.Key_P)
    assert view.current_disagreement().kind == "code"
    assert "Different codes" in view.list.item(0).text()
    # 3 spans of alice, 2 of bob, only Conflict matched: F1 = 2 * 1 / (3 + 2)
    assert "alice–bob 0.40 / 0.40" in view.figures.text()


def test_fewer_than_two_coders_is_explained(view, coded):
    _, _, alice, _, _ = coded
    view.set_coders([alice])
    assert view.items == []
    assert "at least two coders" in view.figures.text()


def test_choose_between_codes_with_adjusted_boundaries_and_reason(view, coded, qtbot):
    p, doc, alice, bob, spans = coded
    panel = view.panel
    assert view.current_disagreement().kind == "code"
    panel.select_source(spans["military_b"].id)
    panel.code_combo.setCurrentIndex(panel.code_combo.findData(code_id(p, "Source type/Official")))
    panel.start_spin.setValue(4)
    panel.end_spin.setValue(12)
    panel.reason_edit.setText("A minister is a government official.")
    qtbot.mouseClick(panel.accept_button, Qt.MouseButton.LeftButton)
    with Project.open(p.path) as again:
        judge = next(c for c in again.coders() if c.role == "adjudicator")
        gold = again.annotations.select(doc, judge.id)
    assert len(gold) == 1
    g = gold[0]
    assert (g.start, g.end, g.code_id) == (4, 12, code_id(p, "Source type/Official"))
    assert g.origin == "adjudicated" and g.note == "A minister is a government official."
    assert spans["military_b"].id in g.derived_from
    # the gold lane appears and the disagreement is ticked as settled
    assert view.lanes.lanes[-1].gold and len(view.lanes.lanes[-1].spans) == 1
    assert view.list.item(0).text().startswith("✓")
    assert "Saved as gold" in panel.status.text()


def test_accept_all_agreed_spans(view, coded):
    p, doc, alice, bob, spans = coded
    view.panel.agreed_button.click()
    judge = next(c for c in p.coders() if c.role == "adjudicator")
    gold = p.annotations.select(doc, judge.id)
    assert [(g.start, g.end) for g in gold] == [(22, 45)]
    assert set(gold[0].derived_from) == {spans["conflict_a"].id, spans["conflict_b"].id}
    view.panel.agreed_button.click()
    assert len(p.annotations.select(doc, judge.id)) == 1
    assert "No agreed span" in view.panel.status.text()


def test_empty_gold_span_is_refused(view, coded):
    p, doc, *_ = coded
    view.panel.end_spin.setValue(view.panel.start_spin.value())
    assert view.panel.accept_selected() is None
    assert "end after it starts" in view.panel.status.text()
    assert not any(c.role == "adjudicator" for c in p.coders())


def test_clicking_a_bar_selects_that_span(view, coded, qtbot):
    _, _, _, _, spans = coded
    view.lanes.repaint()  # hit areas are those last painted
    rect = next(r for r, aid, _ in view.lanes._hits if aid == spans["appeasement_a"].id)
    qtbot.mouseClick(view.lanes, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert view.current_disagreement().kind == "only_some"
    assert view.panel.selected_source().id == spans["appeasement_a"].id


def test_astral_characters_do_not_shift_the_lanes(qtbot, coded_project):
    p = coded_project
    doc = next(d for d in p.documents.document_ids() if "😀" in p.documents.document_text(d))
    text = p.documents.document_text(doc)
    start = text.index("習近平")
    for coder in ("alice", "bob"):
        p.annotations.add_annotation(
            Annotation(doc, p.find_coder(coder).id, code_id(p, "Source type/Official"), start, start + 3)
        )
    v = CompareView(p, document_id=doc)
    qtbot.addWidget(v)
    v.show()
    pieces = list(v.lanes._pieces(start, start + 3))
    assert len(pieces) == 1
    line, x0, x1 = pieces[0]
    # the bar starts where the prefix, emoji included, ends on screen; counting
    # code points as UTF-16 units would put it one character early
    from PySide6.QtGui import QFontMetricsF

    from annotator.gui.compare.compare_lanes import GUTTER, MARGIN

    metrics = QFontMetricsF(v.lanes.text_font)
    assert x0 - GUTTER - MARGIN == pytest.approx(metrics.horizontalAdvance(text[:start]), abs=1.0)
    assert x1 - GUTTER - MARGIN == pytest.approx(metrics.horizontalAdvance(text[: start + 3]), abs=1.0)


def test_gold_can_be_compared_as_a_rater(view, coded):
    p, doc, alice, bob, spans = coded
    view.panel.agreed_button.click()  # creates the adjudicator and one gold span (Conflict 22-45)
    judge = next(c for c in p.coders() if c.role == "adjudicator")
    check = view.coder_checks[judge.id]
    assert not check.isChecked()
    view.coder_checks[bob].setChecked(False)
    check.setChecked(True)
    assert view.coder_ids() == [alice, judge.id]
    # alice against gold: her Official and Appeasement spans are not in gold yet
    assert {d.kind for d in view.items} == {"only_some"}
    assert len(view.items) == 2
    assert [lane.name for lane in view.lanes.lanes] == ["alice", "gold"]
    # accepting agreed spans still works with gold ticked: only coders count
    view.coder_checks[bob].setChecked(True)
    assert view.panel.accept_agreed() == 0
    assert "No agreed span" in view.panel.status.text()


def test_enter_in_the_reason_accepts_once(view, coded, qtbot):
    p, doc, *_ = coded
    view.show()
    view.panel.reason_edit.setFocus()
    qtbot.keyClicks(view.panel.reason_edit, "Minister = official")
    qtbot.keyClick(view.panel.reason_edit, Qt.Key.Key_Return)
    judge = next(c for c in p.coders() if c.role == "adjudicator")
    gold = p.annotations.select(doc, judge.id)
    assert len(gold) == 1 and gold[0].note == "Minister = official"
    assert view.isVisible()


def test_dragging_over_the_text_sets_the_gold_boundaries_to_whole_words(view, coded, qtbot):
    p, doc, alice, bob, spans = coded
    lanes = view.lanes
    line = lanes._lines[0]
    y = int(line.y + 4)
    # from inside "minister" to inside "said": snapped out to "minister said"
    start_x = lanes._x(line, TEXT.index("minister") + 3)
    end_x = lanes._x(line, TEXT.index("said") + 2)
    qtbot.mousePress(lanes, Qt.MouseButton.LeftButton, pos=QPoint(int(start_x), y))
    qtbot.mouseMove(lanes, QPoint(int(end_x), y))
    # QTest moves carry no buttons offscreen; drive the drag as Qt would deliver it
    from PySide6.QtCore import QEvent, QPointF
    from PySide6.QtGui import QMouseEvent

    move = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(end_x, y),
        QPointF(end_x, y),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    lanes.mouseMoveEvent(move)
    qtbot.mouseRelease(lanes, Qt.MouseButton.LeftButton, pos=QPoint(int(end_x), y))
    start = TEXT.index("minister")
    assert (view.panel.start_spin.value(), view.panel.end_spin.value()) == (start, TEXT.index("said") + 4)
    assert "minister said" in view.panel.quote_label.text()
    gold = view.panel.accept_selected()
    assert (gold.start, gold.end) == (start, TEXT.index("said") + 4)


def test_every_control_has_an_accessible_name(view):
    assert unnamed_controls(view) == []


def test_a_project_without_documents_says_so(qtbot, project):
    v = CompareView(project)
    qtbot.addWidget(v)
    v.show()
    assert v.items == [] and v.lanes.lanes == []
    assert "no documents" in v.figures.text()
    v.next_disagreement()  # nothing to step through, nothing breaks
    assert not v.panel.agreed_button.isEnabled()


def test_a_gold_span_can_be_chosen_in_its_lane_and_removed(view, coded, qtbot):
    p, doc, *_ = coded
    view.panel.agreed_button.click()
    judge = next(c for c in p.coders() if c.role == "adjudicator")
    gold = p.annotations.select(doc, judge.id)[0]
    view.lanes.repaint()
    rect = next(r for r, aid, _ in view.lanes._hits if aid == gold.id)
    qtbot.mouseClick(view.lanes, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert view.panel.remove_button.isEnabled()
    assert "from 2 coder span(s)" in view.panel.status.text()
    view.panel.remove_button.click()
    assert p.annotations.select(doc, judge.id) == []
    assert not any(lane.gold for lane in view.lanes.lanes)  # the empty gold lane is gone
    assert "Removed the gold span" in view.panel.status.text()


def test_accept_agreed_in_every_article(view, coded):
    p, doc, alice, bob, spans = coded
    other = next(d for d in p.documents.document_ids() if d != doc)
    for coder in (alice, bob):
        p.annotations.add_annotation(Annotation(other, coder, code_id(p, "Frames/Appeasement"), 0, 3))
    view.panel.agreed_everywhere.trigger()
    judge = next(c for c in p.coders() if c.role == "adjudicator")
    assert len(p.annotations.select(doc, judge.id)) == 1
    assert len(p.annotations.select(other, judge.id)) == 1
    assert "2 agreed span(s)" in view.panel.status.text()
