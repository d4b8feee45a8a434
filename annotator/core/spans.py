"""The offset contract (DESIGN.md section 3): spans are ``[start, end)`` in
Unicode code points of a document's stored text."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence

from annotator.core.errors import InvalidSpan


def check_span(start: int, end: int, text_length: int) -> None:
    """Raise :class:`InvalidSpan` unless ``0 <= start < end <= text_length``."""
    if not isinstance(start, int) or not isinstance(end, int):
        raise InvalidSpan(f"Span offsets must be whole numbers, got {start!r} and {end!r}.")
    if start < 0:
        raise InvalidSpan(f"Span start {start} is before the beginning of the text.")
    if end <= start:
        raise InvalidSpan(f"Span end {end} must be after its start {start}.")
    if end > text_length:
        raise InvalidSpan(f"Span end {end} is past the end of the text ({text_length} characters).")


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def snap_to_tokens(
    start: int,
    end: int,
    token_starts: Sequence[int],
    token_ends: Sequence[int],
) -> tuple[int, int]:
    """Widen ``[start, end)`` outward to whole tokens.

    ``token_starts``/``token_ends`` are sorted and parallel. A boundary that falls
    in white space between tokens moves inward to the nearest token instead, so
    a sloppy mouse selection does not pick up a neighbouring word.
    """
    if not token_starts or end <= start:
        return start, end
    # first token whose end is after start
    i = bisect_right(token_ends, start)
    # last token whose start is before end
    j = bisect_left(token_starts, end) - 1
    if i > j:
        return start, end  # selection lies wholly in white space
    # Inside a token this widens; in white space it moves to the next token.
    return token_starts[i], token_ends[j]


# --- UTF-16 (Qt) <-> code points (store) -------------------------------------


class Utf16Map:
    """Converts offsets between code points and UTF-16 code units for one text.

    Qt's QTextDocument counts UTF-16 units; the store counts code points. For
    texts wholly in the Basic Multilingual Plane both are the same and the map
    costs nothing; otherwise it keeps the sorted code-point positions of the
    astral characters (each of which takes two UTF-16 units).
    """

    __slots__ = ("_astral", "length", "length16")

    def __init__(self, text: str):
        self._astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if _has_astral(text) else []
        self.length = len(text)
        self.length16 = self.length + len(self._astral)

    def to_utf16(self, pos: int) -> int:
        if not self._astral:
            return pos
        return pos + bisect_left(self._astral, pos)

    def from_utf16(self, pos16: int) -> int:
        """Code-point offset of a UTF-16 offset; a position inside a surrogate
        pair is rounded down to the character's start."""
        if not self._astral:
            return pos16
        lo, hi = 0, len(self._astral)
        # number of astral characters whose both units lie before pos16
        while lo < hi:
            mid = (lo + hi) // 2
            if self._astral[mid] + mid + 1 < pos16:
                lo = mid + 1
            else:
                hi = mid
        k = lo
        if k < len(self._astral) and self._astral[k] + k + 1 == pos16:
            return self._astral[k]  # inside the pair: round down
        return pos16 - k


def _has_astral(text: str) -> bool:
    # encode-length check is fast C code, avoids a Python loop on BMP-only text
    return len(text.encode("utf-16-le")) != 2 * len(text)
