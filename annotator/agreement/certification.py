"""Certifying a coder against gold: per variable, alpha of the coder and the
gold standard on the training articles, percent agreement, span F1 and the
confusion matrix; the coder passes when every variable reaches the threshold.

The figures come from the same engine as the agreement report (alpha of the
two-column reliability matrix coder | gold) and from ``pair_confusion``, so a
coder's training score is the number the report would give for the pair.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from annotator.agreement.confusion import pair_confusion
from annotator.agreement.errors import AgreementError
from annotator.agreement.reliability_data import SEGMENT_UNITS, CodingData, unit_data
from annotator.agreement.report import compute_report

NO_ALPHA = "Alpha is undefined here (no variation or no shared units), so the coder cannot pass on it."
NO_VARIATION = "Alpha is undefined (no variation); the coder agreed with gold on every unit, which passes."
NOT_IN_GOLD = "Gold and the coder share no unit of this variable; it is left out of the round's verdict."


@dataclass
class VariableScore:
    id: str
    name: str
    categories: list[str]
    alpha: float | None
    agreement: float | None  # share of units where coder and gold agree
    f1: float | None  # span F1 with overlap matching, gold as the reference (span variables)
    units: int  # units both coded
    matrix: list[list[int]]  # rows: the coder's values, columns: gold's
    passed: bool
    reason: str | None = None


@dataclass
class CoderScore:
    coder_id: str
    coder: str
    threshold: float
    variables: list[VariableScore] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # variables with no unit shared with gold

    @property
    def passed(self) -> bool:
        return bool(self.variables) and all(v.passed for v in self.variables)

    def failing(self) -> list[str]:
        return [v.name for v in self.variables if not v.passed]

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "passed": self.passed}


def reaches(alpha: float | None, agreement: float | None, threshold: float) -> bool:
    """Whether ``alpha`` meets the threshold. Alpha is undefined when neither
    coder nor gold varies: total agreement then passes (failing a coder for
    matching gold on every unit would be absurd), anything else does not."""
    if alpha is None:
        return agreement is not None and agreement >= 1.0 - 1e-12
    return alpha >= threshold - 1e-12


def score_against_gold(
    data: CodingData,
    *,
    unit: str,
    coder: str,
    gold: str,
    threshold: float,
    variables: Sequence[str] | None = None,
    levels: Mapping[str, str] | None = None,
    coder_names: Mapping[str, str] | None = None,
) -> CoderScore:
    """``coder``'s scores against ``gold`` (ids) on ``data``. With every
    variable (``variables`` None), those coder and gold share no unit of are
    left out (gold need not code them all); named ones always count."""
    if unit not in ("document", *SEGMENT_UNITS):
        raise AgreementError(
            "Training scores compare values per unit: use the document, paragraph, sentence or token unit."
        )
    if coder == gold:
        raise AgreementError("A coder cannot be scored against their own coding as gold.")
    names = dict(coder_names or {})
    report = compute_report(
        data, unit=unit, coders=[coder, gold], variables=variables, levels=levels, coder_names=names
    )
    udata = unit_data(data, unit=unit, coders=[coder, gold], variables=variables, levels=levels)
    score = CoderScore(coder, names.get(coder, coder), threshold)
    for var, codes in zip(udata.variables, udata.values, strict=True):
        rep = report.variable(var.id)
        table = pair_confusion(np.asarray(codes), 0, 1, len(var.categories))
        units = int(table.sum())
        agreement = float(np.trace(table)) / units if units else None
        if units == 0 and variables is None:
            score.skipped.append(var.name)
            continue
        passed = reaches(rep.alpha, agreement, threshold)
        reason = None
        if rep.alpha is None:
            reason = NO_VARIATION if passed else rep.reasons.get("alpha", NO_ALPHA)
        score.variables.append(
            VariableScore(
                var.id,
                var.name,
                [str(c) for c in var.categories],
                rep.alpha,
                agreement,
                rep.f1_overlap if var.is_span else None,
                units,
                table.astype(int).tolist(),
                passed,
                reason,
            )
        )
    return score
