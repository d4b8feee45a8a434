"""Agreement on a project file against its floor (issue 19, items 2 and 5).

    python tests/benchmarks/bench_agreement_project.py [--sizes 1000,4000,16000] [--unit sentence]
        [--spans 10] [--repeats 3] [--keep DIR]
    python tests/benchmarks/bench_agreement_project.py --sizes 100000 --spans 3.34 --unit document
    ... --floor-part: the project's time without span F1, the one figure the floor does not compute

The project: N documents of 30 sentences (``--sentences``), 3 coders, ``--spans`` spans per coder
and document on average, 8 frame codes and an exclusive 5-value source group.
The project's time is ``agreement_report`` from an open project to the report.
The floor, in the same run: one SQL read of the live annotations (and, for a
segment unit, the stored boundaries) into numpy, the units x coders matrix of
each variable, and ``krippendorff.alpha`` on it. Each side runs in a fresh
process (time and peak resident memory, medians of ``--repeats``); the ratio
of the medians is printed with the machine's load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from array import array
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

FRAMES = (
    "Appeasement",
    "Conflict",
    "Economic",
    "Human interest",
    "Morality",
    "Responsibility",
    "Security",
    "Other",
)
SOURCES = ("Government official", "Opposition", "NGO / monitor", "Expert", "Citizen")
CODERS = ("ana", "ben", "chen")


def generate(path: Path, n_docs: int, spans: float, sentences: int = 30, seed: int = 19) -> None:
    """Documents through the store's API; annotations written in bulk (the
    store's per-annotation checks would take longer than the benchmark)."""
    from annotator.core.codebook import Code
    from annotator.core.ids import now_iso
    from annotator.core.models import Coder, Document, Segmentation
    from annotator.store.project import Project

    rng = random.Random(seed)
    with Project.create(path, name="agreement benchmark") as p:
        frames = p.codes.add_code(Code("Frames"))
        leaves = [p.codes.add_code(Code(n, parent_id=frames.id)).id for n in FRAMES]
        src = p.codes.add_code(Code("Source type", exclusive=True))
        leaves += [p.codes.add_code(Code(n, parent_id=src.id)).id for n in SOURCES]
        coders = [p.add_coder(Coder(n)).id for n in CODERS]
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = OFF")
    stamp = now_iso()
    serial = 0
    with Project.open(path) as p:
        for lo in range(0, n_docs, 2000):
            docs, segs, plans = [], {}, []
            for i in range(lo, min(n_docs, lo + 2000)):
                lens = [rng.randint(60, 140) for _ in range(sentences)]
                text = " ".join(f"({i})".ljust(n, "x") if k == 0 else "w" * n for k, n in enumerate(lens))
                starts = array("i", [0])
                for n in lens[:-1]:
                    starts.append(starts[-1] + n + 1)
                ends = array("i", [s + n for s, n in zip(starts, lens, strict=True)])
                d = Document(text, title=f"Article {i}")
                docs.append(d)
                segs[d.id] = Segmentation(
                    d.id,
                    "bench",
                    starts,
                    ends,
                    starts,
                    ends,
                    starts[0::5],
                    array("i", [ends[min(k + 4, len(ends) - 1)] for k in range(0, len(ends), 5)]),
                )
                plans.append((d.id, len(text)))
            p.documents.add_documents(docs, segs)
            rows = []
            for doc_id, length in plans:
                n = max(1, round(rng.gauss(spans, spans / 4))) if spans >= 1 else int(rng.random() < spans)
                cuts = sorted(rng.sample(range(0, length, 2), 2 * n))
                ref = [(cuts[k], cuts[k + 1], rng.choice(leaves)) for k in range(0, 2 * n, 2)]
                for c in coders:
                    for s, e, code in ref:
                        if rng.random() < 0.08:
                            continue
                        s2 = min(length - 1, max(0, s + (rng.randint(-3, 3) if rng.random() < 0.3 else 0)))
                        e2 = min(length, max(s2 + 1, e + (rng.randint(-3, 3) if rng.random() < 0.3 else 0)))
                        code2 = rng.choice(leaves) if rng.random() < 0.15 else code
                        serial += 1
                        rows.append((f"a{serial}", doc_id, c, code2, s2, e2, stamp, stamp))
            with conn:
                conn.executemany(
                    'INSERT INTO annotations(id, document_id, coder_id, code_id, start, "end", created_at, '
                    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    rows,
                )
    conn.close()


PROJECT = """
import json, resource, sys, time
sys.path.insert(0, {repo!r})
from annotator.services.agreement import agreement_report
from annotator.store.project import Project
if {floor_part!r}:  # the part the floor also does: span F1 (exact and overlap matching) left out
    import annotator.agreement.report as report_module
    report_module._add_span_f1 = lambda *args: None
p = Project.open({path!r}, readonly=True)
t = time.perf_counter()
report = agreement_report(p, unit={unit!r})
secs = time.perf_counter() - t
alphas = {{v.name.split("/")[-1]: v.alpha for v in report.variables}}
print(json.dumps([secs, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, alphas]))
"""

