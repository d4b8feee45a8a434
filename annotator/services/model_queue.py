"""A coder's remaining documents in the order of the model's uncertainty
(issue 16, item 5): the articles whose article-level codes the model is least
sure of come first, so that the coder's next codings are the ones a retrained
model learns most from (uncertainty sampling, Lewis & Gale 1994).

Only the queue order of that one coder changes. Documents already done keep
their places, and so do the lead's hidden checks: they were slipped in at
seeded random places so that no position gives them away, and moving them by
the model's score would put them where other documents are not. Nothing is
coded or suggested, so the coder sees no model output."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.core.errors import ModelError
from annotator.core.task import NULL_STATE, TaskState
from annotator.services.model_coder import batch_documents, load
from annotator.store.project import Project

CHUNK = 32


@dataclass
class QueueOrder:
    model: str
    version: int
    coder: str
    ordered: int  # remaining documents put in the model's order
    most_uncertain: float  # the uncertainty of the first of them (1: a code at p = 0.5)


def uncertainty(cats: dict[str, float]) -> float:
    """How unsure the model is of an article: 1 when one of its article-level
    codes is at probability 0.5, 0 when every code is at 0 or 1."""
    return max((1.0 - abs(2.0 * p - 1.0) for p in cats.values()), default=0.0)


def order_by_uncertainty(
    project: Project,
    *,
    name: str,
    coder: str,
    batches: Sequence[str] = (),
    state: TaskState = NULL_STATE,
) -> QueueOrder:
    """Reorder ``coder``'s remaining assigned documents (of ``batches``, default
    all) by the uncertainty of model ``name``'s latest version, most uncertain first."""
    who = project.coder_by_name(coder)
    if who is None:
        raise ModelError(f"The project has no coder named {coder!r}.")
    if who.role == "model":
        raise ModelError(f"{coder!r} is a model coder; only a human coder's queue can be ordered.")
    stored = project.models.latest(name)
    if not stored.provenance.get("document_codes"):
        raise ModelError(
            f"Model {name!r} learnt no article-level code, so it has no uncertainty to order the documents by."
        )
    queue = project.training.queue(who.id)
    done = {a.document_id for a in project.workflow.assignments(who.id) if a.status == "done"}
    fixed = done | project.training.hidden_checks()
    if batches:
        in_batches = set(batch_documents(project, batches))
        fixed |= {d for d in queue if d not in in_batches}
    movable = [d for d in queue if d not in fixed]
    if not movable:
        raise ModelError(f"{who.name} has no remaining assigned documents to order.")
    _, model = load(project, name)
    scores: dict[str, float] = {}
    for i in range(0, len(movable), CHUNK):
        state.check("Ordering was cancelled; the queue is as it was.")
        ids = movable[i : i + CHUNK]
        texts = [project.documents.document_text(d) for d in ids]
        for doc_id, coding in zip(ids, model.code(texts), strict=True):
            scores[doc_id] = uncertainty(coding.cats)
        state.set_progress(len(scores), len(movable))
    ranked = iter(sorted(movable, key=lambda d: -scores[d]))  # stable: ties keep the lead's order
    new_queue = [d if d in fixed else next(ranked) for d in queue]
    project.training.set_queue(who.id, {d: i for i, d in enumerate(new_queue)})
    return QueueOrder(name, stored.version, who.name, len(movable), max(scores.values()))
