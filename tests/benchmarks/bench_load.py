"""A large project (issue 10, item 6): 100,000 documents and 1,000,000
annotations by 5 coders, and how long the interactive steps take on it.

    python tests/benchmarks/bench_load.py [--docs 100000] [--annotations 1000000]
                                          [--path FILE] [--keep] [--repeats 5]

The project is generated through the store's public API (``add_documents``,
``restore_annotations``, ``assign``/``set_status``) in large transactions, with
texts made of sentences sampled from the shared Wikinews corpus. Each step is
timed ``--repeats`` times in a fresh process where it matters (opening) and
reported as the median; peak resident memory is read from getrusage and
/proc/self/status (VmHWM).

With --path FILE and an existing FILE, generation is skipped (reuse a project
made earlier with --keep).
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from array import array
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from annotator.core.codebook import Code  # noqa: E402
from annotator.core.models import Annotation, Coder, Document, Segmentation  # noqa: E402
from annotator.store.project import Project  # noqa: E402

WIKINEWS = REPO.parent / "shared" / "corpora" / "wikinews" / "wikinews_2019.csv"
CODERS = ("ana", "ben", "chen", "dara", "emil")
CODES = ("Conflict", "Appeasement", "Humanitarian", "Economic", "Responsibility", "Morality")
OUTLETS = ("Reuters", "AP", "BBC", "Al Jazeera", "The Guardian", "Le Monde", "Der Spiegel")
_WORD = re.compile(r"\S+")


def sentences() -> list[str]:
    if not WIKINEWS.exists():
        return [
            f"Sentence number {i} says the minister told reporters about the strikes." for i in range(500)
        ]
    out: list[str] = []
    with open(WIKINEWS, newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            for s in re.split(r"(?<=[.!?])\s+", row["text"]):
                s = " ".join(s.split())
                if 40 <= len(s) <= 300:
                    out.append(s)
    return out


def make_text(rng: random.Random, pool: list[str], i: int) -> tuple[str, list[tuple[int, int]]]:
    """A short article: 2-4 paragraphs of 1-3 sentences, and its sentence spans.
    The serial number makes every text (hence every id) unique."""
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    paras = rng.randint(2, 4)
    for p in range(paras):
        para_sents = [rng.choice(pool) for _ in range(rng.randint(1, 3))]
        if p == 0:
            para_sents[0] = f"({i}) " + para_sents[0]
        for k, s in enumerate(para_sents):
            if k:
                pos += 1
            spans.append((pos, pos + len(s)))
            pos += len(s)
        parts.append(" ".join(para_sents))
        pos += 2
    return "\n\n".join(parts), spans


def segmentation(doc_id: str, text: str, sents: list[tuple[int, int]]) -> Segmentation:
    toks = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    paras, start = [], 0
    for block in text.split("\n\n"):
        paras.append((start, start + len(block)))
        start += len(block) + 2
    return Segmentation(
        document_id=doc_id,
        model="bench:whitespace",
        token_starts=array("i", [t[0] for t in toks]),
        token_ends=array("i", [t[1] for t in toks]),
        sentence_starts=array("i", [s[0] for s in sents]),
        sentence_ends=array("i", [s[1] for s in sents]),
        paragraph_starts=array("i", [p[0] for p in paras]),
        paragraph_ends=array("i", [p[1] for p in paras]),
    )


def generate(path: Path, n_docs: int, n_annotations: int, seed: int = 10) -> dict[str, float]:
    rng = random.Random(seed)
    pool = sentences()
    t0 = time.perf_counter()
    project = Project.create(path, name="load benchmark")
    frames = project.codes.add_code(Code("Frames"))
    code_ids = [project.codes.add_code(Code(name, parent_id=frames.id)).id for name in CODES]
    coders = [project.add_coder(Coder(name)) for name in CODERS]
    per_doc = max(1, n_annotations // (n_docs * len(coders)))  # spans per document and coder
    docs_sents: list[tuple[str, list[tuple[int, int]]]] = []
    chunk = 5000
    for lo in range(0, n_docs, chunk):
        docs, segs = [], {}
        for i in range(lo, min(n_docs, lo + chunk)):
            text, sents = make_text(rng, pool, i)
            d = Document(
                text=text,
                title=f"Article {i}: {pool[i % len(pool)][:60]}",
                outlet=OUTLETS[i % len(OUTLETS)],
                published=f"2019-{1 + i % 12:02d}-{1 + i % 28:02d}",
            )
            docs.append(d)
            segs[d.id] = segmentation(d.id, text, sents)
            docs_sents.append((d.id, sents))
        with project.transaction():
            project.documents.add_documents(docs, segs)
    t_docs = time.perf_counter() - t0
    t1 = time.perf_counter()
    made = 0
    batch: list[Annotation] = []
    for doc_id, sents in docs_sents:
        for coder in coders:
            # distinct codes per document and coder, so one coder's spans of one code never overlap
            for k, code in enumerate(rng.sample(code_ids, min(per_doc, len(code_ids)))):
                if made >= n_annotations:
                    break
                s, e = rng.choice(sents)
                a, b = (s, e) if rng.random() < 0.5 else (s, s + max(1, (e - s) // 2))
                batch.append(Annotation(doc_id, coder.id, code, a, b, id=f"{doc_id[:12]}-{coder.name}-{k}"))
                made += 1
        if len(batch) >= 20000:
            with project.transaction():
                project.annotations.restore_annotations(batch)
            batch = []
    if batch:
        with project.transaction():
            project.annotations.restore_annotations(batch)
    t_ann = time.perf_counter() - t1
    t2 = time.perf_counter()
    ids = [d for d, _ in docs_sents]
    with project.transaction():
        for coder in coders:
            project.workflow.assign(ids, coder.id)
        first = coders[0].id
        for j, d in enumerate(ids[: n_docs // 2]):
            project.workflow.set_status(d, first, "done" if j % 3 else "in_progress")
    t_assign = time.perf_counter() - t2
    project.close()
    return {"documents_s": t_docs, "annotations_s": t_ann, "assignments_s": t_assign, "annotations": made}


OPEN_CHILD = """
import sys, time, resource
sys.path.insert(0, {repo!r})
t = time.perf_counter()
from annotator.store.project import Project
t_imp = time.perf_counter()
p = Project.open({path!r})
t_open = time.perf_counter()
rows = p.documents.list_documents(limit=200)
n = p.documents.count_documents()
t_list = time.perf_counter()
print(t_open - t_imp, t_list - t_open, n, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
p.close()
"""


def median_time(fn, repeats: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def vm_hwm_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(path: Path, repeats: int) -> dict[str, object]:
    out: dict[str, object] = {}
    # opening, first page and count in a fresh process each time (cold Python, warm OS cache)
    opens, lists, rss = [], [], []
    for _ in range(repeats):
        res = subprocess.run(
            [sys.executable, "-c", OPEN_CHILD.format(repo=str(REPO), path=str(path))],
            capture_output=True,
            text=True,
            check=True,
        )
        o, li, n, mem = res.stdout.split()
        opens.append(float(o))
        lists.append(float(li))
        rss.append(int(mem))
    out["open_s"] = statistics.median(opens)
    out["first_page_and_count_s"] = statistics.median(lists)
    out["documents"] = int(n)
    out["open_list_peak_rss_mb"] = max(rss)

    project = Project.open(path)
    coders = {c.name: c for c in project.coders()}
    ana = coders["ana"].id
    out["list_200_s"], _ = median_time(lambda: project.documents.list_documents(limit=200), repeats)
    out["count_s"], _ = median_time(lambda: project.documents.count_documents(), repeats)
    out["list_sorted_title_200_s"], _ = median_time(
        lambda: project.documents.list_documents(sort="title", limit=200), repeats
    )
    out["status_filter_s"], n_done = median_time(
        lambda: (
            project.documents.list_documents(coder_id=ana, status="done", limit=200),
            project.documents.count_documents(coder_id=ana, status="done"),
        )[1],
        repeats,
    )
    out["status_done_count"] = n_done
    out["status_to_do_s"], _ = median_time(
        lambda: (
            project.documents.list_documents(coder_id=ana, status="to_do", limit=200),
            project.documents.count_documents(coder_id=ana, status="to_do"),
        ),
        repeats,
    )
    out["search_s"], n_hits = median_time(
        lambda: (
            project.documents.list_documents(search="minister said", limit=200),
            project.documents.count_documents(search="minister said"),
        )[1],
        repeats,
    )
    out["search_hits"] = n_hits
    rng = random.Random(3)
    ids = project.documents.document_ids()
    sample = rng.sample(ids, repeats)

    def open_document():
        d = sample.pop()
        sample.insert(0, d)
        doc = project.documents.document(d)
        anns = project.annotations.select(doc.id, ana)
        seg = project.documents.segmentation(doc.id)
        return doc, anns, seg

    out["open_document_s"], _ = median_time(open_document, repeats)
    code_id = next(c.id for c in project.codes.codebook() if c.name == "Conflict")
    times = []
    for d in rng.sample(ids, 50):
        length = project.documents.document_lengths([d])[d]
        t = time.perf_counter()
        project.annotations.add_annotation(Annotation(d, ana, code_id, 0, min(length, 12)))
        times.append(time.perf_counter() - t)
    out["add_annotation_median_s"] = statistics.median(times)
    out["add_annotation_max_s"] = max(times)
    from annotator.services.agreement import agreement_report

    t = time.perf_counter()
    report = agreement_report(project, unit="document")
    out["agreement_document_5_coders_s"] = time.perf_counter() - t
    out["agreement_variables"] = len(getattr(report, "rows", []) or getattr(report, "variables", []) or [])
    project.close()
    out["peak_rss_mb"] = vm_hwm_mb()
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--annotations", type=int, default=1_000_000)
    ap.add_argument("--path", type=Path)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--repeats", type=int, default=5)
    args = ap.parse_args()
    tmp = None
    if args.path is None:
        tmp = tempfile.TemporaryDirectory(prefix="bench_load_")
        args.path = Path(tmp.name) / "load.annotator"
    results: dict[str, object] = {}
    if not args.path.exists():
        t = time.perf_counter()
        results["generate"] = generate(args.path, args.docs, args.annotations)
        results["generate_total_s"] = time.perf_counter() - t
        results["generate_peak_rss_mb"] = vm_hwm_mb()
    results["file_mb"] = args.path.stat().st_size / 2**20
    results.update(measure(args.path, args.repeats))
    for k, v in results.items():
        print(f"{k:34} {v:.4f}" if isinstance(v, float) else f"{k:34} {v}")
    print(json.dumps(results, default=str))
    if tmp is not None and not args.keep:
        tmp.cleanup()


if __name__ == "__main__":
    main()
