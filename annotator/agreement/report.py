"""The agreement report: one entry point from coded data to every figure.

``compute_report`` builds the reliability data at the chosen unit, computes
per variable the coefficients of DESIGN.md §5, optional bootstrap intervals
and per-document figures, and records every parameter used.
``matrix_report`` does the same for a units x coders table from elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

import annotator
from annotator.agreement.alpha import (
    AlphaResult,
    alpha_from_coincidences,
    check_level,
    coincidences,
    encode_matrix,
    row_sums,
)
from annotator.agreement.bootstrap import THRESHOLDS, BootstrapResult, bootstrap_alphas
from annotator.agreement.errors import CANCELLED, AgreementError
from annotator.agreement.kappa import brennan_prediger, cohen_kappa, fleiss_kappa, scott_pi
from annotator.agreement.reliability_data import (
    UNITS,
    CodingData,
    ContinuumData,
    UnitData,
    Variable,
    _Spans,
    coding_frame,
    continuum_data,
    span_tables,
    unit_data,
)
from annotator.agreement.spans_match import SpanTable, scores_by_label
from annotator.agreement.tally import Tally, tally
from annotator.agreement.unitizing import bootstrap_unitizing, unitizing_alphas
from annotator.core.task import NULL_STATE, TaskState

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
        return asdict(self)


# --- entry points ----------------------------------------------------------------------


def compute_report(
    data: CodingData,
    *,
    unit: str,
    coders: Sequence[str],
    variables: Sequence[str] | None = None,
    levels: Mapping[str, str] | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    confidence: float = 0.95,
    thresholds: Sequence[float] = THRESHOLDS,
    coder_names: Mapping[str, str] | None = None,
    top_documents: int = 10,
    state: TaskState = NULL_STATE,
) -> AgreementReport:
    """Agreement among ``coders`` on ``data`` at ``unit`` (one of UNITS).

    ``variables``: code or group ids (default: all, see ``select_variables``);
    ``levels``: level of measurement per variable id (default nominal);
    ``bootstrap``: number of resamples for alpha's interval (0: none).
    Interrupted through ``state``, it raises Cancelled at the next step.
    """
    if unit not in UNITS:
        raise AgreementError(f"Unknown unit of analysis {unit!r}; use one of {', '.join(UNITS)}.")
    if bootstrap < 0:
        raise AgreementError("The number of bootstrap resamples cannot be negative.")
    names = _display_names(coders, coder_names)
    data._spans_cache = None
    try:
        return _compute_report(data, unit, coders, variables, levels, bootstrap, seed, confidence, thresholds,
                               names, top_documents, state)
    finally:
        del data._spans_cache


def _compute_report(
    data: CodingData,
    unit: str,
    coders: Sequence[str],
    variables: Sequence[str] | None,
    levels: Mapping[str, str] | None,
    bootstrap: int,
    seed: int | None,
    confidence: float,
    thresholds: Sequence[float],
    names: Mapping[str, str],
    top_documents: int,
    state: TaskState,
) -> AgreementReport:
    if unit == "continuum":
        cdata = continuum_data(data, coders=coders, variables=variables)
        steps = len(cdata.variables) + 2
        _step(state, 1, steps)
        reports = []
        per_doc: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for i in range(len(cdata.variables)):
            boot = dict(samples=bootstrap, seed=seed, confidence=confidence, thresholds=thresholds)
            rep, doc_figures = _continuum_variable(cdata, i, names, data, top_documents, boot if bootstrap else None)
            reports.append(rep)
            per_doc.append(doc_figures)
            _step(state, i + 2, steps)
        docs, lengths, coded, notes = cdata.documents, cdata.lengths, cdata.coded, cdata.notes
        vars_ = cdata.variables
        overall = _overall_documents_continuum(per_doc, cdata, data)
    else:
        udata = unit_data(data, unit=unit, coders=coders, variables=variables, levels=levels)
        vars_ = udata.variables
        steps = len(vars_) * (1 + bootstrap) + 2
        _step(state, 1, steps)
        tallies = []
        reports = []
        for i in range(len(vars_)):
            rep, t = _unit_variable(udata, i, names, data, top_documents)
            reports.append(rep)
            tallies.append(t)
            _step(state, i + 2, steps)
        if bootstrap:
            boots = bootstrap_alphas(
                [t.counts for t in tallies], [v.level for v in vars_], [_cats(v) for v in vars_],
                samples=bootstrap, seed=seed, keys=[v.id for v in vars_], weights=[t.n for t in tallies],
                confidence=confidence, thresholds=thresholds,
                state=state.part(len(vars_) + 1, steps),
            )
            state.check(CANCELLED)
            for rep, b in zip(reports, boots, strict=True):
                _apply_bootstrap(rep, b)
        docs, coded, notes = udata.documents, udata.coded, udata.notes
        lengths = np.array([data.lengths[d] for d in docs])
        overall = _overall_documents_units(udata, tallies, data)
    _add_span_f1(reports, data, coders, names)
    state.set_progress(steps, steps)
    params = {
        "unit": unit,
        "coders": [{"id": c, "name": names[c], "documents_coded": int(coded[:, i].sum())}
                   for i, c in enumerate(coders)],
        "documents": len(docs),
        "documents_coded_by_two_or_more": int((coded.sum(axis=1) >= 2).sum()),
        "characters": int(np.asarray(lengths).sum()),
        "variables": [v.id for v in vars_],
        "levels": {v.id: v.level for v in vars_},
        "bootstrap": bootstrap,
        "bootstrap_method": ("documents resampled with replacement" if unit == "continuum"
                             else "units resampled with replacement") if bootstrap else "none",
        "seed": seed,
        "confidence": confidence,
        "thresholds": list(thresholds),
        "percent_agreement": "share of agreeing pairs of values within units, weighted as in alpha",
        "codebook": data.codebook.name,
        "codebook_version": data.codebook.version,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "software": f"annotator {annotator.__version__}",
        "multiple_values_rule": "When one unit holds two values of an exclusive group, the value covering "
        "most of the unit is taken (ties: the value listed first in the codebook).",
        "missing_rule": "Units of documents a coder did not code are missing for that coder, not absent.",
    }
    return AgreementReport(params, reports, overall, list(notes))


def matrix_report(
    matrix: Any,
    level: str = "nominal",
    *,
    coders: Sequence[str] | None = None,
    coders_in_rows: bool = False,
    bootstrap: int = 0,
    seed: int | None = None,
    confidence: float = 0.95,
    thresholds: Sequence[float] = THRESHOLDS,
    name: str = "matrix",
) -> AgreementReport:
    """ReCal-style figures for a units x coders table (blank/NaN/None = missing):
    alpha at ``level``, percent agreement, Fleiss' kappa, Brennan-Prediger, and
    for two coders Cohen's kappa and Scott's pi."""
    codes, cats = encode_matrix(matrix, coders_in_rows=coders_in_rows)
    check_level(level, cats)
    n_coders = codes.shape[1]
    coder_ids = list(coders) if coders is not None else [f"coder {i + 1}" for i in range(n_coders)]
    if len(coder_ids) != n_coders:
        raise AgreementError(f"The table has {n_coders} coder columns but {len(coder_ids)} coder names were given.")
    var = Variable(name, name, "matrix", tuple(cats), level)
    t = tally(codes, len(cats))
    rep = _coding_figures(var, t, coder_ids, {c: c for c in coder_ids})
    for i, c in enumerate(coder_ids):
        given = codes[:, i] >= 0
        rep.coverage[c] = float(given.mean()) if len(given) else None  # share of units this coder coded
    if bootstrap:
        b = bootstrap_alphas([t.counts], [level], [_cats(var)], samples=bootstrap, seed=seed, keys=[name],
                             weights=[t.n], confidence=confidence, thresholds=thresholds)[0]
        _apply_bootstrap(rep, b)
    params = {
        "unit": "matrix row",
        "coders": [{"id": c, "name": c} for c in coder_ids],
        "units": int(codes.shape[0]),
        "level": level,
        "bootstrap": bootstrap,
        "seed": seed,
        "confidence": confidence,
        "thresholds": list(thresholds),
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "software": f"annotator {annotator.__version__}",
    }
    return AgreementReport(params, [rep])


# --- per variable -------------------------------------------------------------------------


def _display_names(coders: Sequence[str], coder_names: Mapping[str, str] | None) -> dict[str, str]:
    """Coder names as shown in the report; two coders of the same name are told apart by their id."""
    names = {c: str((coder_names or {}).get(c, c)) for c in coders}
    seen: dict[str, int] = {}
    for n in names.values():
        seen[n] = seen.get(n, 0) + 1
    return {c: (f"{n} ({c[:8]})" if seen[n] > 1 and n != c else n) for c, n in names.items()}


def _step(state: TaskState, done: int, total: int) -> None:
    """Report a finished step and stop here if asked to."""
    state.set_progress(min(done, total), total)
    state.check(CANCELLED)


def _cats(var: Variable) -> tuple:
    if var.level in ("interval", "ratio"):
        nums = var.numeric_categories
        if nums is None:
            raise AgreementError(f"The variable {var.name!r} needs numeric values for the {var.level} level.")
        return nums
    return tuple(var.categories)


def _coding_figures(var: Variable, t: Tally, coders: Sequence[str], names: Mapping[str, str]) -> VariableReport:
    """Every coding coefficient of one variable, from its units grouped into kinds."""
    counts, w = t.counts, t.n
    m = row_sums(counts)
    o = coincidences(counts, weights=w)
    alpha: AlphaResult = alpha_from_coincidences(
        o, level=var.level, categories=_cats(var), pairable_units=int(w[m >= 2].sum())
    )
    n_coders = t.codes.shape[1]
    k = counts.shape[1]
    rep = VariableReport(
        id=var.id, name=var.name, kind=var.kind, level=var.level, categories=list(var.categories),
        units=int(w[m >= 1].sum()), pairable_units=alpha.pairable_units,
        coders=int(((t.codes >= 0).sum(axis=0) > 0).sum()), percent_agreement=alpha.percent_agreement,
        alpha=alpha.alpha, observed_disagreement=alpha.observed_disagreement,
        expected_disagreement=alpha.expected_disagreement,
    )
    if alpha.reason:
        rep.reasons["alpha"] = alpha.reason
    fk = fleiss_kappa(counts, weights=w)
    rep.fleiss_kappa = fk.value
    if fk.reason:
        rep.reasons["fleiss_kappa"] = fk.reason
    bp = brennan_prediger(counts, max(k, 2) if var.kind in ("code", "document-code") else k, weights=w)
    rep.brennan_prediger = bp.value
    if bp.reason:
        rep.reasons["brennan_prediger"] = bp.reason
    for i in range(n_coders):
        for j in range(i + 1, n_coders):
            ck = cohen_kappa(t.codes[:, i], t.codes[:, j], k, weights=w)
            rep.cohen_pairwise[f"{names[coders[i]]} | {names[coders[j]]}"] = ck.value
            if n_coders == 2:
                rep.cohen_kappa = ck.value
                sp = scott_pi(t.codes[:, i], t.codes[:, j], k, weights=w)
                rep.scott_pi = sp.value
                if ck.reason:
                    rep.reasons["cohen_kappa"] = ck.reason
                if sp.reason:
                    rep.reasons["scott_pi"] = sp.reason
    if n_coders != 2:
        rep.reasons["cohen_kappa"] = rep.reasons["scott_pi"] = TWO_CODERS_ONLY
    return rep


def _unit_variable(
    udata: UnitData, i: int, names: Mapping[str, str], data: CodingData, top: int
) -> tuple[VariableReport, Tally]:
    var = udata.variables[i]
    codes = udata.values[i]
    t = tally(codes, len(var.categories))
    rep = _coding_figures(var, t, udata.coders, names)
    given_value = var.kind in ("document-group", "document-value")
    for c, coder in enumerate(udata.coders):
        if given_value:
            # share of the coder's documents where a value was given
            mine = udata.coded[udata.unit_doc][:, c]
            share = float((codes[mine, c] >= 0).mean()) if mine.any() else None
        else:
            mine = t.codes[:, c] >= 0
            total = float(t.n[mine].sum())
            share = float(t.n[mine & (t.codes[:, c] > 0)].sum()) / total if total else None
        rep.coverage[names[coder]] = share
    if not given_value and not (t.codes > 0).any():
        rep.reasons.setdefault("coverage", "No coder used this code on these documents.")
    t.per_document = _per_document(t, udata.unit_doc, len(udata.documents))
    rep.documents = _figures(udata.documents, data, *t.per_document, top=top)
    return rep, t


def _per_document(t: Tally, unit_doc: np.ndarray, n_docs: int) -> tuple[np.ndarray, ...]:
    """Per document: units, pairable units, units with more than one value, and the
    agreeing and all pairable values (pairwise agreement = their ratio)."""
    counts = t.counts.astype(float)
    m = row_sums(counts)
    pairable = m >= 2
    agree = np.where(pairable, row_sums(counts * (counts - 1)) / np.maximum(m - 1, 1), 0.0)
    differs = pairable & (row_sums(counts > 0) > 1)
    values = np.where(pairable, m, 0.0)
    per_kind = np.stack([pairable.astype(float), differs.astype(float), agree, values])
    units = np.bincount(unit_doc, minlength=n_docs)
    n_kinds = len(t.n)
    if n_docs * n_kinds <= 4_000_000:
        # how many units of each kind each document has, then one product for all four sums
        doc_kind = np.bincount(unit_doc * n_kinds + t.of, minlength=n_docs * n_kinds).reshape(n_docs, n_kinds)
        sums = list((doc_kind @ per_kind.T).T)
    else:
        sums = [np.bincount(unit_doc, weights=row[t.of], minlength=n_docs) for row in per_kind]
    return (units, *sums)


def _figures(documents: Sequence[str], data: CodingData, units: np.ndarray, n_pair: np.ndarray, n_diff: np.ndarray,
             agree_sum: np.ndarray, value_sum: np.ndarray, *, top: int | None = None) -> list[DocumentFigure]:
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(value_sum > 0, agree_sum / np.where(value_sum > 0, value_sum, 1), np.nan)
    keep = np.flatnonzero(n_pair > 0)
    order = keep[np.lexsort((share[keep], -n_diff[keep]))][:top]
    out = []
    for d in order.tolist():
        a = None if np.isnan(share[d]) else float(share[d])
        out.append(DocumentFigure(documents[d], data.titles.get(documents[d], ""), int(units[d]), int(n_pair[d]),
                                  int(n_diff[d]), a, None if a is None else 1.0 - a))
    return out


def _overall_documents_units(udata: UnitData, tallies: list[Tally], data: CodingData) -> list[DocumentFigure]:
    n_docs = len(udata.documents)
    tot = np.zeros((4, n_docs))
    units = np.bincount(udata.unit_doc, minlength=n_docs)
    for t in tallies:
        tot += np.stack(t.per_document[1:])
    # pairable and disagreeing counts here are unit-variable cells
    return _figures(udata.documents, data, units * max(len(tallies), 1), *tot)


def _apply_bootstrap(rep: VariableReport, b: BootstrapResult) -> None:
    rep.bootstrap_samples = b.samples
    rep.ci_low, rep.ci_high = b.low, b.high
    rep.p_below = {f"{t:g}": p for t, p in b.p_below.items()}
    if b.reason:
        rep.reasons["bootstrap"] = b.reason
    elif b.undefined:
        rep.reasons["bootstrap"] = f"Alpha was undefined in {b.undefined} of {b.samples} resamples; they are left out."


def _continuum_variable(
    cdata: ContinuumData,
    i: int,
    names: Mapping[str, str],
    data: CodingData,
    top: int,
    boot: dict[str, Any] | None = None,
) -> tuple[VariableReport, tuple[np.ndarray, np.ndarray, np.ndarray]]:
    var = cdata.variables[i]
    values = len(var.categories) - 1 if var.kind == "group" else 1
    res = unitizing_alphas(cdata.lengths, cdata.coded, cdata.segments[i], values, merge_overlaps=var.kind == "code",
                           per_document=boot is not None)
    if res.trimmed:
        cdata.notes.append(
            f"{var.name}: {res.trimmed} overlapping segments of one coder were "
            + ("merged." if var.kind == "code" else "cut where the earlier one ends.")
        )
    o = res.observed
    total = float(o.sum())
    agreement = float(np.trace(o) / total) if total > 0 else None
    group = var.kind == "group"
    main = res.u_alpha if group else res.binary_u_alpha
    pairable_docs = int(res.doc_pairable.sum())
    rep = VariableReport(
        id=var.id, name=var.name, kind=var.kind, level="nominal", categories=list(var.categories),
        units=int(cdata.lengths[cdata.coded.any(axis=1)].sum()),
        pairable_units=int(cdata.lengths[res.doc_pairable].sum()),
        coders=int(cdata.coded[:, :].any(axis=0).sum()), percent_agreement=agreement, alpha=main,
        alpha_name="uα" if group else "|uα",
        u_alpha=res.u_alpha, binary_u_alpha=res.binary_u_alpha,
        cu_alpha=res.cu_alpha if group else None, cu_coverage=res.cu_coverage if group else None,
    )
    key = "u_alpha" if group else "binary_u_alpha"
    if key in res.reasons:
        rep.reasons["alpha"] = res.reasons[key]
    for k, why in res.reasons.items():
        if group or k != "cu_alpha":
            rep.reasons[k] = why
    if group:
        for k in range(1, values + 1):
            label = str(var.categories[k])
            rep.k_u_alpha[label] = res.k_u_alpha.get(k)
            rep.k_coverage[label] = res.k_coverage.get(k, 0.0)
    for c, coder in enumerate(cdata.coders):
        cov = res.coder_coverage[c]
        rep.coverage[names[coder]] = None if np.isnan(cov) else float(cov)
    for key in ("cohen_kappa", "scott_pi", "fleiss_kappa", "brennan_prediger"):
        rep.reasons[key] = NOT_ON_CONTINUUM
    if boot is not None:
        _apply_bootstrap(rep, bootstrap_unitizing(res, key=var.id, **boot))
        rep.reasons.setdefault("bootstrap_unit", BOOTSTRAP_DOCUMENTS)
    if pairable_docs == 0:
        rep.reasons["alpha"] = "No document was coded by two or more of the chosen coders."
    dis = res.doc_disagreement
    docs_ok = np.flatnonzero(res.doc_pairable & ~np.isnan(dis))
    order = docs_ok[np.argsort(-dis[docs_ok], kind="stable")]
    rep.documents = [
        DocumentFigure(cdata.documents[d], data.titles.get(cdata.documents[d], ""), int(cdata.lengths[d]),
                       int(cdata.lengths[d]), int(res.doc_disagreeing_chars[d]), float(1 - dis[d]), float(dis[d]))
        for d in order[:top].tolist()
    ]
    return rep, (res.doc_disagreement, res.doc_disagreeing_chars, res.doc_pairable)


def _overall_documents_continuum(
    per_doc: list[tuple[np.ndarray, np.ndarray, np.ndarray]], cdata: ContinuumData, data: CodingData
) -> list[DocumentFigure]:
    """Per document, over all variables: characters in disagreement and the mean share of disagreement."""
    n_docs = len(cdata.documents)
    share = np.zeros(n_docs)
    seen = np.zeros(n_docs)
    chars = np.zeros(n_docs)
    pairable = np.zeros(n_docs, dtype=bool)
    for dis, ch, ok in per_doc:
        valid = ok & ~np.isnan(dis)
        share[valid] += dis[valid]
        seen[valid] += 1
        chars += ch
        pairable |= ok
    docs = np.flatnonzero(pairable & (seen > 0))
    mean = share[docs] / seen[docs]
    order = docs[np.lexsort((-mean, -chars[docs]))]
    out = []
    for d in order.tolist():
        m = float(share[d] / seen[d])
        length = int(cdata.lengths[d])
        out.append(DocumentFigure(cdata.documents[d], data.titles.get(cdata.documents[d], ""), length, length,
                                  int(chars[d]), 1.0 - m, m))
    return out


# --- span matching ----------------------------------------------------------------------------


def _add_span_f1(reports: list[VariableReport], data: CodingData, coders: Sequence[str], names: Mapping[str, str]) -> None:
    span_vars = [r for r in reports if r.kind in ("code", "group")]
    if not span_vars:
        return
    docs, spans = span_tables(data, coders=coders)
    cb_codes = data.codebook.codes
    n_codes = len(cb_codes)
    code_index = {c.id: i for i, c in enumerate(cb_codes)}
    var_codes = {}
    for rep in span_vars:
        cb = data.codebook
        ids: list[str] = []
        roots = [c.id for c in cb.children(rep.id)] if rep.kind == "group" else [rep.id]
        for r in roots:
            ids.append(r)
            ids.extend(c.id for _, c in cb.walk(r))
        var_codes[rep.id] = np.array(sorted({code_index[i] for i in ids}), dtype=np.int64)
    _, _, coded = coding_frame(data, coders)
    pairs: dict[str, dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
    for i in range(len(coders)):
        for j in range(i + 1, len(coders)):
            both = coded[:, i] & coded[:, j]
            a = _table(spans, i, both)
            b = _table(spans, j, both)
            label = f"{names[coders[i]]} | {names[coders[j]]}"
            pairs[label] = {mode: scores_by_label(a, b, n_codes, mode=mode) for mode in ("exact", "overlap")}
    for rep in span_vars:
        idx = var_codes[rep.id]
        for mode in ("exact", "overlap"):
            f1s = []
            for label, by_mode in pairs.items():
                na, nb, credit = (x[idx].sum() for x in by_mode[mode])
                f1 = 2.0 * float(credit) / float(na + nb) if na + nb else None
                rep.f1_pairwise.setdefault(label, {})[mode] = f1
                if f1 is not None:
                    f1s.append(f1)
            value = float(np.mean(f1s)) if f1s else None
            setattr(rep, f"f1_{mode}", value)
        if not pairs:
            rep.reasons["f1"] = "Span F1 needs two or more coders."
        elif rep.f1_overlap is None:
            rep.reasons["f1"] = "No coder marked a span of this code on documents coded by two coders."


def _table(spans: _Spans, coder: int, docs_mask: np.ndarray) -> SpanTable:
    keep = (spans.coder == coder) & docs_mask[spans.doc]
    return SpanTable(spans.doc[keep], spans.start[keep], spans.end[keep], spans.code[keep])
