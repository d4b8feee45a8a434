"""Agreement reads annotations as columns (issue 19, item 2): no Python object
per annotation on the way from the project file to the figures, and the
columns still read as the project's annotations for code that iterates them."""

from __future__ import annotations

import pytest

import annotator.core.models as models
from annotator.services.agreement import agreement_report, coding_data
from annotator.services.projects import find_coders
from annotator.store.project import Project
from tests.agreement_project import build_agreement_project


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    path = build_agreement_project(
        tmp_path_factory.mktemp("columns") / "s.annotator", documents=300, spans=12
    )
    with Project.open(path, readonly=True) as p:
        yield p


@pytest.mark.parametrize("unit", ["document", "sentence", "continuum"])
def test_no_object_is_made_per_annotation(synthetic, monkeypatch, unit):
    made = [0]
    original = models.Annotation.__init__

    def counting(self, *args, **kwargs):
        made[0] += 1
        original(self, *args, **kwargs)

    monkeypatch.setattr(models.Annotation, "__init__", counting)
    report = agreement_report(synthetic, unit=unit)
    assert report.variables and made[0] == 0


def test_the_columns_read_as_the_annotations_of_the_sample(synthetic):
    coders = find_coders(synthetic, None)
    data = coding_data(synthetic, coders, segments=False)
    ids = {c.id for c in coders}
    want = sorted(
        (a.document_id, a.coder_id, a.code_id, a.start, a.end)
        for a in synthetic.annotations.select()
        if a.coder_id in ids and a.document_id in data.lengths
    )
    got = sorted((a.document_id, a.coder_id, a.code_id, a.start, a.end) for a in data.annotations)
    assert got == want and len(data.annotations) == len(want)
    first = data.annotations[0]
    (again,) = data.annotations[:1]
    assert (again.document_id, again.start, again.code_id) == (first.document_id, first.start, first.code_id)
