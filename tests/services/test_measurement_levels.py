"""The codebook's level of measurement reaches the agreement figures, in the
service the window calls and in `annotator agreement` alike."""

from __future__ import annotations

import math
import subprocess
import sys
from dataclasses import replace

import krippendorff
import numpy as np
import pytest

from annotator.core.codebook import Code
from annotator.core.models import Coder, Document, DocumentCode
from annotator.services.agreement import agreement_report
from annotator.store.project import Project

TONES = ("Negative", "Neutral", "Positive")
# one article per row: alice's value, bob's value (indexes into TONES)
CODINGS = [(0, 0), (0, 1), (1, 1), (2, 2), (0, 2), (1, 2), (2, 2), (0, 0)]


def tone_project(path) -> Project:
    p = Project.create(path)
    tone = p.codes.add_code(Code("Tone", scope="document", exclusive=True))
    values = [p.codes.add_code(Code(n, parent_id=tone.id, scope="document")) for n in TONES]
    coders = [p.add_coder(Coder("alice")), p.add_coder(Coder("bob"))]
    docs = [Document(text=f"Article number {i}.", title=f"A{i}") for i in range(len(CODINGS))]
    p.documents.add_documents(docs)
    for doc, pair in zip(p.documents.document_ids(), CODINGS, strict=True):
        for coder, value in zip(coders, pair, strict=True):
            p.annotations.set_document_code(DocumentCode(doc, coder.id, values[value].id))
    return p


def expected(level: str) -> float:
    data = np.array(CODINGS, dtype=float).T
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement=level))


@pytest.fixture
def tone(tmp_path):
    p = tone_project(tmp_path / "tone.annotator")
    yield p
    p.close()


def _tone(report):
    return next(v for v in report.variables if v.name == "Tone")


def test_the_codebook_level_is_used_by_the_report(tone):
    assert math.isclose(_tone(agreement_report(tone, unit="document")).alpha, expected("nominal"))
    code = tone.codes.codebook().by_path("Tone")
    tone.codes.update_code(replace(code, level="ordinal"))
    report = agreement_report(tone, unit="document")
    assert _tone(report).level == "ordinal"
    assert math.isclose(_tone(report).alpha, expected("ordinal"), abs_tol=1e-12)
    assert expected("ordinal") != pytest.approx(expected("nominal"))


def test_interval_on_named_values_falls_back_to_nominal_with_a_note(tone):
    code = tone.codes.codebook().by_path("Tone")
    tone.codes.update_code(replace(code, level="interval"))
    report = agreement_report(tone, unit="document")
    assert _tone(report).level == "nominal"
    assert any("Tone" in n and "interval" in n and "nominal" in n for n in report.notes)


def test_the_command_line_uses_the_codebook_level(tone):
    code = tone.codes.codebook().by_path("Tone")
    tone.codes.update_code(replace(code, level="ordinal"))
    out = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", "agreement", str(tone.path), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    variables = {v["name"]: v for v in json.loads(out.stdout)["variables"]}
    assert variables["Tone"]["level"] == "ordinal"
    assert math.isclose(variables["Tone"]["alpha"], expected("ordinal"), abs_tol=1e-9)


def test_ordinal_values_named_in_the_codebook_get_a_bootstrap_interval(tone):
    code = tone.codes.codebook().by_path("Tone")
    tone.codes.update_code(replace(code, level="ordinal"))
    report = agreement_report(tone, unit="document", bootstrap=200, seed=1)
    v = _tone(report)
    assert v.level == "ordinal" and v.ci_low is not None and v.ci_low <= v.alpha <= v.ci_high
    assert math.isclose(v.alpha, expected("ordinal"), abs_tol=1e-12)


def test_diagnostics_take_the_ordinal_level_too(tone):
    code = tone.codes.codebook().by_path("Tone")
    tone.codes.update_code(replace(code, level="ordinal"))
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "annotator.cli.main",
            "agreement",
            "diagnose",
            str(tone.path),
            "--format",
            "json",
        ],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert '"ordinal"' in out.stdout
