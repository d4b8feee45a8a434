"""The training-and-draws migration and its repository, on real files."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import NotFound
from annotator.core.training import AssignmentDraw, TrainingResult, TrainingRound
from annotator.store import schema
from annotator.store.project import Project

FIXTURES = Path(__file__).parents[1] / "data" / "fixtures"
NEW_TABLES = {
    "assignment_draws",
    "hidden_checks",
    "training_rounds",
    "training_documents",
    "training_coders",
    "training_results",
}


def test_a_schema1_file_gains_the_tables_and_keeps_its_assignments(tmp_path):
    path = tmp_path / "old.annotator"
    shutil.copy(FIXTURES / "schema1.annotator", path)
    conn = sqlite3.connect(path)
    before = conn.execute("SELECT document_id, coder_id, status FROM assignments ORDER BY rowid").fetchall()
    conn.close()
    with Project.open(path) as p:
        tables = {r[0] for r in p.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert NEW_TABLES <= tables
        after = p.conn.execute(
            "SELECT document_id, coder_id, status, queue_position FROM assignments ORDER BY rowid"
        ).fetchall()
        assert [r[:3] for r in after] == before and {r[3] for r in after} <= {None}
        assert p.schema_version == schema.SCHEMA_VERSION
        for coder in p.coders():  # no queue stored yet: the old order, by import
            assert sorted(p.training.queue(coder.id)) == sorted(r[0] for r in before if r[1] == coder.id)


def test_the_migration_is_one_self_contained_script():
    script = schema._TRAINING_AND_DRAWS
    assert script in schema.MIGRATIONS.values()
    for table in NEW_TABLES:
        assert f"CREATE TABLE {table}" in script
    assert "queue_position" in script


def test_rounds_results_and_draws_round_trip(coded_project):
    p = coded_project
    alice, bob = p.find_coder("alice"), p.find_coder("bob")
    docs = p.documents.document_ids()
    r = p.training.add_round(
        TrainingRound("", "R1", "", 0.667, bob.id, variables=["x"], documents=docs[:1], coders=[alice.id])
    )
    (back,) = p.training.rounds()
    assert (back.name, back.threshold, back.variables, back.documents, back.coders) == (
        "R1",
        0.667,
        ["x"],
        docs[:1],
        [alice.id],
    )
    assert p.training.find_round("R1").id == r.id
    with pytest.raises(NotFound):
        p.training.find_round("R9")
    assert p.training.training_document_ids() == {docs[0]}
    p.training.record_results([TrainingResult(r.id, alice.id, "2026-01-01", "x", 0.5, 0.75, None, 4, False)])
    assert p.training.results(r.id)[0].alpha == 0.5
    with pytest.raises(Exception, match="threshold|CHECK"):
        p.training.add_round(TrainingRound("", "R2", "", 1.5, bob.id))
    draw = p.training.record_draw(AssignmentDraw(0, "", "reliability_sample", 3, 2, 1, 50.0, "", [alice.id]))
    assert draw.id >= 1 and p.training.draws()[0].seed == 3


def test_a_rounds_placement_is_kept_and_older_rounds_read_as_not_recorded(tmp_path):
    """Hidden or first in the queue is stored with the round (schema 7); a
    round made by a schema 6 file has no record of it, and says so."""
    path = tmp_path / "six.annotator"
    shutil.copy(FIXTURES / "schema6.annotator", path)
    conn = sqlite3.connect(path)
    judge = conn.execute("SELECT id FROM coders ORDER BY rowid").fetchone()[0]
    conn.execute(
        "INSERT INTO training_rounds(id, name, created_at, threshold, gold_coder_id) "
        "VALUES ('old', 'R0', '2026-01-01T00:00:00', 0.8, ?)",
        (judge,),
    )
    conn.commit()
    conn.close()
    with Project.open(path) as p:
        for name, hidden in (("R1", True), ("R2", False)):
            p.training.add_round(TrainingRound("", name, "", 0.8, judge, hidden=hidden))
    with Project.open(path, readonly=True) as p:
        assert [(r.name, r.hidden) for r in p.training.rounds()] == [
            ("R0", None),
            ("R1", True),
            ("R2", False),
        ]
