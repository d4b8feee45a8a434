"""The lead's view of the training rounds, for the window: each round with
each coder's standing (not started, coding n of m, passed, not passed, how
many scorings), which articles can be gold for a new round and why the others
cannot, a round's scoring history, and what a follow-up round for those who
did not pass starts from. The figures come from ``annotator.services.training``
(the same ``create_round`` and ``round_scores`` the CLI calls)."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

# the window takes the score types from here, never from the agreement engine
from annotator.agreement.certification import CoderScore, VariableScore
from annotator.core.errors import AnnotatorError
from annotator.core.task import NULL_STATE, TaskState
from annotator.core.training import TrainingResult, TrainingRound
from annotator.services import training
from annotator.store.project import Project

NOT_STARTED, CODING, PASSED, NOT_PASSED = "not_started", "coding", "passed", "not_passed"


@dataclass
class CoderStanding:
    coder_id: str
    name: str
    state: str  # NOT_STARTED | CODING | PASSED | NOT_PASSED (from the latest scoring)
    done: int  # round articles the coder has marked done
    articles: int
    attempts: int  # scorings so far


@dataclass
class RoundOverview:
    name: str
    created_at: str
    articles: int
    threshold: float
    hidden: (
        bool | None
    )  # slipped among the coders' other articles, not first in their queue; None: not recorded
    unit: str
    gold: str
    variables: list[str]  # code paths; empty: every variable
    coders: list[CoderStanding] = field(default_factory=list)


@dataclass
class GoldArticle:
    id: str
    title: str
    reason: str = ""  # why it cannot be gold; empty when it can
    rounds: list[str] = field(default_factory=list)  # the rounds that used it already

    @property
    def eligible(self) -> bool:
        return not self.reason


@dataclass
class GoldChoice:
    gold: str  # the gold coder's name, empty when the project has none
    articles: list[GoldArticle] = field(default_factory=list)
    problem: str = ""  # one sentence when no article can be gold

    def eligible(self) -> list[GoldArticle]:
        return [a for a in self.articles if a.eligible]


@dataclass
class Scoring:
    """One scoring of one coder in a round, as the history keeps it."""

    coder: str
    scored_at: str
    passed: bool
    variables: list[TrainingResult]


@dataclass
class RoundScoring:
    """What "Score now" computed: the scores, and the coders left out because
    they have coded none of the round's articles yet."""

    round: str
    scores: list[CoderScore]
    not_started: list[str] = field(default_factory=list)


@dataclass
class FollowUp:
    """The starting point of a new round for the coders who did not pass."""

    name: str
    coders: list[str]  # names
    threshold: float
    hidden: bool
    gold: str
    documents: list[str]  # unused gold articles, as many as the round had (or fewer when short)


def overview(project: Project) -> list[RoundOverview]:
    """Every round, oldest first, with each coder's standing."""
    people = {c.id: c for c in project.coders()}
    cb = project.codes.codebook()
    out = []
    for r in project.training.rounds():
        scorings: dict[str, set[str]] = defaultdict(set)
        latest: dict[str, tuple[str, bool]] = {}
        for res in project.training.results(r.id):
            scorings[res.coder_id].add(res.scored_at)
            at, ok = latest.get(res.coder_id, ("", True))
            latest[res.coder_id] = (
                (res.scored_at, res.passed) if res.scored_at != at else (at, ok and res.passed)
            )
        docs = set(r.documents)
        done = project.workflow.coders_with_status("done", r.coders)
        row = RoundOverview(
            r.name,
            r.created_at,
            len(r.documents),
            r.threshold,
            r.hidden,
            r.unit,
            people[r.gold_coder_id].name if r.gold_coder_id in people else "?",
            [cb.path(v) for v in r.variables if cb.get(v)],
        )
        for cid in r.coders:
            coder = people[cid]
            n_done = sum(1 for d, c in done if c == cid and d in docs)
            if cid in latest:
                state = PASSED if latest[cid][1] else NOT_PASSED
            elif n_done or training.coded_by(project, coder, r.documents):
                state = CODING
            else:
                state = NOT_STARTED
            row.coders.append(CoderStanding(cid, coder.name, state, n_done, len(docs), len(scorings[cid])))
        out.append(row)
    return out


