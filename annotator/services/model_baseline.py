"""The rule-based attribution finder as a built-in model kind (issue 16, item 6).

The rules (``annotator suggest``: speakers get the code of their proposed
source type) are evaluated like a trained model: on the documents and codings
a model would learn from (gold, majority or one coder), with the same scorer
(``model_evaluation.code_figures``) per code they can propose. Nothing is
trained, so they run once over every document instead of in folds. The
evaluation is kept in the project file's meta table, since there are no model
bytes to keep beside it.

When a coder's documents are pre-coded, each code takes its suggestions from
whichever of the trained model (only codes that passed their threshold) and
the rules scored higher: first on the lower bound of alpha's interval, then on
overlap F1; on a tie the rules keep the code, since a model has to do better
to replace them.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from annotator.core.codebook import Code, Codebook
from annotator.core.errors import ModelError
from annotator.core.models import Suggestion
from annotator.core.task import NULL_STATE, TaskState
from annotator.nlp.source_types import KIND_CODE_NAMES, code_for_kind, code_for_source_type, default_mapping
from annotator.services.importing import pipeline_name
from annotator.services.model_coder import training_set
from annotator.services.model_evaluation import Evaluation, code_figures
from annotator.store.models_repo import RULES_MODEL
from annotator.store.project import Project

RULES = RULES_MODEL
RULES_KIND = "rules"
META_KEY = "model_rules_evaluation"
SEED = 0  # of alpha's bootstrap interval
CHUNK = 32
METHOD = (
    "the rule-based finder run once over every document (nothing is trained, so no folds); "
    "alpha between the rules and the codings"
)
CANCELLED = "Evaluation was cancelled; nothing was recorded."


def is_rules(name: str) -> bool:
    return name.strip().casefold() == RULES


def rule_codes(codebook: Codebook) -> list[Code]:
    """The span codes the rules can propose: those named after a source type or
    after a part of an attribution (Source, Cue, Content)."""
    mapping = default_mapping()
    ids = {code_for_source_type(codebook, name, mapping) for name in mapping.names}
    ids |= {code_for_kind(codebook, kind) for kind in KIND_CODE_NAMES}
    return [c for c in codebook.leaves(scope="span") if c.id in ids]


@dataclass
class _Proposed:
    """One document's rule proposals in the shape ``code_figures`` scores."""

    spans: list[tuple[int, int, str]]
    cats: dict[str, float]


class RulesFinder:
    """The rules on one spaCy pipeline, proposing only ``codes``."""

    def __init__(self, project: Project, codes: Sequence[str], pipeline: str | None = None) -> None:
        from annotator.nlp.pipeline import load_pipeline

        self.codebook = project.codes.codebook()
        self.codes = set(codes)
        self.nlp, self.info = load_pipeline(pipeline_name(project, pipeline))

    @property
    def label(self) -> str:
        return self.info.label

    def suggestions(self, doc_ids: Sequence[str], texts: Sequence[str]) -> list[list[Suggestion]]:
        from annotator.nlp.attribution_suggest import suggest_for_doc

        out = []
        for doc_id, doc in zip(doc_ids, self.nlp.pipe(texts, batch_size=CHUNK), strict=True):
            found = suggest_for_doc(doc, codebook=self.codebook, document=doc_id, model=self.label)
            out.append([s for s in found if s.label in self.codes])
        return out


def evaluate_rules(
    project: Project,
    *,
    source: str = "majority",
    batches: Sequence[str] = (),
    pipeline: str | None = None,
    state: TaskState = NULL_STATE,
) -> Evaluation:
    """Score the rules against the ``source`` codings of ``batches``' documents per code
    they can propose, and record the figures, the time and the pipeline in the project file."""
    codebook = project.codes.codebook()
    codes = rule_codes(codebook)
    if not codes:
        raise ModelError(
            "The rules propose no code of this codebook, since none of its span codes is named after "
            "a source type (e.g. Government official) or a part of an attribution (Source, Cue, Content)."
        )
    tset = training_set(project, source=source, codes=[codebook.path(c.id) for c in codes], batches=batches)
    finder = RulesFinder(project, [c.id for c in codes], pipeline)
    predicted: dict[int, _Proposed] = {}
    n = len(tset.docs)
    state.set_status(f"running the rules on {finder.label} over {n} coded documents")
    for i in range(0, n, CHUNK):
        state.check(CANCELLED)
        ids = tset.document_ids[i : i + CHUNK]
        found = finder.suggestions(ids, [d.text for d in tset.docs[i : i + CHUNK]])
        for k, suggestions in enumerate(found, i):
            predicted[k] = _Proposed([(s.start, s.end, s.label) for s in suggestions], {})
        state.set_progress(min(i + CHUNK, n), n)
    state.check(CANCELLED)
    figures = code_figures(project, tset.docs, tset.document_ids, predicted, tset.span_codes, [], SEED)
    ev = Evaluation(RULES, 0, 0, n, SEED, source, figures, method=METHOD, pipeline=finder.label)
    record = {
        **ev.as_dict(),
        "kind": RULES_KIND,
        "batches": list(batches) or ["all"],
        "pipeline_name": finder.info.name,
        "document_ids_sha256": _ids_hash(tset.document_ids),
    }
    project.set_meta(META_KEY, json.dumps(record, sort_keys=True))
    return ev


