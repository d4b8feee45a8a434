"""Codebook edits through the service: the lead's rules, and undo/redo that
restore the file exactly and never throw away a change made elsewhere."""

from __future__ import annotations

import pytest

from annotator.core.errors import CodebookError
from annotator.core.models import Annotation
from annotator.services.codebook import CodebookService
from annotator.store.project import Project
from tests.conftest import code_id


def on_disk(project) -> dict[str, tuple]:
    """Every code as a second connection reads it from the file."""
    other = Project.open(project.path)
    try:
        return {
            c.id: (c.name, c.parent_id, c.order, c.archived, c.shortcut, c.color)
            for c in other.codes.codebook()
        }
    finally:
        other.close()


def test_rename_undo_redo_round_trip(coded_project):
    service = CodebookService(coded_project)
    before = on_disk(coded_project)
    cid = code_id(coded_project, "Frames/Appeasement")
    service.rename(cid, "Appeasement frame")
    assert on_disk(coded_project)[cid][0] == "Appeasement frame"
    service.undo()
    assert on_disk(coded_project) == before
    service.redo()
    assert on_disk(coded_project)[cid][0] == "Appeasement frame"


def test_add_after_selected_shifts_siblings_and_undo_removes_it(coded_project):
    service = CodebookService(coded_project)
    before = on_disk(coded_project)
    first = code_id(coded_project, "Source type/Military")
    assert [
        c.name for c in coded_project.codes.codebook().children(code_id(coded_project, "Source type"))
    ] == [
        "Military",
        "Official",
    ]
    new = service.add_code(first, child=False, name="New code")
    siblings = [c.name for c in coded_project.codes.codebook().children(new.parent_id)]
    assert siblings == ["Military", "New code", "Official"]
    service.undo()
    assert on_disk(coded_project) == before


def test_undo_never_overwrites_a_change_made_in_another_window(coded_project):
    service = CodebookService(coded_project)
    cid = code_id(coded_project, "Frames/Conflict")
    service.rename(cid, "Conflict frame")
    other = Project.open(coded_project.path)  # a second window renames it again
    code = other.codes.code(cid)
    from dataclasses import replace

    other.codes.update_code(replace(code, name="War frame"))
    other.close()
    with pytest.raises(CodebookError, match="changed elsewhere"):
        service.undo()
    assert on_disk(coded_project)[cid][0] == "War frame"
    assert not service.can_undo()


def test_used_code_cannot_be_deleted_and_undo_of_add_refuses_once_used(coded_project):
    service = CodebookService(coded_project)
    doc = coded_project.documents.list_documents()[0]
    alice = coded_project.coder_by_name("alice")
    cid = code_id(coded_project, "Frames/Appeasement")
    coded_project.annotations.add_annotation(Annotation(doc.id, alice.id, cid, 4, 12))
    with pytest.raises(CodebookError, match="has been used"):
        service.delete(cid)
    new = service.add_code(cid, child=False, name="Blame")
    coded_project.annotations.add_annotation(Annotation(doc.id, alice.id, new.id, 20, 26))
    with pytest.raises(CodebookError):
        service.undo()
    assert new.id in on_disk(coded_project)


def test_archive_group_archives_children_and_undo_restores_all(coded_project):
    service = CodebookService(coded_project)
    before = on_disk(coded_project)
    group = code_id(coded_project, "Frames")
    service.toggle_archived(group)
    assert all(c.archived for c in coded_project.codes.codebook() if c.id == group or c.parent_id == group)
    service.undo()
    assert on_disk(coded_project) == before


def test_move_under_and_back(coded_project):
    service = CodebookService(coded_project)
    before = on_disk(coded_project)
    cid = code_id(coded_project, "Frames/Conflict")
    with pytest.raises(CodebookError, match="inside itself"):
        service.move_under(code_id(coded_project, "Frames"), cid)
    service.move_under(cid, code_id(coded_project, "Source type"), 0)
    assert coded_project.codes.codebook().path(cid) == "Source type/Conflict"
    service.undo()
    assert on_disk(coded_project) == before


def test_shortcut_clash_is_one_sentence(coded_project):
    service = CodebookService(coded_project)
    with pytest.raises(CodebookError, match=r"already the shortcut of “Source type / Official”"):
        service.set_shortcut(code_id(coded_project, "Frames/Conflict"), "o")
