"""A ``spacy train`` config for an exported DocBin, made by spaCy's own
``init config`` (spancat, and textcat_multilabel when there are cats), with a
suggester that proposes spans as long as the exported ones.

Coded spans are long (a quote, a sentence: 5 to 70 tokens), so the suggester
proposes thousands of candidates per article for a dozen true ones. spaCy's
multi-label spancat weighs every candidate alike: on the demo it learns within
a few steps to say "no label" everywhere (scores near 0.0005, F1 0.0 after
hundreds of steps). The single-label spancat has a ``negative_weight`` for the
"no label" class; set to the share of true spans among the candidates it
balances the two, and the demo's F1 rises above 0 within a few epochs.
"""

from __future__ import annotations

import statistics
from pathlib import Path

# An n-gram suggester proposes (tokens x sizes) candidates per document: past
# ~50 sizes training on CPU slows to minutes per article, so longer spans are
# left out of the proposals (and said so in the config).
MAX_SUGGESTED_TOKENS = 50


def suggester_sizes(lengths: list[int]) -> tuple[int, int]:
    if not lengths:
        return 1, 3
    return max(1, min(lengths)), max(1, min(max(lengths), MAX_SUGGESTED_TOKENS))


# Bounds on the weight of "no label": a floor so that very long articles do not
# turn "no label" into no signal at all, and 1 (spaCy's default) at most.
MIN_NEGATIVE_WEIGHT = 1e-4
MAX_NEGATIVE_WEIGHT = 1.0


def candidate_count(doc_lengths: list[int], low: int, high: int) -> int:
    """How many spans an n-gram range suggester proposes over these documents."""
    return sum(max(0, n - size + 1) for n in doc_lengths for size in range(low, high + 1))


def negative_weight(positives: int, candidates: int) -> float:
    """The weight of a "no label" candidate that makes the true spans weigh as
    much as all the others together."""
    if positives <= 0 or candidates <= positives:
        return MAX_NEGATIVE_WEIGHT
    share = positives / (candidates - positives)
    return float(f"{min(MAX_NEGATIVE_WEIGHT, max(MIN_NEGATIVE_WEIGHT, share)):.2g}")


def training_config(
    *,
    lang: str,
    spans_key: str,
    span_lengths: list[int],
    train_spans: int,
    doc_lengths: list[int],
    with_cats: bool,
    train: Path,
    dev: Path,
) -> str:
    """``span_lengths`` are the token counts of every exported span (the
    suggester's range), ``train_spans`` how many are in the training file, and
    ``doc_lengths`` the token counts of its documents."""
    from spacy.cli.init_config import init_config

    pipeline = ["spancat", "textcat_multilabel"] if with_cats else ["spancat"]
    config = init_config(lang=lang, pipeline=pipeline, optimize="efficiency", gpu=False, silent=True)
    low, high = suggester_sizes(span_lengths)
    spancat = config["components"]["spancat"]
    spancat["spans_key"] = spans_key
    spancat["suggester"] = {"@misc": "spacy.ngram_range_suggester.v1", "min_size": low, "max_size": high}
    candidates = candidate_count(doc_lengths, low, high)
    weight = negative_weight(train_spans, candidates)
    # the single-label form: its softmax has the "no label" class that
    # negative_weight scales (the multi-label one has no such knob)
    spancat["factory"] = "spancat_singlelabel"
    for key in ("threshold", "max_positive"):
        spancat.pop(key, None)
    spancat["negative_weight"] = weight
    spancat["allow_overlap"] = True
    spancat["model"]["scorer"] = {"@layers": "Softmax.v2"}
    # the scorer names its figures after the key
    weights = config["training"]["score_weights"]
    config["training"]["score_weights"] = {
        k.replace("spans_sc_", f"spans_{spans_key}_"): v for k, v in weights.items()
    }
    config["paths"]["train"] = str(train.resolve())
    config["paths"]["dev"] = str(dev.resolve())
    longer = sum(1 for n in span_lengths if n > high)
    head = [
        "# Made by Annotator's spaCy export: spancat on a blank pipeline, CPU.",
        f"# Spans: {len(span_lengths)}, {min(span_lengths, default=0)}-{max(span_lengths, default=0)} "
        f"tokens, median {statistics.median(span_lengths) if span_lengths else 0}; "
        f"the suggester proposes {low}-{high}.",
        f"# {candidates} candidates for {train_spans} true spans: spancat_singlelabel with "
        f"negative_weight {weight} so that they weigh alike.",
    ]
    if longer:
        head.append(f"# {longer} spans are longer than {high} tokens and cannot be proposed.")
    return "\n".join(head) + "\n" + config.to_str()
