"""Evaluating a model coder before use (issue 16, item 3): k-fold
cross-validation on the data it was trained from, scored like a human coder.

Each document is coded once, by the model trained on the other folds, with the
stored model's training source, codes, seed and epochs. Per code: precision,
recall and F1 with exact boundaries and with overlap (``annotator.agreement``'s
one-to-one matching), and Krippendorff's alpha between the model and the
training codings: the unitizing alpha on the continuum for span codes, the
nominal alpha per document for article-level codes.

With a learning curve, each fold's training documents are also cut to growing
shares (nested, in a seeded order: the 25 % include the 10 %), a model is
trained on each cut and scored on the same held-out fold; the point at 100 %
is the cross-validation itself. It answers how many coded articles the model
needed before its agreement stopped rising.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.agreement import CodingData, compute_report
from annotator.agreement.errors import AgreementError
from annotator.agreement.spans_match import span_scores, spans_from_tuples
from annotator.core.errors import ModelError
from annotator.core.ids import now_iso
from annotator.core.models import Annotation, DocumentCode
from annotator.core.task import NULL_STATE, TaskState
from annotator.nlp.model_coder import ModelCoder, TrainingDoc, train_model
from annotator.services.model_coder import plan_for, training_set
from annotator.store.project import Project

REFERENCE, MODEL = "reference", "model"
BOOTSTRAP = 1000
NO_ALPHA: tuple[None, None, None] = (None, None, None)  # alpha, its interval's low and high
CURVE_SHARES = (0.1, 0.25, 0.5, 0.75, 1.0)
CROSS_VALIDATION = "k-fold cross-validation over documents; alpha between the model and the training codings"


@dataclass
class CodeFigures:
    code_id: str
    code: str
    scope: str
    reference: int  # spans (or articles with the code) in the training codings
    predicted: int
    exact: dict[str, float | None] = field(default_factory=dict)  # precision, recall, f1
    overlap: dict[str, float | None] = field(default_factory=dict)
    alpha: float | None = None
    alpha_kind: str = ""
    alpha_low: float | None = None  # the bootstrap interval of alpha (BOOTSTRAP resamples, the model's seed)
    alpha_high: float | None = None
    threshold: float | None = None  # the lower bound the lead set before this evaluation
    passed: bool | None = None  # alpha_low >= threshold; None without a threshold or an interval


@dataclass
class CurvePoint:
    """The models trained on ``share`` of each fold's training documents."""

    share: float
    documents: float  # training documents per fold (mean over folds)
    codes: list[dict[str, Any]]  # per code: code_id, code, scope, f1 (overlap for spans), alpha

    def code(self, key: str) -> dict[str, Any]:
        return next(c for c in self.codes if key in (c["code_id"], c["code"]))


@dataclass
class Evaluation:
    model: str
    version: int
    folds: int
    documents: int
    seed: int
    source: str
    codes: list[CodeFigures]
    evaluated_at: str = field(default_factory=now_iso)  # after any threshold: the pre-registration's order
    learning_curve: list[CurvePoint] = field(default_factory=list)
    method: str = CROSS_VALIDATION
    pipeline: str = ""  # the spaCy pipeline a model kind that runs on one (the rules) was evaluated with

    def as_dict(self) -> dict[str, Any]:
        out = {
            "model": self.model,
            "version": self.version,
            "evaluated_at": self.evaluated_at,
            "folds": self.folds,
            "documents": self.documents,
            "seed": self.seed,
            "training_source": self.source,
            "method": self.method,
            "codes": [vars(c) for c in self.codes],
        }
        if self.pipeline:
            out["pipeline"] = self.pipeline
        if self.learning_curve:  # an evaluation without one keeps its former shape
            out["learning_curve"] = [vars(p) for p in self.learning_curve]
        return out


def _folds(n: int, k: int, seed: int) -> list[list[int]]:
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def _prf(s: Any) -> dict[str, float | None]:
    return {"precision": s.precision, "recall": s.recall, "f1": s.f1}


