"""An :class:`AgreementReport` as a table and as sentences: the rows every file
format and the terminal show, and the wording for a methods section.

Undefined figures are ``None``, never a number; the reason is in the "Note" column.
"""

from __future__ import annotations

from typing import Any

from annotator.agreement.model_rater import ModelFigures
from annotator.agreement.report import AgreementReport, VariableReport

MEASURES = [
    ("units", "Units"),
    ("pairable_units", "Pairable units"),
    ("coders", "Coders"),
    ("percent_agreement", "Agreement"),
    ("alpha", "Alpha"),
    ("ci_low", "CI low"),
    ("ci_high", "CI high"),
    ("cohen_kappa", "Cohen's kappa"),
    ("scott_pi", "Scott's pi"),
    ("fleiss_kappa", "Fleiss' kappa"),
    ("brennan_prediger", "Brennan-Prediger"),
    ("f1_exact", "F1 exact"),
    ("f1_overlap", "F1 overlap"),
    ("cu_alpha", "cu-alpha"),
]


def columns(report: AgreementReport) -> list[str]:
    """Column names of :func:`to_rows`, in order."""
    cols = ["Variable", "Kind", "Level", "Coefficient"]
    cols += [label for _, label in MEASURES]
    for t in report.parameters.get("thresholds", []):
        cols.append(f"P(alpha < {t:g})")
    coder_names = [c["name"] for c in report.parameters.get("coders", [])]
    cols += [f"Coverage {n}" for n in coder_names]
    for model in report.parameters.get("model_coders", []):
        cols += [f"{model}: {label}" for label in MODEL_MEASURES]
    cols.append("Note")
    return cols


# per model coder: the three alphas with their intervals, then the alternative annotator test
MODEL_MEASURES = [
    "alpha humans only",
    "humans only CI low",
    "humans only CI high",
    "alpha with model",
    "with model CI low",
    "with model CI high",
    "alpha model vs humans",
    "model vs humans CI low",
    "model vs humans CI high",
    "winning rate",
    "advantage probability",
    "alternative annotator test",
]


def model_cells(m: ModelFigures) -> list[Any]:
    """The values of MODEL_MEASURES for one model coder, in order."""
    aat = m.alt_test
    verdict = {True: "passed", False: "failed", None: "not run"}[aat.get("passed")]
    if aat.get("caution"):
        verdict += " (alpha at chance)"
    return [
        m.humans_alpha,
        m.humans_low,
        m.humans_high,
        m.with_model_alpha,
        m.with_model_low,
        m.with_model_high,
        m.model_alpha,
        m.model_low,
        m.model_high,
        aat.get("winning_rate"),
        aat.get("advantage_probability"),
        verdict,
    ]


def variable_row(report: AgreementReport, v: VariableReport) -> dict[str, Any]:
    row: dict[str, Any] = {"Variable": v.name, "Kind": v.kind, "Level": v.level, "Coefficient": v.alpha_name}
    for attr, label in MEASURES:
        row[label] = getattr(v, attr)
    for t in report.parameters.get("thresholds", []):
        row[f"P(alpha < {t:g})"] = v.p_below.get(f"{t:g}")
    for c in report.parameters.get("coders", []):
        row[f"Coverage {c['name']}"] = v.coverage.get(c["name"])
    for m in v.models:
        row.update(
            {f"{m.model}: {label}": x for label, x in zip(MODEL_MEASURES, model_cells(m), strict=True)}
        )
    row["Note"] = v.reasons.get("alpha", "")
    return row


def to_rows(report: AgreementReport) -> list[dict[str, Any]]:
    """One dict per variable with the keys of :func:`columns` (numbers stay numbers)."""
    return [variable_row(report, v) for v in report.variables]


UNIT_WORDS = {
    "document": "documents",
    "paragraph": "paragraphs",
    "sentence": "sentences",
    "token": "tokens",
    "continuum": "characters",
    "matrix row": "units",
}


def methods_sentences(report: AgreementReport) -> list[str]:
    """One sentence per variable, worded for a methods section."""
    p = report.parameters
    unit_word = UNIT_WORDS.get(p.get("unit", ""), "units")
    n_coders = len(p.get("coders", []))
    out = []
    for v in report.variables:
        name = "Krippendorff's alpha" if v.alpha_name == "α" else f"Krippendorff's {v.alpha_name}"
        level = f" ({v.level})" if v.alpha_name == "α" else ""
        if v.alpha is None:
            out.append(f"{v.name}: {name}{level} is undefined — {v.reasons.get('alpha', 'see the notes')}")
            continue
        text = f"{v.name}: {name}{level} = {v.alpha:.3f}"
        if v.ci_low is not None and v.ci_high is not None:
            conf = float(p.get("confidence", 0.95)) * 100
            text += f" ({conf:g}% bootstrap CI {v.ci_low:.3f} to {v.ci_high:.3f}, {v.bootstrap_samples:,} resamples)"
        if v.percent_agreement is not None:
            text += f", percent agreement {100 * v.percent_agreement:.1f}%"
        where = f"{v.pairable_units:,} {unit_word}"
        if p.get("documents"):
            where += f" in {p['documents']:,} documents"
        out.append(f"{text}; {where}, {n_coders} coders.")
        out += [model_sentence(v.name, m, p) for m in v.models]
    return out


def _alpha_ci(alpha: float | None, low: float | None, high: float | None) -> str:
    if alpha is None:
        return "undefined"
    return f"{alpha:.3f}" + (f" [{low:.3f}, {high:.3f}]" if low is not None and high is not None else "")


def model_sentence(variable: str, m: ModelFigures, p: dict[str, Any]) -> str:
    """The model coder's figures for one variable, worded for a methods section."""
    text = (
        f"{variable}: the model coder {m.model} reached a mean pairwise alpha of "
        f"{_alpha_ci(m.model_alpha, m.model_low, m.model_high)} with the {len(m.humans)} human coders "
        f"({', '.join(m.humans)}); alpha was {_alpha_ci(m.humans_alpha, m.humans_low, m.humans_high)} among "
        f"the humans alone and {_alpha_ci(m.with_model_alpha, m.with_model_low, m.with_model_high)} with the model"
    )
    aat = m.alt_test
    if aat.get("winning_rate") is None:
        return f"{text}. {aat.get('note') or 'The alternative annotator test could not be run.'}"
    verdict = "passed" if aat["passed"] else "failed"
    return (
        f"{text}. The model {verdict} the alternative annotator test (Calderon, Reichart & Dror 2025; "
        f"epsilon {aat['epsilon']:g}, Benjamini-Yekutieli q {aat['fdr']:g}): winning rate "
        f"{aat['winning_rate']:.2f}, advantage probability {aat['advantage_probability']:.2f}."
        + (f" {aat['caution']}" if aat.get("caution") else "")
    )


def document_rows(report: AgreementReport) -> list[dict[str, Any]]:
    out = []
    for v in report.variables:
        for f in v.documents:
            out.append(
                {
                    "Variable": v.name,
                    "Document": f.document_id,
                    "Title": f.title,
                    "Units": f.units,
                    "Pairable units": f.pairable_units,
                    "Disagreeing units": f.disagreeing_units,
                    "Agreement": f.agreement,
                }
            )
    return out
