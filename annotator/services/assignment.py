"""Who codes what: all-to-all, or a reliability sample coded by everyone with
the rest divided among the coders."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass, field

from annotator.core.errors import AnnotatorError
from annotator.core.training import AssignmentDraw
from annotator.store.project import Project


@dataclass
class AssignmentPlan:
    reliability_sample: list[str] = field(default_factory=list)  # coded by every coder
    individual: dict[str, list[str]] = field(default_factory=dict)  # coder id -> documents for them alone
    # how the documents were drawn; ``hidden``: the sample is slipped into the
    # queues as hidden reliability checks
    draw: AssignmentDraw | None = None
    queues: dict[str, list[str]] = field(default_factory=dict)  # coder id -> order to code in

    def assigned(self, coder_id: str) -> list[str]:
        return self.queues.get(coder_id) or self.reliability_sample + self.individual.get(coder_id, [])

    @property
    def hidden(self) -> bool:
        return self.draw is not None and self.draw.method == "hidden_checks"


def plan_all(document_ids: list[str], coder_ids: list[str]) -> AssignmentPlan:
    draw = AssignmentDraw(
        0, "", "all", None, len(document_ids), len(document_ids), 100.0, "", list(coder_ids)
    )
    return AssignmentPlan(
        reliability_sample=list(document_ids), individual={c: [] for c in coder_ids}, draw=draw
    )


def interleave(own: list[str], checks: list[str], rng: random.Random) -> list[str]:
    """``own`` in its order with ``checks`` shuffled in at random places, so
    no position in the queue tells a check from the coder's own article."""
    checks = list(checks)
    rng.shuffle(checks)
    total = len(own) + len(checks)
    slots = set(rng.sample(range(total), len(checks)))
    mine, theirs = iter(own), iter(checks)
    return [next(theirs) if i in slots else next(mine) for i in range(total)]


def plan_reliability_sample(
    document_ids: list[str],
    coder_ids: list[str],
    *,
    size: int | None = None,
    percent: float | None = None,
    seed: int | None = None,
    strata: dict[str, str] | None = None,
    divide_rest: bool = True,
    hidden: bool = False,
    stratify: str = "",
) -> AssignmentPlan:
    """Draw the reliability sample (``size`` documents or ``percent`` of them),
    seeded, proportionally from each stratum (batch or outlet) when given; the
    other documents are divided among the coders in turn. ``hidden``: the
    sample becomes hidden checks, interleaved at seeded random places in each
    coder's queue instead of coming first."""
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
    draw = AssignmentDraw(
        0,
        "",
        "hidden_checks" if hidden else "reliability_sample",
        seed,
        n_docs,
        len(sample),
        percent,
        stratify if strata else "",
        list(coder_ids),
        divide_rest,
    )
    plan = AssignmentPlan(reliability_sample=sorted(sample), individual=individual, draw=draw)
    if hidden:
        plan.queues = {c: interleave(individual[c], plan.reliability_sample, rng) for c in coder_ids}
    return plan


def apply_plan(project: Project, plan: AssignmentPlan) -> dict[str, int]:
    """Store the plan (existing assignments and their status are kept)."""
    out = {}
    hidden_gold = _hidden_training_articles(project)
    seed = plan.draw.seed if plan.draw is not None else None
    with project.transaction():
        for coder_id in plan.individual:
            queue = plan.assigned(coder_id)
            before = project.training.queue(coder_id)
            out[coder_id] = project.workflow.assign(queue, coder_id)
            order = _grown_queue(
                project,
                coder_id,
                before,
                queue,
                hidden_gold.get(coder_id, set()),
                random.Random(f"{seed}:{coder_id}"),
            )
            project.training.set_queue(coder_id, {d: i for i, d in enumerate(order)})
        project.set_meta("reliability_sample", ",".join(plan.reliability_sample))
        if plan.draw is not None:
            project.training.record_draw(plan.draw, plan.reliability_sample if plan.hidden else ())
    return out


def _hidden_training_articles(project: Project) -> dict[str, set[str]]:
    """Coder id -> the gold articles of the hidden training rounds they are in."""
    out: dict[str, set[str]] = defaultdict(set)
    for r in project.training.rounds():
        if r.hidden:
            for c in r.coders:
                out[c].update(r.documents)
    return out


def _grown_queue(
    project: Project, coder_id: str, before: list[str], added: list[str], hidden: set[str], rng: random.Random
) -> list[str]:
    """The coder's queue once ``added`` (in the plan's order) joins it: what was
    queued keeps its order and the new articles follow, each article in one
    place. The hidden training articles not opened yet are slipped in again
    among the articles not opened yet, so a hidden round made before the main
    assignment does not end up as a block at the head of the queue."""
    queued = set(before)
    order = before + [d for d in added if d not in queued]
    opened = {
        a.document_id for a in project.workflow.assignments(coder_id=coder_id) if a.status != "assigned"
    }
    pending = [d for d in order if d in hidden and d not in opened]
    if not pending:
        return order
    rest = [d for d in order if d not in set(pending)]
    cut = max((i + 1 for i, d in enumerate(rest) if d in opened), default=0)
    return rest[:cut] + interleave(rest[cut:], pending, rng)


def assignable_documents(project: Project, batch_id: str | None = None) -> list[str]:
    """The documents a draw may take: training-round articles are gold for
    certification, never part of the main coding."""
    training = project.training.training_document_ids()
    return [d for d in project.documents.document_ids(batch_id=batch_id) if d not in training]


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
    hidden: bool = False,
) -> AssignmentDraft:
    """Who would code what: every document to every coder (``everything``) or
    a reliability sample plus a share of the rest; the same draft for the
    window and the command line, so one seed gives one sample in both.
    ``hidden``: the sample becomes hidden checks in each coder's queue."""
    if not coder_ids:
        raise AnnotatorError("There are no coders to assign documents to; add coders first.")
    docs = assignable_documents(project, batch_id)
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
        hidden=hidden,
        stratify=stratify or "",
    )
    return AssignmentDraft(plan, list(coder_ids), strata_warning(strata, stratify))