def _ids_hash(ids: Sequence[str]) -> str:
    return hashlib.sha256(json.dumps(sorted(ids)).encode()).hexdigest()


def rules_evaluation(project: Project) -> dict[str, Any]:
    """The rules' last evaluation, or an empty dict before the first."""
    raw = project.get_meta(META_KEY)
    if not raw:
        return {}
    try:
        record = json.loads(raw)
    except ValueError:
        record = None
    if not isinstance(record, dict):
        raise ModelError(
            "The rules' evaluation in the project file is not a JSON object; evaluate them again."
        )
    return record


def rules_entry(project: Project) -> dict[str, Any]:
    """The built-in rules as ``model list --json`` shows a stored model."""
    ev = rules_evaluation(project)
    codebook = project.codes.codebook()
    return {
        "name": RULES,
        "kind": RULES_KIND,
        "built_in": True,
        "version": None,
        "size": 0,
        "provenance": {
            "span_codes": {c.id: codebook.path(c.id) for c in rule_codes(codebook)},
            "document_codes": {},
            "evaluation": ev,
        },
    }


# --- per code, the better source ---------------------------------------------------------------


@dataclass
class CodeSource:
    code_id: str
    code: str
    source: str  # RULES, or "model NAME vN"
    why: str

    def as_dict(self) -> dict[str, str]:
        return {"code_id": self.code_id, "code": self.code, "from": self.source, "why": self.why}


def _key(figures: dict[str, Any] | None) -> tuple[float, float]:
    """The figures a choice compares: the lower bound of alpha's interval, then overlap F1."""
    figures = figures or {}
    low = figures.get("alpha_low")
    f1 = (figures.get("overlap") or {}).get("f1")
    return (-math.inf if low is None else float(low), -math.inf if f1 is None else float(f1))


def _fmt(value: float) -> str:
    return "none" if value == -math.inf else f"{value:.3f}"


def _compare(model: str, m: tuple[float, float], r: tuple[float, float]) -> tuple[bool, str]:
    """Whether the model wins, and why, in words."""
    if m[0] != r[0]:
        wins = m[0] > r[0]
        return wins, f"lower bound of alpha: {model} {_fmt(m[0])}, rules {_fmt(r[0])}"
    wins = m[1] > r[1]
    return wins, (
        f"lower bound of alpha equal ({_fmt(m[0])}), overlap F1: {model} {_fmt(m[1])}, rules {_fmt(r[1])}"
        + ("" if wins or m[1] != r[1] else "; on a tie the rules keep the code")
    )


def choose_sources(
    project: Project,
    *,
    model: str,
    passed: Sequence[str],
    not_passed: dict[str, str],
    model_evaluation: dict[str, Any],
) -> list[CodeSource]:
    """Per code, where its suggestions come from: ``passed`` are the model's code ids
    that passed their threshold, ``not_passed`` why its other codes (by path) did not."""
    codebook = project.codes.codebook()
    rules = {c.id for c in rule_codes(codebook)}
    rules_ev = rules_evaluation(project)
    rules_figures = {c["code_id"]: c for c in rules_ev.get("codes", [])}
    model_figures = {c["code_id"]: c for c in model_evaluation.get("codes", [])}
    other_data = bool(rules_ev) and (
        rules_ev.get("training_source") != model_evaluation.get("training_source")
        or rules_ev.get("documents") != model_evaluation.get("documents")
    )
    out = []
    for code in (c for c in codebook if c.scope == "span"):
        path = codebook.path(code.id)
        if code.id in passed:
            m = _key(model_figures.get(code.id))
            if code.id not in rules:
                out.append(
                    CodeSource(
                        code.id, path, model, f"passed (lower bound {_fmt(m[0])}); no rule proposes it"
                    )
                )
                continue
            if not rules_ev:
                why = f"passed (lower bound {_fmt(m[0])}); the rules have not been evaluated"
                out.append(CodeSource(code.id, path, model, why))
                continue
            wins, why = _compare(model, m, _key(rules_figures.get(code.id)))
            if other_data:
                why += " (evaluated on other codings or documents)"
            out.append(CodeSource(code.id, path, model if wins else RULES, why))
        elif code.id in rules:
            reason = not_passed.get(path)
            why = f"{model} did not pass ({reason})" if reason else "only the rules propose it"
            if rules_ev:
                why += f"; the rules' lower bound of alpha {_fmt(_key(rules_figures.get(code.id))[0])}"
            out.append(CodeSource(code.id, path, RULES, why))
    return out
