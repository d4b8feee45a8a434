"""A ``spacy train`` config for an exported DocBin, made by spaCy's own
``init config`` (spancat, and textcat_multilabel when there are cats), with a
suggester that proposes spans as long as the exported ones."""

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


def training_config(
    *,
    lang: str,
    spans_key: str,
    span_lengths: list[int],
    with_cats: bool,
    train: Path,
    dev: Path,
) -> str:
    from spacy.cli.init_config import init_config

    pipeline = ["spancat", "textcat_multilabel"] if with_cats else ["spancat"]
    config = init_config(lang=lang, pipeline=pipeline, optimize="efficiency", gpu=False, silent=True)
    low, high = suggester_sizes(span_lengths)
    spancat = config["components"]["spancat"]
    spancat["spans_key"] = spans_key
    spancat["suggester"] = {"@misc": "spacy.ngram_range_suggester.v1", "min_size": low, "max_size": high}
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
    ]
    if longer:
        head.append(f"# {longer} spans are longer than {high} tokens and cannot be proposed.")
    return "\n".join(head) + "\n" + config.to_str()
