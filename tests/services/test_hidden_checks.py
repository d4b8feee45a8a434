"""Hidden reliability checks (issue 18): double-coded articles interleaved in
each coder's queue, seeded, and marked nowhere a coder can see."""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys

import pytest

from annotator.core.models import Coder, Document
from annotator.services import assignment
from annotator.services.packages import make_package
from annotator.store.project import Project

CODERS = ["ana", "bo", "cy"]


@pytest.fixture
def forty(tmp_path):
    path = tmp_path / "lead.annotator"
    with Project.create(path) as p:
        for name in CODERS:
            p.add_coder(Coder(name))
        p.documents.add_documents(
            [Document(text=f"Article number {i}.", title=f"A{i:02d}") for i in range(40)]
        )
    return path


def _plan(p: Project, seed: int = 7) -> assignment.AssignmentPlan:
    ids = [c.id for c in p.coders()]
    return assignment.plan_reliability_sample(
        assignment.assignable_documents(p), ids, percent=10, seed=seed, hidden=True
    )


def test_checks_are_interleaved_in_each_queue_and_the_order_is_seeded(forty):
    with Project.open(forty) as p:
        first, again, other = _plan(p), _plan(p), _plan(p, seed=8)
        checks = set(first.reliability_sample)
        assert len(checks) == 4
        for c in p.coders():
            queue = first.assigned(c.id)
            assert queue == again.assigned(c.id)  # same seed, same queue
            assert set(queue) == checks | set(first.individual[c.id]) and len(queue) == len(set(queue))
            places = [i for i, d in enumerate(queue) if d in checks]
            # interleaved: neither all first nor all last, and not in one block
            assert places != list(range(4)) and places != list(range(len(queue) - 4, len(queue)))
            assert places[-1] - places[0] > 3
        assert [first.assigned(c.id) for c in p.coders()] != [other.assigned(c.id) for c in p.coders()]
        queues = [first.assigned(c.id) for c in p.coders()]
        assert len({tuple(d for d in q if d in checks) for q in queues}) > 1  # each coder's own order


def test_the_queue_and_the_draw_are_stored(forty):
    with Project.open(forty) as p:
        plan = _plan(p)
        assignment.apply_plan(p, plan)
        for c in p.coders():
            assert p.training.queue(c.id) == plan.assigned(c.id)
        (draw,) = p.training.draws()
        assert (draw.method, draw.seed, draw.population, draw.sample_size, draw.percent) == (
            "hidden_checks",
            7,
            40,
            4,
            10.0,
        )
        assert p.training.hidden_checks() == set(plan.reliability_sample)


def test_nothing_a_coder_sees_marks_a_check(forty, tmp_path):
    with Project.open(forty) as p:
        plan = _plan(p)
        assignment.apply_plan(p, plan)
        ana = p.find_coder("ana")
        checks = set(plan.reliability_sample)
        summaries = p.documents.list_documents(coder_id=ana.id, assigned_only=True)
        # the document list and status: the same fields, the same values, checks or not
        assert {s.status for s in summaries if s.id in checks} == {
            s.status for s in summaries if s.id not in checks
        }
        out = tmp_path / "ana.annotator"
        make_package(p, "ana", out)
    # the package, read as any coder could, with sqlite3 in another process
    script = (
        "import sqlite3, sys, json\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "tables = [r[0] for r in c.execute(\"SELECT name FROM sqlite_master WHERE type='table'\")]\n"
        "dump = '\\n'.join(c.iterdump())\n"
        "print(json.dumps({'dump': dump}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, str(out)], capture_output=True, text=True, check=True
    )
    dump = proc.stdout
    for doc_id in checks:
        # a check's id appears only where every assigned article's id does
        assert dump.count(doc_id) == dump.count(sorted(set(plan.individual[ana.id]))[0]), doc_id
    assert 'hidden_checks" VALUES' not in dump and 'INSERT INTO "assignment_draws"' not in dump
    conn = sqlite3.connect(out)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()
    assert "reliability_sample" not in meta
    # the listing a coder asks for shows their queue order and nothing else
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    listing = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "assignments", str(out), "--coder", "ana"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert listing.returncode == 0, listing.stderr
    assert "check" not in listing.stdout.lower() and "reliab" not in listing.stdout.lower()
    listed = re.findall(r"^│ ([0-9a-f]{12}) ", listing.stdout, re.M)
    assert listed == [d[:12] for d in plan.assigned(ana.id)]  # in queue order, checks among the rest


def test_a_hidden_training_round_made_before_the_assignment_stays_hidden_in_the_queue(forty):
    """The lead marks gold as a hidden round first and assigns the main coding
    afterwards: the gold articles end up among the coder's other articles,
    not in a block at the head of the queue, and no two articles share a place."""
    from annotator.core.models import DocumentCode
    from annotator.services import training
    from annotator.services.adjudication import ensure_adjudicator
    from annotator.services.projects import load_codebook

    with Project.open(forty) as p:
        p.codes.import_codebook(load_codebook("news_frames"))
        cb = p.codes.codebook()
        frame = cb.children(cb.by_path("Dominant frame").id)[0]
        judge = ensure_adjudicator(p)
        gold = sorted(p.documents.document_ids())[:4]
        for d in gold:
            p.annotations.set_document_code(DocumentCode(d, judge.id, frame.id, "1"))
        training.create_round(
            p, name="R1", documents=gold, threshold=0.5, coders=["ana"], hidden=True, seed=2
        )
        plan = _plan(p)
        assignment.apply_plan(p, plan)
        ana = p.find_coder("ana")
        queue = p.training.queue(ana.id)
        assert set(gold) <= set(queue) and len(queue) == len(set(queue))
        places = [i for i, d in enumerate(queue) if d in set(gold)]
        assert places != list(range(4)) and places[-1] - places[0] > 3
    conn = sqlite3.connect(forty)  # as the store keeps it: one place per article
    try:
        positions = [
            r[0] for r in conn.execute("SELECT queue_position FROM assignments WHERE coder_id = ?", (ana.id,))
        ]
    finally:
        conn.close()
    assert len(positions) == len(set(positions))


def test_the_coders_list_is_the_queue_both_ways_and_a_sort_by_column_still_sorts(forty):
    from annotator.services.coding import ListFilter
    from annotator.services.document_listing import DocumentListing

    with Project.open(forty) as p:
        assignment.apply_plan(p, _plan(p))
        bo = p.find_coder("bo")
        queue = p.training.queue(bo.id)
        flt = ListFilter(bo.id, assigned_only=True)
        assert [s.id for s in DocumentListing(p, flt)] == queue
        assert [s.id for s in DocumentListing(p, flt, descending=True)] == queue[::-1]
        titles = [s.title for s in DocumentListing(p, flt, sort="title")]
        assert titles == sorted(titles) and len(titles) == len(queue)
