"""Export and import speed of every exchange format on a synthetic project.

Run: PYTHONPATH=. python tests/benchmarks/bench_exchange.py [--docs 1000] [--repeat 3]
Prints the median wall time per format and direction.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from annotator.core.codebook import Codebook
from annotator.core.models import Annotation, Code, Coder, Document, DocumentCode
from annotator.exchange import FORMATS, export_data, import_data
from annotator.exchange.bundle import ProjectData

WORDS = (
    "minister said talks were naïve appeasement 👍🏽 Zürich 東京 officials NGO monitor called it "
    "tragically flawed ceasefire holds spokesperson for the UN remain hopeful"
).split()


def make_project(n_docs: int, n_coders: int = 3, spans_per_coder: int = 20, seed: int = 1) -> ProjectData:
    rng = random.Random(seed)
    codes = [Code(name=f"Group {g}", id=f"00000000-0000-4000-8000-{g:012d}") for g in range(4)]
    codes += [
        Code(
            name=f"code {g}.{i}",
            id=f"00000000-0000-4000-8001-{g * 10 + i:012d}",
            parent_id=codes[g].id,
            order=i,
        )
        for g in range(4)
        for i in range(5)
    ]
    codes.append(Code(name="tone", id="00000000-0000-4000-8002-000000000001", scope="document"))
    cb = Codebook(codes=codes)
    leaves = [c for c in codes if c.parent_id]
    coders = [Coder(name=f"coder {i}") for i in range(n_coders)]
    docs, anns, dcs = [], [], []
    for d in range(n_docs):
        paras = [
            "\n".join(" ".join(rng.choice(WORDS) for _ in range(60)) for _ in range(1)) for _ in range(8)
        ]
        text = f"Article {d}\n\n" + "\n\n".join(paras)
        doc = Document(text=text, title=f"Article {d}", outlet="Outlet", published="2024-01-01")
        docs.append(doc)
        for coder in coders:
            for _ in range(spans_per_coder):
                s = rng.randrange(0, len(text) - 50)
                anns.append(
                    Annotation(
                        document_id=doc.id,
                        coder_id=coder.id,
                        code_id=rng.choice(leaves).id,
                        start=s,
                        end=s + rng.randrange(5, 50),
                        note=rng.choice(["", "a note"]),
                    )
                )
            dcs.append(DocumentCode(document_id=doc.id, coder_id=coder.id, code_id=codes[-1].id))
    return ProjectData(docs, cb, coders, anns, dcs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    data = make_project(args.docs)
    texts_only = ProjectData(documents=data.documents)
    print(f"{len(data.documents)} documents, {len(data.annotations)} annotations, {len(data.coders)} coders")
    print(f"{'format':8} {'export s':>9} {'import s':>9}")
    for name, fmt in FORMATS.items():
        ex, im = [], []
        for _ in range(args.repeat):
            with tempfile.TemporaryDirectory() as tmp:
                ext = fmt.extensions[0]
                out = Path(tmp) / (f"bench{ext}" if ext else "bench")
                t0 = time.perf_counter()
                export_data(data, name, out)
                ex.append(time.perf_counter() - t0)
                if fmt.can_import:
                    t0 = time.perf_counter()
                    result = import_data(out, name, existing=texts_only if name == "csv" else None)
                    im.append(time.perf_counter() - t0)
                    if name != "qdc":
                        assert len(result.data.annotations) == len(data.annotations), name
        imp = f"{statistics.median(im):9.2f}" if im else f"{'-':>9}"
        print(f"{name:8} {statistics.median(ex):9.2f} {imp}")


if __name__ == "__main__":
    main()
