"""Issue 13, finding 3: two windows on one project must not undo each other's
work. A second window (this process or another) opens read-only and says so;
undo restores only what its own action left, refuses in one sentence when
someone else changed it since, and takes back a creation as a deletion that a
package merge can carry."""

from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtCore import Qt

from annotator.core.errors import AnnotatorError
from annotator.core.models import Annotation, DocumentCode
from annotator.services import coding
from annotator.store.project import Project
from tests.crash.helpers import Holder, check_saved, make_project

pytestmark = pytest.mark.crash


# --- a second window opens read-only ------------------------------------------------


def test_second_window_in_another_process_opens_read_only(tmp_path):
    path = tmp_path / "shared.annotator"
    make_project(path)
    first = Holder(path, window=True)
    try:
        second = Holder(path, window=True)
        try:
            assert not first.readonly and second.readonly
            out = second.run("apply 1")
            assert len(out) == 1 and out[0].startswith("refused") and "another Annotator window" in out[0]
        finally:
            second.kill()
        assert len(first.run("apply 3")) == 3
    finally:
        first.kill()
    conn = sqlite3.connect(str(path))
    try:
        assert check_saved(conn, first.saved()) == []
    finally:
        conn.close()
    # the first window died: its lock went with it, and the next window writes
    with Project.open(path, window=True) as again:
        assert not again.readonly


def test_second_window_in_this_process_is_read_only_with_a_notice(qtbot, project_path):
    from annotator.gui.app.windows import start_window

    with Project.open(project_path) as p:
        ana = p.coder_by_name("Ana")
    first = start_window(project_path, coder=ana)
    second = start_window(project_path, coder=ana)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    assert not first.project.readonly
    assert second.project.readonly
    assert "another Annotator window" in second.readonly_label.text()
    assert second.readonly_label.isVisibleTo(second) and not first.readonly_label.isVisibleTo(first)
    with pytest.raises(AnnotatorError, match="another Annotator window"):
        second.project.annotations.add_annotation(
            Annotation(
                second.project.documents.document_ids()[0], ana.id, second.codebook.by_shortcut("c").id, 0, 5
            )
        )
    first.close()
    second.close()
    with Project.open(project_path, window=True) as p:
        assert not p.readonly  # both closed: the lock is gone, and so is its file
    assert [f.name for f in project_path.parent.iterdir() if "lock" in f.name] == []


def test_a_read_only_window_reads_an_article_it_cannot_start(qtbot, project_path):
    """Opening an article starts it (a status write); a read-only window shows
    the article and leaves its status as it is instead of refusing to open it."""
    from annotator.gui.app.windows import start_window

    with Project.open(project_path) as p:
        ana = p.coder_by_name("Ana")
    first = start_window(project_path, coder=ana)
    second = start_window(project_path, coder=ana)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitExposed(second)
    second.activateWindow()
    table = second.documents.table
    table.setFocus()
    table.setCurrentIndex(second.documents.model.index(2, 0))
    target = second.documents.model.summary(2).id
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert second.document_id == target
    assert second.article.text.text.startswith("Third article")
    first.close()
    second.close()
    with Project.open(project_path) as p:
        assert p.workflow.status(target, ana.id) is None


# --- undo never erases a change it did not make ---------------------------------------


@pytest.fixture
def two(tmp_path):
    """The same project open twice: window A and another program B."""
    path = tmp_path / "two.annotator"
    make_project(path, n_docs=2)
    a, b = Project.open(path), Project.open(path)
    yield a, b
    a.close()
    b.close()


def _ids(p: Project):
    coder = p.coder_by_name("alice").id
    code = next(c.id for c in p.codes.codebook() if c.parent_id)
    return p.documents.document_ids()[0], coder, code


def test_undo_refuses_when_another_window_merged_into_the_span(two):
    a, b = two
    doc, coder, code = _ids(a)
    mine = coding.apply_code(a, doc, coder, code, 0, 10, snap=False)
    theirs = coding.apply_code(b, doc, coder, code, 5, 30, snap=False)  # merges into A's span
    assert not theirs.created
    with pytest.raises(AnnotatorError) as err:
        coding.undo_span_write(a, mine)
    assert "\n" not in str(err.value) and str(err.value).endswith(".")
    kept = a.annotations.annotation(mine.annotation.id)
    assert (kept.start, kept.end, kept.deleted) == (0, 30, False)  # B's work is still there


def test_undo_of_a_creation_is_a_deletion_a_merge_can_carry(two):
    a, _b = two
    doc, coder, code = _ids(a)
    w = coding.apply_code(a, doc, coder, code, 0, 10, snap=False)
    coding.undo_span_write(a, w)
    row = a.annotations.annotation(w.annotation.id)  # still there, marked deleted, newer than the creation
    assert row.deleted and row.updated_at >= w.annotation.updated_at
    assert a.annotations.select(doc, coder) == []


