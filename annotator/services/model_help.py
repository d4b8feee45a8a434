"""A model coder helps only after it has proved itself (issue 16, item 5):
the lead fixes per code a minimum for the lower bound of alpha's interval
before the model is evaluated, and only the codes whose evaluated lower bound
reaches it pre-code a coder's remaining documents as suggestions.

Both live in the model version's provenance (``thresholds``, ``evaluation``),
so the pre-registration travels with the model and its time can be checked
against the evaluation's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from annotator.core.errors import ModelError
from annotator.core.ids import now_iso
from annotator.core.models import Suggestion
from annotator.core.task import NULL_STATE, TaskState
from annotator.services.model_baseline import (
    RULES,
    CodeSource,
    RulesFinder,
    choose_sources,
    is_rules,
    rules_evaluation,
)
from annotator.services.model_coder import batch_documents, load, resolve_codes
from annotator.store.project import Project

MODEL_SUGGESTION = "model"  # the kind of a suggestion a model coder made
CHUNK = 32


def set_threshold(
    project: Project, *, name: str, min_lower: float, codes: Sequence[str] = ()
) -> dict[str, dict[str, Any]]:
    """Record, with the time, the minimum lower bound of alpha for ``codes``
    (default: every code the model learnt) of the latest version of ``name``.
    Refused once that version has been evaluated: a threshold chosen after
    seeing the results is no pre-registration."""
    stored = project.models.latest(name)
    prov = stored.provenance
    if prov.get("evaluation"):
        raise ModelError(
            f"Model {name!r} version {stored.version} has already been evaluated, and a threshold counts only "
            "when it is set before the results are seen; train a new version to set another."
        )
    if not 0.0 <= min_lower <= 1.0:
        raise ModelError("The minimum lower bound of alpha must be between 0 and 1, e.g. 0.667.")
    learnt = [*prov.get("span_codes", {}), *prov.get("document_codes", {})]
    codebook = project.codes.codebook()
    chosen = [c.id for c in resolve_codes(codebook, codes)] if codes else learnt
    unknown = [codebook.path(c) for c in chosen if c not in learnt]
    if unknown:
        raise ModelError(
            f"Model {name!r} did not learn {', '.join(unknown)}, so it has no threshold to meet there."
        )
    when = now_iso()
    thresholds = dict(prov.get("thresholds", {}))
    for c in chosen:
        thresholds[c] = {"code": codebook.path(c), "min_lower": min_lower, "set_at": when}
    project.models.set_provenance(stored.id, {**prov, "thresholds": thresholds})
    return thresholds


@dataclass
class SuggestionReport:
    model: str
    version: int
    coder: str
    documents: int = 0
    suggestions: int = 0
    passed: list[str] = field(default_factory=list)  # code paths the model suggests
    not_suggested: dict[str, str] = field(default_factory=dict)  # code path -> why
    codes: list[CodeSource] = field(default_factory=list)  # per code suggested: from where, and why

    def sentence(self) -> str:
        """The codes that are not suggested, in one sentence (empty when all are)."""
        if not self.not_suggested:
            return ""
        parts = [f"{code} ({why})" for code, why in self.not_suggested.items()]
        return f"Not suggested: {'; '.join(parts)}."

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "version": self.version,
            "coder": self.coder,
            "documents": self.documents,
            "suggestions": self.suggestions,
            "codes": [c.as_dict() for c in self.codes],
            "not_suggested": self.not_suggested,
        }


def verdicts(project: Project, name: str) -> tuple[list[str], dict[str, str]]:
    """The code ids of model ``name`` that passed their threshold, and why each other code did not."""
    stored = project.models.latest(name)
    prov = stored.provenance
    thresholds = prov.get("thresholds") or {}
    if not thresholds:
        raise ModelError(
            f"Model {name!r} has no threshold; set one with `annotator model threshold` before evaluating it."
        )
    evaluation = prov.get("evaluation")
    if not evaluation:
        raise ModelError(f"Model {name!r} has not been evaluated yet; run `annotator model evaluate` first.")
    figures = {c["code_id"]: c for c in evaluation.get("codes", [])}
    codebook = project.codes.codebook()
    passed: list[str] = []
    why: dict[str, str] = {}
    for code_id in [*prov.get("span_codes", {}), *prov.get("document_codes", {})]:
        path = codebook.path(code_id) if code_id in codebook else code_id
        f, t = figures.get(code_id), thresholds.get(code_id)
        if t is None:
            why[path] = "no threshold was set"
        elif f is None or f.get("alpha_low") is None:
            why[path] = "the evaluation gave no interval for alpha"
        elif f["alpha_low"] < float(t["min_lower"]):
            why[path] = f"lower bound {f['alpha_low']:.3f} below {float(t['min_lower']):g}"
        elif code_id not in prov.get("span_codes", {}):
            why[path] = "article-level codes are not offered as suggestions"
        else:
            passed.append(code_id)
    return passed, why


def suggest_from_model(
    project: Project,
    *,
    name: str,
    coder: str,
    batches: Sequence[str] = (),
    document_ids: Sequence[str] | None = None,
    state: TaskState = NULL_STATE,
) -> SuggestionReport:
    """Pre-code ``coder``'s remaining documents (not marked done; only the
    assigned ones when the coder has open assignments; or just ``document_ids``,
    the window's open document) as suggestions. Per code
    they come from whichever of model ``name`` (only codes that passed their
    threshold) and the built-in rules scored higher (``model_baseline.choose_sources``);
    ``name`` "rules" asks for the rules alone. A model's suggestions are of kind
    ``model`` and carry its ``id@version``; every suggestion names where it came
    from and why. They replace the documents' earlier suggestions, keeping
    decisions already taken."""
    who = project.coder_by_name(coder)
    if who is None:
        raise ModelError(f"The project has no coder named {coder!r}.")
    if who.role == "model":
        raise ModelError(f"{coder!r} is a model coder; suggestions are for human coders.")
    codebook = project.codes.codebook()
    passed: list[str] = []
    why: dict[str, str] = {}
    evaluation: dict[str, Any] = {}
    version, source = 0, RULES
    if not is_rules(name):
        passed, why = verdicts(project, name)
        latest = project.models.latest(name)
        version, evaluation = latest.version, latest.provenance.get("evaluation") or {}
        source = f"model {name} v{version}"
    chosen = choose_sources(project, model=source, passed=passed, not_passed=why, model_evaluation=evaluation)
    report = SuggestionReport(name, version, coder, codes=chosen)
    report.passed = [c.code for c in chosen if c.source != RULES]
    report.not_suggested = {
        path: reason for path, reason in why.items() if path not in {c.code for c in chosen}
    }
    if not chosen:
        return report
    by_code = {c.code_id: c for c in chosen}
    model_codes = {c.code_id for c in chosen if c.source != RULES}
    rule_codes = {c.code_id for c in chosen if c.source == RULES}
    # a status row exists for every document a coder marked done, assigned or not,
    # so only open assignments say that the lead chose the coder's documents
    status = {a.document_id: a.status for a in project.workflow.assignments(who.id)}
    docs = batch_documents(project, batches)
    if any(v != "done" for v in status.values()):
        docs = [d for d in docs if d in status]
    remaining = [d for d in docs if status.get(d) != "done"]
    if document_ids is not None:  # asked for by name: whatever their status
        asked = set(document_ids)
        remaining = [d for d in batch_documents(project, batches) if d in asked]
    labels = []
    if model_codes:
        stored, coder_model = load(project, name)
        labels.append(f"model {name} {stored.tag}")
    if rule_codes:
        finder = RulesFinder(project, sorted(rule_codes), rules_evaluation(project).get("pipeline_name"))
        labels.append(f"rules {finder.label}")
    label = " + ".join(labels)
    for i in range(0, len(remaining), CHUNK):
        state.check("Suggesting was cancelled; the documents done so far keep their suggestions.")
        ids = remaining[i : i + CHUNK]
        texts = [project.documents.document_text(d) for d in ids]
        found: list[list[Suggestion]] = [[] for _ in ids]
        if model_codes:
            for k, coding in enumerate(coder_model.code(texts)):
                found[k] += [
                    Suggestion(
                        ids[k],
                        s,
                        e,
                        MODEL_SUGGESTION,
                        code,
                        {"model": name, "model_tag": stored.tag, "code": codebook.path(code)},
                    )
                    for s, e, code in coding.spans
                    if code in model_codes
                ]
        if rule_codes:
            for k, suggestions in enumerate(finder.suggestions(ids, texts)):
                found[k] += suggestions
        for doc_id, suggestions in zip(ids, found, strict=True):
            for s in suggestions:
                s.detail["suggested_by"] = by_code[s.label].source
                s.detail["chosen_because"] = by_code[s.label].why
            report.suggestions += project.workflow.replace_suggestions(doc_id, label, suggestions)
        report.documents += len(ids)
        state.set_progress(report.documents, len(remaining))
    return report


def window_model(project: Project) -> str:
    """The model the window pre-codes with: of the stored models (latest versions) that
    were evaluated against thresholds, the one evaluated last; else the rules alone."""
    latest = {m.name: m for m in project.models.models()}  # ordered by version
    judged = [m for m in latest.values() if m.provenance.get("thresholds") and m.provenance.get("evaluation")]
    if not judged:
        return RULES
    return max(judged, key=lambda m: str(m.provenance["evaluation"].get("evaluated_at", ""))).name


def suggest_best_file(
    path: str | Path, *, coder: str, document_ids: Sequence[str], state: TaskState = NULL_STATE
) -> SuggestionReport:
    """``suggest_from_model`` with ``window_model``, on its own connection to the project file
    (for a worker thread)."""
    with Project.open(path) as project:
        return suggest_from_model(
            project, name=window_model(project), coder=coder, document_ids=document_ids, state=state
        )
