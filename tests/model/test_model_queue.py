"""A coder's remaining documents ordered by the model's uncertainty (issue 16,
item 5): the articles the model is least sure about come first, so the coder's
work teaches the next model most. Only that coder's queue order changes: done
documents and the lead's hidden checks keep their places, nothing is coded."""

from __future__ import annotations

import sqlite3

import pytest

from annotator.nlp.model_coder import ModelCoder
from annotator.store.project import Project
from tests.model.test_model_coder import cli, train_bot

pytestmark = pytest.mark.slow


def _rows(path) -> dict[str, list]:
    con = sqlite3.connect(path)
    try:
        return {
            t: sorted(con.execute(f"SELECT * FROM {t}").fetchall(), key=repr)
            for t in ("annotations", "document_codes", "suggestions", "hidden_checks")
        }
    finally:
        con.close()


@pytest.fixture(scope="module")
def assigned(tmp_path_factory):
    path = train_bot(tmp_path_factory.mktemp("queue") / "p.annotator")
    cli("coders", "add", str(path), "Cleo")
    cli("coders", "add", str(path), "Dan")
    cli("assign", str(path), "--hidden-checks", "6", "--seed", "2", "--coders", "Cleo,Dan")
    with Project.open(path) as p:
        cleo = p.coder_by_name("Cleo").id
        for d in p.training.queue(cleo)[:3]:
            p.workflow.set_status(d, cleo, "done")
    return path


def _uncertainty(model: ModelCoder, texts: list[str]) -> list[float]:
    return [max(1 - abs(2 * p - 1) for p in c.cats.values()) for c in model.code(texts)]


def test_order_puts_the_most_uncertain_remaining_documents_first(assigned, tmp_path):
    path = tmp_path / "order.annotator"
    path.write_bytes(assigned.read_bytes())
    with Project.open(path, readonly=True) as p:
        cleo, dan = p.coder_by_name("Cleo").id, p.coder_by_name("Dan").id
        before, dan_before = p.training.queue(cleo), p.training.queue(dan)
        checks = p.training.hidden_checks()
        done = {a.document_id for a in p.workflow.assignments(cleo) if a.status == "done"}
        model = ModelCoder.from_bytes(p.models.data(p.models.latest("bot").id))
        texts = {d: p.documents.document_text(d) for d in before}
    rows = _rows(path)
    out = cli("model", "order", str(path), "--name", "bot", "--coder", "Cleo").stdout
    assert "Cleo" in out and "check" not in out.lower()
    with Project.open(path, readonly=True) as p:  # a fresh connection
        after = p.training.queue(cleo)
        assert p.training.queue(dan) == dan_before
    assert sorted(after) == sorted(before)
    fixed = [i for i, d in enumerate(before) if d in checks or d in done]
    assert fixed and [after[i] for i in fixed] == [before[i] for i in fixed]
    moved = [after[i] for i in range(len(after)) if i not in set(fixed)]
    scores = _uncertainty(model, [texts[d] for d in moved])
    assert scores == sorted(scores, reverse=True)
    assert moved != [before[i] for i in range(len(before)) if i not in set(fixed)]
    assert _rows(path) == rows  # nothing coded, suggested or un-hidden


def test_order_refuses_in_one_sentence_and_changes_nothing(assigned, tmp_path):
    path = tmp_path / "refuse.annotator"
    path.write_bytes(assigned.read_bytes())
    cli("model", "code", str(path), "--name", "bot")  # the model codes as coder "bot", of role model
    before = path.read_bytes()
    for args, words in (
        (["--coder", "Zed"], "no coder named 'Zed'"),
        (["--coder", "bot"], "model coder"),
        (["--coder", "Amira"], "no remaining assigned documents"),
    ):
        done = cli("model", "order", str(path), "--name", "bot", *args, check=False)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert done.returncode == 1 and len(lines) == 1 and words in lines[0], done.stderr
    assert path.read_bytes() == before
