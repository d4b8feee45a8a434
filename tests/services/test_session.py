"""The whole coding loop through the session and its commands, on real
project files and without Qt: open, apply, change, move, note, delete,
article-level codes, suggestions, undo, redo, done-and-next, and the undo
and redo that another window's change refuses."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter

import pytest

from annotator.core.codebook import Code
from annotator.core.errors import AnnotatorError
from annotator.core.models import Coder, Document, Suggestion
from annotator.services import coding
from annotator.services.session import (
    AcceptSuggestion,
    ApplyCode,
    ChangeCode,
    ClearDocumentCode,
    CodingSession,
    DeleteSpan,
    MarkDone,
    MoveSpan,
    RejectSuggestion,
    SetDocumentCode,
    SetNote,
)
from annotator.store.annotations_repo import ExclusiveOverlap
from annotator.store.project import Project

TEXT = "The minister said the strikes were justified.\n\nResidents of Aleppo disagreed."


@pytest.fixture
def path(tmp_path):
    p = Project.create(tmp_path / "s.annotator")
    frames = p.codes.add_code(Code("Frames", id="frames"))
    p.codes.add_code(Code("Conflict", id="conflict", parent_id=frames.id, shortcut="c"))
    p.codes.add_code(Code("Morality", id="morality", parent_id=frames.id, shortcut="m"))
    src = p.codes.add_code(Code("Source", id="source", exclusive=True))
    p.codes.add_code(Code("Official", id="official", parent_id=src.id))
    p.codes.add_code(Code("Citizen", id="citizen", parent_id=src.id))
    dom = p.codes.add_code(Code("Dominant", id="dominant", scope="document", exclusive=True))
    p.codes.add_code(Code("D-conflict", id="d1", parent_id=dom.id, scope="document"))
    p.codes.add_code(Code("D-morality", id="d2", parent_id=dom.id, scope="document"))
    p.add_coder(Coder("ann", id="ann"))
    p.documents.add_documents(
        [
            Document(TEXT, id="doc1", title="A", outlet="VOA", raw=b"<html>" + b"x" * 200_000),
            Document("Second text here.", id="doc2", title="B"),
            Document("Third one.", id="doc3", title="C"),
        ]
    )
    p.close()
    return tmp_path / "s.annotator"


@pytest.fixture
def project(path):
    with Project.open(path) as p:
        yield p


@pytest.fixture
def session(project):
    s = CodingSession(project, "ann")
    s.open_document("doc1")
    return s


def in_step(session: CodingSession) -> None:
    """What the session shows is what the file holds."""
    with Project.open(session.project.path) as p:
        assert session.annotations == {a.id: a for a in p.annotations.select(session.document_id, "ann")}
        assert session.document_codes == coding.document_code_state(p, session.document_id, "ann")
    # the codebook's counts, kept in step change by change rather than counted again
    assert session.code_counts() == dict(Counter(a.code_id for a in session.annotations.values()))


def spans(session: CodingSession) -> list[tuple[str, int, int, str]]:
    return sorted((a.code_id, a.start, a.end, a.note) for a in session.annotations.values())


def codes(session: CodingSession) -> dict[str, tuple[str, str]]:
    return {c: (dc.value, dc.note) for c, dc in session.document_codes.items()}


def test_open_is_one_call_with_what_the_view_shows_and_without_the_raw_import(project):
    s = CodingSession(project, "ann")
    project.annotations.set_document_code(coding.DocumentCode("doc1", "ann", "d1"))
    coding.apply_code(project, "doc1", "ann", "conflict", 4, 12)
    opened = s.open_document("doc1")
    assert opened.document.text == TEXT and (opened.document.title, opened.document.outlet) == ("A", "VOA")
    assert opened.document.raw is None  # the 200 kB import stays on disk
    assert opened.status == coding.IN_PROGRESS == project.workflow.status("doc1", "ann")
    assert [(a.code_id, a.start, a.end) for a in opened.annotations] == [("conflict", 4, 12)]
    assert set(opened.document_codes) == {"d1"}
    assert opened.suggestions is None
    assert s.document_id == "doc1" and s.selected_id is None
    in_step(s)


def test_open_with_suggestions_gives_the_open_ones(project):
    project.workflow.replace_suggestions(
        "doc1",
        "m",
        [Suggestion("doc1", 0, 12, "speaker", label="official"), Suggestion("doc1", 18, 29, "content")],
    )
    opened = CodingSession(project, "ann").open_document("doc1", suggestions=True)
    assert sorted((x.start, x.end) for x in opened.suggestions) == [(0, 12), (18, 29)]


def test_a_read_only_project_opens_a_document_without_starting_it(path):
    with Project.open(path, readonly=True) as p:
        opened = CodingSession(p, "ann").open_document("doc2")
        assert opened.document.title == "B" and opened.status is None
    with Project.open(path) as p:
        assert p.workflow.status("doc2", "ann") is None


def test_a_document_that_cannot_be_opened_leaves_the_session_as_it_was(session):
    with pytest.raises(AnnotatorError):
        session.open_document("nope")
    assert session.document_id == "doc1"


def test_the_coding_loop_undo_and_redo(session):
    applied = ApplyCode(session, "conflict", 5, 15)  # "inister sa" snaps to "minister said"
    change = applied.do()
    saved = change.annotation
    assert TEXT[saved.start : saved.end] == "minister said" and session.last_code == "conflict"
    assert change.annotations == {saved.id: saved}  # the state saved, not read back
    in_step(session)

    steps = [
        ChangeCode(session, saved.id, "morality"),
        MoveSpan(session, saved.id, *session.nudged(saved.id, "end", 1)),
        SetNote(session, saved.id, "irony?"),
        SetDocumentCode(session, "d1", note="clear case"),
        SetDocumentCode(session, "d2"),  # the exclusive group: replaces d1
        ClearDocumentCode(session, "d2"),
        DeleteSpan(session, saved.id),
    ]
    seen = [(spans(session), codes(session))]
    for cmd in steps:
        cmd.do()
        in_step(session)
        seen.append((spans(session), codes(session)))
    assert seen[1][0] == [("morality", 4, 17, "")]
    assert seen[2][0] == [("morality", 4, 21, "")]  # "minister said the"
    assert seen[3][0] == [("morality", 4, 21, "irony?")]
    assert seen[4][1] == {"d1": ("1", "clear case")}
    assert seen[5][1] == {"d2": ("1", "")} and seen[6][1] == {}
    assert seen[7][0] == []

    for cmd, expected in zip(reversed(steps), reversed(seen[:-1]), strict=True):
        cmd.undo()  # undo walks back through every state
        in_step(session)
        assert (spans(session), codes(session)) == expected
    applied.undo()
    assert session.annotations == {}
    in_step(session)

    applied.do()  # redo: the span comes back with its id, so the later commands still find it
    assert list(session.annotations) == [saved.id]
    for cmd, expected in zip(steps, seen[1:], strict=True):
        cmd.do()
        in_step(session)
        assert (spans(session), codes(session)) == expected


def test_merge_and_its_undo_are_shown_from_the_returned_states(session):
    a = ApplyCode(session, "conflict", 0, 3).do().annotation
    b = ApplyCode(session, "conflict", 13, 17).do().annotation
    merge = ApplyCode(session, "conflict", 2, 15)
    change = merge.do()
    assert change.annotations[b.id] is None and change.annotations[a.id].end == 17
    assert spans(session) == [("conflict", 0, 17, "")]
    in_step(session)
    merge.undo()
    assert sorted((x.start, x.end) for x in session.annotations.values()) == [(0, 3), (13, 17)]
    in_step(session)


def test_a_refused_action_changes_nothing(session):
    ApplyCode(session, "official", 0, 12).do()
    before = dict(session.annotations)
    with pytest.raises(ExclusiveOverlap):
        ApplyCode(session, "citizen", 4, 20).do()
    assert session.annotations == before
    in_step(session)


def test_selection_follows_the_spans(session):
    a = ApplyCode(session, "conflict", 4, 12).do().annotation
    assert session.select(a.id) == a.id and session.selected() == a
    assert [x.id for x in session.annotations_at(6)] == [a.id]
    assert session.select("not-a-span") is None
    session.select(a.id)
    DeleteSpan(session, a.id).do()
    assert session.selected_id is None and session.selected() is None


def test_done_and_next(session):
    flt = coding.coder_filter(session.project, "ann")
    done = MarkDone(session)
    change = done.do()
    assert change.status_changed and session.status == coding.DONE
    nxt = session.next_not_done(flt)
    assert nxt == "doc2"
    session.open_document(nxt)
    assert session.project.workflow.status("doc2", "ann") == coding.IN_PROGRESS
    MarkDone(session).do()
    assert session.next_not_done(flt) == "doc3"
    done.undo()  # the first article is in progress again, and next again
    assert session.project.workflow.status("doc1", "ann") == coding.IN_PROGRESS
    assert session.next_not_done(flt) == "doc3"
    done.do()
    assert session.project.workflow.status("doc1", "ann") == coding.DONE


def test_a_change_to_another_document_is_not_shown_here(session):
    cmd = ApplyCode(session, "conflict", 4, 12)
    cmd.do()
    session.open_document("doc2")
    cmd.undo()
    assert session.annotations == {}
    session.open_document("doc1")
    assert session.annotations == {}
    in_step(session)


def test_accept_and_reject_suggestions(session):
    p = session.project
    p.workflow.replace_suggestions(
        "doc1",
        "m",
        [
            Suggestion("doc1", 0, 12, "speaker", label="official", id="s1"),
            Suggestion("doc1", 18, 29, "content", id="s2"),
        ],
    )
    accept = AcceptSuggestion(session, "s1", "doc1")
    change = accept.do()
    assert change.suggestions_changed and change.annotation.origin == "suggestion"
    assert p.workflow.suggestion("s1").status == "accepted"
    in_step(session)
    accept.undo()
    assert session.annotations == {} and p.workflow.suggestion("s1").status == "open"
    accept.do()
    assert (
        list(session.annotations) == [change.annotation.id]
        and p.workflow.suggestion("s1").status == "accepted"
    )
    reject = RejectSuggestion(session, "s2", "doc1")
    reject.do()
    assert p.workflow.suggestion("s2").status == "rejected"
    reject.undo()
    assert [x.id for x in session.open_suggestions()] == ["s2"]
    in_step(session)


def test_undo_refuses_over_another_windows_change_and_keeps_it(session, path):
    saved = ApplyCode(session, "conflict", 4, 12).do().annotation
    note = SetNote(session, saved.id, "mine")
    note.do()
    with Project.open(path) as other:  # another window or program on the same file
        coding.set_note(other, saved.id, "theirs")
    shown = dict(session.annotations)
    with pytest.raises(coding.UndoConflict) as err:
        note.undo()
    assert "\n" not in str(err.value) and str(err.value).endswith(".")
    assert session.annotations == shown  # nothing happened, so nothing changes in view
    assert session.project.annotations.annotation(saved.id).note == "theirs"


def test_redo_refuses_to_bring_a_span_back_over_one_saved_since(session, path):
    cmd = ApplyCode(session, "conflict", 0, 12)
    cmd.do()
    cmd.undo()
    with Project.open(path) as other:
        theirs = coding.apply_code(other, "doc1", "ann", "conflict", 4, 20, snap=False).annotation
    with pytest.raises(coding.UndoConflict):
        cmd.do()
    assert [a.id for a in session.project.annotations.select("doc1", "ann")] == [theirs.id]


def test_undo_of_an_article_code_refuses_over_another_windows_note(session, path):
    cmd = SetDocumentCode(session, "d1", note="mine")
    cmd.do()
    with Project.open(path) as other:
        other.annotations.set_document_code(coding.DocumentCode("doc1", "ann", "d1", note="theirs"))
    with pytest.raises(coding.UndoConflict):
        cmd.undo()
    assert session.project.annotations.document_codes("doc1", "ann")[0].note == "theirs"


def test_the_session_needs_no_qt():
    code = (
        "import sys, annotator.services.session, annotator.services.coding; "
        "sys.exit(int(any(m.startswith(('PySide6', 'shiboken6')) for m in sys.modules)))"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