def test_undo_refuses_to_overwrite_a_note_another_window_saved(two):
    a, b = two
    doc, coder, code = _ids(a)
    span = coding.apply_code(a, doc, coder, code, 0, 10, snap=False).annotation
    note = coding.set_note(a, span.id, "mine")
    coding.set_note(b, span.id, "theirs")
    with pytest.raises(AnnotatorError):
        coding.undo_span_write(a, note)
    assert a.annotations.annotation(span.id).note == "theirs"


def test_undo_of_an_article_code_keeps_another_windows_note(two):
    a, b = two
    doc, coder, _ = _ids(a)
    from annotator.core.codebook import Code

    var = a.codes.add_code(Code("Tone", scope="document"))
    neg = a.codes.add_code(Code("negative", parent_id=var.id, scope="document"))
    before = coding.set_document_code(a, doc, coder, neg.id, note="mine")
    after = coding.document_code_state(a, doc, coder)
    b.annotations.set_document_code(DocumentCode(doc, coder, neg.id, note="theirs"))
    with pytest.raises(AnnotatorError):
        coding.restore_document_codes(a, doc, coder, before, expected=after)
    assert coding.document_code_state(a, doc, coder)[neg.id].note == "theirs"


def test_window_undo_after_another_program_changed_the_span_keeps_their_change(qtbot, window, project_path):
    text = window.article.text
    text.select_span(0, 9)
    window.activateWindow()
    qtbot.keyClick(text, Qt.Key.Key_C)
    ann_id = next(iter(window.annotations_state))
    with Project.open(project_path) as other:  # another program on the same file
        coding.set_note(other, ann_id, "saved by B")
    qtbot.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert "changed" in window.statusBar().currentMessage()
    with Project.open(project_path) as p:
        row = p.annotations.annotation(ann_id)
        assert not row.deleted and row.note == "saved by B"
    # the refused command left the stack: redo cannot replay it over B's note either
    qtbot.keyClick(
        text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    with Project.open(project_path) as p:
        assert p.annotations.annotation(ann_id).note == "saved by B"


def test_window_undo_and_redo_of_a_creation_without_interference(qtbot, window, project_path):
    text = window.article.text
    text.select_span(0, 9)
    window.activateWindow()
    qtbot.keyClick(text, Qt.Key.Key_C)
    ann_id = next(iter(window.annotations_state))
    qtbot.keyClick(text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    with Project.open(project_path) as p:
        assert p.annotations.annotation(ann_id).deleted
    qtbot.keyClick(
        text, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    with Project.open(project_path) as p:
        row = p.annotations.annotation(ann_id)
        assert not row.deleted and (row.start, row.end) == (0, 9)
    assert ann_id in window.annotations_state


def test_a_package_merge_carries_an_undone_creation(tmp_path):
    """A coder codes a span in her package, the lead merges it, she undoes it and
    sends the package again: the next merge removes the span at the lead's too
    (a purged row would leave the lead's copy standing)."""
    from annotator.services.packages import make_package, merge_package

    lead = tmp_path / "lead.annotator"
    make_project(lead, n_docs=2)
    with Project.open(lead) as p:
        package = tmp_path / "alice.annotator"
        make_package(p, "alice", package)
    with Project.open(package) as pk:
        doc, coder, code = _ids(pk)
        w = coding.apply_code(pk, doc, coder, code, 0, 10, snap=False)
    with Project.open(lead) as p:
        assert merge_package(p, package).added == 1
    with Project.open(package) as pk:
        coding.undo_span_write(pk, w)
    with Project.open(lead) as p:
        report = merge_package(p, package)
        assert report.deleted == 1
        assert p.annotations.select(doc, coder) == []


def test_a_command_can_ask_whether_a_window_has_the_project(tmp_path):
    from annotator.store.window_lock import WindowLock, lock_file

    path = tmp_path / "asked.annotator"
    make_project(path, n_docs=1)
    assert not WindowLock.held_elsewhere(path)
    window = Holder(path, window=True)
    try:
        assert WindowLock.held_elsewhere(path)
    finally:
        window.kill()
    assert not WindowLock.held_elsewhere(path)  # the killed window's lock died with it
    assert not lock_file(path).exists()


def test_redo_refuses_to_bring_back_a_span_over_one_saved_since(two):
    """Between undo and redo another program codes the same words: redo would
    leave two overlapping spans of one code, so it refuses and keeps theirs."""
    from tests.hardening.helpers import live_overlaps

    a, b = two
    doc, coder, code = _ids(a)
    w = coding.apply_code(a, doc, coder, code, 0, 10, snap=False)
    undone = coding.undo_span_write(a, w)
    theirs = coding.apply_code(b, doc, coder, code, 5, 20, snap=False)
    with pytest.raises(coding.UndoConflict):
        coding.redo_span_write(a, w, undone)
    assert [x.id for x in a.annotations.select(doc, coder)] == [theirs.annotation.id]
    assert live_overlaps(a.conn) == []
