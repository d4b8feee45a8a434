"""The model coder's article-level codes on a public multi-coder news data set.

Data: the climate-change news articles of Frermann, Li, Khanehzar & Haffari
(2023), "Conflicts, Villains, Resolutions: Towards models of Narrative Media
Framing" (ACL 2023): 428 articles, each answered yes/no on binary framing
questions (conflict CO, economic EC, human interest HI, morality MO,
resolution RE) by two or three of four annotators. The Alternative Annotator
Test paper (Calderon, Reichart & Dror 2025) uses the 116 articles with three
annotators as its "framing" data set (github.com/nitaytech/AltTest,
data/framing/human_annotations.json: worker_0..worker_3 are the annotators
1..4 here). The article texts are not in the AltTest repository
(data/framing/prompts.json is not stored); they are in the copy of the data
at github.com/phenixace/narrative-framing, data/articles_metadata.tsv (ID and
full text) and data/full_annotations.json (each annotator's answer, -1 where
they did not code the article). Point ``--data`` at a folder holding those two
files, outside the repository.

Steps:
  1. a project (outside the repository) with one article-level code per
     question, the four annotators as coders ("yes": the code; "no", or the
     46 answers "n/a: problem is resolved": coded without it; -1: not coded)
     and the articles split into the batches train and test (``--split
     random``: a seeded share held out; ``--split alttest``: the 116 articles
     with three annotators held out, AltTest's framing set);
  2. ``annotator model train --from majority --batch train`` (a textcat
     over the questions), ``annotator model code --batch test``;
  3. ``annotator agreement --batch test --coders MODEL,annotators``: per
     question the humans' alpha without and with the model, the model's alpha
     against the humans with its interval, and the alternative annotator test;
  4. here: F1 of the model's "yes" against each annotator and against the
     annotators' majority (articles where a strict majority exists).

Run:  PYTHONPATH=. python tests/benchmarks/bench_model_article_codes.py --data /tmp/modelx/framing
      [--split random --test-share 0.3 | --split alttest] [--seed 1] [--epochs 10]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from annotator.core.codebook import Code
from annotator.core.models import Batch, Coder, Document, DocumentCode
from annotator.store.project import Project

# the 22 questions of the AltTest framing data (re1a, a follow-up of re1, is left out as there)
QUESTIONS = (
    *(f"co{i}" for i in range(1, 5)),
    *(f"ec{i}" for i in range(1, 4)),
    *(f"hi{i}" for i in range(1, 6)),
    *(f"mo{i}" for i in range(1, 4)),
    *(f"re{i}" for i in range(1, 8)),
)
CODERS = ("worker_0", "worker_1", "worker_2", "worker_3")
MODEL = "textcat"


def annotator(*args: str) -> tuple[str, float]:
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    if done.returncode != 0:
        raise SystemExit(f"annotator {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
    return done.stdout, time.perf_counter() - t


def read_data(folder: Path) -> tuple[dict[str, dict], dict[str, str]]:
    csv.field_size_limit(1 << 30)
    with (folder / "articles_metadata.tsv").open(encoding="utf-8", newline="") as f:
        texts = {r["ID"]: r["text"] for r in csv.DictReader(f, delimiter="\t")}
    annotations = json.loads((folder / "full_annotations.json").read_text(encoding="utf-8"))
    missing = set(annotations) - set(texts)
    if missing:
        raise SystemExit(f"{len(missing)} annotated articles have no text in articles_metadata.tsv.")
    return annotations, texts


def build(
    path: Path, annotations: dict, texts: dict, *, test_share: float, seed: int, split: str
) -> dict[str, list[str]]:
    """The project; returns the article IDs of each split: ``random``, a seeded
    ``test_share`` of the articles held out; ``alttest``, the articles three
    annotators coded held out (the AltTest paper's framing set)."""
    ids = sorted(annotations, key=int)
    if split == "alttest":
        test = {a for a in ids if sum(x != -1 for x in annotations[a]["co1"][1]) >= 3}
    else:
        order = list(ids)
        random.Random(seed).shuffle(order)
        test = set(order[: round(test_share * len(order))])
    with Project.create(path) as p:
        codes = {q: p.codes.add_code(Code(q.upper(), scope="document")) for q in QUESTIONS}
        coders = [p.add_coder(Coder(name)) for name in CODERS]
        batches = {name: p.add_batch(Batch(name)) for name in ("train", "test")}
        docs = {
            a: Document(
                text=texts[a],
                title=annotations[a].get("_ID", a),
                outlet=annotations[a].get("_source", ""),
                batch_id=batches["test" if a in test else "train"].id,
                metadata={"article_id": a},
            )
            for a in ids
        }
        p.documents.add_documents(list(docs.values()))
        for a in ids:
            for j, coder in enumerate(coders):
                answers = {q: annotations[a][q][1][j] for q in QUESTIONS}
                if all(v == -1 for v in answers.values()):
                    continue
                for q, v in answers.items():
                    if v == "yes":
                        p.annotations.set_document_code(DocumentCode(docs[a].id, coder.id, codes[q].id))
                p.workflow.set_status(docs[a].id, coder.id, "done")
    return {"train": [a for a in ids if a not in test], "test": [a for a in ids if a in test]}


def f1(reference: set[str], predicted: set[str]) -> float | None:
    if not reference and not predicted:
        return None
    return 2 * len(reference & predicted) / (len(reference) + len(predicted))


def f1_scores(path: Path) -> dict[str, dict[str, float | None]]:
    """Per question: F1 of the model's "yes" against each annotator (on the test
    articles that annotator coded) and against the annotators' strict majority."""
    with Project.open(path, readonly=True) as p:
        test = p.find_batch("test").id
        docs = {d for d in p.documents.document_ids() if p.documents.document(d).batch_id == test}
        names = {c.id: c.name for c in p.coders()}
        coded: dict[str, set[str]] = {n: set() for n in names.values()}
        for a in p.workflow.assignments():
            if a.status == "done" and a.document_id in docs:
                coded[names[a.coder_id]].add(a.document_id)
        codebook = p.codes.codebook()
        yes: dict[tuple[str, str], set[str]] = {}
        for d in docs:
            for dc in p.annotations.document_codes(d):
                yes.setdefault((names[dc.coder_id], codebook.path(dc.code_id)), set()).add(d)
    out: dict[str, dict[str, float | None]] = {}
    model_docs = coded[MODEL]
    for q in QUESTIONS:
        code = q.upper()
        predicted = yes.get((MODEL, code), set())
        row: dict[str, float | None] = {}
        for c in CODERS:
            shared = coded[c] & model_docs
            row[c] = f1(yes.get((c, code), set()) & shared, predicted & shared)
        majority, decided = set(), set()
        for d in model_docs:
            voters = [c for c in CODERS if d in coded[c]]
            votes = sum(d in yes.get((c, code), set()) for c in voters)
            if 2 * votes > len(voters):
                majority.add(d)
                decided.add(d)
            elif 2 * votes < len(voters):
                decided.add(d)
        row["majority"] = f1(majority, predicted & decided)
        out[code] = row
    return out


def _f(value: float | None) -> str:
    return "  –  " if value is None else f"{value:5.3f}"


def _verdict(aat: dict) -> str:
    if aat["passed"] is None:
        return "not run"
    return ("yes*" if aat.get("caution") else "yes") if aat["passed"] else "no"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--data", type=Path, required=True, help="folder with articles_metadata.tsv, full_annotations.json"
    )
    parser.add_argument("--split", choices=("random", "alttest"), default="random")
    parser.add_argument("--test-share", type=float, default=0.3, help="held out with --split random")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--bootstrap", type=int, default=1000)
    parser.add_argument(
        "--work", type=Path, help="keep the project in this folder (default: a temporary one)"
    )
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args()
    annotations, texts = read_data(args.data)
    with tempfile.TemporaryDirectory() as tmp:
        work = args.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        path = work / "framing.annotator"
        path.unlink(missing_ok=True)
        splits = build(path, annotations, texts, test_share=args.test_share, seed=args.seed, split=args.split)
        print(
            f"{len(splits['train'])} training and {len(splits['test'])} test articles "
            f"({args.split} split, seed {args.seed})"
        )
        _, train_s = annotator(
            "model", "train", str(path), "--name", MODEL, "--from", "majority", "--batch", "train",
            "--seed", str(args.seed), "--epochs", str(args.epochs),
        )  # fmt: skip
        _, code_s = annotator("model", "code", str(path), "--name", MODEL, "--batch", "test")
        out, _ = annotator(
            "agreement", str(path), "--unit", "document", "--batch", "test",
            "--coders", ",".join((MODEL, *CODERS)), "--bootstrap", str(args.bootstrap),
            "--seed", str(args.seed), "--format", "json",
        )  # fmt: skip
        report = json.loads(out)
        scores = f1_scores(path)
    print(f"training {train_s:.0f} s, coding {len(splits['test'])} articles {code_s:.1f} s")
    print(
        "code   F1 w0  F1 w1  F1 w2  F1 w3  F1 maj | alpha humans [CI]     with model [CI]       "
        "model vs humans [CI]  | win rate  adv.p  passed"
    )
    rows = {}
    for v in report["variables"]:
        (m,) = v["models"]
        aat = m["alt_test"]
        s = scores[v["name"]]
        rows[v["name"]] = {"f1": s, "model": m}

        def ci(key: str, m: dict = m) -> str:
            low, high = m[f"{key}_low"], m[f"{key}_high"]
            band = "" if low is None else f"[{low:.2f},{high:.2f}]"
            return f"{_f(m[f'{key}_alpha'])} {band:11}"

        print(
            f"{v['name']:5} "
            + " ".join(_f(s[c]) + " " for c in (*CODERS, "majority"))
            + f"| {ci('humans')} {ci('with_model')} {ci('model')} | "
            + f"{_f(aat['winning_rate'])}  {_f(aat['advantage_probability'])}  {_verdict(aat)}"
        )
    skipped = {h for v in report["variables"] for h in [v["models"][0]["alt_test"].get("note", "")] if h}
    passed = [v["name"] for v in report["variables"] if v["models"][0]["alt_test"]["passed"]]
    at_chance = [v["name"] for v in report["variables"] if v["models"][0]["alt_test"].get("caution")]
    print(
        f"{len(passed)} of {len(report['variables'])} questions pass the alternative annotator test; "
        f"{len(at_chance)} of them (*) with the model's alpha against the humans not above chance."
    )
    for note in sorted(skipped):
        print(f"note: {note}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "splits": {k: len(v) for k, v in splits.items()},
                    "seed": args.seed,
                    "epochs": args.epochs,
                    "codes": rows,
                },
                indent=2,
            ),
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
