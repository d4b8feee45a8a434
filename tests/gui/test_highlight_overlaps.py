"""Overlapping annotations: each code's tint stays visible as a stripe of its
own instead of the tints blending into a third colour."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor

from annotator.gui.workbench.article_text import ArticleText
from annotator.gui.workbench.highlights import band_counts, tint

pytestmark = pytest.mark.gui

TEXT = "Residents said the strikes hit a market on Tuesday, and the ministry denied it."


def _on_white(colour: str) -> tuple[int, int, int]:
    c = tint(colour, False)
    a = c.alpha() / 255
    return tuple(round(v * a + 255 * (1 - a)) for v in (c.red(), c.green(), c.blue()))


def _near(pixel: QColor, rgb: tuple[int, int, int], tolerance: int = 6) -> bool:
    return all(
        abs(p - q) <= tolerance for p, q in zip((pixel.red(), pixel.green(), pixel.blue()), rgb, strict=True)
    )


def test_band_counts_give_a_cluster_of_overlaps_one_stripe_per_lane():
    spans = [("a", 0, 10), ("b", 5, 20), ("c", 30, 40)]
    lanes = {"a": 0, "b": 1, "c": 0}
    assert band_counts(spans, lanes) == {"a": 2, "b": 2, "c": 1}


def test_two_codes_on_one_passage_both_show_their_own_tint(qtbot):
    view = ArticleText()
    qtbot.addWidget(view)
    view.resize(700, 300)
    view.set_text(TEXT)
    blue, orange = "#0072b2", "#e69f00"
    view.set_spans([("one", 0, 30, blue), ("two", 10, 50, orange)])
    view.show()
    qtbot.waitExposed(view)
    image = view.viewport().grab().toImage()
    x1, x2, top, bottom = next(iter(view.line_pieces(12, 28)))
    # a column between two letters' stems would also do; scan a few
    seen = [
        image.pixelColor(int(x), y)
        for x in range(int(x1) + 2, int(x2) - 2, 3)
        for y in range(int(top), int(bottom))
    ]
    assert any(_near(p, _on_white(blue)) for p in seen), "the first code's tint is hidden"
    assert any(_near(p, _on_white(orange)) for p in seen), "the second code's tint is hidden"


def test_the_hover_legend_names_the_codes_in_the_order_of_their_stripes(qtbot, window):
    text = window.article.text
    text.select_span(0, 40)  # the longer span starts first: lane 0, the top stripe
    window.apply_code(window.codebook.by_shortcut("c").id)
    text.select_span(10, 20)
    window.apply_code(window.codebook.by_shortcut("m").id)
    tip = window._tooltip(15)
    assert tip.index("Conflict") < tip.index("Morality")
