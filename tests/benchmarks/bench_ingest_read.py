"""Reading and cleaning speed (issue 3): the part of an import before storing and NLP.

    python tests/benchmarks/bench_ingest_read.py [--n 2000] [--repeats 5] [--big 20000]

1. Reading + cleaning the Wikinews CSV replicated with small edits to N
   articles: articles per second, median of the repeats.
2. Near-duplicate check (MinHash signature + LSH lookup + add) of the same
   articles: articles per second, median of the repeats.
3. With --big N: peak resident memory of reading an N-article CSV in a fresh
   process (streaming: it should not grow with N).

The whole import must reach 300 articles a second with a blank pipeline, so
reading and cleaning must be well above that.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import replicated_rows, write_csv  # noqa: E402

from annotator.core.models import Document  # noqa: E402
from annotator.ingest import NearDuplicateIndex, read_sources  # noqa: E402

MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, {repo!r})
from annotator.ingest import read_sources
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
n = sum(1 for _ in read_sources([{csv!r}]))
print(n, base // 1024, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def read_all(path: Path) -> tuple[float, list[Document]]:
    t = time.perf_counter()
    docs = [r for r in read_sources([path]) if isinstance(r, Document)]
    return time.perf_counter() - t, docs


def near_duplicates(docs: list[Document]) -> tuple[float, int]:
    t = time.perf_counter()
    index = NearDuplicateIndex()
    flagged = sum(1 for d in docs if index.check(d.id, d.text) is not None)
    return time.perf_counter() - t, flagged


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--big", type=int, default=0, help="also measure memory of reading this many articles")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = write_csv(replicated_rows(args.n), Path(tmp) / f"wikinews_{args.n}.csv")
        size_mb = csv_path.stat().st_size / 2**20
        read_all(csv_path)  # warm up: imports, the rules file, the file cache
        read_times, dup_times = [], []
        for _ in range(args.repeats):
            elapsed, docs = read_all(csv_path)
            assert len(docs) == args.n, len(docs)
            read_times.append(elapsed)
            elapsed, flagged = near_duplicates(docs)
            dup_times.append(elapsed)
        r, d = statistics.median(read_times), statistics.median(dup_times)
        print(
            f"read + clean  {args.n} articles ({size_mb:.1f} MB): median {r:.3f} s over {args.repeats} runs "
            f"= {args.n / r:,.0f} articles/s  (runs: {', '.join(f'{t:.3f}' for t in read_times)})"
        )
        print(
            f"near-dup check {args.n} articles: median {d:.3f} s = {args.n / d:,.0f} articles/s "
            f"({flagged} flagged: the replicas differ from their original by 3 words)"
        )
        if args.big:
            big = write_csv(replicated_rows(args.big), Path(tmp) / f"wikinews_{args.big}.csv")
            out = subprocess.run(
                [sys.executable, "-c", MEMORY_CHILD.format(repo=str(REPO), csv=str(big))],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.split()
            print(
                f"reading {out[0]} articles ({big.stat().st_size / 2**20:.0f} MB CSV): peak RSS {out[2]} MB "
                f"(after imports {out[1]} MB)"
            )


if __name__ == "__main__":
    main()
