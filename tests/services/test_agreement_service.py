"""Agreement from a real project: the report, the exported matrix, and the
same figure recomputed from that matrix (as R's irr would)."""

from __future__ import annotations

import math

import krippendorff
import numpy as np
import pytest

from annotator.core.errors import AnnotatorError
from annotator.reporting import read_matrix_csv
from annotator.services.agreement import agreement_report, export_reliability_matrix, matrix_file_report
from annotator.services.demo import build_demo
from annotator.store.project import Project


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("agreement") / "demo.annotator"
    build_demo(path)
    p = Project.open(path)
    yield p
    p.close()


def _variable(report, name):
    return next(v for v in report.variables if v.name == name)


def test_report_names_what_was_computed(demo):
    report = agreement_report(demo, unit="sentence", coders=["Amira", "Ben", "Chen"], bootstrap=200, seed=3)
    params = report.parameters
    assert params["unit"] == "sentence"
    assert params["codebook_version"] == demo.codes.codebook_version()
    assert {c["name"] for c in params["coders"]} == {"Amira", "Ben", "Chen"}
    source = _variable(report, "Source type")
    assert source.kind != "code" and 0 < source.alpha < 1  # an exclusive group: one nominal variable
    assert source.ci_low <= source.alpha <= source.ci_high
    again = agreement_report(demo, unit="sentence", coders=["Amira", "Ben", "Chen"], bootstrap=200, seed=3)
    assert _variable(again, "Source type").ci_low == source.ci_low  # seeded: reproducible


def test_exported_matrix_gives_the_same_alpha_elsewhere(demo, tmp_path):
    report = agreement_report(demo, unit="sentence", coders=["Amira", "Ben", "Chen"])
    target = tmp_path / "m.csv"
    info = export_reliability_matrix(
        demo, target, unit="sentence", coders=["Amira", "Ben", "Chen"], code="Source type"
    )
    m = read_matrix_csv(target)
    assert m.coders == ["Amira", "Ben", "Chen"] and len(m.units) == info["units"]
    values = np.array([[np.nan if v is None else float(v) for v in row] for row in m.values]).T
    theirs = krippendorff.alpha(reliability_data=values, level_of_measurement="nominal")
    ours = _variable(report, "Source type").alpha
    assert math.isclose(ours, theirs, abs_tol=1e-9)
    assert math.isclose(matrix_file_report(target).variables[0].alpha, ours, abs_tol=1e-9)


def test_gold_standard_can_be_compared_as_a_rater(demo, tmp_path):
    from annotator.services.adjudication import accept_agreed, ensure_adjudicator

    copy = tmp_path / "gold.annotator"
    demo.copy_to(copy)
    with Project.open(copy) as p:
        gold = ensure_adjudicator(p, "Gold")
        coders = [c.id for c in p.coders() if c.role == "coder"]
        assert accept_agreed(p, gold.id, coders) > 0
        report = agreement_report(p, unit="document", coders=["Amira", "Gold"])
        assert {c["name"] for c in report.parameters["coders"]} == {"Amira", "Gold"}


def test_one_coder_is_refused_with_a_sentence(demo):
    with pytest.raises(AnnotatorError, match="at least two coders"):
        agreement_report(demo, coders=["Amira"])
