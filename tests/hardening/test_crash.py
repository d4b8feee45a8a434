"""Kill -9 while writing (issue 10, item 1): during a batch import, during a
stream of annotation writes, during a merge. Afterwards the file opens, passes
SQLite's integrity and foreign-key checks, holds every write that was reported
saved, and no document or merge is half there."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.core.codebook import Code
from annotator.core.models import Annotation, Coder, Document
from annotator.services.importing import CHUNK, ImportOptions, import_batch
from annotator.services.packages import make_package, merge_package
from annotator.store.project import Project
from tests.hardening.helpers import (
    Child,
    article_texts,
    check_project_file,
    live_overlaps,
    write_articles_csv,
)

IMPORT_CHILD = """
import sys
from annotator.services.importing import ImportOptions, import_batch
from annotator.store.project import Project

project = Project.open({path!r})
original = project.documents.add_documents

def add_documents(docs, *a, **k):
    docs = list(docs)
    print("writing", len(docs), flush=True)
    added = original(docs, *a, **k)
    for d in added:
        print("saved", d, flush=True)
    return added

project.documents.add_documents = add_documents
report = import_batch(project, [{csv!r}], ImportOptions(model="blank:en"))
print("done", report.imported, flush=True)
"""


@pytest.mark.slow
def test_kill_during_batch_import(tmp_path, rng):
    n = 320
    csv_path = tmp_path / "articles.csv"
    write_articles_csv(csv_path, n)
    path = tmp_path / "import.annotator"
    Project.create(path).close()
    for _attempt in range(2):
        child = Child(IMPORT_CHILD.format(path=str(path), csv=str(csv_path)))
        target = rng.randint(1, 3)  # kill while this run writes its chunk number `target`
        assert child.wait_for(
            lambda lines, t=target: (
                sum(x.startswith("writing") for x in lines) >= t or any(x.startswith("done") for x in lines)
            )
        ), child.finish()
        child.kill()
        saved = {line.split()[1] for line in child.snapshot() if line.startswith("saved")}
        conn = check_project_file(path)
        try:
            stored = {r[0] for r in conn.execute("SELECT id FROM documents")}
            assert saved <= stored, "a document reported saved is missing after the kill"
            # documents are committed in whole chunks, so a batch holds a multiple of CHUNK
            # (a batch that finished records its count: its last chunk may be short)
            finished = {
                r[0]: json.loads(r[1]).get("imported") for r in conn.execute("SELECT id, counts FROM batches")
            }
            for batch_id, count in conn.execute("SELECT batch_id, count(*) FROM documents GROUP BY batch_id"):
                assert count % CHUNK == 0 or finished.get(batch_id) == count, (batch_id, count)
            assert conn.execute("SELECT count(*) FROM document_signatures").fetchone()[0] == len(stored)
        finally:
            conn.close()
    # running the import again completes the batch: nothing twice, nothing missing
    with Project.open(path) as project:
        report = import_batch(project, [csv_path], ImportOptions(model="blank:en"))
        assert project.documents.count_documents() == n
        assert report.imported + len(report.duplicates) == n
    check_project_file(path).close()


ANNOTATE_CHILD = """
import random, sys
from annotator.core.models import Annotation
from annotator.store.project import Project

rng = random.Random({seed})
project = Project.open({path!r})
coder = project.coder_by_name("alice").id
codes = [c.id for c in project.codes.codebook() if c.parent_id]
lengths = project.documents.document_lengths()
docs = sorted(lengths)
print("ready", flush=True)
while True:
    d = rng.choice(docs)
    start = rng.randrange(0, lengths[d] - 1)
    end = rng.randint(start + 1, min(lengths[d], start + 40))
    code = rng.choice(codes)
    w = project.annotations.add_annotation(Annotation(d, coder, code, start, end))
    print("saved", w.annotation.id, d, code, start, end, flush=True)
