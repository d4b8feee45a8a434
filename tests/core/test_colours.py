"""Code colours that tell codes apart, also to red-green colour-blind coders."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
import yaml

from annotator.core.colours import (
    DEUTERANOPIA,
    MIN_DISTANCE,
    PALETTE,
    PROTANOPIA,
    ciede2000,
    closest_pair,
    distance,
    lab,
    maximin_palette,
    next_colour,
)

BUILT_IN = ["news_frames", "policy_frames", "source_types", "syria_2015"]
# this checkout's files (an installed package may carry another copy)
CODEBOOKS = Path(__file__).resolve().parents[2] / "resources" / "codebooks"


def load_codebook(name: str):
    from annotator.core.codebook import codebook_from_dict

    return codebook_from_dict(yaml.safe_load((CODEBOOKS / f"{name}.yaml").read_text(encoding="utf-8")))


def test_ciede2000_matches_sharma_wu_dalal_reference_pairs():
    # pairs 1, 7, 17 and 25 of the 34 published test pairs (Sharma, Wu & Dalal 2005, Table 1)
    pairs = [
        ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
        ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
        ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
        ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ]
    for a, b, expected in pairs:
        assert ciede2000(a, b) == pytest.approx(expected, abs=1e-4)


def test_lab_of_white_and_simulations_keep_greys():
    assert lab("#ffffff") == pytest.approx((100.0, 0.0, 0.0), abs=0.05)
    # Machado's matrices keep the grey axis: a grey looks the same to everyone
    for matrix in (DEUTERANOPIA, PROTANOPIA):
        assert lab("#808080", matrix) == pytest.approx(lab("#808080"), abs=0.2)
    # red and green, far apart in normal vision, come close under deuteranopia
    assert ciede2000(lab("#d55e00"), lab("#009e73")) > 40
    assert distance("#ff0000", "#00aa00") < ciede2000(lab("#ff0000"), lab("#00aa00")) / 2


def test_palette_is_what_the_search_gives_and_every_pair_is_apart():
    assert list(PALETTE) == maximin_palette(len(PALETTE))
    closest = closest_pair(PALETTE)
    assert closest is not None and closest[0] >= MIN_DISTANCE, closest


def _drawn_colours(codebook) -> dict[str, str]:
    """The colours of the codes drawn in the text: span codes that are not group headers."""
    return {c.name: c.color for c in codebook if c.scope == "span" and c.parent_id is not None}


@pytest.mark.parametrize("name", BUILT_IN)
def test_built_in_codebooks_give_every_highlighted_code_a_colour_of_its_own(name):
    codebook = load_codebook(name)
    drawn = _drawn_colours(codebook)
    for (a, ca), (b, cb) in itertools.combinations(drawn.items(), 2):
        assert distance(ca, cb) >= MIN_DISTANCE, f"{a} {ca} and {b} {cb} look alike"
    # the choices of one article-level question are told apart too
    for group in (c for c in codebook if c.scope == "document" and c.parent_id is None):
        kids = [c for c in codebook if c.parent_id == group.id]
        for a, b in itertools.combinations(kids, 2):
            assert distance(a.color, b.color) >= MIN_DISTANCE, f"{a.name} and {b.name} look alike"


def test_frames_and_sources_opened_together_stay_apart():
    """The workbench test project holds news_frames and source_types at once."""
    colours = {
        **_drawn_colours(load_codebook("news_frames")),
        **_drawn_colours(load_codebook("source_types")),
    }
    closest = closest_pair(list(colours.values()))
    assert closest is not None and closest[0] >= MIN_DISTANCE, closest


def test_next_colour_stands_apart_from_the_used_ones():
    used = list(PALETTE[:5])
    new = next_colour(used)
    assert new in PALETTE and new not in used
    assert min(distance(new, u) for u in used) >= MIN_DISTANCE
    assert next_colour([]) == PALETTE[0]
    # every colour used: the least alike of the palette again, never an error
    assert next_colour(PALETTE) in PALETTE
