"""How far apart two colours look, to people with normal colour vision and
with the two common red-green deficiencies, and a palette chosen by it.

Distances are CIEDE2000 (ΔE00) between CIELAB colours (D65, sRGB). Colour
blindness is simulated with Machado, Oliveira & Fernandes (2009) at full
severity, applied to linear RGB as in their paper. A pair's *distance* here
is the smallest ΔE00 over normal vision, deuteranopia and protanopia: a pair
is only as distinct as it looks to the coder who sees it worst.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

Lab = tuple[float, float, float]
Matrix = tuple[tuple[float, float, float], ...]

# Machado et al. 2009, severity 1.0 (their Table; linear RGB in, linear RGB out)
DEUTERANOPIA: Matrix = (
    (0.367322, 0.860646, -0.227968),
    (0.280085, 0.672501, 0.047413),
    (-0.011820, 0.042940, 0.968881),
)
PROTANOPIA: Matrix = (
    (0.152286, 1.052583, -0.204868),
    (0.114503, 0.786281, 0.099216),
    (-0.003882, -0.048116, 1.051998),
)
VISIONS: dict[str, Matrix | None] = {"normal": None, "deuteranopia": DEUTERANOPIA, "protanopia": PROTANOPIA}

OKABE_ITO = ("#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7")

# The palette for codes: ``maximin_palette(20)`` (tests/core/test_colours.py
# checks that it still gives this list): Okabe-Ito's seven colours, then each
# time the colour of the 12-bit sRGB grid furthest from all chosen, among
# those with CIELAB lightness 40-75 (dark enough for a 2-px underline on
# white, light enough as a tint behind black text) and chroma of at least 20
# (greys are kept for "other" and group headers).
PALETTE: tuple[str, ...] = (
    "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7",
    "#007766", "#bb2233", "#ff99aa", "#3388ff", "#bbbb77", "#aa3388", "#aa3355",
    "#cc6655", "#33bb99", "#bb5588", "#7711ff", "#77bbcc", "#ff5588",
)  # fmt: skip

# ΔE00 of about 2.3 is a just-noticeable difference between large patches;
# thin underlines and tints behind text need several times that. 20 colours
# that stay apart under both red-green simulations cannot all be further
# apart than about 9 (the greedy search below gets 9.5 for 20); 8 keeps a
# margin and is still three and a half times the JND.
MIN_DISTANCE = 8.0


def hex_to_rgb(colour: str) -> tuple[float, float, float]:
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"{colour!r} is not a #rrggbb colour.")
    return tuple(int(value[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _lab_from_linear(r: float, g: float, b: float) -> Lab:
    x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047
    y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b
    z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def lab(colour: str, vision: Matrix | None = None) -> Lab:
    """CIELAB of ``colour`` (#rrggbb) as seen with ``vision`` (None: normal)."""
    rgb = [_linear(c) for c in hex_to_rgb(colour)]
    if vision is not None:
        rgb = [min(1.0, max(0.0, sum(m * c for m, c in zip(row, rgb, strict=True)))) for row in vision]
    return _lab_from_linear(*rgb)


def ciede2000(lab1: Lab, lab2: Lab) -> float:
    """ΔE00 (Sharma, Wu & Dalal 2005), with kL = kC = kH = 1."""
    l1, a1, b1 = lab1
    l2, a2, b2 = lab2
    c_bar = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_bar**7 / (c_bar**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360 if c1p else 0.0
    h2p = math.degrees(math.atan2(b2, a2p)) % 360 if c2p else 0.0
    dl, dc = l2 - l1, c2p - c1p
    if c1p * c2p == 0:
        dh = 0.0
    elif abs(h2p - h1p) <= 180:
        dh = h2p - h1p
    else:
        dh = h2p - h1p - 360 if h2p > h1p else h2p - h1p + 360
    dh_big = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_bar, cp_bar = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_bar = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_bar = (h1p + h2p) / 2
    else:
        h_bar = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_bar - 30))
        + 0.24 * math.cos(math.radians(2 * h_bar))
        + 0.32 * math.cos(math.radians(3 * h_bar + 6))
        - 0.20 * math.cos(math.radians(4 * h_bar - 63))
    )
    d_theta = 30 * math.exp(-(((h_bar - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(cp_bar**7 / (cp_bar**7 + 25**7))
    s_l = 1 + 0.015 * (l_bar - 50) ** 2 / math.sqrt(20 + (l_bar - 50) ** 2)
    s_c = 1 + 0.045 * cp_bar
    s_h = 1 + 0.015 * cp_bar * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt(
        (dl / s_l) ** 2 + (dc / s_c) ** 2 + (dh_big / s_h) ** 2 + r_t * (dc / s_c) * (dh_big / s_h)
    )


def distance(a: str, b: str) -> float:
    """The smallest ΔE00 between ``a`` and ``b`` over the three visions."""
    return min(ciede2000(lab(a, m), lab(b, m)) for m in VISIONS.values())


def closest_pair(colours: Sequence[str]) -> tuple[float, str, str] | None:
    """(distance, a, b) of the two distinct colours that look most alike; None for fewer than two."""
    unique = list(dict.fromkeys(c.lower() for c in colours))
    best: tuple[float, str, str] | None = None
    for i, a in enumerate(unique):
        for b in unique[i + 1 :]:
            d = distance(a, b)
            if best is None or d < best[0]:
                best = (d, a, b)
    return best


def _candidates() -> list[str]:
    steps = range(0, 256, 17)
    grid = (f"#{r:02x}{g:02x}{b:02x}" for r in steps for g in steps for b in steps)
    out = []
    for c in grid:
        lightness, a, b = lab(c)
        if 40 <= lightness <= 75 and math.hypot(a, b) >= 20:
            out.append(c)
    return out


def maximin_palette(n: int, seeds: Iterable[str] = OKABE_ITO) -> list[str]:
    """``n`` colours: the seeds, then each time the candidate furthest (by
    ``distance``) from all chosen. Deterministic: the same call, the same list."""
    chosen = [s.lower() for s in seeds][:n]
    names = _candidates()
    labs = {v: [lab(c, m) for c in names] for v, m in VISIONS.items()}
    nearest = [math.inf] * len(names)

    def take(colour: str) -> None:
        seen = {v: lab(colour, m) for v, m in VISIONS.items()}
        for i in range(len(names)):
            d = min(ciede2000(labs[v][i], seen[v]) for v in VISIONS)
            if d < nearest[i]:
                nearest[i] = d

    for c in chosen:
        take(c)
    while len(chosen) < n:
        i = max(range(len(names)), key=lambda k: (nearest[k], names[k]))
        chosen.append(names[i])
        take(names[i])
    return chosen


def next_colour(used: Iterable[str], palette: Sequence[str] = PALETTE) -> str:
    """The palette colour that looks least like any of ``used`` (the first
    unused one on a tie), so a code added to a codebook stands apart from
    the codes already there."""
    taken = {c.lower() for c in used if len(c.lstrip("#")) == 6}
    free = [c for c in palette if c not in taken] or list(palette)
    if not taken:
        return free[0]
    return max(free, key=lambda c: (min(distance(c, t) for t in taken), -free.index(c)))