"""


def _annotation_project(path: Path, n_docs: int = 20) -> None:
    with Project.create(path) as p:
        frames = p.codes.add_code(Code("Frames"))
        for name in ("Conflict", "Appeasement", "Humanitarian"):
            p.codes.add_code(Code(name, parent_id=frames.id))
        p.add_coder(Coder("alice"))
        p.documents.add_documents(
            [Document(text=t, title=f"d{i}") for i, t in enumerate(article_texts(n_docs))]
        )
        from annotator.core.models import Segmentation

        p.documents.set_segmentations(
            Segmentation(document_id=d, model="none") for d in p.documents.document_ids()
        )


@pytest.mark.slow
def test_kill_during_annotation_stream(tmp_path, rng):
    path = tmp_path / "stream.annotator"
    _annotation_project(path)
    for _ in range(3):
        child = Child(ANNOTATE_CHILD.format(path=str(path), seed=rng.randrange(1 << 30)))
        assert child.wait_for(lambda lines: "ready" in lines, timeout=60), child.finish()
        k = rng.randint(5, 60)
        assert child.wait_for(lambda lines, k=k: len(lines) > k, timeout=60), child.finish()
        child.kill()
        reported = [line.split()[1:] for line in child.snapshot() if line.startswith("saved")]
        assert len(reported) >= k
        conn = check_project_file(path)
        try:
            for ann_id, doc, code, start, end in reported:
                assert conn.execute("SELECT 1 FROM annotations WHERE id = ?", (ann_id,)).fetchone(), ann_id
                # merging only widens spans: the words the coder saw saved are still covered by a live span
                covered = conn.execute(
                    "SELECT 1 FROM annotations WHERE document_id = ? AND code_id = ? AND deleted = 0 "
                    'AND start <= ? AND "end" >= ?',
                    (doc, code, int(start), int(end)),
                ).fetchone()
                assert covered, (ann_id, start, end)
            assert live_overlaps(conn) == []
        finally:
            conn.close()


MERGE_CHILD = """
from annotator.services.packages import merge_package
from annotator.store.project import Project

project = Project.open({path!r})
original = project.annotations.restore_annotations

def restore(states):
    states = list(states)
    print("writing", len(states), flush=True)
    return original(states)

project.annotations.restore_annotations = restore
report = merge_package(project, {package!r})
print("merged", report.added, flush=True)
"""


@pytest.mark.slow
def test_kill_during_merge(tmp_path, rng):
    lead = tmp_path / "lead.annotator"
    _annotation_project(lead, n_docs=40)
    with Project.open(lead) as p:
        alice = p.coder_by_name("alice").id
        codes = [c.id for c in p.codes.codebook() if c.parent_id]
        lengths = p.documents.document_lengths()
        package = tmp_path / "alice.annotator"
        make_package(p, "alice", package)
    n = 0
    with Project.open(package) as pk:
        with pk.transaction():
            for d, length in sorted(lengths.items()):
                for code in codes:
                    for s in range(0, length - 6, 7):
                        pk.annotations.add_annotation(Annotation(d, alice, code, s, s + 5))
                        n += 1
    assert n > 3000
    for _ in range(3):
        child = Child(MERGE_CHILD.format(path=str(lead), package=str(package)))
        assert child.wait_for(
            lambda lines: any(x.startswith(("writing", "merged")) for x in lines), timeout=120
        ), child.finish()
        # kill at once or a little later: inside the merge transaction or right after it
        if rng.random() < 0.7:
            import time

            time.sleep(rng.uniform(0, 0.5))
        child.kill()
        merged = any(x.startswith("merged") for x in child.snapshot())
        conn = check_project_file(lead)
        try:
            have = conn.execute("SELECT count(*) FROM annotations WHERE coder_id = ?", (alice,)).fetchone()[0]
            merges = conn.execute("SELECT count(*) FROM merges").fetchone()[0]
        finally:
            conn.close()
        # all or nothing: the merge is one transaction
        assert (have, merges) in ((0, 0), (n, 1)), (have, merges)
        if merged:
            assert (have, merges) == (n, 1)
        if merges:
            break
    with Project.open(lead) as p:
        report = merge_package(p, package)
        assert len(p.annotations.select(coder_id=alice)) == n
        assert report.added in (0, n)
    conn = check_project_file(lead)
    assert live_overlaps(conn) == []
    conn.close()