def evaluate(
    project: Project,
    *,
    name: str,
    folds: int = 5,
    learning_curve: Sequence[float] = (),
    state: TaskState = NULL_STATE,
) -> Evaluation:
    """Cross-validate model ``name`` (its latest version) and record the figures in its provenance;
    with ``learning_curve`` (shares of the training documents, e.g. ``CURVE_SHARES``) also the curve."""
    stored = project.models.latest(name)
    prov = stored.provenance
    if folds < 2:
        raise ModelError("Cross-validation needs at least two folds.")
    shares = curve_shares(learning_curve)
    source = str(prov.get("training_source", "majority"))
    code_ids = [*prov.get("span_codes", {}), *prov.get("document_codes", {})]
    batches = [b for b in prov.get("batches", []) if b != "all"]
    codebook = project.codes.codebook()
    if any(c not in codebook for c in code_ids):
        raise ModelError(f"A code the model {name!r} learnt is no longer in the codebook; train it again.")
    tset = training_set(project, source=source, codes=[codebook.path(c) for c in code_ids], batches=batches)
    n = len(tset.docs)
    if n < folds:
        raise ModelError(f"{folds} folds need at least {folds} coded documents; there are {n}.")
    seed = int(prov.get("seed", 0))
    plan = plan_for(tset, seed=seed, epochs=int(prov.get("epochs_run") or prov.get("epochs") or 12))
    predicted: dict[int, Any] = {}
    cut_predicted: dict[float, dict[int, Any]] = {s: {} for s in shares if s < 1.0}
    cut_sizes: dict[float, list[int]] = {s: [] for s in shares}
    for k, held in enumerate(_folds(n, folds, seed)):
        state.set_status(f"cross-validation fold {k + 1} of {folds}")
        held_set = set(held)
        train_ix = [i for i in range(n) if i not in held_set]
        predicted.update(_code_held_out(tset.docs, train_ix, held, plan, state))
        order = list(train_ix)
        random.Random(f"{seed}:learning curve:{k}").shuffle(order)
        for share in shares:
            size = max(1, round(share * len(order)))
            cut_sizes[share].append(size)
            if share < 1.0:
                state.set_status(f"fold {k + 1} of {folds}: learning curve at {share:.0%} ({size} documents)")
                cut_predicted[share].update(
                    _code_held_out(tset.docs, sorted(order[:size]), held, plan, state)
                )
        state.check("Evaluation was cancelled; nothing was recorded.")
    figures = code_figures(
        project, tset.docs, tset.document_ids, predicted, tset.span_codes, tset.cat_codes, seed
    )
    judge(figures, prov.get("thresholds", {}))
    curve = []
    for share in shares:
        scored = figures
        if share < 1.0:
            scored = code_figures(
                project,
                tset.docs,
                tset.document_ids,
                cut_predicted[share],
                tset.span_codes,
                tset.cat_codes,
                seed,
                bootstrap=0,
            )
        sizes = cut_sizes[share]
        curve.append(CurvePoint(share, sum(sizes) / len(sizes), [_curve_figures(c) for c in scored]))
    result = Evaluation(name, stored.version, folds, n, seed, source, figures, learning_curve=curve)
    project.models.set_provenance(stored.id, {**prov, "evaluation": result.as_dict()})
    return result


def curve_shares(shares: Sequence[float]) -> list[float]:
    """The learning curve's shares, ascending and ending at 1 (the cross-validation itself)."""
    if any(not 0.0 < s <= 1.0 for s in shares):
        raise ModelError("The learning curve's shares must be above 0 and at most 1, e.g. 0.1,0.25,0.5,1.")
    return sorted({*map(float, shares), 1.0}) if shares else []


def _code_held_out(
    docs: Sequence[TrainingDoc], train_ix: Sequence[int], held: Sequence[int], plan: Any, state: TaskState
) -> dict[int, Any]:
    """The held-out documents as coded by a model trained on ``train_ix``."""
    trained = train_model([docs[i] for i in train_ix], plan, state=state)
    coder = ModelCoder.from_bytes(trained.data)
    return dict(zip(held, coder.code(docs[i].text for i in held), strict=True))


def _curve_figures(c: CodeFigures) -> dict[str, Any]:
    return {
        "code_id": c.code_id,
        "code": c.code,
        "scope": c.scope,
        "f1": c.overlap.get("f1"),
        "alpha": c.alpha,
    }


