"""Who codes what: all-to-all, or a reliability sample coded by everyone with
the rest divided among the coders."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from annotator.core.errors import AnnotatorError
from annotator.store.project import Project


@dataclass
class AssignmentPlan:
    reliability_sample: list[str] = field(default_factory=list)  # coded by every coder
    individual: dict[str, list[str]] = field(default_factory=dict)  # coder id -> documents for them alone

    def assigned(self, coder_id: str) -> list[str]:
        return self.reliability_sample + self.individual.get(coder_id, [])


def plan_all(document_ids: list[str], coder_ids: list[str]) -> AssignmentPlan:
    return AssignmentPlan(reliability_sample=list(document_ids), individual={c: [] for c in coder_ids})


def plan_reliability_sample(
    document_ids: list[str],
    coder_ids: list[str],
    *,
    size: int | None = None,
    percent: float | None = None,
    seed: int | None = None,
    strata: dict[str, str] | None = None,
    divide_rest: bool = True,
) -> AssignmentPlan:
    """Draw the reliability sample (``size`` documents or ``percent`` of them),
    seeded, proportionally from each stratum (batch or outlet) when given; the
    other documents are divided among the coders in turn."""
    if not coder_ids:
        raise AnnotatorError("There are no coders to assign documents to; add coders first.")
    n_docs = len(document_ids)
    if percent is not None:
        if not 0 < percent <= 100:
            raise AnnotatorError(
                f"A reliability sample of {percent}% is impossible; give a percentage in (0, 100]."
            )
        size = max(1, round(n_docs * percent / 100)) if n_docs else 0
    if size is None or size < 0:
        raise AnnotatorError("Give the reliability sample as a number of documents or a percentage.")
    if size > n_docs:
        raise AnnotatorError(
            f"The sample of {size} documents is larger than the project ({n_docs} documents)."
        )
    rng = random.Random(seed)
    ordered = sorted(document_ids)  # the draw depends on the seed, not on storage order
    if strata:
        groups: dict[str, list[str]] = defaultdict(list)
        for d in ordered:
            groups[strata.get(d, "")].append(d)
        sample: list[str] = []
        # largest-remainder allocation keeps the total exact
        quotas = {k: size * len(v) / n_docs for k, v in groups.items()}
        alloc = {k: int(q) for k, q in quotas.items()}
        for k in sorted(quotas, key=lambda k: (quotas[k] - alloc[k], k), reverse=True)[
            : size - sum(alloc.values())
        ]:
            alloc[k] += 1
        for k in sorted(groups):
            sample += rng.sample(groups[k], alloc[k])
    else:
        sample = rng.sample(ordered, size)
    chosen = set(sample)
    rest = [d for d in ordered if d not in chosen]
    rng.shuffle(rest)
    individual: dict[str, list[str]] = {c: [] for c in coder_ids}
    if divide_rest:
        for i, d in enumerate(rest):
            individual[coder_ids[i % len(coder_ids)]].append(d)
    return AssignmentPlan(reliability_sample=sorted(sample), individual=individual)


def apply_plan(project: Project, plan: AssignmentPlan) -> dict[str, int]:
    """Store the plan (existing assignments and their status are kept)."""
    out = {}
    with project.transaction():
        for coder_id in plan.individual:
            out[coder_id] = project.workflow.assign(plan.assigned(coder_id), coder_id)
        project.set_meta("reliability_sample", ",".join(plan.reliability_sample))
    return out


def reliability_sample(project: Project) -> list[str]:
    value = project.get_meta("reliability_sample") or ""
    return [d for d in value.split(",") if d]


def strata_for(project: Project, by: str | None) -> dict[str, str] | None:
    if not by:
        return None
    if by not in ("batch", "outlet"):
        raise AnnotatorError(f"Stratify by 'batch' or 'outlet', not {by!r}.")
    return {d.id: (d.batch_name if by == "batch" else d.outlet) for d in project.documents.list_documents()}


def strata_warning(strata: dict[str, str] | None, by: str | None) -> str | None:
    """What a lead should know before trusting a stratified draw: a field that
    is empty everywhere stratifies nothing, and empty values form a stratum of
    their own."""
    if not strata or not by:
        return None
    empty = sum(1 for value in strata.values() if not (value or "").strip())
    if empty == len(strata):
        return f"No document has {'an' if by[0] in 'aeiou' else 'a'} {by}, so the sample was drawn without strata."
    if empty:
        return (
            f"{empty} of {len(strata)} documents have no {by}; they were drawn as one stratum of their own."
        )
    return None


@dataclass
class AssignmentDraft:
    """A plan not stored yet, with what the lead should read before storing it."""

    plan: AssignmentPlan
    coder_ids: list[str]
    warning: str | None = None


def draft_assignment(
    project: Project,
    coder_ids: list[str],
    *,
    everything: bool = False,
    size: int | None = None,
    percent: float | None = None,
    seed: int | None = None,
    stratify: str | None = None,
    divide_rest: bool = True,
    batch_id: str | None = None,
) -> AssignmentDraft:
    """Who would code what: every document to every coder (``everything``) or
    a reliability sample plus a share of the rest; the same draft for the
    window and the command line, so one seed gives one sample in both."""
    if not coder_ids:
        raise AnnotatorError("There are no coders to assign documents to; add coders first.")
    docs = project.documents.document_ids(batch_id=batch_id)
    if everything:
        return AssignmentDraft(plan_all(docs, coder_ids), list(coder_ids))
    strata = strata_for(project, stratify)
    if strata is not None:
        chosen = set(docs)
        strata = {d: value for d, value in strata.items() if d in chosen}
    plan = plan_reliability_sample(
        docs,
        coder_ids,
        size=size,
        percent=percent,
        seed=seed,
        strata=strata,
        divide_rest=divide_rest,
    )
    return AssignmentDraft(plan, list(coder_ids), strata_warning(strata, stratify))
