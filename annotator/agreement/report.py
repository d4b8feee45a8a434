"""The agreement report: one entry point from coded data to every figure.

``compute_report`` builds the reliability data at the chosen unit, computes
per variable the coefficients of DESIGN.md §5, optional bootstrap intervals
and per-document figures, and records every parameter used.
``matrix_report`` does the same for a units x coders table from elsewhere.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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
from annotator.agreement.alt_test import EPSILON
from annotator.agreement.bootstrap import THRESHOLDS, bootstrap_alphas
from annotator.agreement.errors import CANCELLED, AgreementError
from annotator.agreement.kappa import brennan_prediger, cohen_kappa, fleiss_kappa, scott_pi
from annotator.agreement.model_rater import ModelFigures, model_figures
from annotator.agreement.reliability_data import (
    UNITS,
    CodingData,
    UnitData,
    Variable,
    continuum_data,
    unit_data,
)
from annotator.agreement.report_continuum import (
    _add_span_f1,
    _continuum_variable,
    _overall_documents_continuum,
)
from annotator.agreement.report_model import (
    TWO_CODERS_ONLY,
    AgreementReport,
    DocumentFigure,
    VariableReport,
    apply_bootstrap,
)
from annotator.agreement.tally import Tally, tally
from annotator.core.task import NULL_STATE, TaskState

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
    model_coders: Sequence[str] = (),
    epsilon: float = EPSILON,
) -> AgreementReport:
    """Agreement among ``coders`` on ``data`` at ``unit`` (one of UNITS).

    ``variables``: code or group ids (default: all, see ``select_variables``);
    ``levels``: level of measurement per variable id (default nominal);
    ``bootstrap``: number of resamples for alpha's interval (0: none).
    ``model_coders``: those of ``coders`` that are models; each gets
    :class:`ModelFigures` per variable (``epsilon``: the margin of the
    alternative annotator test).
    Interrupted through ``state``, it raises Cancelled at the next step.
    """
    if unit not in UNITS:
        raise AgreementError(f"Unknown unit of analysis {unit!r}; use one of {', '.join(UNITS)}.")
    if bootstrap < 0:
        raise AgreementError("The number of bootstrap resamples cannot be negative.")
    names = _display_names(coders, coder_names)
    data._spans_cache = None
    try:
        report = _compute_report(
            data,
            unit,
            coders,
            variables,
            levels,
            bootstrap,
            seed,
            confidence,
            thresholds,
            names,
            top_documents,
            state,
            model_coders,
            epsilon,
        )
    finally:
        del data._spans_cache
    return report


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
    model_coders: Sequence[str],
    epsilon: float,
) -> AgreementReport:
    if unit == "continuum":
        cdata = continuum_data(data, coders=coders, variables=variables)
        steps = len(cdata.variables) + 2
        _step(state, 1, steps)
        reports = []
        per_doc: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for i in range(len(cdata.variables)):
            boot = dict(samples=bootstrap, seed=seed, confidence=confidence, thresholds=thresholds)
            rep, doc_figures = _continuum_variable(
                cdata, i, names, data, top_documents, boot if bootstrap else None
            )
            reports.append(rep)
            per_doc.append(doc_figures)
            _step(state, i + 2, steps)
        docs, lengths, coded, notes = cdata.documents, cdata.lengths, cdata.coded, cdata.notes
        vars_ = cdata.variables
        if model_coders:
            notes = [*notes, CONTINUUM_MODEL]
        overall = _overall_documents_continuum(per_doc, cdata, data)
    else:
        udata = unit_data(data, unit=unit, coders=coders, variables=variables, levels=levels)
        vars_ = udata.variables
        steps = len(vars_) * (1 + bootstrap) + 2
        _step(state, 1, steps)
        # only what the bootstrap reads is kept of each variable's tally, and its
        # per-document sums go straight into the overall ones
        kinds: list[tuple[np.ndarray, np.ndarray]] = []
        reports = []
        doc_sums = np.zeros((4, len(udata.documents)))
        for i in range(len(vars_)):
            rep, t, per_document = _unit_variable(udata, i, names, data, top_documents)
            reports.append(rep)
            kinds.append((t.counts, t.n))
            doc_sums += np.stack(per_document[1:])
            del t, per_document
            _step(state, i + 2, steps)
        if bootstrap:
            boots = bootstrap_alphas(
                [counts for counts, _ in kinds],
                [v.level for v in vars_],
                [_cats(v) for v in vars_],
                samples=bootstrap,
                seed=seed,
                keys=[v.id for v in vars_],
                weights=[n for _, n in kinds],
                confidence=confidence,
                thresholds=thresholds,
                state=state.part(len(vars_) + 1, steps),
            )
            state.check(CANCELLED)
            for rep, b in zip(reports, boots, strict=True):
                apply_bootstrap(rep, b)
        for rep, var, codes in zip(reports, vars_, udata.values, strict=True):
            rep.models = _model_figures(
                var, codes, udata.coders, model_coders, names, bootstrap, seed, confidence, epsilon
            )
        docs, coded, notes = udata.documents, udata.coded, udata.notes
        lengths = np.fromiter(map(data.lengths.__getitem__, docs), dtype=np.int64, count=len(docs))
        overall = _overall_documents_units(udata, len(vars_), doc_sums, data)
    _add_span_f1(reports, data, coders, names)
    state.set_progress(steps, steps)
    params = {
        "unit": unit,
        "coders": [
            {"id": c, "name": names[c], "documents_coded": int(coded[:, i].sum())}
            for i, c in enumerate(coders)
        ],
        "documents": len(docs),
        "documents_coded_by_two_or_more": int((coded.sum(axis=1) >= 2).sum()),
        "characters": int(np.asarray(lengths).sum()),
        "variables": [v.id for v in vars_],
        "levels": {v.id: v.level for v in vars_},
        "bootstrap": bootstrap,
        "bootstrap_method": (
            "documents resampled with replacement"
            if unit == "continuum"
            else "units resampled with replacement"
        )
        if bootstrap
        else "none",
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
    if model_coders:
        params.update({"model_coders": [names[m] for m in model_coders], "alt_test_epsilon": epsilon})
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
        raise AgreementError(
            f"The table has {n_coders} coder columns but {len(coder_ids)} coder names were given."
        )
    var = Variable(name, name, "matrix", tuple(cats), level)
    t = tally(codes, len(cats))
    rep = _coding_figures(var, t, coder_ids, {c: c for c in coder_ids})
    for i, c in enumerate(coder_ids):
        given = codes[:, i] >= 0
        rep.coverage[c] = float(given.mean()) if len(given) else None  # share of units this coder coded
    if bootstrap:
        b = bootstrap_alphas(
            [t.counts],
            [level],
            [_cats(var)],
            samples=bootstrap,
            seed=seed,
            keys=[name],
            weights=[t.n],
            confidence=confidence,
            thresholds=thresholds,
        )[0]
        apply_bootstrap(rep, b)
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


CONTINUUM_MODEL = (
    "The model coder's figures (humans with and without it, the alternative annotator test) "
    "are computed at the document, paragraph, sentence or token unit, not on the continuum."
)


def _model_figures(
    var: Variable,
    codes: np.ndarray,
    coders: Sequence[str],
    model_coders: Sequence[str],
    names: Mapping[str, str],
    bootstrap: int,
    seed: int | None,
    confidence: float,
    epsilon: float,
) -> list[ModelFigures]:
    humans = [i for i, c in enumerate(coders) if c not in model_coders]
    if not humans:
        return []
    return [
        model_figures(
            codes,
            _cats(var),
            var.level,
            model=coders.index(m),
            humans=humans,
            names=[names[c] for c in coders],
            bootstrap=bootstrap,
            seed=seed,
            key=f"{var.id}:{m}",
            confidence=confidence,
            epsilon=epsilon,
        )
        for m in model_coders
        if m in coders
    ]


def _cats(var: Variable) -> tuple:
    return var.alpha_categories()


def _coding_figures(
    var: Variable, t: Tally, coders: Sequence[str], names: Mapping[str, str]
) -> VariableReport:
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
        id=var.id,
        name=var.name,
        kind=var.kind,
        level=var.level,
        categories=list(var.categories),
        units=int(w[m >= 1].sum()),
        pairable_units=alpha.pairable_units,
        coders=int(((t.codes >= 0).sum(axis=0) > 0).sum()),
        percent_agreement=alpha.percent_agreement,
        alpha=alpha.alpha,
        observed_disagreement=alpha.observed_disagreement,
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
) -> tuple[VariableReport, Tally, tuple[np.ndarray, ...]]:
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
    per_document = _per_document(t, udata.unit_doc, len(udata.documents))
    rep.documents = _figures(udata.documents, data, *per_document, top=top)
    return rep, t, per_document


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
    if len(unit_doc) == n_docs and (units == 1).all():
        # one unit per document (the document unit): its sums are its kind's own figures
        sums = [np.ascontiguousarray(row[t.of[np.argsort(unit_doc, kind="stable")]]) for row in per_kind]
    elif n_docs * n_kinds <= 4_000_000:
        # how many units of each kind each document has, then one product for all four sums
        doc_kind = np.bincount(unit_doc * n_kinds + t.of, minlength=n_docs * n_kinds).reshape(n_docs, n_kinds)
        sums = list((doc_kind @ per_kind.T).T)
    else:
        sums = [np.bincount(unit_doc, weights=row[t.of], minlength=n_docs) for row in per_kind]
    return (units, *sums)


def _figures(
    documents: Sequence[str],
    data: CodingData,
    units: np.ndarray,
    n_pair: np.ndarray,
    n_diff: np.ndarray,
    agree_sum: np.ndarray,
    value_sum: np.ndarray,
    *,
    top: int | None = None,
) -> list[DocumentFigure]:
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(value_sum > 0, agree_sum / np.where(value_sum > 0, value_sum, 1), np.nan)
    keep = np.flatnonzero(n_pair > 0)
    if top is not None and 0 < top < len(keep):
        keep = _possible_top(keep, -n_diff[keep], share[keep], top)
    order = keep[np.lexsort((share[keep], -n_diff[keep]))][:top]
    titles = data.titles
    out = []
    # plain numbers first: one conversion per column, not five numpy scalars per document
    for d, n_units, pairable, differing, s in zip(
        order.tolist(),
        units[order].tolist(),
        n_pair[order].tolist(),
        n_diff[order].tolist(),
        share[order].tolist(),
        strict=True,
    ):
        doc = documents[d]
        a = None if s != s else s  # NaN: no pairable values
        out.append(
            DocumentFigure(
                doc,
                titles.get(doc, ""),
                int(n_units),
                int(pairable),
                int(differing),
                a,
                None if a is None else 1.0 - a,
            )
        )
    return out


def _possible_top(keep: np.ndarray, first: np.ndarray, second: np.ndarray, top: int) -> np.ndarray:
    """The documents of ``keep`` that can be among the first ``top`` in the order
    of (``first``, ``second``), in their own order: a document ranked after
    ``top`` others by either key never is, so only the rest need sorting."""
    threshold = np.partition(first, top - 1)[top - 1]
    ahead = first < threshold
    tied = first == threshold
    room = top - int(ahead.sum())
    if room < int(tied.sum()):
        cut = np.partition(second[tied], room - 1)[room - 1]
        tied &= second <= cut
    return keep[ahead | tied]


def _overall_documents_units(
    udata: UnitData, n_variables: int, doc_sums: np.ndarray, data: CodingData
) -> list[DocumentFigure]:
    """``doc_sums``: the four per-document sums of ``_per_document`` over all variables."""
    units = np.bincount(udata.unit_doc, minlength=len(udata.documents))
    # pairable and disagreeing counts here are unit-variable cells
    return _figures(udata.documents, data, units * max(n_variables, 1), *doc_sums)
