"""Agreement on the character continuum: Krippendorff's unitizing
coefficients per variable, per-document figures, and pairwise span F1."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from annotator.agreement.reliability_data import (
    CodingData,
    ContinuumData,
    _Spans,
    coding_frame,
    span_tables,
)
from annotator.agreement.report_model import (
    BOOTSTRAP_DOCUMENTS,
    NOT_ON_CONTINUUM,
    DocumentFigure,
    VariableReport,
    apply_bootstrap,
)
from annotator.agreement.spans_match import SpanTable, scores_by_label_modes
from annotator.agreement.unitizing import bootstrap_unitizing, unitizing_alphas


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
    res = unitizing_alphas(
        cdata.lengths,
        cdata.coded,
        cdata.segments[i],
        values,
        merge_overlaps=var.kind == "code",
        per_document=boot is not None,
    )
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
        id=var.id,
        name=var.name,
        kind=var.kind,
        level="nominal",
        categories=list(var.categories),
        units=int(cdata.lengths[cdata.coded.any(axis=1)].sum()),
        pairable_units=int(cdata.lengths[res.doc_pairable].sum()),
        coders=int(cdata.coded[:, :].any(axis=0).sum()),
        percent_agreement=agreement,
        alpha=main,
        alpha_name="uα" if group else "|uα",
        u_alpha=res.u_alpha,
        binary_u_alpha=res.binary_u_alpha,
        cu_alpha=res.cu_alpha if group else None,
        cu_coverage=res.cu_coverage if group else None,
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
        apply_bootstrap(rep, bootstrap_unitizing(res, key=var.id, **boot))
        rep.reasons.setdefault("bootstrap_unit", BOOTSTRAP_DOCUMENTS)
    if pairable_docs == 0:
        rep.reasons["alpha"] = "No document was coded by two or more of the chosen coders."
    dis = res.doc_disagreement
    docs_ok = np.flatnonzero(res.doc_pairable & ~np.isnan(dis))
    order = docs_ok[np.argsort(-dis[docs_ok], kind="stable")]
    rep.documents = [
        DocumentFigure(
            cdata.documents[d],
            data.titles.get(cdata.documents[d], ""),
            int(cdata.lengths[d]),
            int(cdata.lengths[d]),
            int(res.doc_disagreeing_chars[d]),
            float(1 - dis[d]),
            float(dis[d]),
        )
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
        out.append(
            DocumentFigure(
                cdata.documents[d],
                data.titles.get(cdata.documents[d], ""),
                length,
                length,
                int(chars[d]),
                1.0 - m,
                m,
            )
        )
    return out


# --- span matching ----------------------------------------------------------------------------


def _add_span_f1(
    reports: list[VariableReport], data: CodingData, coders: Sequence[str], names: Mapping[str, str]
) -> None:
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
    rows = [np.flatnonzero(spans.coder == i) for i in range(len(coders))]  # each coder's spans, once
    for i in range(len(coders)):
        for j in range(i + 1, len(coders)):
            both = coded[:, i] & coded[:, j]
            a = _table(spans, rows[i], both)
            b = _table(spans, rows[j], both)
            label = f"{names[coders[i]]} | {names[coders[j]]}"
            pairs[label] = scores_by_label_modes(a, b, n_codes, modes=("exact", "overlap"))
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


def _table(spans: _Spans, rows: np.ndarray, docs_mask: np.ndarray) -> SpanTable:
    """The spans at ``rows`` (one coder's, in order) that lie in documents of ``docs_mask``."""
    keep = rows[docs_mask[spans.doc[rows]]]
    return SpanTable(spans.doc[keep], spans.start[keep], spans.end[keep], spans.code[keep])