FLOOR = """
import json, resource, sqlite3, sys, time
import numpy as np, krippendorff
conn = sqlite3.connect("file:" + {path!r} + "?mode=ro", uri=True)
t = time.perf_counter()
codes = {{i: n for i, n in conn.execute("SELECT id, name FROM codes")}}
parent = dict(conn.execute("SELECT id, parent_id FROM codes"))
group = {{cid: codes[parent[cid]] for cid in codes if parent[cid] and codes[parent[cid]] == "Source type"}}
code_names = list(codes)
doc_ix, coder_ix = {{}}, {{}}
rows = conn.execute('SELECT document_id, coder_id, code_id, start, "end" FROM annotations WHERE deleted = 0').fetchall()
n = len(rows)
d = np.fromiter((doc_ix.setdefault(r[0], len(doc_ix)) for r in rows), dtype=np.int64, count=n)
c = np.fromiter((coder_ix.setdefault(r[1], len(coder_ix)) for r in rows), dtype=np.int64, count=n)
code_pos = {{cid: i for i, cid in enumerate(code_names)}}
k = np.fromiter((code_pos[r[2]] for r in rows), dtype=np.int64, count=n)
s = np.fromiter((r[3] for r in rows), dtype=np.int64, count=n)
e = np.fromiter((r[4] for r in rows), dtype=np.int64, count=n)
del rows
n_docs, n_coders = len(doc_ix), len(coder_ix)
if {unit!r} == "document":
    unit_of, unit_doc = d, np.arange(n_docs)
    span_of = np.arange(n)
else:
    col = {{"sentence": "sentences", "paragraph": "paragraphs", "token": "tokens"}}[{unit!r}]
    blobs = dict(conn.execute(f"SELECT document_id, {{col}} FROM segments").fetchall())
    parts = [np.frombuffer(blobs[doc], dtype=np.int32) for doc in doc_ix]
    sizes = np.array([len(x) // 2 for x in parts])
    pairs = np.concatenate(parts).astype(np.int64)
    unit_doc = np.repeat(np.arange(n_docs), sizes)
    big = 1 << 32  # one number line: document i occupies [i * big, (i + 1) * big)
    g_start, g_end = pairs[0::2] + unit_doc * big, pairs[1::2] + unit_doc * big
    gs, ge = s + d * big, e + d * big
    first = np.searchsorted(g_end, gs, side="right")
    last = np.searchsorted(g_start, ge, side="left")
    m = np.maximum(last - first, 0)
    span_of = np.repeat(np.arange(n), m)
    unit_of = np.repeat(first, m) + (np.arange(int(m.sum())) - np.repeat(np.cumsum(m) - m, m))
coded = np.zeros((n_coders, n_docs), dtype=bool)
coded[c, d] = True
missing = ~coded[:, unit_doc]
n_units = len(unit_doc)
alphas = {{}}
variables = [(codes[cid], [code_pos[cid]]) for cid in code_names if cid not in group and codes[cid] not in ("Frames", "Source type")]
variables.append(("Source type", [code_pos[cid] for cid in group]))
for name, members in variables:
    mat = np.zeros((n_coders, n_units))
    value = np.zeros(len(code_names), dtype=np.int64)
    value[members] = np.arange(1, len(members) + 1)
    v = value[k[span_of]]
    sel = v > 0
    mat[c[span_of][sel], unit_of[sel]] = v[sel]
    mat[missing] = np.nan
    alphas[name] = krippendorff.alpha(reliability_data=mat, level_of_measurement="nominal")
secs = time.perf_counter() - t
print(json.dumps([secs, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, alphas]))
"""


def run(code: str) -> tuple[float, float, dict]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    secs, rss, alphas = json.loads(out.stdout.strip().splitlines()[-1])
    return secs, rss, alphas


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,4000,16000")
    ap.add_argument("--unit", default="sentence")
    ap.add_argument("--spans", type=float, default=10.0)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--sentences", type=int, default=30, help="sentences per document")
    ap.add_argument("--keep", type=Path, help="a folder to keep (and reuse) the generated projects in")
    ap.add_argument(
        "--floor-part",
        action="store_true",
        help="time the project without span F1, which the floor does not compute",
    )
    args = ap.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp())
    folder.mkdir(parents=True, exist_ok=True)
    print(
        f"unit {args.unit}, 3 coders, ~{args.spans:g} spans per coder and document; medians of {args.repeats}"
        + ("; the project without span F1" if args.floor_part else "")
    )
    print(
        f"{'documents':>9s} {'annotations':>11s} {'project s':>9s} {'MB':>6s} {'floor s':>8s} {'MB':>6s}"
        f" {'ratio':>6s} {'mem':>5s}  load"
    )
    for n in [int(x) for x in args.sizes.split(",")]:
        path = folder / f"agreement-{n}-{args.spans:g}-{args.sentences}.annotator"
        if not path.exists():
            t = time.perf_counter()
            generate(path, n, args.spans, args.sentences)
            print(f"  (generated {path.name} in {time.perf_counter() - t:.0f} s)")
        with sqlite3.connect(path) as conn:
            n_ann = conn.execute("SELECT count(*) FROM annotations").fetchone()[0]
        ours, floor = [], []
        for _ in range(args.repeats):  # alternated, so both sides meet the same load
            ours.append(
                run(
                    PROJECT.format(repo=str(REPO), path=str(path), unit=args.unit, floor_part=args.floor_part)
                )
            )
            floor.append(run(FLOOR.format(path=str(path), unit=args.unit)))
        o_s, o_mb = statistics.median(r[0] for r in ours), statistics.median(r[1] for r in ours)
        f_s, f_mb = statistics.median(r[0] for r in floor), statistics.median(r[1] for r in floor)
        print(
            f"{n:9d} {n_ann:11d} {o_s:9.2f} {o_mb:6.0f} {f_s:8.2f} {f_mb:6.0f} {o_s / f_s:6.2f} {o_mb / f_mb:5.2f}"
            f"  {os.getloadavg()[0]:.1f}"
        )
        differ = [k for k, v in floor[0][2].items() if abs((ours[0][2].get(k) or 2.0) - v) > 1e-9]
        if differ:  # the floor takes the last value of a group in a unit, not the one covering most of it
            print(
                f"  alpha differs from the floor's for {len(differ)} of {len(floor[0][2])} variables: {differ}"
            )
    if not args.keep:
        for f in folder.iterdir():
            f.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
