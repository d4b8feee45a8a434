"""The alternative annotator test reproduces the published figures of its
authors' example (github.com/nitaytech/AltTest, alt_test_example.ipynb) when
their data folder is given in ALTTEST_DATA (kept outside the repository)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from annotator.agreement.alt_test import alt_test

DATA = os.environ.get("ALTTEST_DATA")

# dataset, epsilon, LLM, winning rate, advantage probability (as printed by the authors, 2 decimals)
PUBLISHED = [
    ("framing", 0.15, "gpt-4o", 1.00, 0.92),
    ("framing", 0.15, "llama-31", 0.50, 0.80),
    ("framing", 0.15, "mistral-v03", 0.25, 0.80),
    ("wax", 0.1, "gemini_flash", 0.38, 0.69),
    ("wax", 0.1, "gpt-4o", 0.50, 0.73),
    ("cebab_aspects", 0.1, "gemini_pro", 0.90, 0.94),
    ("cebab_aspects", 0.1, "mistral-v03", 0.10, 0.81),
]


@pytest.mark.skipif(not DATA, reason="set ALTTEST_DATA to the AltTest repository's data folder")
@pytest.mark.parametrize(("dataset", "epsilon", "llm", "rate", "advantage"), PUBLISHED)
def test_the_authors_published_figures(dataset, epsilon, llm, rate, advantage):
    folder = Path(DATA or "") / dataset
    humans = json.loads((folder / "human_annotations.json").read_text(encoding="utf-8"))
    model = json.loads((folder / "llm_annotations.json").read_text(encoding="utf-8"))[llm]
    names = list(humans)
    units = sorted(
        {i for h in humans.values() for i in h if i in model and sum(i in humans[n] for n in names) >= 2}
    )
    values = sorted({str(v) for h in humans.values() for v in h.values()} | {str(model[i]) for i in units})
    index = {v: k for k, v in enumerate(values)}
    codes = np.full((len(units), len(names) + 1), -1)
    for r, i in enumerate(units):
        for c, n in enumerate(names):
            if i in humans[n]:
                codes[r, c] = index[str(humans[n][i])]
        codes[r, -1] = index[str(model[i])]
    result = alt_test(codes, len(names), list(range(len(names))), epsilon=epsilon)
    assert round(result.winning_rate, 2) == rate
    assert round(result.advantage_probability, 2) == advantage
