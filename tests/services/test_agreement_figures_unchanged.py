"""Every agreement figure stays the same to the last digit (issue 19, item 2):
the full report at every unit, on the demo project and on a seeded synthetic
project, compared with the JSON written before the agreement path was made
faster. Floats are compared as printed by repr, so a changed summation order
shows. Regenerate (only for an intended change of results) with
ANNOTATOR_WRITE_REFERENCES=1."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from annotator.reporting.agreement_files import to_json
from annotator.services.agreement import agreement_report
from annotator.services.demo import build_demo
from annotator.store.project import Project
from tests.agreement_project import build_agreement_project

REFERENCES = Path(__file__).resolve().parents[1] / "data" / "references" / "agreement_reports"
UNITS = ("document", "sentence", "paragraph", "token", "continuum")
# what changes from run to run or machine to machine, not a figure
VOLATILE = ("date", "computed_at", "project_file", "software")
# the runs name every option they rely on, so a change of the defaults
# (services.agreement.AGREEMENT_DEFAULTS) is not read as a change of the figures
RUNS = {
    "all": {"bootstrap": 0},
    "two_coders_bootstrap": {"coders": ["ana", "ben"], "bootstrap": 300, "seed": 5},
    "three_with_adjudicator_bootstrap": {"coders": ["ana", "ben", "dara"], "bootstrap": 200, "seed": 11},
}
# the demo's code and coder ids are new on every build, and a seeded bootstrap is
# keyed by the variable's id: bootstraps are checked on the synthetic project
DEMO_RUNS = {"all": {"bootstrap": 0}}


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    root = tmp_path_factory.mktemp("figures")
    build_demo(root / "demo.annotator")
    build_agreement_project(root / "synthetic.annotator")
    opened = {
        "demo": Project.open(root / "demo.annotator", readonly=True),
        "synthetic": Project.open(root / "synthetic.annotator", readonly=True),
    }
    yield opened
    for p in opened.values():
        p.close()


def _report_json(project: Project, unit: str, options: dict) -> dict:
    report = agreement_report(project, unit=unit, **options)
    text = to_json(report)
    # ids made at random when the demo is built stand for their names
    cb = project.codes.codebook()
    for code in cb:
        text = text.replace(code.id, f"<code {cb.path(code.id)}>")
    for coder in project.coders():
        text = text.replace(coder.id, f"<coder {coder.name}>")
    data = json.loads(text)
    for key in VOLATILE:
        data["parameters"].pop(key, None)
    return data


def _cases() -> list[tuple[str, str, str]]:
    out = [("demo", unit, run) for unit in UNITS for run in DEMO_RUNS]
    out += [("synthetic", unit, run) for unit in UNITS for run in RUNS]
    return out


@pytest.mark.parametrize(("name", "unit", "run"), _cases(), ids=["-".join(c) for c in _cases()])
def test_agreement_figures_are_unchanged(projects, name, unit, run):
    options = (DEMO_RUNS if name == "demo" else RUNS)[run]
    got = _report_json(projects[name], unit, options)
    path = REFERENCES / f"{name}-{unit}-{run}.json"
    if os.environ.get("ANNOTATOR_WRITE_REFERENCES") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            json.dumps(got, indent=1, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )
    want = json.loads(path.read_text(encoding="utf-8"))
    # json writes floats with repr, so equal text is equal to the last digit
    assert json.dumps(got, sort_keys=True) == json.dumps(want, sort_keys=True)
