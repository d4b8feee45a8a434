"""Training and certification rounds (issue 18) on the real demo project:
gold from the adjudicator, scores against gold with known answers, the
history of rounds, and training articles kept out of the main report."""

from __future__ import annotations

import pytest

from annotator.core.errors import AnnotatorError
from annotator.core.models import DocumentCode
from annotator.services import training
from annotator.services.adjudication import ensure_adjudicator
from annotator.services.agreement import agreement_report, coding_data
from annotator.services.demo import build_demo
from annotator.services.projects import find_coders
from annotator.store.project import Project

FRAME = "Dominant frame"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("training") / "demo.annotator"
    build_demo(path)
    return path


@pytest.fixture
def lead(demo_file, tmp_path):
    path = tmp_path / "lead.annotator"
    with Project.open(demo_file) as src:
        src.copy_to(path)
    p = Project.open(path)
    yield p
    p.close()


def _values(p: Project) -> list[str]:
    cb = p.codes.codebook()
    return [c.id for c in cb.children(cb.by_path(FRAME).id)]


def _gold_from(p: Project, coder: str, docs: list[str]) -> None:
    """The adjudicator copies ``coder``'s dominant frame on ``docs``."""
    judge = ensure_adjudicator(p)
    who = p.find_coder(coder)
    values = set(_values(p))
    for dc in p.annotations.document_codes(coder_id=who.id):
        if dc.code_id in values and dc.document_id in docs:
            p.annotations.set_document_code(DocumentCode(dc.document_id, judge.id, dc.code_id, dc.value))


def _frame_docs(p: Project, coder: str) -> list[str]:
    who = p.find_coder(coder)
    values = set(_values(p))
    return sorted(
        {dc.document_id for dc in p.annotations.document_codes(coder_id=who.id) if dc.code_id in values}
    )


def test_training_articles_are_left_out_of_the_main_report_by_default(lead):
    docs = _frame_docs(lead, "Amira")[:2]
    before = agreement_report(lead, coders=["Amira", "Ben"], codes=[FRAME])
    _gold_from(lead, "Amira", docs)
    training.create_round(lead, name="R1", documents=docs, threshold=0.667, variables=[FRAME], coders=["Ben"])
    after = agreement_report(lead, coders=["Amira", "Ben"], codes=[FRAME])
    n_before = int(before.parameters["documents_coded_by_two_or_more"])
    assert int(after.parameters["documents_coded_by_two_or_more"]) == n_before - 2
    data = coding_data(lead, find_coders(lead, ["Amira", "Ben"]))
    assert not set(docs) & set(data.lengths)
    with_training = coding_data(lead, find_coders(lead, ["Amira", "Ben"]), include_training=True)
    assert set(docs) <= set(with_training.lengths)


def test_a_coder_copying_gold_scores_one_and_passes(lead):
    docs = _frame_docs(lead, "Amira")[:4]
    _gold_from(lead, "Amira", docs)
    training.create_round(lead, name="R1", documents=docs, threshold=0.8, variables=[FRAME], coders=["Amira"])
    assert lead.training.queue(lead.find_coder("Amira").id)[:4] == docs  # training first
    (score,) = training.round_scores(lead, "R1")
    (v,) = score.variables
    assert score.passed and v.alpha == pytest.approx(1.0) and v.agreement == 1.0 and v.units == 4
    assert sum(map(sum, v.matrix)) == 4 and all(
        v.matrix[i][j] == 0 for i in range(len(v.matrix)) for j in range(len(v.matrix)) if i != j
    )


def test_known_answer_alpha_and_confusion_against_gold(lead):
    """Coder a a b b against gold a a b a on four articles: coincidences
    o_aa = 4, o_bb = 2, o_ab = o_ba = 1, n_a = 5, n_b = 3, n = 8, so
    alpha = 1 - D_o / D_e = 1 - (2/8) / (2 * 5 * 3 / (8 * 7)) = 8/15."""
    docs = _frame_docs(lead, "Amira")[:4]
    a, b = _values(lead)[:2]
    judge = ensure_adjudicator(lead)
    ben = lead.find_coder("Ben")
    for d, mine, gold in zip(docs, [a, a, b, b], [a, a, b, a], strict=True):
        lead.annotations.set_document_code(DocumentCode(d, ben.id, mine, "1"))
        lead.annotations.set_document_code(DocumentCode(d, judge.id, gold, "1"))
    training.create_round(lead, name="R1", documents=docs, threshold=0.5, variables=[FRAME], coders=["Ben"])
    (score,) = training.round_scores(lead, "R1")
    (v,) = score.variables
    assert v.alpha == pytest.approx(8 / 15)
    assert v.agreement == pytest.approx(0.75) and v.units == 4
    ia, ib = (
        v.categories.index(lead.codes.codebook().get(a).name),
        v.categories.index(lead.codes.codebook().get(b).name),
    )
    assert v.matrix[ia][ia] == 2 and v.matrix[ib][ib] == 1 and v.matrix[ib][ia] == 1 and v.matrix[ia][ib] == 0
    assert score.passed  # 8/15 >= 0.5
    stored = lead.training.results()
    assert [(r.alpha, r.passed) for r in stored] == [(pytest.approx(8 / 15), True)]