def gold_articles(project: Project, gold: str | None = None) -> GoldChoice:
    """Every article, and whether it can be gold in a new round: it can when
    the gold coder (the adjudicator, or ``gold``) has coded it, the rule
    ``create_round`` enforces."""
    try:
        judge = training.gold_coder(project, gold)
    except AnnotatorError as exc:
        return GoldChoice("", [], str(exc))
    used: dict[str, list[str]] = defaultdict(list)
    for r in project.training.rounds():
        for d in r.documents:
            used[d].append(r.name)
    docs = project.documents.list_documents()
    coded = training.coded_by(project, judge, [d.id for d in docs])
    why = f"no gold coding by {judge.name}"
    articles = [GoldArticle(d.id, d.title, "" if d.id in coded else why, used.get(d.id, [])) for d in docs]
    choice = GoldChoice(judge.name, articles)
    if not choice.eligible():
        choice.problem = f"No article has a gold coding by {judge.name} yet; adjudicate articles or import gold codings first."
    return choice


def history(project: Project, round_name: str) -> list[Scoring]:
    """The round's scorings, newest first."""
    r = project.training.find_round(round_name)
    names = {c.id: c.name for c in project.coders()}
    grouped: dict[tuple[str, str], list[TrainingResult]] = defaultdict(list)
    for res in project.training.results(r.id):
        grouped[(res.scored_at, res.coder_id)].append(res)
    out = [
        Scoring(names.get(cid, "?"), at, all(v.passed for v in rows), rows)
        for (at, cid), rows in grouped.items()
    ]
    return sorted(out, key=lambda s: s.scored_at, reverse=True)


def score_round(project: Project, round_name: str, *, state: TaskState = NULL_STATE) -> RoundScoring:
    """Score every coder of the round who has coded any of its articles
    (``round_scores`` per coder, kept in the history); the others are named,
    not failed."""
    r = project.training.find_round(round_name)
    people = {c.id: c for c in project.coders()}
    out = RoundScoring(r.name, [])
    for i, cid in enumerate(r.coders):
        state.check("The scoring was cancelled.")
        state.set_progress(i, len(r.coders))
        coder = people[cid]
        if not training.coded_by(project, coder, r.documents):
            out.not_started.append(coder.name)
            continue
        out.scores += training.round_scores(project, r.name, coder=cid, record=not project.readonly)
    state.set_progress(len(r.coders), len(r.coders))
    if not out.scores and out.not_started:
        raise AnnotatorError(f"No coder has coded an article of training round {r.name} yet.")
    return out


def gold_by_coder(v: VariableScore) -> list[list[int]]:
    """The confusion matrix with gold's values as rows and the coder's as
    columns (``VariableScore.matrix`` has the coder's as rows)."""
    return [list(col) for col in zip(*v.matrix, strict=True)] if v.matrix else []


def next_round_name(project: Project, after: str) -> str:
    """R1 -> R2 (or the next free number); a name without a number gets " 2", " 3"…"""
    taken = {r.name for r in project.training.rounds()}
    m = re.fullmatch(r"(.*?)(\d+)", after)
    stem, n = (m.group(1), int(m.group(2))) if m else (after + " ", 2)
    while f"{stem}{n}" in taken or f"{stem}{n}" == after:
        n += 1
    return f"{stem}{n}"


def follow_up(project: Project, round_name: str) -> FollowUp:
    """A new round for the coders of ``round_name`` who have not passed it:
    its threshold, placement and gold coder, and as many gold articles as it
    had that no round has used yet."""
    r = project.training.find_round(round_name)
    ov = next(o for o in overview(project) if o.name == r.name)
    coders = [c.name for c in ov.coders if c.state != PASSED]
    if not coders:
        raise AnnotatorError(f"Every coder of training round {round_name} has passed it.")
    fresh = [a.id for a in gold_articles(project, ov.gold).eligible() if not a.rounds]
    return FollowUp(
        next_round_name(project, round_name),
        coders,
        ov.threshold,
        bool(ov.hidden),
        ov.gold,
        fresh[: ov.articles],
    )


def create_round(
    project: Project,
    *,
    name: str,
    documents: Sequence[str],
    threshold: float,
    coders: Sequence[str],
    gold: str | None,
    hidden: bool,
    seed: int | None,
) -> TrainingRound:
    """The window's New round form: ``training.create_round``, the call of
    ``annotator training create``; no coder ticked means none, not every coder
    (the command's default when --coders is left out)."""
    if not coders:
        raise AnnotatorError("Choose at least one coder to train.")
    return training.create_round(
        project,
        name=name,
        documents=documents,
        threshold=threshold,
        coders=coders,
        gold=gold,
        hidden=hidden,
        seed=seed,
    )
