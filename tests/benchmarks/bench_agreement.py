"""Speed of the agreement engine (issue 5). Run:

    PYTHONPATH=. /work/venv/bin/python tests/benchmarks/bench_agreement.py [--repeat 5] [--docs 2000]

Targets: 2,000 documents x 3 coders x ~30 spans per coder and document, every
coefficient at the sentence unit and on the continuum in <= 5 s each; 1,000
bootstrap resamples in <= 10 s; nominal alpha on 10,000 units x 10 coders at
least as fast as the ``krippendorff`` package in the same run. Prints medians.
"""

from __future__ import annotations

import argparse
import statistics
import time
from array import array

import numpy as np

from annotator.agreement.alpha import krippendorff_alpha, value_counts
from annotator.agreement.bootstrap import bootstrap_alphas
from annotator.agreement.reliability_data import CodingData, unit_data
from annotator.agreement.report import compute_report
from annotator.core.codebook import codebook_from_dict
from annotator.core.models import Annotation, Segmentation

FRAMES = [
    "Appeasement",
    "Tragically flawed",
    "Conflict",
    "Economic",
    "Human interest",
    "Morality",
    "Responsibility",
    "Security",
]
SOURCES = ["Government official", "Opposition", "NGO / monitor", "Expert", "Citizen"]


def make_data(n_docs: int, n_coders: int = 3, spans_per_doc: int = 30, seed: int = 0) -> CodingData:
    rng = np.random.default_rng(seed)
    cb = codebook_from_dict(
        {
            "name": "bench",
            "codes": [
                {"name": "Frames", "children": FRAMES},
                {"name": "Source type", "exclusive": True, "children": SOURCES},
            ],
        }
    )
    leaves = [c.id for c in cb.leaves()]
    coders = [f"coder{i}" for i in range(n_coders)]
    lengths, segs, anns, coded = {}, {}, [], {}
    for d in range(n_docs):
        doc = f"doc{d:05d}"
        # ~30 sentences of 60-140 characters, words of 2-9 letters, paragraphs of 4-6 sentences
        sent_len = rng.integers(60, 140, size=30)
        s_start = np.concatenate(([0], np.cumsum(sent_len + 1)[:-1]))
        s_end = s_start + sent_len
        length = int(s_end[-1])
        cuts = np.sort(rng.choice(np.arange(1, length - 1), size=length // 7, replace=False))
        t_start = np.concatenate(([0], cuts + 1))
        t_end = np.concatenate((cuts, [length]))
        keep = t_end > t_start
        p_idx = np.arange(0, 30, 5)
        segs[doc] = Segmentation(
            doc,
            "bench",
            array("i", t_start[keep].tolist()),
            array("i", t_end[keep].tolist()),
            array("i", s_start.tolist()),
            array("i", s_end.tolist()),
            array("i", s_start[p_idx].tolist()),
            array("i", np.append(s_end[p_idx[1:] - 1], s_end[-1]).tolist()),
        )
        lengths[doc] = length
        coded[doc] = set(coders)
        # a reference coding: 30 disjoint spans; each coder copies it with shifted boundaries, drops and swaps
        bounds = np.sort(rng.choice(np.arange(0, length, 2), size=2 * spans_per_doc, replace=False))
        starts, ends = bounds[0::2], bounds[1::2]
        codes = rng.integers(0, len(leaves), size=spans_per_doc)
        for coder in coders:
            shift_s = rng.integers(-3, 4, size=spans_per_doc) * (rng.random(spans_per_doc) < 0.3)
            shift_e = rng.integers(-3, 4, size=spans_per_doc) * (rng.random(spans_per_doc) < 0.3)
            cs = np.clip(starts + shift_s, 0, length - 1)
            ce = np.clip(ends + shift_e, 1, length)
            cs = np.maximum(cs, np.concatenate(([0], ce[:-1])))  # keep them disjoint
            my_codes = np.where(
                rng.random(spans_per_doc) < 0.15, rng.integers(0, len(leaves), spans_per_doc), codes
            )
            kept = (rng.random(spans_per_doc) > 0.08) & (ce > cs)
            for s, e, c in zip(cs[kept].tolist(), ce[kept].tolist(), my_codes[kept].tolist(), strict=True):
                anns.append(Annotation(doc, coder, leaves[c], s, e, id=f"{doc}-{coder}-{s}"))
    return CodingData(lengths, cb, coded, anns, segmentations=segs)


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    t = time.perf_counter()
    data = make_data(args.docs)
    coders = ["coder0", "coder1", "coder2"]
    print(
        f"data: {args.docs} documents, {len(data.annotations)} spans, 3 coders "
        f"(built in {time.perf_counter() - t:.1f} s)"
    )

    for unit in ("sentence", "continuum"):
        secs, rep = median_time(lambda u=unit: compute_report(data, unit=u, coders=coders), args.repeat)
        alphas = [v.alpha for v in rep.variables]
        print(
            f"compute_report unit={unit:9s} all {len(rep.variables)} variables, every coefficient: "
            f"median {secs:.2f} s (target <= 5 s); alpha range "
            f"{min(a for a in alphas if a is not None):.3f}..{max(a for a in alphas if a is not None):.3f}"
        )

    ud = unit_data(data, unit="sentence", coders=coders)
    counts = [value_counts(m, len(v.categories)) for v, m in zip(ud.variables, ud.values, strict=True)]
    secs, _ = median_time(
        lambda: bootstrap_alphas(
            counts,
            ["nominal"] * len(counts),
            [tuple(v.categories) for v in ud.variables],
            samples=1000,
            seed=1,
        ),
        args.repeat,
    )
    print(
        f"bootstrap 1,000 resamples x {len(counts)} variables at {len(ud.unit_doc)} sentences: "
        f"median {secs:.2f} s (target <= 10 s)"
    )
    secs, _ = median_time(
        lambda: compute_report(data, unit="sentence", coders=coders, bootstrap=1000, seed=1),
        max(1, args.repeat // 2),
    )
    print(f"compute_report unit=sentence with 1,000 bootstrap resamples: median {secs:.2f} s")
    secs, _ = median_time(
        lambda: compute_report(data, unit="continuum", coders=coders, bootstrap=1000, seed=1),
        max(1, args.repeat // 2),
    )
    print(f"compute_report unit=continuum with 1,000 bootstrap resamples (of documents): median {secs:.2f} s")

    rng = np.random.default_rng(1)
    m = rng.integers(1, 6, size=(10_000, 10)).astype(float)
    m[rng.random(m.shape) < 0.1] = np.nan
    ours, a = median_time(lambda: krippendorff_alpha(m, "nominal").alpha, args.repeat * 4)
    try:
        import krippendorff
    except ImportError:
        print(
            f"nominal alpha 10,000 x 10: ours median {ours * 1000:.1f} ms (krippendorff package not installed)"
        )
        return
    theirs, b = median_time(
        lambda: krippendorff.alpha(reliability_data=m.T, level_of_measurement="nominal"), args.repeat * 4
    )
    print(
        f"nominal alpha 10,000 units x 10 coders: ours median {ours * 1000:.1f} ms, krippendorff "
        f"{getattr(krippendorff, '__version__', '')} median {theirs * 1000:.1f} ms "
        f"(same value: {abs(a - b) < 1e-9})"
    )


if __name__ == "__main__":
    main()