def code_figures(
    project: Project,
    docs: Sequence[TrainingDoc],
    doc_ids: Sequence[str],
    predicted: dict[int, Any],
    span_codes: Sequence[Any],
    cat_codes: Sequence[Any],
    seed: int,
    bootstrap: int = BOOTSTRAP,
) -> list[CodeFigures]:
    """Per code, ``predicted`` (``.spans``, ``.cats`` per document index) scored against
    the codings in ``docs``: the one scorer of every model kind."""
    codebook = project.codes.codebook()
    ref = [(doc_ids[i], s, e, c) for i, d in enumerate(docs) for s, e, c in d.spans]
    got = [(doc_ids[i], s, e, c) for i in range(len(docs)) for s, e, c in predicted[i].spans]
    alphas = _alphas(
        project,
        docs,
        doc_ids,
        predicted,
        [c.id for c in span_codes],
        [c.id for c in cat_codes],
        seed,
        bootstrap,
    )
    out = []
    for code in span_codes:
        a = [r for r in ref if r[3] == code.id]
        b = [r for r in got if r[3] == code.id]
        ta, tb = spans_from_tuples(a, b)
        out.append(
            CodeFigures(
                code.id,
                codebook.path(code.id),
                "span",
                len(a),
                len(b),
                _prf(span_scores(ta, tb, mode="exact")),
                _prf(span_scores(ta, tb, mode="overlap")),
                *alphas.get(code.id, NO_ALPHA)[:1],
                "unitizing alpha (continuum)",
                *alphas.get(code.id, NO_ALPHA)[1:],
            )
        )
    for code in cat_codes:
        cats = {i: d.cats for i, d in enumerate(docs) if d.cats is not None}
        coded = list(cats)
        truth = {i for i, c in cats.items() if c.get(code.id, 0.0) >= 0.5}
        guess = {i for i in coded if predicted[i].cats.get(code.id, 0.0) >= 0.5}
        tp = len(truth & guess)
        p = tp / len(guess) if guess else None
        r = tp / len(truth) if truth else None
        f = 2 * tp / (len(truth) + len(guess)) if truth or guess else None
        figures = {"precision": p, "recall": r, "f1": f}
        out.append(
            CodeFigures(
                code.id,
                codebook.path(code.id),
                "document",
                len(truth),
                len(guess),
                figures,
                dict(figures),
                *alphas.get(code.id, NO_ALPHA)[:1],
                "nominal alpha (per document)",
                *alphas.get(code.id, NO_ALPHA)[1:],
            )
        )
    return out


def _alphas(
    project: Project,
    docs: Sequence[TrainingDoc],
    doc_ids: Sequence[str],
    predicted: dict[int, Any],
    span_ids: list[str],
    cat_ids: list[str],
    seed: int,
    bootstrap: int = BOOTSTRAP,
) -> dict[str, tuple[float | None, float | None, float | None]]:
    """Alpha per code between the training codings (one coder) and the model's
    held-out codings, with its bootstrap interval (low, high)."""
    codebook = project.codes.codebook()
    lengths = {doc_ids[i]: len(d.text) for i, d in enumerate(docs)}
    annotations = [
        Annotation(doc_ids[i], who, c, s, e)
        for i, d in enumerate(docs)
        for who, spans in ((REFERENCE, d.spans), (MODEL, predicted[i].spans))
        for s, e, c in spans
    ]
    doc_codes = [
        DocumentCode(doc_ids[i], who, c)
        for i, d in enumerate(docs)
        if d.cats is not None
        for who, cats in ((REFERENCE, d.cats), (MODEL, predicted[i].cats))
        for c, v in cats.items()
        if v >= 0.5
    ]
    data = CodingData(
        lengths=lengths,
        codebook=codebook,
        coded={d: (REFERENCE, MODEL) for d in lengths},
        annotations=annotations,
        document_codes=doc_codes,
    )
    out: dict[str, tuple[float | None, float | None, float | None]] = {}
    for unit, ids in (("continuum", span_ids), ("document", cat_ids)):
        if not ids:
            continue
        try:
            report = compute_report(
                data, unit=unit, coders=[REFERENCE, MODEL], variables=ids, bootstrap=bootstrap, seed=seed
            )
        except AgreementError:
            continue
        for v in report.variables:
            out[v.id] = (v.alpha, v.ci_low, v.ci_high)
    return out


def judge(figures: Sequence[CodeFigures], thresholds: dict[str, Any]) -> None:
    """Mark each code against the threshold set for it before the evaluation:
    it passes when the lower bound of alpha's interval reaches the threshold."""
    for f in figures:
        t = thresholds.get(f.code_id)
        if t is None:
            continue
        f.threshold = float(t["min_lower"])
        f.passed = None if f.alpha_low is None else f.alpha_low >= f.threshold
