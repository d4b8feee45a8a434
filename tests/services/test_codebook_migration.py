"""Replaying recorded merges and splits on older codings (issue 18, item 4):
known answers, nothing changed while a split needs a decision, idempotent,
offsets untouched."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import CodebookError
from annotator.core.models import DocumentCode
from annotator.services import codebook_migration as cm
from annotator.store.project import Project
from tests.codebook_versions_project import build

MAPPING = """
splits:
  Other frames/Conflict frame:
    default: Other frames/Military
    codings:
      bo-con: Political
"""


@pytest.fixture
def project_path(tmp_path) -> Path:
    path = tmp_path / "versions.annotator"
    build(path)
    return path


def _dump(path: Path) -> list[tuple]:
    conn = sqlite3.connect(str(path))
    try:
        spans = conn.execute(
            'SELECT id, code_id, start, "end", quote, deleted, codebook_version FROM annotations ORDER BY id'
        ).fetchall()
        docs = conn.execute(
            "SELECT document_id, coder_id, code_id, value, deleted, codebook_version FROM document_codes "
            "ORDER BY coder_id, code_id"
        ).fetchall()
        return spans + docs
    finally:
        conn.close()


def test_without_a_mapping_the_splits_are_listed_and_nothing_changes(project_path):
    before = _dump(project_path)
    with Project.open(project_path) as p:
        plan = cm.plan_migration(p, 7)
        assert [(d.coding.key, d.from_code, d.choices) for d in plan.undecided] == [
            ("ana-con", "con", ("mil", "pol")),
            ("bo-con", "con", ("mil", "pol")),
        ]
        with pytest.raises(CodebookError, match="2 codings need a decision"):
            cm.migrate(p, 7)
    assert _dump(project_path) == before


def test_known_answer_with_a_mapping(project_path):
    with Project.open(project_path) as p:
        mapping = cm.parse_mapping(MAPPING, p.codes.codebook(), source="mapping.yaml")
        plan = cm.plan_migration(p, 7, mapping)
        assert plan.undecided == []
        assert sorted((r.coding.key, r.coding.code_id, r.code_id) for r in plan.remaps) == [
            ("ana-con", "con", "mil"),
            ("ana-off", "off", "eli"),
            ("bo-con", "con", "pol"),
            ("bo-ngo", "ngo", "eli"),
            ("bo-off", "off", "eli"),
            ("d1/ana/neg", "neg", "negc"),
            ("d1/bo/crit", "crit", "negc"),
        ]
        done = cm.migrate(p, 7, mapping)
        assert len(done.remaps) == 7 and done.restamped == 0
    spans = {r[0]: r[1:] for r in _dump(project_path) if len(r) == 7}
    assert spans["ana-con"][0] == "mil" and spans["bo-con"][0] == "pol" and spans["bo-ngo"][0] == "eli"
    assert {r[-1] for r in _dump(project_path) if r[-2] == 0} == {7}  # every live coding now under version 7


def test_replay_keeps_offsets_and_is_idempotent(project_path):
    def offsets() -> list[tuple]:
        return [(r[0], r[2], r[3], r[4]) for r in _dump(project_path) if len(r) == 7]

    before = offsets()
    with Project.open(project_path) as p:
        mapping = cm.parse_mapping(MAPPING, p.codes.codebook(), source="mapping.yaml")
        cm.migrate(p, 7, mapping)
    once = _dump(project_path)
    assert offsets() == before
    with Project.open(project_path) as p:
        again = cm.migrate(p, 7, mapping)
        assert again.remaps == [] and again.undecided == [] and again.restamped == 0
        assert cm.migrate(p, 7).remaps == []  # no mapping needed any more either
    assert _dump(project_path) == once


def test_a_dry_run_changes_nothing(project_path):
    before = _dump(project_path)
    with Project.open(project_path) as p:
        mapping = cm.parse_mapping(MAPPING, p.codes.codebook(), source="mapping.yaml")
        plan = cm.migrate(p, 7, mapping, dry_run=True)
        assert len(plan.remaps) == 7
    assert _dump(project_path) == before


def test_a_migration_to_an_earlier_version_replays_only_what_came_before(project_path):
    with Project.open(project_path) as p:
        plan = cm.migrate(p, 4)
        assert sorted((r.coding.key, r.code_id) for r in plan.remaps) == [
            ("ana-off", "eli"), ("bo-ngo", "eli"), ("bo-off", "eli")
        ]  # fmt: skip
        assert plan.restamped == 4  # the two Conflict spans and the two article codes
    versions = {r[0]: r[-1] for r in _dump(project_path) if len(r) == 7}
    assert versions["ana-con"] == 4 and versions["ana-mil"] == 7


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("splits:\n  Nowhere: {default: Military}\n", "no code 'Nowhere'"),
        ("splits:\n  Other frames/Conflict frame: {default: Elite}\n", "not one of the codes"),
        ("splits: [1, 2]\n", "mapping.yaml"),
        ("- a\n- b\n", "mapping.yaml"),
    ],
)
def test_a_bad_mapping_is_refused_in_one_sentence(project_path, text, message):
    with Project.open(project_path) as p:
        with pytest.raises(CodebookError, match=message) as err:
            mapping = cm.parse_mapping(text, p.codes.codebook(), source="mapping.yaml")
            cm.migrate(p, 7, mapping)
        assert str(err.value).count(". ") == 0 and str(err.value).endswith(".")


@pytest.mark.parametrize("removed", [False, True])
def test_an_article_code_merged_onto_a_row_the_coder_has(project_path, removed):
    with Project.open(project_path) as p:
        p.annotations.set_document_code(DocumentCode("d1", "ana", "negc", value="2"))
        if removed:
            p.annotations.remove_document_code("d1", "ana", "negc")
        mapping = cm.parse_mapping(MAPPING, p.codes.codebook(), source="mapping.yaml")
        cm.migrate(p, 7, mapping)
        live = [(d.code_id, d.value) for d in p.annotations.document_codes("d1", "ana")]
        # a live row of the new code keeps its value; a removed one takes the older coding's
        assert live == [("negc", "1" if removed else "2")]
        assert cm.migrate(p, 7, mapping).remaps == []


def test_spans_that_come_to_overlap_under_one_code_are_reported_and_kept(project_path):
    with Project.open(project_path) as p:
        # bo's NGO span now overlaps bo's Official span; both become Elite
        p.conn.execute("UPDATE annotations SET start = 8 WHERE id = 'bo-ngo'")
        mapping = cm.parse_mapping(MAPPING, p.codes.codebook(), source="mapping.yaml")
        plan = cm.migrate(p, 7, mapping)
        assert plan.overlaps == [("bo-ngo", "bo-off")]
        spans = {a.id: (a.code_id, a.start, a.end) for a in p.annotations.select(coder_id="bo")}
        assert spans["bo-ngo"] == ("eli", 8, 70) and spans["bo-off"] == ("eli", 0, 12)
