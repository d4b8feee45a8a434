"""Build the example methods appendix in docs/ from the demo project.

    python scripts/build_appendix_demo.py [OUT_DIR]   # default: docs/

The demo gets what a real study has before its appendix is written: a gold
standard (the spans all three coders agreed on), one training round on two
articles scored against it, the record of the all-to-all assignment, and a
codebook change replayed on the codings: two dominant frames close in
meaning, "Civilian harm" and "Humanitarian crisis", merged into one, then
the older codings migrated to the new version.
tests/reporting/test_appendix_demo.py runs this script and fails when the
files in docs/ are out of date.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from annotator.services import adjudication, assignment, training
from annotator.services.appendix import write_appendix
from annotator.services.codebook import CodebookService
from annotator.services.codebook_operations import apply_migration, merge
from annotator.services.demo import build_demo
from annotator.store.project import Project

ROOT = Path(__file__).resolve().parents[1]
SEED = 1
BOOTSTRAP = 1000
MERGED = ("Dominant frame/Civilian harm", "Dominant frame/Humanitarian crisis")
MERGED_INTO = "Civilian harm and humanitarian crisis"


def build(out_dir: Path) -> list[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.annotator"
        build_demo(path)
        with Project.open(path) as p:
            coders = [c for c in p.coders() if c.role == "coder"]
            judge = adjudication.ensure_adjudicator(p)
            docs = [d.id for d in p.documents.list_documents()]
            adjudication.accept_agreed(p, judge.id, [c.id for c in coders], docs)
            training.create_round(
                p, name="R1", documents=docs[:2], threshold=0.667, variables=["Source type"], coders=None
            )
            training.round_scores(p, "R1")
            plan = assignment.plan_all(assignment.assignable_documents(p), [c.id for c in coders])
            assignment.apply_plan(p, plan)
            codebook = p.codes.codebook()
            merge(CodebookService(p), [codebook.by_path(c).id for c in MERGED], MERGED_INTO)
            apply_migration(p, p.codes.codebook_version())
            written = []
            for suffix in (".md", ".html"):
                target = out_dir / f"appendix-demo{suffix}"
                write_appendix(p, target, bootstrap=BOOTSTRAP, seed=SEED)
                written.append(target)
    return written


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    for f in build(out):
        print(f"wrote {f}")
