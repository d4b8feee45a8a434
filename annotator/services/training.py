"""Training and certification rounds: the lead marks gold articles (coded by
the adjudicator, or imported as gold) as a round, assigns them to coders, and
scores each coder against gold per variable; a coder passes when every chosen
variable reaches the round's threshold. Rounds repeat with new articles until
everyone passes; every round and every scoring is kept."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.agreement.certification import CoderScore, score_against_gold
from annotator.agreement.errors import AgreementError
from annotator.agreement.reliability_data import SEGMENT_UNITS
from annotator.core.errors import AnnotatorError, NotFound
from annotator.core.ids import now_iso
from annotator.core.models import Coder
from annotator.core.training import TrainingResult, TrainingRound
from annotator.services.agreement import coding_data
from annotator.services.assignment import interleave
from annotator.services.projects import find_coders
from annotator.store.project import Project

UNITS = ("document", *SEGMENT_UNITS)


@dataclass
class RoundStatus:
    name: str
    threshold: float
    documents: int
    gold: str
    coders: dict[str, str] = field(default_factory=dict)  # coder name -> passed | not yet | not scored


def create_round(
    project: Project,
    *,
    name: str,
    documents: Sequence[str],
    threshold: float,
    variables: Sequence[str] | None = None,
    coders: Sequence[str] | None = None,
    gold: str | None = None,
    unit: str = "document",
    hidden: bool = False,
    seed: int | None = None,
) -> TrainingRound:
    """Mark ``documents`` (ids or unique id prefixes or titles) as training round
    ``name`` and assign them to ``coders`` (default: every coder). ``hidden``:
    the gold articles are slipped into each coder's queue at seeded random
    places among their other articles, as hidden checks against gold."""
    name = (name or "").strip()
    if not name:
        raise AnnotatorError("Give the training round a name, such as R1.")
    if any(r.name == name for r in project.training.rounds()):
        raise AnnotatorError(
            f"There is already a training round named {name!r}; give the new round another name."
        )
    if not -1 < threshold <= 1:
        raise AnnotatorError(
            f"A threshold of {threshold:g} is impossible for alpha; give one in (-1, 1], such as 0.667."
        )
    if unit not in UNITS:
        raise AnnotatorError(f"Training scores use the {', '.join(UNITS)} unit, not {unit!r}.")
    doc_ids = list(dict.fromkeys(project.documents.find_document(d).id for d in documents))
    if not doc_ids:
        raise AnnotatorError("A training round needs at least one gold article; name them with --documents.")
    judge = gold_coder(project, gold)
    people = find_coders(project, list(coders) if coders else None)
    for c in people:
        if c.role != "coder" or c.id == judge.id:
            raise AnnotatorError(f"{c.name} is not a coder and cannot be trained; name coders with --coders.")
    if not people:
        raise AnnotatorError("There are no coders to train; add coders first.")
    cb = project.codes.codebook()
    var_ids = []
    for ref in variables or ():
        code = cb.get(ref) or cb.by_path(ref)
        if code is None:
            raise AnnotatorError(f"{ref!r} is not a code or group of the codebook.")
        var_ids.append(code.id)
    coded_by_gold = coded_by(project, judge, doc_ids)
    missing = [d for d in doc_ids if d not in coded_by_gold]
    if missing:
        raise AnnotatorError(
            f"{len(missing)} of these articles have no gold coding by {judge.name} yet; code or import the gold "
            "standard first."
        )
    r = TrainingRound(
        "", name, "", float(threshold), judge.id, unit, var_ids, doc_ids, [c.id for c in people], hidden
    )
    with project.transaction():
        project.training.add_round(r)
        for c in people:
            project.workflow.assign(doc_ids, c.id)
            if hidden:
                rest = [d for d in project.training.queue(c.id) if d not in set(doc_ids)]
                queue = interleave(rest, doc_ids, random.Random(f"{seed}:{c.id}"))
                project.training.set_queue(c.id, {d: i for i, d in enumerate(queue)})
            else:  # certification comes before the main coding: first in the queue
                project.training.set_queue(c.id, {d: i - len(doc_ids) for i, d in enumerate(doc_ids)})
    return r


def round_scores(
    project: Project, round_name: str, *, coder: str | None = None, record: bool = True
) -> list[CoderScore]:
    """Each coder's scores against gold in the round (``coder``: only them);
    ``record`` keeps the scoring in the certification history."""
    r = project.training.find_round(round_name)
    people = {c.id: c for c in project.coders()}
    judge = people[r.gold_coder_id]
    chosen = [people[c] for c in r.coders]
    if coder is not None:
        who = project.find_coder(coder)
        if who.id not in r.coders:
            raise NotFound(f"{who.name} is not a coder of training round {r.name}.")
        chosen = [who]
    scores = []
    for c in chosen:
        if not coded_by(project, c, r.documents):
            raise AnnotatorError(f"{c.name} has not coded any article of training round {r.name} yet.")
        data = coding_data(project, [c, judge], segments=r.unit in SEGMENT_UNITS, documents=r.documents)
        try:
            score = score_against_gold(
                data,
                unit=r.unit,
                coder=c.id,
                gold=judge.id,
                threshold=r.threshold,
                variables=r.variables or None,
                coder_names={c.id: c.name, judge.id: judge.name},
            )
        except AgreementError as exc:
            raise AnnotatorError(str(exc)) from exc
        scores.append(score)
    if record and not project.readonly:
        at = now_iso()
        project.training.record_results(
            TrainingResult(r.id, s.coder_id, at, v.name, v.alpha, v.agreement, v.f1, v.units, v.passed)
            for s in scores
            for v in s.variables
        )
    return scores


def status(project: Project) -> list[RoundStatus]:
    """Per round, each coder's standing from their latest scoring."""
    names = {c.id: c.name for c in project.coders()}
    out = []
    for r in project.training.rounds():
        latest: dict[str, str] = {}
        verdict: dict[str, bool] = {}
        for res in project.training.results(r.id):
            if res.scored_at != latest.get(res.coder_id):
                latest[res.coder_id], verdict[res.coder_id] = res.scored_at, True
            verdict[res.coder_id] = verdict[res.coder_id] and res.passed
        coders = {
            names[c]: ("not scored" if c not in verdict else "passed" if verdict[c] else "not yet")
            for c in r.coders
        }
        out.append(
            RoundStatus(r.name, r.threshold, len(r.documents), names.get(r.gold_coder_id, "?"), coders)
        )
    return out


def gold_coder(project: Project, name: str | None) -> Coder:
    if name:
        return project.find_coder(name)
    judges = [c for c in project.coders() if c.role == "adjudicator"]
    if len(judges) != 1:
        raise AnnotatorError(
            "The project has no gold standard yet (no adjudicator); adjudicate or import gold codings first."
            if not judges
            else "The project has several adjudicators; name the gold standard with --gold."
        )
    return judges[0]


def coded_by(project: Project, coder: Coder, documents: Sequence[str]) -> set[str]:
    wanted = set(documents)
    done = {d for d, _ in project.workflow.coders_with_status("done", [coder.id]) if d in wanted}
    spans = {a.document_id for a in project.annotations.annotations_for(list(wanted), [coder.id])}
    codes = {
        dc.document_id
        for dc in project.annotations.document_codes(coder_id=coder.id)
        if dc.document_id in wanted
    }
    return done | spans | codes
