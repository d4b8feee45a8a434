"""Per-coder diagnostics of one reliability sample: which coder or category
causes the disagreement, and whether it changes as coding goes on.

Per variable at a coding unit: the confusion matrix and alpha of every pair of
coders and of each coder against gold (the adjudicator), alpha with each coder
left out, each coder's use of each category against the others' on the same
units, each coder's agreement per week or block of articles (drift), and the
articles with the most disagreement (the agreement report's per-article
figures, ranked).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

import annotator
from annotator.agreement.alpha import AlphaResult, alpha_from_codes
from annotator.agreement.confusion import pair_confusion, usage_rates
from annotator.agreement.drift import coding_periods, drift
from annotator.agreement.errors import AgreementError
from annotator.agreement.leave_one_out import alphas_without_each, pairwise_alphas
from annotator.agreement.reliability_data import SEGMENT_UNITS, CodingData, Variable, unit_data
from annotator.agreement.report import compute_report
from annotator.agreement.report_model import DocumentFigure

THREE_CODERS = "Leaving a coder out needs three or more coders."


@dataclass
class PairFigures:
    """Two coders (or a coder and gold) on the units both coded."""

    first: str
    second: str
    units: int
    agreement: float | None
    alpha: float | None
    matrix: list[list[int]]  # rows: the first coder's values, columns: the second's
    reason: str | None = None


@dataclass
class CoderEffect:
    coder: str
    alpha_without: float | None  # alpha of the other coders
    change: float | None  # alpha_without - alpha of all: above 0, this coder lowers alpha
    reason: str | None = None


@dataclass
class Usage:
    coder: str
    category: str
    rate: float | None  # share of this coder's values in the category
    others_rate: float | None  # share of the other coders' values on the same units
    values: int
    others_values: int


@dataclass
class DriftRow:
    coder: str
    period: str
    units: int
    pairs: int
    agreement: float | None
    against: str  # "the other coders" or the gold coder's name


@dataclass
class VariableDiagnostics:
    id: str
    name: str
    level: str
    categories: list[str]
    alpha: float | None
    pairable_units: int
    pairs: list[PairFigures] = field(default_factory=list)
    gold: list[PairFigures] = field(default_factory=list)
    leave_one_out: list[CoderEffect] = field(default_factory=list)
    usage: list[Usage] = field(default_factory=list)
    drift: list[DriftRow] = field(default_factory=list)
    documents: list[DocumentFigure] = field(default_factory=list)  # most disagreement first
    reasons: dict[str, str] = field(default_factory=dict)


@dataclass
class Diagnostics:
    parameters: dict[str, Any]
    variables: list[VariableDiagnostics]
    notes: list[str] = field(default_factory=list)

    def variable(self, key: str) -> VariableDiagnostics:
        for v in self.variables:
            if key in (v.id, v.name):
                return v
        raise AgreementError(f"The diagnostics have no variable {key!r}.")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def diagnose(
    data: CodingData,
    *,
    unit: str,
    coders: Sequence[str],
    gold: str | None = None,
    variables: Sequence[str] | None = None,
    levels: Mapping[str, str] | None = None,
    by: str = "week",
    block: int = 10,
    top_documents: int = 10,
    coder_names: Mapping[str, str] | None = None,
) -> Diagnostics:
    """Diagnostics of ``coders`` (ids) on ``data`` at ``unit``; ``gold``: the id
    of the adjudicator whose codings each coder is compared with."""
    if unit not in ("document", *SEGMENT_UNITS):
        raise AgreementError(
            "Diagnostics compare values per unit: use the document, paragraph, sentence or token unit."
        )
    coders = list(coders)
    if len(coders) < 2:
        raise AgreementError("Diagnostics need at least two coders.")
    if gold is not None and gold in coders:
        raise AgreementError("The gold coder is compared with the coders, so do not list it among them.")
    names = {c: str((coder_names or {}).get(c, c)) for c in [*coders, *([gold] if gold else [])]}
    columns = [*coders, gold] if gold else coders
    udata = unit_data(data, unit=unit, coders=columns, variables=variables, levels=levels)
    report = compute_report(
        data,
        unit=unit,
        coders=coders,
        variables=variables,
        levels=levels,
        coder_names=names,
        top_documents=top_documents,
    )
    period, labels = coding_periods(first_coding_times(data, udata.documents, columns), by=by, block=block)
    n = len(coders)
    g = n if gold else None
    out = []
    for var, codes in zip(udata.variables, udata.values, strict=True):
        vd = _variable(
            var, np.asarray(codes), n, g, [names[c] for c in columns], udata.unit_doc, period, labels
        )
        vd.documents = report.variable(var.id).documents
        out.append(vd)
    params = {
        "unit": unit,
        "coders": [names[c] for c in coders],
        "gold": names[gold] if gold else None,
        "documents": len(udata.documents),
        "drift_by": by,
        "drift_block": block if by == "order" else None,
        "drift_periods": labels,
        "leave_one_out": "alpha recomputed from scratch on the matrix without that coder",
        "agreement": "share of agreeing pairs of values (each pair of coders on the units both coded)",
        "codebook": data.codebook.name,
        "codebook_version": data.codebook.version,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "software": f"annotator {annotator.__version__}",
    }
    return Diagnostics(params, out, list(udata.notes))


def first_coding_times(data: CodingData, documents: Sequence[str], coders: Sequence[str]) -> np.ndarray:
    """Documents x coders: when the coder first coded the document (the earliest
    time of their spans and article-level codes; "" when unknown)."""
    doc_ix = {d: i for i, d in enumerate(documents)}
    coder_ix = {c: i for i, c in enumerate(coders)}
    first: dict[tuple[int, int], str] = {}

    def note(document_id: str, coder_id: str, when: str) -> None:
        d, c = doc_ix.get(document_id), coder_ix.get(coder_id)
        if d is None or c is None or not when:
            return
        # the store writes one ISO 8601 format, so the text orders like the time
        if (d, c) not in first or when < first[(d, c)]:
            first[(d, c)] = when

    for a in data.annotations:
        if not a.deleted:
            note(a.document_id, a.coder_id, a.created_at or a.updated_at)
    for dc in data.document_codes:
        if not dc.deleted:
            note(dc.document_id, dc.coder_id, dc.updated_at)
    when = np.full((len(documents), len(coders)), "", dtype=object)
    for cell, t in first.items():
        when[cell] = t
    return when


def _categories(var: Variable) -> tuple[Any, ...]:
    return var.alpha_categories()


def _variable(
    var: Variable,
    codes: np.ndarray,
    n: int,
    gold: int | None,
    names: list[str],
    unit_doc: np.ndarray,
    period: np.ndarray,
    labels: list[str],
) -> VariableDiagnostics:
    cats = _categories(var)
    k = len(cats)
    coded = codes[:, :n]
    overall = alpha_from_codes(coded, cats, level=var.level)
    vd = VariableDiagnostics(
        var.id, var.name, var.level, [str(c) for c in var.categories], overall.alpha, overall.pairable_units
    )
    if overall.reason:
        vd.reasons["alpha"] = overall.reason
    for (i, j), result in pairwise_alphas(coded, cats, level=var.level).items():
        vd.pairs.append(_pair(coded, i, j, k, names[i], names[j], result))
    if gold is not None:
        for c in range(n):
            result = alpha_from_codes(codes[:, [c, gold]], cats, level=var.level)
            vd.gold.append(_pair(codes, c, gold, k, names[c], names[gold], result))
    if n >= 3:
        for c, result in enumerate(alphas_without_each(coded, cats, level=var.level)):
            change = None if result.alpha is None or overall.alpha is None else result.alpha - overall.alpha
            vd.leave_one_out.append(CoderEffect(names[c], result.alpha, change, result.reason))
    else:
        vd.reasons["leave_one_out"] = THREE_CODERS
    own, others, n_own, n_others = usage_rates(coded, k)
    for c in range(n):
        for v in range(k):
            vd.usage.append(
                Usage(
                    names[c],
                    str(var.categories[v]),
                    float(own[c, v]) if n_own[c] else None,
                    float(others[c, v]) if n_others[c] else None,
                    int(n_own[c]),
                    int(n_others[c]),
                )
            )
    if gold is not None:
        points, against = drift(codes, unit_doc, period, labels, reference=gold), names[gold]
    else:
        points, against = drift(coded, unit_doc, period[:, :n], labels), "the other coders"
    vd.drift = [
        DriftRow(names[p.coder], labels[p.period], p.units, p.pairs, p.agreement, against) for p in points
    ]
    return vd


def _pair(
    codes: np.ndarray, i: int, j: int, k: int, first: str, second: str, result: AlphaResult
) -> PairFigures:
    table = pair_confusion(codes, i, j, k)
    units = int(table.sum())
    agreement = float(np.trace(table)) / units if units else None
    return PairFigures(
        first, second, units, agreement, result.alpha, table.astype(int).tolist(), result.reason
    )
