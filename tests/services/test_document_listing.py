"""The document list pages by key (issue 19, item 0): the order of a filter is
read once, a page is a range of it. Same rows as the full listing for every
sort, filter and direction; a page deep in the list costs what the first does;
the sortable columns are indexed, also in files made before the indexes."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from annotator.core.models import Batch, Coder, Document
from annotator.services.coding import ListFilter, iter_listing
from annotator.services.document_listing import DocumentListing
from annotator.store.project import Project

SORTS = ("added", "title", "outlet", "published", "batch", "status", "length")
FIXTURES = Path(__file__).resolve().parents[1] / "data" / "fixtures"


@pytest.fixture(scope="module")
def listed(tmp_path_factory):
    rng = random.Random(19)
    path = tmp_path_factory.mktemp("listing") / "list.annotator"
    with Project.create(path) as p:
        ana = p.add_coder(Coder("ana")).id
        ben = p.add_coder(Coder("ben")).id
        batches = [p.add_batch(Batch(name=n)).id for n in ("beta", "Alpha", "gamma")]
        words = ("strikes", "Talks", "aid", "Convoy", "minister", "rebels")
        docs = []
        for i in range(900):
            docs.append(
                Document(
                    f"Article {i} about {rng.choice(words)} and {rng.choice(words)}."
                    + " x" * rng.randint(0, 9),
                    title=rng.choice(("", "Same title", f"{rng.choice(words)} {i % 50}")),
                    outlet=rng.choice(("AP", "ap", "Reuters", "BBC", "")),
                    published=rng.choice(("", "2015-10-01", f"2015-{1 + i % 12:02d}-{1 + i % 28:02d}")),
                    batch_id=rng.choice(batches),
                )
            )
        p.documents.add_documents(docs)
        ids = [d.id for d in docs]
        p.workflow.assign(ids[:600], ana)
        p.workflow.assign(ids[300:], ben)
        for d in rng.sample(ids[:600], 200):
            p.workflow.set_status(d, ana, rng.choice(("in_progress", "done")))
    p = Project.open(path)
    yield p, ana, batches
    p.close()


def _filters(ana: str, batches: list[str]) -> list[ListFilter]:
    return [
        ListFilter(None),
        ListFilter(ana),
        ListFilter(ana, assigned_only=True),
        ListFilter(ana, status="to_do"),
        ListFilter(ana, status="done"),
        ListFilter(ana, assigned_only=True, status="in_progress", batch_id=batches[1]),
        ListFilter(None, batch_id=batches[0], search="convoy"),
        ListFilter(ana, search="talks min"),
    ]


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("descending", [False, True])
def test_pages_by_key_are_the_listing(listed, sort, descending):
    p, ana, batches = listed
    for flt in _filters(ana, batches):
        whole = p.documents.list_documents(**flt.kwargs(), sort=sort, descending=descending)
        listing = DocumentListing(p, flt, sort=sort, descending=descending)
        assert len(listing) == len(whole) == p.documents.count_documents(**flt.kwargs())
        paged = [s for start in range(0, len(whole), 200) for s in listing.page(start, start + 200)]
        assert paged == whole
        assert list(iter_listing(p, flt, sort=sort, descending=descending)) == whole
        if whole:
            last = whole[-1]
            assert listing.index_of(last.id) == len(whole) - 1
            assert listing.page(len(whole) - 1, len(whole) + 50) == [last]


def test_a_document_outside_the_filter_has_no_row(listed):
    p, ana, _ = listed
    done = DocumentListing(p, ListFilter(ana, status="done"))
    to_do = DocumentListing(p, ListFilter(ana, status="to_do"))
    one = to_do.page(0, 1)[0]
    assert done.index_of(one.id) is None
    assert to_do.index_of("no-such-document") is None
    assert to_do.page(len(to_do), len(to_do) + 10) == []


def _vm_steps(project: Project, fn) -> int:
    """SQLite virtual-machine steps (in thousands) that ``fn`` makes: a measure
    of work that does not depend on the machine's load."""
    steps = [0]

    def tick() -> int:
        steps[0] += 1
        return 0

    project.conn.set_progress_handler(tick, 1000)
    try:
        fn()
    finally:
        project.conn.set_progress_handler(None, 0)
    return steps[0]


@pytest.mark.parametrize("sort", ["added", "title", "outlet"])
def test_a_page_at_the_end_costs_what_the_first_costs(tmp_path, sort):
    with Project.create(tmp_path / "long.annotator") as p:
        ana = p.add_coder(Coder("ana")).id
        p.documents.add_documents(
            [
                Document(f"Text {i} " + "word " * 40, title=f"T{i:05d}", outlet=f"O{i % 97}")
                for i in range(8_000)
            ]
        )
        listing = DocumentListing(p, ListFilter(ana), sort=sort)
        first = _vm_steps(p, lambda: listing.page(0, 200))
        last = _vm_steps(p, lambda: listing.page(7_800, 8_000))
        assert last <= 2 * first + 5, (first, last)


def _plan(project: Project, fn) -> list[str]:
    """The query plans of the statements ``fn`` runs."""
    seen: list[str] = []
    project.conn.set_trace_callback(seen.append)
    try:
        fn()
    finally:
        project.conn.set_trace_callback(None)
    plans = []
    for sql in seen:
        if sql.lstrip().upper().startswith("SELECT"):
            plans += [r[3] for r in project.conn.execute("EXPLAIN QUERY PLAN " + sql).fetchall()]
    return plans


@pytest.mark.parametrize("sort", ["title", "outlet", "published", "length", "added"])
def test_the_order_of_a_sort_is_read_from_an_index(tmp_path, sort):
    shutil.copyfile(FIXTURES / "schema1.annotator", tmp_path / "old.annotator")
    with Project.open(tmp_path / "old.annotator") as p:  # migrated on opening
        plans = _plan(p, lambda: p.documents.ordered_keys(sort=sort))
        # equal values may still be put in order of import, but the list is never sorted whole
        assert not any("TEMP B-TREE FOR ORDER BY" in step for step in plans), plans
        if sort != "added":  # the order of import is the table's own order
            assert not any(step.startswith("SCAN d") and "INDEX" not in step for step in plans), plans
        names = {r[0] for r in p.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"documents_outlet", "documents_published", "documents_length"} <= names
