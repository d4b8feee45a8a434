"""Merge, split and migration as undoable edits (issue 18, item 4): undo
brings back the codes and the codings, read from the file with a connection
of its own; a migration applied twice changes nothing; offsets never move."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import CodebookError
from annotator.core.models import Annotation
from annotator.services import codebook_migration as cm
from annotator.services.codebook import CodebookService
from annotator.services.codebook_operations import apply_migration, merge, split
from annotator.services.codebook_versions import codebook_diff
from annotator.store.project import Project
from tests.codebook_versions_project import build

MAPPING = """
splits:
  Other frames/Conflict frame:
    default: Other frames/Military
"""


@pytest.fixture
def project_path(tmp_path) -> Path:
    path = tmp_path / "versions.annotator"
    build(path)
    return path


def _codes(path: Path) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute("SELECT * FROM codes ORDER BY id").fetchall()
    finally:
        conn.close()


def _codings(path: Path) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        spans = conn.execute(
            'SELECT id, code_id, start, "end", quote, deleted, codebook_version FROM annotations ORDER BY id'
        ).fetchall()
        docs = conn.execute("SELECT * FROM document_codes ORDER BY coder_id, code_id").fetchall()
        return spans + docs
    finally:
        conn.close()


def _offsets(path: Path) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        return conn.execute(
            'SELECT id, document_id, start, "end", quote FROM annotations ORDER BY id'
        ).fetchall()
    finally:
        conn.close()


def test_undoing_a_merge_brings_the_codes_back_and_no_replay_applies_it(project_path):
    codes = _codes(project_path)
    with Project.open(project_path) as p:
        service = CodebookService(p)
        edit = merge(service, ["mil", "pol"], "Armed")
        assert {c.id for c in edit.sources} == {"mil", "pol"}
        assert p.codes.codebook()["mil"].archived
        service.undo()
    assert _codes(project_path) == codes
    with Project.open(project_path) as p:
        assert p.codes.codebook_version() == 9  # the merge (8) and its undoing (9) stay on record
        assert codebook_diff(p, 7, 9)[-1].description.startswith("Undid version 8: Merged “Military”")
        plan = cm.plan_migration(p, 9, cm.parse_mapping(MAPPING, p.codes.codebook(), source="m"))
        assert "ana-mil" not in {r.coding.key for r in plan.remaps}  # the undone merge is not replayed
        assert plan.moved_by == {4: 3, 5: 2, 7: 2}


def test_undoing_the_migration_then_the_merge_restores_codings_and_codes_and_redo_replays(project_path):
    codes, codings = _codes(project_path), _codings(project_path)
    with Project.open(project_path) as p:
        service = CodebookService(p)
        merge(service, ["mil", "pol"], "Armed")
        mapping = cm.parse_mapping(MAPPING, p.codes.codebook(), source="m")
        result = apply_migration(p, 8, mapping)
        assert result.edit is not None
        service.push(result.edit)
        service.undo()  # the migration
        assert _codings(project_path) == codings
        service.undo()  # the merge
        assert _codes(project_path) == codes
        service.redo()
        service.redo()
        armed = p.codes.codebook().by_path("Other frames/Armed")
        assert armed is not None
        assert {r.coding.key: r.code_id for r in result.plan.remaps if r.coding.kind == "span"} == {
            "ana-off": "eli",
            "bo-off": "eli",
            "bo-ngo": "eli",
            "ana-con": armed.id,
            "bo-con": armed.id,
            "ana-mil": armed.id,
        }
        assert p.annotations.annotation("ana-mil").code_id == armed.id


def test_a_migration_applied_twice_changes_nothing_the_second_time_and_never_moves_an_offset(project_path):
    offsets = _offsets(project_path)
    with Project.open(project_path) as p:
        mapping = cm.parse_mapping(MAPPING, p.codes.codebook(), source="m")
        first = apply_migration(p, 7, mapping)
        assert first.edit is not None and len(first.plan.remaps) == 7
    after_first = _codings(project_path)
    with Project.open(project_path) as p:
        second = apply_migration(p, 7, mapping)
    assert second.edit is None and second.plan.remaps == [] and second.plan.restamped == 0
    assert _codings(project_path) == after_first
    assert _offsets(project_path) == offsets


def test_a_merge_whose_new_code_was_used_since_is_not_undone(project_path):
    with Project.open(project_path) as p:
        service = CodebookService(p)
        edit = merge(service, ["mil", "pol"], "Armed")
        armed = edit.targets[0]
        p.annotations.add_annotation(Annotation("d1", "bo", armed.id, 71, 80, id="bo-armed"))
        codes = _codes(project_path)
        with pytest.raises(CodebookError, match="“Armed” has codings now"):
            service.undo()
        assert not service.can_undo()
    assert _codes(project_path) == codes


def test_a_split_is_undone_with_the_codes_it_created(project_path):
    codes = _codes(project_path)
    with Project.open(project_path) as p:
        service = CodebookService(p)
        edit = split(service, "eli", ["Government", "Civil society"])
        assert [t.name for t in edit.targets] == ["Government", "Civil society"]
        assert p.codes.codebook()["eli"].archived
        service.undo()
    assert _codes(project_path) == codes


def test_a_migration_is_not_undone_over_a_coding_changed_since(project_path):
    with Project.open(project_path) as p:
        service = CodebookService(p)
        mapping = cm.parse_mapping(MAPPING, p.codes.codebook(), source="m")
        result = apply_migration(p, 7, mapping)
        assert result.edit is not None
        service.push(result.edit)
        p.annotations.delete_annotation("bo-ngo")  # the coder's change after the migration
        kept = _codings(project_path)
        with pytest.raises(CodebookError, match="changed elsewhere"):
            service.undo()
    assert _codings(project_path) == kept
