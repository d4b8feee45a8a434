"""Offsets in UTF-16 code units (what Java, and so INCEpTION and WebAnno,
count) against code points (what the store counts, DESIGN.md section 3).

A character outside the Basic Multilingual Plane (most emoji) is one code
point but two UTF-16 units, so every offset after it differs by one.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left


class Utf16Offsets:
    """Both directions for one text; built once, each lookup is O(log n) at worst."""

    __slots__ = ("_astral", "length", "utf16_length")

    def __init__(self, text: str):
        # code-point positions of astral characters; usually none
        self._astral = array("i", (i for i, ch in enumerate(text) if ord(ch) > 0xFFFF))
        self.length = len(text)
        self.utf16_length = self.length + len(self._astral)

    def to_utf16(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)

    def from_utf16(self, unit: int) -> int | None:
        """The code-point offset of a UTF-16 offset; None inside a surrogate pair."""
        if not self._astral:
            return unit
        # lo = how many astral characters start (in UTF-16 units) before ``unit``
        lo, hi = 0, len(self._astral)
        while lo < hi:
            mid = (lo + hi) // 2
            if self._astral[mid] + mid < unit:
                lo = mid + 1
            else:
                hi = mid
        if lo and self._astral[lo - 1] + lo == unit:
            return None  # between the two halves of a surrogate pair
        return unit - lo


def utf16_length(text: str) -> int:
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)
