"""The rule-based attribution finder as a built-in baseline model (issue 16,
item 6): evaluated like a trained model on the same human codings, and per
code the better of the two pre-codes a coder's documents.

A small project built here: each article has three sentences of a minister, a
professor or a senator who "said" something. The humans code "Minister Anna
Berg" as "Government official" exactly where the rules find speakers (so the
rules cannot lose there), only the name of a professor ("Ben Okafor", without
the title the rules include) as "Expert" (so a model that learns the
boundary wins there), and nothing as "Politician" (only the rules propose it). The real blank spaCy
pipeline, real commands in subprocesses, a fixed seed."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from annotator.agreement import CodingData, compute_report
from annotator.agreement.spans_match import span_scores, spans_from_tuples
from annotator.core.codebook import Code
from annotator.core.models import Annotation, Coder, Document
from annotator.store.project import Project
from tests.model.test_model_coder import CLAIMS, NAMES, cli

PIPELINE = "blank:en"
ROLES = ("Minister", "Professor", "Senator")
FILLER = ["The weather was mild.", "Markets opened late.", "Crowds gathered outside."]


def _article(rng: random.Random) -> tuple[str, list[tuple[int, int, str]]]:
    text, spans = "", []
    for _ in range(3):
        role, name, claim = rng.choice(ROLES), rng.choice(NAMES), rng.choice(CLAIMS)
        speaker = f"{role} {name}"
        start = len(text)
        text += f"{speaker} said {claim}. {rng.choice(FILLER)} "
        if role == "Minister":
            spans.append((start, start + len(speaker), "Government official"))
        elif role == "Professor":
            named_at = start + len(role) + 1
            spans.append((named_at, named_at + len(name), "Expert"))
    return text.strip(), spans


def build(path: Path, n: int = 36, seed: int = 11) -> Path:
    """Amira codes every article, Ben every third one (the same spans); Ben's others remain."""
    rng = random.Random(seed)
    with Project.create(path) as p:
        group = p.codes.add_code(Code("Source types"))
        codes = {
            name: p.codes.add_code(Code(name, parent_id=group.id))
            for name in ("Government official", "Expert", "Politician")
        }
        amira = p.add_coder(Coder("Amira"))
        ben = p.add_coder(Coder("Ben"))
        p.set_meta("nlp_pipeline", PIPELINE)  # what the rules run on unless told otherwise
        docs = [
            (Document(text=t, title=f"Article {i}"), s)
            for i, (t, s) in enumerate(_article(rng) for _ in range(n))
        ]
        p.documents.add_documents([d for d, _ in docs])
        for i, (doc, spans) in enumerate(docs):
            for coder in [amira, ben] if i % 3 == 0 else [amira]:
                for s, e, code in spans:
                    p.annotations.add_annotation(Annotation(doc.id, coder.id, codes[code].id, s, e))
                p.workflow.set_status(doc.id, coder.id, "done")
    return path


def _direct_scores(path: Path, exported: Path) -> dict[str, dict]:
    """``annotator suggest``'s exported proposals scored against Amira (every
    article's codings; Ben's are the same): P/R/F1 and alpha per proposed code."""
    proposals = [json.loads(line) for line in exported.read_text(encoding="utf-8").splitlines()]
    with Project.open(path, readonly=True) as p:
        codebook = p.codes.codebook()
        amira = p.coder_by_name("Amira").id
        ids = p.documents.document_ids()
        lengths = {d: len(p.documents.document_text(d)) for d in ids}
        humans = [a for a in p.annotations.annotations_for(ids, [amira]) if not a.deleted]
    ref = [(a.document_id, a.start, a.end, a.code_id) for a in humans]
    got = [
        (s["document_id"], s["start"], s["end"], s["proposed_code_id"])
        for s in proposals
        if s["proposed_code_id"]
    ]
    codes = sorted({c for *_, c in got})
    annotations = [Annotation(d, "humans", c, s, e) for d, s, e, c in ref] + [
        Annotation(d, "rules", c, s, e) for d, s, e, c in got
    ]
    data = CodingData(
        lengths=lengths,
        codebook=codebook,
        coded={d: ("humans", "rules") for d in ids},
        annotations=annotations,
    )
    report = compute_report(
        data, unit="continuum", coders=["humans", "rules"], variables=codes, bootstrap=1000, seed=0
    )
    alphas = {v.id: (v.alpha, v.ci_low, v.ci_high) for v in report.variables}
    out = {}
    for code in codes:
        a, b = spans_from_tuples([r for r in ref if r[3] == code], [r for r in got if r[3] == code])
        out[codebook.path(code)] = {
            mode: {k: getattr(span_scores(a, b, mode=mode), k) for k in ("precision", "recall", "f1")}
            for mode in ("exact", "overlap")
        } | {"alpha": alphas.get(code, (None, None, None))}
    return out


