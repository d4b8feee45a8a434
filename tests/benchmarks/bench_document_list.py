"""The document list on a large project (issue 19, item 0): a page read by key
against the old LIMIT/OFFSET page and against the bare keyset query (the
floor), at the top, the middle and the end of the list, and a scroll-bar jump.

    python tests/benchmarks/bench_document_list.py [--docs 100000] [--path FILE] [--keep]

Prints medians of 3 runs per figure (milliseconds) and the ratio to the floor.
With --path FILE and an existing FILE, generation is skipped.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "benchmarks"))

from annotator.core.models import Batch, Coder, Document  # noqa: E402
from annotator.services.coding import ListFilter  # noqa: E402
from annotator.services.document_listing import DocumentListing  # noqa: E402
from annotator.store.project import Project  # noqa: E402

OUTLETS = ("Reuters", "AP", "BBC", "Al Jazeera", "The Guardian", "Le Monde", "Der Spiegel")


def generate(path: Path, n: int, seed: int = 19) -> None:
    from corpus import replicated_rows

    rng = random.Random(seed)
    base = replicated_rows(min(n, 2000), seed=seed)
    with Project.create(path, name="list benchmark") as p:
        coders = [p.add_coder(Coder(name)).id for name in ("ana", "ben")]
        batches = [p.add_batch(Batch(name=f"Batch {i}")).id for i in range(3)]
        for lo in range(0, n, 5000):
            docs = []
            for i in range(lo, min(n, lo + 5000)):
                row = base[i % len(base)]
                docs.append(
                    Document(
                        f"({i}) " + row["text"][:1500],
                        title=f"{row['title'][:60]} [{i}]",
                        outlet=OUTLETS[rng.randrange(len(OUTLETS))],
                        published=f"20{10 + i % 10}-{1 + i % 12:02d}-{1 + i % 28:02d}",
                        batch_id=batches[i * 3 // n],
                    )
                )
            with p.transaction():
                p.documents.add_documents(docs)
                ids = [d.id for d in docs]
                for c in coders:
                    p.workflow.assign(ids, c)
                for d in ids[: len(ids) // 3]:
                    p.workflow.set_status(d, coders[0], "done")


def median_ms(fn, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def measure(
    p: Project, label: str, flt: ListFilter, sort: str, desc: bool, n: int, rng: random.Random
) -> None:
    order = median_ms(lambda: DocumentListing(p, flt, sort=sort, descending=desc))
    listing = DocumentListing(p, flt, sort=sort, descending=desc)
    m = len(listing)
    at = {"top": 0, "middle": max(0, m // 2 - 100), "end": max(0, m - 200)}
    pages = {k: median_ms(lambda r=r: listing.page(r, r + 200)) for k, r in at.items()}

    def jump(row: int) -> None:  # the row a scroll bar lands on: its page, and finding a row by id
        listing.page(row, row + 200)
        listing.index_of(listing.page(row, row + 1)[0].id)

    jumps = statistics.median(median_ms(lambda r=r: jump(r), 1) for r in (rng.randrange(m) for _ in range(3)))
    # the floor: the bare keyset query for one page, no joins, no objects
    floor = median_ms(
        lambda: p.conn.execute(
            "SELECT rowid, id, title, outlet, published FROM documents WHERE rowid > ? ORDER BY rowid LIMIT 200",
            (n // 2,),
        ).fetchall()
    )
    old = [
        median_ms(
            lambda o=o: p.documents.list_documents(
                **flt.kwargs(), sort=sort, descending=desc, limit=200, offset=o
            )
        )
        for o in at.values()
    ]
    count = median_ms(lambda: p.documents.count_documents(**flt.kwargs()))  # the old model's reload
    worst = max(pages.values())
    print(
        f"{label:28s} {m:7d} {order:7.1f} {pages['top']:7.2f} {pages['middle']:7.2f} {pages['end']:7.2f}"
        f" {jumps:7.2f} {floor:7.2f} {worst / floor:6.1f} {'/'.join(f'{x:.1f}' for x in old):>22s} {count:7.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--path", type=Path)
    ap.add_argument("--keep", action="store_true")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory()
    path = args.path or Path(tmp.name) / "list.annotator"
    if not path.exists():
        t = time.perf_counter()
        generate(path, args.docs)
        print(f"generated {args.docs} documents in {time.perf_counter() - t:.0f} s")
    print(f"machine load (1, 5, 15 min): {os.getloadavg()}")
    with Project.open(path) as p:
        ana = p.coder_by_name("ana").id
        n = p.documents.count_documents()
        print(f"{n} documents; medians of 3 runs, milliseconds")
        print("order: reading a filter's order once; top/middle/end: one 200-row page by key; jump: a")
        print("scroll-bar jump (page + finding a row); floor: bare keyset page; ratio: worst page / floor;")
        print("OFFSET: the old LIMIT/OFFSET page; count: the old count_documents on every reload")
        print(
            f"{'filter/sort':28s} {'rows':>7s} {'order':>7s} {'top':>7s} {'middle':>7s} {'end':>7s} {'jump':>7s}"
            f" {'floor':>7s} {'ratio':>6s} {'OFFSET top/mid/end':>22s} {'count':>7s}"
        )
        rng = random.Random(1)
        for label, flt, sort in (
            ("all, order of import", ListFilter(ana), "added"),
            ("all, by title", ListFilter(ana), "title"),
            ("all, by outlet desc", ListFilter(ana), "outlet"),
            ("all, by status", ListFilter(ana), "status"),
            ("to do, by date", ListFilter(ana, status="to_do"), "published"),
            ("assigned, order of import", ListFilter(ana, assigned_only=True), "added"),
            ("search 'minister'", ListFilter(ana, search="minister"), "added"),
        ):
            measure(p, label, flt, sort, "desc" in label, n, rng)
    if args.keep and not args.path:
        kept = Path(tempfile.gettempdir()) / "bench_document_list.annotator"
        Path(path).replace(kept)
        print(f"kept {kept}")


if __name__ == "__main__":
    main()
