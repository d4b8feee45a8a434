"""The diagnostics of a small coded sample, every figure worked out by hand:
three coders and a gold coder choose the dominant frame of four articles."""

from __future__ import annotations

import pytest

from annotator.agreement.alpha import krippendorff_alpha
from annotator.agreement.diagnostics import diagnose
from annotator.agreement.errors import AgreementError

FRAME = "Dominant frame"
# a and gold agree everywhere; b differs from them on d4; c on d2, d3 and d4
CHOICES = {
    "a": "CCEE",
    "b": "CCEC",
    "c": "CECC",
    "g": "CCEE",
}
NAMES = {"C": "Conflict", "E": "Economy"}


@pytest.fixture
def sample(make_data):
    texts = {f"d{i}": f"Article {i}. It says things." for i in range(1, 5)}
    doc_codes = [
        (f"d{i + 1}", coder, f"{FRAME}/{NAMES[v]}", "1")
        for coder, values in CHOICES.items()
        for i, v in enumerate(values)
    ]
    data = make_data(texts, doc_codes=doc_codes)
    # c coded d1, d2 in the first week of March and d3, d4 in the second; the others all in the first
    for dc in data.document_codes:
        late = dc.coder_id == "c" and dc.document_id in ("d3", "d4")
        dc.updated_at = f"2026-03-{'10' if late else '03'}T10:00:{dc.document_id[1]}0+00:00"
    return data


def _frame(diag):
    return diag.variable(FRAME)


def test_pair_and_gold_confusion_matrices(sample):
    v = _frame(diagnose(sample, unit="document", coders=["a", "b", "c"], gold="g", variables=[FRAME]))
    assert v.categories == ["Conflict", "Economy"]
    ab = next(p for p in v.pairs if (p.first, p.second) == ("a", "b"))
    assert ab.matrix == [[2, 0], [1, 1]] and ab.units == 4 and ab.agreement == 0.75
    assert ab.alpha == pytest.approx(
        krippendorff_alpha([list("CCEE"), list("CCEC")], coders_in_rows=True).alpha
    )
    against_gold = {p.first: p for p in v.gold}
    assert against_gold["a"].matrix == [[2, 0], [0, 2]] and against_gold["a"].agreement == 1.0
    assert against_gold["c"].matrix == [[1, 2], [1, 0]] and against_gold["c"].agreement == 0.25


def test_leave_one_out_names_the_coder_who_lowers_alpha(sample):
    v = _frame(diagnose(sample, unit="document", coders=["a", "b", "c"], variables=[FRAME]))
    effects = {e.coder: e for e in v.leave_one_out}
    assert effects["c"].alpha_without == pytest.approx(
        krippendorff_alpha([list("CCEE"), list("CCEC")], coders_in_rows=True).alpha
    )
    assert max(effects.values(), key=lambda e: e.change).coder == "c"
    assert effects["c"].change == pytest.approx(effects["c"].alpha_without - v.alpha)


def test_usage_against_the_others_on_the_same_articles(sample):
    v = _frame(diagnose(sample, unit="document", coders=["a", "b", "c"], variables=[FRAME]))
    c_economy = next(u for u in v.usage if (u.coder, u.category) == ("c", "Economy"))
    assert (c_economy.rate, c_economy.others_rate) == (1 / 4, 3 / 8)
    assert (c_economy.values, c_economy.others_values) == (4, 8)


def test_drift_by_week_against_gold(sample):
    v = _frame(diagnose(sample, unit="document", coders=["a", "b", "c"], gold="g", variables=[FRAME]))
    rows = {(r.coder, r.period): (r.pairs, r.agreement) for r in v.drift}
    assert rows[("c", "2026-W10")] == (2, 0.5)  # d1 agrees with gold, d2 does not
    assert rows[("c", "2026-W11")] == (2, 0.0)
    assert rows[("a", "2026-W10")] == (4, 1.0)
    assert {r.against for r in v.drift} == {"g"}


def test_drift_by_order_against_the_others(sample):
    diag = diagnose(sample, unit="document", coders=["a", "b", "c"], variables=[FRAME], by="order", block=2)
    rows = {(r.coder, r.period): (r.pairs, r.agreement) for r in _frame(diag).drift}
    # b's first two articles (d1, d2): 4 pairs, 3 agree (c differs on d2); then d3, d4: 2 of 4
    assert rows[("b", "articles 1-2")] == (4, 0.75)
    assert rows[("b", "articles 3-4")] == (4, 0.5)


def test_articles_ranked_by_disagreement(sample):
    v = _frame(diagnose(sample, unit="document", coders=["a", "b", "c"], variables=[FRAME], top_documents=3))
    # d1, where all agree, ranks last and drops out; d2-d4 agree in 1 of 3 pairs each
    assert [d.document_id for d in v.documents] == ["d2", "d3", "d4"]
    assert [d.agreement for d in v.documents] == pytest.approx([1 / 3] * 3)


def test_bad_requests_are_refused(sample):
    with pytest.raises(AgreementError):
        diagnose(sample, unit="continuum", coders=["a", "b"])
    with pytest.raises(AgreementError):
        diagnose(sample, unit="document", coders=["a", "g"], gold="g")