def test_the_rules_evaluation_equals_a_direct_scoring_of_the_suggest_command(tmp_path):
    path = build(tmp_path / "rules.annotator")
    shown = cli("model", "evaluate", str(path), "--name", "rules", "--pipeline", PIPELINE, "--format", "json")
    ev = json.loads(shown.stdout)
    exported = tmp_path / "suggestions.jsonl"
    cli("suggest", str(path), "--model", PIPELINE, "--export", str(exported))
    direct = _direct_scores(path, exported)
    assert set(direct) == {
        "Source types/Government official",
        "Source types/Expert",
        "Source types/Politician",
    }
    by_code = {c["code"]: c for c in ev["codes"]}
    assert set(by_code) == set(direct)
    for code, want in direct.items():
        got = by_code[code]
        assert got["exact"] == pytest.approx(want["exact"]) and got["overlap"] == pytest.approx(
            want["overlap"]
        )
        assert (got["alpha"], got["alpha_low"], got["alpha_high"]) == pytest.approx(want["alpha"])
    assert by_code["Source types/Government official"]["overlap"]["f1"] == 1.0
    expert = by_code["Source types/Expert"]
    assert expert["exact"]["f1"] == 0.0 and expert["overlap"]["f1"] == 1.0 and expert["alpha"] < 1.0
    assert ev["folds"] == 0 and ev["documents"] == 36 and ev["training_source"] == "majority"
    assert ev["pipeline"].startswith("blank:en@") and ev["evaluated_at"]
    assert "nothing is trained" in ev["method"]
    # stored in the project file, and `model list` shows the built-in entry with it
    listed = json.loads(cli("model", "list", str(path), "--json").stdout)
    (rules,) = [m for m in listed if m["name"] == "rules"]
    stored = rules["provenance"]["evaluation"]
    assert rules["kind"] == "rules" and {k: stored[k] for k in ev} == ev
    assert stored["pipeline_name"] == PIPELINE and stored["batches"] == ["all"]
    table = " ".join(cli("model", "list", str(path)).stdout.split())
    assert "rules" in table and "built-in" in table and "no folds" in table


def test_the_rules_table_says_nothing_was_trained_and_refuses_a_learning_curve(tmp_path):
    path = build(tmp_path / "table.annotator", n=6)
    table = " ".join(
        cli("model", "evaluate", str(path), "--name", "rules", "--pipeline", PIPELINE).stdout.split()
    )
    assert (
        "nothing is trained, so no folds" in table
        and "Government official" in table
        and "F1 overlap" in table
    )
    done = cli("model", "evaluate", str(path), "--name", "rules", "--learning-curve", check=False)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 1 and len(lines) == 1 and "learning curve" in lines[0], done.stderr
    for command in ("train", "code", "threshold --min-lower 0.5", "order --coder Ben"):
        done = cli(
            "model", *command.split()[:1], str(path), "--name", "rules", *command.split()[1:], check=False
        )
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert done.returncode == 1 and len(lines) == 1 and "built-in" in lines[0], (command, done.stderr)


def _suggested(path: Path) -> dict[str, set[tuple[str, str]]]:
    """Per remaining document of Ben: the (kind, code path) of its open suggestions."""
    with Project.open(path, readonly=True) as p:
        codebook = p.codes.codebook()
        ben = p.coder_by_name("Ben").id
        remaining = [d for d in p.documents.document_ids() if p.workflow.status(d, ben) != "done"]
        return {
            d: {(s.kind, codebook.path(s.label)) for s in p.workflow.suggestions(d) if s.label}
            for d in remaining
        }


@pytest.mark.slow
def test_per_code_the_better_of_model_and_rules_suggests(tmp_path):
    path = build(tmp_path / "both.annotator")
    cli("model", "train", str(path), "--name", "bot", "--seed", "3", "--epochs", "8")
    cli("model", "threshold", str(path), "--name", "bot", "--min-lower", "0.2")
    cli("model", "evaluate", str(path), "--name", "bot", "--folds", "2")
    cli("model", "evaluate", str(path), "--name", "rules", "--pipeline", PIPELINE)
    out = json.loads(
        cli("model", "suggest", str(path), "--name", "bot", "--coder", "Ben", "--format", "json").stdout
    )
    chosen = {c["code"]: c for c in out["codes"]}
    assert chosen["Source types/Government official"]["from"] == "rules"
    assert chosen["Source types/Expert"]["from"] == "model bot v1"
    assert chosen["Source types/Politician"]["from"] == "rules"
    assert "only the rules" in chosen["Source types/Politician"]["why"]
    for c in chosen.values():
        assert "lower bound" in c["why"] or "only the rules" in c["why"]
    suggested = _suggested(path)
    assert len(suggested) == 24 and all(suggested.values())
    kinds = {pair for pairs in suggested.values() for pair in pairs}
    assert ("model", "Source types/Expert") in kinds and (
        "speaker",
        "Source types/Government official",
    ) in kinds
    assert ("speaker", "Source types/Politician") in kinds
    # per code one source: no rules suggestion for Expert, no model suggestion for the others
    assert {code for kind, code in kinds if kind == "model"} == {"Source types/Expert"}
    assert "Source types/Expert" not in {code for kind, code in kinds if kind != "model"}
    table = " ".join(cli("model", "suggest", str(path), "--name", "bot", "--coder", "Ben").stdout.split())
    assert "Government official" in table and "rules" in table and "model bot v1" in table