def test_rounds_repeat_until_a_coder_passes_and_the_history_is_kept(lead):
    docs = _frame_docs(lead, "Amira")
    first, second = docs[:4], docs[4:8]
    _gold_from(lead, "Amira", first + second)
    training.create_round(
        lead, name="R1", documents=first, threshold=1.0, variables=[FRAME], coders=["Ben", "Amira"]
    )
    r1 = {s.coder: s.passed for s in training.round_scores(lead, "R1")}
    assert r1["Amira"] is True
    failing = [c for c, ok in r1.items() if not ok]
    if failing:
        training.create_round(
            lead, name="R2", documents=second, threshold=0.0, variables=[FRAME], coders=failing
        )
        training.round_scores(lead, "R2")
    status = training.status(lead)
    assert [r.name for r in status] == (["R1", "R2"] if failing else ["R1"])
    assert status[0].coders["Amira"] == "passed"
    assert len(lead.training.results()) >= 2  # each scoring kept


def test_bad_rounds_are_refused_in_one_sentence(lead):
    docs = _frame_docs(lead, "Amira")[:2]
    with pytest.raises(AnnotatorError, match="no gold"):
        training.create_round(lead, name="R1", documents=docs, threshold=0.667, coders=["Ben"])
    _gold_from(lead, "Amira", docs)
    for kwargs, pattern in [
        ({"threshold": 1.5}, "threshold"),
        ({"name": " "}, "name"),
        ({"documents": []}, "article"),
        ({"variables": ["Nope"]}, "Nope"),
        ({"coders": ["Coder"]}, "Coder"),
    ]:
        args = {"name": "R1", "documents": docs, "threshold": 0.667, "coders": ["Ben"], **kwargs}
        with pytest.raises(AnnotatorError, match=pattern):
            training.create_round(lead, **args)
    training.create_round(lead, name="R1", documents=docs, threshold=0.667, coders=["Ben"])
    with pytest.raises(AnnotatorError, match="already"):
        training.create_round(lead, name="R1", documents=docs, threshold=0.667, coders=["Ben"])
    assert [r.name for r in lead.training.rounds()] == ["R1"]  # nothing half-made


def test_the_pass_rule():
    from annotator.agreement.certification import reaches

    assert reaches(0.667, 0.9, 0.667) and not reaches(0.6669, 0.9, 0.667)
    assert reaches(None, 1.0, 0.8)  # no variation, total agreement
    assert not reaches(None, 0.5, 0.8) and not reaches(None, None, 0.0)


def test_a_hidden_round_interleaves_gold_in_each_queue_seeded(lead):
    docs = _frame_docs(lead, "Amira")[:3]
    _gold_from(lead, "Amira", docs)
    ben = lead.find_coder("Ben")
    before = lead.training.queue(ben.id)
    training.create_round(
        lead, name="R1", documents=docs, threshold=0.667, coders=["Ben"], hidden=True, seed=5
    )
    queue = lead.training.queue(ben.id)
    assert sorted(queue) == sorted(before)  # the same articles, reordered
    places = [i for i, d in enumerate(queue) if d in docs]
    assert places != [0, 1, 2]  # not the visible training-first order
    assert [d for d in queue if d not in docs] == [d for d in before if d not in docs]
    # the same seed on a copy of the same project gives the same places
    for seed, same in ((5, True), (6, False)):
        copy = lead.path.with_name(f"copy{seed}.annotator")
        lead.copy_to(copy)
        with Project.open(copy) as other:
            training.create_round(
                other, name="R2", documents=docs, threshold=0.667, coders=["Ben"], hidden=True, seed=seed
            )
            assert (other.training.queue(ben.id) == queue) is same
