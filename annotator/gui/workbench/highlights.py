"""How annotations look in the article: a light tint of the code's colour
behind the words, and a line in the full colour under them, stacked in lanes
where spans overlap so every code stays visible.

The tints are translucent colours rather than fixed light shades: Qt draws
each selection's background in turn, so overlapping tints blend, and the same
colour reads as a tint on a white page and as a glow on a dark one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < 128


def tint(colour: str, dark: bool) -> QColor:
    c = QColor(colour)
    c.setAlpha(72 if dark else 62)
    return c


def underline(colour: str, dark: bool) -> QColor:
    c = QColor(colour)
    if dark:
        c = c.lighter(125)
    return c


@dataclass(frozen=True)
class Span:
    """An annotation as the view draws it, in UTF-16 positions."""

    id: str
    start16: int
    end16: int
    colour: str
    lane: int = 0


def assign_lanes(spans: list[tuple[str, int, int]]) -> dict[str, int]:
    """Greedy interval colouring: each span gets the lowest lane free at its
    start, so overlapping spans get different lanes and most spans lane 0."""
    lanes_end: list[int] = []
    out: dict[str, int] = {}
    for sid, start, end in sorted(spans, key=lambda s: (s[1], -s[2])):
        for lane, lane_end in enumerate(lanes_end):
            if lane_end <= start:
                lanes_end[lane] = end
                out[sid] = lane
                break
        else:
            out[sid] = len(lanes_end)
            lanes_end.append(end)
    return out


def band_counts(spans: list[tuple[str, int, int]], lanes: dict[str, int]) -> dict[str, int]:
    """How many stripes each span's tint shares its line height with: the
    lanes used by its cluster of overlapping spans (1 for a span alone), so
    overlapping tints sit side by side instead of blending."""
    out: dict[str, int] = {}
    cluster: list[str] = []
    cluster_end = -1
    depth = 0

    def close() -> None:
        for sid in cluster:
            out[sid] = depth

    for sid, start, end in sorted(spans, key=lambda s: (s[1], -s[2])):
        if start >= cluster_end and cluster:
            close()
            cluster, depth = [], 0
        cluster.append(sid)
        cluster_end = max(cluster_end, end) if len(cluster) > 1 else end
        depth = max(depth, lanes.get(sid, 0) + 1)
    close()
    return out