def _fake_model(path: Path, passed: dict[str, float]) -> None:
    """A model row whose evaluation is written here; never loaded, since the rules win every code it passed."""
    with Project.open(path) as p:
        codebook = p.codes.codebook()
        ids = {name: codebook.by_path(f"Source types/{name}").id for name in passed}
        when = "2026-01-01T00:00:00+00:00"
        p.models.add(
            "bot",
            "spacy",
            b"never loaded: the rules win",
            {
                "span_codes": {i: f"Source types/{n}" for n, i in ids.items()},
                "thresholds": {i: {"code": n, "min_lower": 0.5, "set_at": when} for n, i in ids.items()},
                "evaluation": {
                    "codes": [
                        {
                            "code_id": i,
                            "code": n,
                            "alpha": passed[n],
                            "alpha_low": passed[n],
                            "overlap": {"f1": 0.9},
                        }
                        for n, i in ids.items()
                    ]
                },
            },
        )


def test_a_model_that_did_not_pass_keeps_out_and_the_rules_keep_their_codes(tmp_path):
    path = build(tmp_path / "failed.annotator", n=9)
    _fake_model(path, {"Government official": 0.9, "Expert": 0.1})
    cli("model", "evaluate", str(path), "--name", "rules", "--pipeline", PIPELINE)
    out = json.loads(
        cli("model", "suggest", str(path), "--name", "bot", "--coder", "Ben", "--format", "json").stdout
    )
    chosen = {c["code"]: c for c in out["codes"]}
    assert {c["from"] for c in chosen.values()} == {"rules"}
    assert "did not pass" in chosen["Source types/Expert"]["why"]
    assert "1.000" in chosen["Source types/Government official"]["why"]  # the rules' lower bound beat 0.9
    kinds = {pair for pairs in _suggested(path).values() for pair in pairs}
    assert kinds and {kind for kind, _ in kinds} == {"speaker"}


def test_the_rules_alone_suggest_without_a_model(tmp_path):
    path = build(tmp_path / "alone.annotator", n=9)
    out = json.loads(
        cli("model", "suggest", str(path), "--name", "rules", "--coder", "Ben", "--format", "json").stdout
    )
    assert {c["from"] for c in out["codes"]} == {"rules"} and out["suggestions"] > 0
    assert all(pairs for pairs in _suggested(path).values())


def test_codes_named_after_the_parts_of_an_attribution_are_proposed_and_scored(tmp_path):
    """A codebook like PolNeAR's (Source, Cue, Content): the rules propose each part
    under its code, and their evaluation equals a direct scoring of `annotator suggest`."""
    path = tmp_path / "parts.annotator"
    rng = random.Random(5)
    with Project.create(path) as p:
        codes = {name: p.codes.add_code(Code(name)) for name in ("Source", "Cue", "Content")}
        amira = p.add_coder(Coder("Amira"))
        p.set_meta("nlp_pipeline", PIPELINE)
        for i in range(6):
            name, claim = rng.choice(NAMES), rng.choice(CLAIMS)
            text = f"{name} said {claim}. {rng.choice(FILLER)}"
            doc = Document(text=text, title=f"Article {i}")
            p.documents.add_documents([doc])
            parts = {"Source": (0, len(name)), "Cue": (len(name) + 1, len(name) + 5)}
            parts["Content"] = (len(name) + 6, len(name) + 6 + len(claim))
            for code, (s, e) in parts.items():
                p.annotations.add_annotation(Annotation(doc.id, amira.id, codes[code].id, s, e))
    ev = json.loads(cli("model", "evaluate", str(path), "--name", "rules", "--format", "json").stdout)
    exported = tmp_path / "parts.jsonl"
    cli("suggest", str(path), "--export", str(exported))
    direct = _direct_scores(path, exported)
    assert set(direct) == {"Source", "Cue", "Content"}
    for c in ev["codes"]:
        assert c["exact"] == pytest.approx(direct[c["code"]]["exact"])
        assert (c["alpha"], c["alpha_low"], c["alpha_high"]) == pytest.approx(direct[c["code"]]["alpha"])
        assert c["overlap"]["f1"] == 1.0, c


def test_a_speakers_source_type_code_comes_before_the_source_code():
    from annotator.core.codebook import Codebook
    from annotator.nlp.attribution_suggest import suggest_for_doc
    from annotator.nlp.pipeline import load_pipeline

    codebook = Codebook(
        [Code("Source", id="source"), Code("Government official", id="gov"), Code("Cue", id="cue")]
    )
    nlp, _info = load_pipeline(PIPELINE)
    text = "Minister Anna Berg said the plan had failed. Farid Haddad said wages must go up."
    found = {(text[s.start : s.end], s.kind, s.label) for s in suggest_for_doc(nlp(text), codebook=codebook)}
    assert ("Minister Anna Berg", "speaker", "gov") in found and ("said", "cue", "cue") in found
    assert ("Farid Haddad", "speaker", "source") in found  # no source type: the Source code
    assert ("the plan had failed", "content", "") in found  # the codebook has no Content code
