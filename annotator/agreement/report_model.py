"""What an agreement report holds: per variable its coefficients, interval and
per-document figures, and the parameters that produced them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from annotator.agreement.bootstrap import BootstrapResult
from annotator.agreement.errors import AgreementError
from annotator.agreement.model_rater import ModelFigures

TWO_CODERS_ONLY = "Defined for exactly two coders; see the pairwise figures."
NOT_ON_CONTINUUM = "Not defined on the continuum; see the unitizing coefficients."
BOOTSTRAP_DOCUMENTS = "On the continuum the bootstrap resamples whole documents."


@dataclass
class DocumentFigure:
    """Where coders part ways: one document's figures for one variable (or all)."""

    document_id: str
    title: str
    units: int
    pairable_units: int
    disagreeing_units: int  # units (or, on the continuum, nothing) with more than one value
    agreement: float | None  # pairwise percent agreement in this document
    disagreement: float | None  # 1 - agreement


@dataclass
class VariableReport:
    id: str
    name: str
    kind: str
    level: str
    categories: list[Any]
    units: int  # units with at least one value
    pairable_units: int  # units with values from two or more coders
    coders: int  # coders who gave at least one value
    percent_agreement: float | None
    alpha: float | None  # Krippendorff's alpha; on the continuum the main unitizing alpha
    alpha_name: str = "α"
    observed_disagreement: float | None = None
    expected_disagreement: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    p_below: dict[str, float] = field(default_factory=dict)
    bootstrap_samples: int = 0
    cohen_kappa: float | None = None
    cohen_pairwise: dict[str, float | None] = field(default_factory=dict)
    scott_pi: float | None = None
    fleiss_kappa: float | None = None
    brennan_prediger: float | None = None
    f1_exact: float | None = None
    f1_overlap: float | None = None
    f1_pairwise: dict[str, dict[str, float | None]] = field(default_factory=dict)
    coverage: dict[str, float | None] = field(default_factory=dict)
    u_alpha: float | None = None
    binary_u_alpha: float | None = None
    cu_alpha: float | None = None
    cu_coverage: float | None = None
    k_u_alpha: dict[str, float | None] = field(default_factory=dict)
    k_coverage: dict[str, float] = field(default_factory=dict)
    reasons: dict[str, str] = field(default_factory=dict)
    documents: list[DocumentFigure] = field(default_factory=list)  # most disagreement first
    models: list[ModelFigures] = field(default_factory=list)  # one per model coder among the coders


@dataclass
class AgreementReport:
    parameters: dict[str, Any]
    variables: list[VariableReport]
    documents: list[DocumentFigure] = field(default_factory=list)  # all variables, most disagreement first
    notes: list[str] = field(default_factory=list)

    def variable(self, key: str) -> VariableReport:
        for v in self.variables:
            if key in (v.id, v.name):
                return v
        raise AgreementError(f"The report has no variable {key!r}.")

    def to_dict(self) -> dict[str, Any]:
        """Every field; a report without a model coder keeps the shape it had before there were any."""
        out = asdict(self)
        for v in out["variables"]:
            if not v["models"]:
                del v["models"]
        return out


def apply_bootstrap(rep: VariableReport, b: BootstrapResult) -> None:
    rep.bootstrap_samples = b.samples
    rep.ci_low, rep.ci_high = b.low, b.high
    rep.p_below = {f"{t:g}": p for t, p in b.p_below.items()}
    if b.reason:
        rep.reasons["bootstrap"] = b.reason
    elif b.undefined:
        rep.reasons["bootstrap"] = (
            f"Alpha was undefined in {b.undefined} of {b.samples} resamples; they are left out."
        )
