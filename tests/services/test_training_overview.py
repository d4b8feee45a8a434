"""The lead's view of training rounds (issue 18, the window's side): each
coder's standing, which articles can be gold, the scoring history, the
follow-up round for those who did not pass, on a real project file."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.models import Document, DocumentCode
from annotator.services import training
from annotator.services import training_overview as tov
from annotator.services.adjudication import ensure_adjudicator
from annotator.services.coding import mark_done
from annotator.services.projects import init_project
from annotator.store.project import Project


@pytest.fixture
def lead(tmp_path):
    """Twelve articles, gold (the adjudicator's dominant frame) on the first
    eight: frames a a b a b b a b."""
    path = tmp_path / "study.annotator"
    p = init_project(path, codebook="news_frames", coders=["Ana", "Ben"])
    docs = p.documents.add_documents(
        [Document(f"Article {i}: ministers met in Vienna.", title=f"A{i:02d}") for i in range(12)]
    )
    judge = ensure_adjudicator(p)
    a, b = _values(p)[:2]
    for d, v in zip(docs[:8], [a, a, b, a, b, b, a, b], strict=True):
        p.annotations.set_document_code(DocumentCode(d, judge.id, v, "1"))
    p.docs = docs  # type: ignore[attr-defined]
    yield p
    p.close()


def _values(p: Project) -> list[str]:
    cb = p.codes.codebook()
    return [c.id for c in cb.children(cb.by_path("Dominant frame").id)]


def _code(p: Project, coder: str, docs: list[str], values: list[str]) -> None:
    who = p.find_coder(coder)
    for d, v in zip(docs, values, strict=True):
        p.annotations.set_document_code(DocumentCode(d, who.id, v, "1"))
        mark_done(p, d, who.id)


def test_gold_articles_are_those_the_service_accepts_and_the_others_say_why(lead):
    choice = tov.gold_articles(lead)
    assert choice.gold == "Gold standard" and not choice.problem
    assert [a.id for a in choice.eligible()] == lead.docs[:8]
    refused = [a for a in choice.articles if not a.eligible]
    assert [a.id for a in refused] == lead.docs[8:]
    assert {a.reason for a in refused} == {"no gold coding by Gold standard"}
    with pytest.raises(AnnotatorError, match="no gold coding"):
        training.create_round(lead, name="R1", documents=lead.docs[7:9], threshold=0.5)
    training.create_round(lead, name="R1", documents=lead.docs[:4], threshold=0.5)
    assert [a.rounds for a in tov.gold_articles(lead).articles[:5]] == [["R1"]] * 4 + [[]]


def test_a_project_without_gold_says_so_in_one_sentence(tmp_path):
    with init_project(tmp_path / "x.annotator", coders=["Ana"]) as p:
        choice = tov.gold_articles(p)
    assert choice.articles == [] and choice.problem.startswith("The project has no gold standard yet")


def test_standing_moves_from_not_started_to_coding_to_passed(lead):
    a, b = _values(lead)[:2]
    training.create_round(lead, name="R1", documents=lead.docs[:4], threshold=0.5, coders=["Ana", "Ben"])
    (ov,) = tov.overview(lead)
    assert (ov.name, ov.articles, ov.threshold, ov.hidden, ov.gold) == ("R1", 4, 0.5, False, "Gold standard")
    assert [(c.name, c.state, c.done, c.attempts) for c in ov.coders] == [
        ("Ana", tov.NOT_STARTED, 0, 0),
        ("Ben", tov.NOT_STARTED, 0, 0),
    ]
    _code(lead, "Ana", lead.docs[:2], [a, a])
    assert [(c.state, c.done) for c in tov.overview(lead)[0].coders] == [
        (tov.CODING, 2),
        (tov.NOT_STARTED, 0),
    ]
    _code(lead, "Ana", lead.docs[2:4], [b, a])  # as gold
    result = tov.score_round(lead, "R1")
    assert result.not_started == ["Ben"]
    (score,) = result.scores
    cli = training.round_scores(lead, "R1", coder="Ana", record=False)[0]
    assert [(v.name, v.alpha, v.f1, v.passed) for v in score.variables] == [
        (v.name, v.alpha, v.f1, v.passed) for v in cli.variables
    ]
    ana = tov.overview(lead)[0].coders[0]
    assert (ana.state, ana.done, ana.attempts) == (tov.PASSED, 4, 1)


def test_history_keeps_every_scoring_newest_first_and_a_follow_up_takes_fresh_articles(lead):
    a, b = _values(lead)[:2]
    training.create_round(lead, name="R1", documents=lead.docs[:4], threshold=0.9, coders=["Ana", "Ben"])
    _code(lead, "Ana", lead.docs[:4], [a, a, b, a])
    _code(lead, "Ben", lead.docs[:4], [b, a, b, b])
    tov.score_round(lead, "R1")
    tov.score_round(lead, "R1")
    past = tov.history(lead, "R1")
    assert len(past) == 4 and [s.scored_at for s in past] == sorted((s.scored_at for s in past), reverse=True)
    assert {(s.coder, s.passed) for s in past} == {("Ana", True), ("Ben", False)}
    ov = tov.overview(lead)[0]
    assert [(c.name, c.state, c.attempts) for c in ov.coders] == [
        ("Ana", tov.PASSED, 2),
        ("Ben", tov.NOT_PASSED, 2),
    ]
    nxt = tov.follow_up(lead, "R1")
    assert (nxt.name, nxt.coders, nxt.threshold, nxt.hidden) == ("R2", ["Ben"], 0.9, False)
    assert nxt.documents == lead.docs[4:8]
    tov.create_round(
        lead,
        name=nxt.name,
        documents=nxt.documents,
        threshold=nxt.threshold,
        coders=nxt.coders,
        gold=None,
        hidden=nxt.hidden,
        seed=None,
    )
    assert [o.name for o in tov.overview(lead)] == ["R1", "R2"]
    assert tov.follow_up(lead, "R2").documents == []  # no fresh gold left


def test_the_confusion_matrix_turns_gold_into_rows(lead):
    a, b = _values(lead)[:2]
    training.create_round(
        lead, name="R1", documents=lead.docs[:4], threshold=0.5, coders=["Ben"], variables=["Dominant frame"]
    )
    _code(lead, "Ben", lead.docs[:4], [b, b, b, a])  # gold a a b a
    (v,) = tov.score_round(lead, "R1").scores[0].variables
    gold_rows = tov.gold_by_coder(v)
    ia, ib = v.categories.index("Conflict"), v.categories.index("Human interest")
    assert gold_rows[ia][ib] == 2 and gold_rows[ia][ia] == 1 and gold_rows[ib][ib] == 1
    assert v.matrix[ib][ia] == 2  # the service's own: the coder's values as rows


def test_a_hidden_round_is_told_from_one_first_in_the_queue(lead):
    training.create_round(lead, name="R1", documents=lead.docs[:2], threshold=0.5, coders=["Ana"])
    training.create_round(
        lead, name="R2", documents=lead.docs[2:4], threshold=0.5, coders=["Ana"], hidden=True, seed=1
    )
    assert [o.hidden for o in tov.overview(lead)] == [False, True]


def test_names_of_follow_up_rounds(lead):
    for name, docs in (("R1", lead.docs[:2]), ("R2", lead.docs[2:4]), ("Spring", lead.docs[4:6])):
        training.create_round(lead, name=name, documents=docs, threshold=0.5, coders=["Ana"])
    assert tov.next_round_name(lead, "R1") == "R3"
    assert tov.next_round_name(lead, "Spring") == "Spring 2"


def test_no_coder_ticked_trains_nobody(lead):
    with pytest.raises(AnnotatorError, match="at least one coder"):
        tov.create_round(
            lead,
            name="R1",
            documents=lead.docs[:2],
            threshold=0.5,
            coders=[],
            gold=None,
            hidden=False,
            seed=None,
        )
    assert lead.training.rounds() == []


def test_a_cancelled_scoring_records_nothing(lead):
    from annotator.core.errors import Cancelled
    from annotator.core.task import TaskState

    a, b = _values(lead)[:2]
    training.create_round(lead, name="R1", documents=lead.docs[:4], threshold=0.5, coders=["Ana", "Ben"])
    _code(lead, "Ana", lead.docs[:4], [a, a, b, a])
    state = TaskState()
    state.request_interruption()
    with pytest.raises(Cancelled):
        tov.score_round(lead, "R1", state=state)
    assert lead.training.results() == []
